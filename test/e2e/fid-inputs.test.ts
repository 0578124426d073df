// Fidelity round 3, the inputs and the counting (findings 1, 5, 10, 12, 13, 19 and the wrong-cell
// messages): `score template` → filled as a clerk would → the spawned binary, with the hand numbers
// of ../shared/findings/fidelity-round-3.md and the seed sentence beside each case.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, json, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, QUARTERS, everySheet, type LedgerFill } from '../helpers/fill.js';
import { expectMember, filled, gradeAsync, member, scoreAsync, startAll, templateAsync, townshipMonth, type GradeOut, type Templates } from './lib.js';

interface Issue { severity: string; code: string; sheet?: string; cell?: string; message: string }

vi.setConfig({ testTimeout: 300_000 });

/** Template → fill → grade --year 2023 (not required to be clean: the issues are returned). */
async function grade(t: Templates | Promise<Templates>, spec: LedgerFill, extra: string[] = []): Promise<{ run: Run; g: GradeOut; file: string; out: string }> {
  const file = await filled(await t, spec);
  const out = tmp();
  const r = await gradeAsync([file], 2023, out, extra);
  return { run: r.run, g: r.out, file, out };
}

/** The frame of `score scheme init` (seed 002) and its template. */
async function frame(): Promise<{ scheme: string; t: Templates }> {
  const dir = tmp('score-e2e-frame-');
  const scheme = join(dir, '框架方案.json');
  const init = await scoreAsync(['scheme', 'init', '--out', scheme, '--quiet']);
  expect(init.code, init.stderr).toBe(0);
  const tdir = tmp('score-e2e-frame-template-');
  const tr = await scoreAsync(['template', '--scheme', scheme, '--branch', '第一支部', '--year', '2023', '--out', tdir, '--json', '--quiet']);
  expect(tr.code, tr.stderr).toBe(0);
  return { scheme, t: { dir: tdir, ledger: json<{ written: string[] }>(tr).written.find((f) => f.includes('_积分台账_'))!, application: '' } };
}

const FRAME_MEMBERS = ['F1', 'F2', 'F3', 'F4'].map((name) => ({ name }));
const FRAME_VOTES = FRAME_MEMBERS.map(({ name }) => ({ name, good: 10, fair: 0, poor: 0 }));

async function frameVeto(): Promise<{ run: Run; g: GradeOut }> {
  const { scheme, t } = await frame();
  return grade(t, { members: FRAME_MEMBERS, evaluations: FRAME_VOTES, events: [{ date: '2023-06-01', name: 'F4', item: '严重违纪违法' }] }, ['--scheme', scheme]);
}

/** 违反规定 is worth 1–10 「按情节」: a row without 分值 cannot be worth anything known. */
async function frameNoValue(): Promise<{ run: Run; issues: Issue[] }> {
  const { scheme, t } = await frame();
  const file = await filled(t, { members: FRAME_MEMBERS, evaluations: FRAME_VOTES, events: [{ date: '2023-06-01', name: 'F1', item: '违反规定' }] });
  const run = await scoreAsync(['validate', file, '--scheme', scheme, '--json', '--quiet']);
  return { run, issues: json<{ issues: Issue[] }>(run).issues };
}

/** 62 a month (义务 40 + 岗位 11 + 11), 经济发展 and 公益事业 entered twice each. */
function townshipPerYear(): Promise<{ run: Run; g: GradeOut }> {
  return grade(templateAsync('township', '第一支部'), {
    members: [{ name: '甲' }],
    records: everySheet(MONTHS, { 甲: townshipMonth(11, 11) }),
    events: [
      { date: '2023-03-01', name: '甲', item: '经济发展' },
      { date: '2023-09-01', name: '甲', item: '经济发展' },
      { date: '2023-04-01', name: '甲', item: '公益事业' },
      { date: '2023-10-01', name: '甲', item: '公益事业' },
    ],
  });
}

/** Eleven months of 40 + 40 and one of 39.94 + 39.94: each component's mean is 39.995, the total 79.99. */
function townshipRounding(): Promise<{ run: Run; g: GradeOut; out: string }> {
  const month = (duty: number, post: number) => ({ 学习教育: 10, 组织生活: 10, 党费缴纳: 10, 遵纪守法: duty, 岗位一: post, 岗位二: 20 });
  const records = everySheet(MONTHS, { 甲: month(10, 20), 乙: month(10, 20) });
  records['12月']!['甲'] = month(9.94, 19.94);
  return grade(templateAsync('township', '第一支部'), { members: [{ name: '甲' }, { name: '乙' }], records });
}

const CULTURE_MEMBERS = ['U1', 'U2', 'U3'].map((name) => ({ name }));
const CULTURE_VOTES = CULTURE_MEMBERS.map(({ name }) => ({ name, good: 10, fair: 0, poor: 0, voters: 10 }));

function cultureShared(): Promise<{ run: Run; g: GradeOut }> {
  return grade(templateAsync('culture', '文旅局机关支部'), {
    members: CULTURE_MEMBERS,
    evaluations: CULTURE_VOTES,
    events: [
      { date: '2023-02-01', name: 'U1', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2023-02-01', name: 'U2', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2023-03-01', name: 'U1', item: '经验做法推广', level: '国家', project: '智慧文旅' },
    ],
  });
}

async function cultureNoVoters(): Promise<{ run: Run; issues: Issue[]; g: GradeOut }> {
  const t = await templateAsync('culture', '文旅局机关支部');
  const file = await filled(t, { members: CULTURE_MEMBERS, evaluations: [...CULTURE_VOTES.slice(0, 2), { name: 'U3', good: 8, fair: 2, poor: 0 }] });
  const run = await scoreAsync(['validate', file, '--json', '--quiet']);
  const out = tmp();
  const g = await gradeAsync([file], 2023, out);
  return { run, issues: json<{ issues: Issue[] }>(run).issues, g: g.out };
}

const COMPANY_FULL = { 政治素质: 9, 组织生活: 9, 发挥先锋作用: 3, 服务群众: 3, 道德示范: 6, 廉洁奉公: 3, 其他基础分: 7, 履行职责: 29, 履诺践诺: 3, 发挥作用: 7, 其他任务分: 11, 突出贡献: 0, 奖励表彰: 0, 其他奖励: 0 };

function companyReview(): Promise<{ run: Run; g: GradeOut }> {
  return grade(templateAsync('company', '公司党支部'), {
    members: [{ name: 'C1' }, { name: 'C2' }, { name: 'C3' }],
    records: everySheet(QUARTERS, { C1: COMPANY_FULL, C2: COMPANY_FULL, C3: COMPANY_FULL }),
    evaluations: [{ name: 'C1', grade: '优秀' }, { name: 'C2', grade: '基本合格' }, { name: 'C3', grade: '合格' }],
  });
}

/** A date outside the cycle and a 分值 out of its range: the message points at that cell. */
async function wrongCells(): Promise<{ run: Run; issues: Issue[] }> {
  const t = await templateAsync('village', '村党支部');
  const file = await filled(t, {
    members: [{ name: '甲' }, { name: '乙' }],
    events: [
      { date: '2024-08-01', name: '甲', item: '道德模范' },
      { date: '2023-03-01', name: '乙', item: '平安卫士', points: 9 },
    ],
  });
  const run = await scoreAsync(['validate', file, '--json', '--quiet']);
  return { run, issues: json<{ issues: Issue[] }>(run).issues };
}

/** demolition: 违法违纪 → 年度积分清零; the annual 公示 lists the member at 0 and says why. */
function demolitionVeto(): Promise<{ run: Run; g: GradeOut; out: string }> {
  return grade(templateAsync('demolition', '拆迁办支部'), {
    members: [{ name: 'D1' }, { name: 'D2' }],
    events: [
      { date: '2023-03-01', name: 'D1', item: '研讨会微讲堂发言' },
      { date: '2023-03-01', name: 'D2', item: '研讨会微讲堂发言' },
      { date: '2023-05-01', name: 'D2', item: '违法违纪' },
    ],
  });
}

let jobs: {
  demolitionVeto: Promise<{ run: Run; g: GradeOut; out: string }>;
  frameVeto: Promise<{ run: Run; g: GradeOut }>;
  frameNoValue: Promise<{ run: Run; issues: Issue[] }>;
  townshipPerYear: Promise<{ run: Run; g: GradeOut }>;
  townshipRounding: Promise<{ run: Run; g: GradeOut; out: string }>;
  cultureShared: Promise<{ run: Run; g: GradeOut }>;
  cultureNoVoters: Promise<{ run: Run; issues: Issue[]; g: GradeOut }>;
  companyReview: Promise<{ run: Run; g: GradeOut }>;
  wrongCells: Promise<{ run: Run; issues: Issue[] }>;
};
beforeAll(() => {
  ensureBuilt();
  jobs = startAll({ demolitionVeto, frameVeto, frameNoValue, townshipPerYear, townshipRounding, cultureShared, cultureNoVoters, companyReview, wrongCells });
});

const codes = (issues: Issue[]) => issues.map((i) => `${i.code} ${i.sheet ?? ''}!${i.cell ?? ''}`);

describe('finding 1 — frame (seed 002): 「设置一票否决事项，要突出强制性」', () => {
  it('frame: a 严重违纪违法 row with 分值 blank vetoes — F4 0 不合格, 组织处置 (not 100 优秀)', async () => {
    const { run, g } = await jobs.frameVeto;
    expect(run.code, run.stderr).toBe(0);
    expectMember(g, 'F4', { total: 0, vetoed: true, grade: '不合格', flags: ['依据有关政策做出组织处置'] });
    expect(member(g, 'F4').vetoReason).toBe('严重违纪违法');
    expect(member(g, 'F1').total).toBe(100);
  });

  it('frame: a row whose effect needs a 分值 it lacks (违反规定, 1–10 按情节) is an error at the 分值 cell', async () => {
    const { run, issues } = await jobs.frameNoValue;
    expect(run.code).toBe(1);
    // 加减分明细: 序号 日期 姓名 编号 事项 级别 项目 次数 分值 … — 分值 is column I, the first row is 3.
    expect(codes(issues)).toContain('EVENT_NEEDS_POINTS 加减分明细!I3');
  });
});

describe('finding 5 — township (seed 003): 「2.经济发展(2分)。当年度…」「3.公益事业(2分)。本年度…」', () => {
  it('township: 经济发展 and 公益事业 count 2 a year however many rows — 62 + 2 + 2 = 66 基本合格 (not 70 合格)', async () => {
    const { run, g } = await jobs.townshipPerYear;
    expect(run.code, run.stderr).toBe(0);
    expectMember(g, '甲', { total: 66, grade: '基本合格', bonus: 4 });
    // The rows that add nothing are said at the row, not dropped silently.
    expect(g.issues.filter((i) => i.code === 'ITEM_CAP_EXCEEDED').map((i) => `${i.sheet}!${i.cell}`).sort()).toEqual(['加减分明细!E4', '加减分明细!E6']);
  });
});

describe('finding 10 and build item 7 — rows add up as printed', () => {
  it('township: a 评分汇总表 row shows 39.995 | 39.995 | 79.99 合格, not 40 | 40 | 79.99', async () => {
    const { run, g, out } = await jobs.townshipRounding;
    expect(run.code, run.stderr).toBe(0);
    expectMember(g, '甲', { total: 79.99, grade: '合格', components: { 履行党员义务: 39.995, 志愿服务岗位贡献: 39.995 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '2023年度评定结果.xlsx'));
    const ws = wb.worksheets.find((s) => s.getSheetValues().some((r) => Array.isArray(r) && r.includes('甲')))!;
    let header = 0;
    ws.eachRow((row, r) => {
      if ((row.values as unknown[]).includes('合计得分')) header = r;
    });
    const labels = Array.from(ws.getRow(header).values as unknown[], (v) => String(v ?? ''));
    const at = (label: string) => labels.findIndex((l) => l.startsWith(label));
    let rowOf = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(at('党员姓名')).value === '甲') rowOf = r;
    });
    const row = ws.getRow(rowOf);
    const parts = ['履行党员义务', '志愿服务岗位贡献', '加分项'].map((l) => row.getCell(at(l)));
    expect(parts.map((c) => c.value)).toEqual([39.995, 39.995, 0]);
    expect(parts.map((c) => c.numFmt)).toEqual(['0.000', '0.000', '0.000']);
    expect(row.getCell(at('合计得分')).value).toBe(79.99);
    // The printed parts sum to the printed total.
    expect(Math.round((39.995 + 39.995) * 1000) / 1000).toBe(79.99);
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
    expect(texts.some((x) => x.startsWith('注：合计得分 = 履行党员义务 + 志愿服务岗位贡献 + 加分项'))).toBe(true);
  });
});

describe('finding 12 — culture (seed 001 篇3): 「(“好票数”×100+“一般票数”×70+“差票数”×40)/参加测评人数」', () => {
  it('culture: a blank 参评人数 is an error at that cell (EVAL_NO_VOTERS), never ÷ the votes', async () => {
    const { run, issues, g } = await jobs.cultureNoVoters;
    expect(run.code).toBe(1);
    // 民主评议: 姓名 编号 好 一般 差 参评人数 … — 参评人数 is column F; U3 is the third row (5).
    expect(codes(issues)).toContain('EVAL_NO_VOTERS 民主评议!F5');
    expect(g.members.find((m) => m.name === 'U3')).toBeUndefined();
  });
});

describe('finding 13 — culture (seed 001 篇3): 「由多个科室综合修改推荐后采用的,参与科室平分奖励得分」', () => {
  it('culture: a member with two rows for one 项目 is paid once — U1 = U2 = 10 ÷ 2', async () => {
    const { run, g } = await jobs.cultureShared;
    expect(run.code, run.stderr).toBe(0);
    expect(member(g, 'U1').bonus).toBe(5);
    expect(member(g, 'U2').bonus).toBe(5);
    expect(member(g, 'U1').total).toBe(member(g, 'U2').total);
    expect(g.issues.filter((i) => i.code === 'EVENT_SPLIT_AGAIN').map((i) => `${i.sheet}!${i.cell}`)).toEqual(['加减分明细!G5']);
  });
});

describe('finding 19 — company (seed 001 篇4): 「对被评为基本合格等次的党员,取消参加评先评优资格,并由所在党支部负责人对其进行提醒谈话」', () => {
  it('company: the 民主评议 sheet is read — C2 基本合格 → 提醒谈话, 取消评先评优', async () => {
    const { run, g } = await jobs.companyReview;
    expect(run.code, JSON.stringify(g.issues)).toBe(0);
    expect(member(g, 'C2').flags).toEqual(['取消评先评优资格，提醒谈话，限期整改']);
    expect(member(g, 'C1').flags).toEqual(['优先推荐参加上级评先评优']);
    expect(member(g, 'C3').flags).toEqual([]);
    expect(member(g, 'C2').total).toBe(member(g, 'C3').total);
  });
});

describe('messages point at the cell that is wrong', () => {
  it('village: an out-of-cycle date points at the 日期 cell, an out-of-range 分值 at the 分值 cell', async () => {
    const { run, issues } = await jobs.wrongCells;
    expect(run.code).toBe(1);
    // 加减分明细 of village: 序号 日期 姓名 编号 事项 次数 分值 … — 日期 B, 分值 G.
    expect(codes(issues)).toEqual(expect.arrayContaining(['EVENT_OUTSIDE_CYCLE 加减分明细!B3', 'EVENT_POINTS_RANGE 加减分明细!G4']));
  });
});

describe('demolition (seed 000 篇3): 「党员出现违法违纪行为年度内积分清零」 on the 公示', () => {
  it('demolition: a 清零 member is listed at 0 with 标记 「一票否决，本周期积分为 0」, the others with 标记 blank', async () => {
    const { run, g, out } = await jobs.demolitionVeto;
    expect(run.code, run.stderr).toBe(0);
    expectMember(g, 'D2', { total: 0, vetoed: true });
    const list = (g.written ?? []).find((f) => f.includes('公示'));
    expect(list, JSON.stringify(g.written)).toBeDefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(list ?? join(out, 'missing.xlsx'));
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push(Array.from(r.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r.includes('姓名'));
    expect(rows[header]).toEqual(['序号', '姓名', '积分', '标记']);
    const byName = Object.fromEntries(rows.slice(header + 1).filter((r) => typeof r[2] === 'number').map((r) => [r[1], r[3] ?? null]));
    expect(byName).toEqual({ D1: null, D2: '一票否决，本周期积分为 0' });
  });
});
