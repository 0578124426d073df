// Read step, one cell: turn whatever exceljs holds (numbers typed as text, full-width digits,
// formulas, rich text, dates in five spellings, merged cells) into normalised text, numbers and dates.
import type { CellLike, SheetLike } from './book.js';
import type ExcelJS from 'exceljs';
import { dec, Dec } from '../core/decimal.js';
import { isoDate, isValidIso } from '../core/cycle.js';
import { Memo, MEMO_LIMIT, NumberMemo } from '../core/memo.js';
import { colName } from '../core/a1.js';
import { shownInstead } from './display.js';

export type CellProblem = 'formula-no-cache' | 'formula-error' | 'not-a-number' | 'bad-date' | 'id-precision';

export interface CellRead {
  /** Normalised text: NFKC, trimmed, inner runs of spaces collapsed; '' for blank. */
  text: string;
  /** The cell's value is a number, or text that reads as one. */
  number?: Dec;
  /** The cell's value is a date (ISO), or a number/text that reads as one (filled by readDate). */
  date?: string;
  problem?: CellProblem;
  /** The error text (#DIV/0!) or formula, to show in a diagnostic. */
  detail?: string;
  /** A covered cell of a merged range (its value belongs to the master). */
  covered?: boolean;
  /** The cell held a JS number (not text): matters for IDs. */
  wasNumber?: boolean;
  /** The text as typed, when a number was read from text (a repaired value, reported once per file). */
  raw?: string;
  /** What Excel shows instead of the number, when its format shows no digit of it ('' hidden by `;;;`, or a literal such as 8). */
  shown?: string;
}

export const BLANK: CellRead = Object.freeze({ text: '' });
export const COVERED: CellRead = Object.freeze({ text: '', covered: true });

/** NFKC (８５．５ → 85.5), minus signs unified, trimmed, runs of white space collapsed. */
const textCache = new Memo<string, string>(MEMO_LIMIT);

export function normaliseText(s: string): string {
  if (/^[\x21-\x7e]*$/.test(s)) return s;
  let v = textCache.get(s);
  if (v === undefined) {
    v = s
      .normalize('NFKC')
      .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
      .replace(/[\u200B-\u200D\uFEFF]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    textCache.set(s, v);
  }
  return v;
}

/** A number from text: 85, -3, +2.5, 1,234.5, 85.5分; undefined when it is not one. */
export function parseNumberText(text: string): Dec | undefined {
  const t = normaliseText(text).replace(/\s/g, '').replace(/分$/, '');
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(t) || !/\d/.test(t)) return undefined;
  try {
    return new Dec(t.replace(/,/g, '').replace(/^\+/, ''));
  } catch {
    return undefined;
  }
}

/**
 * An Excel-displayed number: 15 significant digits, so 0.1+0.2 reads 0.3. Cells repeat the same
 * few numbers (10, 8, 28.5 …): dec() shares their decimals.
 */
export function numberToDec(n: number): Dec {
  return dec(Number.isSafeInteger(n) ? n : Number(n.toPrecision(15)));
}

/** The normalised content of a cell; covered cells of a merge read blank. */
export function readCell(cell: CellLike | undefined): CellRead {
  if (!cell) return BLANK;
  if (cell.isMerged && cell.master !== cell) return COVERED;
  const r = readValue(cell.value);
  if (r.wasNumber && cell.numFmt) {
    const v = cell.value;
    const n = typeof v === 'number' ? v : v && typeof v === 'object' && 'result' in v && typeof v.result === 'number' ? v.result : undefined;
    const shown = n === undefined ? undefined : shownInstead(cell.numFmt, n);
    if (shown !== undefined) return { ...r, shown };
  }
  return r;
}

/** readCell(ws.findCell(row, col)), without making a cell where the sheet can (the lean reader's). */
export function readAt(ws: SheetLike, row: number, col: number): CellRead {
  return ws.read ? ws.read(row, col) : readCell(ws.findCell(row, col));
}

type LeanSheet = SheetLike & Required<Pick<SheetLike, 'cellCount' | 'columnAt' | 'read' | 'readStored'>>;

/** A sheet that reads its stored cells without making them (the lean reader's). */
function isLean(ws: SheetLike): ws is LeanSheet {
  return ws.cellCount !== undefined && ws.columnAt !== undefined && ws.read !== undefined && ws.readStored !== undefined;
}

/** The read of a row's i-th stored cell, or undefined when it is blank or covered by a merge (eachRead leaves those out). */
function storedRead(ws: LeanSheet, row: number, i: number): CellRead | undefined {
  const c = ws.readStored(row, i);
  return c.covered || c.text === '' ? undefined : c;
}

/**
 * The non-empty cells of a row in column order, as reads (blank cells and the covered cells of a
 * merge left out); `visit` returns true to stop. On the lean reader's sheets no cell is made.
 * `context` is given to `visit` with each cell: a caller on the hot path passes a function of its
 * module and its state here, not a closure made per row (V8 drops a closure's compiled code with it).
 */
export function eachRead<C = undefined>(ws: SheetLike, row: number, visit: (c: CellRead, col: number, context: C) => boolean | void, context?: C): void {
  if (isLean(ws)) {
    const n = ws.cellCount(row);
    for (let i = 0; i < n; i++) {
      const c = storedRead(ws, row, i);
      if (c && visit(c, ws.columnAt(row, i), context as C)) return;
    }
    return;
  }
  let stopped = false;
  ws.findRow(row)?.eachCell({ includeEmpty: false }, (cell, col) => {
    if (stopped) return;
    const c = readCell(cell);
    if (!c.covered && c.text !== '' && visit(c, col, context as C)) stopped = true;
  });
}

/**
 * The first `max` non-empty reads of a row (as eachRead gives them) into `out`; returns how many.
 * For a question asked of every data row (classifyRow): no function is made per row.
 */
export function firstReads(ws: SheetLike, row: number, max: number, out: CellRead[]): number {
  let k = 0;
  if (isLean(ws)) {
    const n = ws.cellCount(row);
    for (let i = 0; i < n && k < max; i++) {
      const c = storedRead(ws, row, i);
      if (c) out[k++] = c;
    }
    return k;
  }
  eachRead(ws, row, (c) => {
    out[k++] = c;
    return k >= max;
  });
  return k;
}

/**
 * Reads of plain numbers and texts, shared: a ledger repeats the same few scores and names
 * thousands of times. A CellRead is never changed after it is made (they are frozen).
 */
const numberReads = new NumberMemo<CellRead>(MEMO_LIMIT);
const smallReads: CellRead[] = [];
const textReads = new Memo<string, CellRead>(MEMO_LIMIT);

function remember<K>(cache: Memo<K, CellRead>, k: K, r: CellRead): CellRead {
  Object.freeze(r);
  return cache.set(k, r);
}

export function readValue(v: ExcelJS.CellValue | undefined): CellRead {
  if (v === null || v === undefined) return BLANK;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { text: String(v), problem: 'not-a-number' };
    const small = v >= 0 && v < 1024 && Number.isInteger(v) && !Object.is(v, -0);
    if (small) return (smallReads[v] ??= Object.freeze({ text: String(v), number: numberToDec(v), wasNumber: true }));
    return numberReads.get(v) ?? remember(numberReads, v, { text: String(v), number: numberToDec(v), wasNumber: true });
  }
  if (typeof v === 'string') return v.length > 200 ? fromText(v) : (textReads.get(v) ?? remember(textReads, v, fromText(v)));
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { text: '', problem: 'bad-date' };
    const iso = isoDate(new Date(Math.round(v.getTime() / 1000) * 1000));
    return { text: iso, date: iso };
  }
  if (typeof v === 'object') {
    if ('error' in v) return { text: String(v.error), problem: 'formula-error', detail: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue;
      const formula = 'formula' in v ? String(v.formula) : String((v as ExcelJS.CellSharedFormulaValue).sharedFormula);
      const result = f.result;
      if (result === undefined || result === null) return { text: '', problem: 'formula-no-cache', detail: `=${formula}` };
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
        return { text: String(result.error), problem: 'formula-error', detail: String(result.error) };
      }
      return readValue(result as ExcelJS.CellValue);
    }
    if ('richText' in v && Array.isArray(v.richText)) return fromText(v.richText.map((r) => r.text ?? '').join(''));
    if ('text' in v) {
      const t = (v as ExcelJS.CellHyperlinkValue).text as unknown;
      if (typeof t === 'string') return fromText(t);
      if (t && typeof t === 'object' && 'richText' in t) return fromText((t as ExcelJS.CellRichTextValue).richText.map((r) => r.text ?? '').join(''));
    }
  }
  return fromText(String(v));
}

function fromText(raw: string): CellRead {
  const text = normaliseText(raw);
  if (text === '') return BLANK;
  const number = parseNumberText(text);
  return number ? { text, number, raw } : { text };
}

export type NumberRead = { value: Dec | null; problem?: CellProblem; detail?: string };

/** A numeric field: blank → null, otherwise a number or a problem. */
export function asNumber(c: CellRead): NumberRead {
  if (c.problem === 'formula-no-cache' || c.problem === 'formula-error') return { value: null, problem: c.problem, detail: c.detail };
  if (c.text === '') return { value: null };
  if (c.number) return { value: c.number };
  return { value: null, problem: 'not-a-number' };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial day number → ISO date (1900 date system; serials 1–60 follow Excel's leap-year bug). */
export function serialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const days = Math.floor(serial + 1e-9) - (serial < 61 ? -1 : 0);
  return isoDate(new Date(EXCEL_EPOCH + days * 86_400_000));
}

/** 2023-3-5, 2023/03/05, 2023.3.5, 2023年3月5日, 20230305 (an optional time is ignored). */
export function parseDateText(text: string): string | undefined {
  const t = normaliseText(text);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidIso(iso) ? iso : undefined;
}

export type DateRead = { value?: string; problem?: CellProblem; detail?: string };

/** Days from 1900-01-00 to 1904-01-01: a 1904-system serial plus this is a 1900-system one. */
const DAYS_1904 = 1462;

/**
 * A date field: Date cell, serial number (a plausible one: 1910–2099), or text in the usual
 * spellings. `date1904`: the workbook counts its serials from 1904 (a General-format date field too).
 */
export function asDate(c: CellRead, date1904 = false): DateRead {
  if (c.problem === 'formula-no-cache' || c.problem === 'formula-error') return { problem: c.problem, detail: c.detail };
  if (c.problem === 'bad-date') return { problem: 'bad-date' };
  if (c.date) return { value: c.date };
  if (c.text === '') return {};
  if (c.number && /^\d+(\.\d+)?$/.test(c.text) && !/^\d{8}$/.test(c.text)) {
    const n = c.number.toNumber() + (date1904 ? DAYS_1904 : 0);
    // Only 1910–2099 counts as a date serial: a bare 2023 is a year, not 1905-07-15.
    const iso = n >= 3654 && n < 73051 ? serialToIso(n) : undefined;
    return iso ? { value: iso } : { problem: 'bad-date' };
  }
  const iso = parseDateText(c.text);
  return iso ? { value: iso } : { problem: 'bad-date' };
}

/** An identifier (编号, 身份证号): always text; a number of more than 15 digits has lost digits. */
export function asId(c: CellRead): { value: string; problem?: CellProblem } {
  if (c.wasNumber && c.number) {
    const fixed = c.number.toFixed();
    const digits = fixed.replace(/\D/g, '').length;
    return digits > 15 ? { value: fixed, problem: 'id-precision' } : { value: fixed };
  }
  return { value: c.text };
}

/** A1-style address of (row, col), both 1-based. */
export function cellAddress(row: number, col: number): string {
  return `${colName(col)}${row}`;
}
