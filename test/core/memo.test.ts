// The bounded memo behind the read and compute caches: never more than twice its limit, and an
// entry in use survives the turnover.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Memo, NumberMemo } from '../../src/core/memo.js';

describe('Memo', () => {
  it('keeps at most twice its limit', () => {
    const m = new Memo<number, string>(100);
    for (let i = 0; i < 10_000; i++) m.set(i, String(i));
    expect(m.size).toBeLessThanOrEqual(200);
    expect(m.get(9_999)).toBe('9999');
    expect(m.get(0)).toBeUndefined();
  });

  it('keeps what is used while new entries come and go', () => {
    const m = new Memo<string, number>(50);
    m.set('合格', 1);
    for (let i = 0; i < 5_000; i++) {
      m.set(`党员${i}`, i);
      if (i % 30 === 0) expect(m.get('合格')).toBe(1);
    }
    expect(m.get('合格')).toBe(1);
  });
});

describe('NumberMemo', () => {
  // Its table in front of the Memo answers with the value last set for the key, or nothing (an entry
  // the bounded Memo let go may be gone); colliding keys (scores, millionths, negatives, fractions)
  // never answer for each other, and 0 and −0 are one key, as in a Map.
  it('never answers a look-up with the value of another key, whatever the keys collide on', () => {
    const key = fc.oneof(
      fc.integer({ min: -2_000, max: 2_000 }).map((n) => n / 4),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 4096, 4096 * 1024, 1 / 1024, 65536 / 1024),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 400 }), (ops) => {
        const m = new NumberMemo<string>(64);
        const shadow = new Map<number, string>();
        let recent: number | undefined;
        for (const [write, k] of ops) {
          if (write) {
            const v = `v${Object.is(k, -0) ? 0 : k}`;
            shadow.set(k, v);
            expect(m.set(k, v)).toBe(v);
            recent = k;
          } else {
            const got = m.get(k);
            if (got !== undefined) expect(got).toBe(shadow.get(k));
          }
        }
        // The key set last is always there.
        if (recent !== undefined) expect(m.get(recent)).toBe(shadow.get(recent));
      }),
      { numRuns: 300 },
    );
  });

  it('answers from its table once a key is in it, without asking the Memo again', () => {
    const m = new NumberMemo<string>(16);
    m.set(8.5, 'a');
    const asked: number[] = [];
    const ask = Memo.prototype.get;
    Memo.prototype.get = function (this: Memo<number, string>, k: number) {
      asked.push(k);
      return ask.call(this, k);
    };
    try {
      for (let i = 0; i < 100; i++) expect(m.get(8.5)).toBe('a');
      expect(m.get(9.5)).toBeUndefined();
    } finally {
      Memo.prototype.get = ask;
    }
    expect(asked).toEqual([9.5]);
  });
});
