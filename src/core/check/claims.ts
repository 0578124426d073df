// `apply`: checks each claimed line of a 积分申请表 against the scheme catalogue, the roster,
// the cycle and the caps; approved lines become events of 加减分明细. Pure.
import type { Scheme } from '../../scheme/schema.js';
import { catalogueOf, MemberIndex } from '../catalogue.js';
import { cycleOf, monthIndexOf, type Cycle } from '../cycle.js';
import { Dec, ZERO } from '../decimal.js';
import { recordCell, type EventRow, type Ledger, type RecordRow, type SourceRef } from '../model.js';
import { eventUnitPoints } from '../rules/events.js';
import { norm } from '../text.js';
import type { ArgsOf } from '../diagnostics.js';
import { CLAIM_MESSAGES, type ClaimCode, claimReason } from '../messages.js';

export interface Claim {
  name: string;
  /** ISO date the claim belongs to (the first day of the 申报月份). */
  date?: string;
  item: string;
  level?: string;
  /** 项目: the same project at several levels counts once, at its highest (R3). */
  project?: string;
  count: Dec;
  claimed: Dec | null;
  /** 认定分值: the committee's figure; undefined while not yet reviewed. */
  approved?: Dec | null;
  evidence?: string;
  reviewer?: string;
  /** The form's 分管领导意见 (scheme.application.review), when it has one. */
  leaderReview?: string;
  form: string;
  source: SourceRef;
}

export interface ClaimDecision {
  claim: Claim;
  ok: boolean;
  /** Refused because the ledger already holds this line (「已录入」): nothing to do, not an error. */
  already?: boolean;
  /** Points that will count (approved lines). */
  points?: Dec;
  reason: { zh: string; en: string };
  event?: EventRow;
  /** A declared recorded entry (scheme.application.entries: 月任务分): the ledger row and value to fill in. */
  record?: RecordFill;
}

/** A value apply writes into a record sheet: the member's row of that period, the entry's key, the points. */
export interface RecordFill {
  row: RecordRow;
  key: string;
  value: Dec;
}

/** The row of a form a claim came from (A5 → 5). */
const formRow = (c: Claim): string => (c.source.cell ?? '').replace(/^[A-Z]+/, '');

/**
 * The mark apply writes in 依据 of every line it enters: the form file, sheet and row. A ledger
 * line carrying it was entered from that row; the row is not entered again.
 */
export function sourceMark(c: Claim): string {
  return `来源：积分申请表 ${c.form.split(/[\\/]/).pop()} › ${c.source.sheet ?? ''} › 第${formRow(c)}行`;
}

/** The same line, whoever typed it: member, item, level, 项目, month and count. */
function lineKey(memberKey: string, itemId: string, level: string | undefined, project: string | undefined, date: string, count: Dec): string {
  return [memberKey, itemId, norm(level), norm(project), date.slice(0, 7), count.toString()].join('\u0000');
}

interface DeclaredEntry {
  key: string;
  name: string;
  min: number;
  max: number;
}

/** scheme.application.entries by entry name and alias (normalised). */
function declaredEntries(scheme: Scheme): Map<string, DeclaredEntry> {
  const out = new Map<string, DeclaredEntry>();
  for (const key of scheme.application?.entries ?? []) {
    const [cid, eid] = key.split('.');
    const e = scheme.components.find((c) => c.id === cid)?.entries.find((x) => x.id === eid);
    if (!e) continue;
    const d = { key, name: e.name, min: e.min ?? 0, max: e.max };
    for (const n of [e.name, ...e.aliases]) out.set(norm(n), d);
  }
  return out;
}

/**
 * A declared recorded entry (it-bureau 月任务分): the committee's figure (认定分值, else 申报分值)
 * goes into the member's row of that month's record sheet, when that cell is blank; a different
 * figure already there is not overwritten.
 */
function decideEntry(claim: Claim, entry: DeclaredEntry, ledger: Ledger, cycle: Cycle, record: Scheme['cycle']['record'], mine: (r: RecordRow) => boolean): ClaimDecision {
  const no = <K extends ClaimCode>(code: K, p: ArgsOf<(typeof CLAIM_MESSAGES)[K]>): ClaimDecision => ({ claim, ok: false, reason: claimReason(code, p) });
  if (!claim.date) return no('CLAIM_MONTH_UNREADABLE', {});
  const month = monthIndexOf(cycle, claim.date);
  if (month < 0) return no('CLAIM_MONTH_OUTSIDE', { year: cycle.year, start: cycle.start, end: cycle.end });
  const value = claim.approved ?? claim.claimed ?? undefined;
  if (!value) return no('CLAIM_NEEDS_POINTS', { item: entry.name, min: String(entry.min), max: String(entry.max) });
  if (value.lessThan(entry.min) || value.greaterThan(entry.max)) return no('CLAIM_ENTRY_RANGE', { entry: entry.name, value: value.toString(), min: String(entry.min), max: String(entry.max) });
  const period = record === 'quarter' ? Math.floor(month / 3) : month;
  const row = ledger.records.find((r) => r.period === period && r.columns?.[entry.key] !== undefined && mine(r));
  if (!row) return no('CLAIM_ENTRY_NO_ROW', { name: claim.name, entry: entry.name });
  const at = `${row.source.sheet ?? ''} ${recordCell(row, entry.key).cell ?? ''}`;
  const had = row.values[entry.key];
  if (had !== null && had !== undefined) {
    if (had.equals(value)) return { claim, ok: false, already: true, reason: claimReason('CLAIM_ENTRY_ALREADY', { at, value: value.toString() }) };
    return no('CLAIM_ENTRY_DIFFERENT', { at, had: had.toString(), value: value.toString() });
  }
  return { claim, ok: true, points: value, reason: claimReason('CLAIM_ENTRY_FILLED', { at, entry: entry.name }), record: { row, key: entry.key, value } };
}

export function decideClaims(scheme: Scheme, ledger: Ledger, year: number, claims: Claim[]): ClaimDecision[] {
  const cat = catalogueOf(scheme);
  const cycle = cycleOf(year, scheme.cycle);
  const members = new MemberIndex(ledger.members);
  const used = new Map<string, Dec>();
  /** Lines already in 加减分明细: by apply's source mark, and by content (typed by hand), with their row. */
  const marked = new Map<string, SourceRef>();
  const typed = new Map<string, SourceRef>();
  /** Lines of this run: a copied form would enter the same line twice. */
  const thisRun = new Map<string, Claim>();
  for (const ev of ledger.events) {
    const item = cat.item(ev.item);
    const { member } = members.resolve(ev.name, ev.id);
    // Compared normalised: the reader gives text NFKC-normalised (「：」 is read back as 「:」).
    const mark = ev.basis?.normalize('NFKC').match(/来源:积分申请表 [^;]*/)?.[0];
    if (mark) marked.set(norm(mark), ev.source);
    else if (item && member && ev.date) typed.set(lineKey(member.key, item.id, ev.level, ev.project, ev.date, ev.count), ev.source);
    const unit = item && eventUnitPoints(cat, item, ev);
    if (item && member && unit && ev.date && monthIndexOf(cycle, ev.date) >= 0) {
      const k = `${member.key}\u0000${item.component}`;
      used.set(k, (used.get(k) ?? ZERO).plus(unit.times(ev.count)));
    }
  }
  const review = scheme.application?.review;
  const declared = declaredEntries(scheme);
  const filledRun = new Map<string, Claim>();
  return claims.map((claim) => {
    const no = <K extends ClaimCode>(code: K, p: ArgsOf<(typeof CLAIM_MESSAGES)[K]>): ClaimDecision => ({ claim, ok: false, reason: claimReason(code, p) });
    const { member, ambiguous } = members.resolve(claim.name);
    if (!member) return ambiguous ? no('CLAIM_MEMBER_AMBIGUOUS', { name: claim.name }) : no('CLAIM_MEMBER_UNKNOWN', { name: claim.name });
    // The seed's form goes to the branch only with the reviewer's opinion (it-bureau: 分管领导签注意见后交送记录员汇总).
    if (review && !claim.leaderReview) return no('CLAIM_NO_REVIEW', { label: review.label, note: review.note, who: review.label.replace(/意见$/, '') });
    const entry = declared.get(norm(claim.item));
    if (entry) {
      const key = `${member.key}\u0000${entry.key}\u0000${claim.date ?? ''}`;
      const twin = filledRun.get(key);
      if (twin) return no('CLAIM_ENTRY_TWICE', { form: twin.form.split(/[\\/]/).pop(), row: formRow(twin), entry: entry.name });
      filledRun.set(key, claim);
      return decideEntry(claim, entry, ledger, cycle, scheme.cycle.record, (r) => members.resolve(r.name, r.id).member?.key === member.key);
    }
    const item = cat.item(claim.item);
    if (!item) return no('CLAIM_ITEM_UNKNOWN', { item: claim.item });
    if (!claim.date) return no('CLAIM_MONTH_UNREADABLE', {});
    if (monthIndexOf(cycle, claim.date) < 0) return no('CLAIM_MONTH_OUTSIDE', { year, start: cycle.start, end: cycle.end });
    if (!claim.count.isInteger() || claim.count.lessThanOrEqualTo(0)) return no('CLAIM_COUNT_INVALID', {});
    const at = (r: SourceRef): string => `${r.sheet ?? ''} ${r.cell?.replace(/^[A-Z]+/, '第') ?? ''}行`;
    const entered = marked.get(norm(sourceMark(claim)));
    if (entered) return { claim, ok: false, already: true, reason: claimReason('CLAIM_ALREADY_MARKED', { at: at(entered), mark: sourceMark(claim), sheet: entered.sheet, cell: entered.cell }) };
    const key = lineKey(member.key, item.id, claim.level, claim.project, claim.date, claim.count);
    const same = typed.get(key);
    if (same) return { claim, ok: false, already: true, reason: claimReason('CLAIM_ALREADY_TYPED', { at: at(same), sheet: same.sheet, cell: same.cell }) };
    const twin = thisRun.get(key);
    if (twin) return no('CLAIM_TWICE', { form: twin.form.split(/[\\/]/).pop(), row: formRow(twin) });
    thisRun.set(key, claim);
    if (item.levels && cat.levelPoints(item, claim.level) === undefined) {
      return no('CLAIM_LEVEL_UNKNOWN', { item: item.name, level: claim.level, levels: Object.keys(item.levels).join('、') });
    }
    const asked = claim.approved ?? claim.claimed ?? undefined;
    let points: Dec;
    let differs: { zh: string; en: string } | undefined;
    if (item.range) {
      if (!asked) return no('CLAIM_NEEDS_POINTS', { item: item.name, min: String(item.range.min), max: String(item.range.max) });
      if (asked.lessThan(item.range.min) || asked.greaterThan(item.range.max)) return no('CLAIM_POINTS_RANGE', { value: asked.toString(), min: String(item.range.min), max: String(item.range.max) });
      points = asked;
    } else {
      const unit = eventUnitPoints(cat, item, { date: claim.date, name: claim.name, item: claim.item, ...(claim.level ? { level: claim.level } : {}), count: claim.count, source: claim.source });
      if (!unit) return no('CLAIM_NO_POINTS', { item: item.name });
      const want = unit.times(claim.count);
      // A fixed-value item is granted at the scheme's value; a different figure on the form is noted, not refused.
      if (asked && !asked.equals(want)) differs = claimReason('CLAIM_FIXED_POINTS', { asked: asked.toString(), want: want.toString(), item: item.name, times: claim.count.equals(1) ? undefined : claim.count.toString() });
      points = want;
    }
    const comp = cat.component(item.component)!;
    const k = `${member.key}\u0000${comp.id}`;
    const before = used.get(k) ?? ZERO;
    used.set(k, before.plus(points));
    let note = differs ?? claimReason('CLAIM_MATCHES', {});
    if (comp.cap !== undefined && !item.beyondCap && before.plus(points).greaterThan(comp.cap)) {
      const cap = { component: comp.name, cap: String(comp.cap), before: before.toString() };
      const capped = claimReason('CLAIM_CAPPED', cap);
      note = differs ? { zh: `${differs.zh}；${capped.zh}`, en: `${differs.en}; ${capped.en}` } : claimReason('CLAIM_ENTERED_CAPPED', cap);
    }
    const event: EventRow = {
      date: claim.date,
      name: member.name,
      ...(member.id ? { id: member.id } : {}),
      item: item.name,
      ...(claim.level ? { level: claim.level } : {}),
      ...(claim.project ? { project: claim.project } : {}),
      count: claim.count,
      // 分值 on every line (the range figure, or the scheme's points × count), so the clerk sees it.
      ...(item.range || !(item.split || item.veto) ? { points } : {}),
      basis: [claim.evidence, differs?.zh, sourceMark(claim)].filter(Boolean).join('；'),
      source: claim.source,
    };
    return { claim, ok: true, points, reason: note, event };
  });
}
