// Grading a county branch by branch: the read workers' branches stay packed (their UTF-8 JSON,
// src/batch/revive.ts) until each is written; opening one expands it and grades it, and it is
// dropped again once its rows are out. A township quota is worked out first from each branch's
// candidates' totals (counts per total), so every branch gets the same grades as gradeAll gives
// over the whole batch. Memory then grows with the largest branch, not the county (issue 23).
import { cycleOf, cyclePeriod } from '../core/cycle.js';
import { historyLookup } from '../core/engine.js';
import { gradeBranch, TownshipQuota, type GradeOptions, type QuotaCut } from '../core/grade/grade.js';
import type { HistoryEntry } from '../core/model.js';
import type { BranchResult, GradedPeriod } from '../core/result.js';
import type { Scheme } from '../scheme/schema.js';
import { branchFromBytes } from './revive.js';

/** A branch as the read workers sent it (src/batch/revive.ts branchToBytes), with its name. */
export interface PackedBranch {
  bytes: Uint8Array;
  branch: string;
}

/**
 * Members whose graded branches stay expanded between the passes over a batch (about 80 MB of heap
 * at 100,000): a county up to this size is expanded and graded once, as before; beyond it memory
 * stays at this bound and the other branches are expanded and graded again for each pass.
 */
export const KEPT_MEMBERS = Number(process.env.SCORE_KEPT_MEMBERS ?? 120_000);

export interface PackedGradeInput {
  scheme: Scheme;
  year: number;
  history?: HistoryEntry[];
  quotaScope?: 'branch' | 'township';
  trace?: boolean;
}

/** The graded period over packed branches (one per ledger, in order); nothing is expanded yet but a township quota's pass. */
export function gradePacked(input: PackedGradeInput, packed: readonly PackedBranch[]): GradedPeriod {
  const { scheme } = input;
  const cycle = cycleOf(input.year, scheme.cycle);
  const period = cyclePeriod(cycle);
  const opts: GradeOptions = { quotaScope: input.quotaScope ?? scheme.quota?.scope ?? 'branch', history: historyLookup(input.history ?? []), cycleYear: cycle.year, trace: input.trace ?? true };
  let cut: QuotaCut | undefined;
  if (opts.quotaScope === 'township') {
    const quota = new TownshipQuota(scheme, period, opts);
    for (const p of packed) quota.add(branchFromBytes(p.bytes));
    cut = quota.cut();
  }
  // The first branches opened stay open up to KEPT_MEMBERS: every later pass (the 公示名单, the
  // 评定结果, --json) finds them so; the rest are expanded again for each (a sequential pass evicting
  // the oldest would find none).
  const kept: (BranchResult | undefined)[] = [];
  let keptMembers = 0;
  return {
    schemeId: scheme.id,
    cycle,
    period,
    issues: [],
    names: packed.map((p) => p.branch),
    open(i: number): BranchResult {
      const known = kept[i];
      if (known) return known;
      const b = branchFromBytes(packed[i]!.bytes);
      gradeBranch(scheme, b, period, opts, cut);
      if (keptMembers + b.members.length <= KEPT_MEMBERS) {
        kept[i] = b;
        keptMembers += b.members.length;
      }
      return b;
    },
  };
}
