// Fills a ledger template written by the real CLI (`score template …`) the way a branch clerk
// would in Excel: roster rows in 名册, a row per member in each record sheet, events in
// 加减分明细, votes in 民主评议, rows in 否决与处分. Every column is found by its header text
// (row 2 of the template, or wherever the header is in the first rows), never by position.
// The template is never touched: the filled workbook is saved to a new file.
import ExcelJS from 'exceljs';
import { normaliseHeader } from '../../src/excel/header.js';
import type { EvaluationSpec, EventSpec, SanctionSpec } from '../../tools/fixtures/spec.js';
import { COMMON, EVALUATIONS, EVENTS, INFO_KEYS, ROSTER, SANCTIONS, SHEETS as FORM_SHEETS, type FormColumn } from '../../src/scheme/form.js';

export type CellInput = number | string | Date | null | undefined;

export interface MemberFill {
  name: string;
  id?: string;
  gender?: string;
  /** ISO date (or a Date); written as a date cell at UTC midnight. */
  birth?: string | Date;
  category?: string;
  tier?: string;
  /** false → 积分管理 不参加. */
  participates?: boolean;
  posts?: string[];
  phone?: string;
  joined?: string;
  left?: string;
  remark?: string;
  /** 直接确定档次 (an exempt member's grade set by the branch meeting, tiered-xinba). */
  directGrade?: string;
  /** 另行评定得分 (an exempt member's annual score given by other means: bureau, company). */
  otherScore?: number;
  /** 评先评优 (本单位 / 所驻村): a 第一书记 who takes part in 评先评优 on one side only (bureau). */
  awardsSide?: string;
}

/** A 加减分明细 row (the fixture tool's EventSpec; 次数 may be left out). */
export type EventFill = Omit<EventSpec, 'count'> & { count?: number };

/** A 民主评议 row; `score` is a 评议得分 typed as a number (the schemes that record one). */
export type EvaluationFill = EvaluationSpec & { score?: number };

/** A 否决与处分 row; `until` is 处分期至 (ISO date), where the scheme's template has the column. */
export type SanctionFill = SanctionSpec & { until?: string };

/** Values of one member's row in a record sheet, keyed by entry name (`学习教育`) or full header (`学习教育(10分)`). */
export type RecordValues = Record<string, CellInput>;

export interface LedgerFill {
  members: MemberFill[];
  /** sheet name (1月, 第一季度, 7月 …) → member name → entry values. */
  records?: Record<string, Record<string, RecordValues>>;
  events?: EventFill[];
  evaluations?: EvaluationFill[];
  sanctions?: SanctionFill[];
  /** Overrides of 说明 values by key (方案, 支部, 年度 …). */
  info?: Record<string, CellInput>;
}

/** The sheet names the template writes (the ledger form's, src/scheme/form.ts). */
export const SHEETS = { info: FORM_SHEETS.info[0], roster: FORM_SHEETS.roster[0], events: FORM_SHEETS.events[0], evaluation: FORM_SHEETS.evaluations[0], sanctions: FORM_SHEETS.sanctions[0] } as const;

/** A form table's columns by key. */
function byKey<C extends FormColumn>(table: readonly C[]): Record<C['key'], C> {
  return Object.fromEntries(table.map((c) => [c.key, c])) as Record<C['key'], C>;
}
const R = byKey(ROSTER);
const EV = byKey(EVENTS);
const VO = byKey(EVALUATIONS);
const SA = byKey(SANCTIONS);

/** A column asked for: a ledger-form column (any spelling the reader accepts), or a label (an entry: 学习教育, 学习教育(10分)). */
type Want = FormColumn | string;
export const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
/** A cycle starting on 1 July: 7月 … 6月. */
export const JULY_MONTHS = ['7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月', '4月', '5月', '6月'];
export const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** A JS Date at UTC midnight of an ISO date: what a date typed in Excel becomes. */
export function utcDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/**
 * Records for every sheet given: the same values for each member in each sheet, then
 * per-sheet overrides (`{ '3月': { 乙: { 学习教育: 5 } } }`) merged on top.
 */
export function everySheet(
  sheets: readonly string[],
  rows: Record<string, RecordValues>,
  overrides: Record<string, Record<string, RecordValues>> = {},
): Record<string, Record<string, RecordValues>> {
  const out: Record<string, Record<string, RecordValues>> = {};
  for (const s of sheets) {
    out[s] = {};
    for (const [name, values] of Object.entries(rows)) out[s]![name] = { ...values, ...(overrides[s]?.[name] ?? {}) };
    for (const [name, values] of Object.entries(overrides[s] ?? {})) if (!out[s]![name]) out[s]![name] = { ...values };
  }
  return out;
}

const compact = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  return '';
}

export interface Header {
  row: number;
  /** compacted header text → column number */
  cols: Map<string, number>;
}

/** The header row: the first of the first 10 rows that holds every column asked for. */
export function findHeader(ws: ExcelJS.Worksheet, labels: Want[]): Header {
  for (let r = 1; r <= Math.min(10, Math.max(ws.rowCount, 1)); r++) {
    const cols = new Map<string, number>();
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const t = compact(cellText(cell.value));
      if (t && !cols.has(t)) cols.set(t, col);
    });
    if (labels.every((l) => lookup(cols, l) !== undefined)) return { row: r, cols };
  }
  throw new Error(`sheet ${ws.name}: no header row with ${labels.map(labelOf).join(', ')}`);
}

const labelOf = (w: Want): string => (typeof w === 'string' ? w : w.labels[0]);

/**
 * A column by exact header text, else as the reader matches it (normaliseHeader: `学习教育` finds
 * `学习教育(10分)`); a form column by any of its spellings.
 */
function lookup(cols: Map<string, number>, want: Want): number | undefined {
  const labels = typeof want === 'string' ? [want] : want.labels;
  for (const l of labels) {
    const exact = cols.get(compact(l));
    if (exact !== undefined) return exact;
  }
  const wanted = new Set(labels.map(normaliseHeader));
  for (const [text, col] of cols) if (wanted.has(normaliseHeader(text))) return col;
  return undefined;
}

function col(h: Header, ws: ExcelJS.Worksheet, want: Want): number {
  const c = lookup(h.cols, want);
  if (c === undefined) throw new Error(`sheet ${ws.name}: no column ${labelOf(want)} (have ${[...h.cols.keys()].join(', ')})`);
  return c;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name} (have ${wb.worksheets.map((w) => w.name).join(', ')})`);
  return ws;
}

function put(cell: ExcelJS.Cell, v: CellInput): void {
  if (v === undefined) return;
  cell.value = v;
}

/** The row of a member in a sheet (matched by 姓名), else the first row under the header with an empty 姓名. */
function rowFor(ws: ExcelJS.Worksheet, h: Header, nameCol: number, name: string, taken: Set<number>): number {
  const last = Math.max(ws.rowCount, h.row);
  for (let r = h.row + 1; r <= last; r++) {
    if (compact(cellText(ws.getCell(r, nameCol).value)) === compact(name)) return r;
  }
  for (let r = h.row + 1; r <= last + 1; r++) {
    if (!taken.has(r) && cellText(ws.getCell(r, nameCol).value) === '') return r;
  }
  return last + 1;
}

function fillInfo(wb: ExcelJS.Workbook, info: Record<string, CellInput>): void {
  const ws = sheet(wb, SHEETS.info);
  for (const [key, value] of Object.entries(info)) {
    let found = false;
    // A key as the template writes it, or any spelling the reader accepts for it (方案编号 → 方案).
    const keys = Object.values(INFO_KEYS).find((k: readonly string[]) => k.includes(key)) ?? [key];
    ws.eachRow((row) => {
      if (found) return;
      if (keys.some((k) => compact(cellText(row.getCell(1).value)) === compact(k))) {
        put(row.getCell(2), value);
        found = true;
      }
    });
    if (!found) throw new Error(`说明: no key ${key}`);
  }
}

function fillRoster(wb: ExcelJS.Workbook, members: MemberFill[]): void {
  const ws = sheet(wb, SHEETS.roster);
  const h = findHeader(ws, [R.name, R.category]);
  const nameCol = col(h, ws, R.name);
  const taken = new Set<number>();
  members.forEach((m, i) => {
    const r = rowFor(ws, h, nameCol, m.name, taken);
    taken.add(r);
    const set = (key: keyof typeof R, v: CellInput): void => {
      if (v === undefined) return;
      put(ws.getCell(r, col(h, ws, R[key])), v);
    };
    const date = (v: string | Date | undefined): Date | undefined => (v === undefined ? undefined : v instanceof Date ? v : utcDate(v));
    if (lookup(h.cols, R.seq) !== undefined) set('seq', i + 1);
    set('name', m.name);
    set('id', m.id);
    set('gender', m.gender);
    set('birth', date(m.birth));
    set('category', m.category ?? '正式党员');
    if (m.tier !== undefined) set('tier', m.tier);
    set('participates', m.participates === false ? '不参加' : '参加');
    set('posts', m.posts?.join('、'));
    set('phone', m.phone);
    set('joined', date(m.joined));
    set('left', date(m.left));
    set('remark', m.remark);
    if (m.directGrade !== undefined) set('directGrade', m.directGrade);
    if (m.otherScore !== undefined) set('otherScore', m.otherScore);
    if (m.awardsSide !== undefined) set('awardsSide', m.awardsSide);
  });
}

function fillRecords(wb: ExcelJS.Workbook, records: Record<string, Record<string, RecordValues>>, members: MemberFill[]): void {
  for (const [sheetName, rows] of Object.entries(records)) {
    const ws = sheet(wb, sheetName);
    const h = findHeader(ws, [COMMON.name]);
    const nameCol = col(h, ws, COMMON.name);
    const taken = new Set<number>();
    let seq = 0;
    for (const [name, values] of Object.entries(rows)) {
      const r = rowFor(ws, h, nameCol, name, taken);
      taken.add(r);
      seq++;
      const seqCol = lookup(h.cols, COMMON.seq);
      if (seqCol !== undefined && cellText(ws.getCell(r, seqCol).value) === '') ws.getCell(r, seqCol).value = seq;
      ws.getCell(r, nameCol).value = name;
      const id = members.find((m) => m.name === name)?.id;
      const idCol = lookup(h.cols, COMMON.id);
      if (id && idCol !== undefined) ws.getCell(r, idCol).value = id;
      let sum = 0;
      let numeric = true;
      for (const [label, v] of Object.entries(values)) {
        put(ws.getCell(r, col(h, ws, label)), v);
        if (typeof v === 'number') sum += v;
        else if (v !== undefined) numeric = false;
      }
      // The template's 合计 is =SUM(…) with no cached value; give it the value Excel would cache.
      const totalCol = lookup(h.cols, COMMON.total);
      if (totalCol !== undefined) {
        const cell = ws.getCell(r, totalCol);
        const f = cell.value as ExcelJS.CellFormulaValue | null;
        if (f && typeof f === 'object' && 'formula' in f && numeric) cell.value = { formula: f.formula, result: Math.round(sum * 1e6) / 1e6 } as ExcelJS.CellFormulaValue;
      }
    }
  }
}

function fillEvents(wb: ExcelJS.Workbook, events: EventFill[]): void {
  const ws = sheet(wb, SHEETS.events);
  const h = findHeader(ws, [EV.date, EV.name, EV.item]);
  events.forEach((e, i) => {
    const r = h.row + 1 + i;
    const set = (key: keyof typeof EV, v: CellInput): void => {
      if (v !== undefined) put(ws.getCell(r, col(h, ws, EV[key])), v);
    };
    if (lookup(h.cols, EV.seq) !== undefined) set('seq', i + 1);
    set('date', utcDate(e.date));
    set('name', e.name);
    set('id', e.id);
    set('item', e.item);
    set('level', e.level);
    set('project', e.project);
    set('count', e.count ?? 1);
    set('points', e.points);
    set('basis', e.basis);
    set('reviewer', e.reviewer);
  });
}

function fillEvaluations(wb: ExcelJS.Workbook, evaluations: EvaluationFill[]): void {
  const ws = sheet(wb, SHEETS.evaluation);
  // The template has only the columns the scheme reads (votes, 参评人数, 评议等次, 评议得分).
  const h = findHeader(ws, [VO.name, VO.id]);
  const nameCol = col(h, ws, VO.name);
  const taken = new Set<number>();
  for (const e of evaluations) {
    const r = rowFor(ws, h, nameCol, e.name, taken);
    taken.add(r);
    const set = (key: keyof typeof VO, v: CellInput): void => {
      if (v !== undefined) put(ws.getCell(r, col(h, ws, VO[key])), v);
    };
    // Votes, 参评人数, 评议等次 or 评议得分 the scheme does not read have no column: a generic row
    // (votes and a grade and a score) fills what this template has.
    const maybe = (key: keyof typeof VO, v: CellInput): void => {
      if (lookup(h.cols, VO[key]) !== undefined) set(key, v);
    };
    set('name', e.name);
    set('id', e.id);
    maybe('good', e.good);
    maybe('fair', e.fair);
    maybe('poor', e.poor);
    maybe('voters', e.voters);
    maybe('grade', e.grade);
    maybe('score', e.score);
  }
}

function fillSanctions(wb: ExcelJS.Workbook, sanctions: SanctionFill[]): void {
  const ws = sheet(wb, SHEETS.sanctions);
  const h = findHeader(ws, [SA.name, SA.type]);
  sanctions.forEach((s, i) => {
    const r = h.row + 1 + i;
    const set = (key: keyof typeof SA, v: CellInput): void => {
      if (v !== undefined) put(ws.getCell(r, col(h, ws, SA[key])), v);
    };
    set('date', s.date ? utcDate(s.date) : undefined);
    set('name', s.name);
    set('id', s.id);
    set('type', s.type);
    set('note', s.note);
    set('until', s.until ? utcDate(s.until) : undefined);
  });
}

/** Fills `template` with `spec` and saves it to `out` (a new file); the template is left as it was. */
export async function fillLedger(template: string, out: string, spec: LedgerFill): Promise<string> {
  if (out === template) throw new Error('fillLedger: the output must be a new file');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  if (spec.info) fillInfo(wb, spec.info);
  fillRoster(wb, spec.members);
  if (spec.records) fillRecords(wb, spec.records, spec.members);
  if (spec.events?.length) fillEvents(wb, spec.events);
  if (spec.evaluations?.length) fillEvaluations(wb, spec.evaluations);
  if (spec.sanctions?.length) fillSanctions(wb, spec.sanctions);
  await wb.xlsx.writeFile(out);
  return out;
}

export interface ApplicationLineFill {
  item: string;
  level?: string;
  /** 项目 (the form's column since the template has one). */
  project?: string;
  count?: number;
  claimed?: number;
  evidence?: string;
  approved?: number;
}

export interface ApplicationFill {
  name: string;
  branch?: string;
  /** 申报月份 as a clerk writes it: 2023年5月. */
  month: string;
  lines: ApplicationLineFill[];
  reviewer?: string;
  /** 分管领导意见, where the scheme's form has the line (it-bureau). */
  leaderReview?: string;
}

/** Writes the value of a key–value label (姓名, 所在支部, 申报月份) into the cell right of it. */
function setLabelValue(ws: ExcelJS.Worksheet, label: string, value: CellInput, rows = 10): void {
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
      if (compact(cellText(row.getCell(c).value)).replace(/[:：]$/, '') === label) {
        put(ws.getCell(r, c + 1), value);
        return;
      }
    }
  }
  throw new Error(`${ws.name}: no label ${label}`);
}

/** Fills a 积分申请表 written by `score template` and saves it to `out`. */
export async function fillApplication(template: string, out: string, spec: ApplicationFill): Promise<string> {
  if (out === template) throw new Error('fillApplication: the output must be a new file');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets.find((w) => {
    try {
      findHeader(w, ['申报事项']);
      return true;
    } catch {
      return false;
    }
  });
  if (!ws) throw new Error('no sheet with a 申报事项 header');
  setLabelValue(ws, '姓名', spec.name);
  if (spec.branch !== undefined) setLabelValue(ws, '所在支部', spec.branch);
  setLabelValue(ws, '申报月份', spec.month);
  const h = findHeader(ws, ['申报事项', '级别', '次数', '申报分值']);
  spec.lines.forEach((l, i) => {
    const r = h.row + 1 + i;
    const set = (label: string, v: CellInput): void => {
      if (v !== undefined) put(ws.getCell(r, col(h, ws, label)), v);
    };
    set('申报事项', l.item);
    set('级别', l.level);
    set('项目', l.project);
    set('次数', l.count ?? 1);
    set('申报分值', l.claimed);
    set('佐证材料', l.evidence);
    set('认定分值', l.approved);
  });
  if (spec.leaderReview) {
    const r = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((k) => compact(cellText(ws.getCell(k, 1).value)).startsWith('分管领导意见'));
    if (r === undefined) throw new Error(`${ws.name}: no 分管领导意见 line`);
    ws.getCell(r, 2).value = spec.leaderReview;
  }
  if (spec.reviewer) {
    for (let r = h.row + 1; r <= ws.rowCount; r++) {
      if (compact(cellText(ws.getCell(r, 1).value)).startsWith('审核人')) {
        ws.getCell(r, 2).value = spec.reviewer;
        break;
      }
    }
  }
  await wb.xlsx.writeFile(out);
  return out;
}

/** Rows of a written table (评分汇总表, 总览, 公示名单 …) as header → value, found by a header label. */
export async function readTable(file: string, sheetName: string, headerLabel: string): Promise<Record<string, ExcelJS.CellValue>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return tableOf(sheet(wb, sheetName), headerLabel);
}

export function tableOf(ws: ExcelJS.Worksheet, headerLabel: string): Record<string, ExcelJS.CellValue>[] {
  const h = findHeader(ws, [headerLabel]);
  const names = [...h.cols.entries()];
  const out: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const rec: Record<string, ExcelJS.CellValue> = {};
    let any = false;
    for (const [text, c] of names) {
      // A line merged across the table (the exempt note, the signature block) belongs to its first cell only.
      const cell = ws.getCell(r, c);
      const v = cell.isMerged && cell.master !== cell ? null : cell.value;
      rec[text] = v;
      if (v !== null && v !== undefined && v !== '') any = true;
    }
    if (any) out.push(rec);
  }
  return out;
}

/** Every cell of every sheet as text (dates as ISO), for "this never appears anywhere" checks. */
export async function allCellTexts(file: string): Promise<{ sheet: string; cell: string; text: string; isDate: boolean }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: { sheet: string; cell: string; text: string; isDate: boolean }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        out.push({ sheet: ws.name, cell: cell.address, text: cellText(cell.value), isDate: cell.value instanceof Date });
      });
    });
  }
  return out;
}
