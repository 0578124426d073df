// Ledger reader, part 2: the record sheets (1月…12月 / 第一季度…) and the card layout
// (one 积分管理记录表 sheet per member, a row per month). Both give RecordRows.
import type { SheetLike } from '../book.js';
import { ZERO, type Dec } from '../../core/decimal.js';
import type { RecordRow, Sanction, SourceRef } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import { eachRead, readAt } from '../cells.js';
import { colName } from '../../core/a1.js';
import { findHeader, findLabelValue, normaliseHeader, stopKind, type ColumnSpec, type HeaderMatch } from '../header.js';
import { READ_LIMITS } from '../sniff.js';
import { carriesValues, COL, looksLikePoints, ReadContext, RowReader, normaliseSheetName, reportUnusedPoints } from './common.js';
import { CARD_EXTRAS, entryColumn, PERIOD, type FormColumn } from '../../scheme/form.js';

const columnsOfScheme = new WeakMap<Scheme, FormColumn[]>();

/** `componentId.entryId` and its header labels, for every entry of every recorded component (made once per scheme). */
export function recordedColumns(scheme: Scheme): FormColumn[] {
  const known = columnsOfScheme.get(scheme);
  if (known) return known;
  const out: FormColumn[] = [];
  columnsOfScheme.set(scheme, out);
  const parts: ComponentPart[] = [];
  for (const c of scheme.components) {
    if (c.kind !== 'recorded') continue;
    for (const e of c.entries) out.push(entryColumn(c, e));
    parts.push({ id: c.id, name: normaliseHeader(c.name), entries: c.entries.map((e) => e.name), keys: c.entries.map((e) => `${c.id}.${e.id}`) });
  }
  partsOf.set(out, parts);
  return out;
}

interface ComponentPart {
  id: string;
  name: string;
  entries: string[];
  /** `componentId.entryId` of its entries. */
  keys: string[];
}

/** The recorded components behind a list of entry columns (for the message when a sheet has their totals only). */
const partsOf = new WeakMap<ColumnSpec[], ComponentPart[]>();

/** 每月履行党员义务积分, 履行党员义务(40分), 志愿服务岗位 → the component it totals (a label that is the component's name or its start). */
function componentOfLabel(label: string, parts: ComponentPart[]): ComponentPart | undefined {
  const t = label.replace(/^每月/u, '').replace(/(积分|得分|分)$/u, '');
  if (t.length < 4) return undefined;
  return parts.find((p) => p.name === t || p.name.startsWith(t));
}

/** The entry columns of one component (a score sheet's columns). */
export function componentColumns(c: Scheme['components'][number]): FormColumn[] {
  return c.entries.map((e) => entryColumn(c, e));
}

/**
 * A row's values object to start from, one per list of entries: every key present (null) in the
 * entries' order, made by JSON.parse so that a copy of it (`{ ...template }`) holds all its keys in
 * the object itself. Added one by one, keys past the fourth went into a second block: two objects
 * for each of a county ledger's 24,000 rows, kept while the ledger is checked and computed.
 */
const valueTemplates = new WeakMap<readonly ColumnSpec[], Record<string, Dec | null>>();

function valuesTemplate(entries: readonly ColumnSpec[]): Record<string, Dec | null> {
  let t = valueTemplates.get(entries);
  if (!t) valueTemplates.set(entries, (t = JSON.parse(JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, null])))) as Record<string, Dec | null>));
  return t;
}

/** The row's numbers by key; `typed` gets the keys of those typed as text (「8分」: Excel's SUM leaves them out). */
function rowValues(r: RowReader, entries: ColumnSpec[], typed: string[]): Record<string, Dec | null> {
  const values: Record<string, Dec | null> = { ...valuesTemplate(entries) };
  for (const e of entries) {
    const c = r.cell(e.key);
    const v = r.numberIn(e.key, c);
    values[e.key] = v;
    // A number typed as text (「8分」, ８．５: the read keeps its raw text): Excel's SUM leaves it out.
    if (v !== null && c.raw !== undefined) typed.push(e.key);
  }
  return values;
}

/** Column letters by key of a header, made once per sheet and shared by its rows (see recordCell). */
function columnLetters(h: HeaderMatch): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, col] of Object.entries(h.columns)) out[k] = colName(col);
  return Object.freeze(out);
}

/**
 * Whether any of these fields of the row holds something. A function of its own, not a closure over
 * the row in the readers' loops: that would make the engine allocate a scope for every row.
 */
function anyText(r: RowReader, entries: readonly ColumnSpec[]): boolean {
  for (const e of entries) if (r.text(e.key) !== '') return true;
  return false;
}

/** A record row of values read by rowValues (`typed`: its keys typed as text). */
function recordRow(r: RowReader, name: string, period: number, values: Record<string, Dec | null>, typed: string[], columns: Readonly<Record<string, string>>, id: string | undefined, withTotal = true): RecordRow {
  const row: RecordRow = { name, period, values, columns, row: r.row, source: r.rowRef() };
  if (id) row.id = id;
  if (typed.length > 0) row.textKeys = typed;
  // A sheet with a points column score does not read: its 合计 may include it, and 「改正合计」 advice would lead into dropping it.
  // A 合计 Excel recalculates on opening (fullCalcOnLoad) is not compared either: score adds up the entries itself.
  if (!withTotal || !r.has('total') || r.recalculated('total')) return row;
  // A 合计 formula never calculated (a generated template) is simply not there: totals are recomputed.
  const total = r.number('total', { silentNoCache: true });
  if (total) row.writtenTotal = total;
  return row;
}

/**
 * One record sheet: a row per member. A 加分项 / 扣分项 column beside the entries (before or after
 * 合计) is read as on the seed's card (monthExtras): the month's bonus points, a veto type.
 */
export function readRecordSheet(ctx: ReadContext, ws: SheetLike, period: number, entries: ColumnSpec[], found?: CardFound): RecordRow[] {
  // Only a month sheet (found: where its vetoes go) has them; a score sheet's 加分项 stays an error at its header.
  const extra = found ? [CARD_BONUS, CARD_DEDUCTION] : [];
  const full = [COL.seq, COL.name, COL.id, ...entries, ...extra, COL.total, COL.note];
  // A part's total instead of its entries (每月履行党员义务积分): graded from the total, said once per file.
  const fullMatch = findHeader(ws, full);
  const totals = fullMatch ? undefined : partTotalColumns(ws, entries);
  const scoreSpecs = totals?.specs ?? entries;
  const specs = totals ? [COL.seq, COL.name, COL.id, ...scoreSpecs, ...extra, COL.total, COL.note] : full;
  // The header found above is the one to read (no second search of the same rows for the same columns).
  const h = ctx.header(ws, specs, 1, fullMatch);
  if (!h) return [];
  if (totals) ctx.partTotals(ctx.ref(ws.name, h.row, h.columns[totals.parts[0]!]), totals.parts.map((id) => totals.labels[id]!).join('、'));
  const withTotal = !reportUnusedPoints(ctx, ws, h, specs);
  const out: RecordRow[] = [];
  const columns = columnLetters(h);
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    if (name === '' && !id) {
      if (anyText(r, entries)) ctx.report('READ_ROW_NO_NAME', r.ref('name'));
      continue;
    }
    const typed: string[] = [];
    const rec = recordRow(r, name, period, rowValues(r, scoreSpecs, typed), typed, columns, id, withTotal);
    if (totals) rec.parts = totals.parts;
    if (found) monthExtras(ctx, r, rec, readExtras(r), found, '扣分项');
    out.push(rec);
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

const CN_DIGITS = '一二三四五六七八九十';

/** 1, 01, 一, 十二 → 1 … 12; NaN for anything else. */
function monthNumberOf(s: string): number {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (s.length === 2 && s[0] === '十') return 10 + CN_DIGITS.indexOf(s[1]!) + 1;
  return s.length === 1 ? CN_DIGITS.indexOf(s) + 1 || Number.NaN : Number.NaN;
}

const QUARTER_CN = ['一', '二', '三', '四'];
const MONTH_NAME = /^(?:(\d{4})(?:年度?|[.\-/_]))?(\d{1,2}|十[一二]|[一二三四五六七八九十])(?:月份?|月度)?(?:党员)?(?:积分)?(?:表|记录|记录表|台账|积分表)?$/u;
const QUARTER_NAME = /^(?:(\d{4})(?:年度?|[.\-/_])?)?(?:第?([一二三四1-4])季度?|Q([1-4]))(?:积分)?(?:表|记录|记录表)?$/iu;

/**
 * Month or quarter label as a clerk writes it, on a card row or a sheet tab → the record sheet name
 * it stands for: 1月, 1 月, 01, 一月, 1月份, 2023年1月, 2023.1, 2023-01 → 1月; 一季度, 1季度, Q1,
 * 2023年第一季度 → 第一季度. Anything else comes back as it is (normalised).
 */
export function periodLabel(text: string): string {
  const t = normaliseHeader(text);
  let m = MONTH_NAME.exec(t);
  if (m) {
    const n = monthNumberOf(m[2]!);
    // A bare number is a month only on a card row or in a dated name (2023.1), never 13 or 0.
    if (n >= 1 && n <= 12) return `${n}月`;
  }
  m = QUARTER_NAME.exec(t);
  if (m) {
    const q = m[3] ?? m[2]!;
    const i = /\d/.test(q) ? Number(q) - 1 : QUARTER_CN.indexOf(q);
    if (i >= 0) return `第${QUARTER_CN[i]}季度`;
  }
  return t;
}

/** The month a title names (「兰溪村党支部2023年1月党员积分记录」 → 1月), when it names exactly one. */
export function titleMonth(ws: SheetLike, headerRow: number): string | undefined {
  const found = new Set<string>();
  for (let row = 1; row < headerRow; row++) {
    eachRead(ws, row, (c) => {
      const t = normaliseHeader(c.text);
      for (const m of t.matchAll(/(?:\d{4}年)?(\d{1,2}|十[一二]|[一二三四五六七八九十])月(?!度)/gu)) {
        const n = monthNumberOf(m[1]!);
        if (n >= 1 && n <= 12) found.add(`${n}月`);
      }
      for (const m of t.matchAll(/第([一二三四])季度/gu)) found.add(`第${m[1]}季度`);
    });
  }
  return found.size === 1 ? [...found][0] : undefined;
}

const MONTH_COLUMN: ColumnSpec = PERIOD;

/** The header of a sheet holding every month, a row per member and month (月份, 姓名, the entries …); undefined when it is not one. */
export function stackedHeader(ws: SheetLike, entries: ColumnSpec[]): HeaderMatch | undefined {
  return findHeader(ws, [MONTH_COLUMN, COL.name, ...entries]);
}

/**
 * All months stacked in one sheet: a 月份 column says which record period each row is. A 加分项 /
 * 扣分项 column is read as on the card (monthExtras), each row's month from its 月份 cell.
 */
export function readStackedSheet(ctx: ReadContext, ws: SheetLike, periodNames: string[], entries: ColumnSpec[], found?: CardFound): RecordRow[] {
  const specs = [COL.seq, MONTH_COLUMN, COL.name, COL.id, ...entries, CARD_BONUS, CARD_DEDUCTION, COL.total, COL.note];
  const h = ctx.header(ws, specs);
  if (!h) return [];
  const withTotal = !reportUnusedPoints(ctx, ws, h, specs);
  const out: RecordRow[] = [];
  const columns = columnLetters(h);
  const wanted = periodNames.map(normaliseSheetName);
  let period = -1;
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const label = r.text('month');
    // A month written once over its members (a merged 月份 cell) holds for the rows below it.
    if (label !== '') {
      period = wanted.indexOf(normaliseSheetName(periodLabel(label)));
      if (period < 0) ctx.report('READ_BAD_PERIOD', r.ref('month'), { label, expected: `${periodNames[0]}…${periodNames[periodNames.length - 1]}` }, label);
    }
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    if (name === '' && !id) {
      if (anyText(r, entries)) ctx.report('READ_ROW_NO_NAME', r.ref('name'));
      continue;
    }
    if (period < 0) {
      if (label === '') ctx.report('READ_BAD_PERIOD', r.ref('month'), { label, expected: `${periodNames[0]}…${periodNames[periodNames.length - 1]}` }, label);
      continue;
    }
    const typed: string[] = [];
    const rec = recordRow(r, name, period, rowValues(r, entries, typed), typed, columns, id, withTotal);
    monthExtras(ctx, r, rec, readExtras(r), found, '扣分项');
    out.push(rec);
  }
  return out;
}

/** A yearly sheet: the months as column groups (1月 merged over its entries), a row per member. */
export interface YearlyHeader {
  /** The lower header row (the entries); data rows follow. */
  row: number;
  nameCol: number;
  idCol?: number;
  /** Per record period found: the column of each entry key. */
  groups: { period: number; columns: Record<string, number> }[];
}

export function yearlyHeader(ws: SheetLike, periodNames: string[], entries: ColumnSpec[]): YearlyHeader | undefined {
  const wanted = periodNames.map(normaliseSheetName);
  for (let row = 1; row < 10 && row < ws.rowCount; row++) {
    const months: { col: number; period: number }[] = [];
    eachRead(ws, row, (c, col) => {
      const i = wanted.indexOf(normaliseSheetName(periodLabel(c.text)));
      if (i >= 0 && !/^\d+$/.test(c.text.trim())) months.push({ col, period: i });
    });
    if (months.length < 2) continue;
    const below = new Map<number, string>();
    eachRead(ws, row + 1, (c, col) => void below.set(col, normaliseHeader(c.text)));
    const above = new Map<number, string>();
    eachRead(ws, row, (c, col) => void above.set(col, normaliseHeader(c.text)));
    const labelAt = (col: number): string => below.get(col) || above.get(col) || '';
    const find = (spec: ColumnSpec, from: number, to: number): number | undefined => {
      const w = new Set(spec.labels.map(normaliseHeader));
      for (let col = from; col <= to; col++) if (w.has(labelAt(col))) return col;
      return undefined;
    };
    const nameCol = find(COL.name, 1, months[0]!.col - 1);
    if (nameCol === undefined) continue;
    const groups: YearlyHeader['groups'] = [];
    months.forEach((m, k) => {
      const to = (months[k + 1]?.col ?? m.col + 60) - 1;
      const columns: Record<string, number> = {};
      for (const e of entries) {
        const col = find(e, m.col, to);
        if (col !== undefined) columns[e.key] = col;
      }
      if (Object.keys(columns).length === entries.length) groups.push({ period: m.period, columns });
    });
    if (groups.length === 0) continue;
    const h: YearlyHeader = { row: row + 1, nameCol, groups };
    const idCol = find(COL.id, 1, months[0]!.col - 1);
    if (idCol !== undefined) h.idCol = idCol;
    return h;
  }
  return undefined;
}

/** One yearly sheet, the months as column groups: a RecordRow per member and month with any value. */
export function readYearlySheet(ctx: ReadContext, ws: SheetLike, y: YearlyHeader, entries: ColumnSpec[]): RecordRow[] {
  const out: RecordRow[] = [];
  const base = { name: y.nameCol, ...(y.idCol !== undefined ? { id: y.idCol } : {}) };
  const headers = y.groups.map((g) => ({ g, h: { row: y.row, columns: { ...base, ...g.columns }, labels: new Map<number, string>(), missing: [] } as HeaderMatch }));
  const letters = headers.map(({ h }) => columnLetters(h));
  // A points column read by no group (a 加分项 per month, a 全年得分) would be dropped: an error at its label. Totals are recomputed.
  // A 加分项/扣分项 here cannot say its month (the 10-a-year cap, CARD_BONUS_TWICE and a month's veto need it): kind 'yearly' says where it goes.
  const used = new Set([y.nameCol, y.idCol, ...y.groups.flatMap((g) => Object.values(g.columns))]);
  const totals = new Set(COL.total.labels.map(normaliseHeader));
  for (const row of [y.row - 1, y.row]) {
    eachRead(ws, row, (c, col) => {
      const label = normaliseHeader(c.text);
      if (used.has(col) || totals.has(label) || !looksLikePoints(label) || (row === y.row - 1 && readAt(ws, y.row, col).text !== '') || !carriesValues(ws, y.row, col)) return;
      ctx.report('READ_POINTS_COLUMN_UNUSED', ctx.ref(ws.name, row, col), { label, kind: /加分|扣分|减分/u.test(label) ? 'yearly' : 'other', known: entries.map((e) => e.labels[0]).join('、') }, label);
    });
  }
  for (const row of ctx.rows(ws, y.row)) {
    headers.forEach(({ g, h }, k) => {
      const r = new RowReader(ctx, ws, h, row);
      const name = r.text('name');
      const id = r.has('id') ? r.id('id') : undefined;
      if (name === '' && !id) return;
      const typed: string[] = [];
      out.push(recordRow(r, name, g.period, rowValues(r, entries, typed), typed, letters[k]!, id, false));
    });
  }
  return out;
}

/** The card's own columns beside the entries (seed 003 附件2): the month's 加分项 and 扣分项. */
export const CARD_BONUS: ColumnSpec = CARD_EXTRAS[0];
export const CARD_DEDUCTION: ColumnSpec = CARD_EXTRAS[1];

/** Labels of the card's information block (基本情况): never taken for the value of 姓名 or 编号. */
const CARD_LABELS = ['编号', '党员编号', '性别', '支部', '所在支部', '党员类别', '年度', '出生年月', '民族', '学历', '入党时间', '身体状况', '健康状况', '联系电话', '基本情况', '积分情况'];

/**
 * The columns of a card or record sheet that has a part's monthly total instead of its entries (the
 * seed's 附件2: 每月履行党员义务积分, 每月志愿服务岗位贡献积分): for each such part one column keyed by
 * the component id, the other parts by their entries. Undefined when no header row has a part's total.
 */
export function partTotalColumns(ws: SheetLike, entries: ColumnSpec[]): { specs: ColumnSpec[]; parts: string[]; labels: Record<string, string>; row: number; columns: Record<string, number> } | undefined {
  const parts = partsOf.get(entries);
  if (!parts) return undefined;
  for (let row = 1; row <= Math.min(ws.rowCount, READ_LIMITS.headerSearchRows); row++) {
    const found = new Map<string, { label: string; points: boolean; col: number }>();
    eachRead(ws, row, (c, col) => {
      const part = componentOfLabel(normaliseHeader(c.text), parts);
      // 志愿服务岗位 (the posts claimed, text) beside 志愿服务岗位(60分): the label naming points wins.
      const points = /分/u.test(c.text.replace(/^每月/u, ''));
      if (part && (!found.has(part.id) || (points && !found.get(part.id)!.points))) found.set(part.id, { label: c.text, points, col });
    });
    if (found.size === 0) continue;
    const specs: ColumnSpec[] = [];
    const labels: Record<string, string> = {};
    const columns: Record<string, number> = {};
    for (const p of parts) {
      const hit = found.get(p.id);
      if (hit) {
        specs.push({ key: p.id, labels: [hit.label], required: true });
        labels[p.id] = hit.label.trim();
        columns[p.id] = hit.col;
      } else specs.push(...entries.filter((e) => p.keys.includes(e.key)));
    }
    return { specs, parts: [...found.keys()], labels, row, columns };
  }
  return undefined;
}

export interface CardInfo {
  name: string;
  id?: string;
  /** 身体状况 as written on the card (the seed's 附件2 基本情况). */
  health?: string;
  source: SourceRef;
}

/** What the cards hold besides their month rows: each card's 基本情况, and the 扣分项 entries (vetoes). */
export interface CardFound {
  cards: CardInfo[];
  sanctions: Sanction[];
}

/**
 * One member card (seed 003 附件2): 姓名 (and 编号, 身体状况) label cells, then a 月份 header and a
 * row per month. The score columns are the entries, or a part's monthly total where the card has
 * only that (graded from the total, said once per file: READ_PART_TOTALS); 加分项 holds the month's
 * bonus points (no item), 扣分项 a veto type; a 合计 row under the months is checked column by column.
 */
export function readCardSheet(ctx: ReadContext, ws: SheetLike, periodNames: string[], entries: ColumnSpec[], found?: CardFound): RecordRow[] {
  const monthCol = PERIOD;
  const totals = findHeader(ws, [monthCol, ...entries]) ? undefined : partTotalColumns(ws, entries);
  const scoreSpecs = totals?.specs ?? entries;
  const specs = [monthCol, ...scoreSpecs, CARD_BONUS, CARD_DEDUCTION, COL.total, COL.note];
  const h: HeaderMatch | undefined = ctx.header(ws, specs);
  if (!h) return [];
  if (totals) ctx.partTotals(ctx.ref(ws.name, h.row, h.columns[totals.parts[0]!]), totals.parts.map((id) => totals.labels[id]!).join('、'));
  const withTotal = !reportUnusedPoints(ctx, ws, h, specs);
  const nameCell = findLabelValue(ws, ['姓名', '党员姓名'], 1, h.row - 1, CARD_LABELS);
  if (!nameCell || nameCell.text === '') {
    ctx.report('READ_CARD_NO_NAME', { file: ctx.file, sheet: ws.name, ...(nameCell ? { cell: ctx.ref(ws.name, nameCell.row, nameCell.col).cell } : {}) });
    return [];
  }
  const idCell = findLabelValue(ws, ['编号', '党员编号'], 1, h.row - 1, ['姓名', '党员姓名', ...CARD_LABELS]);
  const id = idCell?.text || undefined;
  const health = findLabelValue(ws, ['身体状况', '健康状况'], 1, h.row - 1, ['姓名', '党员姓名', ...CARD_LABELS])?.text || undefined;
  found?.cards.push({ name: nameCell.text, ...(id ? { id } : {}), ...(health ? { health } : {}), source: ctx.ref(ws.name) });
  const out: RecordRow[] = [];
  const columns = columnLetters(h);
  const wanted = periodNames.map(normaliseSheetName);
  const keys = [...scoreSpecs.map((e) => e.key), ...(h.columns.bonus !== undefined ? ['bonus'] : [])];
  const sums = new Map<string, Dec>();
  // A card always has one row per month: read to the 合计 or signature row, not to the first blank run
  // (a member who transferred in mid-year leaves the first months empty).
  const last = Math.min(ws.rowCount, h.row + 40);
  for (let row = h.row + 1; row <= last; row++) {
    const stop = stopKind(ws, row);
    if (stop === 'total') checkTotalRow(ctx, ws, h, row, keys, sums, out.length);
    if (stop) break;
    const r = new RowReader(ctx, ws, h, row);
    const label = r.text('month');
    if (label === '') continue;
    const period = wanted.indexOf(normaliseSheetName(periodLabel(label)));
    if (period < 0) {
      ctx.report('READ_BAD_PERIOD', r.ref('month'), { label, expected: `${periodNames[0]}…${periodNames[periodNames.length - 1]}` }, label);
      continue;
    }
    const typed: string[] = [];
    const values = rowValues(r, scoreSpecs, typed);
    const extras = readExtras(r);
    const { bonus, deduction } = extras;
    for (const k of keys) {
      const v = k === 'bonus' ? bonus : values[k];
      if (v) sums.set(k, (sums.get(k) ?? ZERO).plus(v));
    }
    if (Object.values(values).every((x) => x === null) && r.text('total') === '' && !bonus && deduction === '') continue; // a month left empty: no record
    const rec = recordRow(r, nameCell.text, period, values, typed, columns, id, withTotal);
    if (totals) rec.parts = totals.parts;
    monthExtras(ctx, r, rec, extras, found, '记录卡扣分项');
    out.push(rec);
  }
  return out;
}

interface MonthExtras {
  bonus: Dec | null;
  deduction: string;
}

/** A card row's or month sheet row's 加分项 (points) and 扣分项 (text), where the sheet has them. */
function readExtras(r: RowReader): MonthExtras {
  return { bonus: r.has('bonus') ? r.number('bonus') : null, deduction: r.has('deduction') ? r.text('deduction') : '' };
}

/** The month's 加分项 and 扣分项 onto its record (a card row or a month sheet row: one reading for both). */
function monthExtras(ctx: ReadContext, r: RowReader, rec: RecordRow, extras: MonthExtras, found: CardFound | undefined, note: string): void {
  if (extras.bonus && !extras.bonus.isZero()) rec.bonus = extras.bonus;
  if (extras.deduction !== '') cardDeduction(ctx, r, rec, extras.deduction, found, note);
}

/**
 * The 扣分项 cell of a card month: the seed's 扣分项 is 一票否决 (年度积分为零), so the cell names
 * the type (违反法律法规 …), read as a 否决与处分 row of that month; a number cannot say which veto
 * and is an error at the cell (a 0 is nothing to deduct).
 */
function cardDeduction(ctx: ReadContext, r: RowReader, rec: RecordRow, text: string, found: CardFound | undefined, note: string): void {
  const place = r.ref('deduction');
  if (/^[+-]?\d+(?:\.\d+)?分?$/u.test(text.normalize('NFKC').trim())) {
    if (Number(text.normalize('NFKC').replace(/分$/u, '')) !== 0) ctx.report('READ_CARD_DEDUCTION_POINTS', place, { found: text }, text);
    return;
  }
  const sanction: Sanction = { name: rec.name, type: text, period: rec.period, note: `${rec.source.sheet ?? ''}${note}`, source: place, cells: { type: place.cell! } };
  if (rec.id) sanction.id = rec.id;
  found?.sanctions.push(sanction);
}

/** The 合计 row under a card's months: each filled cell must be the sum of the months above it (an error at the cell). */
function checkTotalRow(ctx: ReadContext, ws: SheetLike, h: HeaderMatch, row: number, keys: string[], sums: Map<string, Dec>, months: number): void {
  const r = new RowReader(ctx, ws, h, row);
  for (const k of keys) {
    const found = r.number(k, { silentNoCache: true });
    if (!found) continue;
    const want = sums.get(k) ?? ZERO;
    if (found.equals(want)) continue;
    const mean = months > 0 ? want.dividedBy(months).toDecimalPlaces(2).toString() : '0';
    ctx.report('READ_CARD_TOTAL_ROW', r.ref(k), { found: found.toString(), want: want.toString(), mean, label: h.labels.get(h.columns[k]!) ?? k }, found.toString());
  }
}
