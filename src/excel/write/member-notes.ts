// What the writers say beside a member's numbers: why a member has no grade (预备党员 not graded,
// 不参加积分管理), and which rule raised each follow-up flag (需关注's 依据规则) — from the trace
// when it was kept, else from the scheme's own rule text. Pure functions of the result and scheme.
import { flagReason } from '../../core/grade/grade.js';
import type { MemberResult } from '../../core/result.js';
import type { Scheme } from '../../scheme/schema.js';

export const EXEMPT_NOTE = '不参加积分管理：不计分、不评定等次，不计入人数';

/** Why this member has no grade in a graded period, or undefined when it is graded (or vetoed: said elsewhere). */
export function notGradedReason(m: MemberResult): string | undefined {
  if (!m.participates) return m.grade === undefined && !m.scoredElsewhere ? EXEMPT_NOTE : undefined;
  // Transferred out: its flag (已转出：积分随组织关系转交) already says why.
  if (m.transferredOut) return undefined;
  if (!m.graded) return `${m.category}：计分，不评定等次`;
  return undefined;
}

/** The rule behind a flag: 「R16 连续 2 年…」 from the trace, else the scheme rule that raises it. */
export function flagBasis(scheme: Scheme, m: MemberResult, flag: string): string {
  const traced = flagReason(m, flag);
  if (traced) return traced;
  const rule = scheme.flags.find((f) => f.flag === flag);
  if (rule) return `${rule.years ? 'R16' : 'R17'} ${rule.note ?? flagCondition(rule)}`;
  const ranked = scheme.rankRules.find((r) => r.flag === flag);
  if (ranked) return `R18 ${ranked.note ?? `${ranked.position === 'top' ? '前' : '后'} ${ranked.count} 名`}`;
  const override = scheme.overrides.find((o) => (o.flag ?? `受${o.type}，定为${o.grade}`) === flag);
  if (override) return `R15 ${override.note ?? `受${override.type}的，当年评为${override.grade}`}`;
  const condition = scheme.gradeConditions.find((c) => flag.endsWith(`不能评为${c.grade}`));
  if (condition) return `R14 ${condition.note ?? flag}`;
  if (m.vetoed && flag.includes('否决')) return `R8 一票否决：${m.vetoReason ?? flag}`;
  return flag;
}

function flagCondition(rule: Scheme['flags'][number]): string {
  const parts: string[] = [];
  if (rule.categories?.length) parts.push(rule.categories.join('、'));
  if (rule.grade) parts.push(`评为${rule.grade}`);
  if (rule.below !== undefined) parts.push(`积分低于${rule.below}分`);
  if (rule.atLeast !== undefined) parts.push(`积分不低于${rule.atLeast}分`);
  if (rule.vetoed) parts.push('被一票否决');
  if (rule.years) parts.push(`连续${rule.years}年`);
  return `${parts.join('，')}：${rule.flag}`;
}

/** A rule code (R8, R17 …) at the start of a basis line: the engine's word, not the regulation's. */
const RULE_CODE = /^R\d+\s+/;

/** 依据规则 of a 需关注 row: one line per follow-up flag, and the veto — the regulation's words, no rule codes (it is printed). */
export function attentionBasis(scheme: Scheme, m: MemberResult, flags: readonly string[]): string {
  const lines = flags.map((f) => flagBasis(scheme, m, f));
  if (m.vetoed && !lines.some((l) => l.startsWith('R8'))) lines.push(`R8 一票否决：${m.vetoReason ?? ''}`);
  return [...new Set(lines.map((l) => l.replace(RULE_CODE, '')))].join('\n');
}
