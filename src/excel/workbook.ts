// Read step, entry point: open an .xlsx safely. The bytes are sniffed and the limits enforced
// before exceljs sees them; every failure becomes one diagnostic naming the file, never a throw.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type ExcelJS from 'exceljs';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { READ_CATALOGUE, type ReadCode } from './read/catalogue.js';
import { formatBytes, LimitError, READ_LIMITS, SheetLimits, sniffBytes } from './sniff.js';
import { unpack, type ZipEntry } from './zip-read.js';
import { needsRewrite, rewritePart } from './exceljs-prep.js';
import { zip, type ZipPart } from './lean/zip.js';
import { libraryReason } from './library-errors.js';
import { noteRead } from './read-hashes.js';

export { libraryReason } from './library-errors.js';
import type { BookLike } from './book.js';
import { parseFastBook } from './fast/xlsx.js';

export { MAX_ROWS, READ_LIMITS } from './sniff.js';

type Failure = { ok: false; diagnostic: Diagnostic };
export type OpenResult = { ok: true; wb: ExcelJS.Workbook } | Failure;

function fail(file: string, code: ReadCode, params: Record<string, string | number> = {}): Failure {
  return { ok: false, diagnostic: makeDiagnostic(READ_CATALOGUE, code, { file }, params) };
}

export type ReadResult = { ok: true; wb: BookLike; engine: 'fast' | 'exceljs' | 'biff' } | Failure;

/**
 * Opens a workbook for reading only: the lean reader (values only, several times faster than
 * exceljs), falling back to exceljs for anything it does not understand; an old binary workbook
 * (.xls/.et, sniffed by its bytes) through biff.ts. Never throws.
 */
export async function openForReading(file: string): Promise<ReadResult> {
  const bytes = readBytes(file);
  if (!bytes.ok) return bytes;
  return openBufferForReading(file, bytes.buf);
}

/** openForReading for bytes already in memory (a workbook about to be written, read back); `file` names them. */
export async function openBufferForReading(file: string, buf: Buffer): Promise<ReadResult> {
  const fast = process.env.SCORE_READER !== 'exceljs';
  // The lean reader unpacks and checks the sheets itself, one at a time (SheetLimits).
  const sniff = sniffBytes(buf, { sheets: !fast });
  if (!sniff.ok && sniff.code === 'READ_OLD_XLS') {
    // An OLE2 file (.xls, .et, whatever its name): read by SheetJS, loaded only now.
    const { readBiff } = await import('./biff.js');
    const r = await readBiff(buf);
    return r.ok ? { ok: true, wb: r.wb, engine: 'biff' } : fail(file, r.code, r.params);
  }
  if (!sniff.ok) return fail(file, sniff.code, sniff.params);
  if (fast) {
    try {
      const entries = new Map(sniff.entries.map((e) => [e.name, e]));
      const limits = new SheetLimits();
      const wb = parseFastBook((name) => {
        const e = entries.get(name);
        if (!e) return undefined;
        const u = limits.unpack(buf, e);
        if (!u.ok) throw new LimitError(u);
        return u.bytes;
      }, limits);
      return { ok: true, wb, engine: 'fast' };
    } catch (err) {
      if (err instanceof LimitError) return fail(file, err.failure.code, err.failure.params);
      // anything else: exceljs reads it (after the full checks), or reports what is wrong in its own words
    }
  }
  const r = await openWorkbookBuffer(file, buf);
  if (!r.ok) return r;
  // exceljs does not keep calcPr's fullCalcOnLoad: read from workbook.xml as the lean reader does.
  const book: BookLike = r.wb;
  book.fullCalcOnLoad = fullCalcOnLoad(buf, sniff.entries);
  return { ok: true, wb: book, engine: 'exceljs' };
}

/** workbook.xml asks Excel to recalculate every formula on opening (calcPr fullCalcOnLoad). */
function fullCalcOnLoad(buf: Buffer, entries: ZipEntry[]): boolean {
  const e = entries.find((x) => x.name === 'xl/workbook.xml');
  const u = e ? unpack(buf, e) : undefined;
  return u?.ok === true && /<(?:[\w.-]+:)?calcPr\b[^>]*\bfullCalcOnLoad=["'](1|true)["']/.test(u.bytes.toString('utf8'));
}

/**
 * The file's bytes, with the folder and size checks on the same open file (one open, no separate
 * stat). Synchronous on purpose: a ledger is well under the size limit and read from the page
 * cache in a fraction of a millisecond, while the promise version took six thread-pool round
 * trips per file (about 0.6 ms of idle per small ledger in a read worker).
 */
function readBytes(file: string): { ok: true; buf: Buffer } | Failure {
  let fd: number | undefined;
  try {
    // A pipe, device or socket named .xlsx is refused by its type before open (open() of a FIFO
    // blocks until a writer comes); opened non-blocking all the same, and its type checked again.
    const type = specialType(statSync(file));
    if (type) return fail(file, 'READ_FILE_UNREADABLE', { why: type });
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    const now = specialType(st);
    if (now) return fail(file, 'READ_FILE_UNREADABLE', { why: now });
    if (st.size > READ_LIMITS.maxFileBytes) {
      return fail(file, 'READ_FILE_TOO_LARGE', { size: formatBytes(st.size), limit: formatBytes(READ_LIMITS.maxFileBytes) });
    }
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break; // the file shrank while being read: what is there is sniffed like any short file
      got += n;
    }
    const read = got === buf.length ? buf : buf.subarray(0, got);
    noteRead(file, read);
    return { ok: true, buf: read };
  } catch (err) {
    // A name that is not UTF-8 (GBK bytes from another system) comes back from the folder listing with
    // U+FFFD in it, and that name opens nothing: said as it is, not as 「文件不存在」.
    if ((err as NodeJS.ErrnoException)?.code === 'ENOENT' && file.includes('\uFFFD')) return fail(file, 'READ_FILE_NAME_ENCODING');
    return fail(file, 'READ_FILE_UNREADABLE', fsReason(err));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Opens a workbook file with exceljs (to write it back); never throws. */
export async function openWorkbook(file: string): Promise<OpenResult> {
  const bytes = readBytes(file);
  return bytes.ok ? openWorkbookBuffer(file, bytes.buf) : bytes;
}

/** Same as openWorkbook for bytes already in memory; `file` names them in diagnostics. */
export async function openWorkbookBuffer(file: string, buf: Buffer): Promise<OpenResult> {
  const sniff = sniffBytes(buf);
  if (!sniff.ok) return fail(file, sniff.code, sniff.params);
  // exceljs is unbounded (20× the XML): what it cannot hold in 512 MB is refused, never an abort.
  const unpacked = sniff.entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (unpacked > READ_LIMITS.maxExcelJsBytes) return fail(file, 'READ_TOO_LARGE_FOR_EXCELJS', { size: formatBytes(unpacked), limit: formatBytes(READ_LIMITS.maxExcelJsBytes) });
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load((sniff.rewrite ? rebuildForExcelJs(buf, sniff.entries) : buf) as unknown as ArrayBuffer);
  } catch (err) {
    return fail(file, 'READ_EXCEL_FAILED', libraryReason(err));
  }
  return { ok: true, wb };
}

/** The zip again with the parts exceljs would misread rewritten (exceljs-prep); only when sniffing found one. */
function rebuildForExcelJs(buf: Buffer, entries: ZipEntry[]): Buffer {
  const parts: ZipPart[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue;
    const u = unpack(buf, e);
    if (!u.ok) return buf; // sniffing unpacked it already: cannot happen
    parts.push({ name: e.name, data: needsRewrite(e.name, u.bytes) ? Buffer.from(rewritePart(e.name, u.bytes.toString('utf8')), 'utf8') : u.bytes });
  }
  return zip(parts);
}

/** Why a path is not a workbook file by its type (READ_FILE_UNREADABLE `why`), or undefined for a regular file. */
function specialType(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'special';
}

/** READ_FILE_UNREADABLE's parameters for a failed open. */
function fsReason(err: unknown): { why: string; code?: string } {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { why: 'EACCES' };
  if (code === 'EISDIR') return { why: 'folder' };
  return code ? { why: code, code } : { why: 'other' };
}
