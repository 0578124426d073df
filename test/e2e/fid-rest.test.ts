// Issue 18, the findings left after the first fixes (../shared/findings/fidelity-round-3.md), through
// the spawned binary on ledgers from `score template`, with the hand numbers worked from the seed:
// it-bureau 处分期间 across the year boundary, the it-bureau 积分申请表 (分管领导, 任务分), and the
// "Unfaithful or missing" lines of the audit.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { json, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, allCellTexts, everySheet, fillApplication, readTable, type LedgerFill, type SanctionFill } from '../helpers/fill.js';
import { expectMember, filled, gradeAsync, scoreAsync, startAll, templateAsync, townshipMonth, type GradeOut } from './lib.js';

vi.setConfig({ testTimeout: 300_000 });

interface Ran {
  run: Run;
  out: GradeOut;
}

async function gradeOf(scheme: string, branch: string, spec: LedgerFill, extra: string[] = []): Promise<Ran> {
  const t = await templateAsync(scheme, branch);
  const file = await filled(t, spec);
  return gradeAsync([file], 2023, tmp(), extra);
}

const issue = (r: Ran, code: string) => r.out.issues.find((i) => i.code === code);

// ------------------------------------------------------------------ it-bureau 处分期间

/**
 * it-bureau 甲 and 乙: 基础分 20 + 任务分 6 × 12 = 72 → 70 (cap) = 90, 评议 优秀 × 100% = 90 优秀 by score.
 * 甲 carries one 严重警告 row, dated and ended as each case says.
 */
function itBureauSanction(s: Omit<SanctionFill, 'name'>): Promise<Ran> {
  return gradeOf('it-bureau', '工信局机关支部', {
    members: [{ name: '甲' }, { name: '乙' }],
    records: everySheet(MONTHS, { 甲: { 月任务分: 6 }, 乙: { 月任务分: 6 } }),
    evaluations: [{ name: '甲', grade: '优秀' }, { name: '乙', grade: '优秀' }],
    sanctions: [{ ...s, name: '甲' }],
  });
}

interface ApplyOut {
  approved: { name: string; item: string; points: number | null; reason: string }[];
  rejected: { name: string; item: string; reason: string }[];
  written: string[];
}

interface ItForm {
  formTemplate: string;
  signed: { run: Run; out: ApplyOut };
  q1: GradeOut;
  march: Record<string, ExcelJS.CellValue>[];
  log: Record<string, ExcelJS.CellValue>[];
  unsigned: { run: Run; out: ApplyOut };
}

/**
 * it-bureau 积分申请表 (附件4-4): 甲 declares March's 月任务分 6 (completion in 佐证材料) and a 见义勇为 3, with
 * the 分管领导意见; 乙's form (on the ledger so entered) has no 分管领导意见. The ledger holds 1月, 2月 (6 each for 甲) and a blank 3月 row.
 */
async function itBureauForm(): Promise<ItForm> {
  const t = await templateAsync('it-bureau', '工信局机关支部');
  const ledger = await filled(t, {
    members: [{ name: '甲' }, { name: '乙' }],
    records: { '1月': { 甲: { 月任务分: 6 }, 乙: { 月任务分: 5 } }, '2月': { 甲: { 月任务分: 6 }, 乙: { 月任务分: 5 } }, '3月': { 甲: { 月任务分: null }, 乙: { 月任务分: 5 } } },
  });
  const forms = tmp('score-e2e-it-forms-');
  await fillApplication(t.application, join(forms, '甲_2023年3月.xlsx'), {
    name: '甲',
    month: '2023年3月',
    lines: [{ item: '月任务分', claimed: 6, approved: 6, evidence: '完成一季度产业运行分析报告' }, { item: '见义勇为', claimed: 3, approved: 3 }],
    leaderReview: '已完成，质量好',
  });
  const out = tmp();
  const signedRun = await scoreAsync(['apply', forms, '--ledger', ledger, '--out', out, '--json', '--quiet']);
  const signed = { run: signedRun, out: json<ApplyOut>(signedRun) };
  const applied = signed.out.written.find((f) => f.endsWith('_已录入申请.xlsx'))!;
  const q1Run = await scoreAsync(['compute', applied, '--period', '2023Q1', '--out', tmp(), '--json', '--quiet']);
  const march = await readTable(applied, '3月', '姓名');
  const log = await readTable(applied, '加减分明细', '事项');
  const forms2 = tmp('score-e2e-it-forms-');
  await fillApplication(t.application, join(forms2, '乙_2023年3月.xlsx'), { name: '乙', month: '2023年3月', lines: [{ item: '重大贡献', claimed: 2, approved: 2 }] });
  const unsignedRun = await scoreAsync(['apply', forms2, '--ledger', applied, '--out', tmp(), '--json', '--quiet']);
  return { formTemplate: t.application, signed, q1: json<GradeOut>(q1Run), march, log, unsigned: { run: unsignedRun, out: json<ApplyOut>(unsignedRun) } };
}

const BUREAU_FULL = { 带头学习提高: 15, 带头争创佳绩: 15, 带头服务群众: 15, 带头遵纪守法: 20, 带头弘扬正气: 15 };

/**
 * bureau, six members with 日常 80: 驻 (第一书记) 10 好 → 80 + 100 × 20% = 100; A 9 好 1 一般 → 80 + 98 × 20% = 99.6;
 * B 8 好 2 一般 → 99.2; C, D, E 10 差 → 80 + 60 × 20% = 92. 驻's 评先评优 as given.
 */
function bureauFirstSecretary(side: string | undefined): Promise<Ran> {
  const names = ['驻', 'A', 'B', 'C', 'D', 'E'];
  return gradeOf('bureau', '区局机关支部', {
    members: names.map((name) => (name === '驻' && side ? { name, awardsSide: side } : { name })),
    records: { 日常行为评分: Object.fromEntries(names.map((n) => [n, BUREAU_FULL])) },
    evaluations: [
      { name: '驻', good: 10, fair: 0, poor: 0 },
      { name: 'A', good: 9, fair: 1, poor: 0 },
      { name: 'B', good: 8, fair: 2, poor: 0 },
      ...['C', 'D', 'E'].map((name) => ({ name, good: 0, fair: 0, poor: 10 })),
    ],
  });
}

/** township 甲 90 a month (25 + 25 + 40 duties); 表彰 县 「抗洪」 2023-02-10, then 市 「抗洪」 2023-08-01. */
async function laterAward(): Promise<{ periods: GradeOut[]; show: Run }> {
  const t = await templateAsync('township', '第二支部');
  const file = await filled(t, {
    members: [{ name: '甲' }],
    records: everySheet(MONTHS, { 甲: townshipMonth(25, 25) }),
    events: [
      { date: '2023-02-10', name: '甲', item: '表彰', level: '县', project: '抗洪' },
      { date: '2023-08-01', name: '甲', item: '表彰', level: '市', project: '抗洪' },
    ],
  });
  const r = await scoreAsync(['compute', file, '--period', '2023Q1,2023H2,2023-08,2023', '--out', tmp(), '--json', '--quiet']);
  return { periods: json<GradeOut[]>(r), show: await scoreAsync(['scheme', 'show', 'township']) };
}

/** The 计分标准 of township, it-bureau and company as `score template` writes them: each row's cell texts. */
async function standards(): Promise<Record<string, { row: number; texts: string[] }[]>> {
  const out: Record<string, { row: number; texts: string[] }[]> = {};
  for (const id of ['township', 'it-bureau', 'company']) {
    const dir = tmp();
    const r = await scoreAsync(['template', '--scheme', id, '--out', dir, '--json', '--quiet']);
    const file = json<{ written: string[] }>(r).written.find((f) => f.endsWith('计分标准.xlsx'))!;
    const rows = new Map<number, string[]>();
    for (const c of await allCellTexts(file)) {
      const n = Number(c.cell.replace(/^[A-Z]+/, ''));
      rows.set(n, [...(rows.get(n) ?? []), c.text]);
    }
    out[id] = [...rows].map(([row, texts]) => ({ row, texts }));
  }
  return out;
}

/** culture 甲 乙 丙: 基础 80, 评议 10 好 of 10 → 100 × 20% = 20, two 经验做法推广 国家 10 projects shared by the three. */
async function cultureShare(): Promise<{ year: Ran; show: Run }> {
  const ev = (name: string, project: string) => ({ date: '2023-03-01', name, item: '经验做法推广', level: '国家', project });
  const names = ['甲', '乙', '丙'];
  const year = await gradeOf('culture', '文旅局机关支部', {
    members: names.map((name) => ({ name })),
    events: ['A', 'B'].flatMap((p) => names.map((n) => ev(n, p))),
    evaluations: names.map((name) => ({ name, good: 10, fair: 0, poor: 0, voters: 10 })),
  });
  return { year, show: await scoreAsync(['scheme', 'show', 'culture']) };
}

/** agency 甲 评议 合格, 乙 优秀 (the year-end rows carry no date), no events: Q1, H1 and the year. */
async function agencyHalves(): Promise<GradeOut[]> {
  const t = await templateAsync('agency', '政务中心支部');
  const file = await filled(t, { members: [{ name: '甲' }, { name: '乙' }], evaluations: [{ name: '甲', grade: '合格' }, { name: '乙', grade: '优秀' }] });
  const r = await scoreAsync(['compute', file, '--period', '2023Q1,2023H1,2023', '--out', tmp(), '--json', '--quiet']);
  return json<GradeOut[]>(r);
}

interface LedgerShape {
  sheets: string[];
  evaluationHeader: string[];
  notes: string[];
}

/** The ledger templates `score template` writes: visible sheets, the 民主评议 header, the 说明 notes. */
async function ledgers(): Promise<Record<string, LedgerShape>> {
  const out: Record<string, LedgerShape> = {};
  for (const id of ['township', 'company', 'demolition', 'tiered-xinba', 'vanguard', 'village']) {
    const t = await templateAsync(id, '第一支部');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.ledger);
    const ev = wb.getWorksheet('民主评议');
    const notes: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => notes.push(String(row.getCell(2).value ?? '')));
    out[id] = {
      sheets: wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name),
      evaluationHeader: ev ? (ev.getRow(2).values as unknown[]).slice(1).map(String) : [],
      notes: notes.filter((n) => /^\d+\./.test(n)),
    };
  }
  return out;
}

let jobs: {
  carried: Promise<Ran>;
  noEnd: Promise<Ran>;
  ended: Promise<Ran>;
  undated: Promise<Ran>;
  badEnd: Promise<Ran>;
  notDuring: Promise<Ran>;
  shortInYear: Promise<Ran>;
  show: Promise<Run>;
  itForm: Promise<ItForm>;
  bureauSide: Promise<Ran>;
  bureauBoth: Promise<Ran>;
  bureauBad: Promise<Ran>;
  bureauShow: Promise<Run>;
  laterAward: Promise<{ periods: GradeOut[]; show: Run }>;
  standards: Promise<Record<string, { row: number; texts: string[] }[]>>;
  cultureShare: Promise<{ year: Ran; show: Run }>;
  agencyHalves: Promise<GradeOut[]>;
  ledgers: Promise<Record<string, LedgerShape>>;
};

beforeAll(() => {
  jobs = startAll({
    carried: () => itBureauSanction({ date: '2022-10-01', until: '2024-03-31', type: '严重警告' }),
    noEnd: () => itBureauSanction({ date: '2022-10-01', type: '严重警告' }),
    ended: () => itBureauSanction({ date: '2022-01-01', until: '2022-12-31', type: '严重警告' }),
    undated: () => itBureauSanction({ type: '留党察看' }),
    badEnd: () => itBureauSanction({ date: '2023-05-01', until: '2023-04-01', type: '撤销党内职务' }),
    notDuring: () => itBureauSanction({ date: '2023-05-01', until: '2023-12-31', type: '违反计划生育政策' }),
    shortInYear: () => itBureauSanction({ date: '2023-01-10', until: '2023-03-31', type: '严重警告' }),
    show: () => scoreAsync(['scheme', 'show', 'it-bureau']),
    itForm: itBureauForm,
    bureauSide: () => bureauFirstSecretary('所驻村'),
    bureauBoth: () => bureauFirstSecretary(undefined),
    bureauBad: () => bureauFirstSecretary('派出单位'),
    bureauShow: () => scoreAsync(['scheme', 'show', 'bureau']),
    laterAward,
    standards,
    cultureShare,
    agencyHalves,
    ledgers,
  });
});

describe('it-bureau 「受党内严重警告处分期间的党员;受撤销党内职务、留党察看处分期间的的党员」直接认定为不合格 (seed 004 篇5)', () => {
  it('a 严重警告 dated 2022-10-01 with 处分期至 2024-03-31 runs into 2023: 甲 90 → 不合格 + 一对一帮扶; 乙 90 优秀', async () => {
    const r = await jobs.carried;
    expect(r.run.code, r.run.stdout + r.run.stderr).toBe(0);
    expect(r.out.issues).toEqual([]);
    expectMember(r.out, '甲', { total: 90, grade: '不合格', flags: ['受严重警告，定为不合格', '取消一切评先树优资格，一对一帮扶教育'] });
    expectMember(r.out, '乙', { total: 90, grade: '优秀' });
  });

  it('a 处分 dated last year without 处分期至: SANCTION_NEEDS_END at 否决与处分!F3 (the 处分期至 cell), exit 1', async () => {
    const r = await jobs.noEnd;
    expect(r.run.code).toBe(1);
    const d = issue(r, 'SANCTION_NEEDS_END');
    expect(d).toMatchObject({ severity: 'error', sheet: '否决与处分', cell: 'F3' });
    expect(d!.message).toContain('2022-10-01');
    expect(r.out.issues.map((i) => i.code)).not.toContain('SANCTION_OUTSIDE_CYCLE');
  });

  it('a 处分 that ended on 2022-12-31 does not count in 2023: 甲 90 优秀, SANCTION_ENDED_BEFORE warned at F3', async () => {
    const r = await jobs.ended;
    expect(r.run.code).toBe(0);
    expect(issue(r, 'SANCTION_ENDED_BEFORE')).toMatchObject({ severity: 'warning', sheet: '否决与处分', cell: 'F3' });
    expectMember(r.out, '甲', { total: 90, grade: '优秀' });
  });

  it('an undated 留党察看 counts for the whole year (stated in scheme show): 甲 90 → 不合格', async () => {
    const r = await jobs.undated;
    expect(r.run.code).toBe(0);
    expectMember(r.out, '甲', { total: 90, grade: '不合格' });
  });

  it('处分期至 before the 处分 date: SANCTION_BAD_END at F3, exit 1', async () => {
    const r = await jobs.badEnd;
    expect(r.run.code).toBe(1);
    expect(issue(r, 'SANCTION_BAD_END')).toMatchObject({ severity: 'error', sheet: '否决与处分', cell: 'F3' });
  });

  it('处分期至 on a type that holds for the year, not a 处分期间 (违反计划生育政策): SANCTION_END_NOT_USED at F3; still 不合格', async () => {
    const r = await jobs.notDuring;
    expect(r.run.code).toBe(0);
    expect(issue(r, 'SANCTION_END_NOT_USED')).toMatchObject({ severity: 'warning', sheet: '否决与处分', cell: 'F3' });
    expectMember(r.out, '甲', { total: 90, grade: '不合格' });
  });

  it('a 严重警告 from 2023-01-10 to 2023-03-31 falls in the year: 甲 → 不合格', async () => {
    const r = await jobs.shortInYear;
    expect(r.run.code).toBe(0);
    expectMember(r.out, '甲', { total: 90, grade: '不合格' });
  });

  it('scheme show it-bureau states the 处分期间 rule: the decision, and each override holding 处分期间', async () => {
    const r = await jobs.show;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('【处分期间】');
    expect(r.stdout).toContain('上年度受处分、处分期延续到本年度的');
    expect(r.stdout).toMatch(/严重警告 → 不合格.*按处分期间计/u);
    expect(r.stdout).toMatch(/留党察看 → 不合格.*按处分期间计/u);
    expect(r.stdout).not.toMatch(/违反计划生育政策 → 不合格.*按处分期间计/u);
  });
});

describe('it-bureau 积分申请表 「党员月底填写党员积分申请表(附件4-4)，汇报本月岗位工作任务完成情况，并由分管领导签注意见(是否完成、完成质量)后交送记录员汇总」', () => {
  it('the form has the 分管领导意见（是否完成、完成质量） line and offers 月任务分 as a 申报事项', async () => {
    const { formTemplate } = await jobs.itForm;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(formTemplate);
    const ws = wb.getWorksheet('积分申请表')!;
    const labels: string[] = [];
    ws.eachRow((row) => labels.push(String(row.getCell(1).value ?? '')));
    expect(labels).toContain('分管领导意见（是否完成、完成质量）：');
    expect(labels.indexOf('分管领导意见（是否完成、完成质量）：')).toBeLessThan(labels.indexOf('支委初评：'));
    const list = JSON.stringify(ws.getCell('B4').dataValidation) + JSON.stringify(wb.getWorksheet('_lists')?.getSheetValues() ?? []);
    expect(list).toContain('月任务分');
  });

  it('a signed form: 月任务分 6 goes into 3月 of the new ledger, 见义勇为 3 into 加减分明细; Q1 甲 = 20 + 6 + 6 + 6 + 3 = 41', async () => {
    const { signed, q1, march, log } = await jobs.itForm;
    expect(signed.run.code, signed.run.stdout + signed.run.stderr).toBe(0);
    expect(signed.out.rejected).toEqual([]);
    expect(signed.out.approved.map((a) => [a.item, a.points])).toEqual([['月任务分', 6], ['见义勇为', 3]]);
    expect(signed.out.approved[0]!.reason).toContain('3月');
    expect(march.find((r) => r['姓名'] === '甲')?.['月任务分(6分)']).toBe(6);
    expect(log.filter((r) => r['姓名'] === '甲').map((r) => [r['事项'], r['分值']])).toEqual([['见义勇为', 3]]);
    expectMember(q1, '甲', { total: 41, components: { 基础分: 20, 任务分: 18 }, bonus: 3 });
  });

  it('a form without 分管领导意见 is not entered: each line rejected with the reason, exit 1', async () => {
    const { unsigned } = await jobs.itForm;
    expect(unsigned.run.code).toBe(1);
    expect(unsigned.out.approved).toEqual([]);
    expect(unsigned.out.rejected).toHaveLength(1);
    expect(unsigned.out.rejected[0]!.reason).toContain('申请表没有分管领导意见');
    expect(unsigned.out.written).toEqual([]);
  });
});

describe('bureau 「单位派出驻村扶贫工作队员(第一书记)…考核结果共用,但只能参加一边评先评优」 (seed 001 篇2)', () => {
  const SIDE_FLAG = '驻村第一书记：在所驻村参加评先评优（只能参加一边），不占本单位优秀名额';

  it('名册 评先评优 = 所驻村: 驻 100 合格 (flagged, rank 1), out of the quota count: n = 5 → 1 优秀 = A 99.6; B 99.2 合格', async () => {
    const r = await jobs.bureauSide;
    expect(r.run.code, r.run.stdout + r.run.stderr).toBe(0);
    expect(r.out.issues).toEqual([]);
    expectMember(r.out, '驻', { total: 100, grade: '合格', rank: 1, flags: [SIDE_FLAG] });
    expectMember(r.out, 'A', { total: 99.6, grade: '优秀', rank: 2 });
    expectMember(r.out, 'B', { total: 99.2, grade: '合格', rank: 3 });
  });

  it('评先评优 blank: the same six, n = 6 → 1 优秀 = 驻 100; A 99.6 超出优秀名额', async () => {
    const r = await jobs.bureauBoth;
    expect(r.run.code).toBe(0);
    expectMember(r.out, '驻', { total: 100, grade: '优秀', rank: 1 });
    expect(r.out.members.find((m) => m.name === 'A')).toMatchObject({ grade: '合格' });
    expect(r.out.members.find((m) => m.name === 'A')!.flags.join()).toContain('超出优秀名额');
  });

  it('评先评优 「派出单位」 is no option: MEMBER_BAD_AWARDS_SIDE at the 名册 row, exit 1; scheme show states the rule', async () => {
    const r = await jobs.bureauBad;
    expect(r.run.code).toBe(1);
    expect(issue(r, 'MEMBER_BAD_AWARDS_SIDE')).toMatchObject({ severity: 'error', sheet: '名册' });
    const show = await jobs.bureauShow;
    expect(show.stdout).toContain('只能参加一边评先评优：名册“评先评优”栏选“所驻村”的党员照常计分、评定等次、排名，但不评为优秀、不计入优秀名额的参评人数');
  });
});

describe('township 「同一项目以最高级计分」 and periods: a later award of the same 项目 counts in full in its own period (decision)', () => {
  it('县 2 in February, 市 3 in August, one 项目: Q1 90 + 2 = 92; H2 and August 90 + 3 = 93 (in full, not the difference 1); the year 93 (once, the highest)', async () => {
    const { periods } = await jobs.laterAward;
    const [q1, h2, aug, year] = periods;
    expectMember(q1!, '甲', { total: 92, bonus: 2 });
    expectMember(h2!, '甲', { total: 93, bonus: 3 });
    expectMember(aug!, '甲', { total: 93, bonus: 3 });
    expectMember(year!, '甲', { total: 93, bonus: 3 });
  });

  it('scheme show states the decision under 计分事项', async () => {
    const { show } = await jobs.laterAward;
    expect(show.stdout).toContain('同一项目以最高级计分与期间（决定）：每个期间计本期间内登记的表彰，取其中最高一级；之后的较高级表彰不改变已经结束的期间，在它自己的期间按该级全额计分');
  });
});

describe('计分标准 wording (findings, unfaithful or missing: 「每项扣完为止」 on components without deductions; program words)', () => {
  const rowOf = (rows: { texts: string[] }[], head: string) => rows.find((r) => r.texts[0]?.startsWith(head))!.texts;

  it('「扣完为止」 only where items deduct from the recorded entries: township 履行党员义务 yes, 志愿服务岗位 no; it-bureau 任务分 no; company 奖励分 no', async () => {
    const s = await jobs.standards;
    expect(rowOf(s.township!, '履行党员义务')).toContain('按记录期纪实评分，每项扣完为止');
    expect(rowOf(s.township!, '志愿服务岗位贡献')).toContain('按记录期纪实评分');
    expect(rowOf(s['it-bureau']!, '任务分')).toContain('按记录期纪实评分');
    expect(rowOf(s['it-bureau']!, '基础分')).toContain('从满分起扣，扣完为止');
    expect(rowOf(s.company!, '奖励分')).toContain('按记录期纪实评分');
    expect(JSON.stringify(s.company)).not.toContain('每项扣完为止');
  });

  it('it-bureau: section 二、直接定等次的情形 (no veto), rows 「有“参与邪教组织或非法组织”情形的，当年评为不合格」; township 扣分项 (all vetoes) reads 一票否决, not 从总分中扣减', async () => {
    const s = await jobs.standards;
    const it = s['it-bureau']!.map((r) => r.texts);
    expect(it.some((r) => r[0] === '二、直接定等次的情形')).toBe(true);
    expect(it.some((r) => r[0] === '二、一票否决')).toBe(false);
    expect(rowOf(s['it-bureau']!, '参与邪教组织或非法组织')).toContain('有“参与邪教组织或非法组织”情形的，当年评为不合格');
    expect(JSON.stringify(it)).not.toContain('受参与邪教组织');
    expect(rowOf(s.township!, '扣分项')).toContain('一票否决：发生即年度积分为零');
    expect(rowOf(s.township!, '扣分项')).not.toContain('从总分中扣减');
  });

  it('a command named in a decision is said as when it happens: 「公示时用 --days」, never the garbled 「检查时--days」', async () => {
    const s = await jobs.standards;
    const all = JSON.stringify(s['it-bureau']);
    expect(all).toContain('公示时用 --days 可以改为任意天数');
    expect(all).toContain('录入申请时把认定的任务分填入台账该月表');
    expect(all).not.toContain('检查时--days');
  });
});

describe('culture 「由多个科室综合修改推荐后采用的,参与科室平分奖励得分」: shares exact, rounded once', () => {
  it('two 国家 10 projects shared by three: each 80 + 20 + 20/3 = 106.67 (not 3.33 + 3.33); scheme show says 6.67, not 3.33 each', async () => {
    const { year, show } = await jobs.cultureShare;
    expect(year.run.code, year.run.stdout + year.run.stderr).toBe(0);
    for (const n of ['甲', '乙', '丙']) expectMember(year.out, n, { total: 106.67, bonus: 6.67 });
    expect(show.stdout).toContain('合计 20/3 = 6.67 分（不是 3.33 + 3.33 = 6.66）');
    expect(show.stdout).not.toContain('每人3.33分');
  });
});

describe('agency: the 半年评议 rows carry no date — a quarter or a half-year total never includes them', () => {
  it('甲 合格, 乙 优秀 entered: Q1 and H1 80 with 半年评议 blank; the year shows 80 and 90 (weight 0, shown only)', async () => {
    const [q1, h1, year] = await jobs.agencyHalves;
    for (const p of [q1!, h1!]) for (const n of ['甲', '乙']) expectMember(p, n, { total: 80, components: { 基本指数: 80, 半年评议得分: null as unknown as number } });
    expectMember(year!, '甲', { total: 80, components: { 基本指数: 80, 半年评议得分: 80 } });
    expectMember(year!, '乙', { total: 80, components: { 基本指数: 80, 半年评议得分: 90 } });
  });
});

describe('templates ask only for what the scheme reads (findings 9, 19; 说明 and vote columns)', () => {
  it('finding 9: township has no 民主评议 sheet and its 说明 does not ask for one; nor demolition, tiered-xinba, village', async () => {
    const l = await jobs.ledgers;
    for (const id of ['township', 'demolition', 'tiered-xinba', 'village']) {
      expect(l[id]!.sheets, id).not.toContain('民主评议');
      expect(l[id]!.notes.join('\n'), id).not.toContain('民主评议');
    }
  });

  it('finding 19: company keeps 民主评议 with 评议等次 only (read: 基本合格 → 提醒谈话), and its 说明 asks for it', async () => {
    const l = await jobs.ledgers;
    expect(l.company!.sheets).toContain('民主评议');
    expect(l.company!.evaluationHeader).toEqual(['姓名', '编号', '评议等次']);
    expect(l.company!.notes.join('\n')).toContain('民主评议：每名党员一行，填写评议等次');
  });

  it('vanguard 民主评议 offers no 好/一般/差 vote columns (the scheme reads 评议等次 or 评议得分)', async () => {
    const l = await jobs.ledgers;
    expect(l.vanguard!.evaluationHeader).toEqual(['姓名', '编号', '评议等次', '评议得分']);
  });

  it('village (no monthly sheets): its 说明 names no 月表 and no 1月…12月', async () => {
    const l = await jobs.ledgers;
    expect(l.village!.sheets.some((x) => /^\d+月$/.test(x))).toBe(false);
    expect(l.village!.notes.join('\n')).not.toMatch(/月（季）记录表|月表|1月/u);
  });
});
