// Exact decimal arithmetic for every score: decimal.js with 40 significant digits and
// half-up rounding. No score is ever summed or weighted as a binary float.
import { Decimal as DecimalJs } from 'decimal.js';
import { Memo, MEMO_LIMIT, NumberMemo } from './memo.js';

export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

const made = new Memo<string, Dec>(MEMO_LIMIT);
const madeOfNumbers = new NumberMemo<Dec>(MEMO_LIMIT);
/** A 40-digit mean with its sign and point is 42 characters. */
const LONGEST_KEPT = 48;

/**
 * A new decimal whose digit array is exactly as long as its digits: decimal.js builds it by pushing
 * onto an empty array, which reserves 17 slots (152 bytes) for the one or two a score needs — 20 MB
 * over a county's results. `d` is decimal.js's documented digits property; only its capacity changes.
 */
function make(v: number | string): Dec {
  const d = new Dec(v) as Dec & { d: number[] | null };
  if (d.d) d.d = d.d.slice();
  return d;
}

/**
 * A decimal of a number or text; the same value gives the same (immutable) decimal. A mean's text
 * (38.08333…, 40 digits) is kept too: the results a read worker sends carry one for every member,
 * and a county's members share a few hundred (county-branches: 147 texts in 14,373, each parsed in
 * ~2.5 µs where a look-up takes a fraction). Only texts longer than any mean are made afresh.
 */
export function dec(v: number | string | Dec): Dec {
  if (v instanceof Dec) return v;
  if (typeof v === 'number') return madeOfNumbers.get(v) ?? madeOfNumbers.set(v, make(v));
  if (v.length > LONGEST_KEPT) return make(v);
  return made.get(v) ?? made.set(v, make(v));
}

/**
 * The fast path of sums and comparisons, still exact: a decimal of at most 6 places and below a
 * million in size is a whole number of millionths, which a JS number holds exactly (< 2^53);
 * integers add and compare exactly while they stay safe. Anything else takes decimal.js.
 */
const SCALE = 1_000_000;
/** Millionths of a decimal, kept on the (immutable) decimal itself: NaN when off the fast path. */
const MILLIONTHS = Symbol('millionths');
type WithScaled = Dec & { [MILLIONTHS]?: number };

/**
 * v in millionths when the fast path holds it exactly (worked out once per decimal), else undefined.
 * Kept this small (the property read, NaN as undefined) so that V8 inlines it into the sums and
 * comparisons under the launchers' inlining limit (40 bytes of bytecode; the whole was 138).
 */
export function scaled(v: Dec): number | undefined {
  const s = (v as WithScaled)[MILLIONTHS];
  // s !== s is NaN, a decimal off the fast path. Number.isNaN(s) makes the function 41 bytes: over the limit.
  // biome-ignore lint/suspicious/noSelfCompare: the NaN test that keeps scaled inlinable (see above)
  return s === undefined ? scaledFirst(v) : s !== s ? undefined : s;
}

/** scaled() the first time a decimal is asked: works it out and keeps it on the decimal. */
function scaledFirst(v: Dec): number | undefined {
  // A decimal of at most 6 places below a million is K millionths with |K| < 1e12; its nearest
  // double times 1e6 is within 1e-3 of K, so rounding gives K exactly.
  const n = v.isFinite() && v.decimalPlaces() <= 6 ? v.toNumber() : NaN;
  const s = Math.abs(n) < SCALE ? Math.round(n * SCALE) : NaN; // below a million
  (v as WithScaled)[MILLIONTHS] = s;
  return Number.isNaN(s) ? undefined : s;
}

const FLOOR_MILLIONTHS = Symbol('floor millionths');
type WithFloor = Dec & { [FLOOR_MILLIONTHS]?: number };

/**
 * floor(v × 10^6) for a decimal off the fast path below a million (a mean, 38.0833… is
 * 38083333 and a remainder), exact, worked out once per (immutable, shared) decimal; undefined
 * when |v| ≥ 10^6 or v is not finite. With scaled(v) undefined, v has digits past the sixth place.
 */
export function floorMillionths(v: Dec): number | undefined {
  let f = (v as WithFloor)[FLOOR_MILLIONTHS];
  if (f === undefined) {
    f = v.isFinite() && v.abs().lessThan(SCALE) ? v.times(SCALE).floor().toNumber() : NaN;
    (v as WithFloor)[FLOOR_MILLIONTHS] = f;
  }
  return Number.isNaN(f) ? undefined : f;
}

const fromScaledCache = new NumberMemo<Dec>(MEMO_LIMIT);

/** The decimal of a whole number of millionths (the result of a fast sum); shared, decimals never change. */
export function fromScaled(n: number): Dec {
  let d = fromScaledCache.get(n);
  if (d === undefined) {
    d = make(`${n}e-6`);
    fromScaledCache.set(n, d);
    (d as WithScaled)[MILLIONTHS] = Math.abs(n) < SCALE * SCALE ? n : NaN;
  }
  return d;
}

/** a + b, exact; without decimal.js when both are on the fast path. */
export function add(a: Dec, b: Dec): Dec {
  const x = scaled(a);
  const y = scaled(b);
  if (x !== undefined && y !== undefined) {
    const s = x + y;
    if (Number.isSafeInteger(s)) return fromScaled(s);
  }
  return a.plus(b);
}

/** a − b, exact; without decimal.js when both are on the fast path. */
export function sub(a: Dec, b: Dec): Dec {
  const x = scaled(a);
  const y = scaled(b);
  if (x !== undefined && y !== undefined) {
    const s = x - y;
    if (Number.isSafeInteger(s)) return fromScaled(s);
  }
  return a.minus(b);
}

export function sum(values: Iterable<Dec>): Dec {
  const list = Array.isArray(values) ? (values as Dec[]) : [...values];
  let acc = 0;
  for (const v of list) {
    const s = scaled(v);
    if (s === undefined) return slowSum(list);
    acc += s;
    if (!Number.isSafeInteger(acc)) return slowSum(list);
  }
  return fromScaled(acc);
}

function slowSum(values: readonly Dec[]): Dec {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

/**
 * A running sum, exact, for a loop that adds a few values per row (a record row's entries): no list
 * is made. Millionths while every value is on the fast path, decimal.js from the first that is not;
 * the same value as sum() of the values added. reset() empties it for the next row.
 */
export class Total {
  private millionths = 0;
  /** The sum so far once a value left the fast path. */
  private exact: Dec | undefined;

  reset(): this {
    this.millionths = 0;
    this.exact = undefined;
    return this;
  }

  add(v: Dec): void {
    if (this.exact === undefined) {
      const s = scaled(v);
      const n = s === undefined ? NaN : this.millionths + s;
      if (Number.isSafeInteger(n)) {
        this.millionths = n;
        return;
      }
      this.exact = fromScaled(this.millionths);
    }
    this.exact = this.exact.plus(v);
  }

  get value(): Dec {
    return this.exact ?? fromScaled(this.millionths);
  }
}

/** a × b; a weight of 1 (the usual case) returns the other factor as it is. */
export function times(a: Dec, b: Dec): Dec {
  if (scaled(b) === SCALE) return a;
  if (scaled(a) === SCALE) return b;
  return a.times(b);
}

/** a.comparedTo(b), exact, without decimal.js when both are on the fast path. */
export function compare(a: Dec, b: Dec): number {
  const x = scaled(a);
  const y = scaled(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  return a.comparedTo(b);
}

/** a equals b (exactly). */
export function equals(a: Dec, b: Dec): boolean {
  return compare(a, b) === 0;
}

/** 10^(6 − places): millionths in a unit of the last place kept (a table: `10 **` was a tenth of a summary sheet's arithmetic). */
export const UNITS: readonly number[] = [1_000_000, 100_000, 10_000, 1_000, 100, 10];

/** Half-up rounding (halves away from zero) to the scheme's precision, once per period total. */
export function roundTo(v: Dec, places: number): Dec {
  const s = scaled(v);
  if (s !== undefined && Number.isInteger(places) && places >= 0) {
    if (places >= 6) return v;
    // Whole millionths: round |s| to a whole number of units of 10^-places, then the sign back.
    const unit = UNITS[places]!;
    const m = Math.abs(s);
    const r = m % unit === 0 ? m : Math.floor((m + unit / 2) / unit) * unit;
    return r === m ? v : fromScaled(s < 0 && r !== 0 ? -r : r);
  }
  if (!Number.isInteger(places) || places < 0 || places > 40) return v.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  // Off the fast path (a mean, 38.0833…): the same shared decimal rounds the same, so once.
  let byPlaces = roundedCache.get(v);
  if (!byPlaces) roundedCache.set(v, (byPlaces = []));
  return (byPlaces[places] ??= v.toDecimalPlaces(places, Dec.ROUND_HALF_UP));
}

const roundedCache = new WeakMap<Dec, Dec[]>();
const quotientCache = new WeakMap<Dec, Dec[]>();

/**
 * s ÷ n for a whole count n (a mean over n record periods), exact to the 40 digits as s.dividedBy(n).
 * Sums are shared decimals (fromScaled) and a township's members share a few sums: each divided once.
 */
export function divideBy(s: Dec, n: number): Dec {
  if (!Number.isInteger(n) || n < 1 || n > 1024) return s.dividedBy(n);
  let byN = quotientCache.get(s);
  if (!byN) quotientCache.set(s, (byN = []));
  return (byN[n] ??= s.dividedBy(n));
}

export function minDec(a: Dec, b: Dec): Dec {
  return compare(a, b) < 0 ? a : b;
}

export function maxDec(a: Dec, b: Dec): Dec {
  return compare(a, b) > 0 ? a : b;
}

/** A JSON number for output; only ever called on already rounded values. */
export function toNumber(v: Dec): number {
  const s = scaled(v);
  // Whole millionths over a million: both exact doubles, so the quotient is the double nearest the
  // decimal, the same one v.toNumber() reads from its digits.
  return s !== undefined ? s / SCALE : v.toNumber();
}
