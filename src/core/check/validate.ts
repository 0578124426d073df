// Step "check": a read ledger against its scheme and cycle. Returns every problem at once
// (never throws), each with a stable code, the cell, what is wrong and what to do.
import type { Component, Entry, Scheme } from '../../scheme/schema.js';
import { type Catalogue, catalogueOf, evaluationGrades, MemberIndex, type Resolved } from '../catalogue.js';
import { cycleOf, cyclePeriod, monthIndexOf, monthPeriod, periodTitle, recordIndices, recordSheetNames, sheetRun, type Cycle, type Period } from '../cycle.js';
import { add as plus, compare, type Dec, dec, maxDec, minDec, sum, times, Total, ZERO } from '../decimal.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { CHECK_MESSAGES } from '../messages.js';
import { type EventRow, fieldCell, recordCell, type Ledger, type Member, type SourceRef } from '../model.js';
import { blankIsZero, cardBonusComponent } from '../rules/components.js';
import { belowHighest, eventUnitPoints, projectKey } from '../rules/events.js';
import { sortUnlessOrdered } from '../order.js';
import { activeMonths } from '../rules/roll.js';
import { norm } from '../text.js';
import { checkDoubleDeductions, checkEvaluations, checkOncePerMember, checkProjects, firstRowMember, unmatched, type Add } from './inputs.js';
import { checkLinkedSanctions, checkScores } from './forms.js';


export interface CheckOptions {
  year: number;
  /** Whether the scheme was chosen with --scheme (then a different 说明 scheme is an error). */
  schemeFromOption?: boolean;
  /**
   * The period asked for (default: the cycle). The ledger is checked up to its end: months after
   * it are not yet recorded (blank or absent sheets are fine, and not read); rows dated after it are noted.
   * Only the cycle's result needs the year-end 民主评议 (EVAL_MISSING).
   */
  period?: Period;
  /** false: the year-end inputs are not asked for even for the cycle (apply, during the year). */
  yearEnd?: boolean;
}

/** A row of the seed's card (记录卡): a 加分项 cell, or a part given by its total. */
function isCardRow(r: Ledger['records'][number]): boolean {
  return r.bonus !== undefined || r.parts !== undefined;
}

export function validateLedger(scheme: Scheme, ledger: Ledger, opts: CheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cat = catalogueOf(scheme);
  const cycle = cycleOf(opts.year, scheme.cycle);
  const add: Add = (code, place, params, value) => {
    out.push(makeDiagnostic(CHECK_MESSAGES, code, place, params, value));
  };
  const info: SourceRef = { file: ledger.file, sheet: '说明' };
  if (ledger.schemeId && ledger.schemeId !== scheme.id) add('LEDGER_OTHER_SCHEME', info, { found: ledger.schemeId, want: scheme.id });
  if (ledger.cycleYear !== undefined && ledger.cycleYear !== opts.year) add('LEDGER_OTHER_YEAR', info, { found: ledger.cycleYear, want: opts.year });

  const index = MemberIndex.of(ledger.members);
  for (const group of index.duplicates()) {
    if (group.some((x) => !x.id)) add('MEMBER_DUPLICATE', group[1]!.source, { name: group[0]!.name, count: group.length });
  }
  const categoryNames = scheme.categories.map((c) => c.name).join('、');
  const tierNames = scheme.tiers.map((t) => t.name).join('、');
  for (const mem of ledger.members) {
    if (!cat.category(mem.category)) add('MEMBER_BAD_CATEGORY', mem.source, { found: mem.category, options: categoryNames }, mem.category);
    if (scheme.tiers.length > 0 && mem.participates) {
      if (!mem.tier) add('MEMBER_NO_TIER', mem.source, { name: mem.name, options: tierNames });
      else if (!cat.tier(mem.tier)) add('MEMBER_BAD_TIER', mem.source, { found: mem.tier, options: tierNames }, mem.tier);
    }
    if (mem.joined && mem.left && mem.left < mem.joined) add('MEMBER_BAD_DATES', mem.source, { name: mem.name });
    if (mem.otherScore) {
      const why = !scheme.exempt?.otherScore ? 'scheme' : mem.participates ? 'participates' : mem.otherScore.isNegative() ? 'negative' : '';
      if (why) add('MEMBER_BAD_OTHER_SCORE', mem.source, { name: mem.name, found: mem.otherScore.toString(), why }, mem.otherScore.toString());
    }
    if (mem.awardsSide) {
      const side = scheme.awardsOneSide;
      if (!side || ![side.here, side.there].includes(mem.awardsSide.trim())) add('MEMBER_BAD_AWARDS_SIDE', mem.source, { name: mem.name, found: mem.awardsSide, column: side?.column ?? '评先评优', options: side ? `${side.here}、${side.there}` : '' }, mem.awardsSide);
    }
    if (scheme.directGrades && mem.directGrade) {
      const grades = [...new Set(scheme.bands.map((b) => b.grade))];
      if (mem.participates || !grades.includes(mem.directGrade.trim())) add('MEMBER_BAD_DIRECT_GRADE', mem.source, { name: mem.name, found: mem.directGrade, exempt: mem.participates ? '' : '1', options: grades.join('、') }, mem.directGrade);
    }
  }

  const period = opts.period ?? cyclePeriod(cycle);
  if (ledger.annual) checkAnnual(scheme, ledger, cycle, period, index, add);
  else checkRecords(scheme, ledger, cycle, period, index, add);
  checkScores(scheme, ledger, index, add);
  checkEvents(scheme, ledger, cycle, period, index, add);
  laterRows(ledger, cycle, period, add);
  checkProjects(scheme, ledger, cycle, index, add);
  checkOncePerMember(scheme, ledger, cycle, index, add);
  checkDoubleDeductions(scheme, ledger, cycle, index, add);
  if (ledger.records.some(isCardRow)) checkCardRows(scheme, ledger, cycle, index, add);
  if (scheme.cycle.gradePeriods.includes(period.kind) && opts.yearEnd !== false) checkEvaluations(scheme, ledger, cycle, index, add, period);

  const known = evaluationGrades(scheme);
  for (const e of ledger.evaluations) {
    const found = index.resolve(e.name, e.id);
    if (!found.member) unmatched(add, found, 'EVAL_UNKNOWN_MEMBER', e.source, e.name, nearMember(ledger.members, e.name)?.name);
    const votes = sum([e.good ?? ZERO, e.fair ?? ZERO, e.poor ?? ZERO]);
    if (!e.voters && !votes.isZero() && scheme.components.some((c) => c.kind === 'evaluation' && c.votes?.divisor === 'voters')) add('EVAL_NO_VOTERS', fieldCell(e, 'voters'), { name: e.name, votes: votes.toString() });
    if (e.voters && compare(votes, e.voters) > 0) add('EVAL_VOTES_EXCEED', fieldCell(e, 'voters'), { found: votes.toString(), voters: e.voters.toString() });
    if (e.grade && known.length > 0 && !known.includes(e.grade.trim())) add('EVAL_BAD_GRADE', fieldCell(e, 'grade'), { found: e.grade, options: known.join('、') }, e.grade);
  }
  const effective = [...scheme.vetoTypes, ...scheme.overrides.map((o) => o.type)];
  for (const s of ledger.sanctions) {
    const found = index.resolve(s.name, s.id);
    if (!found.member) unmatched(add, found, 'SANCTION_UNKNOWN_MEMBER', s.source, s.name, nearMember(ledger.members, s.name)?.name);
    if (!cat.isVetoType(s.type) && !cat.override(s.type)) add('SANCTION_UNKNOWN_TYPE', fieldCell(s, 'type'), { found: s.type, options: effective.join('、') || '（本方案无）' }, s.type);
    checkSanctionDates(cat, s, cycle, scheme, add);
  }
  checkLinkedSanctions(scheme, ledger, index, add);
  return out;
}



/**
 * A 评分汇总表 sent as the input (Ledger.annual): graded for the cycle only (a month or quarter needs
 * the months: SUMMARY_CYCLE_ONLY at the file); each member once, each part filled and within its
 * entries' maxima together, 加分项 not negative; a roster member without a row is missing.
 */
function checkAnnual(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): void {
  const rows = ledger.annual ?? [];
  const sheet = rows[0]?.source.sheet ?? '评分汇总表';
  if (period.kind !== 'cycle') add('SUMMARY_CYCLE_ONLY', { file: ledger.file, sheet }, { period: periodTitle(cycle, period), periodEn: period.label });
  const recorded = scheme.components.filter((c) => c.kind === 'recorded');
  const seen = new Map<string, SourceRef>();
  for (const r of rows) {
    const member = firstRowMember(index, seen, r, sheet, add);
    if (!member) continue;
    for (const c of recorded) {
      const keys = r.parts?.includes(c.id) ? [{ key: c.id, name: c.name, max: sum(c.entries.map((e) => dec(e.max))), min: sum(c.entries.map((e) => dec(e.min))) }] : c.entries.map((e) => ({ key: `${c.id}.${e.id}`, name: e.name, max: dec(e.max), min: dec(e.min) }));
      for (const k of keys) {
        const v = r.values[k.key];
        if (v === null || v === undefined) {
          if (member.participates && r.columns?.[k.key]) add('RECORD_BLANK', recordCell(r, k.key), { name: r.name, entry: k.name, max: k.max.toString() });
          continue;
        }
        if (compare(v, k.max) > 0) add('RECORD_ABOVE_MAX', recordCell(r, k.key), { entry: k.name, found: v.toString(), max: k.max.toString() }, v.toString());
        else if (compare(v, k.min) < 0) add('RECORD_BELOW_MIN', recordCell(r, k.key), { entry: k.name, found: v.toString(), min: k.min.toString() }, v.toString());
      }
    }
    if (r.bonus?.isNegative()) add('RECORD_BELOW_MIN', recordCell(r, 'bonus'), { entry: '加分项', found: r.bonus.toString(), min: 0 }, r.bonus.toString());
  }
  for (const mem of ledger.members) {
    if (mem.participates && !seen.has(mem.key) && activeMonths(mem, cycle).length > 0) add('RECORD_MISSING_MONTH', { file: ledger.file, sheet }, { name: mem.name, sheet });
  }
}

/**
 * A card's own columns against 加减分明细: a bonus in the card's 加分项 and a bonus row logged in the
 * same month both count (CARD_BONUS_TWICE, a warning at both); an 该项不得分 row aimed at a part the
 * card gives by its total cannot be applied (RECORD_PART_ZEROES, an error at the row).
 */
function checkCardRows(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  const sheets = recordSheetNames(cycle, scheme.cycle.record);
  const periodOf = (date: string): number => {
    const month = monthIndexOf(cycle, date);
    return month < 0 ? -1 : scheme.cycle.record === 'quarter' ? Math.floor(month / 3) : month;
  };
  const rows = new Map<string, (typeof ledger.records)[number]>();
  for (const r of ledger.records) {
    const { member } = index.resolve(r.name, r.id);
    if (member) rows.set(`${member.key}\u0000${r.period}`, r);
  }
  const bonus = cardBonusComponent(scheme);
  const twice = new Map<(typeof ledger.records)[number], typeof ledger.events>();
  for (const ev of ledger.events) {
    const item = cat.item(ev.item);
    if (!item || !ev.date) continue;
    const { member } = index.resolve(ev.name, ev.id);
    const r = member ? rows.get(`${member.key}\u0000${periodOf(ev.date)}`) : undefined;
    if (!r) continue;
    if (r.bonus && item.component === bonus?.id) twice.set(r, [...(twice.get(r) ?? []), ev]);
    if (item.zeroes && item.entry && r.parts?.includes(item.component)) {
      const part = scheme.components.find((c) => c.id === item.component)!;
      add('RECORD_PART_ZEROES', ev.source, { item: item.name, sheet: sheets[r.period], part: part.name }, ev.item);
    }
  }
  for (const [r, evs] of twice) {
    const params = { name: r.name, sheet: sheets[r.period], found: r.bonus!.toString(), items: evs.map((e) => e.item).join('、') };
    add('CARD_BONUS_TWICE', recordCell(r, 'bonus'), params, r.bonus!.toString());
    for (const ev of evs) add('CARD_BONUS_TWICE', ev.source, params, ev.item);
  }
}

/**
 * A 否决与处分 row's dates. A type that holds 「…处分期间」 (overrides with `during`) may be dated before
 * the cycle when its 处分期至 runs into it; any other row is dated inside the cycle.
 */
function checkSanctionDates(cat: ReturnType<typeof catalogueOf>, s: Ledger['sanctions'][number], cycle: Cycle, scheme: Scheme, add: Add): void {
  const during = cat.override(s.type)?.during === true;
  const base = { name: s.name, type: s.type, cycle: cycle.year, start: cycle.start };
  if (s.until && !during) {
    const types = scheme.overrides.filter((o) => o.during).map((o) => o.type).join('、');
    add('SANCTION_END_NOT_USED', fieldCell(s, 'until'), { ...base, found: s.until, types }, s.until);
  }
  if (s.until && s.date && s.until < s.date) add('SANCTION_BAD_END', fieldCell(s, 'until'), { found: s.until, date: s.date }, s.until);
  if (!s.date || monthIndexOf(cycle, s.date) >= 0) return;
  if (!during || s.date > cycle.end) add('SANCTION_OUTSIDE_CYCLE', fieldCell(s, 'date'), { found: s.date, cycle: cycle.year }, s.date);
  else if (!s.until) add('SANCTION_NEEDS_END', fieldCell(s, 'until'), { ...base, found: s.date });
  else if (s.until < cycle.start) add('SANCTION_ENDED_BEFORE', fieldCell(s, 'until'), { ...base, found: s.until }, s.until);
}

/** Rows of 加减分明细 and 否决与处分 dated after the period (inside the cycle): said once per sheet. */
function laterRows(ledger: Ledger, cycle: Cycle, period: Period, add: Add): void {
  if (period.kind === 'cycle') return;
  const title = periodTitle(cycle, period);
  for (const [sheet, rows] of [['加减分明细', ledger.events], ['否决与处分', ledger.sanctions]] as const) {
    const later = rows.map((r) => r.date).filter((d): d is string => d !== undefined && d > period.end && d <= cycle.end).sort();
    if (later.length > 0) add('PERIOD_LATER_ROWS', { file: ledger.file, sheet }, { count: later.length, period: title, periodEn: period.label, first: later[0]! });
  }
}

/** A period that ends before the first unrecorded sheet (2023Q3 when 10月 is the first), for the fix; '' when none. */
function recordedPeriod(scheme: Scheme, cycle: Cycle, firstMissing: number): string {
  const months = scheme.cycle.record === 'quarter' ? firstMissing * 3 : firstMissing;
  if (months >= 3) return `${cycle.year}Q${Math.floor(months / 3)}`;
  if (months >= 1 && scheme.cycle.record === 'month') return monthPeriod(cycle, months - 1).label;
  return '';
}

/** The last record period (sheet index) a period needs: the ledger is checked up to there. */
function lastRecordOf(scheme: Scheme, period: Period): number {
  return Math.max(...recordIndices(period, scheme.cycle.record));
}

/** One edit (a character changed, added or dropped) between two names. */
function oneApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return x.length - i - j <= 1 && y.length - i - j <= 1;
}

/** The one roster member whose name is one character away from `name` (names of two or more characters), if exactly one is. */
export function nearMember(members: readonly Member[], name: string): Member | undefined {
  const k = norm(name);
  if ([...k].length < 2) return undefined;
  const near = members.filter((m) => oneApart(norm(m.name), k));
  return near.length === 1 ? near[0] : undefined;
}

type RecordRowT = Ledger['records'][number];

// The per-row questions of the record checks, as functions of their own: a closure over a row's
// variables in the loop would make the engine allocate a scope for every row (24,000 a county ledger).

/** The member was on the roll in a record period (R20): its month, or a month of its quarter. */
function onRollFor(months: readonly number[], period: number, record: Scheme['cycle']['record']): boolean {
  if (record === 'month') return months.includes(period);
  for (const mo of months) if (Math.floor(mo / 3) === period) return true;
  return false;
}

/** The entry key belongs to a part the row gives by its total (a card's 每月履行党员义务积分). */
function inParts(parts: readonly string[], key: string): boolean {
  for (const id of parts) if (key.startsWith(`${id}.`)) return true;
  return false;
}

/**
 * A participating member's rows whose every score is blank, in a run at the end of the checked
 * months after months with scores (a member who left and whose 转出日期 is not in 名册), or at the
 * start before them (one who joined, without 转入日期): by member, the run's rows in order.
 */
function blankRunsOf(ledger: Ledger, scoreKeys: string[], checked: CheckedPeriods, index: MemberIndex, cycle: Cycle, scheme: Scheme): Map<Member, BlankRun> {
  const out = new Map<Member, BlankRun>();
  if (scoreKeys.length === 0) return out;
  const byMember = new Map<Member, RecordRowT[]>();
  const resolved = index.resolveRows(ledger.records);
  for (let i = 0; i < ledger.records.length; i++) {
    const r = ledger.records[i]!;
    if (!isChecked(checked, r.period)) continue;
    const { member } = resolved[i]!;
    if (!member || !member.participates) continue;
    const onRoll = onRollFor(activeMonths(member, cycle), r.period, scheme.cycle.record);
    if (!onRoll) continue;
    const rows = byMember.get(member);
    if (rows) rows.push(r);
    else byMember.set(member, [r]);
  }
  for (const [member, rows] of byMember) {
    const run = blankRunOf(member, rows);
    if (run) out.set(member, run);
  }
  return out;
}

/** A member's run of blank rows after the last filled one (or before the first), if any; `rows` are the member's checked rows. */
function blankRunOf(member: Member, rows: RecordRowT[]): BlankRun | undefined {
  if (rows.length < 2) return undefined;
  // The month sheets come in order, so a member's rows usually do.
  sortUnlessOrdered(rows, byPeriod);
  // The first and last filled rows, in one pass: the rows after the last (before the first) are blank by
  // definition, so a run there has no other blank row in between; the rest are ordinary blanks.
  let first = -1;
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    if (blankRow(rows[i]!)) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return undefined;
  const lastPeriod = rows[last]!.period;
  const firstPeriod = rows[first]!.period;
  let a = last + 1;
  while (a < rows.length && rows[a]!.period <= lastPeriod) a++;
  let b = first;
  while (b > 0 && rows[b - 1]!.period >= firstPeriod) b--;
  if (a < rows.length && !member.left) return { side: 'after', rows: rows.slice(a), edge: lastPeriod };
  if (b > 0 && !member.joined) return { side: 'before', rows: rows.slice(0, b), edge: firstPeriod };
  return undefined;
}

/** Record rows in period order (a function of the module: V8 keeps its compiled code between ledgers). */
function byPeriod(a: RecordRowT, b: RecordRowT): number {
  return a.period - b.period;
}

/** A row with no score at all (a template's SUM of a blank row reads 0: still blank). */
function blankRow(r: RecordRowT): boolean {
  for (const k in r.values) if (r.values[k] !== null && r.values[k] !== undefined) return false;
  return !r.writtenTotal || r.writtenTotal.isZero();
}

type BlankRun = { side: 'after' | 'before'; rows: RecordRowT[]; edge: number };

function blankRunRows(runs: Map<Member, BlankRun>): Set<RecordRowT> {
  const rows = new Set<RecordRowT>();
  for (const run of runs.values()) for (const r of run.rows) rows.add(r);
  return rows;
}

function blankRuns(runs: Map<Member, BlankRun>, sheets: string[], add: Add): void {
  for (const [member, run] of runs) {
    const first = run.rows[0]!;
    const months = run.rows.length === 1 ? sheets[first.period]! : `${sheets[first.period]}—${sheets[run.rows[run.rows.length - 1]!.period]}`;
    add('RECORD_BLANK_MONTHS', first.source, { name: member.name, months, side: run.side, before: sheets[run.edge] }, first.name);
  }
}

/**
 * The record sheets of a ledger: each row's member and values, a member's blank runs, the rows missing.
 * Three functions, each small: what is worked out once per ledger (recordChecks), the loop over the rows
 * (checkRecordRows) and what is said after it (checkMissingRecords). V8 optimises each on its own, so a
 * change of what the once-per-ledger part sees (a new array shape, a new closure) does not throw away the
 * loop's compiled code and compile the whole of it again, on the stack, for each ledger (issue 23).
 */
function checkRecords(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): void {
  const rc = recordChecks(scheme, ledger, cycle, period, index, add);
  if (!rc) return;
  const rows = checkRecordRows(ledger, rc);
  blankRuns(rc.runs, rc.rowChecks.sheets, add);
  checkMissingRecords(ledger, rc, rows);
}

/** The record periods checked: up to the last of the period asked for, and recorded (some score on the sheet). */
interface CheckedPeriods {
  hasScores: ReadonlySet<number>;
  last: number;
}

/** What the loop over a ledger's record rows needs, worked out once per ledger. */
interface RecordChecks extends CheckedPeriods {
  scheme: Scheme;
  cycle: Cycle;
  runs: Map<Member, BlankRun>;
  blankRows: ReadonlySet<RecordRowT>;
  resolved: readonly Resolved[];
  rowChecks: RowChecks;
  add: Add;
}

/** What the loop over the rows found: the row of each member's record in each period, the rows whose name is one character off. */
interface RecordRowsSeen {
  seen: Map<string, (SourceRef | undefined)[]>;
  misspelt: { row: RecordRowT; guess: Member }[];
}

/** A record period is checked: up to the period asked for, and recorded (some score on its sheet). */
function isChecked(c: CheckedPeriods, p: number): boolean {
  return p <= c.last && c.hasScores.has(p);
}

/** What the record checks take from the scheme alone, worked out once per scheme: every ledger gets the same arrays. */
interface RecordPlan {
  recorded: Component[];
  entries: RowChecks['entries'];
  /** The entries that must be filled (not bonus-type): a sheet with one of them filled is recorded. */
  scoreKeys: string[];
  /** A part given by its total (the seed's 附件2 card): its value is under the component id. */
  partKeys: string[];
  recordCapped: RowChecks['recordCapped'];
  partComponents: RowChecks['partComponents'];
}

const recordPlans = new WeakMap<Scheme, RecordPlan>();

function recordPlanOf(scheme: Scheme): RecordPlan {
  let plan = recordPlans.get(scheme);
  if (plan) return plan;
  const recorded = scheme.components.filter((c) => c.kind === 'recorded');
  // A bonus-type cell left blank is 0 (a clerk leaves unused bonus cells empty); score cells are required.
  const entries = recorded.flatMap((c) => c.entries.map((e) => ({ key: `${c.id}.${e.id}`, e, max: dec(e.max), min: dec(e.min), blankIsZero: blankIsZero(c) })));
  plan = {
    recorded,
    entries,
    scoreKeys: entries.filter((x) => !x.blankIsZero).map((x) => x.key),
    partKeys: recorded.filter((c) => !blankIsZero(c)).map((c) => c.id),
    // A component capped per record period (company 奖励分 ≤ 10 a quarter): entries over it are said at their cells.
    recordCapped: recorded.filter((c) => c.cap !== undefined && c.capPer === 'record').map((c) => ({ c, keys: c.entries.map((e) => `${c.id}.${e.id}`), cap: dec(c.cap!) })),
    // A part given by its total (a card's row): checked against its entries' maxima and floors together.
    partComponents: recorded.map((comp) => ({ comp, max: sum(comp.entries.map((e) => dec(e.max))), min: sum(comp.entries.map((e) => dec(e.min))), blankIsZero: blankIsZero(comp) })),
  };
  recordPlans.set(scheme, plan);
  return plan;
}

/** Some of these fields of the row is filled. */
function anyFilled(values: RecordRowT['values'], keys: readonly string[]): boolean {
  for (let k = 0; k < keys.length; k++) {
    const v = values[keys[k]!];
    if (v !== null && v !== undefined) return true;
  }
  return false;
}

/** Adds to `into` each record period with a score cell filled (or a part's total, on a card's row). */
function scoredPeriods(records: readonly RecordRowT[], plan: RecordPlan, into: Set<number>): void {
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!into.has(r.period) && (anyFilled(r.values, plan.scoreKeys) || (r.parts !== undefined && anyFilled(r.values, plan.partKeys)))) into.add(r.period);
  }
}

/** checkRecords' once-per-ledger part (and RECORD_NOT_RECORDED); undefined when the scheme records nothing. */
function recordChecks(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): RecordChecks | undefined {
  const plan = recordPlanOf(scheme);
  if (plan.recorded.length === 0 || scheme.cycle.record === 'none') return undefined;
  const { entries, scoreKeys, recordCapped, partComponents } = plan;
  const sheets = recordSheetNames(cycle, scheme.cycle.record);
  const last = lastRecordOf(scheme, period);
  // A record sheet with no score at all (absent, or a template's blank rows) is not recorded yet:
  // after the period that is expected; up to its end it is one error naming the months, not a blank per cell.
  // Only score cells tell: bonus-type cells are blank when nothing was earned. When every recorded
  // entry is bonus-type, a sheet that is there counts as recorded.
  const hasScores = new Set<number>();
  if (scoreKeys.length === 0) for (let p = 0; p < sheets.length; p++) if (!ledger.absentRecords?.includes(p)) hasScores.add(p);
  scoredPeriods(ledger.records, plan, hasScores);
  const due = [...Array(last + 1).keys()];
  // A sheet whose header the reader could not read has its own error at the header: not also 「没有填写任何分数」.
  const missing = due.filter((p) => !hasScores.has(p) && !ledger.unreadRecords?.includes(p));
  if (missing.length > 0) {
    const absent = missing.filter((p) => ledger.absentRecords?.includes(p));
    const why = absent.length === missing.length ? '工作表不存在' : absent.length === 0 ? '表中没有填写任何分数' : `缺少工作表 ${sheetRun(sheets, absent)}，其余表中没有填写任何分数`;
    const whyEn = absent.length === missing.length ? 'the sheets are missing' : absent.length === 0 ? 'no score entered' : 'some sheets missing, the others blank';
    add('RECORD_NOT_RECORDED', { file: ledger.file, sheet: sheets[missing[0]!] }, { months: sheetRun(sheets, missing), why, whyEn, period: periodTitle(cycle, period), periodEn: period.label, cycle: period.kind === 'cycle' ? 'yes' : 'no', example: recordedPeriod(scheme, cycle, missing[0]!) });
  }
  // The row's sums, kept across rows (a county checks 24,000 rows a ledger): its parts, and those
  // Excel's SUM adds up (not the ones typed as text).
  const parts = new Total();
  const excelParts = new Total();
  const capped = new Total();
  // Runs of blank rows at the start or end of a member's year: found once, said once per run (blankRuns).
  const runs = blankRunsOf(ledger, scoreKeys, { last, hasScores }, index, cycle, scheme);
  const rowChecks: RowChecks = { scheme, sheets, entries, partComponents, recordCapped, parts, excelParts, capped, add };
  return { scheme, cycle, hasScores, last, runs, blankRows: blankRunRows(runs), resolved: index.resolveRows(ledger.records), rowChecks, add };
}

/** Each record row of a checked period: its member, on the roll, once a period, then its values (checkRowValues). */
function checkRecordRows(ledger: Ledger, rc: RecordChecks): RecordRowsSeen {
  const { scheme, cycle, resolved, blankRows, rowChecks, add } = rc;
  const { sheets } = rowChecks;
  /** The row of each member's record in each period (a second row is an error, never a silent replacement). */
  const seen = new Map<string, (SourceRef | undefined)[]>();
  /** Rows whose name is one character away from a roster name: said after the months are known (see guessZh). */
  const misspelt: { row: RecordRowT; guess: Member }[] = [];
  for (let i = 0; i < ledger.records.length; i++) {
    const r = ledger.records[i]!;
    if (!isChecked(rc, r.period)) continue;
    const found = resolved[i]!;
    const member = found.member;
    if (!member) {
      const guess = found.ambiguous || found.conflict ? undefined : nearMember(ledger.members, r.name);
      if (guess) misspelt.push({ row: r, guess });
      else unmatched(add, found, 'RECORD_UNKNOWN_MEMBER', r.source, r.name);
      continue;
    }
    const onRoll = onRollFor(activeMonths(member, cycle), r.period, scheme.cycle.record);
    if (!onRoll) {
      // The template lists every member on every sheet: an empty row outside the membership is fine.
      if (Object.values(r.values).some((v) => v !== null)) add('RECORD_NOT_ON_ROLL', r.source, { name: r.name, sheet: sheets[r.period] });
      continue;
    }
    let set = seen.get(member.key);
    if (!set) seen.set(member.key, (set = []));
    const first = set[r.period];
    if (first) {
      add('RECORD_DUPLICATE_ROW', r.source, { name: member.name, sheet: sheets[r.period], first: `${first.sheet ?? ''} ${first.cell ?? ''}`.trim() }, r.name);
      continue;
    }
    set[r.period] = r.source;
    // A row left blank at the start or end of the year is said once for the run (blankRuns), not per cell.
    if (blankRows.has(r)) continue;
    checkRowValues(r, member, rowChecks);
  }
  return { seen, misspelt };
}

/** After the rows: the misspelt names (with the month they leave missing), then each member's periods with no row. */
function checkMissingRecords(ledger: Ledger, rc: RecordChecks, { seen, misspelt }: RecordRowsSeen): void {
  const { scheme, cycle, add } = rc;
  const { sheets } = rc.rowChecks;
  const linked = new Set<string>();
  for (const { row, guess } of misspelt) {
    const missing = seen.get(guess.key)?.[row.period] === undefined;
    if (missing) linked.add(`${guess.key}\u0000${row.period}`);
    add('RECORD_UNKNOWN_MEMBER', row.source, { name: row.name, guess: guess.name, ...(missing ? { missing: sheets[row.period] } : {}) }, row.name);
  }
  const members = ledger.members;
  for (let m = 0; m < members.length; m++) {
    const mem = members[m]!;
    if (!mem.participates) continue;
    const have = seen.get(mem.key) ?? [];
    const months = activeMonths(mem, cycle);
    // The periods the member was on the roll for, in order (a month record: the months themselves, no list made per member).
    const needed = scheme.cycle.record === 'month' ? months : [...new Set(months.map((mo) => Math.floor(mo / 3)))];
    for (let k = 0; k < needed.length; k++) {
      const p = needed[k]!;
      // The row first (nearly always there): no key is made for the 24,000 periods of a county ledger that have one.
      if (have[p] === undefined && isChecked(rc, p) && !linked.has(`${mem.key}\u0000${p}`)) add('RECORD_MISSING_MONTH', { file: ledger.file, sheet: sheets[p] }, { name: mem.name, sheet: sheets[p] });
    }
  }
}

/** What checkRowValues needs of checkRecords, worked out once per ledger (its sums are reset for each row). */
interface RowChecks {
  scheme: Scheme;
  sheets: string[];
  entries: { key: string; e: Entry; max: Dec; min: Dec; blankIsZero: boolean }[];
  partComponents: { comp: Component; max: Dec; min: Dec; blankIsZero: boolean }[];
  recordCapped: { c: Component; keys: string[]; cap: Dec }[];
  parts: Total;
  excelParts: Total;
  capped: Total;
  add: Add;
}

/**
 * One record row's values: blanks, maxima and floors, a part's total, the card's 加分项, a cap per
 * record period, the row's 合计. A function of its own, called for each row: checkRecords' loop stays
 * small, and V8 optimises this once instead of compiling all of checkRecords again (on the stack, as
 * its loop runs) after each change of what it has seen.
 */
function checkRowValues(r: RecordRowT, member: Member, rc: RowChecks): void {
  const { scheme, sheets, entries, partComponents, recordCapped, parts, excelParts, capped, add } = rc;
  parts.reset();
  excelParts.reset();
  for (const p of partComponents) {
    if (!r.parts?.includes(p.comp.id)) continue;
    // The part's total: within its entries' floors and maxima together (each item cannot be checked: READ_PART_TOTALS).
    const v = r.values[p.comp.id];
    if (v === null || v === undefined) {
      if (member.participates && !p.blankIsZero) add('RECORD_BLANK', recordCell(r, p.comp.id), { name: r.name, entry: p.comp.name, max: p.max.toString() });
      continue;
    }
    parts.add(v);
    if (!r.textKeys?.includes(p.comp.id)) excelParts.add(v);
    if (compare(v, p.max) > 0) add('RECORD_ABOVE_MAX', recordCell(r, p.comp.id), { entry: p.comp.name, found: v.toString(), max: p.max.toString() }, v.toString());
    else if (compare(v, p.min) < 0) add('RECORD_BELOW_MIN', recordCell(r, p.comp.id), { entry: p.comp.name, found: v.toString(), min: p.min.toString() }, v.toString());
  }
  if (r.bonus) {
    if (!cardBonusComponent(scheme)) add('CARD_BONUS_UNUSED', recordCell(r, 'bonus'), { found: r.bonus.toString() }, r.bonus.toString());
    else if (r.bonus.isNegative()) add('RECORD_BELOW_MIN', recordCell(r, 'bonus'), { entry: '加分项', found: r.bonus.toString(), min: 0 }, r.bonus.toString());
  }
  for (let i = 0; i < entries.length; i++) {
    const { key, e, max, min, blankIsZero: zero } = entries[i]!;
    if (r.parts !== undefined && inParts(r.parts, key)) continue;
    const v = r.values[key];
    if (v === null || v === undefined) {
      if (member.participates && !zero) add('RECORD_BLANK', recordCell(r, key), { name: r.name, entry: e.name, max: e.max });
      continue;
    }
    parts.add(v);
    if (!r.textKeys?.includes(key)) excelParts.add(v);
    if (compare(v, max) > 0) add('RECORD_ABOVE_MAX', recordCell(r, key), { entry: e.name, found: v.toString(), max: e.max }, v.toString());
    else if (compare(v, min) < 0) add('RECORD_BELOW_MIN', recordCell(r, key), { entry: e.name, found: v.toString(), min: e.min }, v.toString());
  }
  for (const { c, keys, cap } of recordCapped) {
    capped.reset();
    for (const key of keys) {
      const v = r.values[key];
      if (v && !v.isZero()) capped.add(v);
    }
    const total = capped.value;
    if (compare(total, cap) > 0) {
      for (const key of keys) {
        const v = r.values[key];
        if (v && !v.isZero()) add('RECORD_CAP_EXCEEDED', recordCell(r, key), { name: r.name, sheet: sheets[r.period], component: c.name, found: total.toString(), cap: c.cap }, v.toString());
      }
    }
  }
  // A 合计 that is Excel's SUM of the row, short of the scores typed as text, is explained by them:
  // each is a warning at its own cell (READ_NUMBER_AS_TEXT), not a wrong total here.
  if (!r.writtenTotal) return;
  const partsSum = parts.value;
  const explained = r.textKeys !== undefined && compare(r.writtenTotal, excelParts.value) === 0;
  // On a card with 加分项 the row's 合计 may include the month's bonus: either sum is the clerk's.
  const withBonus = r.bonus !== undefined && compare(r.writtenTotal, plus(partsSum, r.bonus)) === 0;
  if (!explained && !withBonus && compare(r.writtenTotal, partsSum) !== 0) {
    add('RECORD_TOTAL_MISMATCH', recordCell(r, 'total'), { found: r.writtenTotal.toString(), want: partsSum.toString() }, r.writtenTotal.toString());
  }
}

/** What checkEventRow needs of checkEvents, worked out once per ledger; `perMember` gathers the caps per member. */
interface EventChecks {
  ledger: Ledger;
  cycle: Cycle;
  period: Period;
  cat: ReturnType<typeof catalogueOf>;
  sample: string;
  notCounted: ReadonlySet<EventRow>;
  /** The members named on rows of a shared award's item and 项目 (R19), by `item id\0项目`. */
  contributors: Map<string, Set<string>>;
  perMember: Map<string, { member: Member; byComponent: Map<string, Dec> }>;
  add: Add;
}

/**
 * One 加减分明细 row: its member, item, sign, date, 次数, level and 分值, and what it adds towards its
 * component's cap. A function of its own, called for each row, as checkRowValues is for checkRecords.
 */
function checkEventRow(ev: EventRow, found: Resolved, ec: EventChecks): void {
  const { ledger, cycle, period, cat, sample, notCounted, perMember, add } = ec;
  const member = found.member;
  if (!member) unmatched(add, found, 'EVENT_UNKNOWN_MEMBER', ev.source, ev.name, nearMember(ledger.members, ev.name)?.name);
  const item = cat.item(ev.item);
  if (!item) {
    add('EVENT_UNKNOWN_ITEM', fieldCell(ev, 'item'), { found: ev.item, options: sample }, ev.item);
    return;
  }
  if (ev.sign && !item.veto) {
    const comp = cat.component(item.component);
    const lowers = comp !== undefined && (comp.kind === 'recorded' || comp.kind === 'deduct' || comp.role === 'deduction');
    if ((ev.sign === 'plus') === lowers) {
      const want = lowers ? '扣分' : '加分';
      add('EVENT_SIGN_MISMATCH', ev.source, { item: item.name, typed: ev.sign === 'plus' ? '加分' : '扣分', want, wantEn: lowers ? 'deduction' : 'bonus' }, ev.item);
    }
  }
  const month = ev.date ? monthIndexOf(cycle, ev.date) : -1;
  if (!ev.date) add('EVENT_NO_DATE', fieldCell(ev, 'date'));
  else if (month < 0) add('EVENT_OUTSIDE_CYCLE', fieldCell(ev, 'date'), { found: ev.date, cycle: cycle.year, start: cycle.start, end: cycle.end }, ev.date);
  else if (member && !activeMonths(member, cycle).includes(month)) add('EVENT_NOT_ON_ROLL', ev.source, { name: member.name, date: ev.date });
  if (!ev.count.isInteger() || compare(ev.count, ZERO) <= 0) add('EVENT_BAD_COUNT', fieldCell(ev, 'count'), { found: ev.count.toString() }, ev.count.toString());
  if (item.levels && cat.levelPoints(item, ev.level) === undefined) {
    add('EVENT_UNKNOWN_LEVEL', fieldCell(ev, 'level'), { item: item.name, found: ev.level ?? '', options: Object.keys(item.levels).join('、') }, ev.level);
    return;
  }
  if (item.range) {
    if (!ev.points) add('EVENT_NEEDS_POINTS', fieldCell(ev, 'points'), { item: item.name, min: item.range.min, max: item.range.max });
    else if (compare(ev.points, dec(item.range.min)) < 0 || compare(ev.points, dec(item.range.max)) > 0) add('EVENT_POINTS_RANGE', fieldCell(ev, 'points'), { item: item.name, found: ev.points.toString(), min: item.range.min, max: item.range.max }, ev.points.toString());
  } else if (ev.points && item.split) {
    // A shared award's 分值 is the award (unit × 次数) or this member's share of it (R19).
    const unit = eventUnitPoints(cat, item, { ...ev, points: undefined } as typeof ev);
    const full = unit && times(unit, ev.count);
    const n = ec.contributors.get(`${item.id}\u0000${norm(ev.project ?? ev.item)}`)?.size ?? 1;
    if (full && compare(ev.points, full) !== 0 && compare(ev.points, full.dividedBy(n)) !== 0) add('EVENT_POINTS_MISMATCH', fieldCell(ev, 'points'), { found: ev.points.toString(), item: item.name, want: n > 1 ? `${full.toString()}（${n} 人平分，每人 ${full.dividedBy(n).toDecimalPlaces(2).toString()}）` : full.toString() }, ev.points.toString());
  } else if (ev.points && !item.split && !item.veto) {
    const unit = eventUnitPoints(cat, item, { ...ev, points: undefined } as typeof ev);
    const want = unit && times(unit, ev.count);
    if (want && compare(ev.points, want) !== 0 && compare(ev.points, unit!) !== 0) add('EVENT_POINTS_MISMATCH', fieldCell(ev, 'points'), { found: ev.points.toString(), item: item.name, want: want.toString() }, ev.points.toString());
  }
  if (member && month >= 0 && ev.date! <= period.end) {
    const unit = eventUnitPoints(cat, item, ev);
    const comp = cat.component(item.component);
    if (unit && comp?.cap !== undefined && comp.capPer === 'cycle' && !item.beyondCap && !notCounted.has(ev)) {
      let rec = perMember.get(member.key);
      if (!rec) perMember.set(member.key, (rec = { member, byComponent: new Map() }));
      // What the item's own cap leaves (经济发展 2 a year): only that reaches the component's cap.
      let points = times(unit, ev.count);
      if (item.cap !== undefined) {
        const k = `item:${item.id}`;
        const used = rec.byComponent.get(k) ?? ZERO;
        points = maxDec(ZERO, minDec(points, dec(item.cap).minus(used)));
        rec.byComponent.set(k, plus(used, points));
      }
      rec.byComponent.set(comp.id, plus(rec.byComponent.get(comp.id) ?? ZERO, points));
    }
  }
}

/** A row's member (by name) and project, for R3's highest level per project; undefined when its item has no such rule. */
function memberProjectKey(ev: EventRow, cat: Catalogue): string | undefined {
  const item = cat.item(ev.item);
  const k = item && projectKey(item, ev.project);
  return k && `${norm(ev.name)}\u0000${k}`;
}

/** A row's points as the engine counts them (unit × count), undefined when they cannot be known. */
function eventPoints(ev: EventRow, cat: Catalogue): Dec | undefined {
  const item = cat.item(ev.item);
  const unit = item && eventUnitPoints(cat, item, ev);
  return unit && times(unit, ev.count);
}

function checkEvents(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  const sample = scheme.items.slice(0, 6).map((i) => i.name).join('、');
  const perMember = new Map<string, { member: Member; byComponent: Map<string, ReturnType<typeof dec>> }>();
  // R3 as the engine applies it: a project's lower-level rows do not add to the cap check.
  const notCounted = belowHighest(ledger.events, memberProjectKey, eventPoints, cat);
  // Contributors of a shared award (R19): the members named on rows of the item and 项目.
  const contributors = new Map<string, Set<string>>();
  const events = ledger.events;
  // Each row's member, worked out once for both loops (and kept for the computation: resolveRows).
  const resolved = index.resolveRows(events);
  for (let i = 0; i < events.length; i++) {
    const ev = events[i]!;
    const item = cat.item(ev.item);
    if (!item?.split) continue;
    const k = `${item.id}\u0000${norm(ev.project ?? ev.item)}`;
    const who = resolved[i]!.member?.key ?? norm(ev.name);
    contributors.set(k, (contributors.get(k) ?? new Set()).add(who));
  }
  const eventChecks: EventChecks = { ledger, cycle, period, cat, sample, notCounted, contributors, perMember, add };
  for (let i = 0; i < events.length; i++) checkEventRow(events[i]!, resolved[i]!, eventChecks);
  for (const { member, byComponent } of perMember.values()) {
    for (const [compId, total] of byComponent) {
      if (compId.startsWith('item:')) continue;
      const comp = cat.component(compId)!;
      if (compare(total, dec(comp.cap!)) > 0) add('CAP_EXCEEDED', { file: ledger.file, sheet: '加减分明细' }, { name: member.name, component: comp.name, found: total.toString(), cap: comp.cap });
    }
  }
}
