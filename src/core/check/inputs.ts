// Step "check", part 2: inputs a rule needs that are missing or entered twice — a 民主评议 that
// weighs in the total (R5/R6/R7), a 项目 on a highest-level-only award (R3), a deduction typed
// into a month sheet and also logged as an event (R1). Pure; called by validateLedger.
import type { Component, Scheme } from '../../scheme/schema.js';
import { type Catalogue, catalogueOf, evaluationGrades, type MemberIndex, type Resolved } from '../catalogue.js';
import { cyclePeriod, monthIndexOf, recordSheetNames, type Cycle, type Period } from '../cycle.js';
import { compare, dec, sum, times, ZERO, type Dec } from '../decimal.js';
import type { ArgsOf } from '../diagnostics.js';
import type { CHECK_MESSAGES, CheckCode } from '../messages.js';
import { fieldCell, recordCell, type Evaluation, type EventRow, type Ledger, type Member, type SourceRef } from '../model.js';
import { countsIn } from '../rules/components.js';
import { eventUnitPoints } from '../rules/events.js';
import { onRollIn, transferredBy } from '../rules/roll.js';
import { sortUnlessOrdered } from '../order.js';
import { norm } from '../text.js';

/** Adds a diagnostic of the check step: a code of CHECK_MESSAGES with that entry's parameters. */
export type Add = <K extends CheckCode>(code: K, place: SourceRef, params?: ArgsOf<(typeof CHECK_MESSAGES)[K]>, value?: unknown) => void;

/** A row that names no member: unknown (`unknownCode`), a name shared by several, or a name and a 编号 of two members. */
export function unmatched(add: Add, r: Resolved, unknownCode: 'RECORD_UNKNOWN_MEMBER' | 'EVENT_UNKNOWN_MEMBER' | 'EVAL_UNKNOWN_MEMBER' | 'SANCTION_UNKNOWN_MEMBER', place: SourceRef, name: string, guess?: string): void {
  const c = r.conflict;
  if (!c) {
    // `guess`: the roster name one character away (是不是「胡林文」？, see validate.ts nearMember).
    add(r.ambiguous ? 'RECORD_AMBIGUOUS' : unknownCode, place, { name, ...(guess && !r.ambiguous ? { guess } : {}) }, name);
    return;
  }
  add('RECORD_NAME_ID_MISMATCH', place, { name: c.name, id: c.id, idName: c.byId?.name, otherName: c.byName?.name, otherId: c.byName?.id }, `${c.name} / ${c.id}`);
}

/**
 * The member a per-member row (a score sheet's, a 评分汇总表's) belongs to, once: an unknown name is
 * RECORD_UNKNOWN_MEMBER and a second row of the same member RECORD_DUPLICATE_ROW (undefined for both).
 */
export function firstRowMember(index: MemberIndex, seen: Map<string, SourceRef>, r: { name: string; id?: string; source: SourceRef }, sheet: string, add: Add): Member | undefined {
  const found = index.resolve(r.name, r.id);
  const member = found.member;
  if (!member) {
    unmatched(add, found, 'RECORD_UNKNOWN_MEMBER', r.source, r.name);
    return undefined;
  }
  const first = seen.get(member.key);
  if (first) {
    add('RECORD_DUPLICATE_ROW', r.source, { name: member.name, sheet, first: `${first.sheet ?? ''} ${first.cell ?? ''}`.trim() }, r.name);
    return undefined;
  }
  seen.set(member.key, r.source);
  return member;
}

const pctText = (w: number): string => `${dec(w).times(100).toString()}%`;

/** Whether an evaluation row gives the component a value (votes, a typed score, or a grade it maps). */
function givesValue(c: Component, e: Evaluation): boolean {
  if (c.votes && (e.good || e.fair || e.poor)) return true;
  if (e.score) return true;
  return Boolean(c.gradePoints && e.grade && c.gradePoints[e.grade.trim()] !== undefined);
}

/**
 * 民主评议 the cycle total needs (EVAL_MISSING): every evaluation component that weighs in the
 * total (weight ≠ 0) and the conversion by 评议等次 (R7). Only members of graded categories: an
 * ungraded one (入党积极分子 are not evaluated with the party members) keeps the 缺少民主评议 flag,
 * and so does a member who transferred out before the cycle's end (not there at the year-end 评议).
 */
export function checkEvaluations(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, add: Add, period: Period = cyclePeriod(cycle)): void {
  const weighing = scheme.components.filter((c) => c.kind === 'evaluation' && c.weight !== 0 && countsIn(c, period.kind));
  const factors = period.kind === 'cycle' ? scheme.conversion?.factors : undefined;
  if (weighing.length === 0 && !factors) return;
  const cat = catalogueOf(scheme);
  const known = evaluationGrades(scheme);
  const byMember = new Map<string, Evaluation>();
  for (const e of ledger.evaluations) {
    const { member } = index.resolve(e.name, e.id);
    if (member) byMember.set(member.key, e);
  }
  for (const mem of ledger.members) {
    if (!mem.participates || transferredBy(mem, period) || !onRollIn(mem, cycle, period)) continue;
    const category = cat.category(mem.category);
    if (!category || !category.scored || !category.graded) continue;
    const e = byMember.get(mem.key);
    // An unknown 评议等次 is already an error of its own (EVAL_BAD_GRADE).
    if (e?.grade && known.length > 0 && !known.includes(e.grade.trim())) continue;
    const missing: string[] = [];
    for (const c of weighing) {
      if (!e || !givesValue(c, e)) missing.push(`「${c.name}」（按 ${pctText(c.weight)} 计入总分）`);
    }
    if (factors && !(e?.grade && factors[e.grade.trim()] !== undefined)) missing.push(`评议等次（年度积分按等次折算：${Object.entries(factors).map(([g, f]) => `${g} ${pctText(f)}`).join('、')}）`);
    if (missing.length === 0) continue;
    const how = [
      weighing.some((c) => c.votes) ? '好、一般、差的票数' : '',
      weighing.length > 0 ? '评议得分' : '',
      known.length > 0 ? `评议等次（${known.join('、')}）` : '',
    ].filter(Boolean).join('，或');
    add('EVAL_MISSING', e?.source ?? mem.source, { name: mem.name, what: missing.join('；'), how });
  }
}

/**
 * R3 needs the 项目 (EVENT_NO_PROJECT): a highest-level-only row with a blank 项目 when the member
 * has another row of the same item (or group) in the cycle — one 项目 counts once, two count twice,
 * and only the clerk knows which. A single row needs no 项目. Category items (highestPer) ignore it.
 */
export function checkProjects(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  const rows = new Map<string, EventRow[]>();
  for (const ev of ledger.events) {
    const item = cat.item(ev.item);
    if (!item?.highestOnly || item.highestPer === 'category') continue;
    if (!ev.date || monthIndexOf(cycle, ev.date) < 0) continue;
    const { member } = index.resolve(ev.name, ev.id);
    if (!member) continue;
    const k = `${member.key}\u0000${item.group ?? item.id}`;
    const list = rows.get(k);
    if (list) list.push(ev);
    else rows.set(k, [ev]);
  }
  for (const list of rows.values()) {
    if (list.length < 2) continue;
    for (const ev of list) {
      if (ev.project) continue;
      const item = cat.item(ev.item)!;
      add('EVENT_NO_PROJECT', ev.source, { name: ev.name, item: item.name, count: list.length });
    }
  }
}

/**
 * One deduction counted twice (DEDUCTION_TWICE, a warning at both cells). "The same deduction" is
 * decided as: the same member, the same recorded entry (学习教育 …) and the same record period (the
 * month or quarter of the event's date), where the period's sheet holds less than the entry's full
 * points AND 加减分明细 logs a deduction aimed at that entry in that period. The engine subtracts the
 * event from the typed value, so a shortfall already typed in is taken off again.
 */
export function checkDoubleDeductions(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, add: Add): void {
  if (scheme.cycle.record === 'none') return;
  const entries: RecordedEntries = new Map();
  for (const c of scheme.components) {
    if (c.kind !== 'recorded') continue;
    for (const e of c.entries) entries.set(`${c.id}.${e.id}`, { comp: c, max: dec(e.max), name: e.name });
  }
  if (entries.size === 0) return;
  const aimed = aimedDeductions(scheme, ledger, cycle, index, entries);
  if (aimed.size === 0) return;
  const sheets = recordSheetNames(cycle, scheme.cycle.record);
  // The entries as a list, in the scheme's order: a row's look-up walks it without an iterator per row.
  const list = [...entries];
  const resolved = index.resolveRows(ledger.records);
  for (let i = 0; i < ledger.records.length; i++) {
    const { member } = resolved[i]!;
    // Members and periods with no aimed event need no look-up per entry.
    const byEntry = member ? aimed.get(member.key)?.get(ledger.records[i]!.period) : undefined;
    if (byEntry) checkAimedRow(ledger.records[i]!, byEntry, list, sheets, add);
  }
}

type RecordedEntry = { comp: Component; max: Dec; name: string };
type RecordedEntries = Map<string, RecordedEntry>;
type AimedGroup = { key: string; period: number; events: { ev: EventRow; points: Dec }[] };

/**
 * The deductions of 加减分明细 aimed at a recorded entry, by member key, then period, then entry key:
 * a record looks its member and period up once, with no string key made. Functions of their own, not
 * one long one: V8 compiles each once, and the loops it compiles on the stack stay small (issue 23).
 */
function aimedDeductions(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, entries: RecordedEntries): Map<string, Map<number, Map<string, AimedGroup>>> {
  const cat = catalogueOf(scheme);
  const aimed = new Map<string, Map<number, Map<string, AimedGroup>>>();
  for (const ev of ledger.events) {
    const item = cat.item(ev.item);
    if (!item?.entry || item.points === undefined || !ev.date) continue;
    const key = `${item.component}.${item.entry}`;
    if (!entries.has(key)) continue;
    const month = monthIndexOf(cycle, ev.date);
    if (month < 0) continue;
    const { member } = index.resolve(ev.name, ev.id);
    if (!member) continue;
    const period = scheme.cycle.record === 'quarter' ? Math.floor(month / 3) : month;
    let byPeriod = aimed.get(member.key);
    if (!byPeriod) aimed.set(member.key, (byPeriod = new Map()));
    let byEntry = byPeriod.get(period);
    if (!byEntry) byPeriod.set(period, (byEntry = new Map()));
    let g = byEntry.get(key);
    if (!g) byEntry.set(key, (g = { key, period, events: [] }));
    g.events.push({ ev, points: item.zeroes ? ZERO : times(dec(item.points), ev.count) });
  }
  return aimed;
}

/** A record row with deductions aimed at its entries in its period: each entry typed below its full points, said at both places. */
function checkAimedRow(r: Ledger['records'][number], byEntry: Map<string, AimedGroup>, entries: readonly [string, RecordedEntry][], sheets: string[], add: Add): void {
  for (let i = 0; i < entries.length; i++) {
    // Read by index, not destructured: array destructuring runs the iterator protocol until V8 optimises it.
    const key = entries[i]![0];
    const entry = entries[i]![1];
    const g = byEntry.get(key);
    if (!g) continue;
    const v = r.values[key];
    if (v === null || v === undefined || compare(v, entry.max) >= 0) continue;
    const logged = sum(g.events.map((x) => x.points));
    const params: ArgsOf<(typeof CHECK_MESSAGES)['DEDUCTION_TWICE']> = {
      name: r.name,
      sheet: sheets[r.period],
      entry: entry.name,
      found: v.toString(),
      max: entry.max.toString(),
      short: entry.max.minus(v).toString(),
      items: [...new Set(g.events.map((x) => x.ev.item))].join('、'),
      logged: logged.toString(),
    };
    add('DEDUCTION_TWICE', recordCell(r, key), params, v.toString());
    for (const { ev } of g.events) add('DEDUCTION_TWICE', ev.source, params, ev.item);
  }
}

/** 加减分明细 rows in date order (a function of the module: V8 keeps its compiled code between ledgers). */
function byRowDate(a: EventRow, b: EventRow): number {
  return a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0;
}

/**
 * Rows the engine counts less than they say, said at the row (never silently): a member's second
 * row of one shared 项目 (R19: a contributor is paid once per 项目, EVENT_SPLIT_AGAIN) and the rows
 * of a per-cycle item beyond its cap (township 经济发展 2 分 a year: ITEM_CAP_EXCEEDED).
 */
export function checkOncePerMember(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  const splitSeen = new Map<string, EventRow>();
  const used = new Map<string, Dec>();
  const rows: EventRow[] = [];
  for (const ev of ledger.events) if (ev.date !== undefined && monthIndexOf(cycle, ev.date) >= 0) rows.push(ev);
  sortUnlessOrdered(rows, byRowDate);
  const once: OnceChecks = { cat, index, splitSeen, used, add };
  for (let i = 0; i < rows.length; i++) checkOnceRow(rows[i]!, once);
}

/** What checkOnceRow needs of checkOncePerMember, kept across the rows (the rows seen, the points used). */
interface OnceChecks {
  cat: Catalogue;
  index: MemberIndex;
  splitSeen: Map<string, EventRow>;
  used: Map<string, Dec>;
  add: Add;
}

/** One 加减分明细 row, in date order: a second row of the member's shared 项目, or a row past its item's cap per cycle. */
function checkOnceRow(ev: EventRow, once: OnceChecks): void {
  const { cat, index, splitSeen, used, add } = once;
  const item = cat.item(ev.item);
  if (!item) return;
  const { member } = index.resolve(ev.name, ev.id);
  if (!member) return;
  if (item.split) {
    const k = `${item.id}\u0000${norm(ev.project ?? ev.item)}\u0000${member.key}`;
    const first = splitSeen.get(k);
    if (first) add('EVENT_SPLIT_AGAIN', fieldCell(ev, 'project'), { name: ev.name, item: item.name, project: ev.project ?? '（空）', first: first.source.cell ?? '' }, ev.project);
    else splitSeen.set(k, ev);
  }
  if (item.cap !== undefined) {
    const unit = eventUnitPoints(cat, item, ev);
    // A row already wrong on its own (次数 not a whole number, 分值 outside its range) is not counted here too.
    if (!unit || !ev.count.isInteger() || ev.count.isNegative() || (item.range && (unit.lt(item.range.min) || unit.gt(item.range.max)))) return;
    const k = `${item.id}\u0000${member.key}`;
    const before = used.get(k) ?? ZERO;
    const after = before.plus(times(unit, ev.count));
    used.set(k, after);
    if (compare(after, dec(item.cap)) > 0) add('ITEM_CAP_EXCEEDED', fieldCell(ev, 'item'), { name: ev.name, item: item.name, cap: item.cap, found: after.toString(), counted: compare(before, dec(item.cap)) >= 0 ? '0' : dec(item.cap).minus(before).toString() }, ev.item);
  }
}
