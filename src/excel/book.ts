// The small workbook interface the readers use. Both an exceljs Workbook and the lean
// reader's FastBook satisfy it, so the readers work on either.
import type ExcelJS from 'exceljs';
import type { CellRead } from './cells.js';

export interface CellLike {
  value: ExcelJS.CellValue;
  /** The cell's number format (exceljs cells have it). */
  numFmt?: string;
  isMerged: boolean;
  master: CellLike;
}

export interface RowLike {
  eachCell(opts: { includeEmpty: boolean }, cb: (cell: CellLike, col: number) => void): void;
}

export interface SheetLike {
  name: string;
  state: string;
  rowCount: number;
  findCell(row: number, col: number): CellLike | undefined;
  findRow(row: number): RowLike | undefined;
  /** readCell(findCell(row, col)) without making a cell, where a sheet can do better. */
  read?(row: number, col: number): CellRead;
  /** How many cells a row stores, and the column of the i-th (in order), where a sheet can tell without making cells. */
  cellCount?(row: number): number;
  columnAt?(row: number, i: number): number;
  /** read() of the row's i-th stored cell (columnAt(row, i)), found by its place: no search of the row. */
  readStored?(row: number, i: number): CellRead;
  /** Whether the cell holds a formula (the lean reader tells without making a cell). */
  isFormula?(row: number, col: number): boolean;
  /** [row, col] of places the file gives twice (the lean reader tells; exceljs keeps the later silently). */
  duplicates?: [number, number][];
}

export interface BookLike {
  worksheets: SheetLike[];
  /** The workbook counts days from 1904 (a Mac Excel setting): serials in General-format date fields too. */
  date1904?: boolean;
  /** calcPr fullCalcOnLoad: Excel recalculates every formula on opening, so cached values may be stale. */
  fullCalcOnLoad?: boolean;
}

/** The workbook extensions read (.xlsx, .xlsm, .xls, .et): a file's name without it names a branch or a report. */
export const WORKBOOK_EXT = /\.(xlsx|xlsm|xls|et)$/i;
