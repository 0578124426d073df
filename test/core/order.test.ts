import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortUnlessOrdered } from '../../src/core/order.js';

describe('sortUnlessOrdered', () => {
  it('gives what a stable sort gives, for lists in order and out of it', () => {
    const byKey = (a: { k: number }, b: { k: number }): number => a.k - b.k;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), fc.boolean(), (keys, presorted) => {
        const rows = (presorted ? [...keys].sort((a, b) => a - b) : keys).map((k, i) => ({ k, i }));
        const want = [...rows].sort(byKey);
        const got = [...rows];
        sortUnlessOrdered(got, byKey);
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('does not call sort on a list already in order', () => {
    const rows = [1, 2, 2, 3];
    rows.sort = () => {
      throw new Error('sorted again');
    };
    expect(() => sortUnlessOrdered(rows, (a, b) => a - b)).not.toThrow();
    expect(() => sortUnlessOrdered([2, 1], (a, b) => a - b)).not.toThrow();
  });
});
