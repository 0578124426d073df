// Step "compute" of read → check → compute → grade → write: turns one branch ledger into
// per-member totals for one period, with a trace of every rule applied. Pure: no I/O.
import type { Component, Item, Scheme } from '../../scheme/schema.js';
import { catalogueOf, MemberIndex, type Catalogue } from '../catalogue.js';
import { monthIndexOf, monthRange, type Cycle, type Period } from '../cycle.js';
import { add, compare, Dec, dec, equals, maxDec, minDec, roundTo, sub, sum, times, ZERO } from '../decimal.js';
import { recordCell, type EventRow, type Evaluation, type HistoryEntry, type HistoryLookup, type Ledger, type Member, type RecordRow, type Sanction } from '../model.js';
import { TRANSFERRED_FLAG, type BranchResult, type ComponentValue, type MemberResult, type OffRoll, type TraceStep } from '../result.js';
import { blankIsZero, cardBonusComponent, countsIn } from '../rules/components.js';
import { belowHighest, eventUnitPoints, projectKey } from '../rules/events.js';
import { activeMonths, onRollIn, transferredBy } from '../rules/roll.js';
import { linkSanctions } from '../rules/sanction-links.js';
import { norm } from '../text.js';
import { colNumber } from '../a1.js';

export interface BranchContext {
  scheme: Scheme;
  cat: Catalogue;
  ledger: Ledger;
  cycle: Cycle;
  period: Period;
  history: HistoryLookup;
  /** Keep every rule's step in the members' traces (explain). */
  trace: boolean;
}

/** A resolved event: its item, its month index and the points it is worth before caps. */
interface ResolvedEvent {
  row: EventRow;
  item: Item;
  month: number;
  raw: Dec;
}

interface MemberData {
  records: Map<number, RecordRow>;
  events: ResolvedEvent[];
  evaluation?: Evaluation;
  sanctions: Sanction[];
  /** Score-sheet rows by component index (scoreSheet components). */
  scores?: Map<number, RecordRow>;
  /** The member's row of a 评分汇总表 sent as the input (Ledger.annual): the year's values, no months. */
  annual?: RecordRow;
}

/**
 * A member's trace steps while they are kept (explain), undefined when they are not (a county's
 * grade keeps memory flat): every step is written behind `if (trace)`, so no text is built for nothing.
 */
type Trace = TraceStep[] | undefined;

export function computeBranch(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, history: HistoryLookup, opts: { trace?: boolean } = {}): BranchResult {
  const ctx: BranchContext = { scheme, cat: catalogueOf(scheme), ledger, cycle, period, history, trace: opts.trace ?? true };
  const data = collect(ctx);
  const members: MemberResult[] = [];
  const offRoll: OffRoll[] = [];
  const exempt: string[] = [];
  for (const m of ledger.members) {
    // R20: a period lists only the members on the roll in it (joined in May: not in Q1; left in February: not in Q3).
    if (!onRollIn(m, cycle, period)) {
      offRoll.push({ name: m.name, ...(m.joined ? { joined: m.joined } : {}), ...(m.left ? { left: m.left } : {}) });
      continue;
    }
    if (!m.participates) {
      if (scheme.directGrades && m.directGrade) members.push(directResult(ctx, m));
      else if (scheme.exempt?.otherScore && m.otherScore && period.kind === 'cycle') members.push(otherScoreResult(ctx, m, m.otherScore));
      else exempt.push(m.name);
      continue;
    }
    const category = ctx.cat.category(m.category);
    if (category && !category.scored) continue;
    members.push(computeMember(ctx, m, data.get(m.key) ?? emptyData()));
  }
  const out: BranchResult = { branch: ledger.branch, file: ledger.file, schemeId: scheme.id, members };
  if (offRoll.length > 0) out.offRoll = offRoll;
  if (exempt.length > 0) out.exempt = exempt;
  return out;
}

/**
 * An exempt member graded directly by the branch meeting (scheme.directGrades): no points, the
 * typed 档次 as the grade, the flag that says so; not graded by bands, not ranked, no quota.
 */
function directResult(ctx: BranchContext, m: Member): MemberResult {
  const flag = ctx.scheme.directGrades!.flag;
  const result = exemptResult(ctx, m, ZERO, flag, `名册「直接确定档次」：${m.directGrade}（${flag}）`, `grade set by the branch meeting: ${m.directGrade}`);
  if (ctx.period.kind === 'cycle') result.grade = m.directGrade!.trim();
  return result;
}

/**
 * An exempt member whose seed gives an annual score by other means (scheme.exempt.otherScore: bureau
 * 「评定年度综合得分」, company 「给予适当的年度积分」): the score typed in 名册 另行评定得分 as the total,
 * the flag that says so; no components, not graded, not ranked, not counted in a quota.
 */
function otherScoreResult(ctx: BranchContext, m: Member, score: Dec): MemberResult {
  const { scheme } = ctx;
  const flag = scheme.exempt!.otherScore!.flag;
  const total = roundTo(score, scheme.precision);
  const shown = total.toFixed(scheme.precision);
  const result = exemptResult(ctx, m, total, flag, `名册「另行评定得分」：${shown}（${flag}）`, `annual score given by other means: ${shown}`);
  result.scoredElsewhere = true;
  return result;
}

/** The result of a member who takes no part (不参加积分管理): no components, not graded or ranked, one flag, one trace step. */
function exemptResult(ctx: BranchContext, m: Member, total: Dec, flag: string, zh: string, en: string): MemberResult {
  const { scheme } = ctx;
  const result: MemberResult = {
    branch: ctx.ledger.branch,
    file: ctx.ledger.file,
    name: m.name,
    key: m.key,
    category: ctx.cat.category(m.category)?.name ?? m.category,
    posts: m.posts,
    participates: false,
    components: scheme.components.map((c) => ({ id: c.id, name: c.name, role: c.role, value: ZERO, weight: dec(c.weight) })),
    bonus: ZERO,
    deduction: ZERO,
    vetoed: false,
    total,
    graded: false,
    flags: [flag],
    sanctions: [],
    trace: ctx.trace ? [{ rule: 'R17', zh: `不参加积分管理，${zh}`, en: `Exempt; ${en}`, source: m.source }] : [],
  };
  if (m.id) result.id = m.id;
  if (m.tier) result.tier = m.tier;
  return result;
}

function emptyData(): MemberData {
  return { records: new Map(), events: [], sanctions: [] };
}

/** Groups records, events, evaluations and sanctions by member; resolves items; splits shared awards (R19). */
function collect(ctx: BranchContext): Map<string, MemberData> {
  const index = MemberIndex.of(ctx.ledger.members);
  const out = new Map<string, MemberData>();
  const dataOf = (name: string, id?: string): MemberData | undefined => {
    const { member } = index.resolve(name, id);
    if (!member) return undefined;
    let d = out.get(member.key);
    if (!d) out.set(member.key, (d = emptyData()));
    return d;
  };
  for (const r of ctx.ledger.records) dataOf(r.name, r.id)?.records.set(r.period, r);
  for (const r of ctx.ledger.annual ?? []) {
    const d = dataOf(r.name, r.id);
    if (d) d.annual = r;
  }
  for (const r of ctx.ledger.scores ?? []) {
    const d = dataOf(r.name, r.id);
    if (d) (d.scores ??= new Map()).set(r.period, r);
  }
  const contributors = new Map<string, Set<string>>();
  const pending: { d: MemberData; ev: ResolvedEvent; memberKey: string }[] = [];
  const ownShare = new Map<string, number>();
  for (const row of ctx.ledger.events) {
    const item = ctx.cat.item(row.item);
    if (!item || !row.date) continue;
    const month = monthIndexOf(ctx.cycle, row.date);
    if (month < 0) continue;
    const { member } = index.resolve(row.name, row.id);
    const d = dataOf(row.name, row.id);
    if (!d || !member) continue;
    const unit = eventUnitPoints(ctx.cat, item, row);
    if (unit === undefined) continue;
    const ev: ResolvedEvent = { row, item, month, raw: times(unit, row.count) };
    if (item.split) {
      const key = `${item.id}\u0000${norm(row.project ?? row.item)}`;
      const set = contributors.get(key) ?? new Set<string>();
      set.add(member.key);
      contributors.set(key, set);
      // A contributor is paid once per 项目, however many rows name them: the row worth most counts
      // (the first on a tie); validate warns at the others (EVENT_SPLIT_AGAIN).
      const mine = `${key}\u0000${member.key}`;
      const earlier = ownShare.get(mine);
      if (earlier !== undefined) {
        if (compare(ev.raw, pending[earlier]!.ev.raw) > 0) pending[earlier] = { d, ev, memberKey: member.key };
        continue;
      }
      ownShare.set(mine, pending.length);
    }
    pending.push({ d, ev, memberKey: member.key });
  }
  for (const { d, ev } of pending) {
    if (ev.item.split) {
      const n = contributors.get(`${ev.item.id}\u0000${norm(ev.row.project ?? ev.row.item)}`)?.size ?? 1;
      ev.raw = ev.raw.dividedBy(n);
    }
    d.events.push(ev);
  }
  for (const e of ctx.ledger.evaluations) {
    const d = dataOf(e.name, e.id);
    if (d) d.evaluation = e;
  }
  for (const s of ctx.ledger.sanctions) {
    if (s.date && monthIndexOf(ctx.cycle, s.date) < 0 && !carriedIn(ctx.cat, s, ctx.cycle)) continue;
    // A card's 扣分项 is written on a month row: it counts from that period's end (periods are closed).
    dataOf(s.name, s.id)?.sanctions.push(s.date || s.period === undefined ? s : { ...s, date: recordEnd(ctx, s.period) });
  }
  cardBonuses(ctx, dataOf);
  if (ctx.scheme.overrides.some((o) => o.deduct)) for (const d of out.values()) linkMember(ctx, d);
  for (const d of out.values()) {
    d.events.sort((a, b) => (a.row.date! < b.row.date! ? -1 : a.row.date! > b.row.date! ? 1 : 0));
  }
  return out;
}

/** The last day of a record period (a month, or a quarter's last month). */
function recordEnd(ctx: BranchContext, period: number): string {
  return monthRange(ctx.cycle, ctx.scheme.cycle.record === 'quarter' ? period * 3 + 2 : period).end;
}

/** The item a card's 加分项 stands for: the month's bonus points with no item, under the bonus component's caps. */
const cardItems = new WeakMap<Component, Record<string, Item>>();
function cardBonusItem(c: Component, form: '记录卡' | '评分汇总表'): Item {
  let items = cardItems.get(c);
  if (!items) cardItems.set(c, (items = {}));
  return (items[form] ??= { id: `${c.id}:${form}`, name: `${c.name}（${form}）`, aliases: [], component: c.id, highestOnly: false, highestPer: 'project', split: false, beyondCap: false, zeroes: false, veto: false });
}

/** A card's 加分项 cells as events of the month (dated at its end), so the bonus component's caps and periods apply as to 加减分明细 rows. */
function cardBonuses(ctx: BranchContext, dataOf: (name: string, id?: string) => MemberData | undefined): void {
  const c = cardBonusComponent(ctx.scheme);
  if (!c) return;
  const annual = new Set(ctx.ledger.annual ?? []);
  for (const r of [...ctx.ledger.records, ...annual]) {
    if (!r.bonus) continue;
    const d = dataOf(r.name, r.id);
    if (!d) continue;
    // A summary's 加分项 is the year's: dated at the cycle's end.
    const date = annual.has(r) ? ctx.cycle.end : recordEnd(ctx, r.period);
    const item = cardBonusItem(c, annual.has(r) ? '评分汇总表' : '记录卡');
    const row: EventRow = { date, name: r.name, item: item.name, count: ONE, points: r.bonus, source: recordCell(r, 'bonus') };
    if (r.id) row.id = r.id;
    d.events.push({ row, item, month: monthIndexOf(ctx.cycle, date), raw: r.bonus });
  }
}

/**
 * R15 with a deduction (overrides[].deduct): a sanction entered only in 否决与处分 also deducts as its
 * item (dated at the sanction, or the cycle's last day), and a 加减分明细 row of that item and level
 * also counts as the sanction; entered in both places, it counts once (validate warns).
 */
function linkMember(ctx: BranchContext, d: MemberData): void {
  const links = linkSanctions(ctx.cat, d.events, d.sanctions);
  for (const { sanction: s, item, level } of links.deductions) {
    // A 处分 of an earlier cycle that still runs (carriedIn) deducted in its own cycle.
    if (s.date && s.date < ctx.cycle.start) continue;
    const date = s.date ?? ctx.cycle.end;
    const row: EventRow = { date, name: s.name, item: item.name, count: dec(1), basis: `否决与处分：${s.type}`, source: s.source };
    if (s.id) row.id = s.id;
    if (level !== undefined) row.level = level;
    const unit = eventUnitPoints(ctx.cat, item, row);
    if (unit !== undefined) d.events.push({ row, item, month: monthIndexOf(ctx.cycle, date), raw: unit });
  }
  for (const { event, type } of links.sanctions) {
    const s: Sanction = { date: event.row.date!, name: event.row.name, type, note: `加减分明细：${event.item.name}${event.row.level ? `（${event.row.level}）` : ''}`, source: event.row.source };
    if (event.row.id) s.id = event.row.id;
    d.sanctions.push(s);
  }
}

/**
 * Whether a 否决与处分 row holds in a period: dated up to the period's end (undated: the whole cycle)
 * and, with a 处分期至, running at least to the period's start (「受…处分期间」, overrides with `during`).
 */
export function sanctionHolds(s: Sanction, period: { start: string; end: string }): boolean {
  return (!s.date || s.date <= period.end) && (!s.until || s.until >= period.start);
}

/** A 处分 dated before the cycle that counts in it: a `during` override whose 处分期至 runs into the cycle. */
export function carriedIn(cat: Catalogue, s: Sanction, cycle: Cycle): boolean {
  return Boolean(s.date && s.date < cycle.start && s.until && s.until >= cycle.start && cat.override(s.type)?.during);
}

function recordPeriodsOf(scheme: Scheme, period: Period, active: readonly number[]): number[] {
  const inPeriod = active.filter((m) => period.months.includes(m));
  if (scheme.cycle.record === 'month') return inPeriod;
  if (scheme.cycle.record === 'quarter') return [...new Set(inPeriod.map((m) => Math.floor(m / 3)))];
  return [];
}

function recordOfMonth(scheme: Scheme, month: number): number {
  return scheme.cycle.record === 'quarter' ? Math.floor(month / 3) : month;
}

/** A number for a trace line: exact (the terminal rounds it for display; `explain --exact` shows fractions). */
/** The cells that hold a record row's values for these keys: one cell, a range of adjacent cells, or a list; the row's place when unknown. */
function valueCells(row: RecordRow, keys: readonly string[]): TraceStep['source'] {
  const cells = [...new Set(keys.map((k) => recordCell(row, k).cell).filter((c): c is string => c !== undefined && c !== row.source.cell))];
  if (cells.length === 0) return row.source;
  if (cells.length === 1) return { ...row.source, cell: cells[0]! };
  const col = (ref: string): number => colNumber(ref.replace(/\d+$/, ''));
  const sorted = [...cells].sort((a, b) => col(a) - col(b));
  const adjacent = sorted.every((c, i) => i === 0 || col(c) === col(sorted[i - 1]!) + 1);
  return { ...row.source, cell: adjacent ? `${sorted[0]}:${sorted[sorted.length - 1]}` : sorted.join(',') };
}

function show(v: Dec): string {
  return v.toString();
}

function step(trace: TraceStep[], rule: string, zh: string, en: string, source?: TraceStep['source']): void {
  trace.push(source ? { rule, zh, en, source } : { rule, zh, en });
}

function computeMember(ctx: BranchContext, m: Member, d: MemberData): MemberResult {
  const { scheme, period, cycle } = ctx;
  const trace: Trace = ctx.trace ? [] : undefined;
  const flags: string[] = [];
  const active = activeMonths(m, cycle);
  if (active.length < 12) {
    if (trace) step(trace, 'R20', `在册月份：${active.length} 个月（转入/转出），按在册月份计`, `Months on the roll: ${active.length} (transfer), counted over those months`);
  }
  const records = recordPeriodsOf(scheme, period, active);
  const inPeriod = (ev: ResolvedEvent): boolean => period.months.includes(ev.month);
  const transferred = transferredBy(m, period);
  if (transferred) {
    flags.push(TRANSFERRED_FLAG);
    if (trace) step(trace, 'R20', `${transferred} 转出：列出到转出时的积分，不在本支部评定等次、排名、占名额或公示（${TRANSFERRED_FLAG}）`, `Transferred out on ${transferred}: points to date listed; not graded, ranked, counted in a quota or published by this branch`, m.source);
  }
  const side = scheme.awardsOneSide;
  if (side && m.awardsSide?.trim() === side.there && scheme.cycle.gradePeriods.includes(period.kind)) {
    flags.push(side.flag);
    if (trace) step(trace, 'R13', `名册「${side.column}」：${side.there}（${side.flag}）`, `takes part in 评先评优 on the other side: not in the quota here`, m.source);
  }
  const components: ComponentValue[] = [];
  for (const c of scheme.components) {
    if (!countsIn(c, period.kind)) {
      if (trace) step(trace, 'R10', `${c.name}：只计入${periodNamesZh(c.countsIn)}积分，本期不计（不按 0 分计）`, `${c.name}: counts only in ${(c.countsIn ?? ['cycle']).join(', ')}; not in this period`);
      components.push({ id: c.id, name: c.name, role: c.role, value: ZERO, weight: dec(c.weight), absent: true });
      continue;
    }
    if (c.kind === 'evaluation' && transferred && !d.evaluation) {
      // A transferred member is not at the branch's 评议: the part is not there, never 0 (SCHEMES.md "Partial years").
      if (trace) step(trace, 'R6', `${c.name}：已转出，未参加本支部民主评议，不计入（不按 0 分计）`, `${c.name}: transferred out before the evaluation; left out, not counted as 0`);
      components.push({ id: c.id, name: c.name, role: c.role, value: ZERO, weight: dec(c.weight), absent: true });
      continue;
    }
    let value: Dec;
    switch (c.kind) {
      case 'recorded':
        value = recordedValue(ctx, c, d, records, trace, flags);
        break;
      case 'deduct':
        value = deductValue(ctx, c, m, d.events.filter(inPeriod), trace, c.scoreSheet ? scoreStarts(ctx, c, d, trace, flags) : undefined);
        break;
      case 'accumulate':
        value = accumulateValue(ctx, c, d.events, inPeriod, trace);
        break;
      case 'evaluation':
        value = evaluationValue(c, d.evaluation, trace, flags, period.kind === 'cycle');
        break;
      case 'tier-base':
        value = tierBaseValue(ctx, c, m, trace, flags);
        break;
    }
    components.push({ id: c.id, name: c.name, role: c.role, value, weight: dec(c.weight) });
  }
  let total = ZERO;
  let bonus = ZERO;
  let deduction = ZERO;
  for (const cv of components) {
    if (cv.absent) continue;
    const w = times(cv.value, cv.weight);
    if (cv.role === 'deduction') {
      deduction = add(deduction, w);
      total = sub(total, w);
    } else {
      if (cv.role === 'bonus') bonus = add(bonus, w);
      total = add(total, w);
    }
    if (!equals(cv.weight, ONE)) {
      if (trace) step(trace, 'R5', `${cv.name} ${cv.value.toString()} × ${cv.weight.toString()} = ${w.toString()}`, `${cv.name} ${cv.value} × ${cv.weight} = ${w}`);
    }
  }
  if (trace) {
    // The sum spelled out: each part with its sign, and whether the evaluation conversion follows.
    const parts = components.map((cv, i) => `${cv.role === 'deduction' ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + '}${cv.name} ${show(times(cv.value, cv.weight))}`).join('');
    const later = scheme.conversion && period.kind === 'cycle';
    step(trace, 'R2', `各项合计：${parts} = ${show(total)}${later ? '（按评议等次折算前）' : ''}`, `Sum of the parts: ${parts} = ${show(total)}${later ? ' (before the conversion by evaluation grade)' : ''}`);
  }
  // An item that carries a follow-up flag (culture 连续六个月未交纳党费 → 按《党章》规定处理) raises it in its period.
  for (const ev of d.events) {
    const flag = ev.item.flag;
    if (!flag || !inPeriod(ev) || flags.includes(flag)) continue;
    flags.push(flag);
    if (trace) step(trace, 'R17', `「${ev.item.name}」：${flag}`, `${ev.item.name}: ${flag}`, ev.row.source);
  }
  if (scheme.conversion && period.kind === 'cycle') {
    const grade = d.evaluation?.grade;
    const factor = grade === undefined ? undefined : scheme.conversion.factors[grade.trim()];
    if (factor === undefined && transferred) {
      if (trace) step(trace, 'R7', '已转出，没有本支部评议等次：列出未折算的积分', 'Transferred out, no evaluation grade here: points to date, not converted');
    } else if (factor === undefined) {
      flags.push('缺少评议等次，未折算');
      if (trace) step(trace, 'R7', '没有评议等次，未按等次折算', 'No evaluation grade: not converted');
    } else {
      total = total.times(factor);
      if (trace) step(trace, 'R7', `评议等次「${grade}」折算 × ${factor} = ${total.toString()}`, `Converted by grade ${grade} × ${factor} = ${total}`, d.evaluation?.source);
    }
  }
  const veto = findVeto(ctx, d);
  let vetoReason: string | undefined;
  if (veto) {
    vetoReason = veto.reason;
    total = ZERO;
    if (trace) step(trace, 'R8', `一票否决：${veto.reason}，总分为 0`, `Veto: ${veto.reason}; total 0`, veto.source);
  }
  if (scheme.clamp) {
    const before = total;
    if (scheme.clamp.max !== undefined) total = minDec(total, dec(scheme.clamp.max));
    if (scheme.clamp.min !== undefined) total = maxDec(total, dec(scheme.clamp.min));
    if (!equals(before, total)) {
      if (trace) step(trace, 'R9', `总分 ${before.toString()} 限定在 [${scheme.clamp.min ?? '−∞'}, ${scheme.clamp.max ?? '+∞'}] 内，为 ${total.toString()}`, `Total ${before} clamped to ${total}`);
    }
  }
  const rounded = roundTo(total, scheme.precision);
  if (!equals(rounded, total)) {
    if (trace) step(trace, 'R10', `${show(total)} 四舍五入保留 ${scheme.precision} 位小数：${rounded.toFixed(scheme.precision)}`, `${show(total)} rounded half-up to ${scheme.precision} places: ${rounded.toFixed(scheme.precision)}`);
  }
  const category = ctx.cat.category(m.category);
  const result: MemberResult = {
    branch: ctx.ledger.branch,
    file: ctx.ledger.file,
    name: m.name,
    key: m.key,
    category: category?.name ?? m.category,
    posts: m.posts,
    participates: m.participates,
    components,
    bonus: roundTo(bonus, scheme.precision),
    deduction: roundTo(deduction, scheme.precision),
    vetoed: Boolean(veto),
    total: rounded,
    graded: Boolean(category?.graded) && m.participates && !transferred,
    flags,
    sanctions: d.sanctions.filter((x) => sanctionHolds(x, period)).map((x) => x.type),
    trace: trace ?? [],
  };
  if (trace) result.exactTotal = total;
  const evaluationGrade = d.evaluation?.grade?.trim();
  if (evaluationGrade) result.evaluationGrade = evaluationGrade;
  if (m.id) result.id = m.id;
  if (m.tier) result.tier = m.tier;
  if (vetoReason) result.vetoReason = vetoReason;
  if (transferred) result.transferredOut = transferred;
  return result;
}

const PERIOD_ZH: Record<Period['kind'], string> = { month: '月度', quarter: '季度', half: '半年', cycle: '年度' };

/** 年度 / 半年、年度: the periods a component counts in, in words. */
function periodNamesZh(kinds: Component['countsIn']): string {
  return (kinds ?? ['cycle']).map((k) => PERIOD_ZH[k]).join('、');
}

const targetedCache = new WeakMap<MemberData, Map<string, ResolvedEvent[][]>>();

/** Events that subtract from a recorded entry: by `component.entry`, then by record period (built once per member). */
function targetedEvents(scheme: Scheme, d: MemberData): Map<string, ResolvedEvent[][]> {
  let map = targetedCache.get(d);
  if (map) return map;
  map = new Map();
  for (const ev of d.events) {
    if (!ev.item.entry) continue;
    const k = `${ev.item.component}.${ev.item.entry}`;
    let byPeriod = map.get(k);
    if (!byPeriod) map.set(k, (byPeriod = []));
    (byPeriod[recordOfMonth(scheme, ev.month)] ??= []).push(ev);
  }
  targetedCache.set(d, map);
  return map;
}

const NO_EVENTS: ResolvedEvent[] = [];
const ONE = dec(1);
const keyCache = new WeakMap<Component, string[]>();

/** `componentId.entryId` of each entry, made once per component. */
function entryKeys(c: Component): string[] {
  let k = keyCache.get(c);
  if (!k) keyCache.set(c, (k = c.entries.map((e) => `${c.id}.${e.id}`)));
  return k;
}

const minsCache = new WeakMap<Component, Dec[]>();

/** The floors of a component's entries as decimals, made once per component. */
function entryMins(c: Component): Dec[] {
  let m = minsCache.get(c);
  if (!m) minsCache.set(c, (m = c.entries.map((e) => dec(e.min))));
  return m;
}

/** R1 on one entry: events subtract from its starting points, 该项不得分 zeroes it, floored at its minimum (扣完为止). */
function deductFromEntry(e: Component['entries'][number], min: Dec, start: Dec, events: ResolvedEvent[], trace: Trace): Dec {
  let v = start;
  for (const ev of events) {
    if (ev.item.zeroes) {
      v = ZERO;
      if (trace) step(trace, 'R1', `${e.name}：${ev.item.name}，该项不得分`, `${e.name}: ${ev.item.name}, entry scores 0`, ev.row.source);
    } else {
      v = sub(v, ev.raw);
      if (trace) step(trace, 'R1', `${e.name}：${ev.item.name} −${ev.raw.toString()}`, `${e.name}: ${ev.item.name} −${ev.raw}`, ev.row.source);
    }
  }
  if (compare(v, min) < 0) {
    if (trace) step(trace, 'R1', `${e.name} 扣完为止，计 ${e.min}`, `${e.name} floored at ${e.min}`);
    v = min;
  }
  return v;
}

/** R1 on a recorded component: each record period's entries, minus targeted events, floored; then sum or mean (R10). */
function recordedValue(ctx: BranchContext, c: Component, d: MemberData, records: number[], trace: Trace, flags: string[]): Dec {
  const { scheme } = ctx;
  if (ctx.ledger.annual) return annualValue(c, d.annual, trace, flags);
  const perRecord: Dec[] = [];
  const keys = entryKeys(c);
  const mins = entryMins(c);
  const targeted = targetedEvents(scheme, d);
  // The events aimed at each entry, by record period (looked up once per member, not per period).
  const aimed = targeted.size === 0 ? undefined : keys.map((k) => targeted.get(k));
  const parts = new Array<Dec>(c.entries.length);
  for (const r of records) {
    const row = d.records.get(r);
    if (row?.parts?.includes(c.id)) {
      perRecord.push(partTotalValue(ctx, c, row, r, aimed, mins, trace, flags));
      continue;
    }
    for (let i = 0; i < parts.length; i++) {
      let v = row?.values[keys[i]!] ?? null;
      if (v === null) {
        // A blank bonus cell is 0 (said in scheme show); a blank score cell is a missing record.
        if (!(row && blankIsZero(c)) && !flags.includes('缺少记录')) flags.push('缺少记录');
        v = ZERO;
      }
      const events = aimed?.[i]?.[r] ?? NO_EVENTS;
      parts[i] = events.length === 0 && compare(v, mins[i]!) >= 0 ? v : deductFromEntry(c.entries[i]!, mins[i]!, v, events, trace);
    }
    let total = sum(parts);
    if (c.cap !== undefined && c.capPer === 'record' && compare(total, dec(c.cap)) > 0) total = dec(c.cap);
    perRecord.push(total);
    if (row && trace) step(trace, 'R2', `${c.name}（${row.source.sheet ?? `第${r + 1}期`}）：${total.toString()}`, `${c.name} (${row.source.sheet ?? r + 1}): ${total}`, valueCells(row, keys));
  }
  if (perRecord.length === 0) return ZERO;
  const s = sum(perRecord);
  let value = s;
  if (scheme.cycle.aggregate === 'mean') {
    value = s.dividedBy(perRecord.length);
    if (trace) step(trace, 'R10', `${c.name}：${perRecord.length} 期合计 ${s.toString()}，平均 ${show(value)}`, `${c.name}: ${perRecord.length} periods sum ${s}, mean ${show(value)}`);
  } else {
    if (trace) step(trace, 'R10', `${c.name}：${perRecord.length} 期合计 ${s.toString()}`, `${c.name}: ${perRecord.length} periods sum ${s}`);
  }
  if (c.cap !== undefined && c.capPer === 'cycle' && compare(value, dec(c.cap)) > 0) {
    if (trace) step(trace, 'R2', `${c.name} ${value.toString()} 超过上限 ${c.cap}，计 ${c.cap}`, `${c.name} ${value} capped at ${c.cap}`);
    value = dec(c.cap);
  }
  return value;
}

/** A part's value of the year from a 评分汇总表 sent as the input: its total there (or its entries' sum), no months. */
function annualValue(c: Component, row: RecordRow | undefined, trace: Trace, flags: string[]): Dec {
  const keys = row?.parts?.includes(c.id) ? [c.id] : entryKeys(c);
  const values = keys.map((k) => row?.values[k] ?? null);
  if (!row || values.some((v) => v === null)) {
    if (!flags.includes('缺少记录')) flags.push('缺少记录');
    if (trace) step(trace, 'R1', `${c.name}：评分汇总表没有填写，计 0`, `${c.name}: blank in the 评分汇总表, 0`, row?.source);
    return ZERO;
  }
  const v = sum(values as Dec[]);
  if (trace) step(trace, 'R10', `${c.name}：评分汇总表的全年得分 ${v.toString()}（没有每月记录）`, `${c.name}: the year's points in the 评分汇总表, ${v} (no monthly records)`, valueCells(row, keys));
  return v;
}

/**
 * A record period given by the part's total only (the seed's 附件2 card): the total is the starting
 * points, every event aimed at one of its entries subtracts from it, floored at the entries' floors
 * together; the trace says the items were not available.
 */
function partTotalValue(ctx: BranchContext, c: Component, row: RecordRow, r: number, aimed: (ResolvedEvent[][] | undefined)[] | undefined, mins: Dec[], trace: Trace, flags: string[]): Dec {
  const typed = row.values[c.id] ?? null;
  if (typed === null && !flags.includes('缺少记录')) flags.push('缺少记录');
  let v = typed ?? ZERO;
  const label = ctx.scheme.cycle.record === 'quarter' ? `第${r + 1}期` : `${r + 1}月`;
  const where = row.source.sheet && row.source.sheet !== label ? `${row.source.sheet} ${label}` : label;
  if (trace) step(trace, 'R1', `${c.name}（${where}）：记录卡只填了这一部分的合计 ${v.toString()}，没有分项，按合计计分`, `${c.name} (${where}, period ${r + 1}): the card gives this part's total only, ${v}; graded from the total (no items)`, recordCell(row, c.id));
  const events = (aimed ?? []).flatMap((byPeriod) => byPeriod?.[r] ?? NO_EVENTS);
  for (const ev of events) {
    v = ev.item.zeroes ? v : sub(v, ev.raw);
    if (trace) step(trace, 'R1', `${c.name}：${ev.item.name} −${ev.raw.toString()}（没有分项，从这一部分的合计中扣除）`, `${c.name}: ${ev.item.name} −${ev.raw} (no items: taken off the part's total)`, ev.row.source);
  }
  const floor = sum(mins);
  if (compare(v, floor) < 0) {
    if (trace) step(trace, 'R1', `${c.name} 扣完为止，计 ${floor.toString()}`, `${c.name} floored at ${floor}`);
    v = floor;
  }
  if (c.cap !== undefined && c.capPer === 'record' && compare(v, dec(c.cap)) > 0) v = dec(c.cap);
  return v;
}

/** The member's result of the cycle before this one (R16), if the history has it. */
function lastCycle(ctx: BranchContext, m: Member): HistoryEntry | undefined {
  return ctx.history.of(m, ctx.ledger.branch).find((h) => h.cycle === ctx.cycle.year - 1);
}

/** R16: this year's base from last year's total × pct, at most the component's cap (it-bureau: 20% of 105 is 21 → 20). */
function baseFromHistory(c: Component, last: HistoryEntry, trace: Trace): Dec {
  const pct = c.fromHistory!.pct;
  const v = last.total.times(pct);
  if (trace) step(trace, 'R16', `${c.name}：上年度总分 ${last.total.toString()} × ${pct} = ${v.toString()}`, `${c.name}: last year ${last.total} × ${pct} = ${v}`);
  if (c.cap !== undefined && compare(v, dec(c.cap)) > 0) {
    if (trace) step(trace, 'R16', `${c.name} ${v.toString()} 超过满分 ${c.cap}，计 ${c.cap}`, `${c.name} ${v} capped at ${c.cap}`);
    return dec(c.cap);
  }
  return v;
}

/**
 * A scoreSheet component's starting points: each entry's typed score in the member's score-sheet row;
 * a blank or a missing row counts 0 and flags 缺少记录 (validate reports it at the cell).
 */
function scoreStarts(ctx: BranchContext, c: Component, d: MemberData, trace: Trace, flags: string[]): Dec[] {
  const row = d.scores?.get(ctx.scheme.components.indexOf(c));
  const keys = entryKeys(c);
  return c.entries.map((e, i) => {
    const v = row?.values[keys[i]!] ?? null;
    if (v === null) {
      if (!flags.includes('缺少记录')) flags.push('缺少记录');
      if (trace) step(trace, 'R1', `${e.name}：《${c.scoreSheet}》没有填写得分，计 0`, `${e.name}: no score in ${c.scoreSheet}, 0`, row ? recordCell(row, keys[i]!) : undefined);
      return ZERO;
    }
    if (trace) step(trace, 'R1', `${e.name}：《${c.scoreSheet}》评分 ${v.toString()}（满分 ${e.max}）`, `${e.name}: scored ${v} of ${e.max} in ${c.scoreSheet}`, recordCell(row!, keys[i]!));
    return v;
  });
}

/** R1 over the cycle: entries start full (or at their typed scores), events subtract, 该项不得分 zeroes, floors; R16 base from last year. */
function deductValue(ctx: BranchContext, c: Component, m: Member, events: ResolvedEvent[], trace: Trace, starts?: Dec[]): Dec {
  const own = events.filter((ev) => ev.item.component === c.id);
  if (c.fromHistory) {
    const last = lastCycle(ctx, m);
    if (last) {
      let v = baseFromHistory(c, last, trace);
      for (const ev of own) v = sub(v, ev.item.zeroes ? v : ev.raw);
      return maxDec(v, dec(c.floor ?? 0));
    }
    if (trace) step(trace, 'R16', `${c.name}：没有上年度积分记录，按第一年（满分）计`, `${c.name}: no result of last year; full base as in a first year`);
  }
  if (c.entries.length === 0) {
    let v = dec(c.base ?? 0);
    for (const ev of own) v = ev.item.zeroes ? ZERO : sub(v, ev.raw);
    return c.floor === undefined ? v : maxDec(v, dec(c.floor));
  }
  let total = ZERO;
  c.entries.forEach((e, i) => {
    const hits = own.filter((x) => x.item.entry === e.id || (!x.item.entry && e === c.entries[0]));
    total = add(total, deductFromEntry(e, dec(e.min), starts?.[i] ?? dec(e.max), hits, trace));
  });
  if (c.floor !== undefined) total = maxDec(total, dec(c.floor));
  if (trace) step(trace, 'R1', `${c.name}：${total.toString()}`, `${c.name}: ${total}`);
  return total;
}

/**
 * R2/R3/R19 over the cycle up to the period's end, in date order: highest level only per project, then
 * the item cap, the group cap and the component cap (per cycle or per record period); each event keeps
 * what survives the caps, and the period takes the events dated in it.
 */
function accumulateValue(ctx: BranchContext, c: Component, all: ResolvedEvent[], inPeriod: (e: ResolvedEvent) => boolean, trace: Trace): Dec {
  // Periods are closed: a row dated after the period cannot change it (a 市 award in August does not
  // take back a 县 award of the same 项目 in Q1); the later period sees both and counts the highest.
  const end = ctx.period.end;
  const events = all.filter((ev) => ev.item.component === c.id && !ev.item.veto && ev.row.date! <= end);
  const skipped = belowHighest(events, (ev) => projectKey(ev.item, ev.row.project), (ev) => ev.raw);
  const used = new Map<string, Dec>();
  const take = (key: string, cap: number | undefined, want: Dec): Dec => {
    if (cap === undefined) return want;
    const u = used.get(key) ?? ZERO;
    const got = maxDec(ZERO, minDec(want, sub(dec(cap), u)));
    used.set(key, add(u, got));
    return got;
  };
  let value = ZERO;
  for (const ev of events) {
    let v = ev.raw;
    if (skipped.has(ev)) {
      if (trace && inPeriod(ev)) {
        if (ev.item.highestPer === 'category') step(trace, 'R3', `${ev.item.name}：同类别不重复加分，只计最高的一次，本条不计`, `${ev.item.name}: one award per category, the highest; this row not counted`, ev.row.source);
        else step(trace, 'R3', `${ev.item.name}「${ev.row.project}」同一项目以最高级计分，本条不计`, `${ev.item.name} "${ev.row.project}": counted once at the highest level; this row not counted`, ev.row.source);
      }
      continue;
    }
    const want = v;
    v = take(`item:${ev.item.id}`, ev.item.cap, v);
    if (ev.item.group) v = take(`group:${ev.item.group}`, c.groups.find((g) => g.id === ev.item.group)?.cap, v);
    if (!ev.item.beyondCap) {
      const capKey = c.capPer === 'record' ? `comp:${recordOfMonth(ctx.scheme, ev.month)}` : 'comp';
      v = take(capKey, c.cap, v);
    }
    if (!inPeriod(ev)) continue;
    const split = ev.item.split ? '（平分）' : '';
    if (trace) step(trace, ev.item.split ? 'R19' : 'R2', `${c.name}：${ev.item.name}${ev.row.level ? `（${ev.row.level}）` : ''}${split} ${want.toString()}${v.equals(want) ? '' : `，受上限限制计 ${v.toString()}`}`, `${c.name}: ${ev.item.name} ${want}${v.equals(want) ? '' : `, capped to ${v}`}`, ev.row.source);
    value = add(value, v);
  }
  return value;
}

/**
 * R6: votes formula, a grade → points table, or the typed 评议得分. A missing one counts 0 with a flag
 * where it weighs in the total (the check step makes it an error for graded members: EVAL_MISSING);
 * an evaluation of weight 0 is shown only (agency's 半年评议), so its absence flags nothing.
 */
function evaluationValue(c: Component, e: Evaluation | undefined, trace: Trace, flags: string[], isCycle: boolean): Dec {
  const weighs = c.weight !== 0;
  if (!e) {
    if (isCycle && weighs) flags.push('缺少民主评议');
    if (trace) step(trace, 'R6', `${c.name}：没有民主评议记录，计 0`, `${c.name}: no evaluation, 0`);
    return ZERO;
  }
  if (c.votes && (e.good || e.fair || e.poor)) {
    const g = e.good ?? ZERO;
    const f = e.fair ?? ZERO;
    const p = e.poor ?? ZERO;
    if (c.votes.divisor === 'voters' && !e.voters) {
      // ÷ 参加测评人数 with the number blank: an error at the cell (EVAL_NO_VOTERS), never ÷ the votes.
      if (isCycle && weighs) flags.push('缺少参评人数');
      if (trace) step(trace, 'R6', `${c.name}：没有填写参评人数，无法计算，计 0`, `${c.name}: no number of voters; not computed, 0`, e.source);
      return ZERO;
    }
    const divisor = c.votes.divisor === 'voters' ? e.voters! : g.plus(f).plus(p);
    if (divisor.isZero()) return ZERO;
    const { weights, scale } = c.votes;
    const v = g.times(weights.good).plus(f.times(weights.fair)).plus(p.times(weights.poor)).dividedBy(divisor).times(scale);
    if (trace) step(trace, 'R6', `${c.name}：(${g}×${weights.good} + ${f}×${weights.fair} + ${p}×${weights.poor}) ÷ ${divisor} × ${scale} = ${v.toString()}`, `${c.name}: (${g}×${weights.good} + ${f}×${weights.fair} + ${p}×${weights.poor}) / ${divisor} × ${scale} = ${v}`, e.source);
    return v;
  }
  if (e.score) {
    if (trace) step(trace, 'R6', `${c.name}：评议得分 ${e.score.toString()}`, `${c.name}: typed score ${e.score}`, e.source);
    return e.score;
  }
  if (c.gradePoints && e.grade && c.gradePoints[e.grade.trim()] !== undefined) {
    const v = dec(c.gradePoints[e.grade.trim()]!);
    if (trace) step(trace, 'R6', `${c.name}：评议等次「${e.grade}」计 ${v.toString()}`, `${c.name}: grade ${e.grade} → ${v}`, e.source);
    return v;
  }
  if (isCycle && weighs) flags.push('缺少民主评议');
  return ZERO;
}

/** R11: base by tier; a member with no tier gets 0 and a flag. R16: base from last year's total. */
function tierBaseValue(ctx: BranchContext, c: Component, m: Member, trace: Trace, flags: string[]): Dec {
  if (c.fromHistory) {
    const last = lastCycle(ctx, m);
    if (last) {
      return baseFromHistory(c, last, trace);
    }
    if (trace) step(trace, 'R16', `${c.name}：没有上年度积分记录，按第一年计`, `${c.name}: no result of last year; counted as a first year`);
  }
  if (ctx.scheme.tiers.length > 0) {
    const tier = ctx.cat.tier(m.tier);
    if (!tier) {
      flags.push('缺少层次');
      if (trace) step(trace, 'R11', `${c.name}：没有层次（或层次不在方案中），基础分计 0`, `${c.name}: no tier, base 0`, m.source);
      return ZERO;
    }
    if (trace) step(trace, 'R11', `${c.name}：层次「${tier.name}」基础分 ${tier.base}`, `${c.name}: tier ${tier.name} base ${tier.base}`, m.source);
    return dec(tier.base);
  }
  return dec(c.base ?? 0);
}

/** R8: a veto item or a veto-type sanction dated up to the period end (or undated). */
function findVeto(ctx: BranchContext, d: MemberData): { reason: string; source: EventRow['source'] } | undefined {
  for (const ev of d.events) {
    if (ev.item.veto && ev.row.date! <= ctx.period.end) return { reason: ev.item.name, source: ev.row.source };
  }
  for (const s of d.sanctions) {
    if (ctx.cat.isVetoType(s.type) && sanctionHolds(s, ctx.period)) return { reason: s.type + (s.note ? `（${s.note}）` : ''), source: s.source };
  }
  return undefined;
}
