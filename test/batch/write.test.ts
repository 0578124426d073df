// The output set (src/batch/write.ts) in process: a target given twice in one set is a problem of
// the set (OUTPUT_TWICE), and then nothing of it is written (OUTPUT_NONE_WRITTEN).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../../src/batch/i18n.js';
import { say } from '../../src/batch/messages.js';
import { OutputSet } from '../../src/batch/write.js';
import { Book } from '../../src/excel/lean/book.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0; // the set says exit 1 (setExit); the test run must not inherit it
});

describe('an output set', () => {
  it('OUTPUT_TWICE: the same target twice → named, and none of the set written', async () => {
    setLang('zh');
    const out = mkdtempSync(join(tmpdir(), 'score-set-twice-'));
    const target = join(out, '评定结果.xlsx');
    const book = (): Book => {
      const b = new Book();
      b.addSheet('表').row({ cells: ['一'] });
      return b;
    };
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    const set = new OutputSet(false, { quiet: true });
    await set.add(target, book);
    await set.add(target, book);
    expect(await set.commit()).toEqual([]);
    expect(process.exitCode).toBe(1);
    expect(lines).toEqual([`未写出：${say('OUTPUT_TWICE', { target })}\n`, `${say('OUTPUT_NONE_WRITTEN', {})}\n`]);
    expect(lines[0]).toContain('在本次输出中出现两次');
    expect(readdirSync(out)).toEqual([]);
  });
});
