// Step "compute", what its parts share: the branch context, a member's gathered rows, the trace
// they write to and the record-period arithmetic. Pure: no I/O.
import type { Component, Item, Scheme } from '../../scheme/schema.js';
import type { Catalogue } from '../catalogue.js';
import { monthRange, type Cycle, type Period } from '../cycle.js';
import { type Dec, dec } from '../decimal.js';
import type { EventRow, Evaluation, HistoryLookup, Ledger, RecordRow, Sanction } from '../model.js';
import type { TraceStep } from '../result.js';

/** What every part reads while one branch is computed for one period. */
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
export interface ResolvedEvent {
  row: EventRow;
  item: Item;
  month: number;
  raw: Dec;
}

export interface MemberData {
  /** The member's record row of each record period (by its index; a later row of a period replaces an earlier). An array, not a Map: a county ledger gathers 2,000 of them. */
  records: (RecordRow | undefined)[];
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
export type Trace = TraceStep[] | undefined;

/** The gathered rows of a member with none. */
export function emptyData(): MemberData {
  return { records: [], events: [], sanctions: [] };
}

export const NO_EVENTS: ResolvedEvent[] = [];

/**
 * The event is dated in the period computed. A function of the module, not a closure made for each
 * member: V8 keeps what it compiled of it from one ledger to the next (issue 23).
 */
export function inPeriod(period: Period, ev: ResolvedEvent): boolean {
  return period.months.includes(ev.month);
}
export const ONE = dec(1);

/** A number for a trace line: exact (the terminal rounds it for display; `explain --exact` shows fractions). */
export function show(v: Dec): string {
  return v.toString();
}

/** Adds a rule's step to a member's trace (callers test `trace` first, so no text is built for nothing). */
export function step(trace: TraceStep[], rule: string, zh: string, en: string, source?: TraceStep['source']): void {
  trace.push(source ? { rule, zh, en, source } : { rule, zh, en });
}

/** The record period (a month, or a quarter) a month of the cycle falls in. */
export function recordOfMonth(scheme: Scheme, month: number): number {
  return scheme.cycle.record === 'quarter' ? Math.floor(month / 3) : month;
}

/** The last day of a record period (a month, or a quarter's last month). */
export function recordEnd(ctx: BranchContext, period: number): string {
  return monthRange(ctx.cycle, ctx.scheme.cycle.record === 'quarter' ? period * 3 + 2 : period).end;
}

const keyCache = new WeakMap<Component, string[]>();

/** `componentId.entryId` of each entry, made once per component. */
export function entryKeys(c: Component): string[] {
  let k = keyCache.get(c);
  if (!k) keyCache.set(c, (k = c.entries.map((e) => `${c.id}.${e.id}`)));
  return k;
}
