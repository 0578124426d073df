// The small workbook interface the readers use. Both an exceljs Workbook and the lean
// reader's FastBook satisfy it, so the readers work on either.
import type ExcelJS from 'exceljs';

export interface CellLike {
  value: ExcelJS.CellValue;
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
}

export interface BookLike {
  worksheets: SheetLike[];
}
