// Read step, before exceljs: look at the bytes of a file and refuse what exceljs must not see
// (old .xls, encrypted, CSV, truncated or bomb zips, absurd merges), each with a clear reason.
import { inflateRawSync } from 'node:zlib';
import { needsRewrite } from './exceljs-prep.js';
import { crc32 } from './lean/zip.js';
import { decodeEntities } from './fast/entities.js';
import { normaliseSheetName } from './sheet-names.js';
import type { ReadCode } from './read/catalogue.js';

/** Documented limits of every workbook `score` reads. */
export const READ_LIMITS = {
  /** Size of the .xlsx file itself. */
  maxFileBytes: 50 * 1024 * 1024,
  /**
   * Size of an old binary workbook (.xls/.et, BIFF8): SheetJS, which reads it, holds some 500
   * bytes of heap per cell (a 9.6 MB .xls of 660,000 cells took 360 MB), so this keeps a read
   * worker within its 384 MB and parsing within seconds; a 2,000-member ledger of twelve months
   * (264,000 cells) is about 4 MB. The same workbook saved as .xlsx has no such limit.
   */
  maxBiffBytes: 6 * 1024 * 1024,
  /** Sum of the unpacked sizes of all parts (from the central directory, checked again while unpacking sheets). */
  maxUncompressedBytes: 300 * 1024 * 1024,
  /**
   * Sum of the unpacked parts exceljs (the fallback reader, and the writer that updates a ledger)
   * is given: it holds ~20 bytes per byte of XML (a 15 MB workbook took 425 MB), so this keeps any
   * single-file command under 512 MB; the lean reader has no such need.
   */
  maxExcelJsBytes: 16 * 1024 * 1024,
  /** Unpacked size of one part (a sheet, the shared strings …). */
  maxPartBytes: 200 * 1024 * 1024,
  /** Unpacked / packed size of one part, checked for parts above `ratioCheckMinBytes`. */
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 10 * 1024 * 1024,
  /** Entries in the zip. */
  maxZipEntries: 10_000,
  /** Cells covered by the merged ranges of one sheet (a title merges a dozen). */
  maxMergedCells: 100_000,
  /** `<row>` elements in one sheet's XML before exceljs is even asked. */
  maxSheetRowsHard: 200_000,
  /** Data rows a reader reads from one sheet. */
  maxRowsPerSheet: 20_000,
  /**
   * Rows holding any value in one sheet (counted by the lean reader as it scans, before the cells
   * cost memory): more than any form's title, header, 20,000 data rows and footer. Every row of the
   * used range is read (blank rows separate nothing), so a sheet of junk rows is refused here.
   */
  maxUsedRowsPerSheet: 21_000,
  /** Cells holding a value in one sheet (some 15 bytes each in the lean reader). */
  maxCellsPerSheet: 2_000_000,
  /** A header row is searched in the first rows only. */
  headerSearchRows: 10,
} as const;

export const MAX_ROWS = READ_LIMITS.maxRowsPerSheet;

/** A workbook that passed comes with its zip directory (the reader needs it next). */
export type SniffResult = { ok: true; entries: ZipEntry[]; /** Some part must be rewritten before exceljs reads it (exceljs-prep). */ rewrite?: boolean } | { ok: false; code: ReadCode; params?: Record<string, string | number> };

export interface ZipEntry {
  name: string;
  method: number;
  /** CRC-32 of the unpacked part, from the central directory. */
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

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

type DirResult = { ok: true; entries: ZipEntry[] } | { ok: false; code: ReadCode; params?: Record<string, string | number> };

/** Parses the zip's end record and central directory (zip64 included). */
export function readCentralDirectory(buf: Buffer): DirResult {
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, code: 'READ_TRUNCATED' };
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) return { ok: false, code: 'READ_TRUNCATED' };
    const z = Number(buf.readBigUInt64LE(loc + 8));
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== ZIP64_EOCD_SIG) return { ok: false, code: 'READ_TRUNCATED' };
    count = Number(buf.readBigUInt64LE(z + 32));
    cdSize = Number(buf.readBigUInt64LE(z + 40));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (cdOffset + cdSize > buf.length) return { ok: false, code: 'READ_TRUNCATED' };
  if (count > READ_LIMITS.maxZipEntries) {
    return { ok: false, code: 'READ_ZIP_TOO_LARGE', params: { size: `${count} entries`, limit: `${READ_LIMITS.maxZipEntries} entries` } };
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CD_SIG) {
      return { ok: false, code: 'READ_CORRUPT_ZIP', params: { what: 'directory' } };
    }
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // zip64 extra field: the 0xffffffff values follow in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd && e + 4 <= buf.length) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= buf.length) { uncompressedSize = Number(buf.readBigUInt64LE(q)); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= buf.length) { compressedSize = Number(buf.readBigUInt64LE(q)); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= buf.length) { localOffset = Number(buf.readBigUInt64LE(q)); }
      }
      e += 4 + size;
    }
    entries.push({ name, method, crc, compressedSize, uncompressedSize, localOffset });
    p = extraEnd + commentLen;
  }
  // Two entries of one name: zip readers disagree on which one counts (exceljs takes the last, the
  // lean reader the first, Excel refuses the file). Part names are compared as Excel does (case-insensitive).
  const seen = new Set<string>();
  for (const e of entries) {
    const key = e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
    if (seen.has(key)) return { ok: false, code: 'READ_ZIP_DUPLICATE', params: { part: e.name } };
    seen.add(key);
  }
  return { ok: true, entries };
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
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

type Unpacked = { ok: true; bytes: Buffer } | { ok: false; code: ReadCode; params?: Record<string, string | number> };

export function unpack(buf: Buffer, e: ZipEntry): Unpacked {
  const corrupt = (what: string, more: { method?: number; raw?: string } = {}): Unpacked => ({
    ok: false,
    code: 'READ_CORRUPT_ZIP',
    params: { part: e.name, what, ...(more.method !== undefined ? { method: more.method } : {}), ...(more.raw && process.env.SCORE_DEBUG ? { raw: more.raw } : {}) },
  });
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) return corrupt('header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) return { ok: false, code: 'READ_TRUNCATED' };
  const raw = buf.subarray(start, end);
  let bytes: Buffer;
  if (e.method === 0) bytes = raw;
  else if (e.method !== 8) return corrupt('method', { method: e.method });
  else {
    try {
      // One output buffer of the size the directory gives (no 16 KB chunks to join), still capped.
      const chunkSize = Math.max(1024, Math.min(e.uncompressedSize + 1024, 16 * 1024 * 1024));
      bytes = inflateRawSync(raw, { maxOutputLength: READ_LIMITS.maxPartBytes, chunkSize });
    } catch (err) {
      if (err instanceof RangeError || /larger than|maxOutputLength/i.test(String(err))) {
        return { ok: false, code: 'READ_ZIP_PART_TOO_LARGE', params: { part: e.name, size: `> ${formatBytes(READ_LIMITS.maxPartBytes)}`, limit: formatBytes(READ_LIMITS.maxPartBytes) } };
      }
      // zlib's own words ("invalid distance too far back") are kept for SCORE_DEBUG only.
      return corrupt('inflate', { raw: err instanceof Error ? err.message : String(err) });
    }
  }
  // What Excel checks too: the unpacked size and CRC-32 the directory gives (zlib.crc32, ~1 GB/s).
  if (bytes.length !== e.uncompressedSize) return corrupt('size');
  if (crc32(bytes) !== e.crc) return corrupt('crc');
  return { ok: true, bytes };
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

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}
