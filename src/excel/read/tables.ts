// Ledger reader, part 3: the event log (加减分明细), 民主评议 and 否决与处分 tables.
import type { SheetLike } from '../book.js';
import { Dec } from '../../core/decimal.js';
import { colName } from '../../core/a1.js';
import type { Evaluation, EventRow, FieldColumns, Sanction } from '../../core/model.js';
import type { HeaderMatch } from '../header.js';
import { putGiven, ReadContext, RowReader, reportUnusedPoints } from './common.js';
import { EVALUATIONS, EVENTS, SANCTIONS } from '../../scheme/form.js';

export const EVENT_COLUMNS = EVENTS;

const ONE = new Dec(1);
const EVENT_FIELDS = ['date', 'item', 'level', 'project', 'count', 'points'] as const;
const EVALUATION_FIELDS = ['good', 'fair', 'poor', 'voters', 'grade', 'score'] as const;
const SANCTION_FIELDS = ['date', 'type', 'note', 'until'] as const;

/**
 * The column letter of each of these fields the header has, one frozen object per sheet: a row keeps
 * its number and this object, and fieldCell() makes a field's cell when a message needs it. An object
 * and six cell addresses for each of a county ledger's 10,000 加减分明细 rows were kept while it was
 * checked and computed.
 */
function fieldColumns(h: HeaderMatch, fields: readonly string[]): FieldColumns {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const col = h.columns[f];
    if (col !== undefined) out[f] = colName(col);
  }
  return Object.freeze(out);
}

export function readEvents(ctx: ReadContext, ws: SheetLike): EventRow[] {
  const h = ctx.header(ws, EVENT_COLUMNS);
  if (!h) return [];
  reportUnusedPoints(ctx, ws, h, EVENT_COLUMNS);
  const out: EventRow[] = [];
  const columns = fieldColumns(h, EVENT_FIELDS);
  for (const row of ctx.rows(ws, h.row)) {
    const e = readEventRow(ctx, new RowReader(ctx, ws, h, row), columns);
    if (e) out.push(e);
  }
  return out;
}

/**
 * One row of 加减分明细; undefined when it names no one and no item. A function of its own: V8
 * compiles it once, and readEvents' loop, compiled on the stack as it runs, stays small (issue 23).
 */
function readEventRow(ctx: ReadContext, r: RowReader, columns: FieldColumns): EventRow | undefined {
  const name = r.text('name');
  const id = r.has('id') ? r.id('id') : undefined;
  const item = r.text('item');
  if (name === '' && !id && item === '') return undefined;
  const e: EventRow = { name, item, count: r.number('count') ?? ONE, source: r.rowRef(), row: r.row, columns };
  putGiven(e, 'date', r.date('date'));
  putGiven(e, 'id', id);
  putGiven(e, 'level', r.optText('level'));
  putGiven(e, 'project', r.optText('project'));
  const points = r.number('points');
  if (points) e.points = points;
  const plus = r.number('plus');
  const minus = r.number('minus');
  if (plus && minus) ctx.report('READ_EVENT_BOTH_SIGNS', r.ref('minus'));
  else if (plus || minus) {
    // The points as the catalogue holds them (a positive unit); the column says which way they go.
    if (!points) e.points = (plus ?? minus)!.abs();
    e.sign = plus ? 'plus' : 'minus';
  }
  putGiven(e, 'basis', r.optText('basis'));
  return e;
}

export const EVALUATION_COLUMNS = EVALUATIONS;

export function readEvaluations(ctx: ReadContext, ws: SheetLike): Evaluation[] {
  const h = ctx.header(ws, EVALUATION_COLUMNS);
  if (!h) return [];
  const out: Evaluation[] = [];
  const columns = fieldColumns(h, EVALUATION_FIELDS);
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    if (name === '' && !id) continue;
    const ev: Evaluation = { name, source: r.rowRef(), row, columns };
    putGiven(ev, 'id', id);
    for (const k of ['good', 'fair', 'poor', 'voters', 'score'] as const) putGiven(ev, k, r.number(k));
    putGiven(ev, 'grade', r.optText('grade'));
    out.push(ev);
  }
  return out;
}

export const SANCTION_COLUMNS = SANCTIONS;

export function readSanctions(ctx: ReadContext, ws: SheetLike): Sanction[] {
  const h = ctx.header(ws, SANCTION_COLUMNS);
  if (!h) return [];
  const out: Sanction[] = [];
  const columns = fieldColumns(h, SANCTION_FIELDS);
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    const type = r.text('type');
    if (name === '' && !id && type === '') continue;
    const s: Sanction = { name, type, source: r.rowRef(), row, columns };
    putGiven(s, 'date', r.date('date'));
    putGiven(s, 'id', id);
    putGiven(s, 'note', r.optText('note'));
    putGiven(s, 'until', r.date('until'));
    out.push(s);
  }
  return out;
}
