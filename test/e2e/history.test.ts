// Two cycles in a row through the binary: `grade --year 2022 … --out OUT` then
// `grade --year 2023 … --out OUT`; the 2023 run reads the 2022 评定结果 from OUT (the default
// --history) for the consecutive-year rules (township) and the carried-over base (it-bureau).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { MONTHS, everySheet } from '../helpers/fill.js';
import { expectClean, expectMember, filled, gradeRun, member, template, townshipMonth, type GradeOut } from './lib.js';

beforeAll(() => ensureBuilt());

describe('township: 不合格 two years running → 集中学习班', () => {
  let g2022: GradeOut;
  let g2023: GradeOut;
  let out: string;
  beforeAll(async () => {
    const members = [{ name: '甲' }, { name: '乙' }, { name: '丙' }];
    const dir = tmp('score-e2e-two-years-');
    const f2022 = await filled(template('township', '第三支部', 2022), {
      members,
      records: everySheet(MONTHS, { 甲: townshipMonth(30, 30), 乙: townshipMonth(17.5, 17.5), 丙: townshipMonth(8, 8) }),
    }, '第三支部_2022.xlsx', dir);
    const f2023 = await filled(template('township', '第三支部', 2023), {
      members,
      records: everySheet(MONTHS, { 甲: townshipMonth(30, 30), 乙: townshipMonth(8, 8), 丙: townshipMonth(8, 8) }),
    }, '第三支部_2023.xlsx', dir);
    out = tmp();
    const r1 = gradeRun([f2022], 2022, out);
    expectClean(r1);
    g2022 = r1.out;
    const r2 = gradeRun([f2023], 2023, out);
    expectClean(r2);
    g2023 = r2.out;
  });

  it('2022: 甲 100 优秀, 乙 75 合格, 丙 56 不合格 (first year: 一对一帮扶 only)', () => {
    expect(g2022.cycle).toBe('2022');
    expectMember(g2022, '甲', { total: 100, grade: '优秀', stars: 5, flags: [] }); // 40 + 30 + 30
    expectMember(g2022, '乙', { total: 75, grade: '合格', stars: 4, flags: [] }); // 40 + 17.5 + 17.5
    expectMember(g2022, '丙', { total: 56, grade: '不合格', stars: 2, flags: ['诫勉谈话，限期整改', '一对一帮扶'] }); // 40 + 8 + 8
  });

  it('2023 reads the 2022 results from the output folder: 丙 (不合格 twice) → 集中学习班; 乙 (once) does not', () => {
    expect((g2023 as GradeOut & { history: string[] }).history).toEqual([join(out, '2022年度评定结果.xlsx')]);
    expectMember(g2023, '甲', { total: 100, grade: '优秀', flags: [] });
    expectMember(g2023, '丙', { total: 56, grade: '不合格', stars: 2, flags: ['诫勉谈话，限期整改', '一对一帮扶', '集中学习班'] });
    expectMember(g2023, '乙', { total: 56, grade: '不合格', stars: 2, flags: ['诫勉谈话，限期整改', '一对一帮扶'] });
    expect(member(g2023, '丙').flags).not.toContain('按组织程序处理'); // that needs three years
  });
});

describe('it-bureau: from the second year the 基础分 is 20% of last year\'s total', () => {
  let g2023: GradeOut;
  let out: string;
  let f2023: string;
  beforeAll(async () => {
    const task = (v: number) => ({ 月任务分: v });
    const dir = tmp('score-e2e-it-two-years-');
    const f2022 = await filled(template('it-bureau', '工信局机关支部', 2022), {
      members: [{ name: '甲' }, { name: '乙' }],
      records: everySheet(MONTHS, { 甲: task(6), 乙: task(5) }, { '11月': { 甲: task(5) }, '12月': { 甲: task(5) } }),
      events: [{ date: '2022-10-01', name: '甲', item: '超额完成年度目标任务', points: 5 }],
      evaluations: [{ name: '甲', grade: '优秀' }, { name: '乙', grade: '合格' }],
    }, '2022.xlsx', dir);
    f2023 = await filled(template('it-bureau', '工信局机关支部', 2023), {
      members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }],
      records: everySheet(MONTHS, { 甲: task(6), 乙: task(6), 丙: task(6) }, { '12月': { 甲: task(4), 乙: task(4), 丙: task(4) } }),
      evaluations: [{ name: '甲', grade: '优秀' }, { name: '乙', grade: '优秀' }, { name: '丙', grade: '优秀' }],
    }, '2023.xlsx', dir);
    out = tmp();
    const r1 = gradeRun([f2022], 2022, out);
    expectClean(r1);
    // 2022: 甲 (20 + 70 + 5) × 100% = 95; 乙 (20 + 12 × 5) × 90% = 72.
    expectMember(r1.out, '甲', { total: 95, grade: '优秀' });
    expectMember(r1.out, '乙', { total: 72, grade: '基本合格' });
    const r2 = gradeRun([f2023], 2023, out);
    expectClean(r2);
    g2023 = r2.out;
  });

  it('2023 base = 20% of the 2022 total; a member without history keeps 20', () => {
    // 任务 11 × 6 + 4 = 70 for everybody; 评议 优秀 → × 100%.
    // 甲: 95 × 20% = 19 → 19 + 70 = 89 → 合格.
    expectMember(g2023, '甲', { total: 89, grade: '合格', components: { 基础分: 19, 任务分: 70 } });
    // 乙: 72 × 20% = 14.4 → 84.4 → 合格.
    expectMember(g2023, '乙', { total: 84.4, grade: '合格', components: { 基础分: 14.4, 任务分: 70 } });
    // 丙: no 2022 result → the seed's 20 → 90 → 优秀.
    expectMember(g2023, '丙', { total: 90, grade: '优秀', components: { 基础分: 20, 任务分: 70 } });
  });

  it('`explain --history OUT --json` shows the carried-over base step', () => {
    const r = score(['explain', '甲', '--ledger', f2023, '--history', out, '--json', '--quiet'], { cwd: tmp() });
    expect(r.code, r.stderr).toBe(0);
    const e = json<{ member: { total: number; components: Record<string, number> }; trace: { rule: string; text: string; source: string | null }[] }>(r);
    expect(e.member.components['基础分']).toBe(19);
    expect(e.member.total).toBe(89);
    const step = e.trace.find((s) => s.rule === 'R16');
    expect(step?.text).toBe('基础分：上年度总分 95 × 0.2 = 19');
  });
});
