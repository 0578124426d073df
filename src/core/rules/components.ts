// Rule primitives on a scheme's components that every step reads the same way: which periods a
// component counts in (R10), which blank cells read as 0, which component a card's 加分项 adds to. Pure.
import type { Component, Scheme } from '../../scheme/schema.js';
import type { Period } from '../cycle.js';

/** The kinds of period whose totals include a component: its countsIn, else every period, but an evaluation only the cycle. */
export function countsIn(c: Component, kind: Period['kind']): boolean {
  if (c.countsIn) return c.countsIn.includes(kind);
  return c.kind !== 'evaluation' || kind === 'cycle';
}

/** Blank cells of a bonus-type recorded component read as 0; score and deduction cells are required. */
export function blankIsZero(c: Component): boolean {
  return c.role === 'bonus';
}

/** The bonus component a card's 加分项 adds to: the scheme's one accumulate bonus component (validate says when there is none). */
export function cardBonusComponent(scheme: Scheme): Component | undefined {
  const found = scheme.components.filter((c) => c.kind === 'accumulate' && c.role === 'bonus');
  return found.length === 1 ? found[0] : undefined;
}
