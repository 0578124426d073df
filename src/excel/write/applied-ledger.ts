// `apply`: the ledger with the approved lines, made with exceljs (which keeps the clerk's formats,
// validations and print setup) and then read back by the grading reader before it is written. A
// ledger exceljs cannot open, or opens differently from the grading reader (a namespace prefix it
// does not follow, rows without r=, over its memory limit), is refused with the reason — never
// reported as entered without a file, never written with a member's rows moved or lost.
import type ExcelJS from 'exceljs';
import type { RecordFill } from '../../core/check/claims.js';
import { dec, sum } from '../../core/decimal.js';
import type { EventRow, Ledger, RecordRow } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import { readLedger } from '../read/ledger.js';
import { openBufferForReading, openWorkbook } from '../workbook.js';
import { appendEvents } from './append-events.js';

export type Applied = { ok: true; wb: ExcelJS.Workbook; rows: number[] } | { ok: false; zh: string; en: string };

/** What a ledger holds, without where it was read from (cells move when lines are appended). */
function content(x: unknown): string {
  return JSON.stringify(x, (k, v: unknown) => (k === 'source' || k === 'file' || k === 'row' || k === 'columns' ? undefined : v));
}

/** The ledger workbook with `events` appended to 加减分明细, checked by reading it back; or why it cannot be. */
export async function appliedLedger(file: string, ledger: Ledger, scheme: Scheme, events: (EventRow & { reviewer?: string })[], fills: readonly RecordFill[] = []): Promise<Applied> {
  const opened = await openWorkbook(file);
  if (!opened.ok) return { ok: false, zh: opened.diagnostic.message.zh, en: opened.diagnostic.message.en };
  const records = fillRecords(opened.wb, ledger.records, fills);
  if (!records) return { ok: false, zh: '写入程序在台账中找不到要填写的月表单元格', en: 'the writer finds no record cell to fill in the ledger' };
  const rows = events.length > 0 ? appendEvents(opened.wb, events) : [];
  if (!rows) return { ok: false, zh: '写入程序在台账中找不到「加减分明细」表及其“姓名”“事项”表头', en: 'the writer finds no 加减分明细 sheet with 姓名 and 事项 headers in the ledger' };
  const buf = Buffer.from(await opened.wb.xlsx.writeBuffer());
  const back = await openBufferForReading(file, buf);
  if (!back.ok) return { ok: false, zh: `写出的台账无法读回（${back.diagnostic.message.zh}）`, en: `the ledger written cannot be read back (${back.diagnostic.message.en})` };
  const again = readLedger(file, back.wb, scheme).ledger;
  const same = (a: unknown, b: unknown): boolean => content(a) === content(b);
  const kept =
    again !== undefined &&
    same(again.members, ledger.members) &&
    same(again.records, records) &&
    same(again.evaluations, ledger.evaluations) &&
    same(again.sanctions, ledger.sanctions) &&
    same(again.scores, ledger.scores) &&
    again.events.length === ledger.events.length + events.length &&
    same(again.events.slice(0, ledger.events.length), ledger.events);
  if (!kept) return { ok: false, zh: '写入程序读到的台账与计分时读到的不一致（文件不是 Excel 或 WPS 的常见写法），写出的台账会改动原有内容', en: 'the writer reads the ledger differently from the grading reader (the file is not written as Excel or WPS write it); the new ledger would change its content' };
  return { ok: true, wb: opened.wb, rows };
}

/**
 * Declared entries (scheme.application.entries) into their record cells, and the row's 合计 (a formula
 * gets its new cached result, a typed number the new sum). Returns the records as they should read
 * back, or undefined when a cell is not in the workbook.
 */
function fillRecords(wb: ExcelJS.Workbook, records: readonly RecordRow[], fills: readonly RecordFill[]): RecordRow[] | undefined {
  const out = [...records];
  for (const f of fills) {
    const i = out.indexOf(f.row);
    const ws = f.row.source.sheet ? wb.getWorksheet(f.row.source.sheet) : undefined;
    const col = f.row.columns?.[f.key];
    if (i < 0 || !ws || col === undefined || f.row.row === undefined) return undefined;
    ws.getCell(`${col}${f.row.row}`).value = f.value.toNumber();
    const values = { ...out[i]!.values, [f.key]: dec(f.value.toString()) };
    const next: RecordRow = { ...out[i]!, values };
    const totalCol = f.row.columns?.total;
    if (totalCol !== undefined) {
      const cell = ws.getCell(`${totalCol}${f.row.row}`);
      const total = sum(Object.values(values).filter((v) => v !== null)).toNumber();
      const v = cell.value;
      if (typeof v === 'number') cell.value = total;
      else if (v && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula, result: total } as ExcelJS.CellFormulaValue;
      else if (v && typeof v === 'object' && 'sharedFormula' in v) cell.value = { sharedFormula: v.sharedFormula, result: total } as ExcelJS.CellSharedFormulaValue;
      if (typeof cell.value === 'number' || (cell.value && typeof cell.value === 'object' && 'result' in cell.value)) next.writtenTotal = dec(total);
    }
    out[i] = next;
  }
  return out;
}
