// How much V8's optimising compiler does for a run: a clerk's run is short (one township in a
// second or two), and most of its CPU went to compiling, not to reading. Measured on the bench's
// township (2026-12-07, docs/performance.md): V8's compiler threads spent as much CPU beside the
// main thread as the main thread itself, the largest checks (checkRecords, checkEvents) compiled
// three times at 100–180 ms each with everything they call inlined into them. Without inlining
// the township is read in ~25 % less wall time; a county (minutes of steady work) is 9 % slower
// without it, so a batch that big turns it back on before its workers start.
import { setFlagsFromString } from 'node:v8';

/** A batch of more bytes than this runs long enough for inlining to pay back its compile time. */
export const INLINING_PAYS_FROM_BYTES = 16 * 1024 * 1024;

let inlining = true;

/**
 * Whether TurboFan inlines calls into the functions it optimises. The flag is read when a function
 * is queued for optimisation, so it applies to what is compiled from now on, in every thread of
 * the process (read workers started later compile with it too).
 */
export function setInlining(on: boolean): void {
  // SCORE_JIT=default: V8's own flags, untouched; SCORE_JIT=lean: never inlining (for measuring).
  if (process.env.SCORE_JIT === 'lean') on = false;
  if (on === inlining || process.env.SCORE_JIT === 'default') return;
  setFlagsFromString(on ? '--turbo-inlining' : '--no-turbo-inlining');
  inlining = on;
}

/** A batch of this many bytes: inlining on for a long one, off for a short one. */
export function inliningFor(bytes: number): void {
  setInlining(bytes > INLINING_PAYS_FROM_BYTES);
}
