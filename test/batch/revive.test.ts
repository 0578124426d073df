// What crosses from a read worker must arrive unchanged: decimals exact, every member field
// (optional ones too), strings that look like the markers, branches whose members differ.
import { describe, expect, it } from 'vitest';
import { dec, Dec } from '../../src/core/decimal.js';
import type { BranchResult, MemberResult } from '../../src/core/result.js';
import { branchFromBytes, branchToBytes, freeze, thaw } from '../../src/batch/revive.js';
import { branchOne, branchTwo } from '../excel-write/fixtures.js';

/** Decimals as text, so toEqual compares values, not decimal.js internals. */
function plain(v: unknown): unknown {
  if (v instanceof Dec) return `dec:${v.toString()}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const across = (b: BranchResult): BranchResult => branchFromBytes(structuredClone(branchToBytes(b)));

const full: MemberResult = {
  ...branchOne.members[1]!,
  name: '\u0001不是小数',
  tier: '三类',
  posts: ['\u0002岗位', '治安巡逻'],
  vetoReason: '违反政治纪律',
  exactTotal: dec('99.4999999999999999999999999'),
  // on the fast path (crosses as millionths) and off it (crosses as text)
  bonus: dec('-0.000001'),
  deduction: dec('1234567.5'),
  sanctions: ['诫勉谈话'],
  flags: ['\u0001标记'],
  trace: [{ rule: 'R2', zh: '合计 99.5', en: 'Subtotal 99.5', source: { file: 'a.xlsx', sheet: '1月', cell: 'D7' } }],
};

describe('results across the worker boundary', () => {
  it('arrive unchanged, every field, decimals exact', () => {
    const withSanctions = (b: BranchResult): BranchResult => ({ ...b, members: b.members.map((m) => ({ ...m, sanctions: m.sanctions ?? [] })) });
    for (const b of [withSanctions(branchOne), withSanctions(branchTwo), { ...withSanctions(branchOne), members: [full, ...withSanctions(branchOne).members] }]) {
      const back = across(b);
      expect(plain(back)).toEqual(plain(b));
      expect(back.members[0]!.total).toBeInstanceOf(Dec);
    }
  });

  it('carries every key a member can have (a new field must be added to the rows)', () => {
    const back = across({ ...branchOne, members: [full] }).members[0]!;
    expect(Object.keys(back).sort()).toEqual(Object.keys(full).sort());
  });

  it('falls back to the generic form when members carry different components', () => {
    const odd: MemberResult = { ...branchOne.members[0]!, sanctions: [], components: branchOne.members[0]!.components.slice(0, 2) };
    const b: BranchResult = { ...branchOne, members: [{ ...branchOne.members[1]!, sanctions: [] }, odd] };
    expect(plain(across(b))).toEqual(plain(b));
  });

  it('freeze and thaw keep decimals and marker-like strings apart', () => {
    const value = { a: dec('0.1'), b: '\u0001x', c: ['\u0002y', dec('-3.25')], d: null, e: 7 };
    const back = thaw<typeof value>(structuredClone(freeze(value)));
    expect(plain(back)).toEqual(plain(value));
  });
});
