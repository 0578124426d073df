// `apply`: the ledger with the approved lines, made with exceljs (which keeps the clerk's formats,
// validations and print setup) and then read back by the grading reader before it is written. A
// ledger exceljs cannot open, or opens differently from the grading reader (a namespace prefix it
// does not follow, rows without r=, over its memory limit), is refused with the reason — never
// reported as entered without a file, never written with a member's rows moved or lost.
import { applyWriteText } from '../read/catalogue.js';
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
  if (!records) return { ok: false, ...applyWriteText('APPLY_NO_RECORD_CELL', {}) };
  const rows = events.length > 0 ? appendEvents(opened.wb, events) : [];
  if (!rows) return { ok: false, ...applyWriteText('APPLY_NO_EVENT_SHEET', {}) };
  const buf = Buffer.from(await opened.wb.xlsx.writeBuffer());
  const back = await openBufferForReading(file, buf);
  if (!back.ok) return { ok: false, ...applyWriteText('APPLY_READ_BACK_FAILED', { whyZh: back.diagnostic.message.zh, whyEn: back.diagnostic.message.en }) };
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
  if (!kept) return { ok: false, ...applyWriteText('APPLY_READ_DIFFERENTLY', {}) };
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
