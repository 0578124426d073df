// The form layout of the written workbooks on a lean sheet: a merged title, preamble lines, a
// header row, styled body rows (produced when the book is saved), lines under the table, a frozen
// header and A4 print setup with the rows down to the header repeated — the same look as
// src/excel/write/style.ts gives exceljs sheets.
import type { Book, Row, Sheet, Value } from './book.js';
import type { CellStyle, Font } from './styles.js';
import { rangeRef } from './xml.js';
import { cellPoints, rowHeight, type FitCell } from '../fit.js';
import { PAGE_FOOTER } from '../page.js';

export const FONT_BODY: Font = { name: '宋体', size: 11 };
export const FONT_HEADER: Font = { name: '宋体', size: 11, bold: true };
export const FONT_TITLE: Font = { name: '黑体', size: 16, bold: true };
export const HEADER_FILL = 'FFF2F2F2';
const TEXT_FMT = '@';
const DATE_FMT = 'yyyy-mm-dd';

/** One column of a table (the same shape as style.ts's Column). */
export interface TableColumn {
  header: string;
  width?: number;
  type?: 'text' | 'date' | 'number';
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

/** A body row: its values in column order, or values with the whole row in bold. */
export type BodyRow = readonly Value[] | { cells: readonly Value[]; bold?: boolean };

/** A line under the table, merged across the width. */
export interface TableLine {
  /** Rows below the last body row (1 = right under it). */
  offset: number;
  text: string;
  align?: 'left' | 'right';
  bold?: boolean;
}

export interface TableSpec {
  title: string;
  columns: TableColumn[];
  /** Lines between the title and the header (e.g. 评分时间). */
  preamble?: string[];
  /** Number of styled body rows. */
  bodyRows: number;
  /** The body rows' values, produced when the book is saved; rows past `bodyRows` are ignored, missing ones stay blank. */
  body?: () => Iterable<BodyRow>;
  /** Lines under the table, by ascending offset. */
  after?: TableLine[];
  orientation?: 'portrait' | 'landscape';
  /** Title size in points (16 by default; a 公示 posted on a wall is larger). */
  titleSize?: number;
}

export interface LeanTable {
  sheet: Sheet;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** 1-based column number by header text. */
  col: (header: string) => number;
}

function bodyStyle(col: TableColumn, font: Font): CellStyle {
  const numFmt = col.numFmt ?? (col.type === 'text' ? TEXT_FMT : col.type === 'date' ? DATE_FMT : undefined);
  return { font, border: true, ...(numFmt ? { numFmt } : {}), horizontal: col.align ?? (col.type === 'number' ? 'right' : 'center'), vertical: 'middle', wrap: true };
}

/** Adds a sheet laid out as a form table; returns where its parts are. */
export function addTable(book: Book, sheetName: string, spec: TableSpec): LeanTable {
  return layTable(book, book.addSheet(sheetName), spec);
}

/** Lays a form table out on a sheet of the book (addTable, or a lazy sheet's layout). */
export function layTable(book: Book, sheet: Sheet, spec: TableSpec): LeanTable {
  const width = spec.columns.length;
  const titleFont: Font = spec.titleSize ? { ...FONT_TITLE, size: spec.titleSize } : FONT_TITLE;
  const titleStyle = book.style({ font: titleFont, horizontal: 'center', vertical: 'middle', wrap: true });
  const lineStyle = (align: 'left' | 'right', bold = false): number => book.style({ font: bold ? { ...FONT_BODY, bold: true } : FONT_BODY, horizontal: align, vertical: 'middle', wrap: true });
  const headerStyle = book.style({ font: FONT_HEADER, border: true, fill: HEADER_FILL, horizontal: 'center', vertical: 'middle', wrap: true });
  const plain = spec.columns.map((c) => book.style(bodyStyle(c, FONT_BODY)));
  const bold = spec.columns.map((c) => book.style(bodyStyle(c, FONT_HEADER)));
  const blanks = (first: Value): Value[] => [first, ...new Array<Value>(Math.max(0, width - 1)).fill(null)];

  // Row heights from the text (src/excel/fit.ts): a merged line spans the table, a cell its column.
  const points = spec.columns.map((c) => cellPoints([c.width]));
  const across = cellPoints(spec.columns.map((c) => c.width));
  // Characters that fit on one line of each column even if all are full width: shorter text is not measured.
  const fitCell = (font: Font): number[] => points.map((p) => Math.floor(p / (font.size * (font.bold ? 1.05 : 1))));
  const sure = new Map<Font, number[]>([[FONT_BODY, fitCell(FONT_BODY)], [FONT_HEADER, fitCell(FONT_HEADER)]]);
  const fit = (cells: readonly Value[], font: Font, min?: number): number | undefined => {
    const short = sure.get(font) ?? fitCell(font);
    let fitCells: FitCell[] | undefined;
    for (let i = 0; i < cells.length && i < width; i++) {
      const v = cells[i];
      if (typeof v !== 'string' || v.length <= short[i]! && v.indexOf('\n') < 0) continue;
      (fitCells ??= []).push({ text: v, points: points[i]!, size: font.size, bold: font.bold, wrap: true });
    }
    return fitCells ? rowHeight(fitCells, min) : undefined;
  };
  // A merged line across the table: the first cell holds the text, the others share its style.
  const line = (r: number, text: string, style: number, font: Font = FONT_BODY, min?: number): Row => {
    if (width > 1) sheet.merge(rangeRef(r, 1, r, width));
    const height = rowHeight([{ text, points: across, size: font.size, bold: font.bold, wrap: true }], min) ?? min;
    return { r, cells: blanks(text), style, ...(height ? { height } : {}) };
  };

  sheet.row(line(1, spec.title, titleStyle, titleFont, Math.max(32, Math.round(titleFont.size * 2))));
  let r = 2;
  for (const text of spec.preamble ?? []) sheet.row(line(r++, text, lineStyle('left')));
  const headerRow = r;
  const headers = spec.columns.map((c) => c.header);
  sheet.row({ r: headerRow, cells: headers, style: headerStyle, height: fit(headers, FONT_HEADER, 30) ?? 30 });
  spec.columns.forEach((c, i) => sheet.width(i + 1, c.width));
  const firstRow = headerRow + 1;
  const lastRow = headerRow + spec.bodyRows;
  const count = spec.bodyRows;
  const body = spec.body;
  sheet.rows(function* () {
    let i = 0;
    if (body) {
      for (const b of body()) {
        if (i >= count) break;
        const isArray = Array.isArray(b);
        const cells = (isArray ? b : (b as { cells: readonly Value[] }).cells) as readonly Value[];
        const padded = cells.length >= width ? cells : [...cells, ...new Array<Value>(width - cells.length).fill(null)];
        const isBold = !isArray && (b as { bold?: boolean }).bold === true;
        const height = fit(padded, isBold ? FONT_HEADER : FONT_BODY);
        const row: Row = { r: firstRow + i, cells: padded, style: isBold ? bold : plain };
        if (height) row.height = height;
        yield row;
        i++;
      }
    }
    const empty = new Array<Value>(width).fill(null);
    for (; i < count; i++) yield { r: firstRow + i, cells: empty, style: plain };
  });
  let bottom = lastRow;
  const after = [...(spec.after ?? [])].sort((a, b) => a.offset - b.offset);
  for (const l of after) {
    const at = lastRow + Math.max(1, l.offset);
    if (at <= bottom) continue;
    sheet.row(line(at, l.text, lineStyle(l.align ?? 'left', l.bold), l.bold ? FONT_HEADER : FONT_BODY));
    bottom = at;
  }
  sheet.dimension = rangeRef(1, 1, bottom, Math.max(1, width));
  sheet.frozenRows = headerRow;
  sheet.printTitleRows = headerRow;
  sheet.page = { orientation: spec.orientation ?? 'portrait', paperSize: 9, fitToWidth: true, horizontalCentered: true };
  sheet.footer = PAGE_FOOTER;
  const index = new Map(spec.columns.map((c, i) => [c.header, i + 1]));
  const col = (header: string): number => {
    const c = index.get(header);
    if (c === undefined) throw new Error(`no column ${header}`);
    return c;
  };
  return { sheet, headerRow, firstRow, lastRow, col };
}
