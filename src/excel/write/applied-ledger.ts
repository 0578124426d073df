// `apply`: the ledger with the approved lines, made with exceljs (which keeps the clerk's formats,
// validations and print setup) and then read back by the grading reader before it is written. A
// ledger exceljs cannot open, or opens differently from the grading reader (a namespace prefix it
// does not follow, rows without r=, over its memory limit), is refused with the reason — never
// reported as entered without a file, never written with a member's rows moved or lost.
import type ExcelJS from 'exceljs';
import type { EventRow, Ledger } from '../../core/model.js';
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
export async function appliedLedger(file: string, ledger: Ledger, scheme: Scheme, events: (EventRow & { reviewer?: string })[]): Promise<Applied> {
  const opened = await openWorkbook(file);
  if (!opened.ok) return { ok: false, zh: opened.diagnostic.message.zh, en: opened.diagnostic.message.en };
  const rows = appendEvents(opened.wb, events);
  if (!rows) return { ok: false, zh: '写入程序在台账中找不到「加减分明细」表及其“姓名”“事项”表头', en: 'the writer finds no 加减分明细 sheet with 姓名 and 事项 headers in the ledger' };
  const buf = Buffer.from(await opened.wb.xlsx.writeBuffer());
  const back = await openBufferForReading(file, buf);
  if (!back.ok) return { ok: false, zh: `写出的台账无法读回（${back.diagnostic.message.zh}）`, en: `the ledger written cannot be read back (${back.diagnostic.message.en})` };
  const again = readLedger(file, back.wb, scheme).ledger;
  const same = (a: unknown, b: unknown): boolean => content(a) === content(b);
  const kept =
    again !== undefined &&
    same(again.members, ledger.members) &&
    same(again.records, ledger.records) &&
    same(again.evaluations, ledger.evaluations) &&
    same(again.sanctions, ledger.sanctions) &&
    same(again.scores, ledger.scores) &&
    again.events.length === ledger.events.length + events.length &&
    same(again.events.slice(0, ledger.events.length), ledger.events);
  if (!kept) return { ok: false, zh: '写入程序读到的台账与计分时读到的不一致（文件不是 Excel 或 WPS 的常见写法），写出的台账会改动原有内容', en: 'the writer reads the ledger differently from the grading reader (the file is not written as Excel or WPS write it); the new ledger would change its content' };
  return { ok: true, wb: opened.wb, rows };
}
