// End to end, one built-in scheme at a time (culture, company, school, village): `score template`
// → fill with exceljs → `score grade --json` equals the numbers worked out by hand below → the
// written 评定结果 workbook gives the same 合计得分. Everything runs through the spawned binary.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { QUARTERS, everySheet } from '../helpers/fill.js';
import { expectMember, expectWorkbookTotals, member, startAll, templateFillGrade, type GradeOut, type Graded, job } from './lib.js';

const RESULT = '2023年度评定结果.xlsx';

/** Every scheme of this file end to end at once (see startAll); each describe awaits its own. */
let jobs: Record<string, Promise<Graded>>;
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({
    'culture': jobCulture,
    'company': jobCompany,
    'school': jobSchool,
    'village': jobVillage,
  });
});

async function jobCulture(): Promise<Graded> {
  return templateFillGrade('culture', '文旅局机关支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }, { name: '戊' }],
    events: [
      // Cycle 2023 = 2022-12-26 … 2023-12-25: 28 Dec 2022 belongs to it.
      { date: '2022-12-28', name: '甲', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2022-12-28', name: '乙', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2022-12-28', name: '丙', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2023-01-05', name: '丁', item: '先进个人奖', level: '区' },
      { date: '2023-03-26', name: '丁', item: '先进个人奖', level: '国家' }, // first day of the second quarter
      { date: '2023-05-01', name: '丁', item: '在线学习被通报' },
      { date: '2023-03-01', name: '戊', item: '无故缺勤', count: 25 },
      { date: '2023-04-01', name: '戊', item: '连续六个月未交纳党费' },
      { date: '2023-12-25', name: '戊', item: '泄密' },
    ],
    evaluations: [
      { name: '甲', good: 10, fair: 0, poor: 0, voters: 10 },
      { name: '乙', good: 10, fair: 0, poor: 0, voters: 10 },
      { name: '丙', good: 10, fair: 0, poor: 0, voters: 10 },
      { name: '丁', good: 8, fair: 1, poor: 0, voters: 10 },
      { name: '戊', good: 0, fair: 0, poor: 10, voters: 10 },
    ],
  });
}

/** A full quarter for the company scheme: 基础 40 + 任务 50 + no 奖励 = 90. */
const COMPANY_FULL = { 政治素质: 9, 组织生活: 9, 发挥先锋作用: 3, 服务群众: 3, 道德示范: 6, 廉洁奉公: 3, 其他基础分: 7, 履行职责: 29, 履诺践诺: 3, 发挥作用: 7, 其他任务分: 11, 突出贡献: 0, 奖励表彰: 0, 其他奖励: 0 };

async function jobCompany(): Promise<Graded> {
  const full = COMPANY_FULL;
  return templateFillGrade('company', '公司党支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }],
    records: everySheet(
      QUARTERS,
      { 甲: full, 乙: full, 丙: { ...full, 政治素质: 5 } },
      {
        第一季度: { 甲: { 奖励表彰: 3 } }, // 90 + 3 = 93
        第二季度: { 甲: { 履行职责: 24 } }, // 85
        第三季度: { 甲: { 履行职责: 23, 突出贡献: 5, 奖励表彰: 5, 其他奖励: 2 } }, // 84 + 12 → 奖励 cap 10 → 94
        第四季度: { 甲: { 履行职责: 19 } }, // 80
      },
    ),
  });
}

/** 《基础分评分》 at full marks: the 16 sub-items of 基础分 (5+5+5+5, 4×5, 7+7+6, 5×4 = 80). */
const SCHOOL_FULL: Record<string, number> = {'讲政治(1)政治本色': 5, '讲政治(2)学习党章党规': 5, '讲政治(3)学习业务知识': 5, '讲政治(4)贯彻路线方针政策': 5, '讲规矩(1)遵守党的纪律': 4, '讲规矩(2)遵守法律法规': 4, '讲规矩(3)依法执教': 4, '讲规矩(4)交纳党费': 4, '讲规矩(5)遵守校规校纪': 4, '讲道德(1)社会主义新风尚': 7, '讲道德(2)孝老爱亲': 7, '讲道德(3)情趣健康': 6, '讲奉献(1)参与中心工作': 5, '讲奉献(2)教育引导师生': 5, '讲奉献(3)敢于担当': 5, '讲奉献(4)承诺践诺结对帮扶': 5};

async function jobSchool(): Promise<Graded> {
  return templateFillGrade('school', '实验小学支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }, { name: '积', category: '入党积极分子' }, { name: '预', category: '预备党员' }],
    events: [
      { date: '2023-03-01', name: '乙', item: '通报批评' },
      { date: '2023-03-02', name: '乙', item: '表彰', level: '校' },
      { date: '2023-03-01', name: '丙', item: '不尽赡养抚养义务' },
      { date: '2023-03-02', name: '丙', item: '通报批评', count: 2 },
      { date: '2023-03-01', name: '丁', item: '体罚或变相体罚' },
      { date: '2023-03-01', name: '丁', item: '超过半年补缴或不缴纳党费' },
      { date: '2023-03-01', name: '丁', item: '不尽赡养抚养义务' },
      { date: '2023-03-01', name: '丁', item: '搞封建迷信活动' },
      { date: '2023-04-01', name: '积', item: '表彰', level: '校', project: '支教' },
      { date: '2023-05-01', name: '积', item: '表彰', level: '区', project: '支教' },
      { date: '2023-04-02', name: '积', item: '党建文章被采用', level: '国家' },
      { date: '2023-04-01', name: '预', item: '通报批评', count: 4 },
    ],
    records: { 基础分评分: Object.fromEntries(['甲', '乙', '丙', '丁', '积', '预'].map((n) => [n, SCHOOL_FULL])) },
  });
}

async function jobVillage(): Promise<Graded> {
  return templateFillGrade('village', '柳树村支部', {
    members: ['一', '二', '三', '四', '五', '六'].map((name) => ({ name })),
    events: [
      // Cycle 2023 = 2022-07-01 … 2023-06-30 (2022—2023年度).
      { date: '2022-07-01', name: '一', item: '好人好事', count: 2 },
      { date: '2022-09-01', name: '二', item: '文明户' },
      { date: '2023-06-30', name: '四', item: '迟到早退' },
      { date: '2022-10-01', name: '五', item: '不按时参加会议' },
      { date: '2023-01-10', name: '五', item: '平安卫士', points: 4 },
      { date: '2022-11-01', name: '六', item: '参加或不抵制邪教' },
      { date: '2022-12-01', name: '六', item: '参与迷信和赌博' },
    ],
  });
}

describe('culture (seed 001 篇3): 26 Dec – 25 Dec cycle, 评议 by 参加测评人数, split award, top 3', () => {
  let g: GradeOut;
  let out: string;
  let ledger: string;
  beforeAll(async () => {
    ({ g, out, file: ledger } = await job(jobs, 'culture'));
  });

  it('totals, ranks and flags as worked by hand (the scheme has no grade bands)', () => {
    // 丁: 评议 (8 × 100 + 1 × 70) / 10 = 87 → 17.4; 先进个人 区 1 + 国家 10; 在线学习被通报 −1
    // → 80 + 17.4 + 11 − 1 = 107.4, rank 1.
    expectMember(g, '丁', { total: 107.4, grade: null, rank: 1, bonus: 11, deduction: 1, flags: ['优先享有评先树优资格'], components: { 基础积分: 80, 民主评议积分: 87 } });
    // 甲 乙 丙: 基础 80; 评议 10 × 100 / 10 = 100 → × 20% = 20; 经验推广 国家 10 split by 3 = 3.333…
    // 80 + 20 + 10/3 = 103.333… → 103.33, tied at rank 2; the 3rd place is a tie, so all of them are in the top 3.
    for (const n of ['甲', '乙', '丙']) {
      expectMember(g, n, { total: 103.33, grade: null, stars: null, rank: 2, bonus: 3.33, flags: ['优先享有评先树优资格'], components: { 基础积分: 80, 民主评议积分: 100 } });
    }
    // 戊: 学习培训 40 − 25 × 2 → floor 0; 遵规守纪 20 − 10 = 10; 新风 20 → 基础 30;
    // 评议 10 × 40 / 10 = 40 → 8; 泄密 −10 (25 Dec, the cycle's last day) → 30 + 8 − 10 = 28 → < 60 and < 50.
    expectMember(g, '戊', { total: 28, grade: null, rank: 5, deduction: 10, flags: ['按《党章》规定处理', '取消评先树优资格', '诫勉谈话'], components: { 基础积分: 30, 民主评议积分: 40 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '文旅局机关支部');
  });

  it('quarter 1 runs 26 Dec – 25 Mar: its top contributors are 星级党员', () => {
    const r = score(['compute', ledger, '--period', '2023Q1', '--out', tmp(), '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const q1 = json<GradeOut>(r);
    // 贡献 in Q1: 甲 乙 丙 10/3 each (28 Dec 2022); 丁 only 1 (5 Jan) — his 国家 award of 26 March is in Q2.
    expect(Object.fromEntries(q1.members.map((m) => [m.name, m.bonus]))).toEqual({ 甲: 3.33, 乙: 3.33, 丙: 3.33, 丁: 1, 戊: 0 });
    for (const n of ['甲', '乙', '丙']) expect(member(q1, n).flags).toEqual(['星级党员']);
    expect(member(q1, '丁').flags).toEqual([]);
  });
});

describe('company (seed 001 篇4): quarterly sheets 第一季度…第四季度, annual = sum of quarters ÷ 4, 奖励 ≤ 10 a quarter', () => {
  let g: GradeOut;
  let out: string;
  let sheets: string[];
  beforeAll(async () => {
    const done = await job(jobs, 'company');
    ({ g, out } = done);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(done.t.ledger);
    sheets = wb.worksheets.map((w) => w.name);
  });

  it('the template has quarterly record sheets, not months', () => {
    expect(sheets).toEqual(expect.arrayContaining(QUARTERS));
    expect(sheets).not.toContain('1月');
  });

  it('totals and ranks as worked by hand (no grade bands: 优秀 is chosen at 民主评议)', () => {
    // 甲: (93 + 85 + 94 + 80) / 4 = 352 / 4 = 88; 基础 40; 任务 (50 + 45 + 44 + 40) / 4 = 44.75; 奖励 (3 + 0 + 10 + 0) / 4 = 3.25.
    expectMember(g, '甲', { total: 88, grade: null, stars: null, rank: 2, bonus: 3.25, flags: [], components: { 基础积分: 40, 任务分: 44.75 } });
    // 乙: 40 + 50 every quarter → 90.
    expectMember(g, '乙', { total: 90, grade: null, rank: 1, bonus: 0, flags: [], components: { 基础积分: 40, 任务分: 50 } });
    // 丙: 政治素质 5 instead of 9 → 86 every quarter → 86.
    expectMember(g, '丙', { total: 86, grade: null, rank: 3, flags: [], components: { 基础积分: 36, 任务分: 50 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '公司党支部');
  });
});

describe('school (seed 004 篇1): 基础 80 with 该项不得分, highest 表彰 once, bands 好/一般/差/不合格, 预备 and 积极分子 flags', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'school'));
  });

  it('totals, grades, ranks and flags as worked by hand', () => {
    // 甲: nothing recorded → 基础 80 → ≥ 80 好.
    expectMember(g, '甲', { total: 80, grade: '好', rank: 1, flags: [], components: { 基础分: 80 } });
    // 乙: 80 − 3 (通报批评) + 0.5 (校级表彰) = 77.5 → 一般.
    expectMember(g, '乙', { total: 77.5, grade: '一般', rank: 2, bonus: 0.5, deduction: 3, flags: [] });
    // 丙: 孝老爱亲 7 该项不得分 → 73; 通报批评 × 2 → −6 → 67 → 差.
    expectMember(g, '丙', { total: 67, grade: '差', rank: 3, flags: [], components: { 基础分: 73 } });
    // 丁: 依法执教 4 + 交纳党费 4 + 孝老爱亲 7 + 情趣健康 6 all zeroed → 80 − 21 = 59 → 不合格.
    expectMember(g, '丁', { total: 59, grade: '不合格', rank: 4, flags: ['可列为不合格党员'], components: { 基础分: 59 } });
    // 积 (入党积极分子): 表彰「支教」校 0.5 / 区 2 → 2 (highest once) + 文章 国家 8 → 80 + 10 = 90 → ≥ 90 with a bonus.
    expectMember(g, '积', { total: 90, grade: null, rank: null, bonus: 10, flags: ['优先列为发展对象'] });
    // 预 (预备党员): 80 − 4 × 3 = 68 → < 70 延长预备期 (not < 60).
    expectMember(g, '预', { total: 68, grade: null, rank: null, flags: ['延长预备期'] });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '实验小学支部');
  });
});

describe('village (seed 004 篇2): 1 July – 30 June cycle, 基础 5 × 10 floored, 激励分, bottom 5', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'village'));
  });

  it('totals, ranks and flags as worked by hand (优秀 is by vote: no bands)', () => {
    const bottom = '向党员大会作检讨';
    // 一: 50 + 好人好事 2 × 5 = 60.
    expectMember(g, '一', { total: 60, grade: null, rank: 1, bonus: 10, flags: [] });
    // 二: 50 + 文明户 5 = 55 (5th lowest of 6 → bottom 5).
    expectMember(g, '二', { total: 55, rank: 2, flags: [bottom] });
    // 五: 履行义务 10 − 1 = 9 → 49; 平安卫士 4 (3–5) → 53.
    expectMember(g, '五', { total: 53, rank: 3, bonus: 4, flags: [bottom] });
    // 三: nothing → 50.
    expectMember(g, '三', { total: 50, rank: 4, flags: [bottom] });
    // 四: 迟到早退 −0.5 on 30 June, the cycle's last day → 49.5.
    expectMember(g, '四', { total: 49.5, rank: 5, flags: [bottom], components: { 基础分: 49.5 } });
    // 六: 弘扬正气 10 − 10 − 5 → floor 0 → 40.
    expectMember(g, '六', { total: 40, rank: 6, flags: [bottom], components: { 基础分: 40 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '柳树村支部');
  });
});
