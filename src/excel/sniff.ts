// Read step, before exceljs: look at the bytes of a file and refuse what exceljs must not see
// (old .xls, encrypted, CSV, truncated or bomb zips, absurd merges), each with a clear reason.
import { needsRewrite } from './exceljs-prep.js';
import { formatBytes, READ_LIMITS } from './limits.js';
import { colNumber } from '../core/a1.js';
import { EOCD_SIG, LOCAL_SIG, readCentralDirectory, unpack, type Unpacked, type ZipEntry } from './zip-read.js';
import { decodeEntities } from './fast/entities.js';
import { normaliseSheetName } from './sheet-names.js';
import type { ReadCode } from './read/catalogue.js';

// The limits live in limits.ts (the zip reader needs them too); the readers still import them from here.
export { formatBytes, MAX_ROWS, READ_LIMITS } from './limits.js';

/** A workbook that passed comes with its zip directory (the reader needs it next). */
export type SniffResult = { ok: true; entries: ZipEntry[]; /** Some part must be rewritten before exceljs reads it (exceljs-prep). */ rewrite?: boolean } | { ok: false; code: ReadCode; params?: Record<string, string | number> };


const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');


/**
 * Checks the bytes of a would-be .xlsx before any parser sees them; ok means exceljs may safely be
 * given them. With `sheets: false` the worksheet parts are not unpacked here: the lean reader
 * unpacks and checks them one at a time as it reads them (SheetLimits), so a county's 15 MB of
 * sheet XML per workbook is never held all at once.
 */
export function sniffBytes(buf: Buffer, opts: { sheets?: boolean } = {}): SniffResult {
  if (buf.length === 0) return { ok: false, code: 'READ_EMPTY_FILE' };
  if (buf.length > READ_LIMITS.maxFileBytes) {
    return { ok: false, code: 'READ_FILE_TOO_LARGE', params: { size: formatBytes(buf.length), limit: formatBytes(READ_LIMITS.maxFileBytes) } };
  }
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE)) {
    return { ok: false, code: buf.indexOf(ENCRYPTION_INFO) >= 0 ? 'READ_ENCRYPTED' : 'READ_OLD_XLS' };
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== LOCAL_SIG) {
    if (buf.length >= 4 && buf.readUInt32LE(0) === EOCD_SIG) return { ok: false, code: 'READ_NOT_WORKBOOK' };
    return { ok: false, code: looksLikeText(buf) ? 'READ_CSV_TEXT' : 'READ_NOT_ZIP' };
  }
  const dir = readCentralDirectory(buf);
  if (!dir.ok) return dir;
  return checkEntries(buf, dir.entries, opts.sheets ?? true);
}

function looksLikeText(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096);
  if (head.includes(0)) {
    // UTF-16 text (Excel's "Unicode text") has a BOM.
    return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  }
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  return control <= head.length / 100;
}

/** Checks every entry, and unpacks and checks every sheet when asked. */
function checkEntries(buf: Buffer, entries: ZipEntry[], sheets: boolean): SniffResult {
  const names = new Set(entries.map((e) => e.name.replace(/\\/g, '/').replace(/^\//, '')));
  if (!names.has('xl/workbook.xml')) {
    return { ok: false, code: names.has('xl/workbook.bin') ? 'READ_XLSB' : 'READ_NOT_WORKBOOK' };
  }
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > READ_LIMITS.maxUncompressedBytes) {
    return { ok: false, code: 'READ_ZIP_TOO_LARGE', params: { size: formatBytes(total), limit: formatBytes(READ_LIMITS.maxUncompressedBytes) } };
  }
  for (const e of entries) {
    const tooBig = checkSize(e);
    if (tooBig) return tooBig;
  }
  if (!sheets) return { ok: true, entries };
  // Unpack every part with a hard output limit (the directory may lie about sizes) and its CRC-32
  // checked, as exceljs will read them; the sheets are checked for absurd rows and merges.
  const limits = new SheetLimits();
  let rewrite = false;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue; // a folder entry
    const data = limits.unpack(buf, e);
    if (!data.ok) return data;
    rewrite ||= needsRewrite(e.name, data.bytes);
    if (e.name === 'xl/workbook.xml') {
      // exceljs throws on two sheets of one name: said as the lean reader's ledger check says it.
      const same = sameLookingSheets(data.bytes.toString('utf8'));
      if (same) return { ok: false, code: 'READ_SHEET_SAME_NAME', params: { names: same } };
    }
    if (!isSheetPart(e.name)) continue;
    const sheet = checkSheetXml(e.name, data.bytes);
    if (sheet) return sheet;
  }
  return { ok: true, entries, rewrite };
}

/** Sheet names in workbook.xml that read the same (normaliseSheetName), quoted and joined; undefined when none. */
function sameLookingSheets(xml: string): string | undefined {
  const seen = new Map<string, string[]>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = decodeEntities(m[1] ?? m[2] ?? '');
    const k = normaliseSheetName(name);
    seen.set(k, [...(seen.get(k) ?? []), name]);
  }
  const group = [...seen.values()].find((g) => g.length > 1);
  return group?.map((n) => `「${n}」`).join('、');
}

export const isSheetPart = (name: string): boolean => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

type Failure = Extract<SniffResult, { ok: false }>;

/** A limit hit while the lean reader reads: reported as the sniffing would have reported it. */
export class LimitError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/**
 * The running checks of one workbook's unpacking: every part with a hard output limit, all of
 * them within maxUncompressedBytes; sheets within maxSheetRowsHard rows and maxMergedCells
 * merged cells (counted by the scanner as it reads).
 */
export class SheetLimits {
  private unpacked = 0;

  unpack(buf: Buffer, e: ZipEntry): Unpacked {
    const data = unpack(buf, e);
    if (!data.ok) return data;
    this.unpacked += data.bytes.length;
    if (this.unpacked > READ_LIMITS.maxUncompressedBytes) {
      return { ok: false, code: 'READ_ZIP_TOO_LARGE', params: { size: `> ${formatBytes(this.unpacked)}`, limit: formatBytes(READ_LIMITS.maxUncompressedBytes) } };
    }
    return data;
  }

  /** The scanner met more than maxSheetRowsHard rows: the report names them all, as the sniffing does. */
  tooManyRows(part: string, xml: Buffer): never {
    throw new LimitError(checkSheetXml(part, xml) ?? { ok: false, code: 'READ_SHEET_TOO_LARGE', params: { part, rows: READ_LIMITS.maxSheetRowsHard + 1, limit: READ_LIMITS.maxSheetRowsHard } });
  }

  /** More rows (or cells) holding values than any form has: refused while scanning, naming the sheet. */
  tooManyUsed(sheet: string, what: 'rows' | 'cells', count: number): never {
    const limit = what === 'rows' ? READ_LIMITS.maxUsedRowsPerSheet : READ_LIMITS.maxCellsPerSheet;
    throw new LimitError({ ok: false, code: what === 'rows' ? 'READ_SHEET_TOO_MANY_USED_ROWS' : 'READ_SHEET_TOO_MANY_CELLS', params: { sheet, count, limit } });
  }

  /** A cell the file cannot hold as Excel reads it (outside the grid, a missing shared string): refused naming the sheet and cell. */
  cellFailure(sheet: string, code: 'READ_CELL_OUTSIDE_GRID' | 'READ_SHARED_STRING_MISSING', params: Record<string, string | number>): never {
    throw new LimitError({ ok: false, code, params: { sheet, ...params } });
  }

  /** A sheet whose XML is not well formed (tags not closed or not paired, text between rows): Excel refuses or repairs it. */
  malformed(sheet: string, what: string): never {
    throw new LimitError({ ok: false, code: 'READ_XML_MALFORMED', params: { sheet, what } });
  }

  tooManyMerged(part: string, xml: Buffer): never {
    throw new LimitError(checkSheetXml(part, xml) ?? { ok: false, code: 'READ_MERGE_TOO_LARGE', params: { part, ref: '', cells: READ_LIMITS.maxMergedCells + 1, limit: READ_LIMITS.maxMergedCells } });
  }
}

function checkSize(e: ZipEntry): Failure | undefined {
  if (e.uncompressedSize > READ_LIMITS.maxPartBytes) {
    return { ok: false, code: 'READ_ZIP_PART_TOO_LARGE', params: { part: e.name, size: formatBytes(e.uncompressedSize), limit: formatBytes(READ_LIMITS.maxPartBytes) } };
  }
  if (e.uncompressedSize >= READ_LIMITS.ratioCheckMinBytes) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (ratio > READ_LIMITS.maxCompressionRatio) return { ok: false, code: 'READ_ZIP_BOMB', params: { part: e.name, ratio: Math.round(ratio) } };
  }
  return undefined;
}

const MERGE_TAG = Buffer.from('<mergeCell ');
const ROW_TAG = Buffer.from('<row');

/** Guards exceljs against absurd merges (A1:XFD1048576 expands to 17 billion cells) and millions of rows. */
function checkSheetXml(part: string, xml: Buffer): Failure | undefined {
  let rows = 0;
  for (let i = xml.indexOf(ROW_TAG); i >= 0; i = xml.indexOf(ROW_TAG, i + 4)) {
    const next = xml[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) rows++;
  }
  if (rows > READ_LIMITS.maxSheetRowsHard) return { ok: false, code: 'READ_SHEET_TOO_LARGE', params: { part, rows, limit: READ_LIMITS.maxSheetRowsHard } };
  // A cell given twice (<c r="D4"> twice): exceljs would keep the later silently; the lean reader says so at the cell.
  const seen = new Set<string>();
  const text = xml.toString('latin1');
  for (const m of text.matchAll(/<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*["']([A-Z]+\d+)["']/g)) {
    if (seen.has(m[1]!)) return { ok: false, code: 'READ_CELL_DUPLICATE_PART', params: { part, cell: m[1]! } };
    seen.add(m[1]!);
  }
  let cells = 0;
  for (let i = xml.indexOf(MERGE_TAG); i >= 0; i = xml.indexOf(MERGE_TAG, i + 1)) {
    const tag = xml.toString('latin1', i, Math.min(xml.length, i + 80));
    const m = /ref\s*=\s*["']([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?["']/.exec(tag);
    if (!m) continue;
    const c1 = colNumber(m[1]!);
    const r1 = Number(m[2]);
    const c2 = m[3] ? colNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    const area = (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
    cells += area;
    if (cells > READ_LIMITS.maxMergedCells) {
      return { ok: false, code: 'READ_MERGE_TOO_LARGE', params: { part, ref: m[0].replace(/^ref\s*=\s*["']|["']$/g, ''), cells: area, limit: READ_LIMITS.maxMergedCells } };
    }
  }
  return undefined;
}
