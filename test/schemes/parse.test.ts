// Every built-in scheme parses with the zod schema and the loader's cross-field checks,
// its bands tile the score line, and every decision of SCHEMES.md is carried in `decisions`.
import { describe, expect, it } from 'vitest';
import { parseSchemeText } from '../../src/scheme/load.js';
import { schemeSchema, type Band } from '../../src/scheme/schema.js';
import { BUILTIN_IDS, loadScheme, rawScheme } from './load.js';

/** Local R12 check: sorted bands must meet end to end with no gap, no overlap, open at both ends. */
function tiles(bands: readonly Band[]): string[] {
  if (bands.length === 0) return [];
  const s = [...bands].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
  const problems: string[] = [];
  if (s[0]!.min !== undefined) problems.push(`below ${s[0]!.min} uncovered`);
  if (s[s.length - 1]!.max !== undefined) problems.push(`above ${s[s.length - 1]!.max} uncovered`);
  for (let i = 1; i < s.length; i++) {
    const lo = s[i - 1]!;
    const hi = s[i]!;
    if (lo.max === undefined || hi.min === undefined || lo.max !== hi.min) {
      problems.push(`${lo.grade}/${hi.grade}: ${lo.max} vs ${hi.min}`);
      continue;
    }
    // exactly one of the two bands must hold the shared end point
    if (lo.maxInclusive === hi.minInclusive) problems.push(`${lo.grade}/${hi.grade}: point ${lo.max} ${lo.maxInclusive ? 'doubled' : 'uncovered'}`);
  }
  return problems;
}

describe('built-in schemes load', () => {
  it.each(BUILTIN_IDS)('%s parses with schemeSchema', (id) => {
    const r = schemeSchema.safeParse(rawScheme(id));
    if (!r.success) throw new Error(JSON.stringify(r.error.issues, null, 1));
    expect(r.data.id).toBe(id);
    expect(r.data.version).toBe(1);
    expect(r.data.name).toMatch(/[\u4e00-\u9fff]/);
    expect(r.data.source).toMatch(/^《[^》]+》/);
    expect(r.data.summary.length).toBeGreaterThan(10);
    expect(r.data.decisions.length).toBeGreaterThan(0);
  });

  it.each(BUILTIN_IDS)('%s passes the loader cross-field checks', (id) => {
    const r = parseSchemeText(JSON.stringify(rawScheme(id)), `${id}.json`, true);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.zh}`)).toEqual([]);
  });

  it.each(BUILTIN_IDS)('%s bands tile the whole line', (id) => {
    expect(tiles(loadScheme(id).bands)).toEqual([]);
  });

  it.each(BUILTIN_IDS)('%s items have ASCII ids and recorded entry names are unique', (id) => {
    const s = loadScheme(id);
    for (const it of s.items) expect(it.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    const names = s.components.filter((c) => c.kind === 'recorded').flatMap((c) => c.entries.map((e) => e.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('the local tiling helper catches the baiyanghe gap as written in the seed', () => {
    const written: Band[] = [
      { grade: '优秀', min: 100, minInclusive: true, maxInclusive: false },
      { grade: '合格', min: 70, max: 90, minInclusive: true, maxInclusive: true },
      { grade: '基本合格', min: 51, max: 69, minInclusive: true, maxInclusive: true },
      { grade: '不合格', max: 50, minInclusive: true, maxInclusive: true },
    ];
    expect(tiles(written).length).toBeGreaterThan(0);
  });

  it('schemes without grades in the seed have no bands', () => {
    for (const id of ['company', 'demolition', 'village', 'culture']) expect(loadScheme(id).bands).toEqual([]);
  });
});

/** Each decision line of SCHEMES.md, found by words its text must contain. */
const SCHEMES_MD_DECISIONS: [string, string, RegExp[]][] = [
  ['township', '总分上限', [/百分制/, /100/]],
  ['township', '季度积分', [/季度/, /平均/]],
  ['agency', '年度积分', [/基本指数 \+ 正向加分指数/, /评议/, /不计入总分/]],
  ['company', '等次', [/不评定等次/, /排名/]],
  ['tiered-baiyanghe', '等次分界', [/≥100 优秀/, /70—<100 合格/, />50 且 <70 基本合格/, /≤50 不合格/]],
  ['bureau', '测评得分', [/94/]],
  ['bureau', '优秀比例', [/20%/]],
  ['vanguard', '奖励上限', [/10/]],
  ['it-bureau', '基础分', [/20%/, /19/]],
  ['culture', '积分周期', [/12月26日/]],
  ['culture', '平分奖励', [/平分/, /3\.33/]],
  ['village', '积分周期', [/7月1日/]],
];

describe('SCHEMES.md decisions are carried in the scheme', () => {
  it.each(SCHEMES_MD_DECISIONS)('%s: %s', (id, about, words) => {
    const d = loadScheme(id).decisions.find((x) => x.about === about);
    expect(d, `${id} has no decision about ${about}`).toBeDefined();
    for (const w of words) expect(d!.text).toMatch(w);
  });

  it('every decision is written in Chinese', () => {
    for (const id of BUILTIN_IDS) for (const d of loadScheme(id).decisions) expect(d.text).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('numbers checked against the seeds', () => {
  const entryMax = (id: string, comp: string): number => loadScheme(id).components.find((c) => c.id === comp)!.entries.reduce((a, e) => a + e.max, 0);
  it.each([
    ['township', 'duty', 40],
    ['township', 'post', 60],
    ['agency', 'basic', 80],
    ['bureau', 'daily', 80],
    ['culture', 'base', 80],
    ['company', 'base', 40],
    ['company', 'task', 50],
    ['school', 'base', 80],
    ['village', 'base', 50],
    ['it-bureau', 'base', 20],
  ] as const)('%s %s sums to %d', (id, comp, want) => {
    expect(entryMax(id, comp)).toBe(want);
  });

  it('tier bases', () => {
    expect(loadScheme('tiered-xinba').tiers.map((t) => t.base)).toEqual([10, 20, 30, 50]);
    expect(loadScheme('tiered-baiyanghe').tiers.map((t) => t.base)).toEqual([20, 30, 40, 50]);
  });

  it('it-bureau conversion factors', () => {
    expect(loadScheme('it-bureau').conversion!.factors).toEqual({ 优秀: 1, 合格: 0.9, 基本合格: 0.85, 不合格: 0.8 });
  });
});
