// The clerk's quarter and year end through the spawned binary, on the township ledger of lib.ts:
// publish (window, no private data), a batch with a corrupt file, compute for two periods,
// apply (积分申请表), explain, validate (exact cell) and never overwriting without --force.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, allCellTexts, everySheet, fillApplication, readTable, utcDate } from '../helpers/fill.js';
import {
  TOWNSHIP_PRIVATE, expectClean, expectMember, filled, gradeRun, member, privateNeedles, sha256, sheetTotals, template, townshipMonth, townshipSpec,
  type GradeOut, type Templates,
} from './lib.js';

let t: Templates;
/** The filled township ledger of lib.ts (第一支部, six members, one of them 不参加). */
let ledger: string;

beforeAll(async () => {
  ensureBuilt();
  t = template('township', '第一支部');
  ledger = await filled(t, townshipSpec(), '第一支部.xlsx');
});

describe('publish --period 2023Q1: the 公示名单 with its window and public fields only', () => {
  let out: string;
  /** The one workbook written: 2023年第一季度公示名单.xlsx. */
  let list: string;
  let plain: Run;
  let asJson: Run;
  let cells: Awaited<ReturnType<typeof allCellTexts>>;
  beforeAll(async () => {
    out = tmp();
    plain = score(['publish', '--period', '2023Q1', ledger, '--from', '2023-04-03', '--out', out]);
    asJson = score(['publish', '--period', '2023Q1', ledger, '--from', '2023-04-03', '--out', tmp(), '--json']);
    list = join(out, readdirSync(out).find((f) => f.endsWith('.xlsx')) ?? 'none.xlsx');
    cells = plain.code === 0 ? await allCellTexts(list) : [];
  });

  it('writes the list with the window 2023年4月3日至2023年4月9日 and the Q1 totals', async () => {
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('公示期：2023年4月3日至2023年4月9日');
    expect(readdirSync(out).filter((f) => f.endsWith('.xlsx'))).toEqual([expect.stringMatching(/^2023年度?第一季度公示名单\.xlsx$/)]);
    const texts = cells.map((c) => c.text);
    expect(texts).toContain('公示期：2023年4月3日至2023年4月9日');
    expect(texts.some((x) => x.includes('第一支部') && x.includes('第一季度党员积分公示'))).toBe(true);
    // Q1 = mean of Jan–Mar + 加分 dated in Q1: 甲 100; 丁 100 (the veto is dated April); 乙 (90 + 90 + 85)/3 + 经济发展 2 = 90.33; 丙 56; 预 50.
    const rows = await readTable(list, '第一支部', '姓名');
    expect(Object.fromEntries(rows.filter((r) => typeof r['积分'] === 'number').map((r) => [r['姓名'], r['积分']]))).toEqual({ 甲: 100, 丁: 100, 乙: 90.33, 丙: 56, 预: 50 });
    // Only the public columns (a quarter is not graded: no empty 等次/星级); 老 (不参加) is not listed.
    // 标记 says why 预 (预备党员, not ranked in this scheme) is listed after the others.
    expect(Object.keys(rows[0] ?? {})).toEqual(['序号', '姓名', '积分', '标记']);
    expect(rows.filter((r) => r['标记']).map((r) => [r['姓名'], r['标记']])).toEqual([['预', '预备党员：计分，不参加排序']]);
    expect(texts).not.toContain('老');
    const j = json<{ from: string; to: string; days: number; members: { name: string; total: number }[] }>(asJson);
    expect([j.from, j.to, j.days]).toEqual(['2023-04-03', '2023-04-09', 7]);
    expect(j.members.map((m) => m.name).sort()).toEqual(['丁', '丙', '乙', '甲', '预'].sort());
  });

  it('no phone, 编号 or birth date in any cell of the workbook, on stdout, or in --json', () => {
    expect(cells.length).toBeGreaterThan(0);
    const needles = privateNeedles();
    for (const c of cells) {
      for (const n of needles) expect(c.text, `${c.sheet}!${c.cell}`).not.toContain(n);
      if (c.isDate) expect(TOWNSHIP_PRIVATE.births.some((b) => c.text.startsWith(b)), `${c.sheet}!${c.cell}`).toBe(false);
    }
    for (const n of needles) expect(plain.stdout + plain.stderr, n).not.toContain(n);
    expect(asJson.code, asJson.stderr).toBe(0);
    for (const n of needles) expect(asJson.stdout, n).not.toContain(n);
  });

  // PRODUCT.md: `中共××支部委员会 2023年第一季度党员积分公示` (the list used to say 2023年度第一季度),
  // printed on two lines: the committee, then the period.
  it('the title reads as in PRODUCT.md: 中共第一支部委员会 2023年第一季度党员积分公示', () => {
    expect(cells.map((c) => c.text.replace(/\n/, ' '))).toContain('中共第一支部委员会 2023年第一季度党员积分公示');
  });
});

describe('grade --dir with a corrupt workbook among good ledgers', () => {
  let g: GradeOut;
  let code: number;
  let out: string;
  beforeAll(async () => {
    const dir = tmp('score-e2e-batch-');
    await filled(t, townshipSpec(), '第一支部.xlsx', dir);
    // 第二支部 (the same template, another branch in 说明): 钱 left on 20 October, 孙 joined on 15 July (R20).
    const overrides = Object.fromEntries(MONTHS.slice(6).map((m) => [m, { 孙: townshipMonth(30, 30) }]));
    // Rows after 钱 left are not on the roll: warned about and ignored.
    for (const m of ['11月', '12月']) Object.assign(overrides[m]!, { 钱: townshipMonth(0, 0) });
    await filled(t, {
      info: { 支部: '第二支部' },
      members: [{ name: '赵' }, { name: '钱', left: '2023-10-20' }, { name: '孙', joined: '2023-07-15' }],
      records: everySheet(MONTHS, { 赵: townshipMonth(20, 20), 钱: townshipMonth(10, 15) }, overrides),
    }, '第二支部.xlsx', dir);
    // Deterministic "random" bytes (an LCG): not a zip, not a workbook.
    const junk = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(join(dir, '坏文件.xlsx'), junk);
    out = tmp();
    const r = score(['grade', '--year', '2023', '--dir', dir, '--out', out, '--json', '--quiet']);
    code = r.code;
    g = json<GradeOut>(r);
  });

  it('exits 1, grades both good ledgers and names the bad file with a Chinese reason', () => {
    expect(code).toBe(1);
    expect([...new Set(g.members.map((m) => m.branch))].sort()).toEqual(['第一支部', '第二支部']);
    expectMember(g, '甲', { total: 100, grade: '优秀' });
    // 第二支部: 孙 100 a month over his 6 months (July–December) → 100, not 600/12 = 50.
    // 钱 65 a month over January–October → 65 (counting the ignored 40s of Nov/Dec would give 730/12 = 60.83).
    // 钱 left before the year end: listed with the points to date, not graded, ranked or in the quota
    // (SCHEMES.md "Partial years", decision turn 3).
    // 赵 40 + 20 + 20 = 80 → 优秀 band, but the quota is floor(2 × 20%) → 1 and 孙 is ahead.
    expectMember(g, '孙', { total: 100, grade: '优秀', rank: 1, flags: [] });
    expectMember(g, '赵', { total: 80, grade: '合格', rank: 2, flags: ['超出优秀名额'] });
    expectMember(g, '钱', { total: 65, grade: null, rank: null, flags: ['已转出：积分随组织关系转交'] });
    expect(g.issues.filter((i) => i.code === 'RECORD_NOT_ON_ROLL').map((i) => i.sheet)).toEqual(['11月', '12月']);
    expect(g.issues.filter((i) => i.severity === 'error').every((i) => i.file.endsWith('坏文件.xlsx'))).toBe(true);
    expect(g.excluded).toHaveLength(1);
    expect(g.excluded![0]!.file.endsWith('坏文件.xlsx')).toBe(true);
    expect(g.excluded![0]!.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the 总览 sheet lists the bad file as 未计入', async () => {
    const rows = await readTable(join(out, '2023年度评定结果.xlsx'), '总览', '支部');
    const bad = rows.find((r) => String(r['备注'] ?? '').includes('坏文件.xlsx'));
    expect(bad, JSON.stringify(rows)).toBeDefined();
    expect(String(bad!['备注'])).toMatch(/^未计入：/);
    expect(rows.map((r) => r['支部'])).toEqual(expect.arrayContaining(['第一支部', '第二支部']));
  });
});

describe('compute --period 2023Q1,2023', () => {
  let out: string;
  let run: Run;
  let q1: GradeOut;
  let year: GradeOut;
  beforeAll(() => {
    out = tmp();
    run = score(['compute', ledger, '--period', '2023Q1,2023', '--out', out, '--json', '--quiet']);
    [q1, year] = json<GradeOut[]>(run) as [GradeOut, GradeOut];
  });

  it('returns two period objects: the quarterly mean and the annual mean', () => {
    expect(run.code, run.stderr).toBe(0);
    expect([q1.period, year.period]).toEqual(['2023Q1', '2023']);
    // Q1: 乙 (90 + 90 + 85)/3 = 88.333… + 经济发展 2 (15 March) = 90.333… → 90.33; 义务 (40 + 40 + 35)/3 = 38.3333.
    expect(member(q1, '乙')).toMatchObject({ total: 90.33, bonus: 2, components: { 履行党员义务: 38.3333, 志愿服务岗位贡献: 50 } });
    // 丁's veto is dated 1 April: not in Q1.
    expect(member(q1, '丁')).toMatchObject({ total: 100, vetoed: false });
    expect(Object.fromEntries(q1.members.map((m) => [m.name, m.total]))).toEqual({ 甲: 100, 丁: 100, 乙: 90.33, 丙: 56, 预: 50 });
    // Year: mean of 12 months + 加分 (see schemes-1): 乙 1075/12 + 10 = 99.58; 丙 662/12 = 55.17; 丁 vetoed.
    expect(Object.fromEntries(year.members.map((m) => [m.name, m.total]))).toEqual({ 甲: 100, 乙: 99.58, 丙: 55.17, 丁: 0, 预: 50 });
    // The cycle's follow-ups are not drawn from one quarter: 预 (50 < 60) and 丙 (不合格 band) carry none in Q1.
    for (const f of ['延长预备期', '一对一帮扶', '诫勉谈话，限期整改']) expect(q1.members.flatMap((m) => m.flags)).not.toContain(f);
    expect(member(year, '预').flags).toEqual(['延长预备期']);
  });

  it('writes one 评分汇总表 with a sheet per period, totals as in --json', async () => {
    const files = readdirSync(out).filter((f) => f.endsWith('.xlsx'));
    expect(files).toEqual(['第一支部_评分汇总表_2023Q1_2023.xlsx']);
    const file = join(out, files[0]!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    // A sheet per period, then the 图表 of the branch's average per period (more than one period).
    expect(names).toEqual([expect.stringMatching(/^2023年度?第一季度$/), '2023年度', '图表']);
    expect(await sheetTotals(file, names[0]!)).toEqual({ 甲: 100, 丁: 100, 乙: 90.33, 丙: 56, 预: 50 });
    expect(await sheetTotals(file, '2023年度')).toEqual({ 甲: 100, 乙: 99.58, 丙: 55.17, 丁: 0, 预: 50 });
  });

  // SCHEMES.md: quarterly totals are for publication only — no grade, stars or quota flags.
  it('quarterly totals are not graded (township: 仅供公示，不定等次): no grade, no stars, no quota flags', () => {
    expect(q1.members.map((m) => [m.name, m.grade, m.stars, m.flags])).toEqual([
      ['甲', null, null, []], ['丁', null, null, []], ['乙', null, null, []], ['丙', null, null, []], ['预', null, null, []],
    ]);
  });
});

describe('apply: a 积分申请表 checked against the catalogue, a new ledger written', () => {
  it('approves 表彰 县 2, grants a wrong claim at the standard value with a note, rejects an unknown item; the input ledger is unchanged', async () => {
    const formDir = tmp('score-e2e-forms-');
    const form = await fillApplication(t.application, join(formDir, '丙_2023年5月.xlsx'), {
      name: '丙',
      branch: '第一支部',
      month: '2023年5月',
      lines: [
        { item: '表彰', level: '县', count: 1, claimed: 2, evidence: '县委表彰文件' },
        { item: '拾金不昧', count: 1, claimed: 2, evidence: '失主感谢信' },
        { item: '表彰', level: '市', count: 1, claimed: 5, evidence: '市级表彰' },
      ],
      reviewer: '王书记',
    });
    const before = sha256(ledger);
    const mtime = statSync(ledger).mtimeMs;
    const out = tmp();
    const r = score(['apply', form, '--ledger', ledger, '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(1); // rejected lines are problems in the input
    const a = json<{ approved: { name: string; item: string; level: string | null; points: number; reason: string }[]; rejected: { item: string; reason: string }[]; written: string[] }>(r);
    expect(a.approved).toHaveLength(2);
    expect(a.approved[0]).toMatchObject({ name: '丙', item: '表彰', level: '县', points: 2, reason: '符合计分标准' });
    // A fixed-value item claimed at another figure is granted at the scheme's value, the difference said.
    expect(a.approved[1]).toMatchObject({ name: '丙', item: '表彰', level: '市', points: 3 });
    expect(a.approved[1]!.reason).toContain('申报 5 分，按计分标准认定 3 分');
    expect(a.rejected.map((x) => [x.item, x.reason])).toEqual([['拾金不昧', '事项「拾金不昧」不在计分标准中']]);
    expect(a.written).toEqual([join(out, '第一支部_已录入申请.xlsx')]);
    // The input ledger is never touched.
    expect(sha256(ledger)).toBe(before);
    expect(statSync(ledger).mtimeMs).toBe(mtime);
    // The new ledger's 加减分明细 has the approved line after the existing eleven.
    const rows = await readTable(a.written[0]!, '加减分明细', '事项');
    expect(rows.filter((x) => x['事项'])).toHaveLength(13);
    const added = rows.find((x) => x['姓名'] === '丙' && x['事项'] === '表彰');
    expect(added).toBeDefined();
    expect(added!['级别']).toBe('县');
    expect(added!['日期']).toEqual(utcDate('2023-05-01')); // 申报月份 2023年5月 → its first day
    expect(added!['审核人']).toBe('王书记');
    expect(String(added!['依据'])).toContain('丙_2023年5月.xlsx'); // the source form
    // …and they count (no 项目, so both levels count): 丙 55.1666… + 2 + 3 = 60.1666… → 60.17.
    const e = score(['explain', '丙', '--ledger', a.written[0]!, '--json', '--quiet'], { cwd: tmp() });
    expect(json<{ member: { total: number; bonus: number } }>(e).member).toMatchObject({ total: 60.17, bonus: 5 });
  });
});

describe('explain', () => {
  /** The (fresh, empty) folder the explain runs below start in. */
  const explainCwd = tmp();
  it('prints each step with its source cells; --json has the trace', () => {
    const cwd = explainCwd;
    const r = score(['explain', '乙', '--ledger', ledger], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('第一支部.xlsx › 1月 ›');
    expect(r.stdout).toContain('第一支部.xlsx › 加减分明细 ›');
    // The March deduction points at its 加减分明细 row (the first event row, 3) and the month at its 3月 row (乙 is row 4).
    expect(r.stdout).toMatch(/学习教育：学习教育无故缺席 −5\s*← 第一支部\.xlsx › 加减分明细 › [A-Z]+3\n/);
    expect(r.stdout).toMatch(/履行党员义务[^：\n]*：35\s*← 第一支部\.xlsx › 3月 › [A-Z]+4(:[A-Z]+4)?\n/);
    expect(r.stdout).toContain('表彰「抗洪」同一项目以最高级计分，本条不计');
    expect(r.stdout).toContain('受上限限制');
    expect(r.stdout).toContain('99.58');
    expect(r.stdout).toContain('超出优秀名额');
    const j = json<{ member: { name: string; total: number }; trace: { rule: string; text: string; source: string | null }[] }>(score(['explain', '乙', '--ledger', ledger, '--json'], { cwd }));
    expect(j.member).toMatchObject({ name: '乙', total: 99.58 });
    const rules = new Set(j.trace.map((s) => s.rule));
    for (const rule of ['R1', 'R2', 'R3', 'R10', 'R12', 'R13']) expect(rules, rule).toContain(rule);
    const absent = j.trace.find((s) => s.text.includes('学习教育无故缺席'));
    expect(absent?.source).toMatch(/^第一支部\.xlsx › 加减分明细 › [A-Z]+\d+$/);
    expect(j.trace.some((s) => s.source?.startsWith('第一支部.xlsx › 3月 ›'))).toBe(true);
  });

  // explain has no --out: reading the default history folder must not create it.
  it('explain without --history leaves the current folder as it was', () => {
    expect(readdirSync(explainCwd)).toEqual([]);
  });
});

describe('validate and --force', () => {
  it('reports a planted error with its exact cell and exits 1', async () => {
    const spec = townshipSpec();
    // 3月: 乙 is the second member row (row 4); 学习教育 is column D → 12 > 10.
    spec.records!['3月']!['乙']!['学习教育'] = 12;
    const bad = await filled(t, spec, '第一支部.xlsx');
    const r = score(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain('第一支部.xlsx › 3月 › D4');
    const j = json<{ issues: { severity: string; sheet: string; cell: string; code: string; message: string }[] }>(score(['validate', bad, '--json']));
    const errors = j.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: '3月', cell: 'D4', code: 'RECORD_ABOVE_MAX' });
    expect(errors[0]!.message).toContain('超过该项满分 10');
    // The good ledger validates clean.
    expect(score(['validate', ledger, '--quiet']).code).toBe(0);
  });

  it('a second grade replaces its own outputs and keeps the previous in 上一版/', () => {
    const out = tmp();
    expectClean(gradeRun([ledger], 2023, out));
    const result = join(out, '2023年度评定结果.xlsx');
    const before = sha256(result);
    const again = score(['grade', '--year', '2023', ledger, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('上一版');
    expect(sha256(join(out, '上一版', '2023年度评定结果.xlsx'))).toBe(before);
    expect(existsSync(result)).toBe(true);
  });
});
