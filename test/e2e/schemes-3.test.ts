// End to end, one built-in scheme at a time (tiered-xinba, tiered-baiyanghe, it-bureau, demolition):
// `score template` → fill with exceljs → `score grade --json` equals the numbers worked out by hand
// below → the written 评定结果 workbook gives the same 合计得分. All through the spawned binary.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/cli.js';
import { MONTHS, everySheet } from '../helpers/fill.js';
import { expectMember, expectWorkbookTotals, member, startAll, templateFillGrade, type GradeOut, type Graded, job } from './lib.js';

const RESULT = '2023年度评定结果.xlsx';

/** Every scheme of this file end to end at once (see startAll); each describe awaits its own. */
let jobs: Record<string, Promise<Graded>>;
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({
    'tiered-xinba': jobTieredXinba,
    'tiered-baiyanghe': jobTieredBaiyanghe,
    'it-bureau': jobItBureau,
    'demolition': jobDemolition,
  });
});

async function jobTieredXinba(): Promise<Graded> {
  return templateFillGrade('tiered-xinba', '新坝村支部', {
    members: [
      { name: '书', tier: '村书记' },
      { name: '青', tier: '60岁以下无职' },
      { name: '委', tier: '副书记/委员' },
      { name: '老', tier: '60岁以上无职' },
    ],
    events: [
      { date: '2023-02-01', name: '书', item: '履责践诺', points: 10, count: 7 },
      { date: '2023-02-01', name: '青', item: '参加三会一课', points: 10, count: 4 },
      { date: '2023-02-01', name: '委', item: '联系帮扶贫困户', points: 9.5, count: 5 },
      { date: '2023-02-01', name: '老', item: '参加公益活动', points: 10 },
      { date: '2023-03-01', name: '老', item: '参加赌博', points: 5 },
    ],
  });
}

async function jobTieredBaiyanghe(): Promise<Graded> {
  return templateFillGrade('tiered-baiyanghe', '白杨河村支部', {
    members: [
      { name: '甲', tier: '村两委干部' },
      { name: '乙', tier: '村两委干部' },
      { name: '丙', tier: '流动党员' },
      { name: '丁', tier: '60岁以上或体弱' },
    ],
    events: [
      { date: '2023-02-01', name: '甲', item: '参加三会一课', points: 10, count: 3 },
      { date: '2023-02-01', name: '乙', item: '参加三会一课', points: 10, count: 3 },
      { date: '2023-03-01', name: '乙', item: '党费缴纳', points: 0.5 },
      { date: '2023-02-01', name: '丙', item: '协助调解民事纠纷', points: 10, count: 6 },
      { date: '2023-02-01', name: '丁', item: '参加公益事业', points: 10, count: 5 },
      { date: '2023-02-01', name: '丁', item: '倒扣分', points: 5 },
    ],
  });
}

async function jobItBureau(): Promise<Graded> {
  const task = (v: number) => ({ 月任务分: v });
  return templateFillGrade('it-bureau', '工信局机关支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }],
    records: everySheet(
      MONTHS,
      { 甲: task(6), 乙: task(6), 丙: task(5), 丁: task(6) },
      // 甲 and 丁: 10 months of 6 + November and December 5 = 70.
      { '11月': { 甲: task(5), 丁: task(5) }, '12月': { 甲: task(5), 丁: task(5) } },
    ),
    events: [
      { date: '2023-06-01', name: '甲', item: '超额完成年度目标任务', points: 8 },
      { date: '2023-07-01', name: '甲', item: '重大贡献', points: 5 },
      { date: '2023-06-01', name: '乙', item: '见义勇为', points: 10 },
      { date: '2023-06-02', name: '乙', item: '县级以上表彰通报表扬', points: 6 },
      { date: '2023-03-01', name: '丙', item: '政治素质扣分', points: 5 },
    ],
    evaluations: [
      { name: '甲', grade: '合格' },
      { name: '乙', grade: '基本合格' },
      { name: '丙', grade: '不合格' },
      { name: '丁', grade: '优秀' },
    ],
    sanctions: [{ date: '2023-09-30', name: '丁', type: '连续6个月不交纳党费', note: '4月至9月未交纳党费' }],
  });
}

async function jobDemolition(): Promise<Graded> {
  const ev = (name: string, item: string, count = 1) => ({ date: '2023-05-01', name, item, count });
  return templateFillGrade('demolition', '拆迁办支部', {
    members: ['A', 'B', 'C', 'D', 'E', 'F'].map((name) => ({ name })),
    events: [
      ev('A', '主讲微讲堂', 2),
      ev('B', '主讲微讲堂'),
      ev('B', '意见建议被采纳'),
      ev('C', '组织生活会提出意见建议'),
      ev('D', '研讨会微讲堂发言', 3),
      ev('E', '组织生活会提出意见建议'),
      ev('E', '被通报批评'),
      ev('F', '主讲微讲堂', 3),
    ],
    sanctions: [{ date: '2023-08-01', name: 'F', type: '违法违纪', note: '年度积分清零' }],
  });
}

describe('tiered-xinba (seed 000 篇5): base by tier + the year\'s points, 先锋型/带头型/本色型/褪色型', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'tiered-xinba'));
  });

  it('totals, grades and ranks as worked by hand', () => {
    // 书: 村书记 base 10 + 履责践诺 10 × 7 = 80 → ≥ 80 先锋型.
    expectMember(g, '书', { total: 80, grade: '先锋型', rank: 1, flags: [], components: { 基础分: 10, 基本要求: 0, 发挥先锋作用: 70 } });
    // 青: 60岁以下无职 30 + 三会一课 10 × 4 = 70 → 带头型.
    expectMember(g, '青', { total: 70, grade: '带头型', rank: 2, components: { 基础分: 30, 基本要求: 40, 发挥先锋作用: 0 } });
    // 委: 副书记/委员 20 + 9.5 × 5 = 67.5 → 本色型.
    expectMember(g, '委', { total: 67.5, grade: '本色型', rank: 3, components: { 基础分: 20, 发挥先锋作用: 47.5 } });
    // 老: 60岁以上无职 50 + 10 − 赌博 5 = 55 → 褪色型.
    expectMember(g, '老', { total: 55, grade: '褪色型', rank: 4, deduction: 5, components: { 基础分: 50 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '新坝村支部');
  });
});

describe('tiered-baiyanghe (seed 004 篇3): base by tier, the decided bands (≥100 / 70–<100 / >50–<70 / ≤50)', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'tiered-baiyanghe'));
  });

  it('totals, grades, ranks and flags as worked by hand', () => {
    // 丙: 流动党员 40 + 10 × 6 = 100 → ≥ 100 优秀.
    expectMember(g, '丙', { total: 100, grade: '优秀', rank: 1, flags: ['党员大会表彰'], components: { 基准分: 40, 指标得分: 60 } });
    // 丁: 60岁以上或体弱 50 + 50 − 倒扣 5 = 95 → in the 90–100 gap of the seed, decided 合格.
    expectMember(g, '丁', { total: 95, grade: '合格', rank: 2, deduction: 5, flags: [] });
    // 乙: 两委 20 + 30 + 0.5 = 50.5 → above 50 → 基本合格 → 提醒和警告.
    expectMember(g, '乙', { total: 50.5, grade: '基本合格', rank: 3, flags: ['提醒和警告'] });
    // 甲: 20 + 30 = 50 → ≤ 50 不合格.
    expectMember(g, '甲', { total: 50, grade: '不合格', rank: 4, flags: ['整改期，两名合格党员帮助引导'], components: { 基准分: 20, 指标得分: 30 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '白杨河村支部');
  });
});

describe('it-bureau (seed 004 篇5): 基础 20 + 任务 ≤ 70 + 奖励 ≤ 10 (县级以上 beyond), × 评议 factor, overrides', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'it-bureau'));
  });

  it('totals, grades, ranks and flags as worked by hand', () => {
    // 乙: 任务 12 × 6 = 72 → cap 70; 奖励 见义勇为 10 (cap 10) + 县级以上表彰 6 on top → 16;
    // (20 + 70 + 16) × 85% (基本合格) = 106 × 0.85 = 90.1 → 优秀.
    expectMember(g, '乙', { total: 90.1, grade: '优秀', rank: 1, bonus: 16, flags: ['列入英模库，优先推荐市级以上评先'], components: { 基础分: 20, 任务分: 70 } });
    // 甲: 任务 70; 奖励 8 + 5 = 13 → cap 10; (20 + 70 + 10) × 90% (合格) = 90 → 优秀.
    expectMember(g, '甲', { total: 90, grade: '优秀', rank: 2, bonus: 10, flags: ['列入英模库，优先推荐市级以上评先'], components: { 基础分: 20, 任务分: 70 } });
    // 丁: (20 + 70) × 100% = 90 → band 优秀, but 连续6个月不交纳党费 → 不合格 and 自行脱党; ties 甲 at rank 2.
    expectMember(g, '丁', { total: 90, grade: '不合格', rank: 2, flags: ['自行脱党，按程序予以除名', '取消一切评先树优资格，一对一帮扶教育'] });
    // 丙: 基础 20 − 5 = 15; 任务 12 × 5 = 60; (15 + 60) × 80% (不合格) = 60 → 60–<80 基本合格.
    expectMember(g, '丙', { total: 60, grade: '基本合格', rank: 4, flags: ['取消评先树优资格'], components: { 基础分: 15, 任务分: 60 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '工信局机关支部');
  });
});

describe('demolition (seed 000 篇3): open-ended points, 违法违纪 clears the year, top 5 / bottom 3', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'demolition'));
  });

  it('totals, ranks and flags as worked by hand', () => {
    const praise = '表扬奖励';
    const talk = '提醒谈话，一般不推荐评优';
    // Five members are ranked (F is cleared), so the top 5 are all of them. The bottom 3 rank F too, at 0
    // (「党员出现违法违纪行为年度内积分清零」; 「对年度排名后三位的党员进行提醒谈话」): E −140, F 0, C 10 — not D.
    expectMember(g, 'A', { total: 100, grade: null, rank: 1, flags: [praise] }); // 主讲 50 × 2
    expectMember(g, 'B', { total: 70, rank: 2, flags: [praise] }); // 主讲 50 + 被采纳 20
    expectMember(g, 'D', { total: 15, rank: 3, flags: [praise] }); // 发言 5 × 3
    expectMember(g, 'C', { total: 10, rank: 4, flags: [praise, talk] }); // 提意见 10
    expectMember(g, 'E', { total: -140, rank: 5, deduction: 150, flags: [praise, talk] }); // 10 − 通报批评 150, no floor
    // F: 主讲 × 3 = 150, but 违法违纪 (否决与处分) → 年度积分清零: 0, unranked, not praised, talked to (bottom 3).
    expectMember(g, 'F', { total: 0, vetoed: true, rank: null, flags: [talk], components: { 积分: 150 } });
    expect(member(g, 'F').vetoReason).toContain('违法违纪');
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '拆迁办支部');
  });
});
