// End to end, one built-in scheme at a time (township, vanguard, agency, bureau): `score template`
// → fill with exceljs → `score grade --json` equals the numbers worked out by hand below → the
// written 评定结果 workbook gives the same 合计得分. Everything runs through the spawned binary.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/cli.js';
import { allCellTexts, readTable } from '../helpers/fill.js';
import { expectMember, expectWorkbookTotals, privateNeedles, startAll, templateFillGrade, townshipSpec, type GradeOut, type Graded, job } from './lib.js';

const RESULT = '2023年度评定结果.xlsx';

/** Every scheme of this file end to end at once (see startAll); each describe awaits its own. */
let jobs: Record<string, Promise<Graded>>;
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({
    'township': jobTownship,
    'vanguard': jobVanguard,
    'agency': jobAgency,
    'bureau': jobBureau,
  });
});

async function jobTownship(): Promise<Graded> {
  // The annual publication window is given (--from): the default start depends on the holiday calendar.
  return templateFillGrade('township', '第一支部', townshipSpec(), ['--from', '2024-01-08']);
}

async function jobVanguard(): Promise<Graded> {
  return templateFillGrade('vanguard', '先锋村支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }, { name: '预', category: '预备党员' }],
    events: [
      { date: '2023-03-01', name: '甲', item: '组织生活', points: 10 },
      { date: '2023-04-01', name: '甲', item: '集中学习', points: 0.5 },
      { date: '2023-05-01', name: '乙', item: '岗位工作取得突出业绩', points: 8 },
      { date: '2023-06-01', name: '乙', item: '参与志愿服务和公益活动得到广泛认同', points: 6 },
      { date: '2023-03-01', name: '丙', item: '岗位职责和承诺事项', points: 30 },
      { date: '2023-08-01', name: '丙', item: '违纪违规', points: 3 },
      { date: '2023-03-01', name: '丁', item: '按期缴纳党费', points: 50 },
      { date: '2023-06-01', name: '预', item: '组织生活', points: 40 },
    ],
    evaluations: [
      { name: '甲', score: 92 },
      { name: '乙', grade: '合格' },
      { name: '丙', grade: '基本合格' },
      { name: '丁', grade: '不合格' },
      { name: '预', grade: '合格' },
    ],
  });
}

async function jobAgency(): Promise<Graded> {
  const names = ['甲', '乙', '丙', '丁', '戊', '预'];
  return templateFillGrade('agency', '政务服务中心支部', {
    members: names.map((name) => (name === '预' ? { name, category: '预备党员' } : { name })),
    events: [
      { date: '2023-03-01', name: '甲', item: '旷会', count: 3 },
      { date: '2023-04-01', name: '甲', item: '见义勇为受到嘉奖', level: '县', project: '救人' },
      { date: '2023-05-01', name: '甲', item: '见义勇为受到嘉奖', level: '市', project: '救人' },
      { date: '2023-06-01', name: '甲', item: '抗击自然灾害受到表彰', level: '县', project: '抗洪' },
      { date: '2023-07-01', name: '甲', item: '合理化建议被采纳' },
      { date: '2023-04-01', name: '乙', item: '公益事业受到表彰', level: '国家', project: '捐助' },
      { date: '2023-05-01', name: '乙', item: '合理化建议被采纳', count: 2 },
      { date: '2023-04-01', name: '丙', item: '党内处分', level: '留党察看' },
      { date: '2023-04-02', name: '丙', item: '违法受到处罚', level: '拘留' },
      { date: '2023-04-03', name: '丙', item: '不担当不作为', count: 10 },
      { date: '2023-08-01', name: '丁', item: '参与黄赌毒' },
      { date: '2023-09-01', name: '戊', item: '弄虚作假骗取积分' },
      { date: '2023-03-01', name: '预', item: '不担当不作为', count: 5 },
    ],
    evaluations: names.map((name) => ({ name, grade: '优秀', score: 90 })),
    sanctions: [{ date: '2023-04-01', name: '丙', type: '留党察看', note: '党内处分' }],
  });
}

/** 《日常行为评分》 at full marks: 带头学习提高 15, 带头争创佳绩 15, 带头服务群众 15, 带头遵纪守法 20, 带头弘扬正气 15 = 80. */
const BUREAU_FULL = { 带头学习提高: 15, 带头争创佳绩: 15, 带头服务群众: 15, 带头遵纪守法: 20, 带头弘扬正气: 15 };

async function jobBureau(): Promise<Graded> {
  return templateFillGrade('bureau', '区局机关支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }],
    events: [
      { date: '2023-03-01', name: '乙', item: '市级以上刊物发表', count: 2 },
      { date: '2023-04-01', name: '乙', item: '表彰', level: '区', project: '创优' },
      { date: '2023-05-01', name: '乙', item: '表彰', level: '市', project: '创优' },
      { date: '2023-06-01', name: '乙', item: '工作失职造成不良后果' },
      { date: '2023-07-01', name: '丁', item: '违反国家法律法规' },
    ],
    // 《日常行为评分》: the five 带头 items scored as scores (乙 学习 12.5 of 15; 丙 遵纪守法 0 and 服务群众 0).
    records: {
      日常行为评分: {
        甲: BUREAU_FULL,
        乙: { ...BUREAU_FULL, 带头学习提高: 12.5 },
        丙: { ...BUREAU_FULL, 带头遵纪守法: 0, 带头服务群众: 0 },
        丁: BUREAU_FULL,
      },
    },
    evaluations: [
      { name: '甲', good: 30, fair: 8, poor: 2 },
      { name: '乙', good: 30, fair: 8, poor: 2 },
      { name: '丙', good: 0, fair: 10, poor: 10 },
      { name: '丁', good: 10, fair: 0, poor: 0 },
    ],
  });
}

describe('township (seed 003): monthly mean + bonus ≤ 10, 百分制 clamp, stars, 20% quota, veto, 预备党员', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'township'));
  });

  it('totals, grades, stars, ranks and flags as worked by hand', () => {
    expect(g.scheme).toBe('township');
    // 老 is 不参加积分管理: in the roster, not in the results.
    expect(g.members.map((m) => m.name)).toEqual(['甲', '乙', '丙', '预', '丁']);
    // 甲: 100 a month → mean 100; 表彰 市 +3 → 103 → 实行百分制 clamp 100; ≥80 优秀 ★★★★★.
    // Quota: graded, not vetoed = 甲 乙 丙 → floor(3 × 20%) = 0 → at least 1: only 甲 (the top) keeps 优秀.
    expectMember(g, '甲', { total: 100, grade: '优秀', stars: 5, rank: 1, flags: [], bonus: 3, components: { 履行党员义务: 40, 志愿服务岗位贡献: 60 } });
    // 乙: 90 a month, March 学习教育 10 − 5 (无故缺席) → 85; 义务 (11×40 + 35)/12 = 475/12 = 39.5833…; 岗位 50.
    // Bonus: 经济发展 2 + 表彰「抗洪」县 2 / 市 3 → 3 (highest only) + 表彰「脱贫」省 4 + 七一 2 + 公益 2 = 13 → cap 10.
    // (11×90 + 85)/12 = 1075/12 = 89.5833… + 10 = 99.5833… → 99.58: band 优秀, but beyond the quota of 1 → 合格 ★★★★.
    expectMember(g, '乙', { total: 99.58, grade: '合格', stars: 4, rank: 2, flags: ['超出优秀名额'], bonus: 10, components: { 履行党员义务: 39.5833, 志愿服务岗位贡献: 50 } });
    // 丙: 56 a month; June 党费 10 − 10 − 3 → floor 0 (扣完为止) → June 46.
    // (11×56 + 46)/12 = 662/12 = 55.1666… → 55.17: 55–<60 不合格 ★★ (without the floor: 659/12 = 54.92 → ★).
    expectMember(g, '丙', { total: 55.17, grade: '不合格', stars: 2, rank: 3, flags: ['诫勉谈话，限期整改', '一对一帮扶'], components: { 履行党员义务: 39.1667, 志愿服务岗位贡献: 16 } });
    // 丁: 100 a month, but 违反法律法规 (扣分项 = 一票否决) → 0, listed after the ranked, components still shown.
    // 0 is in the <50 band: 不合格, no star; the 不合格 follow-ups apply.
    expectMember(g, '丁', { total: 0, vetoed: true, grade: '不合格', stars: 0, rank: null, flags: ['诫勉谈话，限期整改', '一对一帮扶'], components: { 履行党员义务: 40, 志愿服务岗位贡献: 60 } });
    expect(g.members.find((m) => m.name === '丁')!.vetoReason).toBe('违反法律法规');
    // 预 (预备党员): 40 + 10 = 50 a month → 50; scored, not graded, no quota; < 60 → 延长预备期.
    expectMember(g, '预', { total: 50, grade: null, stars: null, rank: null, flags: ['延长预备期'] });
  });

  it('the 评定结果 workbook has the same 合计得分 in the branch sheet', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '第一支部');
  });

  it('the annual 公示名单: the window after the cycle, the same totals, no private data', async () => {
    const file = join(out, '2023年度公示名单.xlsx');
    const cells = await allCellTexts(file);
    // --from 2024-01-08, 7 days (the scheme's publishDays).
    expect(cells.map((c) => c.text)).toContain('公示期：2024年1月8日至2024年1月14日');
    const rows = (await readTable(file, '第一支部', '姓名')).filter((r) => typeof r['积分'] === 'number');
    expect(Object.fromEntries(rows.map((r) => [r['姓名'], r['积分']]))).toEqual(Object.fromEntries(g.members.map((m) => [m.name, m.total])));
    for (const c of cells) for (const n of privateNeedles()) expect(c.text, `${c.sheet}!${c.cell}`).not.toContain(n);
  });

  // CAP_EXCEEDED counts one project once, at its highest level (R3), like the engine.
  it('the cap warning counts 表彰 of one project once (13, not 15)', () => {
    const w = g.issues.find((i) => i.code === 'CAP_EXCEEDED');
    expect(w?.message).toContain('合计 13 分');
  });
});

describe('vanguard (seed 000 篇4): 0.8 × 日常 + 0.2 × 评议 in exact decimals, rewards ≤ 10, 预备党员 rules', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'vanguard'));
  });

  it('totals, grades, ranks and flags as worked by hand', () => {
    // 甲: 日常 100 − 10 − 0.5 = 89.5; 评议得分 92 → 0.8 × 89.5 + 0.2 × 92 = 71.6 + 18.4 = 90 exactly → ≥90 优秀.
    expectMember(g, '甲', { total: 90, grade: '优秀', rank: 2, flags: [], components: { 日常考核积分: 89.5, 年度评议积分: 92 } });
    // 乙: 日常 100; 评议 合格 = 80; rewards 8 + 6 = 14 → cap 10 → 80 + 16 + 10 = 106 → 优秀.
    expectMember(g, '乙', { total: 106, grade: '优秀', rank: 1, flags: [], bonus: 10 });
    // 丙: 日常 100 − 30 = 70; 基本合格 = 60 → 56 + 12 = 68; 惩罚 −3 → 65 → 60–<70 基本合格.
    expectMember(g, '丙', { total: 65, grade: '基本合格', rank: 3, flags: ['谈心谈话，警戒提醒'], deduction: 3 });
    // 丁: 日常 100 − 50 = 50 → 40; 不合格 = 0 → 40 → 不合格 (正式党员) → disposal list.
    expectMember(g, '丁', { total: 40, grade: '不合格', rank: 5, flags: ['纳入不合格党员处置范围'] });
    // 预: 日常 100 − 40 = 60 → 48; 合格 80 → 16; 64 → 基本合格: a 预备党员 is graded here → 延长预备期.
    expectMember(g, '预', { total: 64, grade: '基本合格', rank: 4, flags: ['谈心谈话，警戒提醒', '延长预备期'] });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '先锋村支部');
  });
});

describe('agency (seed 000 篇2): 基本指数 80, 正向 ≤ 20 (highest level once), 反向, clamp 0–100, 先锋 needs 基本 ≥ 75, overrides', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'agency'));
  });

  it('totals, grades, ranks and flags as worked by hand', () => {
    // 甲: 纪律(1) 10 − 3 × 2 (旷会) = 4 → 基本 74; 正向: 救人 县 5 / 市 10 → 10, 抗洪 县 5, 建议 3 → 18.
    // 74 + 18 = 92 ≥ 90, but 基本指数 74 < 75 → not 先锋: 合格党员. The 评议 (90) is shown, not added.
    expectMember(g, '甲', { total: 92, grade: '合格党员', rank: 2, flags: ['基本指数低于75，不能评为先锋党员', '谈心谈话，积极引导'], bonus: 18, components: { 基本指数: 74, 半年评议得分: 90 } });
    // 乙: 国家 20 + 建议 2 × 3 = 26 → cap 20 → 80 + 20 = 100 → 先锋党员; quota floor(6 × 20%) → 1 (the 预备 counts): 乙 is the one.
    expectMember(g, '乙', { total: 100, grade: '先锋党员', rank: 1, flags: ['给予表彰和宣传，作为评先评优优先对象'], bonus: 20 });
    // 丙: 反向 留党察看 20 + 拘留 15 + 不担当 10 × 5 = 85 → 80 − 85 = −5 → clamp 0; 留党察看 → 不合格党员.
    expectMember(g, '丙', { total: 0, grade: '不合格党员', rank: 5, vetoed: false, deduction: 85, flags: ['受留党察看，定为不合格党员', '按组织程序处置'] });
    // 丁: 参与黄赌毒 → 品行(1) 该项不得分 (−10) → 70 → 合格党员.
    expectMember(g, '丁', { total: 70, grade: '合格党员', rank: 3, flags: ['谈心谈话，积极引导'], components: { 基本指数: 70, 半年评议得分: 90 } });
    // 戊: 弄虚作假骗取积分 → 一票否决 → 0, not ranked; 0 < 60 → 警示党员 → 谈话教育.
    expectMember(g, '戊', { total: 0, vetoed: true, grade: '警示党员', rank: null, flags: ['谈话教育，结对帮扶'] });
    // 预: 80 − 5 × 5 = 55 → 警示党员 (预备党员 are graded here, and counted in the quota) → 延长预备期一年.
    expectMember(g, '预', { total: 55, grade: '警示党员', rank: 4, flags: ['延长预备期一年', '谈话教育，结对帮扶'] });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '政务服务中心支部');
  });
});

describe('bureau (seed 001 篇2): 日常 80 + 奖分 − 扣分 + 测评 (好×1 + 一般×0.8 + 差×0.6)/票数×100 × 20%, quota', () => {
  let g: GradeOut;
  let out: string;
  beforeAll(async () => {
    ({ g, out } = await job(jobs, 'bureau'));
  });

  it('totals, grades, ranks and flags as worked by hand', () => {
    // 测评 (30 + 8 × 0.8 + 2 × 0.6) / 40 × 100 = 37.6 / 40 × 100 = 94 → × 20% = 18.8.
    // 乙: 日常 80 − 2.5 (学习 scored 12.5 of 15) = 77.5; 刊物 2 × 2 = 4 → group cap 3; 表彰「创优」区 4 / 市 5 → 5; 扣 3.
    // 77.5 + 3 + 5 − 3 + 18.8 = 101.3 → 优秀; quota floor(3 × 20%) → 1: 乙 keeps it.
    expectMember(g, '乙', { total: 101.3, grade: '优秀', rank: 1, flags: [], bonus: 8, deduction: 3, components: { 日常行为积分: 77.5, 民主评议积分: 94 } });
    // 甲: 80 + 18.8 = 98.8 → ≥ 80 but beyond the quota → 合格.
    expectMember(g, '甲', { total: 98.8, grade: '合格', rank: 2, flags: ['超出优秀名额'], components: { 日常行为积分: 80, 民主评议积分: 94 } });
    // 丙: 日常 80 − 20 − 15 (遵纪守法 and 服务群众 scored 0) = 45; 测评 (0 + 8 + 6) / 20 × 100 = 70 → 14; 45 + 14 = 59 → < 60 不合格.
    expectMember(g, '丙', { total: 59, grade: '不合格', rank: 3, flags: ['诫勉谈话，责令限期改正'], components: { 日常行为积分: 45, 民主评议积分: 70 } });
    // 丁: 违反国家法律法规 → 一票否决 → 0 (测评 100 still listed), not ranked.
    expectMember(g, '丁', { total: 0, vetoed: true, grade: '不合格', rank: null, flags: ['诫勉谈话，责令限期改正'], components: { 日常行为积分: 80, 民主评议积分: 100 } });
  });

  it('the 评定结果 workbook has the same 合计得分', async () => {
    await expectWorkbookTotals(g, join(out, RESULT), '区局机关支部');
  });
});
