// `apply`: a copy of the ledger workbook with approved lines appended to 加减分明细.
import type ExcelJS from 'exceljs';
import type { EventRow } from '../../core/model.js';
import { findHeader } from '../header.js';
import { EVENT_COLUMNS } from '../read/tables.js';
import { sheetByName } from '../read/common.js';
import { SHEET_NAMES } from '../read/ledger.js';
import { excelDate, styleCell, TEXT_FMT } from './style.js';

/** What Excel would read as a formula when the text is typed or edited. */
const FORMULA_START = /^[=+\-@]/;
import { fitRows } from './fit-rows.js';
import { compactValidations } from './validation.js';
import { PAGE_FOOTER } from '../page.js';

/** Appends after the last row that has a name or an item; returns the rows written, or undefined without the sheet. */
export function appendEvents(wb: ExcelJS.Workbook, events: (EventRow & { reviewer?: string })[]): number[] | undefined {
  const ws = sheetByName(wb, SHEET_NAMES.events);
  if (!ws) return undefined;
  const h = findHeader(ws, EVENT_COLUMNS, { allowMissing: true });
  if (!h || h.columns.item === undefined || h.columns.name === undefined) return undefined;
  // A ledger made before a column existed gets it, at the end of the header: the lines carry
  // 项目 (highest level only), 分值, and in 依据 the form row they came from (entered once).
  const needed: [string, string, boolean][] = [
    ['project', '项目', events.some((e) => e.project)],
    ['points', '分值', events.some((e) => e.points)],
    ['basis', '依据', events.some((e) => e.basis)],
  ];
  let free = Math.max(...Object.values(h.columns)) + 1;
  while (ws.findCell(h.row, free)?.value) free++;
  for (const [key, header, want] of needed) {
    if (!want || h.columns[key] !== undefined) continue;
    const cell = ws.getCell(h.row, free);
    cell.value = header;
    cell.style = { ...ws.getCell(h.row, h.columns.item).style };
    h.columns[key] = free++;
  }
  let last = h.row;
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const name = ws.findCell(r, h.columns.name)?.value;
    const item = ws.findCell(r, h.columns.item)?.value;
    if ((name !== null && name !== undefined && name !== '') || (item !== null && item !== undefined && item !== '')) last = r;
  }
  const rows: number[] = [];
  events.forEach((ev, i) => {
    const r = last + 1 + i;
    const set = (key: string, v: ExcelJS.CellValue | undefined): void => {
      const c = h.columns[key];
      if (c === undefined || v === undefined) return;
      const cell = ws.getCell(r, c);
      cell.value = v;
      styleCell(cell);
      // Text from a form that starts like a formula (=, +, -, @) is a Text-format cell (@): Excel shows it
      // as text and keeps it text when a clerk edits the cell, so it never becomes a live formula.
      if (typeof v === 'string' && FORMULA_START.test(v)) cell.numFmt = TEXT_FMT;
    };
    set('seq', last - h.row + i + 1);
    set('date', ev.date ? excelDate(ev.date) : undefined);
    if (ev.date && h.columns.date !== undefined) ws.getCell(r, h.columns.date).numFmt = 'yyyy-mm-dd';
    set('name', ev.name);
    set('id', ev.id);
    set('item', ev.item);
    set('level', ev.level);
    set('project', ev.project);
    set('count', ev.count.toNumber());
    set('points', ev.points?.toNumber());
    set('basis', ev.basis);
    set('reviewer', ev.reviewer);
    // Ruled like the rows above: every column of the table, filled or not.
    ws.getRow(h.row).eachCell((_, c) => {
      const cell = ws.getCell(r, c);
      if (cell.value === null || cell.value === undefined) styleCell(cell);
    });
    rows.push(r);
  });
  // The copy prints like the forms score writes: wrapped text fitted (rows only grow), page numbers.
  for (const sheet of wb.worksheets) {
    compactValidations(sheet);
    if (sheet.state !== 'visible') continue;
    fitRows(sheet);
    if (!sheet.headerFooter?.oddFooter) sheet.headerFooter = { ...sheet.headerFooter, oddFooter: PAGE_FOOTER };
  }
  return rows;
}
