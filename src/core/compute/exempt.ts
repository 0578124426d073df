// Step "compute", members who take no part (不参加积分管理, R17): graded directly by the branch
// meeting, given an annual score by other means, or only listed. No components are computed. Pure.
import { type Dec, dec, roundTo, ZERO } from '../decimal.js';
import type { Member } from '../model.js';
import type { MemberResult } from '../result.js';
import type { BranchContext } from './context.js';
import { memberResult } from './result.js';

/**
 * An exempt member graded directly by the branch meeting (scheme.directGrades): no points, the
 * typed 档次 as the grade, the flag that says so; not graded by bands, not ranked, no quota.
 */
export function directResult(ctx: BranchContext, m: Member): MemberResult {
  const flag = ctx.scheme.directGrades!.flag;
  const result = exemptResult(ctx, m, ZERO, flag, `名册「直接确定档次」：${m.directGrade}（${flag}）`, `grade set by the branch meeting: ${m.directGrade}`);
  if (ctx.period.kind === 'cycle') result.grade = m.directGrade!.trim();
  return result;
}

/**
 * An exempt member whose seed gives an annual score by other means (scheme.exempt.otherScore: bureau
 * 「评定年度综合得分」, company 「给予适当的年度积分」): the score typed in 名册 另行评定得分 as the total,
 * the flag that says so; no components, not graded, not ranked, not counted in a quota.
 */
export function otherScoreResult(ctx: BranchContext, m: Member, score: Dec): MemberResult {
  const { scheme } = ctx;
  const flag = scheme.exempt!.otherScore!.flag;
  const total = roundTo(score, scheme.precision);
  const shown = total.toFixed(scheme.precision);
  const result = exemptResult(ctx, m, total, flag, `名册「另行评定得分」：${shown}（${flag}）`, `annual score given by other means: ${shown}`);
  result.scoredElsewhere = true;
  return result;
}

/** The result of a member who takes no part (不参加积分管理): no components, not graded or ranked, one flag, one trace step. */
function exemptResult(ctx: BranchContext, m: Member, total: Dec, flag: string, zh: string, en: string): MemberResult {
  const { scheme } = ctx;
  return memberResult(ctx, m, {
    components: scheme.components.map((c) => ({ id: c.id, name: c.name, role: c.role, value: ZERO, weight: dec(c.weight) })),
    bonus: ZERO,
    deduction: ZERO,
    total,
    flags: [flag],
    sanctions: [],
    trace: ctx.trace ? [{ rule: 'R17', zh: `不参加积分管理，${zh}`, en: `Exempt; ${en}`, source: m.source }] : [],
  });
}
