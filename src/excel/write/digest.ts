// What the 总览, the 图表, the 公示名单's columns and the terminal table need of a graded period, in
// compact numbers per branch (counts, sums, score counts): made in one pass that opens each branch
// and drops it, so a county's whole results are never held at once (issue 23 item 3).
import { ZERO } from '../../core/decimal.js';
import { followUpFlags } from '../../core/grade/grade.js';
import { addTally, tallyOf, type Tally } from '../../core/grade/stats.js';
import type { BranchResult, GradedPeriod, MemberResult, PeriodResult } from '../../core/result.js';
import { asGraded } from '../../core/result.js';
import type { Scheme } from '../../scheme/schema.js';
import { scoreNumber } from './summary.js';

/** Who is not in 参评人数, counted (the 总览's 备注). */
export interface NotGraded {
  /** Members taking part but not graded, by category (in the order the categories first appear). */
  categories: Map<string, number>;
  /** Members not taking part (不参加积分管理), listed or not. */
  exempt: number;
  /** Members transferred out during the period. */
  moved: number;
  /** The unscored exempt members' names (the branch's `exempt`). */
  unscored: string[];
}

export interface BranchDigest {
  branch: string;
  tally: Tally;
  notGraded: NotGraded;
}

export interface Digest {
  branches: BranchDigest[];
  /** Members listed (every branch's members). */
  members: number;
  /** Members with a follow-up flag or a veto (需关注). */
  attention: number;
  /** Graded members' rounded totals → how many (the 图表's distribution); empty when no one is graded. */
  scores: Map<number, number>;
  /** The 公示名单's columns: someone published has a grade or stars, someone has a rank, … */
  published: { graded: boolean; ranked: boolean; vetoed: boolean; ungraded: boolean; unranked: boolean };
}

/** Who a 公示 lists: members taking part in the points and still in the branch at the period's end. */
export function published(m: MemberResult): boolean {
  return m.participates && !m.transferredOut;
}

export function notGradedOf(members: readonly MemberResult[], unscored: readonly string[] = []): NotGraded {
  const categories = new Map<string, number>();
  let exempt = 0;
  let moved = 0;
  for (const m of members) {
    if (!m.participates) exempt++;
    else if (m.transferredOut) moved++;
    else if (!m.graded) categories.set(m.category, (categories.get(m.category) ?? 0) + 1);
  }
  return { categories, exempt, moved, unscored: [...unscored] };
}

export function addNotGraded(a: NotGraded, b: NotGraded): NotGraded {
  const categories = new Map(a.categories);
  for (const [c, n] of b.categories) categories.set(c, (categories.get(c) ?? 0) + n);
  return { categories, exempt: a.exempt + b.exempt, moved: a.moved + b.moved, unscored: [...a.unscored, ...b.unscored] };
}

const digests = new WeakMap<object, Digest>();

/**
 * The digest of a graded period (made once: every branch opened in turn). `visit` sees each branch
 * while it is open (the history check uses the same pass).
 */
export function digestOf(scheme: Scheme, r: PeriodResult | GradedPeriod, visit?: (b: BranchResult) => void): Digest {
  const known = digests.get(r);
  if (known) return known;
  const g = asGraded(r);
  const d: Digest = { branches: [], members: 0, attention: 0, scores: new Map(), published: { graded: false, ranked: false, vetoed: false, ungraded: false, unranked: false } };
  const p = d.published;
  for (let i = 0; i < g.names.length; i++) {
    const b = g.open(i);
    visit?.(b);
    d.branches.push({ branch: b.branch, tally: tallyOf(b.members), notGraded: notGradedOf(b.members, b.exempt) });
    d.members += b.members.length;
    for (const m of b.members) {
      if (followUpFlags(m).length > 0 || m.vetoed) d.attention++;
      if (m.participates && m.graded) {
        const s = scoreNumber(m.total, scheme.precision);
        d.scores.set(s, (d.scores.get(s) ?? 0) + 1);
      }
      if (m.rank !== undefined) p.ranked = true;
      if (!published(m)) continue;
      if (m.grade || m.stars) p.graded = true;
      if (m.vetoed) p.vetoed = true;
      if (!m.graded) p.ungraded = true;
      if (m.rank === undefined) p.unranked = true;
    }
  }
  digests.set(r, d);
  return d;
}

/** The whole period's tally and who is not graded (the 总览's 合计 row). */
export function totalOf(d: Digest): { tally: Tally; notGraded: NotGraded } {
  let tally: Tally = { members: 0, graded: 0, sum: ZERO, counts: new Map() };
  let notGraded: NotGraded = { categories: new Map(), exempt: 0, moved: 0, unscored: [] };
  for (const b of d.branches) {
    tally = addTally(tally, b.tally);
    notGraded = addNotGraded(notGraded, b.notGraded);
  }
  return { tally, notGraded };
}
