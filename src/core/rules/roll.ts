// Rule primitive R20, who is on the roll: the months of a cycle a member belonged to the branch,
// and whether they are in a period or left by its end. Shared by the check and compute steps (and explain). Pure.
import { monthRange, type Cycle, type Period } from '../cycle.js';
import type { Member } from '../model.js';

const monthsOf = new WeakMap<Member, { cycle: Cycle; months: readonly number[] }>();

/** Months (0–11) of the cycle in which the member belonged to the branch (R20); worked out once per member and cycle. */
export function activeMonths(member: Member, cycle: Cycle): readonly number[] {
  const known = monthsOf.get(member);
  if (known?.cycle === cycle) return known.months;
  const months: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = monthRange(cycle, i);
    if (member.joined && member.joined > r.end) continue;
    if (member.left && member.left < r.start) continue;
    months.push(i);
  }
  monthsOf.set(member, { cycle, months: Object.freeze(months) });
  return months;
}

/** Whether a member belonged to the branch in at least one month of the period (R20). */
export function onRollIn(m: Member, cycle: Cycle, period: Period): boolean {
  // A loop, not a closure over the period made for each member (V8 compiled it again for each ledger).
  const months = activeMonths(m, cycle);
  for (let k = 0; k < months.length; k++) if (period.months.includes(months[k]!)) return true;
  return false;
}

/** 转出日期 when the member left by the end of the period: then they are listed, not graded here (SCHEMES.md "Partial years"). */
export function transferredBy(m: Member, period: Period): string | undefined {
  return m.left !== undefined && m.left <= period.end ? m.left : undefined;
}
