// grade's two workbooks on two cores: on a county-size batch (its branches packed by the read
// workers) the 公示名单 is written by a worker thread (src/batch/publication-worker.ts) while the
// main thread writes the 评定结果. Each pass expands every branch again (memory stays flat), so the
// passes were the longest part of the write; side by side they take about as long as the longer one.
import { availableParallelism } from 'node:os';
import type { PublicationOptions } from '../excel/write/publication.js';
import type { QuotaCut } from '../core/grade/grade.js';
import { keptOpen, type PackedBranch, type PackedGradeInput } from './graded.js';
import { freeze } from './revive.js';

export interface PublicationJob {
  input: PackedGradeInput;
  /** The main thread's township cut (townshipCut): the worker makes no quota pass. */
  cut: QuotaCut | undefined;
  packed: readonly PackedBranch[];
  /** With the digest's `published` of the main thread: the worker makes no digest pass. */
  publication: PublicationOptions;
  /** The OutputSet's temporary file, stamp text and time. */
  tmp: string;
  stamp: string;
  time: number;
}

/**
 * Heap of the write worker. It holds one branch and the sheet being written at a time: the 公示名单
 * of county-branches (2,800 branches) needed some 60 MB of heap in the main thread.
 */
const WRITE_WORKER_HEAP_MB = 256;
/**
 * Its young generation: with V8's 16 MB a county's peak rose from 288 to 311 MB (one run each, the
 * worker beside the main thread); with 8 MB it stayed at 287 MB.
 */
const WRITE_WORKER_YOUNG_MB = 8;

/**
 * Whether the 公示名单 is written beside the 评定结果: packed branches that are expanded again for each
 * workbook (gradePacked keeps none open: county-branches, county-x4), and a core for each. Where they
 * stay open (a county of 50 × 2,000) the main thread's 公示名单 pass is short, and a worker expanding
 * every branch again made the run slower (county: wall 1.06, CPU 1.09, 3 pairs).
 * SCORE_WRITE_WORKER=0 writes both here, =1 uses the worker whenever branches are packed (the tests
 * compare the two).
 */
export function publicationLaneUsed(packed: readonly PackedBranch[], cores = availableParallelism(), forced = process.env.SCORE_WRITE_WORKER): boolean {
  if (packed.length === 0 || forced === '0') return false;
  return forced === '1' || (cores >= 2 && !keptOpen(packed));
}

/**
 * Writes the 公示名单 in a worker. Resolves when the file is written; rejects with the file error
 * the worker met (its errno code kept, for fileError). A worker that could not run (out of memory,
 * a thread refused) is not an error: `inThread` then writes the same workbook here.
 */
export async function writePublicationElsewhere(job: PublicationJob, inThread: () => Promise<void>): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const { packed, ...rest } = job;
  const answer = await new Promise<{ ok: boolean; code?: string; message?: string } | undefined>((resolve) => {
    let w: InstanceType<typeof Worker>;
    try {
      w = new Worker(new URL('./publication-worker.js', import.meta.url), {
        workerData: { job: freeze(rest), packed },
        resourceLimits: { maxOldGenerationSizeMb: WRITE_WORKER_HEAP_MB, maxYoungGenerationSizeMb: WRITE_WORKER_YOUNG_MB },
      });
    } catch {
      resolve(undefined);
      return;
    }
    w.once('message', (m: { ok: boolean; code?: string; message?: string }) => resolve(m));
    w.once('error', () => resolve(undefined));
    w.once('exit', () => resolve(undefined));
  });
  if (answer === undefined) return inThread();
  if (!answer.ok) throw Object.assign(new Error(answer.message ?? 'write failed'), answer.code ? { code: answer.code } : {});
}
