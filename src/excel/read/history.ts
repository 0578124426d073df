// History reader: earlier cycles' 评定结果 workbooks → HistoryEntry[] for the consecutive-year
// rules. Tolerant: any sheet with 姓名 and a total column counts; the year comes from the title.
import type { BookLike, SheetLike } from '../book.js';
import { basename } from 'node:path';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { HistoryEntry } from '../../core/model.js';
import { eachRead } from '../cells.js';
import { findHeader, type ColumnSpec } from '../header.js';
import { ReadContext, RowReader, sheetByName } from './common.js';
import { readInfoSheet } from './roster.js';

const COLUMNS: ColumnSpec[] = [
  { key: 'name', labels: ['姓名', '党员姓名'], required: true },
  { key: 'id', labels: ['编号', '党员编号'] },
  { key: 'branch', labels: ['支部', '所在支部', '党支部'] },
  { key: 'total', labels: ['合计得分', '总分', '积分', '合计', '总积分', '年度积分'], required: true },
  { key: 'grade', labels: ['等次', '评定等次', '评定结果'] },
];

const OVERVIEW = /总览|概况|汇总|统计|说明/;

/** The cycle named in a title: 2022年度 → 2022; 2021—2022年度 → 2022 (a cycle is named by its end year). */
export function yearInText(text: string): number | undefined {
  const t = text.normalize('NFKC');
  const range = /(\d{4})\s*[-—–~至到]\s*(\d{4})\s*年度?/.exec(t);
  if (range) return Number(range[2]);
  const m = /(\d{4})\s*年度/.exec(t) ?? /(\d{4})\s*年/.exec(t);
  return m ? Number(m[1]) : undefined;
}

export interface HistoryRead {
  entries: HistoryEntry[];
  diagnostics: Diagnostic[];
}

export function readHistory(file: string, wb: BookLike): HistoryRead {
  const ctx = new ReadContext(file, wb);
  const infoWs = sheetByName(wb, ['说明']);
  const workbookYear = (infoWs ? readInfoSheet(new ReadContext(file), infoWs).cycleYear : undefined) ?? titleYear(wb) ?? yearInText(basename(file));
  const entries: HistoryEntry[] = [];
  const seen = new Set<string>();
  for (const ws of wb.worksheets) {
    if (ws === infoWs) continue;
    const h = findHeader(ws, COLUMNS);
    if (!h) continue;
    const cycle = sheetTitleYear(ws, h.row) ?? workbookYear;
    if (cycle === undefined) {
      ctx.report('READ_HISTORY_NO_YEAR', { file, sheet: ws.name });
      continue;
    }
    const branchFromSheet = OVERVIEW.test(ws.name) ? undefined : ws.name.trim();
    for (const row of ctx.rows(ws, h.row)) {
      const r = new RowReader(ctx, ws, h, row);
      const name = r.text('name');
      if (name === '') continue;
      const total = r.number('total');
      if (!total) continue;
      const e: HistoryEntry = { cycle, name, total };
      const branch = r.optText('branch') ?? branchFromSheet;
      if (branch) e.branch = branch;
      const id = r.has('id') ? r.id('id') : undefined;
      if (id) e.id = id;
      const grade = r.optText('grade');
      if (grade) e.grade = grade;
      const key = `${cycle}|${e.branch ?? ''}|${e.id ?? e.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push(e);
    }
  }
  return { entries, diagnostics: ctx.sorted(wb) };
}

function sheetTitleYear(ws: SheetLike, headerRow: number): number | undefined {
  for (let row = 1; row < headerRow; row++) {
    let year: number | undefined;
    eachRead(ws, row, (c) => (year = yearInText(c.text)) !== undefined);
    if (year !== undefined) return year;
  }
  return undefined;
}

function titleYear(wb: BookLike): number | undefined {
  for (const ws of wb.worksheets) {
    const y = sheetTitleYear(ws, 4);
    if (y !== undefined) return y;
  }
  return undefined;
}
