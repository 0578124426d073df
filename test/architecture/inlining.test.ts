// The fast path of the exact decimals (src/core/decimal.ts) is called for every score a ledger
// holds: `scaled` is kept small enough for V8 to inline it under the launchers' inlining limit
// (tools/pack/node-flags.ts). Grown past it, it is a call of its own again at every sum and
// comparison (4 % of a county ledger's time, docs/performance.md 第十一轮). The size is V8's own
// count, read from `node --print-bytecode` on the built module.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../tools/pack/node-flags.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DECIMAL = pathToFileURL(join(ROOT, 'dist', 'src', 'core', 'decimal.js')).href;

/** The launchers' limit on the bytecode of a function TurboFan inlines. */
function inliningLimit(): number {
  const flag = NODE_FLAGS.find((f) => f.startsWith('--max-inlined-bytecode-size='));
  if (!flag) throw new Error('the launchers give no inlining limit');
  return Number(flag.split('=')[1]);
}

/** Bytecode length of a function of the built decimal module, as V8 counts it. */
function bytecodeLength(fn: string): number {
  const script = `import(${JSON.stringify(DECIMAL)}).then((m) => { const d = m.dec(8.5); m.${fn}(d, 1); })`;
  const run = spawnSync(process.execPath, ['--print-bytecode', `--print-bytecode-filter=${fn}`, '-e', script], { encoding: 'utf8' });
  const m = /Bytecode length: (\d+)/.exec(run.stdout);
  if (!m) throw new Error(`no bytecode printed for ${fn}: ${run.stderr}`);
  return Number(m[1]);
}

describe('the decimals’ fast path stays inlinable', () => {
  it('scaled is within the launchers’ inlining limit; its first-time work is a function of its own', () => {
    expect(bytecodeLength('scaled')).toBeLessThanOrEqual(inliningLimit());
  });

  it('the measure can fail: roundTo, a function with its slow paths inside, is over the limit', () => {
    expect(bytecodeLength('roundTo')).toBeGreaterThan(inliningLimit());
  });
});
