// Row heights of an exceljs sheet from what its cells hold (src/excel/fit.ts does the measuring):
// wrapped text grows its row; merged cells measure across their columns. Heights only grow.
import type ExcelJS from 'exceljs';
import { cellPoints, DEFAULT_HEIGHT, fitsOneLine, rowHeight, type FitCell } from '../fit.js';
import { PAGE_FOOTER } from '../page.js';

interface Span {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Merged ranges by master address (exceljs keeps them in `_merges`). */
function merges(ws: ExcelJS.Worksheet): Map<string, Span> {
  const raw = (ws as unknown as { _merges?: Record<string, { model: Span }> })._merges ?? {};
  return new Map(Object.entries(raw).map(([address, range]) => [address, range.model]));
}

/** A cell's text as printed (numbers, dates and formula results included). */
function shownText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return '0000-00-00';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return shownText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return '';
}

/** Grows rows from..to of the sheet to fit their wrapped text. */
export function fitRows(ws: ExcelJS.Worksheet, from = 1, to = ws.rowCount): void {
  const spans = merges(ws);
  const widths = (left: number, right: number): (number | undefined)[] => {
    const out: (number | undefined)[] = [];
    for (let c = left; c <= right; c++) out.push(ws.getColumn(c).width);
    return out;
  };
  for (let r = from; r <= to; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cells: FitCell[] = [];
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      const text = shownText(cell.value);
      if (!text) return;
      const span = spans.get(cell.address);
      if (span && span.bottom > span.top) return; // a block over several rows keeps its heights
      const col = Number(cell.col);
      const points = cellPoints(widths(col, span ? span.right : col));
      const size = cell.font?.size ?? 11;
      const bold = cell.font?.bold === true;
      let wrap = cell.alignment?.wrapText === true;
      // A merged cell clips what does not fit its columns (a workbook from elsewhere, an older
      // template): it is wrapped, so every word prints.
      if (!wrap && span && span.right > span.left && !fitsOneLine(text, points, size, bold)) {
        cell.alignment = { ...cell.alignment, wrapText: true };
        wrap = true;
      }
      cells.push({ text, points, size, bold, wrap });
    });
    const need = rowHeight(cells, row.height ?? DEFAULT_HEIGHT);
    if (need !== undefined) row.height = need;
  }
}

/** Every visible sheet of the workbook: rows fitted, and the page-number footer where none is set. */
export function fitForPrint(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    fitRows(ws);
    if (!ws.headerFooter?.oddFooter) ws.headerFooter = { ...ws.headerFooter, oddFooter: PAGE_FOOTER };
  }
}
