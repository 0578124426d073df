// A worker thread of the read and check step: opens, reads, checks (and computes) one ledger
// at a time for the main thread, so a batch uses every core.
import { libraryReason } from '../excel/library-errors.js';
import { readHash } from '../excel/read-hashes.js';
import { READ_CATALOGUE } from '../excel/read/catalogue.js';
import { makeDiagnostic } from '../core/diagnostics.js';
import { parentPort, workerData } from 'node:worker_threads';
import { setLang } from './i18n.js';
import { loadOne, type LoadOptions } from './inputs.js';
import { branchToBytes, freeze, thaw } from './revive.js';

const opts = thaw<LoadOptions & { lang: 'zh' | 'en' }>(workerData);
setLang(opts.lang);
const { lang: _lang, ...load } = opts;

interface Job {
  id: number;
  file: string;
}

/** The main thread sends the next file before this one is done (no idle gap): they are read one at a time. */
const queue: Job[] = [];
let busy = false;

parentPort?.on('message', (job: Job) => {
  queue.push(job);
  if (!busy) void drain();
});

async function drain(): Promise<void> {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) await read(job);
  busy = false;
}

async function read(job: Job): Promise<void> {
  try {
    // The scheme stays behind: the main thread has it (given) or loads it by the name the ledger's 说明 gives.
    const { scheme, branch, ...item } = await loadOne(job.file, load);
    const bytes = branch && branchToBytes(branch);
    const message = { id: job.id, item: freeze(item), branch: bytes, scheme: scheme === undefined ? undefined : scheme === load.scheme ? 'given' : 'named', sha256: readHash(job.file) };
    parentPort!.postMessage(message, bytes ? [bytes.buffer as ArrayBuffer] : []);
  } catch (e) {
    // A throw here is a library's (or our) error: the clerk gets it in words, the raw text only with SCORE_DEBUG.
    parentPort!.postMessage({ id: job.id, failed: makeDiagnostic(READ_CATALOGUE, 'READ_EXCEL_FAILED', { file: job.file }, libraryReason(e)) });
  }
}
