// SCORE_TIMING=1 prints how long each step took (stderr): for the benchmark and for profiling.
import { performance } from 'node:perf_hooks';

let last = performance.now();
const mb = (n: number): number => Math.round(n / 1048576);

export function timing(step: string): void {
  if (!process.env.SCORE_TIMING) return;
  // With node --expose-gc, the heap figure is what is live (a collection first), for profiling memory.
  (globalThis as { gc?: () => void }).gc?.();
  const now = performance.now();
  const m = process.memoryUsage();
  process.stderr.write(`[timing] ${step}: ${((now - last) / 1000).toFixed(3)} s (since start ${(now / 1000).toFixed(3)} s, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB, buffers ${mb(m.arrayBuffers)} MB)\n`);
  last = now;
}
