// Read step, one table: find the header row by its labels (any order, synonyms, merged titles
// above it) and the data rows below it, up to blank rows, a 合计 row or a signature row.
import type { SheetLike } from './book.js';
import { eachRead, firstReads, type CellRead } from './cells.js';
import { READ_LIMITS } from './sniff.js';
import { Memo, MEMO_LIMIT } from '../core/memo.js';

export interface ColumnSpec {
  key: string;
  /** Accepted labels, compared after normaliseHeader. */
  labels: readonly string[];
  required?: boolean;
}

export interface HeaderMatch {
  row: number;
  /** Column number (1-based) by spec key. */
  columns: Record<string, number>;
  /** Normalised label of every non-empty header cell, by column. */
  labels: Map<number, string>;
  /** Required specs that were not found (when `allowMissing`). */
  missing: string[];
  /** A second column whose label is that of a matched spec: [key, the column used, the other column]. */
  duplicates?: [string, number, number][];
}

const headers = new Memo<string, string>(MEMO_LIMIT);

/** 党员 姓名 → 党员姓名; 学习教育(10分), 学习教育10分 → 学习教育; 说明： → 说明. */
export function normaliseHeader(s: string): string {
  if (unchanged(s)) return s;
  const known = headers.get(s);
  if (known !== undefined) return known;
  let t = s.normalize('NFKC').replace(/[\s\u3000\u200B-\u200D\uFEFF]+/g, '');
  for (;;) {
    // 学习教育(10分), 学习教育10分, 学习教育（满分10分）, 姓名：, 姓名* → the label itself.
    const next = t.replace(/\([^()]*\)$/, '').replace(/[:：*＊]+$/, '').replace(/(?<=[^\d.])(?:满分)?\d+(?:\.\d+)?分$/u, '');
    if (next === t || next === '') break;
    t = next;
  }
  return headers.set(s, t);
}

/**
 * Texts normaliseHeader gives back as they are, told without a look-up: Chinese characters only (a
 * member's name, 姓名) or ASCII letters, digits, points and minus signs only (a score): NFKC leaves
 * them, and they hold no space, bracket, colon or「N分」ending. Most cells of a header search's rows are.
 */
function unchanged(s: string): boolean {
  if (s.length === 0) return true;
  const first = s.charCodeAt(0);
  if (first >= 0x4e00 && first <= 0x9fff) {
    for (let i = 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x4e00 || c > 0x9fff) return false;
    }
    return true;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x2d)) return false;
  }
  return true;
}

const wantedLabels = new WeakMap<ColumnSpec, Set<string>>();

/** A spec's labels, normalised, made once per spec. */
function wantedOf(spec: ColumnSpec): Set<string> {
  let w = wantedLabels.get(spec);
  if (!w) {
    wantedLabels.set(spec, (w = new Set(spec.labels.map(normaliseHeader))));
    for (const label of w) everWanted.add(label);
  }
  return w;
}

/** Every label any spec searched for so far accepts: a row with none of them is a data row to every search. */
const everWanted = new Set<string>();
/**
 * A row's normalised labels by column, with what the header searches work out from them, kept on the
 * row (not in WeakMaps beside it: a look-up per row and search): whether no label is one any spec
 * accepts, as of how many labels were wanted; the labels as parallel arrays; the two-row merge made
 * with the row above.
 */
class RowLabels extends Map<number, string> {
  plainAt = -1;
  plain = false;
  arrays: { cols: number[]; texts: string[] } | undefined;
  merged: { upper: RowLabels; both: RowLabels } | undefined;
}

/** No label of the row is accepted by any spec (member names, scores): kept per row until a new label is wanted. */
function isPlain(labels: RowLabels): boolean {
  if (labels.plainAt === everWanted.size) return labels.plain;
  let plain = true;
  for (const label of labels.values()) {
    if (everWanted.has(label)) {
      plain = false;
      break;
    }
  }
  labels.plainAt = everWanted.size;
  labels.plain = plain;
  return plain;
}

/** The number in a trailing parenthetical: 学习教育(10分) → 10. */
export function headerMax(s: string): number | undefined {
  const m = /\(\s*(\d+(?:\.\d+)?)\s*分?\s*\)\s*$/.exec(s.normalize('NFKC').replace(/\s+/g, ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * Normalised labels of a row's header cells, kept per sheet for the sheets that cannot change (the
 * fast reader's: they have `read`): a sheet is searched for several forms' headers (stacked,
 * yearly, the month form, its 合计-only variant), each over the same first rows.
 */
const labelsOf = new WeakMap<SheetLike, Map<number, RowLabels>>();

/** One header cell's normalised label into its row's labels (eachRead's visit: a function of the module, not a closure per row). */
function putLabel(c: CellRead, col: number, out: RowLabels): void {
  out.set(col, normaliseHeader(c.text));
}

function rowLabels(ws: SheetLike, row: number): RowLabels {
  let kept = ws.read ? labelsOf.get(ws) : undefined;
  if (ws.read && !kept) labelsOf.set(ws, (kept = new Map()));
  const known = kept?.get(row);
  if (known) return known;
  const out = new RowLabels();
  eachRead(ws, row, putLabel, out);
  kept?.set(row, out);
  return out;
}

/** A row's labels as parallel arrays (columns, labels), made once per row: the kept rows are searched by several forms. */
function labelEntries(labels: RowLabels): { cols: number[]; texts: string[] } {
  let e = labels.arrays;
  if (!e) {
    e = { cols: [], texts: [] };
    for (const [col, label] of labels) {
      e.cols.push(col);
      e.texts.push(label);
    }
    labels.arrays = e;
  }
  return e;
}

/** Whether any of a row's labels is one the search accepts (a data row's names and scores are not). */
function anyWanted(labels: RowLabels, table: Map<string, number[]>): boolean {
  for (const t of labelEntries(labels).texts) if (table.has(t)) return true;
  return false;
}

/** A two-row header read as one row (the lower label where there is one), kept with the upper row it was made from. */
function mergedLabels(upper: RowLabels, lower: RowLabels): RowLabels {
  const known = lower.merged;
  if (known && known.upper === upper) return known.both;
  const both = new RowLabels(upper);
  for (const [col, label] of lower) both.set(col, label);
  lower.merged = { upper, both };
  return both;
}

/** Which specs (by index) accept each normalised label: one table per search, looked up once per header cell. */
function specTable(specs: readonly ColumnSpec[]): Map<string, number[]> {
  const table = new Map<string, number[]>();
  for (let i = 0; i < specs.length; i++) {
    for (const label of wantedOf(specs[i]!)) {
      const at = table.get(label);
      if (at) at.push(i);
      else table.set(label, [i]);
    }
  }
  return table;
}

export interface FindHeaderOptions {
  /** First row to search (1-based) and how many rows. */
  fromRow?: number;
  rows?: number;
  /** Return the best row even when required columns are missing (listed in `missing`). */
  allowMissing?: boolean;
  /** At least this many specs must match. */
  minMatches?: number;
}

/** What one search for a header looks for: its specs, the labels they accept (specTable) and the options. */
interface HeaderSearch {
  specs: readonly ColumnSpec[];
  table: Map<string, number[]>;
  minMatches: number;
  allowMissing: boolean;
}

type RowMatch = { m: HeaderMatch; rank: number; full: boolean };

/**
 * A row's labels as a header of the search: the columns of its specs, ranked (full matches first,
 * then more columns). A function of the module, not a closure made for each search: V8 keeps what it
 * compiled of it from one sheet and ledger to the next (issue 23).
 */
function matchRow(search: HeaderSearch, row: number, labels: RowLabels): RowMatch | undefined {
  const { specs, table, minMatches } = search;
  // The columns each spec accepts, in the row's order: one table look-up per cell.
  let candidates: number[][] | undefined;
  const { cols, texts } = labelEntries(labels);
  for (let k = 0; k < cols.length; k++) {
    const wanting = table.get(texts[k]!);
    if (!wanting) continue;
    const col = cols[k]!;
    candidates ??= [];
    for (const i of wanting) (candidates[i] ??= []).push(col);
  }
  if (!candidates && minMatches > 0) return undefined;
  const columns: Record<string, number> = {};
  const taken = new Set<number>();
  // Specs in order, each the first column not taken by an earlier spec.
  if (candidates) {
    for (let i = 0; i < specs.length; i++) {
      const cols = candidates[i];
      if (!cols) continue;
      for (const col of cols) {
        if (!taken.has(col)) {
          columns[specs[i]!.key] = col;
          taken.add(col);
          break;
        }
      }
    }
  }
  const missing: string[] = [];
  for (const s of specs) if (s.required && columns[s.key] === undefined) missing.push(s.key);
  const score = Object.keys(columns).length;
  if (score < minMatches || (missing.length > 0 && !search.allowMissing)) return undefined;
  // Prefer full matches, then more columns.
  const m: HeaderMatch = { row, columns, labels, missing };
  return { m, rank: score - missing.length * 1000, full: score === specs.length };
}

const NO_OPTIONS: FindHeaderOptions = Object.freeze({});

/** Finds the row in the first rows that matches most labels; required specs must all match. */
export function findHeader(ws: SheetLike, specs: readonly ColumnSpec[], opts: FindHeaderOptions = NO_OPTIONS): HeaderMatch | undefined {
  const from = opts.fromRow ?? 1;
  const last = from + (opts.rows ?? READ_LIMITS.headerSearchRows) - 1;
  const minMatches = opts.minMatches ?? 1;
  let best: RowMatch | undefined;
  let bestScore = 0;
  let above: RowLabels | undefined;
  const table = specTable(specs);
  const search: HeaderSearch = { specs, table, minMatches, allowMissing: opts.allowMissing === true };
  for (let row = from; row <= last; row++) {
    const labels = rowLabels(ws, row);
    const prev = above;
    above = labels.size > 0 ? labels : undefined;
    if (labels.size === 0) continue;
    // The table is built (specTable) before the rows, so everWanted holds all its labels.
    const plain = minMatches > 0 && isPlain(labels);
    let here = plain ? undefined : matchRow(search, row, labels);
    // A two-row header: group titles over their items (履行党员义务积分(40分) over 学习教育 …), 姓名 merged
    // down over both rows. Read as one row (the lower label where there is one), taken only when it
    // matches more than either row alone, so a title above an ordinary header changes nothing.
    // Two rows with no accepted label between them (data rows) cannot match together: not merged.
    if (prev && !here?.full && (here || minMatches <= 0 || (!plain && anyWanted(labels, table)) || (!isPlain(prev) && anyWanted(prev, table)))) {
      const two = matchRow(search, row, mergedLabels(prev, labels));
      if (two && (!here || two.rank > here.rank) && (!best || best.m.row !== row - 1 || two.rank > bestScore)) here = two;
    }
    if (here && (!best || here.rank > bestScore)) {
      best = here;
      bestScore = here.rank;
    }
    // Every spec found: no later row can rank higher (the first such row wins anyway).
    if (here?.full) break;
  }
  if (!best) return undefined;
  // Second columns of a matched label: looked for in the row chosen only (they do not change its rank).
  const duplicates = sameLabels(specs, best.m.columns, best.m.labels, new Set(Object.values(best.m.columns)));
  if (duplicates.length > 0) best.m.duplicates = duplicates;
  return best.m;
}

/** Columns not taken with the same label as a matched spec's column (a second 学习教育): [key, used column, other column]. */
function sameLabels(specs: readonly ColumnSpec[], columns: Record<string, number>, labels: Map<number, string>, taken: Set<number>): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const spec of specs) {
    const used = columns[spec.key];
    if (used === undefined) continue;
    const same = labels.get(used);
    for (const [col, label] of labels) if (!taken.has(col) && label === same) out.push([spec.key, used, col]);
  }
  return out;
}

export type StopReason = 'end' | 'blank' | 'total' | 'signature' | 'limit';

const TOTAL_ROW = /^(合计|总计|小计|全年合计|年度合计|累计|合计得分)$/;
const SIGNATURE = /^(签字|签名|审核人[:：]|审核[:：]|填表人|制表人|填报人|负责人[:：]|支部书记[(（]?签|书记[(（]?签|单位[(（]?盖章|盖章)/;

/** One pass over a row: blank, a 合计 row, or a signature row (first five non-empty cells are looked at). */
export function classifyRow(ws: SheetLike, row: number): 'blank' | 'total' | 'signature' | 'data' {
  const n = firstReads(ws, row, 5, FIRST);
  let kind: 'blank' | 'total' | 'signature' | 'data' = 'blank';
  for (let i = 0; i < n; i++) {
    const c = FIRST[i]!;
    // A number is data; a text may end the table.
    kind = c.wasNumber ? 'data' : textKind(c.text);
    if (kind !== 'data') break;
  }
  return kind;
}

/** classifyRow's reads, kept between rows (every data row of a county's sheets is classified). */
const FIRST: CellRead[] = [];

/** First characters of every TOTAL_ROW and SIGNATURE spelling (read off the patterns): other texts are data without a regex. */
const STOP_STARTS = new Set([TOTAL_ROW, SIGNATURE].flatMap((re) => re.source.replace(/^\^\(|\)\$?$/g, '').split('|').map((alt) => alt[0]!)));

function textKind(text: string): 'total' | 'signature' | 'data' {
  // Cell texts are trimmed (normaliseText): the first character decides most rows.
  if (!STOP_STARTS.has(text[0] ?? '')) return 'data';
  const t = text.replace(/\s+/g, '');
  return TOTAL_ROW.test(t) ? 'total' : SIGNATURE.test(t) ? 'signature' : 'data';
}

export function stopKind(ws: SheetLike, row: number): 'total' | 'signature' | undefined {
  const k = classifyRow(ws, row);
  return k === 'total' || k === 'signature' ? k : undefined;
}

export interface DataRows {
  rows: number[];
  stoppedBy: StopReason;
  /** The row that stopped reading (total, signature, limit). */
  stopRow?: number;
  /** After a 合计 or signature row: the first later row holding a number (a member entered below the total), not read. */
  after?: number;
}

/**
 * Data rows below a header: every non-blank row of the used range (blank rows separate nothing),
 * up to a 合计 or signature row, or maxRows.
 */
export function dataRows(ws: SheetLike, headerRow: number, maxRows: number = READ_LIMITS.maxRowsPerSheet): DataRows {
  const rows: number[] = [];
  const last = ws.rowCount;
  for (let row = headerRow + 1; row <= last; row++) {
    const kind = classifyRow(ws, row);
    if (kind === 'blank') continue;
    if (kind !== 'data') {
      const after = numberRowAfter(ws, row + 1, last);
      return after === undefined ? { rows, stoppedBy: kind, stopRow: row } : { rows, stoppedBy: kind, stopRow: row, after };
    }
    if (rows.length >= maxRows) return { rows, stoppedBy: 'limit', stopRow: row };
    rows.push(row);
  }
  return { rows, stoppedBy: 'end' };
}

/** The first row in [from, to] with a number in it (footnotes and dates under a signature are text), or undefined. */
function numberRowAfter(ws: SheetLike, from: number, to: number): number | undefined {
  for (let row = from; row <= to; row++) {
    let found = false;
    eachRead(ws, row, (c) => (found = c.wasNumber === true && c.date === undefined));
    if (found) return row;
  }
  return undefined;
}

/** Label cell search (姓名 … 张三): the value in the next non-empty cell to the right, or after 姓名：in the same cell. */
export function findLabelValue(
  ws: SheetLike,
  labels: readonly string[],
  firstRow: number,
  lastRow: number,
  otherLabels: readonly string[] = [],
): { text: string; row: number; col: number } | undefined {
  const wanted = labels.map(normaliseHeader);
  const others = new Set([...wanted, ...otherLabels.map(normaliseHeader)]);
  for (let row = firstRow; row <= lastRow; row++) {
    const cells: { col: number; text: string }[] = [];
    eachRead(ws, row, (c, col) => void cells.push({ col, text: c.text }));
    for (let i = 0; i < cells.length; i++) {
      const raw = cells[i]!.text;
      const norm = normaliseHeader(raw);
      if (wanted.includes(norm)) {
        const next = cells[i + 1];
        if (next && !others.has(normaliseHeader(next.text))) return { text: next.text, row, col: next.col };
        return { text: '', row, col: cells[i]!.col };
      }
      const m = /^([^:：]+)[:：]\s*(.+)$/.exec(raw);
      if (m && wanted.includes(normaliseHeader(m[1]!))) return { text: m[2]!.trim(), row, col: cells[i]!.col };
    }
  }
  return undefined;
}
