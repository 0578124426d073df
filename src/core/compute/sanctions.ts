// Step "compute", vetoes and sanctions: 否决与处分 rows that hold in a period, 处分 carried in from an
// earlier cycle, sanctions linked to deductions (R15), and the veto that makes a total 0 (R8). Pure.
import type { Catalogue } from '../catalogue.js';
import { monthIndexOf, type Cycle } from '../cycle.js';
import { dec } from '../decimal.js';
import type { EventRow, Sanction } from '../model.js';
import { eventUnitPoints } from '../rules/events.js';
import { linkSanctions } from '../rules/sanction-links.js';
import type { BranchContext, MemberData } from './context.js';

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

/**
 * R15 with a deduction (overrides[].deduct): a sanction entered only in 否决与处分 also deducts as its
 * item (dated at the sanction, or the cycle's last day), and a 加减分明细 row of that item and level
 * also counts as the sanction; entered in both places, it counts once (validate warns).
 */
export function linkMember(ctx: BranchContext, d: MemberData): void {
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

/** R8: a veto item or a veto-type sanction dated up to the period end (or undated). */
export function findVeto(ctx: BranchContext, d: MemberData): { reason: string; source: EventRow['source'] } | undefined {
  for (const ev of d.events) {
    if (ev.item.veto && ev.row.date! <= ctx.period.end) return { reason: ev.item.name, source: ev.row.source };
  }
  for (const s of d.sanctions) {
    if (ctx.cat.isVetoType(s.type) && sanctionHolds(s, ctx.period)) return { reason: s.type + (s.note ? `（${s.note}）` : ''), source: s.source };
  }
  return undefined;
}
