// Step "compute", gathering: a branch ledger's records, events, evaluations and sanctions grouped by
// member, events resolved to their items and points, shared awards split (R19), card 加分项 as events.
import type { Component, Item } from '../../scheme/schema.js';
import { MemberIndex } from '../catalogue.js';
import { monthIndexOf } from '../cycle.js';
import { compare, times } from '../decimal.js';
import { recordCell, type EventRow, type Member, type RecordRow } from '../model.js';
import { cardBonusComponent } from '../rules/components.js';
import { eventUnitPoints } from '../rules/events.js';
import { sortUnlessOrdered } from '../order.js';
import { norm } from '../text.js';
import { type BranchContext, emptyData, type MemberData, ONE, recordEnd, type ResolvedEvent } from './context.js';
import { carriedIn, linkMember } from './sanctions.js';

/**
 * Each member's data by key, made on first use. A class, not closures made for each ledger: V8 keeps
 * what it compiled of its methods from one ledger to the next (issue 23).
 */
class Gathered {
  readonly out = new Map<string, MemberData>();

  constructor(private readonly index: MemberIndex) {}

  for(member: Member | undefined): MemberData | undefined {
    if (!member) return undefined;
    let d = this.out.get(member.key);
    if (!d) this.out.set(member.key, (d = emptyData()));
    return d;
  }

  /** The data of the member a row names (by name and 编号); undefined when the row names no one on the roster. */
  of(name: string, id?: string): MemberData | undefined {
    return this.for(this.index.resolve(name, id).member);
  }
}

/** The events gathered so far (collect), the shared awards' contributors and each contributor's row counted. */
interface EventGathering {
  ctx: BranchContext;
  index: MemberIndex;
  data: Gathered;
  contributors: Map<string, Set<string>>;
  pending: { d: MemberData; ev: ResolvedEvent; memberKey: string }[];
  ownShare: Map<string, number>;
}

/** One 加减分明细 row resolved to its member, item, month and points (a function of its own: V8 compiles it once, issue 23). */
function gatherEvent(row: EventRow, g: EventGathering): void {
  const { ctx, index, data, contributors, pending, ownShare } = g;
  const item = ctx.cat.item(row.item);
  if (!item || !row.date) return;
  const month = monthIndexOf(ctx.cycle, row.date);
  if (month < 0) return;
  const { member } = index.resolve(row.name, row.id);
  const d = data.for(member);
  if (!d || !member) return;
  const unit = eventUnitPoints(ctx.cat, item, row);
  if (unit === undefined) return;
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
      return;
    }
    ownShare.set(mine, pending.length);
  }
  pending.push({ d, ev, memberKey: member.key });
}

/** Events in date order (stable: rows of one day keep the sheet's order). */
function byDate(a: ResolvedEvent, b: ResolvedEvent): number {
  return a.row.date! < b.row.date! ? -1 : a.row.date! > b.row.date! ? 1 : 0;
}

/** Groups records, events, evaluations and sanctions by member; resolves items; splits shared awards (R19). */
export function collect(ctx: BranchContext): Map<string, MemberData> {
  const index = MemberIndex.of(ctx.ledger.members);
  const data = new Gathered(index);
  const { out } = data;
  // The records' members were found once for the checks (resolveRows): the same answers here.
  const resolved = index.resolveRows(ctx.ledger.records);
  const records = ctx.ledger.records;
  for (let i = 0; i < records.length; i++) {
    const d = data.for(resolved[i]!.member);
    if (d) d.records[records[i]!.period] = records[i]!;
  }
  for (const r of ctx.ledger.annual ?? []) {
    const d = data.of(r.name, r.id);
    if (d) d.annual = r;
  }
  for (const r of ctx.ledger.scores ?? []) {
    const d = data.of(r.name, r.id);
    if (d) (d.scores ??= new Map()).set(r.period, r);
  }
  const events: EventGathering = { ctx, index, data, contributors: new Map(), pending: [], ownShare: new Map() };
  for (const row of ctx.ledger.events) gatherEvent(row, events);
  const { contributors, pending } = events;
  for (const { d, ev } of pending) {
    if (ev.item.split) {
      const n = contributors.get(`${ev.item.id}\u0000${norm(ev.row.project ?? ev.row.item)}`)?.size ?? 1;
      ev.raw = ev.raw.dividedBy(n);
    }
    d.events.push(ev);
  }
  for (const e of ctx.ledger.evaluations) {
    const d = data.of(e.name, e.id);
    if (d) d.evaluation = e;
  }
  for (const s of ctx.ledger.sanctions) {
    if (s.date && monthIndexOf(ctx.cycle, s.date) < 0 && !carriedIn(ctx.cat, s, ctx.cycle)) continue;
    // A card's 扣分项 is written on a month row: it counts from that period's end (periods are closed).
    data.of(s.name, s.id)?.sanctions.push(s.date || s.period === undefined ? s : { ...s, date: recordEnd(ctx, s.period) });
  }
  cardBonuses(ctx, data);
  if (ctx.scheme.overrides.some((o) => o.deduct)) for (const d of out.values()) linkMember(ctx, d);
  // In date order (stable: rows of one day keep the sheet's order); most members' are already.
  for (const d of out.values()) sortUnlessOrdered(d.events, byDate);
  return out;
}

/** The item a card's 加分项 stands for: the month's bonus points with no item, under the bonus component's caps. */
const cardItems = new WeakMap<Component, Record<string, Item>>();
function cardBonusItem(c: Component, form: '记录卡' | '评分汇总表'): Item {
  let items = cardItems.get(c);
  if (!items) cardItems.set(c, (items = {}));
  return (items[form] ??= { id: `${c.id}:${form}`, name: `${c.name}（${form}）`, aliases: [], component: c.id, highestOnly: false, highestPer: 'project', split: false, beyondCap: false, zeroes: false, veto: false });
}

/** A card's 加分项 cells as events of the month (dated at its end), so the bonus component's caps and periods apply as to 加减分明细 rows. */
function cardBonuses(ctx: BranchContext, data: Gathered): void {
  const c = cardBonusComponent(ctx.scheme);
  if (!c) return;
  const annual = new Set(ctx.ledger.annual ?? []);
  // The month rows, then a summary's rows (not one array of both: a county ledger has 24,000 rows).
  const records = ctx.ledger.records;
  for (let i = 0; i < records.length; i++) if (records[i]!.bonus) cardBonus(ctx, data, c, records[i]!, annual.has(records[i]!));
  for (const r of annual) if (r.bonus) cardBonus(ctx, data, c, r, true);
}

/** One 加分项 cell as an event of its member: a card's month (dated at its end) or a summary's year (dated at the cycle's end). */
function cardBonus(ctx: BranchContext, data: Gathered, c: Component, r: RecordRow, year: boolean): void {
  const d = data.of(r.name, r.id);
  if (!d) return;
  const date = year ? ctx.cycle.end : recordEnd(ctx, r.period);
  const item = cardBonusItem(c, year ? '评分汇总表' : '记录卡');
  const row: EventRow = { date, name: r.name, item: item.name, count: ONE, points: r.bonus!, source: recordCell(r, 'bonus') };
  if (r.id) row.id = r.id;
  d.events.push({ row, item, month: monthIndexOf(ctx.cycle, date), raw: r.bonus! });
}

