// Writing an output workbook without overwriting (unless --force).
import type ExcelJS from 'exceljs';
import type { Book } from '../excel/lean/book.js';
import { t } from './i18n.js';
import { setExit, EXIT_INPUT } from './exit.js';

/** Saves a workbook (exceljs, or a lean Book for the big outputs); an existing file is kept unless --force (then exit 1 with a note). */
export async function writeOutput(wb: ExcelJS.Workbook | Book, target: string, force: boolean | undefined, written: string[]): Promise<void> {
  const { Book: LeanBook } = await import('../excel/lean/book.js');
  let r;
  if (wb instanceof LeanBook) {
    const { saveBook } = await import('../excel/lean/save.js');
    r = await saveBook(wb, target, { force: Boolean(force) });
  } else {
    const { saveWorkbook } = await import('../excel/write/save.js');
    r = await saveWorkbook(wb, target, { force: Boolean(force) });
  }
  if (r.ok) {
    written.push(target);
    return;
  }
  setExit(EXIT_INPUT);
  if (r.reason === 'exists') process.stderr.write(`${t(`未写出：${target} 已存在。要覆盖请加 --force`, `not written: ${target} exists; use --force to overwrite`)}\n`);
  else process.stderr.write(`${t(`写出 ${target} 失败：${r.message}`, `writing ${target} failed: ${r.message}`)}\n`);
}
