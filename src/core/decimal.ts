// Exact decimal arithmetic for every score: decimal.js with 40 significant digits and
// half-up rounding. No score is ever summed or weighted as a binary float.
import { Decimal as DecimalJs } from 'decimal.js';

export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

export function dec(v: number | string | Dec): Dec {
  return v instanceof Dec ? v : new Dec(v);
}

export function sum(values: Iterable<Dec>): Dec {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

/** Half-up rounding to the scheme's precision, once per period total. */
export function roundTo(v: Dec, places: number): Dec {
  return v.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

/** A JSON number for output; only ever called on already rounded values. */
export function toNumber(v: Dec): number {
  return v.toNumber();
}
