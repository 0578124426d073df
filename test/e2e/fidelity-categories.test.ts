// Issue 18 item 2 and findings 6, 7, 14–18 (fidelity round 3): who is scored, graded, ranked, in the
// quota and flagged, per scheme, with the seed sentence and the hand numbers of the findings file.
// Through the spawned binary: `score template` → filled → `score grade` / `compute` / `publish`.
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, json, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, everySheet, type LedgerFill } from '../helpers/fill.js';
import { expectMember, filled, scoreAsync, startAll, templateAsync, templateFillGrade, twoYears, type GradeOut, type Graded } from './lib.js';

const BUREAU_FULL = { 带头学习提高: 15, 带头争创佳绩: 15, 带头服务群众: 15, 带头遵纪守法: 20, 带头弘扬正气: 15 };
const YB = '预备党员';

function village(): Promise<Graded> {
  // Cycle 2023 = 2022-07-01 … 2023-06-30. 基础分 5 × 10 = 50.
  return templateFillGrade('village', '柳树村支部', {
    members: [...['一', '二', '三', '四', '五', '六'].map((name) => ({ name })), { name: '预', category: YB }],
    events: [
      { date: '2022-08-01', name: '一', item: '好人好事', count: 2 },
      { date: '2022-08-01', name: '二', item: '文明户' },
      { date: '2022-08-01', name: '三', item: '建言标兵' },
      { date: '2022-08-01', name: '五', item: '不按时参加会议' },
      { date: '2022-08-01', name: '六', item: '参与迷信和赌博' },
      { date: '2022-09-01', name: '预', item: '参加或不抵制邪教' },
      { date: '2022-09-01', name: '预', item: '违法违纪或违反村规民约', count: 2 },
    ],
  });
}

function baiyanghe(): Promise<Graded> {
  return templateFillGrade('tiered-baiyanghe', '白杨河村支部', {
    members: [
      { name: '甲', tier: '村两委干部' },
      { name: '预甲', tier: '60岁以上或体弱', category: YB },
      { name: '预乙', tier: '村两委干部', category: YB },
    ],
    events: [
      { date: '2023-02-01', name: '甲', item: '参加三会一课', points: 10, count: 5 },
      { date: '2023-02-01', name: '预甲', item: '参加三会一课', points: 10, count: 5 },
      { date: '2023-02-01', name: '预乙', item: '倒扣分', points: 5 },
    ],
  });
}

function itBureau(): Promise<Graded> {
  return templateFillGrade('it-bureau', '工信局机关支部', {
    members: [{ name: '甲' }, { name: '预', category: YB }],
    records: everySheet(MONTHS, { 甲: { 月任务分: 5 }, 预: { 月任务分: 4 } }),
    evaluations: [
      { name: '甲', grade: '合格' },
      { name: '预', grade: '不合格' },
    ],
  });
}

function demolition(): Promise<Graded> {
  const ev = (name: string, item: string, count = 1) => ({ date: '2023-05-01', name, item, count });
  return templateFillGrade('demolition', '拆迁办支部', {
    members: [{ name: 'Y1', category: YB }, { name: 'Y2', category: YB }, ...['Z1', 'Z2', 'Z3', 'Z4', 'Z5', 'Z6', 'Z7'].map((name) => ({ name }))],
    events: [
      ev('Y2', '主讲微讲堂', 2), // 100
      ev('Z7', '主讲微讲堂'), ev('Z7', '组织生活会提出意见建议'), // 60
      ev('Z6', '主讲微讲堂'), // 50
      ev('Z5', '组织生活会提出意见建议'), ev('Z5', '意见建议被采纳'), // 30
      ev('Z4', '意见建议被采纳'), // 20
      ev('Z3', '组织生活会提出意见建议'), ev('Z3', '研讨会微讲堂发言'), // 15
      ev('Z2', '组织生活会提出意见建议'), // 10
      ev('Z1', '研讨会微讲堂发言'), // 5; Y1 has nothing: 0
    ],
  });
}

const CULTURE_NAMES = ['P', 'K1', 'K2', 'K3', 'K4'];
async function culture(): Promise<Graded & { q1: GradeOut }> {
  const g = await templateFillGrade('culture', '文旅局机关支部', {
    members: CULTURE_NAMES.map((name) => (name === 'P' ? { name, category: YB } : { name })),
    events: [
      // Q1 = 2022-12-26 … 2023-03-25.
      { date: '2023-01-05', name: 'P', item: '先进个人奖', level: '国家' },
      { date: '2023-01-05', name: 'K1', item: '先进个人奖', level: '省' },
      { date: '2023-01-05', name: 'K2', item: '先进个人奖', level: '市' },
      { date: '2023-01-05', name: 'K3', item: '先进个人奖', level: '区' },
      { date: '2023-06-01', name: 'K4', item: '连续六个月未交纳党费' },
    ],
    evaluations: CULTURE_NAMES.map((name) => ({ name, good: 10, fair: 0, poor: 0, voters: 10 })),
  });
  const run = await scoreAsync(['compute', g.file, '--period', '2023Q1', '--out', tmp(), '--json', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  return { ...g, q1: json<GradeOut>(run) };
}

function agency(): Promise<Graded> {
  return templateFillGrade('agency', '政务服务中心支部', {
    members: [{ name: 'G1' }, { name: 'Y', category: YB }, ...['G2', 'G3', 'G4', 'G5'].map((name) => ({ name }))],
    events: [
      { date: '2023-03-01', name: 'G1', item: '见义勇为受到嘉奖', level: '省', project: '救人' },
      { date: '2023-04-01', name: 'Y', item: '公益事业受到表彰', level: '市', project: '捐助' },
    ],
  });
}

function bureau(): Promise<Graded> {
  return templateFillGrade('bureau', '区局机关支部', {
    members: [{ name: 'B1' }, { name: 'B2', category: YB }, { name: '老', participates: false, otherScore: 85 }],
    records: { 日常行为评分: { B1: BUREAU_FULL, B2: { 带头学习提高: 5, 带头争创佳绩: 5, 带头服务群众: 10, 带头遵纪守法: 10, 带头弘扬正气: 10 } } },
    evaluations: [
      { name: 'B1', good: 10, fair: 0, poor: 0 },
      { name: 'B2', good: 0, fair: 0, poor: 10 },
    ],
  });
}

function xinba(): Promise<Graded> {
  return templateFillGrade('tiered-xinba', '新坝村支部', {
    members: [
      { name: 'T1', tier: '60岁以上无职' },
      { name: 'T2', tier: '60岁以下无职', category: YB },
    ],
    events: [
      { date: '2023-02-01', name: 'T1', item: '参加公益活动', points: 10, count: 3 },
      { date: '2023-02-01', name: 'T2', item: '参加三会一课', points: 10 },
    ],
  });
}

/** vanguard: 预 基本合格 two years running (日常 70 × 0.8 + 评议 50 × 0.2 = 66). */
function vanguardTwoYears(): ReturnType<typeof twoYears> {
  const spec = (year: number): LedgerFill => ({
    members: [{ name: '甲' }, { name: '预', category: YB }],
    events: [{ date: `${year}-03-01`, name: '预', item: '组织生活', points: 30 }],
    evaluations: [
      { name: '甲', score: 100 },
      { name: '预', score: 50 },
    ],
  });
  return twoYears('vanguard', '先锋村支部', spec(2022), spec(2023));
}

/** agency: 预 警示 two years running (80 − 5 × 5 = 55). */
function agencyTwoYears(): ReturnType<typeof twoYears> {
  const spec = (year: number): LedgerFill => ({
    members: [{ name: '甲' }, { name: '预', category: YB }],
    events: [{ date: `${year}-03-01`, name: '预', item: '不担当不作为', count: 5 }],
  });
  return twoYears('agency', '政务服务中心支部', spec(2022), spec(2023));
}

/** The frame from `scheme init`: 5 members at 100, 99, 98, 97, 96 (预 a 预备党员), all with 民主测评. */
async function frame(): Promise<{ g: GradeOut; show: string }> {
  const dir = tmp('score-e2e-cat-frame-');
  const file = join(dir, '框架方案.json');
  const init = await scoreAsync(['scheme', 'init', '--out', file, '--quiet']);
  expect(init.code, init.stderr).toBe(0);
  const tdir = tmp('score-e2e-cat-frame-template-');
  const tr = await scoreAsync(['template', '--scheme', file, '--branch', '第一支部', '--year', '2023', '--out', tdir, '--json', '--quiet']);
  expect(tr.code, tr.stderr).toBe(0);
  const t = { dir: tdir, ledger: json<{ written: string[] }>(tr).written.find((f) => f.includes('_积分台账_'))!, application: '' };
  const names = ['甲', '乙', '丙', '丁', '预'];
  const ledger = await filled(t, {
    members: names.map((name) => (name === '预' ? { name, category: YB } : { name })),
    events: names.slice(1).map((name, i) => ({ date: '2023-03-01', name, item: '违反规定', points: i + 1 })),
    evaluations: names.map((name) => ({ name, good: 10, fair: 0, poor: 0 })),
  });
  const run = await scoreAsync(['grade', '--year', '2023', ledger, '--scheme', file, '--out', tmp(), '--json', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  const sh = await scoreAsync(['scheme', 'show', file]);
  expect(sh.code, sh.stderr).toBe(0);
  return { g: json<GradeOut>(run), show: sh.stdout };
}

// Many pipelines share two cores.
vi.setConfig({ testTimeout: 300_000 });

/** company: an exempt member with 另行评定得分 78.5 beside two members who take part. */
function company(): Promise<Graded> {
  const q = { 政治素质: 9, 组织生活: 9, 发挥先锋作用: 3, 服务群众: 3, 道德示范: 6, 廉洁奉公: 3, 其他基础分: 7, 履行职责: 29, 履诺践诺: 3, 发挥作用: 7, 其他任务分: 11, 突出贡献: 0, 奖励表彰: 0, 其他奖励: 0 };
  return templateFillGrade('company', '公司党支部', {
    members: [{ name: '甲' }, { name: '乙' }, { name: '老', participates: false, otherScore: 78.5 }],
    records: { 第一季度: { 甲: q, 乙: q }, 第二季度: { 甲: q, 乙: q }, 第三季度: { 甲: q, 乙: q }, 第四季度: { 甲: q, 乙: q } },
  });
}

/** validate: 另行评定得分 typed for a member who takes part. */
async function otherScoreMisplaced(): Promise<Run> {
  const t = await templateAsync('bureau', '第一支部');
  const file = await filled(t, { members: [{ name: '甲', otherScore: 80 }] });
  return scoreAsync(['validate', file, '--json', '--quiet']);
}

type Job = 'company' | 'misplaced' | 'frame' | 'village' | 'baiyanghe' | 'itBureau' | 'demolition' | 'culture' | 'agency' | 'bureau' | 'xinba' | 'vanguard2' | 'agency2';
let jobs: { [K in Job]: Promise<unknown> };
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({ company, misplaced: otherScoreMisplaced, frame, village, baiyanghe, itBureau, demolition, culture, agency, bureau, xinba, vanguard2: vanguardTwoYears, agency2: agencyTwoYears });
});

const graded = async (k: Job): Promise<GradeOut> => ((await jobs[k]) as Graded).g;
const flagged = (g: GradeOut, flag: string): string[] => g.members.filter((m) => m.flags.includes(flag)).map((m) => m.name).sort();

describe('R17 预备党员 ranked and graded where the seed speaks of every 党员 (findings 6, 7, 14–18)', () => {
  it('village 「得分居于末位的5名党员，要向党员大会作检讨」: the lowest member, a 预备 with 30, is among the bottom 5 (finding 6)', async () => {
    const g = await graded('village');
    expectMember(g, '预', { total: 30, rank: 7, flags: ['向党员大会作检讨'] });
    expect(flagged(g, '向党员大会作检讨')).toEqual(['三', '五', '六', '四', '预'].sort());
    expectMember(g, '二', { total: 55, flags: [] });
  });

  it('tiered-baiyanghe 「按照党员全年累计积分进行划分累计达100分以上的为优秀等次」: 预备 100 → 优秀 + 党员大会表彰, 15 → 不合格 + 整改期 (finding 7)', async () => {
    const g = await graded('baiyanghe');
    expectMember(g, '预甲', { total: 100, grade: '优秀', flags: ['党员大会表彰'] });
    expectMember(g, '预乙', { total: 15, grade: '不合格', flags: ['整改期，两名合格党员帮助引导'] });
    expectMember(g, '甲', { total: 70, grade: '合格', rank: 2 });
  });

  it('it-bureau 「县工信局党支部全体共产党员」: 预备 (20 + 12 × 4) × 80% = 54.4 → 不合格 + 一对一帮扶 (finding 7)', async () => {
    const g = await graded('itBureau');
    expectMember(g, '预', { total: 54.4, grade: '不合格', rank: 2, flags: ['取消一切评先树优资格，一对一帮扶教育'] });
  });

  it('demolition 「对年度积分排名前五位的党员，给予大力表扬……对年度排名后三位的党员进行提醒谈话」: top 5 Y2 Z7 Z6 Z5 Z4, bottom 3 Y1 Z1 Z2 (finding 14)', async () => {
    const g = await graded('demolition');
    expect(flagged(g, '表扬奖励')).toEqual(['Y2', 'Z4', 'Z5', 'Z6', 'Z7']);
    expect(flagged(g, '提醒谈话，一般不推荐评优')).toEqual(['Y1', 'Z1', 'Z2']);
    expectMember(g, 'Y2', { total: 100, rank: 1 });
    expectMember(g, 'Y1', { total: 0, rank: 9 });
  });

  it('culture 「全年总积分前3名的优先享有评先树优资格」「贡献加分最多的党员为当季“星级党员”」: top 3 P K1 K2, Q1 star P (finding 15)', async () => {
    const { g, q1 } = (await jobs.culture) as Graded & { q1: GradeOut };
    // 基础 80 + 评议 100 × 20% + 先进个人 国家 10 = 110.
    expectMember(g, 'P', { total: 110, rank: 1 });
    expect(flagged(g, '优先享有评先树优资格')).toEqual(['K1', 'K2', 'P']);
    expect(flagged(q1, '星级党员')).toEqual(['P']);
  });

  it('agency 「先锋党员原则上不超过党员总数的20%」, scope 「中共正式党员、预备党员」: 6 members → at most 1 先锋 (finding 16)', async () => {
    const g = await graded('agency');
    expectMember(g, 'G1', { total: 95, grade: '先锋党员', flags: ['给予表彰和宣传，作为评先评优优先对象'] });
    // Y (预备) 90: a 先锋 candidate beyond ⌊6 × 20%⌋ = 1 place → 合格党员, and 合格 → 谈心谈话.
    expectMember(g, 'Y', { total: 90, grade: '合格党员', flags: ['超出优秀名额', '谈心谈话，积极引导'] });
    expect(g.members.filter((m) => m.grade === '先锋党员')).toHaveLength(1);
  });

  it('agency 「对合格党员，开展谈心谈话，积极引导」: a 合格党员 with 80 is flagged', async () => {
    const g = await graded('agency');
    expectMember(g, 'G2', { total: 80, grade: '合格党员', flags: ['谈心谈话，积极引导'] });
  });

  it('bureau 「全局所属在职在岗党员和预备党员」: B2 (预备) 40 + 60 × 20% = 52 → 不合格 + 诫勉谈话 (finding 17)', async () => {
    const g = await graded('bureau');
    expectMember(g, 'B2', { total: 52, grade: '不合格', rank: 2, flags: ['诫勉谈话，责令限期改正'] });
    expectMember(g, 'B1', { total: 100, grade: '优秀', rank: 1 });
  });

  it('tiered-xinba 「每个党员的基础分加上全年累计积分……评定为……四个等次」: T2 (预备) 30 + 10 = 40 → 褪色型 (finding 18)', async () => {
    const g = await graded('xinba');
    expectMember(g, 'T2', { total: 40, grade: '褪色型', rank: 2 });
    expectMember(g, 'T1', { total: 80, grade: '先锋型', rank: 1 });
  });
});

describe('R17 the seed\'s second-year 预备 rule replaces the first (vanguard, agency)', () => {
  it('vanguard 「对基本合格等次的预备党员，延长预备期，期满仍达不到标准的，取消预备党员资格」: year 1 延长预备期, year 2 only 取消', async () => {
    const { g2022, g2023 } = (await jobs.vanguard2) as { g2022: GradeOut; g2023: GradeOut };
    expectMember(g2022, '预', { total: 66, grade: '基本合格', flags: ['谈心谈话，警戒提醒', '延长预备期'] });
    expectMember(g2023, '预', { total: 66, grade: '基本合格', flags: ['谈心谈话，警戒提醒', '预备期满仍未达标，取消预备党员资格'] });
  });

  it('agency 「预备党员被确定为“警示”等次的，延长预备期一年;连续两年被确定为“警示等次”的，取消预备党员资格」: not both', async () => {
    const { g2022, g2023 } = (await jobs.agency2) as { g2022: GradeOut; g2023: GradeOut };
    expectMember(g2022, '预', { total: 55, grade: '警示党员', flags: ['延长预备期一年', '谈话教育，结对帮扶'] });
    expectMember(g2023, '预', { total: 55, grade: '不合格党员', flags: ['取消预备党员资格', '两年警示，定为不合格党员', '按组织程序处置'] });
  });
});

describe('R17 follow-up flags the seeds give (unfaithful or missing, round 3)', () => {
  it('culture 「连续六个月未交纳党费的扣10分,并按《党章》规定处理」: the 加减分明细 row raises 按《党章》规定处理', async () => {
    const g = await graded('culture');
    // 80 − 10 + 20 = 90.
    expectMember(g, 'K4', { total: 90, flags: ['按《党章》规定处理'] });
  });
});

describe('the frame (scheme init): 优秀 ≤ 20% is the sample\'s decision, stated', () => {
  it('seed 002 gives no 优秀 share: scheme show says 20% is the sample\'s decision; 5 members 100…96 → 1 优秀 (the 预备 counts)', async () => {
    const { g, show: text } = (await jobs.frame) as { g: GradeOut; show: string };
    expect(text).toContain('决定：工作意见没有规定优秀的比例：本样板的决定是优秀不超过参评党员的20%');
    expectMember(g, '甲', { total: 100, grade: '优秀', rank: 1 });
    for (const [name, total] of [['乙', 99], ['丙', 98], ['丁', 97], ['预', 96]] as const) expectMember(g, name, { total, grade: '合格', flags: ['超出优秀名额'] });
  });
});

describe('R17 不参加 members scored by other means have a place to enter it (bureau, company)', () => {
  it('bureau 「由所在党组织根据平时表现评定年度综合得分,但原则上不参加评先评优」: 名册 另行评定得分 85 → listed with 85, flagged, not ranked, not in the quota', async () => {
    const g = await graded('bureau');
    expectMember(g, '老', { total: 85, grade: null, rank: null, flags: ['不参加积分管理，党组织另行评定年度综合得分，原则上不参加评先评优'] });
    // The quota still counts B1 and B2 only: ⌊2 × 20%⌋ → 1, B1 优秀.
    expectMember(g, 'B1', { total: 100, grade: '优秀', rank: 1 });
  });

  it('company 「根据党员个人平时表现,给予适当的年度积分,但原则上不参加评先评优」: 名册 另行评定得分 78.5 → listed with 78.5, not ranked', async () => {
    const g = await graded('company');
    expectMember(g, '老', { total: 78.5, rank: null, flags: ['不参加积分管理，党支部给予年度积分，原则上不参加评先评优'] });
    expect(g.members.filter((m) => m.rank !== null).map((m) => m.name).sort()).toEqual(['乙', '甲']);
  });

  it('另行评定得分 for a member who takes part is an error at the member (MEMBER_BAD_OTHER_SCORE), never silently used or dropped', async () => {
    const r = (await jobs.misplaced) as Run;
    expect(r.code, r.stderr).toBe(1);
    const issues = json<{ issues: { code: string; sheet?: string; message: string }[] }>(r).issues.filter((i) => i.code === 'MEMBER_BAD_OTHER_SCORE');
    expect(issues.map((i) => [i.sheet, i.message])).toEqual([['名册', '「甲」的另行评定得分 80 只给不参加积分管理的党员填写']]);
  });
});

/** `score scheme show ID` text. */
async function show(id: string): Promise<string> {
  const r = await scoreAsync(['scheme', 'show', id]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('R17 every built-in scheme states its categories in scheme show', () => {
  const ids = ['township', 'vanguard', 'agency', 'bureau', 'culture', 'company', 'school', 'village', 'tiered-xinba', 'tiered-baiyanghe', 'it-bureau', 'demolition'];
  it('each names 正式, 预备, 入党积极分子 and 不参加: scored, graded, ranked and flags, each with 原文 or 决定', async () => {
    for (const id of ids) {
      const text = await show(id);
      const block = text.slice(text.indexOf('党员类别（R17'), text.indexOf('组成部分：'));
      for (const name of ['正式党员', '预备党员', '入党积极分子', '不参加积分管理']) expect(block, `${id} ${name}`).toContain(`- ${name}`);
      const lines = block.split('\n').filter((l) => l.startsWith('  - '));
      for (const l of lines.slice(0, 3)) expect(l, id).toMatch(/计分.*(评定等次|不按分数评定等次).*排名.*标注：/);
      // Every category (and 不参加) is followed by its seed sentence or decision.
      expect(block.split('\n').filter((l) => /^ {6}(原文|决定)：/.test(l)).length, id).toBeGreaterThanOrEqual(4);
    }
  });

  it('agency states the 预备 treatment with the seed sentence and counts it in the 先锋 quota', async () => {
    const text = await show('agency');
    expect(text).toContain('- 预备党员（也可写：预备）：计分，评定等次，排名，计入先锋党员名额的人数；标注：延长预备期一年、取消预备党员资格');
    expect(text).toContain('原文：「县政务服务中心机关在职在岗的中共正式党员、预备党员。……预备党员被确定为“警示”等次的');
    expect(text).toContain('取代“延长预备期一年”（两者不同时标注）');
  });

  it('township keeps 「预备党员参加积分制管理，但不确定等次」: 预备 not graded, not ranked, not in the quota', async () => {
    const text = await show('township');
    expect(text).toContain('- 预备党员（也可写：预备）：计分，不评定等次，不排名，不计入优秀名额的人数；标注：延长预备期');
    expect(text).toContain('原文：「预备党员参加积分制管理，但不确定等次。');
  });
});

describe('公示 length: 7 days is the seed\'s minimum only where the seed says so', () => {
  it('culture (no number of days in seed 001 篇3): `publish --days 5` is accepted, scheme show says 7 is our default', async () => {
    const { file } = (await jobs.culture) as Graded;
    const r: Run = await scoreAsync(['publish', '--period', '2023Q1', file, '--days', '5', '--out', tmp(), '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(await show('culture')).toContain('公示默认 7 天（原文未规定天数，本方案的决定；公示时可改为其他天数）');
  });

  it.each(['company', 'tiered-xinba', 'agency', 'bureau'])('%s (seed gives no days): scheme show states 7 as a decision', async (id) => {
    const text = await show(id);
    expect(text).toContain('公示默认 7 天（原文未规定天数');
    expect(text).toContain('【公示期】原文没有规定公示天数');
  });

  it('township 「公示时间不少于7天」 still refuses --days 5', async () => {
    expect(await show('township')).toContain('公示不少于 7 天（原文规定，不能更少）');
  });
});

