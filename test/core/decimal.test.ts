// The exact fast path of sums, comparisons and products (whole millionths in JS numbers) must give
// what decimal.js gives, for values on the path, off it (7+ places, a million and more), and mixed.
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { add, compare, Dec, dec, equals, floorMillionths, maxDec, minDec, roundTo, scaled, sub, sum, times, toNumber, Total } from '../../src/core/decimal.js';

const Slow = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Decimal text: up to 9 integer digits and 0–8 places, either sign (so both sides of the path). */
const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999n }), fc.integer({ min: 0, max: 8 }), fc.bigInt({ min: 0n, max: 99_999_999n }))
  .map(([neg, int, places, frac]) => `${neg ? '-' : ''}${int}${places > 0 ? `.${String(frac).padStart(8, '0').slice(0, places)}` : ''}`);
/** Mostly small scores, the kind a ledger holds. */
const scoreText = fc.oneof(
  fc.integer({ min: -100, max: 100 }).map(String),
  fc.tuple(fc.integer({ min: -100, max: 100 }), fc.constantFrom('.5', '.25', '.1', '.05', '.333333', '.0000001')).map(([a, b]) => `${a}${b}`),
  decimalText,
);

describe('exact fast path = decimal.js', () => {
  it('sum of any list', () => {
    fc.assert(
      fc.property(fc.array(scoreText, { maxLength: 40 }), (texts) => {
        const want = texts.reduce((acc, t) => acc.plus(t), new Slow(0));
        expect(sum(texts.map((t) => new Dec(t))).toString()).toBe(want.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('a running Total of any list (reset between lists, as the checks reuse one per row) is their sum', () => {
    const total = new Total();
    fc.assert(
      fc.property(fc.array(fc.array(scoreText, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (lists) => {
        for (const texts of lists) {
          total.reset();
          for (const t of texts) total.add(new Dec(t));
          const want = texts.reduce((acc, t) => acc.plus(t), new Slow(0));
          expect(total.value.toString()).toBe(want.toString());
          expect(total.value.toString()).toBe(sum(texts.map((t) => new Dec(t))).toString());
        }
      }),
      { numRuns: 1000 },
    );
    // Off the fast path part-way (7 places, then a million): exact from there on.
    total.reset();
    for (const t of ['10', '0.5', '0.0000001', '999999', '2']) total.add(new Dec(t));
    expect(total.value.toString()).toBe('1000011.5000001');
  });

  it('compare, min, max and times of any pair', () => {
    fc.assert(
      fc.property(scoreText, scoreText, (a, b) => {
        const x = new Dec(a);
        const y = new Dec(b);
        expect(compare(x, y)).toBe(new Slow(a).comparedTo(b));
        expect(minDec(x, y).toString()).toBe(Slow.min(a, b).toString());
        expect(maxDec(x, y).toString()).toBe(Slow.max(a, b).toString());
        expect(times(x, y).toString()).toBe(new Slow(a).times(b).toString());
      }),
      { numRuns: 3000 },
    );
  });

  it('add, sub, equals and half-up rounding of any pair (rounding: halves away from zero, as decimal.js)', () => {
    fc.assert(
      fc.property(scoreText, scoreText, fc.integer({ min: 0, max: 8 }), (a, b, places) => {
        const x = new Dec(a);
        const y = new Dec(b);
        expect(add(x, y).toString()).toBe(new Slow(a).plus(b).toString());
        expect(sub(x, y).toString()).toBe(new Slow(a).minus(b).toString());
        expect(equals(x, y)).toBe(new Slow(a).equals(b));
        expect(Object.is(toNumber(x) + 0, new Slow(a).toNumber() + 0)).toBe(true);
        // -0 and 0 print alike; the value is what counts
        expect(roundTo(x, places).toString()).toBe(new Slow(a).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString());
        expect(roundTo(sub(x, y), places).toString()).toBe(new Slow(a).minus(b).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString());
      }),
      { numRuns: 3000 },
    );
    expect(roundTo(dec('2.345'), 2).toString()).toBe('2.35');
    expect(roundTo(dec('-2.345'), 2).toString()).toBe('-2.35');
    expect(roundTo(dec('-0.004'), 2).isZero()).toBe(true);
    expect(roundTo(dec('89.95'), 1).toString()).toBe('90');
  });

  it('sums of sums stay exact (results feed later sums)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(scoreText, { maxLength: 8 }), { maxLength: 12 }), (groups) => {
        const inner = groups.map((g) => sum(g.map((t) => new Dec(t))));
        const want = groups.flat().reduce((acc, t) => acc.plus(t), new Slow(0));
        expect(sum(inner).toString()).toBe(want.toString());
      }),
      { numRuns: 1000 },
    );
  });

  it('takes only values it holds exactly', () => {
    expect(scaled(dec('85.5'))).toBe(85_500_000);
    expect(scaled(dec('-0.000001'))).toBe(-1);
    expect(scaled(dec('0.0000001'))).toBeUndefined();
    expect(scaled(dec('1000000'))).toBeUndefined();
    expect(scaled(dec('999999.999999'))).toBe(999_999_999_999);
    // 0.1 + 0.2 as decimals, never as floats
    expect(sum([dec('0.1'), dec('0.2')]).toString()).toBe('0.3');
    expect(sum([dec('999999.999999'), dec('0.000001')]).toString()).toBe('1000000');
    expect(sum([]).toString()).toBe('0');
  });

  it('floor of millionths: any value below a million, its sign kept (floor, not truncation)', () => {
    fc.assert(
      fc.property(scoreText, (text) => {
        const v = new Dec(text);
        const want = new Slow(text).times(1_000_000).floor();
        expect(floorMillionths(v)).toBe(new Slow(text).abs().lessThan(1_000_000) ? want.toNumber() : undefined);
      }),
      { numRuns: 2000 },
    );
    expect(floorMillionths(new Dec(457).dividedBy(12))).toBe(38_083_333);
    expect(floorMillionths(new Dec(-1).dividedBy(3))).toBe(-333_334);
  });
});

describe('dec of a text', () => {
  it('a mean sent by a read worker (40 digits) comes back as exactly the quotient, one shared decimal for the same text', () => {
    const mean = new Slow(457).dividedBy(12);
    const text = mean.toString();
    expect(text).toBe('38.08333333333333333333333333333333333333');
    const a = dec(text);
    expect(a.toString()).toBe(text);
    expect(a.equals(new Dec(457).dividedBy(12))).toBe(true);
    expect(dec(`${text}`)).toBe(a);
    expect(dec(new Slow(-457).dividedBy(12).toString()).toString()).toBe(`-${text}`);
    // Any text, long or short, kept or not, is its own value.
    fc.assert(fc.property(decimalText, (t) => dec(t).equals(new Slow(t))));
  });
});
