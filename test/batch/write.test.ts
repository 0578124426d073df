// The output set (src/batch/write.ts) in process: a target given twice in one set is a problem of
// the set (OUTPUT_TWICE), and then nothing of it is written (OUTPUT_NONE_WRITTEN). Two adds at once
// (grade's 公示名单 from its write worker beside the 评定结果) keep the order of the calls.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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

  it('two adds at once: the files, stamps and problems keep the order of the calls, not of the writes', async () => {
    setLang('zh');
    const out = mkdtempSync(join(tmpdir(), 'score-set-order-'));
    const [first, second] = [join(out, '公示名单.xlsx'), join(out, '评定结果.xlsx')];
    const book = (): Book => {
      const b = new Book();
      b.addSheet('表').row({ cells: ['一'] });
      return b;
    };
    const set = new OutputSet(false, { quiet: true });
    // The first is written elsewhere and finishes last: after the second add is done.
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const a = set.addWritten(first, async (tmp, stamp) => {
      await late;
      writeFileSync(tmp, stamp);
    });
    const b = set.add(second, book).then(release);
    await Promise.all([a, b]);
    expect(set.stamps.map((s) => s.kind)).toEqual(['公示名单', '评定结果']);
    expect(await set.commit()).toEqual([first, second]);
    // --json gives the stamp after the commit.
    expect(set.stamps.map((s) => s.kind)).toEqual(['公示名单', '评定结果']);
    expect(readdirSync(out).sort()).toEqual(['公示名单.xlsx', '评定结果.xlsx']);
  });

  it('two adds at once, both failing: the problems in the order of the calls, and nothing written', async () => {
    setLang('zh');
    const out = mkdtempSync(join(tmpdir(), 'score-set-fail-'));
    const [first, second] = [join(out, '公示名单.xlsx'), join(out, '评定结果.xlsx')];
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    const set = new OutputSet(false, { quiet: true });
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const full = (): Error => Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    const a = set.addWritten(first, async () => {
      await late;
      throw full();
    });
    const b = set.addWritten(second, () => Promise.reject(full())).finally(release);
    await Promise.all([a, b]);
    expect(await set.commit()).toEqual([]);
    expect(set.stamps).toEqual([]);
    expect(lines.slice(0, 2).map((l) => l.includes(first) ? 'first' : l.includes(second) ? 'second' : l)).toEqual(['first', 'second']);
    expect(readdirSync(out)).toEqual([]);
  });
});
