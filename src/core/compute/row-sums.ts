// Step "write", its arithmetic: a printed row must add up as a clerk checks it (SCHEMES.md
// "Rounding"). Picks how many decimals the component columns need and names the rows that still cannot.
import type { Scheme } from '../../scheme/schema.js';
import { add, Dec, equals, floorMillionths, roundTo, scaled, sub, times, UNITS, ZERO } from '../decimal.js';
import type { MemberResult } from '../result.js';

/** Component columns are shown with at most this many decimals more than the scheme's precision. */
const EXTRA_PLACES = 2;

export interface RowSums {
  /** Decimals of the component, 加分项 and 扣分项 columns (the total keeps the scheme's precision). */
  places: number;
  /** Members whose shown parts still do not add up to the shown total (a note under the table names them). */
  misfits: MemberResult[];
}

/** The parts of a row as shown: each score component (unweighted, as printed), 加分项 and 扣分项 (weighted sums). */
export function shownParts(m: MemberResult, places: number): { scores: Dec[]; bonus: Dec; deduction: Dec } {
  const scores: Dec[] = [];
  let bonus = ZERO;
  let deduction = ZERO;
  for (const c of m.components) {
    if (c.role === 'score') scores.push(roundTo(c.value, places));
    else if (c.role === 'bonus') bonus = add(bonus, times(c.value, c.weight));
    else deduction = add(deduction, times(c.value, c.weight));
  }
  return { scores, bonus: roundTo(bonus, places), deduction: roundTo(deduction, places) };
}

/** Σ weight × shown component + shown 加分项 − shown 扣分项, with the parts rounded to `places`. */
function shownSum(m: MemberResult, places: number): Dec {
  const p = shownParts(m, places);
  let s = sub(p.bonus, p.deduction);
  let i = 0;
  for (const c of m.components) if (c.role === 'score') s = add(s, times(p.scores[i++]!, c.weight));
  return s;
}

/** s (millionths) rounded half-up (halves away from zero) to whole units of `unit` millionths. */
function roundMillionths(s: number, unit: number): number {
  const a = Math.abs(s);
  const r = a % unit === 0 ? a : Math.floor((a + unit / 2) / unit) * unit;
  return s < 0 && r !== 0 ? -r : r;
}

/** The unit of `places` and the total in whole millionths, when every weight is 1 (else the fast paths cannot tell). */
function millionthsBasis(m: MemberResult, places: number): { unit: number; total: number } | undefined {
  const unit = UNITS[places];
  const total = scaled(m.total);
  if (unit === undefined || total === undefined) return undefined;
  for (const c of m.components) if (scaled(c.weight) !== UNITS[0]) return undefined;
  return { unit, total };
}

/**
 * Whether shownSum(m, places) equals the total, in whole millionths, exact, without decimal.js; or
 * undefined when this cannot tell (a weight other than 1, 加分/扣分 parts with more than six places,
 * large numbers). A score part with more places (a mean, 38.0833…) that is not negative rounds as
 * its floor in millionths does: the digit that decides is among the first six (places < 6).
 */
export function addsUpInMillionths(m: MemberResult, places: number): boolean | undefined {
  const basis = millionthsBasis(m, places);
  if (!basis) return undefined;
  const { unit, total } = basis;
  let sum = 0;
  let bonus = 0;
  let deduction = 0;
  for (const c of m.components) {
    const v = scaled(c.value);
    if (c.role === 'score') {
      if (v !== undefined) sum += roundMillionths(v, unit);
      else {
        const f = floorMillionths(c.value);
        if (f === undefined || f < 0) return undefined;
        sum += Math.floor((f + unit / 2) / unit) * unit;
      }
    } else if (v === undefined) return undefined;
    else if (c.role === 'bonus') bonus += v;
    else deduction += v;
  }
  const shown = sum + roundMillionths(bonus, unit) - roundMillionths(deduction, unit);
  return Number.isSafeInteger(shown) ? shown === total : undefined;
}

/**
 * Rows whose total is the sum of their parts: participating, not vetoed (0 with the reason in 标记),
 * and not clamped or converted (their exact parts give the total; the formula under the table says
 * what else happens).
 */
export function isPlainSum(m: MemberResult, precision: number): boolean {
  if (!m.participates || m.vetoed) return false;
  const fast = plainSumInMillionths(m, precision);
  if (fast !== undefined) return fast;
  let exact = ZERO;
  for (const c of m.components) {
    const w = times(c.value, c.weight);
    exact = c.role === 'deduction' ? sub(exact, w) : add(exact, w);
  }
  return equals(roundTo(exact, precision), m.total);
}

/**
 * isPlainSum's answer in whole millionths, exact, without decimal.js, or undefined when this cannot
 * tell. A part off the fast path (a mean, 38.0833…) is floor(v × 10^6) plus a remainder between 0
 * and 1 millionth, so the exact sum lies strictly between K − (parts subtracted with a remainder)
 * and K + (parts added with one), K the sum of the floors. Half-up rounding to `precision` is the
 * same for the whole interval unless a half-way point (j + ½ units) lies inside it; then, and for
 * weights other than 1, negative sums or large numbers, decimal.js decides.
 */
function plainSumInMillionths(m: MemberResult, precision: number): boolean | undefined {
  const basis = millionthsBasis(m, precision);
  if (!basis) return undefined;
  const { unit, total } = basis;
  let k = 0;
  let up = 0;
  let down = 0;
  for (const c of m.components) {
    let f = scaled(c.value);
    if (f === undefined) {
      f = floorMillionths(c.value);
      if (f === undefined) return undefined;
      if (c.role === 'deduction') down++;
      else up++;
    }
    k += c.role === 'deduction' ? -f : f;
  }
  const lo = k - down;
  if (lo < 0 || !Number.isSafeInteger(k + up)) return undefined;
  const half = unit / 2;
  if (up + down === 0) return Math.floor((k + half) / unit) * unit === total;
  // The first half-way point above lo; the sum rounds to the multiple of unit below it, if no other is crossed.
  const next = (Math.floor((lo - half) / unit) + 1) * unit + half;
  if (next < k + up) return undefined;
  return next - half === total;
}

/**
 * The fewest decimals (the scheme's precision up to two more) with which every plain row's shown
 * parts sum exactly to its shown total: 39.995 + 39.995 = 79.99 needs three. When no count fits every
 * row (a mean of 38.0833…), the one with the fewest misfits, which are named.
 */
export function rowSums(scheme: Scheme, members: readonly MemberResult[]): RowSums {
  const p = scheme.precision;
  const plain = members.filter((m) => isPlainSum(m, p));
  let best: RowSums | undefined;
  for (let places = p; places <= p + EXTRA_PLACES; places++) {
    const misfits = plain.filter((m) => !(addsUpInMillionths(m, places) ?? equals(shownSum(m, places), m.total)));
    if (!best || misfits.length < best.misfits.length) best = { places, misfits };
    if (misfits.length === 0) break;
  }
  return best ?? { places: p, misfits: [] };
}

/** Whether 「合计 = parts」 needs saying: weights, a clamp, a conversion or a veto change the plain sum. */
export function totalFormula(scheme: Scheme): { zh: string; en: string } {
  const parts = scheme.components.filter((c) => c.role === 'score');
  const term = (c: (typeof parts)[number]): string => (c.weight === 1 ? c.name : `${c.name} × ${new Dec(c.weight).times(100).toString()}%`);
  const hasBonus = scheme.components.some((c) => c.role === 'bonus');
  const hasDeduction = scheme.components.some((c) => c.role === 'deduction');
  let zh = `合计得分 = ${[...parts.map(term), ...(hasBonus ? ['加分项'] : [])].join(' + ')}${hasDeduction ? ' − 扣分项' : ''}`;
  let en = `total = ${[...parts.map((c) => (c.weight === 1 ? c.id : `${c.id} × ${c.weight}`)), ...(hasBonus ? ['bonus'] : [])].join(' + ')}${hasDeduction ? ' − deduction' : ''}`;
  const extra: string[] = [];
  const extraEn: string[] = [];
  if (scheme.conversion) {
    extra.push('年度再按评议等次折算');
    extraEn.push('then converted by the evaluation grade');
  }
  if (scheme.clamp?.max !== undefined) {
    extra.push(`超过 ${scheme.clamp.max} 分的按 ${scheme.clamp.max} 分计`);
    extraEn.push(`capped at ${scheme.clamp.max}`);
  }
  if (scheme.clamp?.min !== undefined) {
    extra.push(`低于 ${scheme.clamp.min} 分的按 ${scheme.clamp.min} 分计`);
    extraEn.push(`at least ${scheme.clamp.min}`);
  }
  if (scheme.vetoTypes.length > 0 || scheme.items.some((i) => i.veto)) {
    extra.push('一票否决的为 0');
    extraEn.push('0 when vetoed');
  }
  if (extra.length > 0) {
    zh += `（${extra.join('；')}）`;
    en += ` (${extraEn.join('; ')})`;
  }
  return { zh, en };
}
