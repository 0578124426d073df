// `score template` also writes the blank 积分申请表 a member fills in to claim points;
// `score apply` reads it back (labels 姓名/所在支部/申报月份, then a table of claims).
import ExcelJS from 'exceljs';
import type { Scheme } from '../../scheme/schema.js';
import {
  BORDER, FONT_BODY, FONT_HEADER, freezeBelow, printSetup, setText, styleBody, styleCell, writeHeader, writeTitle, type Column,
} from './style.js';
import { listValidation, moveListsLast, nonNegativeValidation, validateRange } from './validation.js';
import { itemNames, levelNames } from './scheme-info.js';
import { fitForPrint } from './fit-rows.js';
import { widthFor } from '../fit.js';

export interface ApplicationFormOptions {
  branch?: string;
  name?: string;
  /** 申报月份 as written (2023年3月). */
  month?: string;
}

const COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '申报事项', width: 26, align: 'left' },
  { header: '级别', width: 10 },
  { header: '项目', width: 18, align: 'left' },
  { header: '次数', width: 8, type: 'number' },
  { header: '申报分值', width: 10, type: 'number' },
  { header: '佐证材料', width: 30, align: 'left' },
  { header: '认定分值', width: 10, type: 'number' },
];

const CLAIM_ROWS = 10;
/** Points: about 1 cm, enough to write in by hand. */
const CLAIM_ROW_HEIGHT = 28;
/** Column number (1-based) of a header. */
const col = (header: string): number => COLUMNS.findIndex((c) => c.header === header) + 1;
export const APPLICATION_SHEET = '积分申请表';

/** Recorded entries a member declares on the form (scheme.application.entries: it-bureau 月任务分), by name. */
export function declaredEntries(scheme: Scheme): string[] {
  return (scheme.application?.entries ?? []).flatMap((key) => {
    const [cid, eid] = key.split('.');
    const e = scheme.components.find((c) => c.id === cid)?.entries.find((x) => x.id === eid);
    return e ? [e.name] : [];
  });
}

export function applicationForm(scheme: Scheme, opts: ApplicationFormOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  const ws = wb.addWorksheet(APPLICATION_SHEET);
  const width = COLUMNS.length;
  writeTitle(ws, '党员积分申请表', width);

  // 姓名 | value | 所在支部 | value (2 cells) | 申报月份 | value
  const fields: [string, number, number, string | undefined][] = [
    ['姓名', 1, 2, opts.name],
    ['所在支部', 3, 4, opts.branch],
    ['申报月份', 6, 7, opts.month],
  ];
  ws.mergeCells(2, 4, 2, 5);
  // The month's value spans to the last column, so the row is boxed above 认定分值 too.
  ws.mergeCells(2, 7, 2, width);
  for (const [label, lc, vc, value] of fields) {
    const l = ws.getCell(2, lc);
    l.value = label;
    l.font = FONT_HEADER;
    l.border = BORDER;
    l.alignment = { horizontal: 'center', vertical: 'middle' };
    const v = ws.getCell(2, vc);
    styleCell(v, { header: '', type: 'text' });
    setText(v, value);
  }
  ws.getCell(2, 5).border = BORDER;
  ws.getCell(2, width).border = BORDER;
  ws.getRow(2).height = 26;

  const headerRow = 3;
  writeHeader(ws, headerRow, COLUMNS);
  const first = headerRow + 1;
  const last = headerRow + CLAIM_ROWS;
  styleBody(ws, first, last, COLUMNS);
  for (let r = first; r <= last; r++) {
    ws.getCell(r, 1).value = r - headerRow;
    // Filled in by hand as often as on screen: a row a pen fits in.
    ws.getRow(r).height = CLAIM_ROW_HEIGHT;
  }
  const items = listValidation(wb, '申报事项', [...itemNames(scheme), ...declaredEntries(scheme)], '申报事项请从下拉列表中选择（计分标准中的项目）');
  if (items) validateRange(ws, col('申报事项'), first, last, items);
  const levels = listValidation(wb, '级别', levelNames(scheme), '级别请从下拉列表中选择');
  if (levels) validateRange(ws, col('级别'), first, last, levels);
  validateRange(ws, col('次数'), first, last, nonNegativeValidation('次数'));
  validateRange(ws, col('申报分值'), first, last, nonNegativeValidation('申报分值'));
  validateRange(ws, col('认定分值'), first, last, nonNegativeValidation('认定分值'));

  // The seed's own form may carry a reviewer's opinion before the branch's (it-bureau: 分管领导签注意见).
  const review = scheme.application?.review;
  const reviewLabel = review ? `${review.label}${review.note ? `（${review.note}）` : ''}：` : undefined;
  const labels = ['申报人签字：', ...(reviewLabel ? [reviewLabel] : []), '支委初评：', '审核人：', '日期：'];
  // The labels sit in the 序号 column: wide enough for the longest on one line.
  ws.getColumn(1).width = Math.max(COLUMNS[0]!.width ?? 6, ...labels.map((l) => widthFor(l, FONT_BODY.size ?? 11)));
  labels.forEach((label, i) => {
    const r = last + 2 + i;
    ws.mergeCells(r, 2, r, width);
    const cell = ws.getCell(r, 1);
    cell.value = label;
    cell.font = FONT_BODY;
    cell.alignment = { horizontal: 'right', vertical: 'middle' };
    // 支委初评 takes a sentence or two; the signatures a name.
    ws.getRow(r).height = label === '支委初评：' || label === reviewLabel ? 56 : 32;
  });
  freezeBelow(ws, headerRow);
  printSetup(ws, { titleRows: headerRow });
  moveListsLast(wb);
  fitForPrint(wb);
  return wb;
}
