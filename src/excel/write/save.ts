// Saving a written workbook: to a temporary file in the target folder, then renamed into
// place, so a crash never leaves half a workbook; an existing file is kept unless forced.
// The mechanism is shared with the lean writer (src/excel/lean/save.ts).
import type ExcelJS from 'exceljs';
import { saveAtomically, type SaveOptions, type SaveResult } from '../lean/save.js';
import { cellText, EXCEL_CELL_CHARS } from '../lean/xml.js';

export type { SaveOptions, SaveResult };

export function saveWorkbook(wb: ExcelJS.Workbook, target: string, options: SaveOptions = {}): Promise<SaveResult> {
  clampTexts(wb);
  return saveAtomically(target, options, (tmp) => wb.xlsx.writeFile(tmp));
}

/** Every text cell within Excel's 32,767 characters (cellText), as the lean writer does. */
function clampTexts(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string' && c.value.length > EXCEL_CELL_CHARS) c.value = cellText(c.value);
      }),
    ),
  );
}
