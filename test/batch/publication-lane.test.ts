// When grade writes its 公示名单 in a worker beside the 评定结果 (src/batch/publication-lane.ts): only
// for a batch whose branches are packed (a county), with a core for each; SCORE_WRITE_WORKER decides.
import { describe, expect, it } from 'vitest';
import { publicationLaneUsed } from '../../src/batch/publication-lane.js';

describe('the write worker is used', () => {
  it('for packed branches on two cores or more, never without packed branches', () => {
    expect(publicationLaneUsed(50, 2, undefined)).toBe(true);
    expect(publicationLaneUsed(2800, 8, undefined)).toBe(true);
    expect(publicationLaneUsed(50, 1, undefined)).toBe(false);
    expect(publicationLaneUsed(0, 8, undefined)).toBe(false);
  });

  it('SCORE_WRITE_WORKER=0 turns it off, =1 on with one core (never without packed branches)', () => {
    expect(publicationLaneUsed(50, 8, '0')).toBe(false);
    expect(publicationLaneUsed(50, 1, '1')).toBe(true);
    expect(publicationLaneUsed(0, 1, '1')).toBe(false);
  });
});
