// Step "compute", recorded components (R1, R10): the points typed per record period (月表/季表, a
// card, or a 评分汇总表 sent as the year), minus the events aimed at an entry, then summed or averaged.
import type { Component, Scheme } from '../../scheme/schema.js';
import { colNumber } from '../a1.js';
import type { Period } from '../cycle.js';
import { compare, type Dec, dec, divideBy, sub, sum, Total, ZERO } from '../decimal.js';
import { recordCell, type RecordRow } from '../model.js';
import type { TraceStep } from '../result.js';
import { blankIsZero } from '../rules/components.js';
import { type BranchContext, entryKeys, type MemberData, NO_EVENTS, recordOfMonth, type ResolvedEvent, show, step, type Trace } from './context.js';
import { deductFromEntry } from './deduct.js';

/** The record periods of a period in which the member was on the roll: its months, its quarters, or none (a yearly record). */
export function recordPeriodsOf(scheme: Scheme, period: Period, active: readonly number[]): number[] {
  const months: number[] = [];
  for (const m of active) if (period.months.includes(m)) months.push(m);
  if (scheme.cycle.record === 'month') return months;
  if (scheme.cycle.record === 'quarter') return [...new Set(months.map((m) => Math.floor(m / 3)))];
  return [];
}

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

const minsCache = new WeakMap<Component, Dec[]>();

/** The floors of a component's entries as decimals, made once per component. */
function entryMins(c: Component): Dec[] {
  let m = minsCache.get(c);
  if (!m) minsCache.set(c, (m = c.entries.map((e) => dec(e.min))));
  return m;
}

/** R1 on a recorded component: each record period's entries, minus targeted events, floored; then sum or mean (R10). */
export function recordedValue(ctx: BranchContext, c: Component, d: MemberData, records: number[], trace: Trace, flags: string[]): Dec {
  const { scheme } = ctx;
  if (ctx.ledger.annual) return annualValue(c, d.annual, trace, flags);
  // The record periods' totals, added up as they come (no list per member and component).
  const perRecord = new Total();
  let periods = 0;
  const keys = entryKeys(c);
  const mins = entryMins(c);
  const targeted = targetedEvents(scheme, d);
  // The events aimed at each entry, by record period (looked up once per member, not per period).
  const aimed = targeted.size === 0 ? undefined : keys.map((k) => targeted.get(k));
  const parts = new Array<Dec>(c.entries.length);
  for (const r of records) {
    const row = d.records[r];
    if (row?.parts?.includes(c.id)) {
      perRecord.add(partTotalValue(ctx, c, row, r, aimed, mins, trace, flags));
      periods++;
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
    perRecord.add(total);
    periods++;
    if (row && trace) step(trace, 'R2', `${c.name}（${row.source.sheet ?? `第${r + 1}期`}）：${total.toString()}`, `${c.name} (${row.source.sheet ?? r + 1}): ${total}`, valueCells(row, keys));
  }
  if (periods === 0) return ZERO;
  const s = perRecord.value;
  let value = s;
  if (scheme.cycle.aggregate === 'mean') {
    value = divideBy(s, periods);
    if (trace) step(trace, 'R10', `${c.name}：${periods} 期合计 ${s.toString()}，平均 ${show(value)}`, `${c.name}: ${periods} periods sum ${s}, mean ${show(value)}`);
  } else {
    if (trace) step(trace, 'R10', `${c.name}：${periods} 期合计 ${s.toString()}`, `${c.name}: ${periods} periods sum ${s}`);
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
