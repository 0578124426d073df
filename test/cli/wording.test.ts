// What clerks read: regulations by their titles (never seeds), numbers at a few decimals (exact
// fractions on request), full English with --lang en, no silent change of the publication window,
// dates in the ledgers' spellings, every common option accepted.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinIds } from '../../src/scheme/builtins.js';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const TOWNSHIP = join(ROOT, 'fixtures', 'township');
const LIUWAN = join(TOWNSHIP, '柳湾村党支部.xlsx');
const JARGON = /seed|种子/i;

describe('regulations by title, not internal words', () => {
  it('schemes and scheme show (zh and en) name no seed', () => {
    expect(score(['schemes']).stdout).not.toMatch(JARGON);
    expect(score(['schemes', '--json']).stdout).not.toMatch(JARGON);
    for (const id of builtinIds()) {
      for (const lang of ['zh', 'en']) {
        const r = score(['scheme', 'show', id, '--lang', lang]);
        expect(r.code).toBe(0);
        expect(r.stdout, `${id} ${lang}`).not.toMatch(JARGON);
      }
    }
    expect(score(['scheme', 'show', 'township']).stdout).toContain('来源：《浠水县xx镇党员积分管理实施细则(试行)》');
  });
});

describe('explain numbers', () => {
  it('are rounded to 4 places and marked ≈; --exact shows the fraction', () => {
    const r = score(['explain', '胡林文', '--ledger', LIUWAN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('平均 ≈38.4167');
    expect(r.stdout).not.toMatch(/\d\.\d{5,}/);
    const exact = score(['explain', '胡林文', '--ledger', LIUWAN, '--exact']);
    expect(exact.stdout).toContain('461/12');
    const j = json(score(['explain', '胡林文', '--ledger', LIUWAN, '--json']));
    expect(j.trace.some((s: { text: string }) => s.text.includes('≈38.4167'))).toBe(true);
  });
  it('point at the scheme reference in the repository', () => {
    expect(score(['explain', '胡林文', '--ledger', LIUWAN]).stdout).toContain('docs/schemes.md');
  });
});

describe('--lang en', () => {
  it('has no full-width colon or Chinese header in explain, validate and publish', () => {
    const e = score(['explain', '胡林文', '--ledger', LIUWAN, '--lang', 'en']);
    expect(e.stdout.split('\n')[0]).toBe('胡林文 (LW0603)  柳湾村党支部  cycle 2023  浠水县兰溪镇党员积分管理');
    expect(e.stdout).not.toContain('：');
    expect(e.stdout).not.toContain('　');
    const v = score(['validate', join(ROOT, 'fixtures', 'invalid', 'RECORD_ABOVE_MAX.xlsx'), '--lang', 'en']);
    expect(v.stdout).toContain('found: "12"');
    expect(v.stdout).not.toContain('：');
    const u = score(['publish', '--period', '2023Q1', TOWNSHIP, '--from', 'not-a-date', '--lang', 'en']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^usage error: /);
  });
});

describe('publish: the window', () => {
  it('--days below the regulation\'s 7 days is a usage error naming the regulation, and writes nothing', () => {
    const out = join(tmp('days-'), '输出');
    const r = score(['publish', '--period', '2023Q1', TOWNSHIP, '--days', '5', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--days 5 少于《浠水县xx镇党员积分管理实施细则(试行)》规定的公示期（不少于 7 天）');
    expect(r.stdout).not.toContain('已写出');
  });
  it('--from accepts the ledgers\' spellings: 2023/4/5, 2023年4月5日, 2023.4.5', () => {
    for (const from of ['2023/4/5', '2023年4月5日', '2023.4.5', '2023-04-05']) {
      const r = score(['publish', '--period', '2023Q1', TOWNSHIP, '--from', from, '--out', tmp('from-'), '--json']);
      expect(r.code, `${from}: ${r.stderr}`).toBe(0);
      expect(json(r)).toMatchObject({ from: '2023-04-05', to: '2023-04-11', days: 7 });
    }
    expect(score(['publish', '--period', '2023Q1', TOWNSHIP, '--from', '2023/4/35']).code).toBe(2);
  });
});

describe('compute', () => {
  it('a quarter that grades no one shows no empty 等次 column; the year does', () => {
    const q = score(['compute', LIUWAN, '--period', '2023Q1', '--out', tmp('q-')]);
    expect(q.code).toBe(0);
    expect(q.stdout).not.toContain('等次');
    expect(score(['compute', LIUWAN, '--period', '2023', '--out', tmp('y-')]).stdout).toContain('等次');
  });
});

describe('common options', () => {
  it('every command accepts --scheme --json --out --force --quiet --lang --no-color; one with no effect is noted', () => {
    const dir = tmp('common-');
    const all = ['--scheme', 'township', '--out', dir, '--force', '--quiet', '--lang', 'zh', '--no-color'];
    expect(score(['schemes', ...all]).code).toBe(0);
    expect(score(['scheme', 'show', 'township', ...all]).code).toBe(0);
    expect(score(['explain', '胡林文', '--ledger', LIUWAN, ...all]).code).toBe(0);
    expect(score(['validate', LIUWAN, ...all]).code).toBe(0);
    expect(score(['compute', LIUWAN, '--period', '2023Q1', ...all]).code).toBe(0);
    const noted = score(['schemes', '--out', dir]);
    expect(noted.stderr).toContain('score schemes 不用 --out，已忽略');
    expect(score(['scheme', 'show', 'township', '--scheme', 'agency']).stderr).toContain('score scheme show 不用 --scheme');
  });
  it('已写出 paths are relative to the current folder when inside it', () => {
    const dir = tmp('rel-');
    const r = score(['template', '--scheme', 'township', '--branch', '第一党支部', '--year', '2023'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写出：${join('输出', '第一党支部_积分台账_2023.xlsx')}`);
    expect(r.stdout).not.toContain(dir);
  });
});
