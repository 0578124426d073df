// The ledger form is stated once (src/scheme/form.ts) and both sides take it from there: for every
// built-in scheme, every header the template writes is read back as the column the form says, every
// spelling the reader accepts lands on that same column (and on no other), and the template writes
// exactly the form's columns, in its order, with a formula only where the form says the clerk types nothing.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findHeader, normaliseHeader } from '../../src/excel/header.js';
import { COL, sheetByName } from '../../src/excel/read/common.js';
import { SHEET_NAMES } from '../../src/excel/read/ledger.js';
import { ROSTER_COLUMNS } from '../../src/excel/read/roster.js';
import { EVALUATION_COLUMNS, EVENT_COLUMNS, SANCTION_COLUMNS } from '../../src/excel/read/tables.js';
import { SHEET } from '../../src/excel/write/template.js';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { recordedColumns as writerEntries } from '../../src/excel/write/scheme-info.js';
import { recordedColumns as readerEntries, componentColumns } from '../../src/excel/read/records.js';
import { openBufferForReading } from '../../src/excel/workbook.js';
import type { BookLike, SheetLike } from '../../src/excel/book.js';
import { cycleOf, recordSheetNames } from '../../src/core/cycle.js';
import { builtinIds } from '../../src/scheme/builtins.js';
import { loadScheme } from '../../src/scheme/load.js';
import type { Scheme } from '../../src/scheme/schema.js';
import { cardTable, COMMON, EVALUATIONS, EVENTS, headerOf, PERIOD, recordTable, ROSTER, SANCTIONS, SHEETS, written, type FormColumn } from '../../src/scheme/form.js';

const IDS = builtinIds();

function scheme(id: string): Scheme {
  const r = loadScheme(id);
  if (!r.ok) throw new Error(id);
  return r.scheme;
}

/** The template of a scheme, saved and opened again by the product's own reader (the lean one). */
async function written_(s: Scheme, layout: 'monthly' | 'card'): Promise<BookLike> {
  const wb = ledgerTemplate(s, { branch: '第一支部', year: 2023, layout, roster: [{ key: '张三', name: '张三', category: s.categories[0]!.name, participates: true, posts: [], source: { file: 'x' } }] });
  const r = await openBufferForReading(`${s.id}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
  if (!r.ok) throw new Error(`${s.id}: ${r.diagnostic.code}`);
  return r.wb;
}

/** The tables of a scheme's ledger: the sheet the template writes them to and their form columns (all, read-only ones too). */
function tables(s: Scheme, book: BookLike, layout: 'monthly' | 'card'): { name: string; ws: SheetLike | undefined; table: readonly FormColumn[]; headerRow?: number }[] {
  const entries = readerEntries(s);
  const records = recordSheetNames(cycleOf(2023, s.cycle), s.cycle.record);
  const out: { name: string; ws: SheetLike | undefined; table: readonly FormColumn[]; headerRow?: number }[] = [
    // The column lists the readers pass to their header search (read/roster.ts, read/tables.ts).
    { name: '名册', ws: sheetByName(book, SHEET_NAMES.roster), table: ROSTER_COLUMNS },
    { name: '加减分明细', ws: sheetByName(book, SHEET_NAMES.events), table: EVENT_COLUMNS },
    { name: '民主评议', ws: sheetByName(book, SHEET_NAMES.evaluations), table: EVALUATION_COLUMNS },
    { name: '否决与处分', ws: sheetByName(book, SHEET_NAMES.sanctions), table: SANCTION_COLUMNS },
  ];
  if (entries.length > 0 && layout === 'monthly') for (const n of records) out.push({ name: n, ws: sheetByName(book, [n]), table: recordTable(entries) });
  if (entries.length > 0 && layout === 'card') out.push({ name: '张三', ws: sheetByName(book, ['张三']), table: cardTable(entries), headerRow: 5 });
  for (const c of s.components) if (c.scoreSheet) out.push({ name: c.scoreSheet, ws: sheetByName(book, [c.scoreSheet]), table: recordTable(componentColumns(c)) });
  return out;
}

/** A one-sheet workbook in memory with a title row and `labels` as its header (row 2). */
function headerSheet(labels: string[]): SheetLike {
  const ws = new ExcelJS.Workbook().addWorksheet('表');
  ws.getCell(1, 1).value = '某支部党员积分记录';
  labels.forEach((l, i) => {
    ws.getCell(2, i + 1).value = l;
  });
  return ws as unknown as SheetLike;
}

function hasFormula(ws: SheetLike, row: number, col: number): boolean {
  if (ws.isFormula) return ws.isFormula(row, col);
  const v = ws.findCell(row, col)?.value;
  return typeof v === 'object' && v !== null && 'formula' in v;
}

describe.each(IDS.map((id) => ({ id })))('the ledger form of $id', ({ id }) => {
  const s = scheme(id);
  const books: Partial<Record<'monthly' | 'card', BookLike>> = {};
  beforeAll(async () => {
    books.monthly = await written_(s, 'monthly');
    books.card = await written_(s, 'card');
  });

  it.each([{ layout: 'monthly' as const }, { layout: 'card' as const }])('$layout template: each table has exactly the form columns the scheme needs, in order, and the reader finds each where it is written', ({ layout }) => {
    const book = books[layout]!;
    let checked = 0;
    for (const { name, ws, table, headerRow } of tables(s, book, layout)) {
      const want = table.filter((c) => written(c, s));
      // A sheet the scheme does not need is not written at all (民主评议, 否决与处分 …).
      if (!ws) continue;
      const row = headerRow ?? 2;
      const got: string[] = [];
      for (let col = 1; col <= 60; col++) {
        const t = ws.findCell(row, col)?.value;
        if (typeof t === 'string' && t !== '') got.push(t);
      }
      expect(got, `${name} header`).toEqual(want.map(headerOf));
      const h = findHeader(ws, table);
      expect(h?.row, `${name}: header row`).toBe(row);
      expect(h!.missing, name).toEqual([]);
      const where = Object.fromEntries(want.map((c, i) => [c.key, i + 1]));
      expect(h!.columns, `${name}: every written column read as its key`).toEqual(where);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('the template writes a formula exactly in the columns the form marks as not typed (合计), on a record sheet and a card', () => {
    let checked = 0;
    for (const layout of ['monthly', 'card'] as const) {
      for (const { ws, table, headerRow } of tables(s, books[layout]!, layout)) {
        if (!ws || !table.includes(COMMON.total)) continue;
        const row = (headerRow ?? 2) + 1;
        table.filter((c) => written(c, s)).forEach((c, i) => {
          const isFormula = hasFormula(ws, row, i + 1);
          expect(isFormula, `${ws.name} ${headerOf(c)}`).toBe(c.input === false);
          checked++;
        });
      }
    }
    // A scheme without recorded entries has no record sheet: nothing is typed there to check.
    if (readerEntries(s).length === 0 && !s.components.some((c) => c.scoreSheet)) expect(checked).toBe(0);
    else expect(checked).toBeGreaterThan(0);
  });

  it('every spelling the reader accepts for a column is read as that column, and takes no other', () => {
    const entries = readerEntries(s);
    const all: [string, readonly FormColumn[]][] = [
      ['名册', ROSTER],
      ['加减分明细', EVENTS],
      ['民主评议', EVALUATIONS],
      ['否决与处分', SANCTIONS],
      ...(entries.length ? ([['记录表', recordTable(entries)], ['记录卡', cardTable(entries)], ['全年一张表', [COMMON.seq, PERIOD, COMMON.name, COMMON.id, ...entries, COMMON.total, COMMON.note]]] as [string, readonly FormColumn[]][]) : []),
    ];
    let checked = 0;
    for (const [name, table] of all) {
      // No spelling belongs to two columns of one table.
      const owner = new Map<string, string>();
      for (const c of table)
        for (const l of c.labels) {
          const k = normaliseHeader(l);
          expect(owner.get(k) ?? c.key, `${name}: 「${l}」`).toBe(c.key);
          owner.set(k, c.key);
        }
      const base = table.map(headerOf);
      table.forEach((c, i) => {
        for (const l of c.labels) {
          const h = findHeader(headerSheet(base.map((b, j) => (j === i ? l : b))), table);
          expect(h?.columns, `${name}: 「${l}」 for ${c.key}`).toEqual(Object.fromEntries(table.map((x, j) => [x.key, j + 1])));
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('the writer and the reader take the entry columns from the same definition', () => {
    const w = writerEntries(s).map((e) => e.column);
    const r = readerEntries(s);
    expect(w.map((c) => [c.key, c.labels, c.header])).toEqual(r.map((c) => [c.key, c.labels, (c as FormColumn).header]));
    for (const c of w) expect(c.labels.map(normaliseHeader)).toContain(normaliseHeader(headerOf(c)));
  });
});

describe('the ledger form: one definition', () => {
  it('the readers search for exactly the form\'s tables and sheet names, and the template writes the first name of each', () => {
    expect(ROSTER_COLUMNS).toBe(ROSTER);
    expect(EVENT_COLUMNS).toBe(EVENTS);
    expect(EVALUATION_COLUMNS).toBe(EVALUATIONS);
    expect(SANCTION_COLUMNS).toBe(SANCTIONS);
    expect(COL).toBe(COMMON);
    expect(SHEET_NAMES).toBe(SHEETS);
    expect(SHEET).toEqual({ info: SHEETS.info[0], roster: SHEETS.roster[0], events: SHEETS.events[0], evaluation: SHEETS.evaluations[0], sanctions: SHEETS.sanctions[0] });
  });
});

describe('the ledger form: sheet names', () => {
  it.each(Object.entries(SHEETS).flatMap(([kind, names]) => names.map((name) => ({ kind, name }))))('a $kind sheet named 「$name」 is found as one', ({ kind, name }) => {
    const book = { worksheets: [{ name: `${name} `, state: 'visible' } as unknown as SheetLike] };
    expect(sheetByName(book, SHEETS[kind as keyof typeof SHEETS])?.name).toBe(`${name} `);
  });

  it('the template names its sheets with the first name of each', async () => {
    const s = scheme('township');
    const wb = ledgerTemplate(s, { branch: '第一支部', year: 2023 });
    const names = wb.worksheets.map((w) => w.name);
    for (const k of ['info', 'roster', 'events', 'sanctions'] as const) expect(names).toContain(SHEETS[k][0]);
  });
});
