// Step "compute", evaluation components (民主评议, R6): the votes formula, a grade → points table, or
// the typed 评议得分; a missing one counts 0 with a flag where it weighs in the total. Pure.
import type { Component } from '../../scheme/schema.js';
import { type Dec, dec, ZERO } from '../decimal.js';
import type { Evaluation } from '../model.js';
import { step, type Trace } from './context.js';

/**
 * R6: votes formula, a grade → points table, or the typed 评议得分. A missing one counts 0 with a flag
 * where it weighs in the total (the check step makes it an error for graded members: EVAL_MISSING);
 * an evaluation of weight 0 is shown only (agency's 半年评议), so its absence flags nothing.
 */
export function evaluationValue(c: Component, e: Evaluation | undefined, trace: Trace, flags: string[], isCycle: boolean): Dec {
  const weighs = c.weight !== 0;
  if (!e) {
    if (isCycle && weighs) flags.push('缺少民主评议');
    if (trace) step(trace, 'R6', `${c.name}：没有民主评议记录，计 0`, `${c.name}: no evaluation, 0`);
    return ZERO;
  }
  if (c.votes && (e.good || e.fair || e.poor)) {
    const g = e.good ?? ZERO;
    const f = e.fair ?? ZERO;
    const p = e.poor ?? ZERO;
    if (c.votes.divisor === 'voters' && !e.voters) {
      // ÷ 参加测评人数 with the number blank: an error at the cell (EVAL_NO_VOTERS), never ÷ the votes.
      if (isCycle && weighs) flags.push('缺少参评人数');
      if (trace) step(trace, 'R6', `${c.name}：没有填写参评人数，无法计算，计 0`, `${c.name}: no number of voters; not computed, 0`, e.source);
      return ZERO;
    }
    const divisor = c.votes.divisor === 'voters' ? e.voters! : g.plus(f).plus(p);
    if (divisor.isZero()) return ZERO;
    const { weights, scale } = c.votes;
    const v = g.times(weights.good).plus(f.times(weights.fair)).plus(p.times(weights.poor)).dividedBy(divisor).times(scale);
    if (trace) step(trace, 'R6', `${c.name}：(${g}×${weights.good} + ${f}×${weights.fair} + ${p}×${weights.poor}) ÷ ${divisor} × ${scale} = ${v.toString()}`, `${c.name}: (${g}×${weights.good} + ${f}×${weights.fair} + ${p}×${weights.poor}) / ${divisor} × ${scale} = ${v}`, e.source);
    return v;
  }
  if (e.score) {
    if (trace) step(trace, 'R6', `${c.name}：评议得分 ${e.score.toString()}`, `${c.name}: typed score ${e.score}`, e.source);
    return e.score;
  }
  if (c.gradePoints && e.grade && c.gradePoints[e.grade.trim()] !== undefined) {
    const v = dec(c.gradePoints[e.grade.trim()]!);
    if (trace) step(trace, 'R6', `${c.name}：评议等次「${e.grade}」计 ${v.toString()}`, `${c.name}: grade ${e.grade} → ${v}`, e.source);
    return v;
  }
  if (isCycle && weighs) flags.push('缺少民主评议');
  return ZERO;
}

