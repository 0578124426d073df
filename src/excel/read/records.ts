// Ledger reader, part 2: the record sheets (1月…12月 / 第一季度…) and the card layout
// (one 积分管理记录表 sheet per member, a row per month). Both give RecordRows.
import type { SheetLike } from '../book.js';
import type { Dec } from '../../core/decimal.js';
import type { RecordRow } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import { eachRead } from '../cells.js';
import { colName } from '../lean/xml.js';
import { findLabelValue, normaliseHeader, stopKind, type ColumnSpec, type HeaderMatch } from '../header.js';
import { COL, ReadContext, RowReader, normaliseSheetName } from './common.js';

const columnsOfScheme = new WeakMap<Scheme, ColumnSpec[]>();

/** `componentId.entryId` and its header labels, for every entry of every recorded component (made once per scheme). */
export function recordedColumns(scheme: Scheme): ColumnSpec[] {
  const known = columnsOfScheme.get(scheme);
  if (known) return known;
  const out: ColumnSpec[] = [];
  columnsOfScheme.set(scheme, out);
  for (const c of scheme.components) {
    if (c.kind !== 'recorded') continue;
    for (const e of c.entries) out.push({ key: `${c.id}.${e.id}`, labels: [e.name, ...e.aliases], required: true });
  }
  return out;
}

/** The entry columns of one component (a score sheet's columns). */
export function componentColumns(c: Scheme['components'][number]): ColumnSpec[] {
  return c.entries.map((e) => ({ key: `${c.id}.${e.id}`, labels: [e.name, ...e.aliases], required: true }));
}

function rowValues(r: RowReader, entries: ColumnSpec[]): Record<string, Dec | null> {
  const values: Record<string, Dec | null> = {};
  for (const e of entries) values[e.key] = r.number(e.key);
  return values;
}

/** Column letters by key of a header, made once per sheet and shared by its rows (see recordCell). */
function columnLetters(h: HeaderMatch): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, col] of Object.entries(h.columns)) out[k] = colName(col);
  return Object.freeze(out);
}

function recordRow(r: RowReader, name: string, period: number, values: Record<string, Dec | null>, columns: Readonly<Record<string, string>>, id: string | undefined): RecordRow {
  const row: RecordRow = { name, period, values, columns, row: r.row, source: r.rowRef() };
  if (id) row.id = id;
  // A 合计 Excel recalculates on opening (fullCalcOnLoad) is not compared: score adds up the entries itself.
  if (!r.has('total') || r.recalculated('total')) return row;
  // A 合计 formula never calculated (a generated template) is simply not there: totals are recomputed.
  const total = r.number('total', { silentNoCache: true });
  if (total) row.writtenTotal = total;
  return row;
}

/** One record sheet: a row per member. */
export function readRecordSheet(ctx: ReadContext, ws: SheetLike, period: number, entries: ColumnSpec[]): RecordRow[] {
  const h = ctx.header(ws, [COL.seq, COL.name, COL.id, ...entries, COL.total, COL.note]);
  if (!h) return [];
  const out: RecordRow[] = [];
  const columns = columnLetters(h);
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    if (name === '' && !id) {
      if (entries.some((e) => r.text(e.key) !== '')) ctx.report('READ_ROW_NO_NAME', r.ref('name'));
      continue;
    }
    out.push(recordRow(r, name, period, rowValues(r, entries), columns, id));
  }
  return out;
}

const CARD_TITLE = '积分管理记录表';

/** A card sheet has 积分管理记录表 in a title cell of its first rows. */
export function isCardSheet(ws: SheetLike): boolean {
  for (let row = 1; row <= 3; row++) {
    let found = false;
    eachRead(ws, row, (c) => (found = c.text.replace(/\s/g, '').includes(CARD_TITLE)));
    if (found) return true;
  }
  return false;
}

/** Month label of a card row: 1月, 1 月, 一月, 1, 第一季度 → the record sheet name it stands for. */
export function periodLabel(text: string): string {
  const t = normaliseHeader(text);
  const cn = '一二三四五六七八九十';
  let m = /^(\d{1,2})月?(份)?$/.exec(t);
  if (m) return `${Number(m[1])}月`;
  m = /^(十[一二]|[一二三四五六七八九十])月(份)?$/.exec(t);
  if (m) {
    const s = m[1]!;
    const n = s.length === 2 ? 10 + cn.indexOf(s[1]!) + 1 : cn.indexOf(s) + 1;
    return `${n}月`;
  }
  return t;
}

/** One member card: 姓名 (and 编号) label cells, then a 月份 header and a row per month. */
export function readCardSheet(ctx: ReadContext, ws: SheetLike, periodNames: string[], entries: ColumnSpec[]): RecordRow[] {
  const monthCol: ColumnSpec = { key: 'month', labels: ['月份', '月度', '时间', '季度'], required: true };
  const h: HeaderMatch | undefined = ctx.header(ws, [monthCol, ...entries, COL.total, COL.note]);
  if (!h) return [];
  const stop = ['编号', '党员编号', '性别', '支部', '所在支部', '党员类别', '年度', '出生年月', '入党时间'];
  const nameCell = findLabelValue(ws, ['姓名', '党员姓名'], 1, h.row - 1, stop);
  if (!nameCell || nameCell.text === '') {
    ctx.report('READ_CARD_NO_NAME', { file: ctx.file, sheet: ws.name, ...(nameCell ? { cell: ctx.ref(ws.name, nameCell.row, nameCell.col).cell } : {}) });
    return [];
  }
  const idCell = findLabelValue(ws, ['编号', '党员编号'], 1, h.row - 1, ['姓名', '党员姓名', ...stop]);
  const id = idCell?.text || undefined;
  const out: RecordRow[] = [];
  const columns = columnLetters(h);
  const wanted = periodNames.map(normaliseSheetName);
  // A card always has one row per month: read to the 合计 or signature row, not to the first blank run
  // (a member who transferred in mid-year leaves the first months empty).
  const last = Math.min(ws.rowCount, h.row + 40);
  for (let row = h.row + 1; row <= last; row++) {
    if (stopKind(ws, row)) break;
    const r = new RowReader(ctx, ws, h, row);
    const label = r.text('month');
    if (label === '') continue;
    const period = wanted.indexOf(normaliseSheetName(periodLabel(label)));
    if (period < 0) {
      ctx.report('READ_BAD_PERIOD', r.ref('month'), { label, expected: `${periodNames[0]}…${periodNames[periodNames.length - 1]}` }, label);
      continue;
    }
    const values = rowValues(r, entries);
    if (Object.values(values).every((x) => x === null) && r.text('total') === '') continue; // a month left empty: no record
    out.push(recordRow(r, nameCell.text, period, values, columns, id));
  }
  return out;
}
