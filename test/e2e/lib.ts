// Shared pieces of the end-to-end tests: everything goes through the spawned binary
// (`node bin/score.js`), on ledgers made by `score template` and filled by test/helpers/fill.ts.
import type { HistoryWarning, MemberJson, ResultReport } from '../../src/cli/report.js';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BIN, ROOT, json, score, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, everySheet, fillLedger, readTable, type LedgerFill } from '../helpers/fill.js';

export interface Templates {
  dir: string;
  ledger: string;
  application: string;
}

/**
 * The spawned binary without blocking (same environment as helpers/cli.ts `score`), so that
 * independent pipelines of one file keep both cores busy.
 */
export function scoreAsync(args: string[], opts: { cwd?: string } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function templateArgs(scheme: string, branch: string, year: number, dir: string): string[] {
  return ['template', '--scheme', scheme, '--branch', branch, '--year', String(year), '--out', dir, '--json', '--quiet'];
}

function templatesOf(scheme: string, dir: string, r: Run): Templates {
  if (r.code !== 0) throw new Error(`template ${scheme} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  const written: string[] = json<{ written: string[] }>(r).written;
  const ledger = written.find((f) => f.includes('_积分台账_'));
  if (!ledger) throw new Error(`template ${scheme}: no ledger in ${written.join(', ')}`);
  return { dir, ledger, application: join(dir, '积分申请表.xlsx') };
}

/** `score template --scheme ID --branch B --year Y --out DIR` → the blank ledger and 积分申请表. */
export function template(scheme: string, branch: string, year = 2023): Templates {
  const dir = tmp(`score-e2e-${scheme}-`);
  return templatesOf(scheme, dir, score(templateArgs(scheme, branch, year, dir)));
}

export async function templateAsync(scheme: string, branch: string, year = 2023): Promise<Templates> {
  const dir = tmp(`score-e2e-${scheme}-`);
  return templatesOf(scheme, dir, await scoreAsync(templateArgs(scheme, branch, year, dir)));
}

/** Fills a copy of the template into a fresh folder; returns the filled ledger's path. */
export async function filled(t: Templates, spec: LedgerFill, name = '台账.xlsx', dir = tmp('score-e2e-ledger-')): Promise<string> {
  return fillLedger(t.ledger, join(dir, name), spec);
}

/** A member of the --json report, as the CLI types it (src/cli/report.ts). */
export type MemberOut = MemberJson;

/** `score grade --json`: the report the CLI types (src/cli/report.ts). */
export type GradeOut = ResultReport;

/** A year of history not found (HISTORY_NOT_FOUND), with the members it leaves without a result. */
export type HistoryNotFound = Extract<HistoryWarning, { missing: unknown }>;
export const notFound = (ws: HistoryWarning[] = []): HistoryNotFound[] => ws.filter((w): w is HistoryNotFound => 'missing' in w);

/** `score grade --year Y FILES… --out OUT --json --quiet` (+ extra args). */
export function gradeRun(files: string[], year: number, out: string, extra: string[] = []): { run: Run; out: GradeOut } {
  const run = score(['grade', '--year', String(year), ...files, '--out', out, '--json', '--quiet', ...extra]);
  return { run, out: json<GradeOut>(run) };
}

export async function gradeAsync(files: string[], year: number, out: string, extra: string[] = []): Promise<{ run: Run; out: GradeOut }> {
  const run = await scoreAsync(['grade', '--year', String(year), ...files, '--out', out, '--json', '--quiet', ...extra]);
  return { run, out: json<GradeOut>(run) };
}

export interface Graded {
  t: Templates;
  /** The filled ledger. */
  file: string;
  /** The output folder of the grade run. */
  out: string;
  g: GradeOut;
}

/** One scheme end to end: template → fill → grade --year 2023 (clean: exit 0, nothing left out). */
export async function templateFillGrade(scheme: string, branch: string, spec: LedgerFill, extra: string[] = []): Promise<Graded> {
  const t = await templateAsync(scheme, branch);
  const file = await filled(t, spec);
  const out = tmp();
  const run = await gradeAsync([file], 2023, out, extra);
  expectClean(run);
  return { t, file, out, g: run.out };
}

/**
 * Starts every job at once (each describe then awaits its own), so that the spawned binaries of a
 * file run side by side; a failure surfaces in the describe that awaits it, not as an unhandled rejection.
 */
export function startAll<J extends Record<string, () => Promise<unknown>>>(jobs: J): { [K in keyof J]: ReturnType<J[K]> } {
  const out = {} as { [K in keyof J]: ReturnType<J[K]> };
  for (const k of Object.keys(jobs) as (keyof J)[]) {
    const p = jobs[k]!();
    p.catch(() => undefined);
    out[k] = p as ReturnType<J[typeof k]>;
  }
  return out;
}

/** One of the jobs startAll started, by name (a name that was not started is a test bug, said so). */
export function job<T>(jobs: Record<string, Promise<T>>, name: string): Promise<T> {
  const j = jobs[name];
  if (!j) throw new Error(`no job ${name}`);
  return j;
}

export function member(r: { members: MemberOut[] }, name: string): MemberOut {
  const m = r.members.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name} in ${r.members.map((x) => x.name).join(', ')}`);
  return m;
}

/** What a member's line must say; only the fields given are checked. */
export interface Expect {
  total: number;
  grade?: string | null;
  stars?: number | null;
  rank?: number | null;
  flags?: string[];
  vetoed?: boolean;
  bonus?: number;
  deduction?: number;
  components?: Record<string, number>;
}

export function expectMember(r: { members: MemberOut[] }, name: string, e: Expect): void {
  const m = member(r, name);
  const got: Partial<Record<keyof Expect, unknown>> = { total: m.total };
  const want: Partial<Record<keyof Expect, unknown>> = { total: e.total };
  if ('grade' in e) (got.grade = m.grade), (want.grade = e.grade);
  if ('stars' in e) (got.stars = m.stars), (want.stars = e.stars);
  if ('rank' in e) (got.rank = m.rank), (want.rank = e.rank);
  if ('flags' in e) (got.flags = m.flags), (want.flags = e.flags);
  if ('vetoed' in e) (got.vetoed = m.vetoed), (want.vetoed = e.vetoed);
  if ('bonus' in e) (got.bonus = m.bonus), (want.bonus = e.bonus);
  if ('deduction' in e) (got.deduction = m.deduction), (want.deduction = e.deduction);
  if (e.components) {
    got.components = Object.fromEntries(Object.keys(e.components).map((k) => [k, m.components[k]]));
    want.components = e.components;
  }
  expect(got, `member ${name}`).toEqual(want);
}

/** A graded run must be clean: exit 0, no errors, nobody left out. */
export function expectClean(g: { run: Run; out: GradeOut }): void {
  const errors = g.out.issues.filter((i) => i.severity === 'error');
  expect(errors, g.run.stderr).toEqual([]);
  expect(g.out.excluded ?? [], g.run.stderr).toEqual([]);
  expect(g.run.code, g.run.stderr).toBe(0);
}

/** Two cycles of one branch graded in a row into one output folder: the 2023 run reads the 2022 results from it (history). */
export interface TwoYears {
  g2022: GradeOut;
  g2023: GradeOut;
  /** The shared output folder (and so the history folder of the 2023 run). */
  out: string;
  f2023: string;
}

/** Fills the 2022 and 2023 templates of `scheme` and grades them in a row; each run must be clean. */
export async function twoYears(scheme: string, branch: string, spec2022: LedgerFill, spec2023: LedgerFill): Promise<TwoYears> {
  const dir = tmp(`score-e2e-two-years-${scheme}-`);
  const [t2022, t2023] = await Promise.all([templateAsync(scheme, branch, 2022), templateAsync(scheme, branch, 2023)]);
  const f2022 = await filled(t2022, spec2022, `${branch}_2022.xlsx`, dir);
  const f2023 = await filled(t2023, spec2023, `${branch}_2023.xlsx`, dir);
  const out = tmp();
  const r1 = await gradeAsync([f2022], 2022, out);
  expectClean(r1);
  const r2 = await gradeAsync([f2023], 2023, out);
  expectClean(r2);
  return { g2022: r1.out, g2023: r2.out, out, f2023 };
}

/** 党员姓名 → 合计得分 of a branch sheet of the written 评定结果 (or 评分汇总表) workbook. */
export async function sheetTotals(file: string, sheet: string): Promise<Record<string, number>> {
  const rows = await readTable(file, sheet, '合计得分');
  const out: Record<string, number> = {};
  for (const r of rows) {
    const name = r['党员姓名'];
    const total = r['合计得分'];
    if (typeof name === 'string' && name !== '') out[name] = total as number;
  }
  return out;
}

/** The written workbook's totals equal the JSON totals, member for member. */
export async function expectWorkbookTotals(g: GradeOut, file: string, sheet: string): Promise<void> {
  const fromJson = Object.fromEntries(g.members.map((m) => [m.name, m.total]));
  expect(await sheetTotals(file, sheet)).toEqual(fromJson);
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// The township ledger used by several files: six members with the private fields a real roster
// holds (编号, 出生年月, 联系电话), one of them 不参加积分管理.
const duty = { 学习教育: 10, 组织生活: 10, 党费缴纳: 10, 遵纪守法: 10 };
/** A township month: 义务 40 (four entries of 10) + the two posts. */
export const townshipMonth = (post1: number, post2: number) => ({ ...duty, 岗位一: post1, 岗位二: post2 });

export const TOWNSHIP_PRIVATE = {
  ids: ['DY2023001', 'DY2023002', 'DY2023003', 'DY2023004', 'DY2023005', 'DY2023006'],
  phones: ['13912345678', '13800001111', '15900002222', '18600003333', '13700004444', '13600005555'],
  births: ['1975-03-08', '1980-05-12', '1969-11-30', '1988-01-20', '1995-07-07', '1940-02-02'],
};

/** Every way a private value of the township roster could be printed (编号, phone, birth date). */
export function privateNeedles(): string[] {
  const { ids, phones, births } = TOWNSHIP_PRIVATE;
  const dates = births.flatMap((b) => {
    const [y, m, d] = b.split('-');
    return [b, `${y}/${Number(m)}/${Number(d)}`, `${y}年${Number(m)}月${Number(d)}日`, `${y}年${Number(m)}月`, `${y}.${m}`, `${y}${m}${d}`];
  });
  return [...ids, ...phones, ...dates];
}

export function townshipSpec(): LedgerFill {
  const p = TOWNSHIP_PRIVATE;
  const who = (i: number) => ({ id: p.ids[i]!, phone: p.phones[i]!, birth: p.births[i]!, gender: i % 2 ? '女' : '男' });
  return {
    members: [
      { name: '甲', ...who(0), posts: ['政策宣传', '治安巡逻'] },
      { name: '乙', ...who(1), posts: ['环境卫生维护', '家风家教'] },
      { name: '丙', ...who(2), posts: ['文体健身', '流动党员'] },
      { name: '丁', ...who(3), posts: ['村务监督', '信访矛盾化解'] },
      { name: '预', ...who(4), category: '预备党员', posts: ['政策宣传', '文体健身'] },
      { name: '老', ...who(5), participates: false, remark: '年老体弱，经批准不参加' },
    ],
    records: everySheet(MONTHS, {
      甲: townshipMonth(30, 30), // 100 a month
      乙: townshipMonth(25, 25), // 90 a month
      丙: townshipMonth(8, 8), // 56 a month
      丁: townshipMonth(30, 30), // 100 a month
      预: townshipMonth(5, 5), // 50 a month
    }),
    events: [
      { date: '2023-03-10', name: '乙', item: '学习教育无故缺席', basis: '3月主题党日无故缺席' }, // March 学习教育 10 − 5
      { date: '2023-03-15', name: '乙', item: '经济发展' }, // +2
      { date: '2023-05-01', name: '乙', item: '表彰', level: '县', project: '抗洪' }, // 2, superseded by 市
      { date: '2023-06-01', name: '乙', item: '表彰', level: '市', project: '抗洪' }, // +3
      { date: '2023-07-01', name: '乙', item: '表彰', level: '省', project: '脱贫' }, // +4
      { date: '2023-07-01', name: '乙', item: '七一活动' }, // +2
      { date: '2023-09-01', name: '乙', item: '公益事业' }, // +2 → 13 → cap 10
      { date: '2023-06-20', name: '丙', item: '不按标准缴纳党费' }, // June 党费 10 − 10
      { date: '2023-06-21', name: '丙', item: '不按时缴纳党费' }, // − 3 more → floor 0
      { date: '2023-10-01', name: '甲', item: '表彰', level: '市', project: '劳模' }, // +3
      { date: '2023-04-01', name: '丁', item: '违反法律法规', basis: '一票否决' }, // veto
    ],
  };
}
