// Ledger reader: a branch's 积分台账 workbook → the Ledger model with a source cell for every
// value, plus reader-level diagnostics. Sheets are found by name; semantic checks are the core's.
import { WORKBOOK_EXT, type BookLike } from '../book.js';
import { basename } from 'node:path';
import { cycleOf, recordSheetNames } from '../../core/cycle.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Ledger, Member, RecordRow } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import type { SheetLike } from '../book.js';
import { findHeader } from '../header.js';
import { carriesValues, COL, isHidden, looksLikePoints, normaliseSheetName, ReadContext, sameNamedSheets, sheetByName } from './common.js';
import { componentColumns, type CardFound, isCardSheet, periodLabel, readCardSheet, readRecordSheet, readStackedSheet, readYearlySheet, recordedColumns, stackedHeader, titleMonth, yearlyHeader } from './records.js';
import { readInfoSheet, readRoster, type LedgerInfo } from './roster.js';
import { EVENT_COLUMNS, readEvaluations, readEvents, readSanctions } from './tables.js';
import { acceptedRecordNames, SHEETS } from '../../scheme/form.js';

/** The ledger's sheet names and their other spellings (scheme/form.ts). */
export const SHEET_NAMES = SHEETS;

export type LedgerLayout = 'monthly' | 'card' | 'none';

export interface LedgerRead {
  ledger?: Ledger;
  diagnostics: Diagnostic[];
  layout?: LedgerLayout;
}

/** A workbook without a roster is still a ledger when a sheet is named as a month or quarter (一月, 2023.1, 第一季度 …) or is a record card. */
export function hasRecordSheets(wb: BookLike): boolean {
  // The names first: a card is told by reading its first rows, which a ledger with month sheets need not do.
  return wb.worksheets.some(isPeriodNamed) || wb.worksheets.some(isCardSheet);
}

/** A sheet named as a month or quarter (一月, 2023.1, 第一季度 …). */
function isPeriodNamed(ws: SheetLike): boolean {
  return /^(\d{1,2}月|第[一二三四]季度)$/u.test(periodLabel(ws.name));
}

/** Only the 说明 sheet: which scheme and year a ledger declares (to pick the scheme before reading). */
export function readLedgerInfo(file: string, wb: BookLike): LedgerInfo & { diagnostics: Diagnostic[] } {
  const ctx = new ReadContext(file);
  const ws = sheetByName(wb, SHEET_NAMES.info);
  const info = ws ? readInfoSheet(ctx, ws) : { info: {} };
  return { ...info, diagnostics: ctx.diagnostics };
}

/**
 * Reads a ledger. Without a scheme, record sheets are not read (their columns come from the
 * scheme); everything else is. A ledger is returned unless the roster is missing.
 */
export function readLedger(file: string, wb: BookLike, scheme: Scheme | undefined): LedgerRead {
  const ctx = new ReadContext(file, wb);
  const sheetList = wb.worksheets.map((s) => s.name).join('、');
  // Two tabs that read alike (「1月」 and a hidden 「１月」, or an exact duplicate): which one counts is unknown.
  const same = sameNamedSheets(wb);
  for (const g of same) ctx.report('READ_SHEET_SAME_NAME', { file }, { names: g.map((n) => `「${n}」`).join('、') });
  if (same.length > 0) return { diagnostics: ctx.sorted(wb) };
  for (const ws of wb.worksheets) for (const [row, col] of ws.duplicates ?? []) ctx.report('READ_CELL_DUPLICATE', ctx.ref(ws.name, row, col));
  const infoWs = ctx.sheet(wb, SHEET_NAMES.info);
  const info: LedgerInfo = infoWs ? readInfoSheet(ctx, infoWs) : { info: {} };
  if (!infoWs) ctx.report('READ_INFO_MISSING', { file });

  const rosterWs = ctx.sheet(wb, SHEET_NAMES.roster);
  const fromRecords = !rosterWs && scheme !== undefined && scheme.cycle.record !== 'none';
  if (!rosterWs && !fromRecords) {
    ctx.report('READ_SHEET_MISSING', { file }, { sheet: '名册', found: sheetList, accepts: SHEET_NAMES.roster.slice(1).join('、') });
    return { diagnostics: ctx.sorted(wb) };
  }
  let members = rosterWs ? readRoster(ctx, rosterWs) : [];

  const claimed = new Set<SheetLike>(rosterWs ? [rosterWs] : []);
  if (infoWs) claimed.add(infoWs);
  let records: RecordRow[] = [];
  let layout: LedgerLayout = 'none';
  let absent: number[] = [];
  let cards: CardFound | undefined;
  if (scheme && scheme.cycle.record !== 'none') {
    const r = readRecords(ctx, wb, scheme, info.cycleYear, sheetList, rosterWs !== undefined);
    records = r.records;
    layout = r.layout;
    absent = r.absent;
    cards = r.found;
    for (const ws of r.used) claimed.add(ws);
  }

  if (!rosterWs) {
    // No roster: the members are the names of the record sheets, said as a warning (categories and dates unknown).
    if (records.length === 0) {
      ctx.report('READ_SHEET_MISSING', { file }, { sheet: '名册', found: sheetList, accepts: SHEET_NAMES.roster.slice(1).join('、') });
      return { diagnostics: ctx.sorted(wb) };
    }
    members = membersOfRecords(records, scheme!);
    ctx.report('READ_ROSTER_FROM_RECORDS', { file }, { count: members.length, category: members[0]!.category });
  }

  const eventsWs = ctx.sheet(wb, SHEET_NAMES.events);
  const evalWs = ctx.sheet(wb, SHEET_NAMES.evaluations);
  const sanctionWs = ctx.sheet(wb, SHEET_NAMES.sanctions);
  for (const ws of [eventsWs, evalWs, sanctionWs]) if (ws) claimed.add(ws);
  const events = eventsWs ? readEvents(ctx, eventsWs) : [];
  const ledger: Ledger = {
    file,
    branch: info.branch ?? basename(file).replace(WORKBOOK_EXT, ''),
    info: info.info,
    members,
    records,
    events,
    evaluations: evalWs ? readEvaluations(ctx, evalWs) : [],
    sanctions: [...(sanctionWs ? readSanctions(ctx, sanctionWs) : []), ...(cards?.sanctions ?? [])],
  };
  if (cards) cardDetails(members, cards);
  if (scheme && scheme.components.some((c) => c.scoreSheet)) {
    const r = readScoreSheets(ctx, wb, scheme, sheetList);
    ledger.scores = r.rows;
    for (const ws of r.used) claimed.add(ws);
  }
  // The sheets nobody named: an event log under another name is read by its header; any other with points is an error.
  for (const ws of wb.worksheets) {
    if (claimed.has(ws) || isHidden(ws)) continue;
    if (isEventLog(ws)) {
      ctx.report('READ_SHEET_READ_AS', { file, sheet: ws.name }, { sheet: ws.name, form: '加减分明细', labels: eventLabels(ws) });
      events.push(...readEvents(ctx, ws));
    } else if (scheme) unusedPoints(ctx, ws, scheme); // without a scheme the record sheets are not read either
  }
  if (info.schemeId) ledger.schemeId = info.schemeId;
  if (info.cycleYear) ledger.cycleYear = info.cycleYear;
  if (absent.length > 0) ledger.absentRecords = absent;
  if (ctx.unreadRecords.length > 0) ledger.unreadRecords = ctx.unreadRecords;
  ctx.finish();
  return { ledger, diagnostics: ctx.sorted(wb), layout };
}

/**
 * The record sheets. A month sheet that is not there is a month not yet recorded (a clerk adds the
 * sheets as the year goes on): it is listed in `absent`, and the period being checked decides.
 */
function readRecords(ctx: ReadContext, wb: BookLike, scheme: Scheme, year: number | undefined, sheetList: string, reportMissing = true): { records: RecordRow[]; layout: LedgerLayout; absent: number[]; used: SheetLike[]; found?: CardFound } {
  // Sheet names depend on the cycle's start month only, so any year gives them.
  const names = recordSheetNames(cycleOf(year ?? 2000, scheme.cycle), scheme.cycle.record);
  const entries = recordedColumns(scheme);
  if (entries.length === 0) return { records: [], layout: 'none', absent: [], used: [] };
  const { found, reported } = placeRecordSheets(ctx, wb, names, entries);
  const records: RecordRow[] = [];
  if (found.some(Boolean)) {
    const absent: number[] = [];
    // A 扣分项 column in a month sheet names vetoes, as on the card.
    const extras: CardFound = { cards: [], sanctions: [] };
    found.forEach((ws, period) => {
      if (ws) {
        records.push(...readRecordSheet(ctx, ws, period, entries, extras));
        if (ctx.headerFailed(ws.name)) ctx.unreadRecords.push(period);
      } else absent.push(period);
    });
    return { records, layout: 'monthly', absent, used: [...found.filter((ws) => ws !== undefined), ...reported], found: extras };
  }
  // Every month in one sheet, a 月份 column saying which.
  const stacked = wb.worksheets.filter((ws) => !isHidden(ws) && !OTHER_FORMS.has(normaliseSheetName(ws.name)) && !isCardSheet(ws) && stackedHeader(ws, entries));
  if (stacked.length > 0) {
    // Its 扣分项 column names vetoes, as on the card.
    const extras: CardFound = { cards: [], sanctions: [] };
    for (const ws of stacked) records.push(...readStackedSheet(ctx, ws, names, entries, extras));
    const have = new Set(records.map((r) => r.period));
    return { records, layout: 'monthly', absent: names.map((_, i) => i).filter((i) => !have.has(i)), used: stacked, found: extras };
  }
  // One yearly sheet, the months as column groups over their entries.
  for (const ws of wb.worksheets) {
    if (isHidden(ws) || OTHER_FORMS.has(normaliseSheetName(ws.name)) || isCardSheet(ws)) continue;
    const y = yearlyHeader(ws, names, entries);
    if (!y) continue;
    records.push(...readYearlySheet(ctx, ws, y, entries));
    const have = new Set(y.groups.map((g) => g.period));
    return { records, layout: 'monthly', absent: names.map((_, i) => i).filter((i) => !have.has(i)), used: [ws] };
  }
  // Record cards: the visible ones; a hidden card is named and not read (it would count unseen).
  const allCards = wb.worksheets.filter(isCardSheet);
  for (const ws of allCards.filter(isHidden)) ctx.report('READ_SHEET_HIDDEN_SKIPPED', { file: ctx.file, sheet: ws.name });
  const cards = allCards.filter((ws) => !isHidden(ws));
  if (cards.length > 0) {
    const found: CardFound = { cards: [], sanctions: [] };
    for (const ws of cards) records.push(...readCardSheet(ctx, ws, names, entries, found));
    return { records, layout: 'card', absent: [], used: allCards, found };
  }
  // Without a roster either, the missing 名册 is the one message (the workbook is probably not a ledger).
  if (reported.length === 0 && reportMissing) ctx.report('READ_SHEET_MISSING', { file: ctx.file }, { sheet: `${names[0]}…${names[names.length - 1]}`, found: sheetList, accepts: acceptedRecordNames(scheme.cycle.record) });
  return { records, layout: 'none', absent: [], used: reported };
}

/** The members of a ledger without a roster: each name (and 编号) of the record sheets once, in reading order, of the scheme's first category. */
function membersOfRecords(records: RecordRow[], scheme: Scheme): Member[] {
  const category = scheme.categories[0]?.name ?? '';
  const seen = new Map<string, Member>();
  for (const r of records) {
    const key = r.id ?? r.name;
    if (key === '' || seen.has(key)) continue;
    const m: Member = { key, name: r.name, category, participates: true, posts: [], source: r.source };
    if (r.id) m.id = r.id;
    seen.set(key, m);
  }
  return [...seen.values()];
}

/** A card's 身体状况 kept with its member (never published), unless the roster already says it. */
function cardDetails(members: Member[], found: CardFound): void {
  for (const c of found.cards) {
    if (!c.health) continue;
    const m = members.find((x) => (c.id ? x.id === c.id : x.name === c.name));
    if (m && !m.details?.health) m.details = { ...m.details, health: c.health };
  }
}

/** Names never taken for a record sheet (the other forms of the ledger). */
const OTHER_FORMS = new Set([...Object.values(SHEET_NAMES).flat(), '计分标准'].map(normaliseSheetName));

/**
 * The record sheet of each period: by its name (1月), then by any common spelling of it (一月,
 * 1月份, 2023年1月, 2023.1, 2023-01), then a sheet with the record header whose title names the
 * month (Sheet1 titled 「2023年1月党员积分记录」, said as a warning). Two sheets for one period, and a
 * sheet with the record header that cannot be placed, are errors (which one counts is unknown).
 */
function placeRecordSheets(ctx: ReadContext, wb: BookLike, names: string[], entries: ReturnType<typeof recordedColumns>): { found: (SheetLike | undefined)[]; reported: SheetLike[] } {
  const found: (SheetLike | undefined)[] = names.map((n) => ctx.sheet(wb, [n]));
  const wanted = names.map(normaliseSheetName);
  const placed = new Set<SheetLike>(found.filter((ws) => ws !== undefined));
  const reported: SheetLike[] = [];
  const place = (ws: SheetLike, i: number): boolean => {
    const other = found[i];
    if (other) {
      reported.push(ws);
      ctx.report('READ_SHEET_SAME_PERIOD', { file: ctx.file, sheet: ws.name }, { sheet: ws.name, other: other.name, period: names[i] });
      return false;
    }
    found[i] = ws;
    placed.add(ws);
    return true;
  };
  const rest = wb.worksheets.filter((ws) => !placed.has(ws) && !isHidden(ws) && !OTHER_FORMS.has(normaliseSheetName(ws.name)));
  const later: SheetLike[] = [];
  for (const ws of rest) {
    const i = wanted.indexOf(normaliseSheetName(periodLabel(ws.name)));
    if (i >= 0) place(ws, i);
    else later.push(ws);
  }
  for (const ws of later) {
    if (isCardSheet(ws) || stackedHeader(ws, entries) || yearlyHeader(ws, names, entries)) continue;
    const h = findHeader(ws, [COL.name, ...entries]);
    if (!h) continue;
    const label = titleMonth(ws, h.row);
    const i = label === undefined ? -1 : wanted.indexOf(label);
    if (i < 0) {
      reported.push(ws);
      ctx.report('READ_SHEET_UNPLACED', { file: ctx.file, sheet: ws.name }, { sheet: ws.name, names: `${names[0]}…${names[names.length - 1]}`, accepts: acceptedRecordNames(names[0]!.endsWith('季度') ? 'quarter' : 'month') });
      continue;
    }
    if (place(ws, i)) ctx.report('READ_SHEET_READ_AS', { file: ctx.file, sheet: ws.name }, { sheet: ws.name, form: names[i], labels: `写明${names[i]}`, by: 'title' });
  }
  return { found, reported };
}

/** The score sheets (school 基础分评分 …): one row per member, the component's entries as columns. */
function readScoreSheets(ctx: ReadContext, wb: BookLike, scheme: Scheme, sheetList: string): { rows: RecordRow[]; used: SheetLike[] } {
  const out: RecordRow[] = [];
  const used: SheetLike[] = [];
  scheme.components.forEach((c, i) => {
    if (!c.scoreSheet) return;
    const ws = ctx.sheet(wb, [c.scoreSheet]);
    if (!ws) ctx.report('READ_SHEET_MISSING', { file: ctx.file }, { sheet: c.scoreSheet, found: sheetList });
    else {
      used.push(ws);
      out.push(...readRecordSheet(ctx, ws, i, componentColumns(c)));
    }
  });
  return { rows: out, used };
}

const EVENT_POINTS = new Set(['points', 'plus', 'minus', 'level', 'date']);

/** A sheet whose header has 姓名 and 事项 and a points, level or date column: an event log, whatever its name. */
function isEventLog(ws: SheetLike): boolean {
  const h = findHeader(ws, EVENT_COLUMNS);
  return h !== undefined && Object.keys(h.columns).some((k) => EVENT_POINTS.has(k));
}

function eventLabels(ws: SheetLike): string {
  const h = findHeader(ws, EVENT_COLUMNS);
  return h ? [...h.labels.values()].join('、') : '';
}

/** A sheet score does not read with 姓名 and a column that looks like points: an error at that column's header. */
function unusedPoints(ctx: ReadContext, ws: SheetLike, scheme: Scheme): void {
  const h = findHeader(ws, [COL.name]);
  if (!h) return;
  for (const [col, label] of h.labels) {
    if (col === h.columns.name || !looksLikePoints(label) || !carriesValues(ws, h.row, col)) continue;
    const records = scheme.cycle.record === 'none' ? [] : recordSheetNames(cycleOf(2000, scheme.cycle), scheme.cycle.record);
    const range = records.length > 0 ? `${records[0]}…${records[records.length - 1]}` : '记录';
    ctx.report('READ_POINTS_SHEET_UNUSED', ctx.ref(ws.name, h.row, col), { sheet: ws.name, label, records: range }, label);
    return;
  }
}
