// `apply`: checks each claimed line of a 积分申请表 against the scheme catalogue, the roster,
// the cycle and the caps; approved lines become events of 加减分明细. Pure.
import type { Scheme } from '../../scheme/schema.js';
import { catalogueOf, MemberIndex } from '../catalogue.js';
import { cycleOf, monthIndexOf, type Cycle } from '../cycle.js';
import { Dec, ZERO } from '../decimal.js';
import { recordCell, type EventRow, type Ledger, type RecordRow, type SourceRef } from '../model.js';
import { eventUnitPoints } from '../rules/events.js';
import { norm } from '../text.js';

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
  const no = (zh: string, en: string): ClaimDecision => ({ claim, ok: false, reason: { zh, en } });
  if (!claim.date) return no('申报月份无法识别', 'unreadable month');
  const month = monthIndexOf(cycle, claim.date);
  if (month < 0) return no(`申报月份不在 ${cycle.year} 积分周期（${cycle.start} 至 ${cycle.end}）内`, `month outside cycle ${cycle.year}`);
  const value = claim.approved ?? claim.claimed ?? undefined;
  if (!value) return no(`「${entry.name}」需要填写认定分值（${entry.min}–${entry.max}）`, `${entry.name} needs points`);
  if (value.lessThan(entry.min) || value.greaterThan(entry.max)) return no(`「${entry.name}」分值 ${value} 不在 ${entry.min}–${entry.max} 之间`, `${entry.name} ${value} outside ${entry.min}–${entry.max}`);
  const period = record === 'quarter' ? Math.floor(month / 3) : month;
  const row = ledger.records.find((r) => r.period === period && r.columns?.[entry.key] !== undefined && mine(r));
  if (!row) return no(`台账中没有「${claim.name}」这个月的记录行（填写“${entry.name}”的一行）：请先在月表中加上这名党员，再录入`, `the ledger has no record row of ${claim.name} for that month to fill ${entry.name}`);
  const at = `${row.source.sheet ?? ''} ${recordCell(row, entry.key).cell ?? ''}`;
  const had = row.values[entry.key];
  if (had !== null && had !== undefined) {
    if (had.equals(value)) return { claim, ok: false, already: true, reason: { zh: `已录入：台账${at}已填 ${value} 分，不再录入`, en: `already entered: ledger ${at} holds ${value}` } };
    return no(`台账${at}已填 ${had} 分，与认定的 ${value} 分不同：不改动，请核对后在台账中改正`, `ledger ${at} holds ${had}, not ${value}: left as it is`);
  }
  return { claim, ok: true, points: value, reason: { zh: `填入台账${at}「${entry.name}」`, en: `filled into ledger ${at} (${entry.name})` }, record: { row, key: entry.key, value } };
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
    const no = (zh: string, en: string): ClaimDecision => ({ claim, ok: false, reason: { zh, en } });
    const { member, ambiguous } = members.resolve(claim.name);
    if (!member) return ambiguous ? no(`名册中有多个「${claim.name}」，无法确定是谁`, `several members named ${claim.name}`) : no(`「${claim.name}」不在该支部名册中`, `${claim.name} is not on the roster`);
    // The seed's form goes to the branch only with the reviewer's opinion (it-bureau: 分管领导签注意见后交送记录员汇总).
    if (review && !claim.leaderReview) return no(`申请表没有${review.label}（${review.note ?? ''}）：按方案须由${review.label.replace(/意见$/, '')}签注意见后交支部审核，签注后再录入`, `the form has no ${review.label}: the scheme needs it before the branch reviews the claims`);
    const entry = declared.get(norm(claim.item));
    if (entry) {
      const key = `${member.key}\u0000${entry.key}\u0000${claim.date ?? ''}`;
      const twin = filledRun.get(key);
      if (twin) return no(`与 ${twin.form.split(/[\\/]/).pop()} 第${formRow(twin)}行申报同一个月的「${entry.name}」，只录入一次`, `the same month's ${entry.name} as ${twin.form.split(/[\\/]/).pop()} row ${formRow(twin)}: entered once`);
      filledRun.set(key, claim);
      return decideEntry(claim, entry, ledger, cycle, scheme.cycle.record, (r) => members.resolve(r.name, r.id).member?.key === member.key);
    }
    const item = cat.item(claim.item);
    if (!item) return no(`事项「${claim.item}」不在计分标准中`, `item ${claim.item} is not in the scheme`);
    if (!claim.date) return no('申报月份无法识别', 'unreadable month');
    if (monthIndexOf(cycle, claim.date) < 0) return no(`申报月份不在 ${year} 积分周期（${cycle.start} 至 ${cycle.end}）内`, `month outside cycle ${year}`);
    if (!claim.count.isInteger() || claim.count.lessThanOrEqualTo(0)) return no('次数应为正整数', 'count must be a positive whole number');
    const at = (r: SourceRef): string => `${r.sheet ?? ''} ${r.cell?.replace(/^[A-Z]+/, '第') ?? ''}行`;
    const entered = marked.get(norm(sourceMark(claim)));
    if (entered) return { claim, ok: false, already: true, reason: { zh: `已录入：台账${at(entered)}就是这一行（${sourceMark(claim)}），不再录入`, en: `already entered: ledger ${entered.sheet} ${entered.cell} came from this row` } };
    const key = lineKey(member.key, item.id, claim.level, claim.project, claim.date, claim.count);
    const same = typed.get(key);
    if (same) return { claim, ok: false, already: true, reason: { zh: `已录入：台账${at(same)}已有同一条（姓名、事项、级别、项目、月份、次数相同），不再录入`, en: `already entered: ledger ${same.sheet} ${same.cell} holds the same line` } };
    const twin = thisRun.get(key);
    if (twin) return no(`与 ${twin.form.split(/[\\/]/).pop()} 第${formRow(twin)}行重复（姓名、事项、级别、项目、月份、次数相同），只录入一次`, `the same line as ${twin.form.split(/[\\/]/).pop()} row ${formRow(twin)}: entered once`);
    thisRun.set(key, claim);
    if (item.levels && cat.levelPoints(item, claim.level) === undefined) {
      return no(`「${item.name}」没有「${claim.level ?? ''}」级别，可选：${Object.keys(item.levels).join('、')}`, `${item.name} has no level ${claim.level ?? ''}`);
    }
    const asked = claim.approved ?? claim.claimed ?? undefined;
    let points: Dec;
    let differs: { zh: string; en: string } | undefined;
    if (item.range) {
      if (!asked) return no(`「${item.name}」需要填写认定分值（${item.range.min}–${item.range.max}）`, `${item.name} needs points`);
      if (asked.lessThan(item.range.min) || asked.greaterThan(item.range.max)) return no(`分值 ${asked} 不在 ${item.range.min}–${item.range.max} 之间`, `points ${asked} outside range`);
      points = asked;
    } else {
      const unit = eventUnitPoints(cat, item, { date: claim.date, name: claim.name, item: claim.item, ...(claim.level ? { level: claim.level } : {}), count: claim.count, source: claim.source });
      if (!unit) return no(`「${item.name}」无法确定分值`, `${item.name}: no points`);
      const want = unit.times(claim.count);
      // A fixed-value item is granted at the scheme's value; a different figure on the form is noted, not refused.
      if (asked && !asked.equals(want)) differs = { zh: `申报 ${asked} 分，按计分标准认定 ${want} 分（「${item.name}」${claim.count.equals(1) ? '' : `${claim.count} 次`}为固定分值）`, en: `claimed ${asked}, granted ${want} as the scheme fixes for ${item.name}` };
      points = want;
    }
    const comp = cat.component(item.component)!;
    const k = `${member.key}\u0000${comp.id}`;
    const before = used.get(k) ?? ZERO;
    used.set(k, before.plus(points));
    let note = differs ?? { zh: '符合计分标准', en: 'matches the scheme' };
    if (comp.cap !== undefined && !item.beyondCap && before.plus(points).greaterThan(comp.cap)) {
      const capped = { zh: `「${comp.name}」年度上限 ${comp.cap} 分，超出部分不计（已有 ${before} 分）`, en: `${comp.name} is capped at ${comp.cap} (already ${before})` };
      note = differs ? { zh: `${differs.zh}；${capped.zh}`, en: `${differs.en}; ${capped.en}` } : { zh: `录入；${capped.zh}`, en: `entered; ${capped.en}` };
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
