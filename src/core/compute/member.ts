// Step "compute", one member who takes part: each component by its kind, the weighted sum (R5), the
// conversion by 评议等次 (R7), the veto (R8), the clamp (R9) and the rounding (R10), traced. Pure.
import type { Component } from '../../scheme/schema.js';
import type { Period } from '../cycle.js';
import { add, type Dec, dec, equals, maxDec, minDec, roundTo, sub, times, ZERO } from '../decimal.js';
import type { Member } from '../model.js';
import { TRANSFERRED_FLAG, type ComponentValue, type MemberResult } from '../result.js';
import { countsIn } from '../rules/components.js';
import { activeMonths, transferredBy } from '../rules/roll.js';
import { accumulateValue } from './accumulate.js';
import { tierBaseValue } from './base.js';
import { type BranchContext, inPeriod, type MemberData, ONE, type ResolvedEvent, show, step, type Trace } from './context.js';
import { deductValue, scoreStarts } from './deduct.js';
import { evaluationValue } from './evaluation.js';
import { recordedValue, recordPeriodsOf } from './recorded.js';
import { memberResult } from './result.js';
import { findVeto, sanctionHolds } from './sanctions.js';

export function computeMember(ctx: BranchContext, m: Member, d: MemberData): MemberResult {
  const { scheme, period, cycle } = ctx;
  const trace: Trace = ctx.trace ? [] : undefined;
  const flags: string[] = [];
  const active = activeMonths(m, cycle);
  if (active.length < 12) {
    if (trace) step(trace, 'R20', `在册月份：${active.length} 个月（转入/转出），按在册月份计`, `Months on the roll: ${active.length} (transfer), counted over those months`);
  }
  const records = recordPeriodsOf(scheme, period, active);
  const transferred = transferredBy(m, period);
  if (transferred) {
    flags.push(TRANSFERRED_FLAG);
    if (trace) step(trace, 'R20', `${transferred} 转出：列出到转出时的积分，不在本支部评定等次、排名、占名额或公示（${TRANSFERRED_FLAG}）`, `Transferred out on ${transferred}: points to date listed; not graded, ranked, counted in a quota or published by this branch`, m.source);
  }
  const side = scheme.awardsOneSide;
  if (side && m.awardsSide?.trim() === side.there && scheme.cycle.gradePeriods.includes(period.kind)) {
    flags.push(side.flag);
    if (trace) step(trace, 'R13', `名册「${side.column}」：${side.there}（${side.flag}）`, `takes part in 评先评优 on the other side: not in the quota here`, m.source);
  }
  const parts: MemberParts = { ctx, m, d, records, transferred, trace, flags };
  const components = new Array<ComponentValue>(scheme.components.length);
  for (let i = 0; i < components.length; i++) components[i] = componentValue(parts, scheme.components[i]!);
  const sums = weightedSum(ctx, components, trace);
  // An item that carries a follow-up flag (culture 连续六个月未交纳党费 → 按《党章》规定处理) raises it in its period.
  for (const ev of d.events) {
    const flag = ev.item.flag;
    if (!flag || !inPeriod(period, ev) || flags.includes(flag)) continue;
    flags.push(flag);
    if (trace) step(trace, 'R17', `「${ev.item.name}」：${flag}`, `${ev.item.name}: ${flag}`, ev.row.source);
  }
  const { total, vetoReason } = adjustedTotal(ctx, d, sums.total, transferred, trace, flags);
  const rounded = roundTo(total, scheme.precision);
  if (!equals(rounded, total)) {
    if (trace) step(trace, 'R10', `${show(total)} 四舍五入保留 ${scheme.precision} 位小数：${rounded.toFixed(scheme.precision)}`, `${show(total)} rounded half-up to ${scheme.precision} places: ${rounded.toFixed(scheme.precision)}`);
  }
  return memberResult(ctx, m, {
    components,
    bonus: roundTo(sums.bonus, scheme.precision),
    deduction: roundTo(sums.deduction, scheme.precision),
    total: rounded,
    flags,
    sanctions: d.sanctions.filter((x) => sanctionHolds(x, period)).map((x) => x.type),
    trace: trace ?? [],
    exactTotal: trace ? total : undefined,
    evaluationGrade: d.evaluation?.grade?.trim() || undefined,
    vetoReason,
    transferredOut: transferred,
  });
}

/** The events dated in the period. */
function eventsIn(period: Period, events: readonly ResolvedEvent[]): ResolvedEvent[] {
  const out: ResolvedEvent[] = [];
  for (const ev of events) if (inPeriod(period, ev)) out.push(ev);
  return out;
}

/** What computing one member's components reads, and the trace and flags they write to. */
interface MemberParts {
  ctx: BranchContext;
  m: Member;
  d: MemberData;
  /** The record periods of the period in which the member was on the roll. */
  records: number[];
  transferred: string | undefined;
  trace: Trace;
  flags: string[];
}

/** One component's value by its kind; absent (blank, never 0) outside its periods or at an evaluation a transferred member missed. */
function componentValue(parts: MemberParts, c: Component): ComponentValue {
  const { ctx, m, d, records, transferred, trace, flags } = parts;
  const { period } = ctx;
  if (!countsIn(c, period.kind)) {
    if (trace) step(trace, 'R10', `${c.name}：只计入${periodNamesZh(c.countsIn)}积分，本期不计（不按 0 分计）`, `${c.name}: counts only in ${(c.countsIn ?? ['cycle']).join(', ')}; not in this period`);
    return { id: c.id, name: c.name, role: c.role, value: ZERO, weight: dec(c.weight), absent: true };
  }
  if (c.kind === 'evaluation' && transferred && !d.evaluation) {
    // A transferred member is not at the branch's 评议: the part is not there, never 0 (SCHEMES.md "Partial years").
    if (trace) step(trace, 'R6', `${c.name}：已转出，未参加本支部民主评议，不计入（不按 0 分计）`, `${c.name}: transferred out before the evaluation; left out, not counted as 0`);
    return { id: c.id, name: c.name, role: c.role, value: ZERO, weight: dec(c.weight), absent: true };
  }
  let value: Dec;
  switch (c.kind) {
    case 'recorded':
      value = recordedValue(ctx, c, d, records, trace, flags);
      break;
    case 'deduct':
      value = deductValue(ctx, c, m, eventsIn(period, d.events), trace, c.scoreSheet ? scoreStarts(ctx, c, d, trace, flags) : undefined);
      break;
    case 'accumulate':
      value = accumulateValue(ctx, c, d.events, trace);
      break;
    case 'evaluation':
      value = evaluationValue(c, d.evaluation, trace, flags, period.kind === 'cycle');
      break;
    case 'tier-base':
      value = tierBaseValue(ctx, c, m, trace, flags);
      break;
  }
  return { id: c.id, name: c.name, role: c.role, value, weight: dec(c.weight) };
}

/** R5: Σ weight × value of the parts present, 扣分项 subtracted; the weighted 加分项 and 扣分项 on the side. */
function weightedSum(ctx: BranchContext, components: ComponentValue[], trace: Trace): { total: Dec; bonus: Dec; deduction: Dec } {
  let total = ZERO;
  let bonus = ZERO;
  let deduction = ZERO;
  for (const cv of components) {
    if (cv.absent) continue;
    const w = times(cv.value, cv.weight);
    if (cv.role === 'deduction') {
      deduction = add(deduction, w);
      total = sub(total, w);
    } else {
      if (cv.role === 'bonus') bonus = add(bonus, w);
      total = add(total, w);
    }
    if (!equals(cv.weight, ONE)) {
      if (trace) step(trace, 'R5', `${cv.name} ${cv.value.toString()} × ${cv.weight.toString()} = ${w.toString()}`, `${cv.name} ${cv.value} × ${cv.weight} = ${w}`);
    }
  }
  if (trace) {
    // The sum spelled out: each part with its sign, and whether the evaluation conversion follows.
    const parts = components.map((cv, i) => `${cv.role === 'deduction' ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + '}${cv.name} ${show(times(cv.value, cv.weight))}`).join('');
    const later = ctx.scheme.conversion && ctx.period.kind === 'cycle';
    step(trace, 'R2', `各项合计：${parts} = ${show(total)}${later ? '（按评议等次折算前）' : ''}`, `Sum of the parts: ${parts} = ${show(total)}${later ? ' (before the conversion by evaluation grade)' : ''}`);
  }
  return { total, bonus, deduction };
}

/** The sum after the conversion by 评议等次 (R7), the veto (R8) and the clamp (R9), before rounding. */
function adjustedTotal(ctx: BranchContext, d: MemberData, sum: Dec, transferred: string | undefined, trace: Trace, flags: string[]): { total: Dec; vetoReason?: string | undefined } {
  const { scheme, period } = ctx;
  let total = sum;
  if (scheme.conversion && period.kind === 'cycle') {
    const grade = d.evaluation?.grade;
    const factor = grade === undefined ? undefined : scheme.conversion.factors[grade.trim()];
    if (factor === undefined && transferred) {
      if (trace) step(trace, 'R7', '已转出，没有本支部评议等次：列出未折算的积分', 'Transferred out, no evaluation grade here: points to date, not converted');
    } else if (factor === undefined) {
      flags.push('缺少评议等次，未折算');
      if (trace) step(trace, 'R7', '没有评议等次，未按等次折算', 'No evaluation grade: not converted');
    } else {
      total = total.times(factor);
      if (trace) step(trace, 'R7', `评议等次「${grade}」折算 × ${factor} = ${total.toString()}`, `Converted by grade ${grade} × ${factor} = ${total}`, d.evaluation?.source);
    }
  }
  const veto = findVeto(ctx, d);
  let vetoReason: string | undefined;
  if (veto) {
    vetoReason = veto.reason;
    total = ZERO;
    if (trace) step(trace, 'R8', `一票否决：${veto.reason}，总分为 0`, `Veto: ${veto.reason}; total 0`, veto.source);
  }
  if (scheme.clamp) {
    const before = total;
    if (scheme.clamp.max !== undefined) total = minDec(total, dec(scheme.clamp.max));
    if (scheme.clamp.min !== undefined) total = maxDec(total, dec(scheme.clamp.min));
    if (!equals(before, total)) {
      if (trace) step(trace, 'R9', `总分 ${before.toString()} 限定在 [${scheme.clamp.min ?? '−∞'}, ${scheme.clamp.max ?? '+∞'}] 内，为 ${total.toString()}`, `Total ${before} clamped to ${total}`);
    }
  }
  return { total, vetoReason };
}

const PERIOD_ZH: Record<Period['kind'], string> = { month: '月度', quarter: '季度', half: '半年', cycle: '年度' };

/** 年度 / 半年、年度: the periods a component counts in, in words. */
function periodNamesZh(kinds: Component['countsIn']): string {
  return (kinds ?? ['cycle']).map((k) => PERIOD_ZH[k]).join('、');
}
