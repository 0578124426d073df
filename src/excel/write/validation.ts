// Data validation for the template forms: dropdown lists and number ranges. A list that
// does not fit Excel's 255-character limit goes to a hidden `_lists` sheet instead.
import type ExcelJS from 'exceljs';
import { colLetter } from './style.js';
import { colNumber } from '../../core/a1.js';

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

/**
 * Rewrites a sheet's validations as one range per run of equal cells in a column. exceljs reads
 * `D3:D42` as forty cells and, saving them again, emits overlapping `D10:D42` and `D3:D42`
 * (its merge sorts addresses as text); ranges given as keys are written as they are.
 */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  const doc = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations;
  const cells = new Map<string, { col: string; row: number; v: ExcelJS.DataValidation; key: string }>();
  const keyOf = new Map<ExcelJS.DataValidation, string>();
  const put = (col: string, row: number, v: ExcelJS.DataValidation): void => {
    let key = keyOf.get(v);
    if (key === undefined) keyOf.set(v, (key = JSON.stringify(v)));
    cells.set(`${col}${row}`, { col, row, v, key });
  };
  for (const [address, v] of Object.entries(doc.model)) {
    if (!v) continue;
    for (const part of address.split(/\s+/)) {
      const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(part);
      if (!m) continue;
      const [c1, c2] = [colNumber(m[1]!), colNumber(m[3] ?? m[1]!)];
      const [r1, r2] = [Number(m[2]), Number(m[4] ?? m[2])];
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) put(colLetter(c), r, v);
    }
  }
  const sorted = [...cells.values()].sort((a, b) => colNumber(a.col) - colNumber(b.col) || a.row - b.row);
  const model: Record<string, ExcelJS.DataValidation> = {};
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.col === first.col && sorted[j]!.row === sorted[j - 1]!.row + 1 && sorted[j]!.key === first.key) j++;
    const last = sorted[j - 1]!;
    model[last.row === first.row ? `${first.col}${first.row}` : `${first.col}${first.row}:${last.col}${last.row}`] = first.v;
    i = j;
  }
  doc.model = model;
}
