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
  /** Members of the branch: what expanding it costs, known before it is expanded. */
  members: number;
}

/**
 * A batch of up to this many members keeps its graded branches expanded between the passes (a
 * county of 100,000 is expanded and graded once, as before, at the same peak); a bigger one keeps
 * none, and each branch is expanded and graded again for each pass: memory stays flat.
 */
export const KEPT_MEMBERS = Number(process.env.SCORE_KEPT_MEMBERS ?? 120_000);
/**
 * …and of up to this many branches: many small branches kept open cost more than their members
 * (county-branches, 2,800 × 36 members: peak 397 MB kept, 253 MB re-expanded for 7 % more time;
 * county, 50 × 2,000: 299 MB kept, no lower re-expanded and 10 % slower).
 */
export const KEPT_BRANCHES = Number(process.env.SCORE_KEPT_BRANCHES ?? 500);

export interface PackedGradeInput {
  scheme: Scheme;
  year: number;
  history?: HistoryEntry[];
  trace?: boolean;
  /** false: no branch is kept open between passes (one pass only: the write worker's). */
  keep?: boolean;
}

/** The period and grading options of a packed batch: the same for its quota pass and its branches. */
function setup(input: PackedGradeInput): { period: ReturnType<typeof cyclePeriod>; cycle: ReturnType<typeof cycleOf>; opts: GradeOptions } {
  const cycle = cycleOf(input.year, input.scheme.cycle);
  const opts: GradeOptions = { quotaScope: input.scheme.quota?.scope ?? 'branch', history: historyLookup(input.history ?? []), cycleYear: cycle.year, trace: input.trace ?? true };
  return { cycle, period: cyclePeriod(cycle), opts };
}

/**
 * A township quota's cut over the packed branches: a pass that expands each (nothing is kept).
 * Undefined for a branch quota, or when no one is a candidate. Worked out once: the main thread
 * grades with it, and the write worker is given it.
 */
export function townshipCut(input: PackedGradeInput, packed: readonly PackedBranch[]): QuotaCut | undefined {
  const { period, opts } = setup(input);
  if (opts.quotaScope !== 'township') return undefined;
  const quota = new TownshipQuota(input.scheme, period, opts);
  for (const p of packed) quota.add(branchFromBytes(p.bytes));
  return quota.cut();
}

/** Whether gradePacked keeps these branches open between the passes (KEPT_MEMBERS, KEPT_BRANCHES), or expands each again. */
export function keptOpen(packed: readonly PackedBranch[]): boolean {
  return packed.reduce((n, p) => n + p.members, 0) <= KEPT_MEMBERS && packed.length <= KEPT_BRANCHES;
}

/** The graded period over packed branches (one per ledger, in order), with townshipCut's cut; nothing is expanded yet. */
export function gradePacked(input: PackedGradeInput, packed: readonly PackedBranch[], cut: QuotaCut | undefined): GradedPeriod {
  const { scheme } = input;
  const { cycle, period, opts } = setup(input);
  // Branches opened stay open when the whole batch fits in KEPT_MEMBERS and KEPT_BRANCHES (decided before the first is
  // opened, from the branches' member counts): every later pass (the 公示名单, the 评定结果, --json) finds them so.
  // A bigger batch keeps none: a partial cache would miss on every sequential pass anyway, and its
  // large live set lets the heap grow with the other branches' expansions (county-x4 peaked at
  // 453 MB keeping the first 120,000 members, 308 MB keeping none).
  const kept: (BranchResult | undefined)[] | undefined = input.keep !== false && keptOpen(packed) ? [] : undefined;
  return {
    schemeId: scheme.id,
    cycle,
    period,
    issues: [],
    names: packed.map((p) => p.branch),
    open(i: number): BranchResult {
      const known = kept?.[i];
      if (known) return known;
      const b = branchFromBytes(packed[i]!.bytes);
      gradeBranch(scheme, b, period, opts, cut);
      if (kept) kept[i] = b;
      return b;
    },
  };
}
