// Read step, entry point: open an .xlsx safely. The bytes are sniffed and the limits enforced
// before exceljs sees them; every failure becomes one diagnostic naming the file, never a throw.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { READ_CATALOGUE, type ReadCode } from './read/catalogue.js';
import { formatBytes, LimitError, READ_LIMITS, SheetLimits, sniffBytes } from './sniff.js';
import type { BookLike } from './book.js';
import { parseFastBook } from './fast/xlsx.js';

export { MAX_ROWS, READ_LIMITS } from './sniff.js';

type Failure = { ok: false; diagnostic: Diagnostic };
export type OpenResult = { ok: true; wb: ExcelJS.Workbook } | Failure;

function fail(file: string, code: ReadCode, params: Record<string, string | number> = {}): Failure {
  return { ok: false, diagnostic: makeDiagnostic(READ_CATALOGUE, code, { file }, params) };
}

export type ReadResult = { ok: true; wb: BookLike; engine: 'fast' | 'exceljs' } | Failure;

/**
 * Opens a workbook for reading only: the lean reader (values only, several times faster than
 * exceljs), falling back to exceljs for anything it does not understand. Never throws.
 */
export async function openForReading(file: string): Promise<ReadResult> {
  const bytes = readBytes(file);
  if (!bytes.ok) return bytes;
  const buf = bytes.buf;
  const fast = process.env.SCORE_READER !== 'exceljs';
  // The lean reader unpacks and checks the sheets itself, one at a time (SheetLimits).
  const sniff = sniffBytes(buf, { sheets: !fast });
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
  return r.ok ? { ok: true, wb: r.wb, engine: 'exceljs' } : r;
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
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return fail(file, 'READ_FILE_UNREADABLE', { reason: FOLDER });
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
    return { ok: true, buf: got === buf.length ? buf : buf.subarray(0, got) };
  } catch (err) {
    return fail(file, 'READ_FILE_UNREADABLE', { reason: fsReason(err) });
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
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(file, 'READ_EXCEL_FAILED', { reason: reason.split('\n')[0]!.slice(0, 200) });
  }
  return { ok: true, wb };
}

const FOLDER = '这是一个文件夹 / this is a folder';

function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件不存在 / the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限 / permission denied';
  if (code === 'EISDIR') return FOLDER;
  if (code === 'EBUSY') return '文件被其他程序占用 / the file is locked by another program';
  return err instanceof Error ? err.message : String(err);
}
