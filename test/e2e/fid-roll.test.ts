// Issue 18 items 3, 5 and 6 through the spawned binary, with the hand numbers of
// ../shared/findings/fidelity-round-3.md: the roll per period (findings 4, 8, 20), periods are
// closed (findings 2, 3; the year-end 评议 in a quarter), and the vanguard school variant as its
// own scheme (finding 11).
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT, ensureBuilt, json, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, allCellTexts, everySheet, readTable, type LedgerFill, type RecordValues } from '../helpers/fill.js';
import { expectClean, expectMember, filled, gradeAsync, member, scoreAsync, startAll, templateAsync, townshipMonth, type GradeOut } from './lib.js';

vi.setConfig({ testTimeout: 300_000 });

const TRANSFERRED = '已转出：积分随组织关系转交';

interface Ran {
  run: Run;
  out: GradeOut;
}

async function run(args: string[]): Promise<Ran> {
  const r = await scoreAsync([...args, '--json', '--quiet']);
  return { run: r, out: json<GradeOut>(r) };
}

/** `compute --period P1,P2 …`: one result per period (an array), or one object for one period. */
async function computeRun(file: string, periods: string, extra: string[] = []): Promise<{ run: Run; results: GradeOut[] }> {
  const r = await scoreAsync(['compute', file, '--period', periods, '--out', tmp(), '--json', '--quiet', ...extra]);
  const j = json<GradeOut | GradeOut[]>(r);
  return { run: r, results: Array.isArray(j) ? j : [j] };
}

async function ledgerOf(scheme: string, branch: string, spec: LedgerFill, year = 2023, name = '台账.xlsx', dir?: string): Promise<string> {
  const t = await templateAsync(scheme, branch, year);
  return filled(t, spec, name, dir);
}

// ------------------------------------------------------------------ the jobs, started together

/** Finding 4: the bundled sample's Q1 公示 (唐宏宇 joined 松山村党支部 on 2023-07-01). */
async function sampleQ1(): Promise<{ publish: Ran; compute: Run; outDir: string }> {
  const outDir = tmp('score-e2e-roll-sample-');
  const publish = await run(['publish', '--period', '2023Q1', join(ROOT, 'fixtures', 'township'), '--out', outDir]);
  const compute = await scoreAsync(['compute', join(ROOT, 'fixtures', 'township', '松山村党支部.xlsx'), '--period', '2023Q1', '--out', outDir, '--json', '--quiet']);
  return { publish, compute, outDir };
}

/**
 * Finding 8: township, 离 left on 2023-02-15 with 100 a month; 五 graded members (A 90, B 85, three
 * at 75): n = 5 → one 优秀 place, A's. 新 joined on 2023-05-01: not in Q1.
 */
function townshipRollSpec(): LedgerFill {
  const rows: Record<string, RecordValues> = { A: townshipMonth(25, 25), B: townshipMonth(22.5, 22.5), C: townshipMonth(17.5, 17.5), D: townshipMonth(17.5, 17.5), E: townshipMonth(17.5, 17.5) };
  const records = everySheet(MONTHS, rows);
  records['1月']!['离'] = townshipMonth(30, 30);
  records['2月']!['离'] = townshipMonth(30, 30);
  for (const mo of MONTHS.slice(4)) records[mo]!['新'] = townshipMonth(15, 15);
  return {
    members: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }, { name: 'E' }, { name: '离', left: '2023-02-15' }, { name: '新', joined: '2023-05-01' }],
    records,
  };
}

async function townshipRoll(): Promise<{ year: Ran; periods: GradeOut[]; publishQ1: Ran; publishYear: Ran; file: string; out: string }> {
  const file = await ledgerOf('township', '第一支部', townshipRollSpec());
  const out = tmp();
  const year = await gradeAsync([file], 2023, out);
  const { results } = await computeRun(file, '2023Q1,2023Q3,2023-02');
  const publishQ1 = await run(['publish', '--period', '2023Q1', file, '--out', tmp()]);
  const publishYear = await run(['publish', '--period', '2023', file, '--out', tmp()]);
  return { year, periods: results, publishQ1, publishYear, file, out };
}

/** Finding 20 (vanguard): 甲 left on 2023-06-30, not at the year-end 评议; 乙 合格 (80). */
async function vanguardTransfer(): Promise<{ year: Ran; q1: GradeOut[] }> {
  const file = await ledgerOf('vanguard', '先锋村支部', {
    members: [{ name: '甲', left: '2023-06-30' }, { name: '乙' }],
    events: [{ date: '2023-03-01', name: '甲', item: '组织生活', points: 15 }],
    evaluations: [{ name: '乙', grade: '合格' }],
  });
  const year = await gradeAsync([file], 2023, tmp());
  const { results } = await computeRun(file, '2023Q1,2023H1,2023');
  return { year, q1: results };
}

/** Finding 20 (bureau): B1 left on 2023-09-30 without 民主测评; B2 10 好 of 10. */
async function bureauTransfer(): Promise<Ran> {
  const full = { 带头学习提高: 15, 带头争创佳绩: 15, 带头服务群众: 15, 带头遵纪守法: 20, 带头弘扬正气: 15 };
  const file = await ledgerOf('bureau', '区局机关支部', {
    members: [{ name: 'B1', left: '2023-09-30' }, { name: 'B2' }],
    records: { 日常行为评分: { B1: full, B2: full } },
    evaluations: [{ name: 'B2', good: 10, fair: 0, poor: 0 }],
  });
  return gradeAsync([file], 2023, tmp());
}

/** Finding 3: township 甲 90 a month; 表彰 县 「抗洪」 2023-02-10, then 市 「抗洪」 2023-08-01. */
async function laterAward(): Promise<GradeOut[]> {
  const file = await ledgerOf('township', '第二支部', {
    members: [{ name: '甲' }],
    records: everySheet(MONTHS, { 甲: townshipMonth(25, 25) }),
    events: [
      { date: '2023-02-10', name: '甲', item: '表彰', level: '县', project: '抗洪' },
      { date: '2023-08-01', name: '甲', item: '表彰', level: '市', project: '抗洪' },
    ],
  });
  return (await computeRun(file, '2023Q1,2023-02,2023Q3,2023')).results;
}

/** Finding 2: it-bureau 甲 90 in 2022 (20 + 70, 评议 优秀 100%), then 6 a month in 2023. */
async function itBureauBase(): Promise<{ compute: GradeOut[]; publish: Ran; explainQ1: Run; explainJan: Run; grade: Ran }> {
  const dir = tmp('score-e2e-roll-it-');
  const task = (v: number) => ({ 月任务分: v });
  const f2022 = await ledgerOf('it-bureau', '工信局机关支部', {
    members: [{ name: '甲' }],
    records: everySheet(MONTHS, { 甲: task(6) }, { '11月': { 甲: task(5) }, '12月': { 甲: task(5) } }),
    evaluations: [{ name: '甲', grade: '优秀' }],
  }, 2022, '工信局_2022.xlsx', dir);
  const f2023 = await ledgerOf('it-bureau', '工信局机关支部', {
    members: [{ name: '甲' }],
    records: everySheet(MONTHS, { 甲: task(6) }),
    evaluations: [{ name: '甲', grade: '优秀' }],
  }, 2023, '工信局_2023.xlsx', dir);
  const history = tmp();
  expectClean(await gradeAsync([f2022], 2022, history));
  const h = ['--history', history];
  const compute = (await computeRun(f2023, '2023Q1,2023-01', h)).results;
  const publish = await run(['publish', '--period', '2023Q1', f2023, '--out', tmp(), ...h]);
  const explainQ1 = await scoreAsync(['explain', '甲', '--ledger', f2023, '--period', '2023Q1', '--json', '--quiet', ...h]);
  const explainJan = await scoreAsync(['explain', '甲', '--ledger', f2023, '--period', '2023-01', '--json', '--quiet', ...h]);
  const grade = await gradeAsync([f2023], 2023, tmp(), h);
  return { compute, publish, explainQ1, explainJan, grade };
}

/** Finding 11: the same events under the school variant and under 承德 vanguard. */
const schoolSpec: LedgerFill = {
  members: [{ name: '甲' }, { name: '乙' }],
  events: [
    { date: '2023-03-01', name: '甲', item: '组织生活', points: 15 },
    { date: '2023-04-01', name: '甲', item: '岗位工作取得突出业绩', points: 5 },
    { date: '2023-09-01', name: '甲', item: '岗位工作取得突出业绩', points: 4 },
  ],
  evaluations: [{ name: '甲', grade: '合格' }, { name: '乙', grade: '优秀' }],
};

async function school(): Promise<{ year: Ran; vanguard: Ran; halves: GradeOut[]; publishH1: Ran; scheme: Run; schemes: Run; noReview: Run }> {
  const file = await ledgerOf('vanguard-school', '体育运动学校第一支部', schoolSpec);
  const year = await gradeAsync([file], 2023, tmp());
  const vanguard = await gradeAsync([await ledgerOf('vanguard', '先锋村支部', schoolSpec)], 2023, tmp());
  const halves = (await computeRun(file, '2023H1,2023Q1')).results;
  const publishH1 = await run(['publish', '--period', '2023H1', file, '--out', tmp()]);
  const scheme = await scoreAsync(['scheme', 'show', 'vanguard-school']);
  const schemes = await scoreAsync(['schemes', '--json']);
  const bare = await ledgerOf('vanguard-school', '体育运动学校第一支部', { ...schoolSpec, evaluations: [{ name: '乙', grade: '优秀' }] });
  const noReview = await scoreAsync(['validate', bare, '--period', '2023H1', '--json', '--quiet']);
  return { year, vanguard, halves, publishH1, scheme, schemes, noReview };
}

let jobs: {
  sampleQ1: ReturnType<typeof sampleQ1>;
  townshipRoll: ReturnType<typeof townshipRoll>;
  vanguardTransfer: ReturnType<typeof vanguardTransfer>;
  bureauTransfer: ReturnType<typeof bureauTransfer>;
  laterAward: ReturnType<typeof laterAward>;
  itBureauBase: ReturnType<typeof itBureauBase>;
  school: ReturnType<typeof school>;
};
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({ sampleQ1, townshipRoll, vanguardTransfer, bureauTransfer, laterAward, itBureauBase, school });
});

const names = (r: { members: { name: string }[] }): string[] => r.members.map((m) => m.name);

// ------------------------------------------------------------------ item 3: the roll per period

describe('the roll per period (SCHEMES.md "Partial years": 「A period … lists only members on the roll in it」)', () => {
  it('finding 4: the Q1 公示 of fixtures/township does not list 唐宏宇 (转入 2023-07-01); publish names him as not on the roll', async () => {
    const { publish, compute, outDir } = await jobs.sampleQ1;
    expect(publish.run.code, publish.run.stderr).toBe(0);
    expect(names(publish.out)).not.toContain('唐宏宇');
    expect((publish.out as unknown as { notListed: unknown[] }).notListed).toContainEqual({ branch: '松山村党支部', name: '唐宏宇', reason: 'offRoll', joined: '2023-07-01' });
    const list = await readTable(join(outDir, '2023年第一季度公示名单.xlsx'), '松山村党支部', '姓名');
    expect(list.map((r) => r['姓名'])).not.toContain('唐宏宇');
    expect(list.length).toBeGreaterThan(0);
    // compute's 评分汇总表 leaves him out too, and says so under the table.
    expect(compute.code, compute.stderr).toBe(0);
    const computed = json<GradeOut>(compute);
    expect(names(computed)).not.toContain('唐宏宇');
    const texts = (await allCellTexts(computed.written![0]!)).map((c) => c.text);
    expect(texts).toContain('本期不在册，未列入：唐宏宇（2023-07-01 转入）（1 人）。');
  });

  it('the Q1 公示 says why 曾福芳 (预备党员, not ranked) is listed after 59.00 with 92.33: 标记 「预备党员：计分，不参加排序」', async () => {
    const { outDir } = await jobs.sampleQ1;
    const list = (await readTable(join(outDir, '2023年第一季度公示名单.xlsx'), '兰溪村党支部', '姓名')).filter((r) => typeof r['序号'] === 'number');
    const last = list[list.length - 1]!;
    expect(last['姓名']).toBe('曾福芳');
    expect(last['标记']).toBe('预备党员：计分，不参加排序');
    // Every other line is in the order of its points and carries no mark.
    expect(list.slice(0, -1).every((r) => r['标记'] === null || r['标记'] === undefined)).toBe(true);
  });

  it('finding 8: township, a member who left on 02-15 is not graded 优秀 and takes no quota place (A 90 keeps the one place of five)', async () => {
    const { year } = await jobs.townshipRoll;
    expectClean(year);
    expectMember(year.out, 'A', { total: 90, grade: '优秀', rank: 1 });
    expectMember(year.out, 'B', { total: 85, grade: '合格', rank: 2, flags: ['超出优秀名额'] });
    expectMember(year.out, '离', { total: 100, grade: null, rank: null, flags: [TRANSFERRED] });
    // 新 joined in May: graded over the months present (R20).
    expectMember(year.out, '新', { total: 70, grade: '合格', rank: 6, flags: [] });
  });

  it('finding 8: the transferred member is in no 公示 (the year, Q1), and the 评定结果 lists them with the flag in 标记', async () => {
    const { publishQ1, publishYear, out } = await jobs.townshipRoll;
    expect(names(publishYear.out)).not.toContain('离');
    expect(names(publishQ1.out)).not.toContain('离');
    const rows = await readTable(join(out, '2023年度评定结果.xlsx'), '第一支部', '党员姓名');
    const row = rows.find((r) => r['党员姓名'] === '离')!;
    expect(row['合计得分']).toBe(100);
    expect(row['等次'] ?? null).toBeNull();
    expect(row['排名'] ?? null).toBeNull();
    expect(String(row['标记'])).toBe(TRANSFERRED);
    const overview = await readTable(join(out, '2023年度评定结果.xlsx'), '总览', '支部');
    expect(overview[0]!['党员数']).toBe(6);
    expect(overview[0]!['参评人数']).toBe(6);
    expect(String(overview[0]!['备注'])).toContain('年内转出 1 人');
  });

  it('finding 4: joined 05-01 → not in Q1; left 02-15 → not in Q3, listed as 已转出 in February', async () => {
    const { periods } = await jobs.townshipRoll;
    const [q1, q3, feb] = periods;
    expect(names(q1!)).not.toContain('新');
    expect(names(q1!)).toContain('离');
    expect(member(q1!, '离').flags).toEqual([TRANSFERRED]);
    expect(member(q1!, '离').rank).toBeNull();
    expect(names(q3!)).not.toContain('离');
    expect(names(q3!)).toContain('新');
    expect(member(feb!, '离').flags).toEqual([TRANSFERRED]);
  });

  it('finding 20 (vanguard 「日常考核积分、年度评议积分合计为100分，按8：2的比例加权计算」): a 转出 member without 评议 is not graded with 评议 = 0', async () => {
    const { year } = await jobs.vanguardTransfer;
    expectClean(year);
    // 85 × 0.8 = 68 to date; the 评议 is blank (null), not 0, and no grade, rank or 公示 line.
    expectMember(year.out, '甲', { total: 68, grade: null, rank: null, flags: [TRANSFERRED], components: { 日常考核积分: 85, 年度评议积分: null as unknown as number } });
    expectMember(year.out, '乙', { total: 96, grade: '优秀', rank: 1 });
  });

  it('finding 20 (bureau 「将测评分按所占比例20%计入党员积分」): a 转出 member without 测评 is not graded, no EVAL_MISSING', async () => {
    const g = await jobs.bureauTransfer;
    expectClean(g);
    expectMember(g.out, 'B1', { total: 80, grade: null, rank: null, flags: [TRANSFERRED] });
    expectMember(g.out, 'B2', { total: 100, grade: '优秀', rank: 1 });
  });
});

// ------------------------------------------------------------------ item 5: periods are closed

describe('periods are closed (SCHEMES.md "Periods and later rows")', () => {
  it('finding 3 (township 「同一项目以最高级计分」): a 市 award dated 2023-08-01 does not wipe the 县 award of Q1 / February: Q1 92', async () => {
    const [q1, feb, q3, year] = await jobs.laterAward;
    expectMember(q1!, '甲', { total: 92, bonus: 2 });
    expectMember(feb!, '甲', { total: 92, bonus: 2 });
    // Q3 sees both rows and counts the highest, 市 3; so does the year: 90 + 3.
    expectMember(q3!, '甲', { total: 93, bonus: 3 });
    expectMember(year!, '甲', { total: 93, bonus: 3 });
  });

  it('vanguard: the year-end 评议 (its rows carry no date) is not in a quarter or half-year total', async () => {
    const { q1 } = await jobs.vanguardTransfer;
    const [quarter, half, year] = q1;
    // 乙: 日常 100 × 0.8 = 80 in Q1 and H1 (评议 blank); the year adds 80 × 0.2 = 16.
    expectMember(quarter!, '乙', { total: 80, components: { 日常考核积分: 100, 年度评议积分: null as unknown as number } });
    expectMember(half!, '乙', { total: 80 });
    expectMember(year!, '乙', { total: 96, components: { 年度评议积分: 80 } });
  });

  it('finding 2 (it-bureau 「以后每年基础分值为上年度党员个人积分的20%」): last year 90 → base 18 in every period: Q1 36, Jan 24; compute, publish, explain agree', async () => {
    const { compute, publish, explainQ1, explainJan, grade } = await jobs.itBureauBase;
    const [q1, jan] = compute;
    expectMember(q1!, '甲', { total: 36, components: { 基础分: 18, 任务分: 18 } });
    expectMember(jan!, '甲', { total: 24, components: { 基础分: 18 } });
    expect(publish.run.code, publish.run.stderr).toBe(0);
    expect(member(publish.out, '甲').total).toBe(36);
    expect(json<{ member: { total: number } }>(explainQ1).member.total).toBe(36);
    expect(json<{ member: { total: number } }>(explainJan).member.total).toBe(24);
    // The year: 18 + 72 → 任务分 capped at 70 → 88 × 100% (优秀).
    expectClean(grade);
    expectMember(grade.out, '甲', { total: 88, components: { 基础分: 18, 任务分: 70 } });
  });
});

// ------------------------------------------------------------------ item 6: the school variant

describe('the vanguard school variant is its own built-in scheme (seed 000 篇1 / 001 篇5)', () => {
  it('finding 11: no 「同类别不重复加分」 in the school text: 85×0.8 + 80×0.2 + 5 + 4 = 93 优秀 (承德 vanguard: 89 合格)', async () => {
    const { year, vanguard } = await jobs.school;
    expectClean(year);
    expect(year.out.scheme).toBe('vanguard-school');
    expectMember(year.out, '甲', { total: 93, grade: '优秀', bonus: 9 });
    expectMember(vanguard.out, '甲', { total: 89, grade: '合格', bonus: 5 });
  });

  it('「每年年中、年末两次……初步确定每名党员的“先锋指数”等次」: --period 2023H1 grades the half (年中); a quarter is not graded', async () => {
    const { halves, publishH1 } = await jobs.school;
    const [h1, q1] = halves;
    // 年中: 日常 85 (the March deduction) × 0.8 + 评议 80 × 0.2 + 突出业绩 5 (April) = 89 合格.
    expectMember(h1!, '甲', { total: 89, grade: '合格', rank: 2 });
    expectMember(h1!, '乙', { total: 100, grade: '优秀', rank: 1 });
    expectMember(q1!, '甲', { total: 68, grade: null });
    expect(publishH1.run.code, publishH1.run.stderr).toBe(0);
    expect(member(publishH1.out, '甲').grade).toBe('合格');
  });

  it('its own id and regulation title in `scheme show` and `schemes`; the 年中 评定 needs the 评议 (EVAL_MISSING at H1)', async () => {
    const { scheme, schemes, noReview } = await jobs.school;
    expect(scheme.code).toBe(0);
    expect(scheme.stdout).toContain('《学校党员“先锋指数”积分制管理实施方案》');
    expect(scheme.stdout).toContain('评定等次：半年（年中）、年度（年末）');
    const ids = json<{ id: string }[]>(schemes).map((s) => s.id);
    expect(ids).toContain('vanguard-school');
    expect(ids.indexOf('vanguard-school')).toBe(ids.indexOf('vanguard') + 1);
    const issues = json<{ issues: { code: string; severity: string }[] }>(noReview).issues;
    expect(issues.filter((i) => i.code === 'EVAL_MISSING').map((i) => i.severity)).toEqual(['error']);
  });
});
