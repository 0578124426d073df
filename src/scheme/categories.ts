// What each member category (R17) gets under a scheme, worked out from the rules themselves: the
// follow-up flags a member of the category can receive. `scheme show` prints it and the loader
// checks a category's stated `flags` against it, so the statement cannot drift from the rules.
import { isRankedCategory, type Category, type Scheme } from './schema.js';

/** Follow-up flags a member of this category can get: flag rules, rank rules, flagged items. */
export function reachableFlags(s: Scheme, c: Category): string[] {
  if (!c.scored) return [];
  const out: string[] = [];
  const add = (f: string): void => {
    if (!out.includes(f)) out.push(f);
  };
  for (const f of s.flags) {
    if (f.categories && !f.categories.includes(c.name)) continue;
    // A rule on a grade holds only for members who get one.
    if ((f.grade !== undefined || f.setGrade !== undefined) && !c.graded) continue;
    add(f.flag);
  }
  if (isRankedCategory(c)) for (const r of s.rankRules) add(r.flag);
  for (const it of s.items) if (it.flag) add(it.flag);
  return out;
}

/** The quota's n counts a category exactly when it can receive the capped grade (SCHEMES.md R13). */
export function countsForQuota(c: Category): boolean {
  return c.countsForQuota ?? c.graded;
}
