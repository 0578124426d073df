// Filled township ledgers for the LibreOffice suite, made the way a clerk makes them: a
// township roster → `score template --roster` → numbers typed into 1月…12月 (with the 合计
// formulas' cached results, as Excel saves them), events and a veto. Private fields
// (编号, 联系电话, 出生年月) are planted so the 公示名单 can be checked for leaks.
import { mkdirSync, readdirSync, statSync, copyFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { cellText, scoreAsync } from './support.js';
import { normaliseHeader } from '../../src/excel/header.js';
import { COMMON, EVENTS, SANCTIONS, SHEETS, type FormColumn } from '../../src/scheme/form.js';

export const YEAR = 2023;

export interface PlantedMember {
  branch: string;
  name: string;
  id: string;
  phone: string;
  birth: string;
  category: string;
}

const PEOPLE: [string, string][] = [
  ['第一党支部', '张建国'],
  ['第一党支部', '李秀英'],
  ['第一党支部', '王志强'],
  ['第一党支部', '刘芳'],
  ['第一党支部', '陈明'],
  ['第二党支部', '赵红梅'],
  ['第二党支部', '孙伟'],
  ['第二党支部', '周丽'],
  ['第二党支部', '吴刚'],
];

export const MEMBERS: PlantedMember[] = PEOPLE.map(([branch, name], i) => ({
  branch,
  name,
  id: `LXDY-${String(101 + i).padStart(4, '0')}`,
  phone: `139071${String(40101 + i * 37).padStart(5, '0')}`,
  birth: `19${String(60 + i * 3)}-0${1 + (i % 9)}-1${i % 10}`,
  category: name === '陈明' ? '预备党员' : '正式党员',
}));

/** Monthly drop from full marks, per member: a spread of grades. */
const DROP = [0, 3, 12, 20, 5, 1, 8, 30, 2];

/** The six township entries of member i in month m (1-based): 学习教育, 组织生活, 党费缴纳, 遵纪守法 (10 each), 岗位一, 岗位二 (30 each). */
export function entryValues(i: number, m: number): number[] {
  const d = DROP[i]!;
  return [
    10 - ((i + m) % 3 === 0 ? 2 : 0),
    10 - ((i * m) % 7 === 3 ? 5 : 0),
    10,
    10,
    Math.max(0, 30 - d / 2 - ((i + 2 * m) % 4) * 1.5),
    Math.max(0, 30 - d / 2 - ((3 * i + m) % 5)),
  ];
}

export const ENTRY_HEADERS = ['学习教育', '组织生活', '党费缴纳', '遵纪守法', '岗位一', '岗位二'];

async function writeRoster(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['序号', '姓名', '编号', '性别', '出生年月', '党员类别', '积分管理', '志愿服务岗位', '联系电话', '所在支部']);
  MEMBERS.forEach((m, i) => {
    const row = ws.addRow([i + 1, m.name, m.id, i % 2 ? '女' : '男', m.birth, m.category, '参加', '政策宣传、治安巡逻', m.phone, m.branch]);
    row.getCell(3).numFmt = '@';
    row.getCell(9).numFmt = '@';
  });
  await wb.xlsx.writeFile(file);
}

/** A header row's columns by label as the reader normalises it (学习教育(10分) → 学习教育). */
function headerColumns(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const cols = new Map<string, number>();
  ws.getRow(row).eachCell((c, col) => cols.set(normaliseHeader(cellText(c.value)), col));
  return cols;
}

/** A column of the ledger form (src/scheme/form.ts) by any spelling the reader accepts, or an entry by its name. */
function colOf(cols: Map<string, number>, want: FormColumn | string): number {
  const labels = typeof want === 'string' ? [want] : want.labels;
  for (const l of labels) {
    const c = cols.get(normaliseHeader(l));
    if (c !== undefined) return c;
  }
  throw new Error(`no column ${labels[0]}`);
}

const byKey = (table: readonly FormColumn[]): Record<string, FormColumn> => Object.fromEntries(table.map((c) => [c.key, c]));
const EV = byKey(EVENTS);
const SA = byKey(SANCTIONS);

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Fills a ledger written by `score template --roster`; `wrongCache` plants one wrong cached 合计 (1月, first member). */
async function fill(file: string, out: string, branch: string, wrongCache = false): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const members = MEMBERS.map((m, i) => ({ ...m, i })).filter((m) => m.branch === branch);
  for (let month = 1; month <= 12; month++) {
    const ws = wb.getWorksheet(`${month}月`)!;
    const cols = headerColumns(ws, 2);
    for (let r = 3; r <= ws.rowCount; r++) {
      const m = members.find((x) => x.name === cellText(ws.getCell(r, colOf(cols, COMMON.name)).value));
      if (!m) continue;
      const values = entryValues(m.i, month);
      ENTRY_HEADERS.forEach((h, k) => (ws.getCell(r, colOf(cols, h)).value = values[k]!));
      const total = ws.getCell(r, colOf(cols, COMMON.total));
      const formula = total.formula;
      expect(formula, `${basename(file)} › ${month}月 row ${r}: 合计 formula`).toMatch(/^(SUM\(|IF\(COUNT\()/);
      const sum = values.reduce((a, b) => a + b, 0);
      total.value = { formula, result: wrongCache && month === 1 && m === members[0] ? 999 : sum } as ExcelJS.CellFormulaValue;
    }
  }
  const events = wb.getWorksheet(SHEETS.events[0])!;
  const ec = headerColumns(events, 2);
  // Values by the form's column keys (date, name, item …).
  const put = (ws: ExcelJS.Worksheet, table: Record<string, FormColumn>, cols: Map<string, number>, row: number, values: Record<string, string | number | Date>): void => {
    for (const [k, v] of Object.entries(values)) ws.getCell(row, colOf(cols, table[k]!)).value = v;
  };
  const all: Record<string, string | number | Date>[] = [
    { date: utc(`${YEAR}-03-15`), name: '张建国', item: '表彰', level: '县', project: '乡村振兴先进个人', count: 1 },
    { date: utc(`${YEAR}-07-01`), name: '李秀英', item: '七一/十一活动', count: 1 },
    { date: utc(`${YEAR}-02-10`), name: '赵红梅', item: '公益事业', count: 1 },
  ];
  const planted = all.filter((e) => members.some((m) => m.name === e.name));
  planted.forEach((e, k) => put(events, EV, ec, 3 + k, { seq: k + 1, ...e }));
  if (members.some((m) => m.name === '吴刚')) {
    const ws = wb.getWorksheet(SHEETS.sanctions[0])!;
    put(ws, SA, headerColumns(ws, 2), 3, { date: utc(`${YEAR}-06-10`), name: '吴刚', type: '违反法律法规', note: '测试：一票否决' });
  }
  await wb.xlsx.writeFile(out);
}

export interface Ledgers {
  /** Folder given to grade/compute/publish. */
  dir: string;
  /** Our two branches' ledgers (in `dir`). */
  own: string[];
  /** Ledgers copied from fixtures/township (in `dir`), when the generator has been run. */
  fixtures: string[];
  /** A copy of the first ledger with a wrong cached 合计 (not in `dir`). */
  wrongCache: string;
}

function xlsxUnder(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...xlsxUnder(p));
    else if (f.endsWith('.xlsx') && !f.startsWith('~$')) out.push(p);
  }
  return out.sort();
}

/** The bundled township fixtures (`npm run fixtures`), when present; SCORE_LO_FIXTURES=0 leaves them out. */
export function fixtureLedgers(): string[] {
  if (process.env.SCORE_LO_FIXTURES === '0') return [];
  const dir = join(ROOT, 'fixtures', 'township');
  try {
    return statSync(dir).isDirectory() ? xlsxUnder(dir) : [];
  } catch {
    return [];
  }
}

export async function buildLedgers(work: string): Promise<Ledgers> {
  const dir = join(work, 'ledgers');
  const blank = join(work, 'blank');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(work, 'recalc'), { recursive: true });
  const roster = join(work, '全镇名册.xlsx');
  await writeRoster(roster);
  const r = await scoreAsync(['template', '--scheme', 'township', '--year', String(YEAR), '--roster', roster, '--out', blank, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const written = (JSON.parse(r.stdout) as { written: string[] }).written;
  const own: string[] = [];
  for (const branch of ['第一党支部', '第二党支部']) {
    const ledger = written.find((f) => basename(f).startsWith(`${branch}_积分台账_`));
    expect(ledger, `template --roster wrote ${written.join(', ')}`).toBeDefined();
    const out = join(dir, basename(ledger!));
    await fill(ledger!, out, branch);
    own.push(out);
  }
  const wrongCache = join(work, 'recalc', '缓存错误_第一党支部.xlsx');
  await fill(written.find((f) => basename(f).startsWith('第一党支部_积分台账_'))!, wrongCache, '第一党支部', true);
  const fixtures: string[] = [];
  const fixtureRoot = join(ROOT, 'fixtures', 'township');
  for (const f of fixtureLedgers()) {
    const to = join(dir, `fixture～${relative(fixtureRoot, f).replace(/[\\/]/g, '～')}`);
    copyFileSync(f, to);
    fixtures.push(to);
  }
  return { dir, own, fixtures, wrongCache };
}

/** 编号, 联系电话 and 出生年月 of every roster row in the ledgers (ours and the fixtures'). */
export async function privateFields(files: string[]): Promise<{ file: string; name: string; values: string[] }[]> {
  const out: { file: string; name: string; values: string[] }[] = [];
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('名册');
    if (!ws) continue;
    let header = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 10) && !header; r++) if (headerColumns(ws, r).has('姓名')) header = r;
    if (!header) continue;
    const cols = headerColumns(ws, header);
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const name = cellText(ws.getCell(r, cols.get('姓名')!).value).trim();
      if (!name) continue;
      const values: string[] = [];
      for (const h of ['编号', '联系电话', '出生年月']) {
        const c = cols.get(h);
        if (!c) continue;
        const v = ws.getCell(r, c).value;
        if (v instanceof Date) values.push(v.toISOString().slice(0, 10), v.toISOString().slice(0, 7));
        else if (cellText(v).trim()) values.push(cellText(v).trim());
      }
      out.push({ file, name, values });
    }
  }
  return out;
}
