// Per-branch figures of a graded period (党员数, 参评人数, 平均分, count per grade, quota share):
// computed once here for the 总览 sheet and the terminal table alike. Pure.
import type { Scheme } from '../../scheme/schema.js';
import { Dec, roundTo, sum } from '../decimal.js';
import { quotaCap } from './grade.js';
import type { MemberResult } from '../result.js';

export interface BranchStats {
  /** Members taking part (exempt members are not counted). */
  members: number;
  graded: number;
  /** Mean total of the graded members, rounded to the scheme's precision. */
  average?: Dec;
  counts: Map<string, number>;
  /** Share of the quota grade among the members that count for the quota (4 decimals). */
  quotaShare?: Dec;
  quotaOk?: boolean;
}

export function branchStats(scheme: Scheme, members: readonly MemberResult[]): BranchStats {
  return statsOf(scheme, tallyOf(members));
}

/** What BranchStats are made of, added up branch by branch (a county's total without holding its members). */
export interface Tally {
  members: number;
  graded: number;
  /** Sum of the graded members' totals (exact). */
  sum: Dec;
  counts: Map<string, number>;
}

export function tallyOf(members: readonly MemberResult[]): Tally {
  // A member transferred out is listed with the points to date but counted by the receiving branch.
  const inTotals = members.filter((m) => m.participates && !m.transferredOut);
  const graded = inTotals.filter((m) => m.graded);
  const counts = new Map<string, number>();
  for (const m of graded) if (m.grade) counts.set(m.grade, (counts.get(m.grade) ?? 0) + 1);
  return { members: inTotals.length, graded: graded.length, sum: sum(graded.map((m) => m.total)), counts };
}

/** Two tallies as one (the counts keep the order grades first appear in). */
export function addTally(a: Tally, b: Tally): Tally {
  const counts = new Map(a.counts);
  for (const [g, n] of b.counts) counts.set(g, (counts.get(g) ?? 0) + n);
  return { members: a.members + b.members, graded: a.graded + b.graded, sum: sum([a.sum, b.sum]), counts };
}

export function statsOf(scheme: Scheme, t: Tally): BranchStats {
  const s: BranchStats = { members: t.members, graded: t.graded, counts: t.counts };
  if (t.graded) s.average = roundTo(t.sum.dividedBy(t.graded), scheme.precision);
  if (scheme.quota) {
    // Everyone who can receive the capped grade counts (SCHEMES.md R13).
    const top = t.counts.get(scheme.quota.grade) ?? 0;
    if (t.graded) {
      s.quotaShare = new Dec(top).dividedBy(t.graded).toDecimalPlaces(4);
      s.quotaOk = top <= quotaCap(t.graded, scheme.quota.pct);
    }
  }
  return s;
}
