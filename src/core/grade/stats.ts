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
  // A member transferred out is listed with the points to date but counted by the receiving branch.
  const inTotals = members.filter((m) => m.participates && !m.transferredOut);
  const graded = inTotals.filter((m) => m.graded);
  const counts = new Map<string, number>();
  for (const m of graded) if (m.grade) counts.set(m.grade, (counts.get(m.grade) ?? 0) + 1);
  const s: BranchStats = { members: inTotals.length, graded: graded.length, counts };
  if (graded.length) s.average = roundTo(sum(graded.map((m) => m.total)).dividedBy(graded.length), scheme.precision);
  if (scheme.quota) {
    // Everyone who can receive the capped grade counts (SCHEMES.md R13).
    const base = graded;
    const top = base.filter((m) => m.grade === scheme.quota!.grade).length;
    if (base.length) {
      s.quotaShare = new Dec(top).dividedBy(base.length).toDecimalPlaces(4);
      s.quotaOk = top <= quotaCap(base.length, scheme.quota.pct);
    }
  }
  return s;
}
