// Saving a written workbook: to a temporary file in the target folder, then renamed into
// place, so a crash never leaves half a workbook; an existing file is kept unless forced.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';

export type SaveResult =
  | { ok: true; path: string }
  | { ok: false; reason: 'exists'; path: string }
  | { ok: false; reason: 'error'; path: string; message: string };

export interface SaveOptions {
  /** Replace an existing file. */
  force?: boolean;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function saveWorkbook(wb: ExcelJS.Workbook, target: string, options: SaveOptions = {}): Promise<SaveResult> {
  const dir = path.dirname(target);
  if (!options.force && (await exists(target))) return { ok: false, reason: 'exists', path: target };
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true });
    await wb.xlsx.writeFile(tmp);
    if (options.force) {
      await fs.rename(tmp, target);
    } else {
      // link() fails when the target appeared meanwhile: no silent overwrite in a race.
      try {
        await fs.link(tmp, target);
        await fs.unlink(tmp);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          await fs.rm(tmp, { force: true });
          return { ok: false, reason: 'exists', path: target };
        }
        if (await exists(target)) {
          await fs.rm(tmp, { force: true });
          return { ok: false, reason: 'exists', path: target };
        }
        await fs.rename(tmp, target); // file systems without hard links
      }
    }
    return { ok: true, path: target };
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    return { ok: false, reason: 'error', path: target, message: message(err) };
  }
}
