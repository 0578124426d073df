// Shared look of every written form: Chinese fonts, thin borders, widths, a merged title,
// a frozen header and A4 print setup with the title rows repeated on each page.
import ExcelJS from 'exceljs';
import { isValidIso } from '../../core/cycle.js';
import { PAGE_FOOTER } from '../page.js';
import { colName } from '../../core/a1.js';

export const FONT_BODY: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
export const FONT_HEADER: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
export const FONT_TITLE: Partial<ExcelJS.Font> = { name: '黑体', size: 16, bold: true };

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

export const DATE_FMT = 'yyyy-mm-dd';
export const TEXT_FMT = '@';

/** Number format for a scheme precision: 0 → "0", 2 → "0.00". */
export function numFmtFor(precision: number): string {
  return precision > 0 ? `0.${'0'.repeat(precision)}` : '0';
}

/** One column of a table: its header, width and how its body cells are formatted. */
export interface Column {
  header: string;
  width?: number;
  /** 'text' keeps IDs and phone numbers as text; 'date' formats as yyyy-mm-dd. */
  type?: 'text' | 'date' | 'number';
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

/** Merged, centred title across columns 1..width of the given row. */
export function writeTitle(ws: ExcelJS.Worksheet, text: string, width: number, row = 1): void {
  if (width > 1) ws.mergeCells(row, 1, row, width);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = FONT_TITLE;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(row).height = 32;
}

/** A plain line under the title (评分时间：…), merged across the width. */
export function writeLine(ws: ExcelJS.Worksheet, row: number, text: string, width: number, align: 'left' | 'right' = 'left'): void {
  if (width > 1) ws.mergeCells(row, 1, row, width);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = FONT_BODY;
  cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
}

export function writeHeader(ws: ExcelJS.Worksheet, row: number, columns: Column[], firstCol = 1): void {
  columns.forEach((col, i) => {
    const cell = ws.getCell(row, firstCol + i);
    cell.value = col.header;
    cell.font = FONT_HEADER;
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (col.width !== undefined) ws.getColumn(firstCol + i).width = col.width;
  });
  ws.getRow(row).height = 30;
}

/** Borders, font and number formats on the body rows from..to (inclusive). */
export function styleBody(ws: ExcelJS.Worksheet, from: number, to: number, columns: Column[], firstCol = 1): void {
  for (let r = from; r <= to; r++) {
    columns.forEach((col, i) => styleCell(ws.getCell(r, firstCol + i), col));
  }
}

export function styleCell(cell: ExcelJS.Cell, col: Column = { header: '' }): void {
  cell.font = FONT_BODY;
  cell.border = BORDER;
  const numFmt = col.numFmt ?? (col.type === 'text' ? TEXT_FMT : col.type === 'date' ? DATE_FMT : undefined);
  if (numFmt) cell.numFmt = numFmt;
  cell.alignment = { horizontal: col.align ?? (col.type === 'number' ? 'right' : 'center'), vertical: 'middle', wrapText: true };
}

/** Frozen rows above `row` (the header stays visible). */
export function freezeBelow(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
}

/** A4, fit to one page wide, title rows repeated on every printed page. */
export function printSetup(ws: ExcelJS.Worksheet, opts: { orientation?: 'portrait' | 'landscape'; titleRows?: number } = {}): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: opts.orientation ?? 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `1:${opts.titleRows ?? 2}`,
  } as ExcelJS.PageSetup;
  ws.headerFooter = { ...ws.headerFooter, oddFooter: PAGE_FOOTER };
}

/** Writes a value as text (IDs, phone numbers: never numbers, never scientific notation). */
export function setText(cell: ExcelJS.Cell, value: string | number | undefined | null): void {
  cell.numFmt = TEXT_FMT;
  cell.value = value === undefined || value === null ? null : String(value);
}

/** A UTC Date for an ISO date (YYYY-MM-DD or YYYY-MM), or undefined when it is neither. */
export function excelDate(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  if (isValidIso(iso)) return new Date(`${iso}T00:00:00Z`);
  const m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return undefined;
}

/** Writes an ISO date as a date cell; text that is not a date stays text. */
export function setDate(cell: ExcelJS.Cell, iso: string | undefined): void {
  const d = excelDate(iso);
  if (d) {
    cell.value = d;
    cell.numFmt = /^\d{4}-\d{2}$/.test(iso ?? '') ? 'yyyy-mm' : DATE_FMT;
  } else if (iso) {
    setText(cell, iso);
  }
}

/** Title + header + styled body rows: the layout shared by most sheets. */
export interface TableLayout {
  title: string;
  columns: Column[];
  /** Rows between the title and the header (e.g. 评分时间). */
  preamble?: string[];
  /** Styled body rows (data or blank). */
  bodyRows: number;
  orientation?: 'portrait' | 'landscape';
}

export interface Table {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** 1-based column number by header text. */
  col: (header: string) => number;
}

export function addTable(wb: ExcelJS.Workbook, sheetName: string, layout: TableLayout, options: Partial<ExcelJS.AddWorksheetOptions> = {}): Table {
  const ws = wb.addWorksheet(sheetName, options);
  const width = layout.columns.length;
  writeTitle(ws, layout.title, width);
  let row = 2;
  for (const line of layout.preamble ?? []) writeLine(ws, row++, line, width);
  const headerRow = row;
  writeHeader(ws, headerRow, layout.columns);
  const firstRow = headerRow + 1;
  const lastRow = headerRow + layout.bodyRows;
  styleBody(ws, firstRow, lastRow, layout.columns);
  freezeBelow(ws, headerRow);
  printSetup(ws, { orientation: layout.orientation, titleRows: headerRow });
  // The whole ruled table prints, filled or blank (LibreOffice prints only up to the last cell with content).
  ws.pageSetup.printArea = `A$1:${colLetter(width)}$${Math.max(lastRow, headerRow)}`; // exceljs adds the column $s
  const index = new Map(layout.columns.map((c, i) => [c.header, i + 1]));
  const col = (header: string): number => {
    const c = index.get(header);
    if (c === undefined) throw new Error(`no column ${header}`);
    return c;
  };
  return { ws, headerRow, firstRow, lastRow, col };
}

/** A1-style column letters of a 1-based column number (core/a1.ts). */
export const colLetter = colName;
