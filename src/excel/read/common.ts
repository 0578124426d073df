// Shared plumbing of the form readers: sheets by name, diagnostics with their cell,
// and typed fields (text, number, date, id) read from a header-mapped row.
import type { BookLike, SheetLike } from '../book.js';
import { makeDiagnostic, type Diagnostic } from '../../core/diagnostics.js';
import type { Dec } from '../../core/decimal.js';
import type { SourceRef } from '../../core/model.js';
import { asDate, asId, asNumber, BLANK, cellAddress, readAt, type CellRead } from '../cells.js';
import { dataRows, findHeader, type ColumnSpec, type DataRows, type HeaderMatch } from '../header.js';
import { READ_LIMITS } from '../sniff.js';
import { colName, parseA1 } from '../../core/a1.js';
import { READ_CATALOGUE, type ReadArgs, type ReadCode } from './catalogue.js';
import { checkLength, EXCEL_CELL_CHARS } from './text-checks.js';
import { normaliseSheetName } from '../sheet-names.js';
import { COMMON } from '../../scheme/form.js';

export { normaliseSheetName } from '../sheet-names.js';

export const isHidden = (ws: { state: string }): boolean => ws.state === 'hidden' || ws.state === 'veryHidden';

/**
 * Finds a sheet by any of its names (NFKC, spaces and invisible characters ignored); never by
 * position. A visible sheet always wins over a hidden one (a hidden 「1月 」 must not stand in for
 * the 1月 the clerk sees); a hidden sheet is found only when no visible one has any of the names.
 */
export function sheetByName<S extends SheetLike>(wb: { worksheets: S[] }, names: readonly string[]): S | undefined {
  const wanted = names.map(normaliseSheetName);
  for (const hidden of [false, true]) {
    for (const w of wanted) {
      const ws = wb.worksheets.find((s) => isHidden(s) === hidden && normaliseSheetName(s.name) === w);
      if (ws) return ws;
    }
  }
  return undefined;
}

/** Groups of sheets whose names read the same (after normaliseSheetName): Excel shows two tabs alike. */
export function sameNamedSheets(wb: BookLike): string[][] {
  const groups = new Map<string, string[]>();
  for (const ws of wb.worksheets) {
    const k = normaliseSheetName(ws.name);
    groups.set(k, [...(groups.get(k) ?? []), ws.name]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

export class ReadContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Scores read from text (「8分」, ８．５): each said at its cell (READ_NUMBER_AS_TEXT), however many. */
  private readonly repaired: { place: SourceRef; raw: string; value: string }[] = [];
  private readonly repairedAt = new Set<string>();
  /** The workbook counts days from 1904; Excel recalculates every formula on opening (cached values may be stale). */
  readonly date1904: boolean;
  readonly fullCalcOnLoad: boolean;
  constructor(
    readonly file: string,
    wb?: BookLike,
  ) {
    // exceljs keeps date1904 in its properties; the lean reader on the book.
    this.date1904 = wb?.date1904 ?? (wb as { properties?: { date1904?: boolean } } | undefined)?.properties?.date1904 === true;
    this.fullCalcOnLoad = wb?.fullCalcOnLoad === true;
  }

  private readonly seen = new Set<string>();

  /** Record sheets (cycle indices) that are there but whose header could not be read: their error is the cause. */
  readonly unreadRecords: number[] = [];

  /** A header error (no header, a column missing) was said for this sheet. */
  headerFailed(sheet: string): boolean {
    return this.diagnostics.some((d) => d.severity === 'error' && d.sheet === sheet && (d.code === 'READ_HEADER_NOT_FOUND' || d.code === 'READ_COLUMN_MISSING'));
  }

  /** Runs a check once per cell (a field may be read twice); later calls return its first answer. */
  once(place: SourceRef, check: () => boolean): boolean {
    const k = `${place.sheet}!${place.cell}`;
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return check();
  }

  private partTotalsSaid = false;

  /** A sheet with a part's total instead of its entries (the seed's 附件2 card): said once per file, at the first such header. */
  partTotals(place: SourceRef, labels: string): void {
    if (this.partTotalsSaid) return;
    this.partTotalsSaid = true;
    this.report('READ_PART_TOTALS', place, { labels }, labels);
  }

  noteRepaired(place: SourceRef, raw: string, value: Dec): void {
    const k = `${place.sheet}!${place.cell}`;
    if (this.repairedAt.has(k)) return;
    this.repairedAt.add(k);
    this.repaired.push({ place, raw, value: value.toString() });
  }

  /**
   * Says the scores read from text, one warning at each cell with the number to type instead (Excel's
   * SUM leaves it out, so the sheet's own 合计 is short of it). Every cell is listed, however many:
   * --json and the 问题清单 name each; the terminal shows a few per sheet (printDiagnostics).
   */
  finish(): void {
    for (const r of this.repaired) this.report('READ_NUMBER_AS_TEXT', r.place, { raw: r.raw, number: r.value }, r.raw);
  }

  ref(sheet: string, row?: number, col?: number): SourceRef {
    const r: SourceRef = { file: this.file, sheet };
    if (row !== undefined) r.cell = col !== undefined ? cellAddress(row, col) : `A${row}`;
    return r;
  }

  report<K extends ReadCode>(code: K, place: SourceRef, params?: ReadArgs<K>, value?: unknown): void {
    this.diagnostics.push(makeDiagnostic(READ_CATALOGUE, code, place, params, value));
  }

  /** sheetByName, with a warning when the sheet found is hidden (no visible sheet has the name). */
  sheet<S extends SheetLike>(wb: { worksheets: S[] }, names: readonly string[]): S | undefined {
    const ws = sheetByName(wb, names);
    if (ws && isHidden(ws)) this.report('READ_SHEET_HIDDEN', { file: this.file, sheet: ws.name });
    return ws;
  }

  /** Finds a header or reports READ_HEADER_NOT_FOUND / READ_COLUMN_MISSING. */
  /**
   * The sheet's header for these specs, its problems reported. `found`: what findHeader already gave
   * for the same specs from row 1 without allowMissing (every required column there); the search with
   * allowMissing would choose the same row, since a row missing a required column ranks below it.
   */
  header(ws: SheetLike, specs: readonly ColumnSpec[], fromRow = 1, found?: HeaderMatch): HeaderMatch | undefined {
    const h = found ?? findHeader(ws, specs, { fromRow, allowMissing: true, minMatches: 1 });
    const required = specs.filter((s) => s.required);
    if (!h || (required.length > 0 && h.missing.length === required.length)) {
      this.report('READ_HEADER_NOT_FOUND', { file: this.file, sheet: ws.name }, {
        rows: READ_LIMITS.headerSearchRows,
        labels: required.map((s) => s.labels[0]).join('、'),
      });
      return undefined;
    }
    for (const [, used, other] of h.duplicates ?? []) {
      this.report('READ_COLUMN_DUPLICATE', this.ref(ws.name, h.row, other), { label: h.labels.get(other) ?? '', first: colName(used) });
    }
    for (const key of h.missing) {
      const spec = specs.find((s) => s.key === key)!;
      this.report('READ_COLUMN_MISSING', this.ref(ws.name, h.row), { label: spec.labels[0] });
    }
    return h.missing.length > 0 ? undefined : h;
  }

  /** Diagnostics in reading order: workbook-level first, then by sheet order, row, column. */
  sorted(wb: BookLike): Diagnostic[] {
    const order = new Map(wb.worksheets.map((w, i) => [w.name, i]));
    const pos = (d: Diagnostic): [number, number, number] => {
      const at = parseA1(d.cell ?? '');
      return [d.sheet === undefined ? -1 : (order.get(d.sheet) ?? 1e9), at?.row ?? 0, at?.col ?? 0];
    };
    return this.diagnostics
      .map((d, i) => ({ d, i, p: pos(d) }))
      .sort((a, b) => a.p[0] - b.p[0] || a.p[1] - b.p[1] || a.p[2] - b.p[2] || a.i - b.i)
      .map((x) => x.d);
  }

  rows(ws: SheetLike, headerRow: number): number[] {
    const d: DataRows = dataRows(ws, headerRow);
    if (d.stoppedBy === 'limit') this.report('READ_TOO_MANY_ROWS', this.ref(ws.name, d.stopRow), { limit: READ_LIMITS.maxRowsPerSheet });
    if (d.after !== undefined) this.report('READ_ROWS_AFTER_TOTAL', this.ref(ws.name, d.after), { stop: `A${d.stopRow}` });
    return d.rows;
  }
}

interface NumberOptions {
  /** A formula never calculated (no cached value) reads blank, without a message. */
  silentNoCache?: boolean;
}

/**
 * The addresses of the cells rows are placed at (their 姓名 cells), kept by column and row: the twelve
 * month sheets of a ledger, and the next ledger of the same form, place their rows at the same cells.
 * A county ledger made 24,000 of these strings, kept while it was checked and computed, where some
 * 2,000 are different; each young object kept costs the collector a copy. Bounded: a few columns, and
 * the rows a sheet is read to (READ_LIMITS.maxRowsPerSheet).
 */
const nameCells = new Map<number, string[]>();
const NAME_COLUMNS_KEPT = 8;
/** A sheet's rows are read to this one at most (its header is in the first rows searched). */
const NAME_ROWS_KEPT = READ_LIMITS.maxRowsPerSheet + READ_LIMITS.headerSearchRows;

export function nameCellAddress(row: number, col: number): string {
  if (row > NAME_ROWS_KEPT) return cellAddress(row, col);
  let cells = nameCells.get(col);
  if (!cells) {
    if (nameCells.size >= NAME_COLUMNS_KEPT) return cellAddress(row, col);
    nameCells.set(col, (cells = []));
  }
  return (cells[row] ??= cellAddress(row, col));
}

/** The options of a plain number() call: one object, not a new `{}` for each of a county's 270,000 cells a ledger (7.6 MB). */
const PLAIN_NUMBER: NumberOptions = Object.freeze({});

/**
 * An optional field of a row read: set on `o` when its cell gave something (not blank, not
 * unreadable), absent otherwise, so a row's object holds only the fields its sheet filled in.
 */
export function putGiven<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | null | undefined): void {
  if (value) o[key] = value;
}

/** Typed access to one data row of a header-mapped table, reporting unreadable cells. */
export class RowReader {
  constructor(
    private readonly ctx: ReadContext,
    private readonly ws: SheetLike,
    private readonly header: HeaderMatch,
    readonly row: number,
  ) {}

  col(key: string): number | undefined {
    return this.header.columns[key];
  }

  cell(key: string): CellRead {
    const col = this.col(key);
    return col === undefined ? BLANK : readAt(this.ws, this.row, col);
  }

  ref(key?: string): SourceRef {
    const col = key === undefined ? undefined : this.col(key);
    return this.ctx.ref(this.ws.name, this.row, col ?? 1);
  }

  /** The row's place: its name cell (姓名), which says whose row it is; column A (序号) only when there is none. */
  rowRef(): SourceRef {
    return { file: this.ctx.file, sheet: this.ws.name, cell: nameCellAddress(this.row, this.col('name') ?? 1) };
  }

  has(key: string): boolean {
    return this.col(key) !== undefined;
  }

  /** Text of a field; a formula without a cached value reads blank (text fields are never fatal). Over Excel's cell limit: reported, read blank. */
  text(key: string): string {
    const t = this.cell(key).text;
    return t.length > EXCEL_CELL_CHARS && !this.ctx.once(this.ref(key), () => checkLength(this.ctx, this.ref(key), t)) ? '' : t;
  }

  optText(key: string): string | undefined {
    const t = this.text(key);
    return t === '' ? undefined : t;
  }

  /** A number, null when blank; unreadable → diagnostic and null. */
  number(key: string, opts: NumberOptions = PLAIN_NUMBER): Dec | null {
    return this.numberIn(key, this.cell(key), opts);
  }

  /** number() of the field's cell read already (`c` is cell(key)): a caller that also looks at the read reads the cell once. */
  numberIn(key: string, c: CellRead, opts: NumberOptions = PLAIN_NUMBER): Dec | null {
    // The usual cell, a plain number with nothing to say about it: what asNumber gives, without the look-ups below.
    if (c.number !== undefined && c.problem === undefined && c.raw === undefined && c.shown === undefined && !this.ctx.fullCalcOnLoad) return c.number;
    const n = asNumber(c);
    if (n.problem === 'formula-no-cache' && opts.silentNoCache) return null;
    if (n.problem) this.problem(key, n.problem, c, n.detail);
    if (n.value && c.raw !== undefined) this.ctx.noteRepaired(this.ref(key), c.raw, n.value);
    if (n.value && c.shown !== undefined) this.ctx.report('READ_SHOWN_OTHER', this.ref(key), { value: c.text, shown: c.shown }, c.text);
    if (n.value && this.ctx.fullCalcOnLoad && this.isFormula(key)) this.ctx.report('READ_FORMULA_RECALC', this.ref(key), { value: c.text }, c.text);
    return n.value;
  }

  /** The field is a formula Excel recalculates on opening (fullCalcOnLoad): its cached value may not be what Excel shows. */
  recalculated(key: string): boolean {
    return this.ctx.fullCalcOnLoad && this.isFormula(key);
  }

  /** The field's cell holds a formula. */
  isFormula(key: string): boolean {
    const col = this.col(key);
    if (col === undefined) return false;
    if (this.ws.isFormula) return this.ws.isFormula(this.row, col);
    const v = this.ws.findCell(this.row, col)?.value;
    return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
  }

  date(key: string): string | undefined {
    const c = this.cell(key);
    const d = asDate(c, this.ctx.date1904);
    if (d.problem) this.problem(key, d.problem, c, d.detail);
    return d.value;
  }

  id(key: string): string | undefined {
    const c = this.cell(key);
    const r = asId(c);
    if (r.problem) this.problem(key, r.problem, c);
    return r.value === '' ? undefined : r.value;
  }

  private problem(key: string, problem: string, c: CellRead, detail?: string): void {
    const place = this.ref(key);
    const value = c.text || detail;
    if (problem === 'formula-no-cache') this.ctx.report('READ_FORMULA_NO_CACHE', place, {}, detail);
    else if (problem === 'formula-error') this.ctx.report('READ_FORMULA_ERROR', place, { error: detail }, value);
    else if (problem === 'bad-date') this.ctx.report('READ_BAD_DATE', place, {}, value);
    else if (problem === 'id-precision') this.ctx.report('READ_ID_PRECISION', place, {}, value);
    else this.ctx.report('READ_NOT_A_NUMBER', place, {}, value);
  }
}

/** Column synonyms shared by the forms (the ledger form's, scheme/form.ts). */
export const COL = COMMON satisfies Record<string, ColumnSpec>;

/**
 * A header label that looks like points (加分项, 扣分, 合计, 得分, 积分, 10分 …): a column or sheet
 * with one that the reader does not read would drop points unseen, so it is an error at the label.
 */
const POINTS_LABEL = /加分|扣分|减分|合计|小计|总计|总分|得分|积分|分值|分数|评分|\d分|分$/u;
const EVENT_LABEL = /加分|扣分|减分|奖励|处罚/u;

export function looksLikePoints(label: string): boolean {
  // 积分情况 is the seed's 附件2 card's section label, merged down beside the months: no points of its own.
  return POINTS_LABEL.test(label) && label !== '积分情况';
}

/** Whether a column holds anything below its header (a points column left empty drops nothing: the seed's card prints 加分项 and 扣分项 for every month). */
export function carriesValues(ws: SheetLike, headerRow: number, col: number): boolean {
  const last = Math.min(ws.rowCount, headerRow + READ_LIMITS.maxRowsPerSheet);
  for (let row = headerRow + 1; row <= last; row++) if (readAt(ws, row, col).text !== '') return true;
  return false;
}

/**
 * Reports every header cell whose label looks like points, that no spec took and that holds values; `known` lists the
 * labels the sheet does read (for the fix). Returns whether there was one.
 */
export function reportUnusedPoints(ctx: ReadContext, ws: SheetLike, h: HeaderMatch, specs: readonly ColumnSpec[]): boolean {
  const used = new Set(Object.values(h.columns));
  let found = false;
  for (const [col, label] of h.labels) {
    if (used.has(col) || !looksLikePoints(label) || !carriesValues(ws, h.row, col)) continue;
    found = true;
    const known = specs.filter((s) => s.key !== 'seq' && s.key !== 'note' && s.key !== 'name' && s.key !== 'id').map((s) => s.labels[0]).join('、');
    ctx.report('READ_POINTS_COLUMN_UNUSED', ctx.ref(ws.name, h.row, col), { label, kind: EVENT_LABEL.test(label) ? 'event' : 'other', known }, label);
  }
  return found;
}
