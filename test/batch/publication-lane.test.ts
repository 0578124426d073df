// When grade writes its 公示名单 in a worker beside the 评定结果 (src/batch/publication-lane.ts): only
// for packed branches that are expanded again for each workbook, with a core for each;
// SCORE_WRITE_WORKER decides otherwise.
import { describe, expect, it } from 'vitest';
import { KEPT_BRANCHES, KEPT_MEMBERS, type PackedBranch } from '../../src/batch/graded.js';
import { publicationLaneUsed } from '../../src/batch/publication-lane.js';

const branches = (n: number, members: number): PackedBranch[] => Array.from({ length: n }, (_, i) => ({ bytes: new Uint8Array(0), branch: `支部${i}`, members }));

describe('the write worker is used', () => {
  const many = branches(KEPT_BRANCHES + 1, 36); // county-branches: not kept open
  const big = branches(3, Math.ceil(KEPT_MEMBERS / 2)); // more members than are kept open
  const county = branches(50, 2000); // kept open: the 公示 pass is short on the main thread

  it('for packed branches expanded again for each workbook, on two cores or more', () => {
    expect(publicationLaneUsed(many, 2, undefined)).toBe(true);
    expect(publicationLaneUsed(big, 8, undefined)).toBe(true);
    expect(publicationLaneUsed(many, 1, undefined)).toBe(false);
    expect(publicationLaneUsed(county, 8, undefined)).toBe(false);
    expect(publicationLaneUsed([], 8, undefined)).toBe(false);
  });

  it('SCORE_WRITE_WORKER=0 turns it off, =1 on for any packed branches (never without them)', () => {
    expect(publicationLaneUsed(many, 8, '0')).toBe(false);
    expect(publicationLaneUsed(county, 1, '1')).toBe(true);
    expect(publicationLaneUsed([], 1, '1')).toBe(false);
  });
});
