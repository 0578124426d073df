// Read step, entry point: open an .xlsx safely. The bytes are sniffed and the limits enforced
// before exceljs sees them; every failure becomes one diagnostic naming the file, never a throw.
import { readFile, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { READ_CATALOGUE, type ReadCode } from './read/catalogue.js';
import { formatBytes, READ_LIMITS, sniffBytes } from './sniff.js';

export { MAX_ROWS, READ_LIMITS } from './sniff.js';

export type OpenResult = { ok: true; wb: ExcelJS.Workbook } | { ok: false; diagnostic: Diagnostic };

function fail(file: string, code: ReadCode, params: Record<string, string | number> = {}): OpenResult {
  return { ok: false, diagnostic: makeDiagnostic(READ_CATALOGUE, code, { file }, params) };
}

/** Opens a workbook file; never throws. */
export async function openWorkbook(file: string): Promise<OpenResult> {
  let buf: Buffer;
  try {
    const st = await stat(file);
    if (st.isDirectory()) return fail(file, 'READ_FILE_UNREADABLE', { reason: '这是一个文件夹 / this is a folder' });
    if (st.size > READ_LIMITS.maxFileBytes) {
      return fail(file, 'READ_FILE_TOO_LARGE', { size: formatBytes(st.size), limit: formatBytes(READ_LIMITS.maxFileBytes) });
    }
    buf = await readFile(file);
  } catch (err) {
    return fail(file, 'READ_FILE_UNREADABLE', { reason: fsReason(err) });
  }
  return openWorkbookBuffer(file, buf);
}

/** Same as openWorkbook for bytes already in memory; `file` names them in diagnostics. */
export async function openWorkbookBuffer(file: string, buf: Buffer): Promise<OpenResult> {
  const sniff = sniffBytes(buf);
  if (!sniff.ok) return fail(file, sniff.code, sniff.params);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(file, 'READ_EXCEL_FAILED', { reason: reason.split('\n')[0]!.slice(0, 200) });
  }
  return { ok: true, wb };
}

function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件不存在 / the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限 / permission denied';
  if (code === 'EBUSY') return '文件被其他程序占用 / the file is locked by another program';
  return err instanceof Error ? err.message : String(err);
}
