// A scheme's member categories (R17) are checked against its rules: a graded category is in the
// quota (everyone who can receive the capped grade counts), stated flags are the ones the rules raise.
import { describe, expect, it } from 'vitest';
import { parseSchemeText } from '../../src/scheme/load.js';
import { MINIMAL_SCHEME } from '../helpers/minimal-scheme.js';

/** The minimal scheme with a 预备党员 category, a quota and the two probation flags. */
const base = {
  ...MINIMAL_SCHEME,
  categories: [{ name: '正式党员' }, { name: '预备党员' }],
  quota: { grade: '优秀', pct: 0.2, fallback: '合格' },
  flags: [
    { flag: '延长预备期', categories: ['预备党员'], grade: '不合格' },
    { flag: '取消预备党员资格', categories: ['预备党员'], grade: '不合格', years: 2, replaces: '延长预备期' },
  ],
};
const load = (patch: (s: any) => void) => {
  const s = structuredClone(base) as any;
  patch(s);
  return parseSchemeText(JSON.stringify(s), 'my.json');
};
const problems = (r: ReturnType<typeof load>) => (r.ok ? [] : r.problems.map((p) => `${p.path} | ${p.zh}`));

describe('categories (R17) in a user scheme', () => {
  it('loads when every graded category counts for the quota (unset = as graded)', () => {
    expect(problems(load(() => undefined))).toEqual([]);
  });

  it('a graded 预备党员 left out of the quota is refused: a quota counts everyone who can receive the capped grade', () => {
    const r = load((s) => (s.categories[1].countsForQuota = false));
    expect(problems(r)).toEqual(['categories[1].countsForQuota | 党员类别「预备党员」评定等次，能评为「优秀」，必须计入名额基数（名额按能评为该等次的全部党员计）：请把 countsForQuota 改为 true，或删去这一项']);
  });

  it('stated flags must be the ones the rules raise for the category', () => {
    const r = load((s) => (s.categories[1].flags = ['延长预备期']));
    expect(problems(r)).toEqual(['categories[1].flags | 党员类别「预备党员」写明的标记与规则不符：漏写 取消预备党员资格。按规则应为：延长预备期、取消预备党员资格']);
    expect(problems(load((s) => (s.categories[1].flags = ['延长预备期', '取消预备党员资格'])))).toEqual([]);
    expect(problems(load((s) => (s.categories[0].flags = ['延长预备期'])))).toEqual(['categories[0].flags | 党员类别「正式党员」写明的标记与规则不符：规则不会给出 延长预备期。按规则应为：（无）']);
  });

  it('a flag that replaces an unknown flag, and a graded category that is not scored, are refused', () => {
    expect(problems(load((s) => (s.flags[1].replaces = '延期')))).toEqual(['flags[1].replaces | 标记「取消预备党员资格」要取代的「延期」不是本方案的标记']);
    expect(problems(load((s) => (s.categories[1].scored = false)))).toEqual(['categories[1] | 党员类别「预备党员」不计分（scored: false），不能评定等次或参加排名：请把 graded、ranked 改为 false']);
  });
});
