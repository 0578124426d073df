// Step "compute", accumulate components (R2, R3, R4, R19): events × unit points, the highest level only
// per project, then the item, group and component caps in date order. Pure.
import type { Component } from '../../scheme/schema.js';
import { add, type Dec, dec, maxDec, minDec, sub, ZERO } from '../decimal.js';
import { belowHighest, projectKey } from '../rules/events.js';
import { type BranchContext, inPeriod, recordOfMonth, type ResolvedEvent, step, type Trace } from './context.js';

/** What is left of `want` under a cap, with what the earlier rows used of it (`used` by key): that part is used too. */
function take(used: Map<string, Dec>, key: string, cap: number | undefined, want: Dec): Dec {
  if (cap === undefined) return want;
  const u = used.get(key) ?? ZERO;
  const got = maxDec(ZERO, minDec(want, sub(dec(cap), u)));
  used.set(key, add(u, got));
  return got;
}

/** R3's key of a resolved row (its item and project). */
function resolvedProjectKey(ev: ResolvedEvent): string | undefined {
  return projectKey(ev.item, ev.row.project);
}

/** R3 compares a project's resolved rows by their points before any cap. */
function rawPoints(ev: ResolvedEvent): Dec {
  return ev.raw;
}

/**
 * R2/R3/R19 over the cycle up to the period's end, in date order: highest level only per project, then
 * the item cap, the group cap and the component cap (per cycle or per record period); each event keeps
 * what survives the caps, and the period takes the events dated in it.
 */
export function accumulateValue(ctx: BranchContext, c: Component, all: ResolvedEvent[], trace: Trace): Dec {
  // Periods are closed: a row dated after the period cannot change it (a 市 award in August does not
  // take back a 县 award of the same 项目 in Q1); the later period sees both and counts the highest.
  const end = ctx.period.end;
  const events: ResolvedEvent[] = [];
  for (const ev of all) if (ev.item.component === c.id && !ev.item.veto && ev.row.date! <= end) events.push(ev);
  const skipped = belowHighest(events, resolvedProjectKey, rawPoints, undefined);
  const used = new Map<string, Dec>();
  let value = ZERO;
  for (const ev of events) {
    let v = ev.raw;
    if (skipped.has(ev)) {
      if (trace && inPeriod(ctx.period, ev)) {
        if (ev.item.highestPer === 'category') step(trace, 'R3', `${ev.item.name}：同类别不重复加分，只计最高的一次，本条不计`, `${ev.item.name}: one award per category, the highest; this row not counted`, ev.row.source);
        else step(trace, 'R3', `${ev.item.name}「${ev.row.project}」同一项目以最高级计分，本条不计`, `${ev.item.name} "${ev.row.project}": counted once at the highest level; this row not counted`, ev.row.source);
      }
      continue;
    }
    const want = v;
    v = take(used, `item:${ev.item.id}`, ev.item.cap, v);
    if (ev.item.group) v = take(used, `group:${ev.item.group}`, c.groups.find((g) => g.id === ev.item.group)?.cap, v);
    if (!ev.item.beyondCap) {
      const capKey = c.capPer === 'record' ? `comp:${recordOfMonth(ctx.scheme, ev.month)}` : 'comp';
      v = take(used, capKey, c.cap, v);
    }
    if (!inPeriod(ctx.period, ev)) continue;
    const split = ev.item.split ? '（平分）' : '';
    if (trace) step(trace, ev.item.split ? 'R19' : 'R2', `${c.name}：${ev.item.name}${ev.row.level ? `（${ev.row.level}）` : ''}${split} ${want.toString()}${v.equals(want) ? '' : `，受上限限制计 ${v.toString()}`}`, `${c.name}: ${ev.item.name} ${want}${v.equals(want) ? '' : `, capped to ${v}`}`, ev.row.source);
    value = add(value, v);
  }
  return value;
}

