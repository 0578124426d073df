// Read step, old binary workbooks: an OLE2 file (Excel 97–2003 .xls, WPS .et saved as BIFF8, or
// an .xlsx renamed the other way round is sniffed before this) read with SheetJS (@e965/xlsx),
// loaded only when such a file is met, into the lean reader's sheets — so every reader sees the
// same cell values as from the .xlsx of the same workbook. Values only: macros (a VBA project
// stream) are never read, run or kept. An OLE2 file that holds no workbook (a .doc renamed) is refused.
// @e965/xlsx 0.20.3 is SheetJS CE 0.20.3 republished on npm: both advisories against SheetJS's
// reader (CVE-2023-30533 prototype pollution, fixed in 0.19.3; CVE-2024-22363 ReDoS, fixed in
// 0.20.2) are fixed in it; the `xlsx` 0.18.5 on npm has both.
import type { CellRead } from './cells.js';
import { isDateFormat } from './fast/xlsx.js';
import { CellSink, FastSheet, FORMULA, Kind, ODD_FORMAT } from './fast/sheet.js';
import { mayHide } from './display.js';
import type { FastBook } from './fast/xlsx.js';
import type { ReadCode } from './read/catalogue.js';
import { formatBytes, READ_LIMITS } from './sniff.js';

export type BiffResult = { ok: true; wb: FastBook } | { ok: false; code: ReadCode; params?: Record<string, string | number> };

/** BIFF error codes (the value of an error cell) as Excel shows them. */
const ERRORS: Record<number, string> = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A', 43: '#GETTING_DATA' };

const STATES = ['visible', 'hidden', 'veryHidden'];

/** Streams of other Office files, to say what a renamed file really is (READ_OLE_NOT_WORKBOOK's kinds). */
const OTHER_OFFICE: [RegExp, string][] = [
  [/^worddocument$/i, 'word'],
  [/^powerpoint document$/i, 'powerpoint'],
  [/^visiodocument$/i, 'visio'],
  [/^__substg1\.0_/i, 'outlook'],
];

interface XCell { t: string; v?: unknown; f?: string; z?: string | number; w?: string }

/**
 * Reads the OLE2 bytes `buf` (already sniffed: not empty, not above the file limit, not an
 * encrypted OOXML package). Never throws: a failure is a read code.
 */
export async function readBiff(buf: Buffer): Promise<BiffResult> {
  if (buf.length > READ_LIMITS.maxBiffBytes) {
    return { ok: false, code: 'READ_FILE_TOO_LARGE', params: { size: formatBytes(buf.length), limit: formatBytes(READ_LIMITS.maxBiffBytes) } };
  }
  const X = await import('@e965/xlsx');
  // Code pages: an Excel 95 (BIFF5) file keeps its Chinese text in GBK (code page 936), not UTF-16.
  X.set_cptable(await import('@e965/xlsx/dist/cpexcel.full.mjs'));
  let names: string[];
  try {
    const cfb = X.CFB.read(buf, { type: 'buffer' });
    names = cfb.FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch (err) {
    return { ok: false, code: 'READ_EXCEL_FAILED', params: reason(err) };
  }
  const has = (re: RegExp): boolean => names.some((n) => re.test(n));
  if (has(/^(encryptioninfo|encryption)$/i)) return { ok: false, code: 'READ_ENCRYPTED' };
  if (!has(/^(workbook|book)$/i)) {
    const kind = OTHER_OFFICE.find(([re]) => has(re))?.[1] ?? 'other';
    return { ok: false, code: 'READ_OLE_NOT_WORKBOOK', params: { kind } };
  }
  let wb: ReturnType<typeof X.read>;
  try {
    // Values and number formats only; the VBA project is not read (bookVBA false), nothing is run.
    wb = X.read(buf, { type: 'buffer', dense: true, cellNF: true, cellFormula: true, cellHTML: false, cellText: false, cellDates: false, bookVBA: false, sheetRows: READ_LIMITS.maxSheetRowsHard + 1 });
  } catch (err) {
    if (/password/i.test(String((err as Error)?.message ?? err))) return { ok: false, code: 'READ_ENCRYPTED' };
    return { ok: false, code: 'READ_EXCEL_FAILED', params: reason(err) };
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  // A number format that may show another number (display.ts) is kept by index, as the lean reader
  // keeps the custom ones (Excel's built-in formats, by their text, are not: they never hide one).
  const builtin = new Set(Object.values(X.SSF.get_table() as Record<number, string>));
  const formats: Formats = { codes: [], index: new Map(), builtin };
  const props = wb.Workbook?.Sheets ?? [];
  const strings: string[] = [];
  const stringReads: CellRead[] = [];
  const worksheets: FastSheet[] = [];
  for (const [i, name] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[name] as unknown as { '!data'?: (XCell | undefined)[][]; '!merges'?: { s: { r: number; c: number }; e: { r: number; c: number } }[]; '!fullref'?: string; '!ref'?: string };
    const part = `${name}`;
    const full = ws?.['!fullref'] ?? ws?.['!ref'];
    const lastRow = full ? Number(/(\d+)$/.exec(full)?.[1] ?? 0) : 0;
    if (lastRow > READ_LIMITS.maxSheetRowsHard) return { ok: false, code: 'READ_SHEET_TOO_LARGE', params: { part, rows: lastRow, limit: READ_LIMITS.maxSheetRowsHard } };
    const merges: number[][] = [];
    let covered = 0;
    for (const m of ws?.['!merges'] ?? []) {
      const area = (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
      covered += area;
      if (covered > READ_LIMITS.maxMergedCells) return { ok: false, code: 'READ_MERGE_TOO_LARGE', params: { part, ref: X.utils.encode_range(m), cells: area, limit: READ_LIMITS.maxMergedCells } };
      merges.push([m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1]);
    }
    const sink = new CellSink(1024);
    const rows = ws?.['!data'] ?? [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell) addCell(sink, r + 1, c + 1, cell, formats);
      }
    }
    const state = STATES[props[i]?.Hidden ?? 0] ?? 'hidden';
    const sheet = new FastSheet(name, state, strings, date1904, stringReads, formats.codes);
    sheet.load(sink, merges);
    worksheets.push(sheet);
  }
  if (worksheets.length === 0) return { ok: false, code: 'READ_EXCEL_FAILED', params: { why: 'noSheets' } };
  return { ok: true, wb: { worksheets, date1904, fullCalcOnLoad: false } };
}

interface Formats {
  /** Format codes that may show another number, by the index kept in the sink's styles. */
  codes: (string | undefined)[];
  index: Map<string, number>;
  builtin: Set<string>;
}

/** One SheetJS cell into the sink, as the lean reader stores the same cell of an .xlsx. */
function addCell(sink: CellSink, row: number, col: number, cell: XCell, formats: Formats): void {
  const formula = cell.f !== undefined ? FORMULA : 0;
  switch (cell.t) {
    case 'n': {
      const v = Number(cell.v);
      const z = typeof cell.z === 'string' ? cell.z : undefined;
      const date = z !== undefined && isDateFormat(z);
      const odd = !date && z !== undefined && !formats.builtin.has(z) && mayHide(z);
      const at = sink.add(row, col, (date ? Kind.Serial : Kind.Number) | formula | (odd ? ODD_FORMAT : 0), v);
      if (odd) {
        let i = formats.index.get(z);
        if (i === undefined) formats.index.set(z, (i = formats.codes.push(z) - 1));
        sink.styles.set(at, i);
      }
      return;
    }
    case 's':
    case 'str':
      sink.add(row, col, Kind.Text | formula, sink.text(String(cell.v ?? '')));
      return;
    case 'b':
      sink.add(row, col, Kind.Bool | formula, cell.v ? 1 : 0);
      return;
    case 'e':
      sink.add(row, col, Kind.Error | formula, sink.text(ERRORS[Number(cell.v)] ?? cell.w ?? '#VALUE!'));
      return;
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      sink.add(row, col, Kind.IsoDate | formula, sink.text(d.toISOString()));
      return;
    }
    default:
      // A formula without a cached value: its text is kept to show, as the lean reader does.
      if (formula) sink.formulas.set(sink.add(row, col, Kind.Empty | FORMULA, 0), String(cell.f));
  }
}

/** READ_EXCEL_FAILED's parameters for SheetJS's error; its own text only with SCORE_DEBUG. */
function reason(err: unknown): { why: 'oldMalformed'; raw?: string } {
  const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
  return process.env.SCORE_DEBUG ? { why: 'oldMalformed', raw } : { why: 'oldMalformed' };
}
