// Data validation for the template forms: dropdown lists and number ranges. A list that
// does not fit Excel's 255-character limit goes to a hidden `_lists` sheet instead.
import type ExcelJS from 'exceljs';
import { colLetter } from './style.js';

export const LISTS_SHEET = '_lists';
const LIST_LIMIT = 255;

interface DataValidationsDoc {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/** Applies one validation to column `col`, rows from..to (a single sqref range). */
export function validateRange(ws: ExcelJS.Worksheet, col: number, from: number, to: number, validation: ExcelJS.DataValidation): void {
  if (to < from) return;
  const letter = colLetter(col);
  const address = from === to ? `${letter}${from}` : `${letter}${from}:${letter}${to}`;
  (ws as unknown as { dataValidations: DataValidationsDoc }).dataValidations.add(address, validation);
}

/** Unique non-empty values, in first-seen order. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set([...values].map((v) => v.trim()).filter(Boolean))];
}

/**
 * A dropdown of `values`: an inline list when it fits, else a range of the hidden
 * `_lists` sheet (one column per list, its key in row 1). Undefined for no values.
 */
export function listValidation(wb: ExcelJS.Workbook, key: string, values: string[], error: string): ExcelJS.DataValidation | undefined {
  const list = distinct(values);
  if (!list.length) return undefined;
  const inline = list.join(',');
  const fitsInline = inline.length + 2 <= LIST_LIMIT && !list.some((v) => /[,"]/.test(v));
  const base = {
    type: 'list' as const,
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '输入有误',
    error,
  };
  if (fitsInline) return { ...base, formulae: [`"${inline}"`] };
  return { ...base, formulae: [listRange(wb, key, list)] };
}

function listRange(wb: ExcelJS.Workbook, key: string, values: string[]): string {
  const ws = wb.getWorksheet(LISTS_SHEET) ?? wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  let col = 1;
  while (ws.getCell(1, col).value !== null && ws.getCell(1, col).value !== key) col++;
  const letter = colLetter(col);
  ws.getCell(1, col).value = key;
  values.forEach((v, i) => {
    const cell = ws.getCell(i + 2, col);
    cell.numFmt = '@';
    cell.value = v;
  });
  return `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`;
}

/** A decimal between min and max, with a Chinese message naming the limits. */
export function decimalValidation(min: number, max: number, what: string): ExcelJS.DataValidation {
  return {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '分值超出范围',
    error: `${what}只能填 ${min} 到 ${max} 之间的数字`,
  };
}

export function nonNegativeValidation(what: string, whole = false): ExcelJS.DataValidation {
  return {
    type: whole ? 'whole' : 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '输入有误',
    error: `${what}只能填不小于 0 的${whole ? '整数' : '数字'}`,
  };
}

export function dateValidation(start: string, end: string, what: string): ExcelJS.DataValidation {
  return {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`)],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '日期有误',
    error: `${what}应为 ${start} 至 ${end} 之间的日期（格式 2023-03-15）`,
  };
}

/** The hidden `_lists` sheet is created on demand; keep it after the visible sheets. */
export function moveListsLast(wb: ExcelJS.Workbook): void {
  const lists = wb.getWorksheet(LISTS_SHEET);
  if (!lists) return;
  type Ordered = { orderNo: number };
  const max = Math.max(...wb.worksheets.map((w) => (w as unknown as Ordered).orderNo));
  (lists as unknown as Ordered).orderNo = max + 1;
}
