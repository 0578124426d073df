// The bounded memo behind the read and compute caches: never more than twice its limit, and an
// entry in use survives the turnover.
import { describe, expect, it } from 'vitest';
import { Memo } from '../../src/core/memo.js';

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
