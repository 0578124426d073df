// Issue #12 points 1–6 and 12 through the spawned binary: `score template` → filled like a clerk
// would → `score validate` / `score grade`, with the seed sentence beside each case.
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, json, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, everySheet, fillApplication, type LedgerFill } from '../helpers/fill.js';
import { expectMember, filled, member, scoreAsync, startAll, templateAsync, templateFillGrade, townshipMonth, type GradeOut, type Graded } from './lib.js';

interface Issue { severity: string; code: string; sheet?: string; cell?: string; message: string }
interface Checked { run: Run; issues: Issue[] }

async function validateFilled(scheme: string, spec: LedgerFill, extra: string[] = []): Promise<Checked> {
  const t = await templateAsync(scheme, '第一支部');
  const file = await filled(t, spec);
  const run = await scoreAsync(['validate', file, '--json', '--quiet', ...extra]);
  return { run, issues: json<{ issues: Issue[] }>(run).issues };
}

const rest = Array.from({ length: 7 }, (_, i) => `员${i + 1}`);
const BUREAU_FULL = { 带头学习提高: 15, 带头争创佳绩: 15, 带头服务群众: 15, 带头遵纪守法: 20, 带头弘扬正气: 15 };

function townshipQuota(): Promise<Graded> {
  return templateFillGrade('township', '第一支部', {
    members: [{ name: '甲' }, { name: '丁' }, ...rest.map((name) => ({ name })), { name: '否' }, { name: '预', category: '预备党员' }],
    records: everySheet(MONTHS, { 甲: townshipMonth(25, 25), 丁: townshipMonth(25, 20), ...Object.fromEntries(rest.map((n) => [n, townshipMonth(20, 15)])), 否: townshipMonth(30, 30), 预: townshipMonth(25, 25) }),
    events: [{ date: '2023-04-01', name: '否', item: '违反法律法规' }],
  });
}

function agencyQuota(): Promise<Graded> {
  return templateFillGrade('agency', '政务服务中心支部', {
    members: ['G1', 'G3', ...rest, '否'].map((name) => ({ name })),
    events: [
      { date: '2023-03-01', name: 'G1', item: '见义勇为受到嘉奖', level: '省', project: '救人' },
      { date: '2023-04-01', name: 'G3', item: '公益事业受到表彰', level: '县', project: '捐助' },
      { date: '2023-05-01', name: 'G3', item: '合理化建议被采纳', count: 2 },
      { date: '2023-06-01', name: '否', item: '弄虚作假骗取积分' },
    ],
  });
}

function bureauQuota(): Promise<Graded> {
  const all = ['B1', 'B3', ...rest, '否'];
  return templateFillGrade('bureau', '区局机关支部', {
    members: all.map((name) => ({ name })),
    records: { 日常行为评分: { B1: BUREAU_FULL, B3: { ...BUREAU_FULL, 带头学习提高: 10 }, ...Object.fromEntries(rest.map((n) => [n, { ...BUREAU_FULL, 带头学习提高: 10, 带头遵纪守法: 0 }])), 否: BUREAU_FULL } },
    evaluations: all.map((name) => ({ name, good: 10, fair: 0, poor: 0 })),
    events: [{ date: '2023-06-01', name: '否', item: '违反国家法律法规' }],
  });
}

/** Two members, 甲 without any 民主评议 row. */
function withoutReview(scheme: string, records?: LedgerFill['records']): Promise<Checked> {
  return validateFilled(scheme, { members: [{ name: '甲' }, { name: '乙' }], ...(records ? { records } : {}), evaluations: [{ name: '乙', good: 5, fair: 0, poor: 0, voters: 5, grade: '合格', score: 90 }] });
}

const itTask = everySheet(MONTHS, { 甲: { 月任务分: 5 }, 乙: { 月任务分: 5 } });

/** `apply` during the year on a vanguard ledger with no 民主评议 yet: the year-end input is not asked for. */
async function applyMidYear(): Promise<Run> {
  const t = await templateAsync('vanguard', '先锋村支部');
  const ledger = await filled(t, { members: [{ name: '甲' }, { name: '乙' }] });
  const form = await fillApplication(t.application, join(tmp('score-e2e-forms-'), '甲_2023年5月.xlsx'), {
    name: '甲',
    branch: '先锋村支部',
    month: '2023年5月',
    lines: [{ item: '岗位工作取得突出业绩', count: 1, claimed: 3, evidence: '县委通报' }],
    reviewer: '王书记',
  });
  return scoreAsync(['apply', form, '--ledger', ledger, '--out', tmp(), '--json', '--quiet']);
}

async function frameRun(): Promise<{ init: Run; g: GradeOut; missing: Checked }> {
  const dir = tmp('score-e2e-frame-');
  const file = join(dir, '框架方案.json');
  const init = await scoreAsync(['scheme', 'init', '--out', file, '--quiet']);
  const tdir = tmp('score-e2e-frame-template-');
  const tr = await scoreAsync(['template', '--scheme', file, '--branch', '第一支部', '--year', '2023', '--out', tdir, '--json', '--quiet']);
  expect(tr.code, tr.stderr).toBe(0);
  const t = { dir: tdir, ledger: json<{ written: string[] }>(tr).written.find((f) => f.includes('_积分台账_'))!, application: '' };
  const members = [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '积', category: '入党积极分子' }];
  const votes = (name: string) => ({ name, good: 10, fair: 0, poor: 0 });
  const events = [
    { date: '2023-03-01', name: '乙', item: '违反规定', points: 10, count: 4 },
    { date: '2023-03-01', name: '丙', item: '违反规定', points: 10, count: 5 },
  ];
  const ledger = await filled(t, { members, events, evaluations: ['甲', '乙', '丙', '积'].map(votes) });
  const out = tmp();
  const run = await scoreAsync(['grade', '--year', '2023', ledger, '--scheme', file, '--out', out, '--json', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  const bare = await filled(t, { members, events, evaluations: ['乙', '丙'].map(votes) });
  const v = await scoreAsync(['validate', bare, '--scheme', file, '--json', '--quiet']);
  return { init, g: json<GradeOut>(run), missing: { run: v, issues: json<{ issues: Issue[] }>(v).issues } };
}

// Twelve pipelines share two cores: the slowest (twelve township month sheets) may take minutes.
vi.setConfig({ testTimeout: 300_000 });

let jobs: {
  townshipQuota: Promise<Graded>;
  agencyQuota: Promise<Graded>;
  bureauQuota: Promise<Graded>;
  itBureau: Promise<Checked>;
  vanguard: Promise<Checked>;
  bureau: Promise<Checked>;
  culture: Promise<Checked>;
  agency: Promise<Checked>;
  twice: Promise<Checked>;
  project: Promise<Checked>;
  category: Promise<Graded>;
  frame: Promise<{ init: Run; g: GradeOut; missing: Checked }>;
  apply: Promise<Run>;
};
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({
    townshipQuota,
    agencyQuota,
    bureauQuota,
    itBureau: () => validateFilled('it-bureau', { members: [{ name: '甲' }, { name: '乙' }], records: itTask, evaluations: [{ name: '乙', grade: '合格' }] }),
    vanguard: () => withoutReview('vanguard'),
    bureau: () => withoutReview('bureau', { 日常行为评分: { 甲: BUREAU_FULL, 乙: BUREAU_FULL } }),
    culture: () => withoutReview('culture'),
    agency: () => validateFilled('agency', { members: [{ name: '甲' }, { name: '乙' }] }),
    twice: () =>
      validateFilled('township', {
        members: [{ name: '乙' }],
        records: everySheet(MONTHS, { 乙: townshipMonth(30, 30) }, { '3月': { 乙: { 学习教育: 5 } } }),
        events: [{ date: '2023-03-10', name: '乙', item: '学习教育无故缺席' }],
      }),
    project: () =>
      validateFilled('township', {
        members: [{ name: '甲' }],
        records: everySheet(MONTHS, { 甲: townshipMonth(25, 25) }),
        events: [
          { date: '2023-05-01', name: '甲', item: '表彰', level: '县' },
          { date: '2023-06-01', name: '甲', item: '表彰', level: '市' },
        ],
      }),
    category: () =>
      templateFillGrade('vanguard', '先锋村支部', {
        members: [{ name: '甲' }],
        evaluations: [{ name: '甲', grade: '合格' }],
        events: [
          { date: '2023-03-01', name: '甲', item: '组织生活', points: 15 },
          // Two different works (窗口服务, 项目攻坚); vanguard's ledger has no 项目 column: the category rule needs none.
          { date: '2023-04-01', name: '甲', item: '岗位工作取得突出业绩', points: 5 },
          { date: '2023-05-01', name: '甲', item: '岗位工作取得突出业绩', points: 4 },
        ],
      }),
    frame: frameRun,
    apply: applyMidYear,
  });
});

describe('point 1: the quota counts vetoed members (binary)', () => {
  it('township 「优秀格次的党员原则上不超过党员总数的20%」: 10 正式 (one vetoed) + 1 预备 → 2 优秀: 甲 90 and 丁 85', async () => {
    const { g } = await jobs.townshipQuota;
    expectMember(g, '甲', { total: 90, grade: '优秀' });
    expectMember(g, '丁', { total: 85, grade: '优秀' });
    expectMember(g, '否', { total: 0, vetoed: true, grade: '不合格' });
    expect(member(g, '预').grade).toBeNull();
  });
  it('agency 「先锋党员原则上不超过党员总数的20%」: G3 91 → 先锋党员', async () => {
    const { g } = await jobs.agencyQuota;
    expectMember(g, 'G1', { total: 95, grade: '先锋党员' });
    expectMember(g, 'G3', { total: 91, grade: '先锋党员' });
  });
  it('bureau 「按一定比例评为“优秀”等次」: B3 95 → 优秀', async () => {
    const { g } = await jobs.bureauQuota;
    expectMember(g, 'B1', { total: 100, grade: '优秀' });
    expectMember(g, 'B3', { total: 95, grade: '优秀' });
    expectMember(g, rest[0]!, { total: 75, grade: '合格' });
  });
});

describe('points 2 and 3: a missing 民主评议 is an error at the member (binary)', () => {
  it('it-bureau 「党员每年12月底积分经民主评议按比例折算后，为该党员本年度积分」: no 评议等次 → EVAL_MISSING, exit 1', async () => {
    const { run, issues } = await jobs.itBureau;
    expect(run.code).toBe(1);
    const ds = issues.filter((i) => i.code === 'EVAL_MISSING');
    expect(ds.map((d) => [d.severity, d.sheet])).toEqual([['error', '名册']]);
    expect(ds[0]!.message).toContain('甲');
  });
  it.each([
    ['vanguard', '「评议所得分按比例记入总积分」'],
    ['bureau', '「将测评分按所占比例20%计入党员积分」'],
    ['culture', '「将评议得分按照20%的比例计入党员年度积分」'],
  ] as const)('%s %s: EVAL_MISSING for 甲 only, exit 1', async (id, _sentence) => {
    const { run, issues } = await jobs[id];
    expect(run.code).toBe(1);
    expect(issues.filter((i) => i.code === 'EVAL_MISSING').map((i) => [i.severity, i.sheet, i.message.includes('甲')])).toEqual([['error', '名册', true]]);
  });
  it('agency (半年评议 shown only): no EVAL_MISSING', async () => {
    const { run, issues } = await jobs.agency;
    expect(issues.filter((i) => i.code === 'EVAL_MISSING')).toEqual([]);
    expect(run.code).toBe(0);
  });
  it('`apply` during the year does not ask for the year-end 民主评议', async () => {
    const r = await jobs.apply;
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ approved: unknown[] }>(r).approved).toHaveLength(1);
  });
});

describe('point 4: township deduction typed into the month and logged (binary)', () => {
  it('「无故缺席一次扣5分」 entered twice: DEDUCTION_TWICE at the 3月 cell and at the 加减分明细 row, exit 0', async () => {
    const { run, issues } = await jobs.twice;
    const ds = issues.filter((i) => i.code === 'DEDUCTION_TWICE');
    expect(ds.map((d) => [d.severity, d.sheet]).sort()).toEqual([['warning', '3月'], ['warning', '加减分明细']]);
    expect(run.code).toBe(0);
  });
});

describe('point 5: R3 and 同类别不重复加分 (binary)', () => {
  it('township 「受中央、省级表彰加4分；市级3分；县级2分」, 县 + 市 with a blank 项目: EVENT_NO_PROJECT on both rows, exit 1', async () => {
    const { run, issues } = await jobs.project;
    expect(issues.filter((i) => i.code === 'EVENT_NO_PROJECT').map((i) => [i.severity, i.sheet])).toEqual([['error', '加减分明细'], ['error', '加减分明细']]);
    expect(run.code).toBe(1);
  });
  it('vanguard 「同类别不重复加分」: two 项目 of 突出业绩 count once → 85×0.8 + 80×0.2 + 5 = 89 合格', async () => {
    const { g } = await jobs.category;
    expectMember(g, '甲', { total: 89, grade: '合格', bonus: 5 });
  });
});

describe('point 12: the county frame (scheme init, binary)', () => {
  it('「入党积极分子可参照党员参加积分管理」: graded ledger with an 入党积极分子, who is scored and not graded', async () => {
    const { init, g } = await jobs.frame;
    expect(init.code, init.stderr).toBe(0);
    expect(member(g, '积')).toMatchObject({ category: '入党积极分子', grade: null, total: 100 });
  });
  it('「被评为基本合格等次的党员，党支部负责人要与其进行谈话，并指定专人做好教育帮扶……不合格等次的党员……做出相应组织处置」', async () => {
    const { g } = await jobs.frame;
    expectMember(g, '甲', { total: 100, grade: '优秀', flags: ['优先作为评先推荐对象'] });
    expectMember(g, '乙', { total: 60, grade: '基本合格', flags: ['支部负责人谈话，指定专人教育帮扶'] });
    expectMember(g, '丙', { total: 50, grade: '不合格', flags: ['依据有关政策做出组织处置'] });
  });
  it('「组织开展民主测评」: a 正式党员 without it → EVAL_MISSING (the 积极分子 is not asked)', async () => {
    const { missing } = await jobs.frame;
    expect(missing.run.code).toBe(1);
    expect(missing.issues.filter((i) => i.code === 'EVAL_MISSING').map((i) => i.message.includes('甲'))).toEqual([true]);
    expect(missing.issues.filter((i) => i.code === 'MEMBER_BAD_CATEGORY')).toEqual([]);
  });
});
