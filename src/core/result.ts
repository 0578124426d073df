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
}

export interface BranchResult {
  branch: string;
  file: string;
  schemeId: string;
  members: MemberResult[];
}

export interface PeriodResult {
  schemeId: string;
  cycle: Cycle;
  period: Period;
  branches: BranchResult[];
  issues: Diagnostic[];
}
