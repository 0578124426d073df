// Two cycles in a row through the binary: `grade --year 2022 … --out OUT` then
// `grade --year 2023 … --out OUT`; the 2023 run reads the 2022 评定结果 from OUT (the default
// --history) for the consecutive-year rules (township) and the carried-over base (it-bureau).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { MONTHS, everySheet } from '../helpers/fill.js';
import { expectMember, member, startAll, notFound, townshipMonth, twoYears, type GradeOut, type TwoYears } from './lib.js';

/** Both chains at once; each describe awaits its own. */
let jobs: Record<'township' | 'it-bureau', Promise<TwoYears>>;
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({ township: townshipTwoYears, 'it-bureau': itBureauTwoYears });
});

function townshipTwoYears(): Promise<TwoYears> {
  const members = [{ name: '甲' }, { name: '乙' }, { name: '丙' }];
  return twoYears(
    'township',
    '第三支部',
    { members, records: everySheet(MONTHS, { 甲: townshipMonth(30, 30), 乙: townshipMonth(17.5, 17.5), 丙: townshipMonth(8, 8) }) },
    { members, records: everySheet(MONTHS, { 甲: townshipMonth(30, 30), 乙: townshipMonth(8, 8), 丙: townshipMonth(8, 8) }) },
  );
}

function itBureauTwoYears(): Promise<TwoYears> {
  const task = (v: number) => ({ 月任务分: v });
  return twoYears(
    'it-bureau',
    '工信局机关支部',
    {
      members: [{ name: '甲' }, { name: '乙' }, { name: '丁' }],
      records: everySheet(MONTHS, { 甲: task(6), 乙: task(5), 丁: task(6) }, { '11月': { 甲: task(5), 丁: task(5) }, '12月': { 甲: task(5), 丁: task(5) } }),
      events: [
        { date: '2022-10-01', name: '甲', item: '超额完成年度目标任务', points: 5 },
        // 丁: 20 + 70 + 奖励 10 + 县级以上表彰 5 (on top of the cap) = 105.
        { date: '2022-10-01', name: '丁', item: '超额完成年度目标任务', points: 10 },
        { date: '2022-11-01', name: '丁', item: '县级以上表彰通报表扬', points: 5 },
      ],
      evaluations: [{ name: '甲', grade: '优秀' }, { name: '乙', grade: '合格' }, { name: '丁', grade: '优秀' }],
    },
    {
      members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }],
      records: everySheet(MONTHS, { 甲: task(6), 乙: task(6), 丙: task(6), 丁: task(6) }, { '12月': { 甲: task(4), 乙: task(4), 丙: task(4), 丁: task(4) } }),
      evaluations: [{ name: '甲', grade: '优秀' }, { name: '乙', grade: '优秀' }, { name: '丙', grade: '优秀' }, { name: '丁', grade: '优秀' }],
    },
  );
}

describe('township: 不合格 two years running → 集中学习班', () => {
  let r: TwoYears;
  beforeAll(async () => {
    r = await jobs.township;
  });

  it('2022: 甲 100 优秀, 乙 75 合格, 丙 56 不合格 (first year: no 集中学习班)', () => {
    expect(r.g2022.cycle).toBe('2022');
    expectMember(r.g2022, '甲', { total: 100, grade: '优秀', stars: 5, flags: [] }); // 40 + 30 + 30
    expectMember(r.g2022, '乙', { total: 75, grade: '合格', stars: 4, flags: [] }); // 40 + 17.5 + 17.5
    expectMember(r.g2022, '丙', { total: 56, grade: '不合格', stars: 2, flags: ['诫勉谈话，限期整改', '一对一帮扶'] }); // 40 + 8 + 8
  });

  it('2023 reads the 2022 results from the output folder: 丙 (不合格 twice) → 集中学习班; 乙 (once) does not', () => {
    expect((r.g2023 as GradeOut & { history: string[] }).history).toEqual([join(r.out, '2022年度评定结果.xlsx')]);
    expectMember(r.g2023, '甲', { total: 100, grade: '优秀', flags: [] });
    expectMember(r.g2023, '丙', { total: 56, grade: '不合格', stars: 2, flags: ['诫勉谈话，限期整改', '一对一帮扶', '集中学习班'] });
    expectMember(r.g2023, '乙', { total: 56, grade: '不合格', stars: 2, flags: ['诫勉谈话，限期整改', '一对一帮扶'] });
    expect(member(r.g2023, '丙').flags).not.toContain('按组织程序处理'); // that needs three years
  });
});

describe('it-bureau: from the second year the 基础分 is 20% of last year\'s total', () => {
  let r: TwoYears;
  beforeAll(async () => {
    r = await jobs['it-bureau'];
  });

  it('2022: 甲 (20 + 70 + 5) × 100% = 95; 乙 (20 + 12 × 5) × 90% = 72', () => {
    expectMember(r.g2022, '甲', { total: 95, grade: '优秀', components: { 基础分: 20, 任务分: 70 } });
    expectMember(r.g2022, '乙', { total: 72, grade: '基本合格', components: { 基础分: 20, 任务分: 60 } });
  });

  it('2023 base = 20% of the 2022 total; a member without history keeps 20', () => {
    // 任务 11 × 6 + 4 = 70 for everybody; 评议 优秀 → × 100%.
    // 甲: 95 × 20% = 19 → 19 + 70 = 89 → 合格.
    expectMember(r.g2023, '甲', { total: 89, grade: '合格', components: { 基础分: 19, 任务分: 70 } });
    // 乙: 72 × 20% = 14.4 → 84.4 → 合格.
    expectMember(r.g2023, '乙', { total: 84.4, grade: '合格', components: { 基础分: 14.4, 任务分: 70 } });
    // 丙: no 2022 result → the seed's 20 → 90 → 优秀.
    expectMember(r.g2023, '丙', { total: 90, grade: '优秀', components: { 基础分: 20, 任务分: 70 } });
    // … and that is said: the carry-over rule named in the regulation's words, for 丙 only.
    const warnings = notFound(r.g2023.historyWarnings);
    expect(warnings).toHaveLength(r.g2023.historyWarnings?.length ?? -1);
    expect(warnings.map((w) => [w.year, w.missing.map((x) => x.name)])).toEqual([[2022, ['丙']]]);
    expect(warnings[0]!.message).toBe('2022 年结果中没有 丙（工信局机关支部）：「基础分」按上年度积分的 20% 计（没有上年度结果时按第一年计）对其未使用');
  });

  it('「以后每年基础分值为上年度党员个人积分的20%」 within 「基础分20分」: last year 105 → 21 → 20', () => {
    expectMember(r.g2022, '丁', { total: 105, grade: '优秀', components: { 基础分: 20, 任务分: 70 } });
    expectMember(r.g2023, '丁', { total: 90, grade: '优秀', components: { 基础分: 20, 任务分: 70 } });
  });

  it('`explain --history OUT --json` shows the carried-over base step', () => {
    const e = score(['explain', '甲', '--ledger', r.f2023, '--history', r.out, '--json', '--quiet'], { cwd: tmp() });
    expect(e.code, e.stderr).toBe(0);
    const j = json<{ member: { total: number; components: Record<string, number> }; trace: { rule: string; text: string; source: string | null }[] }>(e);
    expect(j.member.components['基础分']).toBe(19);
    expect(j.member.total).toBe(89);
    expect(j.trace.find((s) => s.rule === 'R16')?.text).toBe('基础分：上年度总分 95 × 0.2 = 19');
  });
});
