// Saving a written workbook: to a temporary file in the target folder, then renamed into
// place, so a crash never leaves half a workbook; an existing file is kept unless forced.
// The mechanism is shared with the lean writer (src/excel/lean/save.ts).
import type ExcelJS from 'exceljs';
import { saveAtomically, type SaveOptions, type SaveResult } from '../lean/save.js';

export type { SaveOptions, SaveResult };

export function saveWorkbook(wb: ExcelJS.Workbook, target: string, options: SaveOptions = {}): Promise<SaveResult> {
  return saveAtomically(target, options, (tmp) => wb.xlsx.writeFile(tmp));
}
