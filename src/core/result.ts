// The one result object: computed once, rendered many times (terminal table, --json,
// 评分汇总表, 评定结果, 公示名单, explain).
import type { Dec } from './decimal.js';
import type { Cycle, Period } from './cycle.js';
import type { Diagnostic } from './diagnostics.js';
import type { SourceRef } from './model.js';

/** One step of how a score was reached (what `score explain` prints). */
export interface TraceStep {
  /** Rule primitive code of SCHEMES.md: R1 … R20. */
  rule: string;
  zh: string;
  en: string;
  source?: SourceRef;
}

export interface ComponentValue {
  id: string;
  name: string;
  role: 'score' | 'bonus' | 'deduction';
  /** Value before weighting, exact. */
  value: Dec;
  weight: Dec;
  /**
   * The component has no value in this period and is left out of the total (shown blank, never as 0):
   * a year-end 评议 in a quarter, or a member transferred out before the 评议 (SCHEMES.md "Periods and later rows").
   */
  absent?: boolean;
}

export interface MemberResult {
  branch: string;
  file: string;
  name: string;
  id?: string;
  key: string;
  category: string;
  tier?: string;
  posts: string[];
  participates: boolean;
  components: ComponentValue[];
  bonus: Dec;
  deduction: Dec;
  vetoed: boolean;
  vetoReason?: string;
  /** Rounded to the scheme precision. */
  total: Dec;
  /** Total before rounding (exact), kept with the trace (explain); a county's grade does without. */
  exactTotal?: Dec;
  /** Whether this member is graded (category and participation). */
  graded: boolean;
  /** An exempt member listed with the annual score given by other means (名册 另行评定得分): total is that score. */
  scoredElsewhere?: boolean;
  grade?: string;
  stars?: number;
  rank?: number;
  flags: string[];
  /** The 评议等次 typed in 民主评议, when there is one (flag rules on it: company 基本合格 → 提醒谈话). */
  evaluationGrade?: string;
  /** 否决与处分 types recorded up to the period end (for overrides, R15). */
  sanctions: string[];
  trace: TraceStep[];
  /**
   * 转出日期 when the member left the branch by the end of the period (R20): listed with the points
   * to date and TRANSFERRED_FLAG, never graded, ranked, counted in a quota or published here.
   */
  transferredOut?: string;
}

/** The flag of a member transferred out before the period ends (SCHEMES.md "Partial years", decision turn 3). */
export const TRANSFERRED_FLAG = '已转出：积分随组织关系转交';

/** A roster member not on the roll in the period (joined after it, or left before it): not listed, said under the table. */
export interface OffRoll {
  name: string;
  joined?: string;
  left?: string;
}

export interface BranchResult {
  branch: string;
  file: string;
  schemeId: string;
  members: MemberResult[];
  /** Roster members not on the roll in this period (R20): left out of every list, named under the tables. */
  offRoll?: OffRoll[];
  /** Members who take no part (不参加积分管理) and have no score by other means: not scored, named under the tables. */
  exempt?: string[];
}

export interface PeriodResult {
  schemeId: string;
  cycle: Cycle;
  period: Period;
  branches: BranchResult[];
  issues: Diagnostic[];
}

/**
 * A graded period whose branches are expanded one at a time (a county's results are not all held
 * at once): the writers open each branch when its rows are written and drop it after. A
 * PeriodResult is one whose branches are all open already (asGraded).
 */
export interface GradedPeriod {
  schemeId: string;
  cycle: Cycle;
  period: Period;
  issues: Diagnostic[];
  /** The branches' names, in order. */
  names: readonly string[];
  /** The i-th branch, expanded and graded: the same every time it is opened. */
  open(i: number): BranchResult;
}

export function asGraded(r: PeriodResult | GradedPeriod): GradedPeriod {
  if ('open' in r) return r;
  return { schemeId: r.schemeId, cycle: r.cycle, period: r.period, issues: r.issues, names: r.branches.map((b) => b.branch), open: (i) => r.branches[i]! };
}
