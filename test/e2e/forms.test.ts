// Issue #12 points 7–11 end to end: `score template` → fill as a clerk would → `score grade --json`
// through the spawned binary. Each case quotes the seed sentence that asks the branch to record it.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/cli.js';
import { join } from 'node:path';
import { QUARTERS, everySheet, readTable } from '../helpers/fill.js';
import { loadScheme } from '../schemes/load.js';
import { expectMember, startAll, templateFillGrade, type Graded, job } from './lib.js';

/** A scoreSheet component's entries at full marks, keyed by the entry name (the template's header without its (N分)). */
function fullMarks(id: string): Record<string, number> {
  const c = loadScheme(id).components.find((x) => x.scoreSheet)!;
  return Object.fromEntries(c.entries.map((e) => [e.name, e.max]));
}

let jobs: Record<string, Promise<Graded>>;
beforeAll(() => {
  ensureBuilt();
  const school = fullMarks('school');
  const bureau = fullMarks('bureau');
  const company = { 政治素质: 9, 组织生活: 9, 发挥先锋作用: 3, 服务群众: 3, 道德示范: 6, 廉洁奉公: 3, 其他基础分: 7, 履行职责: 29, 履诺践诺: 3, 发挥作用: 7, 其他任务分: 11 };
  jobs = startAll({
    school: () =>
      templateFillGrade('school', '实验中学支部', {
        members: [{ name: '甲' }, { name: '乙' }, { name: '预', category: '预备党员' }],
        records: {
          基础分评分: {
            // 「(3)努力学习科学文化、法律和教育教学业务知识(5分)」 scored 4, 「(4)积极参加承诺践诺…(5分)」 scored 4 → 78.
            甲: { ...school, '讲政治(3)学习业务知识': 4, '讲奉献(4)承诺践诺结对帮扶': 4 },
            乙: school,
            // 21 points short: 讲政治 (1)–(4) 0 and 讲规矩(1) 3 → 59.
            预: { ...school, '讲政治(1)政治本色': 0, '讲政治(2)学习党章党规': 0, '讲政治(3)学习业务知识': 0, '讲政治(4)贯彻路线方针政策': 0, '讲规矩(1)遵守党的纪律': 3 },
          },
        },
        // 「搞封建迷信活动，造成不良影响的，该项不得分」: 讲道德(3) 6 → 0.
        events: [{ date: '2023-05-01', name: '乙', item: '搞封建迷信活动' }],
      }),
    bureau: () =>
      templateFillGrade('bureau', '区局第二支部', {
        members: [{ name: '甲' }],
        records: { 日常行为评分: { 甲: { ...bureau, 带头学习提高: 12, 带头争创佳绩: 14, 带头遵纪守法: 18, 带头弘扬正气: 13 } } },
        evaluations: [{ name: '甲', good: 30, fair: 8, poor: 2 }],
      }),
    agency: () =>
      templateFillGrade('agency', '政务服务中心支部', {
        members: [{ name: 'H3' }, { name: 'H4' }],
        events: [
          { date: '2023-03-01', name: 'H3', item: '公益事业受到表彰', level: '县' },
          { date: '2023-03-01', name: 'H4', item: '公益事业受到表彰', level: '县' },
          { date: '2023-06-01', name: 'H4', item: '党内处分', level: '严重警告' },
        ],
        sanctions: [{ date: '2023-06-01', name: 'H3', type: '警告', note: '党内警告处分' }],
        evaluations: [{ name: 'H3', grade: '合格' }, { name: 'H4', grade: '合格' }],
      }),
    company: () =>
      templateFillGrade('company', '公司第二支部', {
        members: [{ name: '甲' }, { name: '乙' }],
        // The bonus cells (突出贡献, 奖励表彰, 其他奖励) are left empty except 乙's 奖励表彰 3 in Q1.
        records: everySheet(QUARTERS, { 甲: company, 乙: company }, { 第一季度: { 乙: { 奖励表彰: 3 } } }),
      }),
    xinba: () =>
      templateFillGrade('tiered-xinba', '新坝二村支部', {
        members: [
          { name: '书', tier: '村书记' },
          // 「经支部全体党员大会评议后直接确定档次」: exempt, 档次 in the roster's 直接确定档次.
          { name: '卧', tier: '60岁以上无职', participates: false, directGrade: '带头型' },
        ],
        events: [{ date: '2023-04-01', name: '书', item: '履责践诺', points: 10, count: 7 }],
      }),
  });
});

describe('school: the 16 基础分 sub-items have columns in 《基础分评分》 (seed 004 篇1)', () => {
  it('「(3)努力学习科学文化、法律和教育教学业务知识(5分)」 scored 4 and 讲奉献(4) scored 4: 基础分 78', async () => {
    const { g } = await job(jobs, 'school');
    expectMember(g, '甲', { total: 78, grade: '一般', components: { 基础分: 78 } });
    // 「该项不得分」 still zeroes an item: 80 − 6 = 74.
    expectMember(g, '乙', { total: 74, grade: '一般', components: { 基础分: 74 } });
  });

  it('「无正当理由积分未达到60分……取消预备党员资格」: 59 gets that one consequence, not 延长预备期 as well', async () => {
    const { g } = await job(jobs, 'school');
    expectMember(g, '预', { total: 59, grade: null, flags: ['取消预备党员资格'] });
  });
});

describe('bureau: the five 带头 items entered as scores in 《日常行为评分》 (seed 001 篇2)', () => {
  it('学习 12 + 争创 14 + 服务 15 + 遵纪 18 + 正气 13 = 72; + 94 × 20% = 90.8', async () => {
    const { g } = await job(jobs, 'bureau');
    expectMember(g, '甲', { total: 90.8, grade: '优秀', components: { 日常行为积分: 72, 民主评议积分: 94 } });
  });
});

describe('agency: one 党纪处分 entry applies its deduction and its override (seed 000 篇2)', () => {
  it('「受到党内警告……扣5分」 and 「当年度一律作为警示党员对待」 from one 否决与处分 line: H3 80, 警示党员', async () => {
    const { g } = await job(jobs, 'agency');
    expectMember(g, 'H3', { total: 80, grade: '警示党员', deduction: 5 });
  });

  it('the same from one 加减分明细 line 党内处分（严重警告）: H4 85 − 10 = 75, 警示党员', async () => {
    const { g } = await job(jobs, 'agency');
    expectMember(g, 'H4', { total: 75, grade: '警示党员', deduction: 10 });
  });
});

describe('company: blank bonus cells read as 0 (seed 001 篇4)', () => {
  it('甲 leaves every bonus cell empty: 90 a quarter → 90; 乙 has 奖励表彰 3 in Q1: (93 + 90 × 3) / 4 = 90.75', async () => {
    const { g } = await job(jobs, 'company');
    expectMember(g, '甲', { total: 90, flags: [] });
    expectMember(g, '乙', { total: 90.75, flags: [] });
  });
});

describe('tiered-xinba: an exempt member\'s 档次 set by the branch meeting (seed 000 篇5)', () => {
  it('「经支部全体党员大会评议后直接确定档次」: 卧 is listed as 带头型, without points, rank or quota; 书 80 先锋型', async () => {
    const { g, out } = await job(jobs, 'xinba');
    expectMember(g, '书', { total: 80, grade: '先锋型', rank: 1, flags: [] });
    expectMember(g, '卧', { total: 0, grade: '带头型', rank: null, flags: ['经支部党员大会评议直接确定档次'] });
    const rows = await readTable(join(out, '2023年度评定结果.xlsx'), '新坝二村支部', '合计得分');
    const wo = rows.find((r) => r['党员姓名'] === '卧')!;
    expect([wo['等次'], wo['合计得分'], wo['排名']]).toEqual(['带头型', null, null]);
  });
});
