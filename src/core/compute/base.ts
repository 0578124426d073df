// Step "compute", base components: the base by member tier (R11), or a share of last year's total
// (R16) looked up in the history; deduct components take the same R16 base. Pure.
import type { Component } from '../../scheme/schema.js';
import { compare, type Dec, dec, ZERO } from '../decimal.js';
import type { HistoryEntry, Member } from '../model.js';
import { type BranchContext, step, type Trace } from './context.js';

/** The member's result of the cycle before this one (R16), if the history has it. */
export function lastCycle(ctx: BranchContext, m: Member): HistoryEntry | undefined {
  return ctx.history.of(m, ctx.ledger.branch).find((h) => h.cycle === ctx.cycle.year - 1);
}

/** R16: this year's base from last year's total × pct, at most the component's cap (it-bureau: 20% of 105 is 21 → 20). */
export function baseFromHistory(c: Component, last: HistoryEntry, trace: Trace): Dec {
  const pct = c.fromHistory!.pct;
  const v = last.total.times(pct);
  if (trace) step(trace, 'R16', `${c.name}：上年度总分 ${last.total.toString()} × ${pct} = ${v.toString()}`, `${c.name}: last year ${last.total} × ${pct} = ${v}`);
  if (c.cap !== undefined && compare(v, dec(c.cap)) > 0) {
    if (trace) step(trace, 'R16', `${c.name} ${v.toString()} 超过满分 ${c.cap}，计 ${c.cap}`, `${c.name} ${v} capped at ${c.cap}`);
    return dec(c.cap);
  }
  return v;
}

/** R11: base by tier; a member with no tier gets 0 and a flag. R16: base from last year's total. */
export function tierBaseValue(ctx: BranchContext, c: Component, m: Member, trace: Trace, flags: string[]): Dec {
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

