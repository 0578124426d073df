// Step "compute", deduct components (R1): entries start full (or at a score sheet's typed scores, or
// at last year's share, R16), events subtract, 该项不得分 zeroes an entry, floors hold (扣完为止).
import type { Component } from '../../scheme/schema.js';
import { add, compare, type Dec, dec, maxDec, sub, ZERO } from '../decimal.js';
import { type Member, recordCell } from '../model.js';
import { baseFromHistory, lastCycle } from './base.js';
import { type BranchContext, entryKeys, type MemberData, type ResolvedEvent, step, type Trace } from './context.js';

/** R1 on one entry: events subtract from its starting points, 该项不得分 zeroes it, floored at its minimum (扣完为止). */
export function deductFromEntry(e: Component['entries'][number], min: Dec, start: Dec, events: ResolvedEvent[], trace: Trace): Dec {
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

/**
 * A scoreSheet component's starting points: each entry's typed score in the member's score-sheet row;
 * a blank or a missing row counts 0 and flags 缺少记录 (validate reports it at the cell).
 */
export function scoreStarts(ctx: BranchContext, c: Component, d: MemberData, trace: Trace, flags: string[]): Dec[] {
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
export function deductValue(ctx: BranchContext, c: Component, m: Member, events: ResolvedEvent[], trace: Trace, starts?: Dec[]): Dec {
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

