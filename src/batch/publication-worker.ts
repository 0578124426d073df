// A worker thread of grade's write step on a county-size batch: it writes the 公示名单 from the read
// workers' packed branches while the main thread writes the 评定结果, so the two workbooks are made
// on two cores (src/batch/publication-lane.ts). It grades each branch as the main thread does (the
// same code, the main thread's township cut), so the workbook is the one the main thread would write.
import { parentPort, workerData } from 'node:worker_threads';
import { publicationList } from '../excel/write/publication.js';
import { gradePacked } from './graded.js';
import type { PublicationJob } from './publication-lane.js';
import { thaw } from './revive.js';
import { saveBook } from './write.js';

const { job, packed } = workerData as { job: unknown; packed: PublicationJob['packed'] };
const { input, cut, publication, tmp, stamp, time } = thaw<Omit<PublicationJob, 'packed'>>(job);

// Tests only (test/cli/county-slice.test.ts): 'exit' ends the worker before it writes (the main
// thread then writes the workbook itself), 'full' fails the write as a full disk does.
const hook = process.env.SCORE_TEST_WRITE_WORKER;
if (hook === 'exit') process.exit(1);

try {
  if (hook === 'full') throw Object.assign(new Error('ENOSPC: no space left on device (SCORE_TEST_WRITE_WORKER)'), { code: 'ENOSPC' });
  // One pass: no branch is kept open once its sheet is written.
  const result = gradePacked({ ...input, keep: false }, packed, cut);
  await saveBook(publicationList(input.scheme, result, publication), tmp, stamp, new Date(time));
  parentPort!.postMessage({ ok: true });
} catch (e) {
  // A file error (disk full, no access) goes back with its code: the main thread words it for the clerk.
  const err = e as NodeJS.ErrnoException;
  parentPort!.postMessage({ ok: false, code: err?.code, message: err instanceof Error ? err.message : String(e) });
}
