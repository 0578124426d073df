// Step "compute", the one place a member's result is made: the member's and the branch's fields
// around what the computation decided, for members who take part and for exempt ones alike. Pure.
import type { Dec } from '../decimal.js';
import type { Member } from '../model.js';
import type { ComponentValue, MemberResult, TraceStep } from '../result.js';
import type { BranchContext } from './context.js';

/** What computing a member decided; the rest of the result is the member's and the branch's. */
export interface MemberOutcome {
  components: ComponentValue[];
  /** Weighted 加分项 and 扣分项, rounded to the scheme's precision. */
  bonus: Dec;
  deduction: Dec;
  /** Rounded to the scheme's precision. */
  total: Dec;
  flags: string[];
  /** 否决与处分 types that hold in the period. */
  sanctions: string[];
  trace: TraceStep[];
  /** The total before rounding, kept with the trace. */
  exactTotal?: Dec | undefined;
  evaluationGrade?: string | undefined;
  /** Set when vetoed (R8): what vetoed the member. */
  vetoReason?: string | undefined;
  transferredOut?: string | undefined;
}

/** A member's result: every MemberResult is made here (the optional fields only when they hold). */
export function memberResult(ctx: BranchContext, m: Member, o: MemberOutcome): MemberResult {
  const category = ctx.cat.category(m.category);
  const result: MemberResult = {
    branch: ctx.ledger.branch,
    file: ctx.ledger.file,
    name: m.name,
    key: m.key,
    category: category?.name ?? m.category,
    posts: m.posts,
    participates: m.participates,
    components: o.components,
    bonus: o.bonus,
    deduction: o.deduction,
    vetoed: o.vetoReason !== undefined,
    total: o.total,
    // Graded here: a graded category, taking part, not transferred out (R17, R20).
    graded: Boolean(category?.graded) && m.participates && !o.transferredOut,
    flags: o.flags,
    sanctions: o.sanctions,
    trace: o.trace,
  };
  if (o.exactTotal) result.exactTotal = o.exactTotal;
  if (o.evaluationGrade) result.evaluationGrade = o.evaluationGrade;
  if (m.id) result.id = m.id;
  if (m.tier) result.tier = m.tier;
  if (o.vetoReason) result.vetoReason = o.vetoReason;
  if (o.transferredOut) result.transferredOut = o.transferredOut;
  return result;
}
