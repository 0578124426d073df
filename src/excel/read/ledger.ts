// Ledger reader: a branch's 积分台账 workbook → the Ledger model with a source cell for every
// value, plus reader-level diagnostics. Sheets are found by name; semantic checks are the core's.
import { WORKBOOK_EXT, type BookLike } from '../book.js';
import { basename } from 'node:path';
import { cycleOf, recordSheetNames } from '../../core/cycle.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Ledger, RecordRow } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import { isHidden, ReadContext, sameNamedSheets, sheetByName } from './common.js';
import { componentColumns, isCardSheet, readCardSheet, readRecordSheet, recordedColumns } from './records.js';
import { readInfoSheet, readRoster, type LedgerInfo } from './roster.js';
import { readEvaluations, readEvents, readSanctions } from './tables.js';

export const SHEET_NAMES = {
  info: ['说明', '填表说明', '基本信息'],
  roster: ['名册', '党员名册', '花名册'],
  events: ['加减分明细', '加减分明细表', '加分扣分明细', '积分明细'],
  evaluations: ['民主评议', '民主评议表', '民主评议结果'],
  sanctions: ['否决与处分', '否决及处分', '一票否决与处分', '处分'],
} as const;

export type LedgerLayout = 'monthly' | 'card' | 'none';

export interface LedgerRead {
  ledger?: Ledger;
  diagnostics: Diagnostic[];
  layout?: LedgerLayout;
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
  const ctx = new ReadContext(file);
  const sheetList = wb.worksheets.map((s) => s.name).join('、');
  // Two tabs that read alike (「1月」 and a hidden 「１月」, or an exact duplicate): which one counts is unknown.
  const same = sameNamedSheets(wb);
  for (const g of same) ctx.report('READ_SHEET_SAME_NAME', { file }, { names: g.map((n) => `「${n}」`).join('、') });
  if (same.length > 0) return { diagnostics: ctx.sorted(wb) };
  const infoWs = ctx.sheet(wb, SHEET_NAMES.info);
  const info: LedgerInfo = infoWs ? readInfoSheet(ctx, infoWs) : { info: {} };
  if (!infoWs) ctx.report('READ_INFO_MISSING', { file });

  const rosterWs = ctx.sheet(wb, SHEET_NAMES.roster);
  if (!rosterWs) {
    ctx.report('READ_SHEET_MISSING', { file }, { sheet: '名册', found: sheetList });
    return { diagnostics: ctx.sorted(wb) };
  }
  const members = readRoster(ctx, rosterWs);

  let records: RecordRow[] = [];
  let layout: LedgerLayout = 'none';
  let absent: number[] = [];
  if (scheme && scheme.cycle.record !== 'none') {
    const r = readRecords(ctx, wb, scheme, info.cycleYear, sheetList);
    records = r.records;
    layout = r.layout;
    absent = r.absent;
  }

  const eventsWs = ctx.sheet(wb, SHEET_NAMES.events);
  const evalWs = ctx.sheet(wb, SHEET_NAMES.evaluations);
  const sanctionWs = ctx.sheet(wb, SHEET_NAMES.sanctions);
  const ledger: Ledger = {
    file,
    branch: info.branch ?? basename(file).replace(WORKBOOK_EXT, ''),
    info: info.info,
    members,
    records,
    events: eventsWs ? readEvents(ctx, eventsWs) : [],
    evaluations: evalWs ? readEvaluations(ctx, evalWs) : [],
    sanctions: sanctionWs ? readSanctions(ctx, sanctionWs) : [],
  };
  if (scheme && scheme.components.some((c) => c.scoreSheet)) ledger.scores = readScoreSheets(ctx, wb, scheme, sheetList);
  if (info.schemeId) ledger.schemeId = info.schemeId;
  if (info.cycleYear) ledger.cycleYear = info.cycleYear;
  if (absent.length > 0) ledger.absentRecords = absent;
  ctx.finish();
  return { ledger, diagnostics: ctx.sorted(wb), layout };
}

/**
 * The record sheets. A month sheet that is not there is a month not yet recorded (a clerk adds the
 * sheets as the year goes on): it is listed in `absent`, and the period being checked decides.
 */
function readRecords(ctx: ReadContext, wb: BookLike, scheme: Scheme, year: number | undefined, sheetList: string): { records: RecordRow[]; layout: LedgerLayout; absent: number[] } {
  // Sheet names depend on the cycle's start month only, so any year gives them.
  const names = recordSheetNames(cycleOf(year ?? 2000, scheme.cycle), scheme.cycle.record);
  const entries = recordedColumns(scheme);
  if (entries.length === 0) return { records: [], layout: 'none', absent: [] };
  const found = names.map((n) => ctx.sheet(wb, [n]));
  const records: RecordRow[] = [];
  if (found.some(Boolean)) {
    const absent: number[] = [];
    found.forEach((ws, period) => {
      if (ws) records.push(...readRecordSheet(ctx, ws, period, entries));
      else absent.push(period);
    });
    return { records, layout: 'monthly', absent };
  }
  // Record cards: the visible ones; a hidden card is named and not read (it would count unseen).
  const allCards = wb.worksheets.filter(isCardSheet);
  for (const ws of allCards.filter(isHidden)) ctx.report('READ_SHEET_HIDDEN_SKIPPED', { file: ctx.file, sheet: ws.name });
  const cards = allCards.filter((ws) => !isHidden(ws));
  if (cards.length > 0) {
    for (const ws of cards) records.push(...readCardSheet(ctx, ws, names, entries));
    return { records, layout: 'card', absent: [] };
  }
  ctx.report('READ_SHEET_MISSING', { file: ctx.file }, { sheet: `${names[0]}…${names[names.length - 1]}`, found: sheetList });
  return { records, layout: 'none', absent: [] };
}

/** The score sheets (school 基础分评分 …): one row per member, the component's entries as columns. */
function readScoreSheets(ctx: ReadContext, wb: BookLike, scheme: Scheme, sheetList: string): RecordRow[] {
  const out: RecordRow[] = [];
  scheme.components.forEach((c, i) => {
    if (!c.scoreSheet) return;
    const ws = ctx.sheet(wb, [c.scoreSheet]);
    if (!ws) ctx.report('READ_SHEET_MISSING', { file: ctx.file }, { sheet: c.scoreSheet, found: sheetList });
    else out.push(...readRecordSheet(ctx, ws, i, componentColumns(c)));
  });
  return out;
}
