// How much V8's optimising compiler does for a run: a clerk's run is short (a township in a second
// or two), and most of its CPU went to compiling, not to reading. Measured on the bench's township
// (2026-12-07, docs/performance.md): V8's compiler threads spent as much CPU beside the main thread
// as the main thread itself; the largest checks (checkRecords, checkEvents) were compiled three
// times at 100–180 ms each, with everything they call inlined into them. TurboFan now inlines only
// small functions (a byte test, a getter: 40 bytes of bytecode, V8's default is 460): the township
// takes ~20 % less CPU and wall, and the long runs (a county on two workers, 2,800 ledgers) the
// same as with V8's default (paired runs, 0.99–1.01). No inlining at all was as fast on the
// township but up to 9 % slower on a county; 15 and 100 bytes measured worse than 40.
import { setFlagsFromString } from 'node:v8';

/** Largest function (bytes of bytecode) TurboFan inlines into another. */
export const INLINE_UP_TO_BYTES = 40;

/**
 * Sets the compiler's inlining for this process: called first thing, before the program's code is
 * hot. The flag is read when a function is queued for optimisation, in every thread (read workers
 * compile with it too). SCORE_JIT=default leaves V8's own flags untouched (for measuring).
 */
export function leanJit(): void {
  if (process.env.SCORE_JIT === 'default') return;
  setFlagsFromString(`--max-inlined-bytecode-size=${INLINE_UP_TO_BYTES}`);
}
