// Whether a printed row adds up (src/core/compute/row-sums.ts): decided in whole millionths where
// that is exact, by decimal.js elsewhere, always as decimal.js alone decides it — for means with
// 40 digits (38.0833…), sums right at a half-way point, negative sums and weights other than 1.
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Dec, dec } from '../../src/core/decimal.js';
import { addsUpInMillionths, isPlainSum, rowSums } from '../../src/core/compute/row-sums.js';
import type { MemberResult } from '../../src/core/result.js';

const Slow = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

type Part = { role: 'score' | 'bonus' | 'deduction'; value: string; weight: string };

/** A part's value: whole, a few places, a mean (k/12, k/7: 40 digits), or just beside a half-way point. */
const valueText = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom('.5', '.25', '.005', '.004999', '.0049999999', '.0050000001', '.125')).map(([a, b]) => `${a}${b}`),
  fc.tuple(fc.integer({ min: 0, max: 720 }), fc.constantFrom(12, 7, 3, 9)).map(([k, n]) => new Slow(k).dividedBy(n).toString()),
  fc.constantFrom('1000000', '1234567.5', '0.0000004', '0.0000005'),
);
const part = fc.record({
  role: fc.constantFrom<Part['role']>('score', 'score', 'bonus', 'deduction'),
  value: valueText,
  weight: fc.constantFrom('1', '1', '1', '0.3', '2'),
});

function member(parts: Part[], total: string, veto = false): MemberResult {
  return {
    name: '党员',
    participates: true,
    vetoed: veto,
    total: dec(total),
    components: parts.map((p, i) => ({ id: `c${i}`, name: `c${i}`, role: p.role, value: new Dec(p.value), weight: dec(p.weight) })),
  } as unknown as MemberResult;
}

/** The plain sum as decimal.js alone makes it, rounded half-up. */
function slowRounded(parts: Part[], precision: number): Decimal {
  let s = new Slow(0);
  for (const p of parts) {
    const w = new Slow(p.value).times(p.weight);
    s = p.role === 'deduction' ? s.minus(w) : s.plus(w);
  }
  return s.toDecimalPlaces(precision, Slow.ROUND_HALF_UP);
}

describe('a row adds up: whole millionths = decimal.js', () => {
  it('for any parts, precision and stated total (the right one, one unit off, or another rounding)', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: -1, max: 1 }), (parts, precision, off) => {
        const right = slowRounded(parts, precision);
        const stated = right.plus(new Slow(off).times(new Slow(10).pow(-precision)));
        const m = member(parts, stated.toString());
        expect(isPlainSum(m, precision)).toBe(off === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('a sum a hair either side of a half-way point (means whose remainders add up)', () => {
    // 38.0833… + 54.4166… = 92.5 exactly; 1/3 + 1/6 = 0.5: the remainders meet at the half-way point.
    const cases: [Part[], number][] = [
      [[{ role: 'score', value: new Slow(457).dividedBy(12).toString(), weight: '1' }, { role: 'score', value: new Slow(653).dividedBy(12).toString(), weight: '1' }], 0],
      [[{ role: 'score', value: new Slow(1).dividedBy(3).toString(), weight: '1' }, { role: 'bonus', value: new Slow(1).dividedBy(6).toString(), weight: '1' }], 0],
      [[{ role: 'score', value: new Slow(1).dividedBy(3).toString(), weight: '1' }, { role: 'deduction', value: new Slow(1).dividedBy(3).toString(), weight: '1' }], 2],
      [[{ role: 'score', value: '0.0049999999', weight: '1' }, { role: 'score', value: new Slow(1).dividedBy(7).toString(), weight: '1' }], 2],
    ];
    for (const [parts, precision] of cases) {
      const right = slowRounded(parts, precision);
      expect(isPlainSum(member(parts, right.toString()), precision)).toBe(true);
      expect(isPlainSum(member(parts, right.plus(new Slow(10).pow(-precision)).toString()), precision)).toBe(false);
      expect(isPlainSum(member(parts, right.toString(), true), precision)).toBe(false);
    }
  });

  it('picks the places and names the misfits as before: a mean of 38.0833… needs its own note', () => {
    const mean = (k: number): string => new Slow(k).dividedBy(12).toString();
    const a = member([{ role: 'score', value: '39.995', weight: '1' }, { role: 'score', value: '39.995', weight: '1' }], '79.99');
    const b = member([{ role: 'score', value: mean(457), weight: '1' }, { role: 'score', value: mean(457), weight: '1' }], '76.17');
    expect(rowSums({ precision: 2 } as never, [a]).places).toBe(3);
    const both = rowSums({ precision: 2 } as never, [a, b]);
    expect(both.places).toBe(3);
    expect(both.misfits.map((m) => m.total.toString())).toEqual(['76.17']);
  });
});

describe('shown parts add up: whole millionths = decimal.js', () => {
  it('for any parts, places and stated total', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -1, max: 1 }), (parts, places, off) => {
        // Σ score rounded + round(Σ 加分) − round(Σ 扣分), each rounded half-up to `places`, by decimal.js alone.
        const r = (x: Decimal): Decimal => x.toDecimalPlaces(places, Slow.ROUND_HALF_UP);
        let sum = new Slow(0);
        let bonus = new Slow(0);
        let deduction = new Slow(0);
        for (const p of parts) {
          if (p.role === 'score') sum = sum.plus(r(new Slow(p.value)).times(p.weight));
          else if (p.role === 'bonus') bonus = bonus.plus(new Slow(p.value).times(p.weight));
          else deduction = deduction.plus(new Slow(p.value).times(p.weight));
        }
        const shown = sum.plus(r(bonus)).minus(r(deduction));
        const stated = off === 0 ? shown : shown.plus(new Slow(off).times(new Slow(10).pow(-Math.min(places, 2))));
        const fast = addsUpInMillionths(member(parts, stated.toString()), places);
        if (fast !== undefined) expect(fast).toBe(off === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fast path for the usual row: means and whole 加分/扣分 with weights of 1', () => {
    const mean = (k: number): string => new Slow(k).dividedBy(12).toString();
    const parts: Part[] = [
      { role: 'score', value: mean(457), weight: '1' },
      { role: 'score', value: '54', weight: '1' },
      { role: 'bonus', value: '4', weight: '1' },
      { role: 'deduction', value: '0.5', weight: '1' },
    ];
    expect(addsUpInMillionths(member(parts, '95.58'), 2)).toBe(true);
    expect(addsUpInMillionths(member(parts, '95.59'), 2)).toBe(false);
    expect(addsUpInMillionths(member(parts, '95.583'), 3)).toBe(true);
    // A weight other than 1, or a 加分 with more places: decimal.js decides.
    expect(addsUpInMillionths(member([{ ...parts[0]!, weight: '0.3' }], '11.42'), 2)).toBeUndefined();
    expect(addsUpInMillionths(member([{ role: 'bonus', value: mean(5), weight: '1' }], '0.42'), 2)).toBeUndefined();
  });
});
