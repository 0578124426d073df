// Rule primitives on 加减分明细 rows: an event's unit points (fixed, by level R4, or typed) and the
// highest-level-only grouping of R3. The check step warns with them, the compute step counts with them. Pure.
import type { Item } from '../../scheme/schema.js';
import type { Catalogue } from '../catalogue.js';
import { compare, type Dec, dec, ZERO } from '../decimal.js';
import type { EventRow } from '../model.js';
import { norm } from '../text.js';

/** Unit points of an event (before × count): fixed, by level (R4), or typed within a range. */
export function eventUnitPoints(cat: Catalogue, item: Item, row: EventRow): Dec | undefined {
  if (item.levels) {
    const p = cat.levelPoints(item, row.level);
    return p === undefined ? undefined : dec(p);
  }
  if (item.range) return row.points;
  if (item.points !== undefined) return dec(item.points);
  // A veto (一票否决) or an 该项不得分 item needs no 分值: its effect is the veto or the zero.
  if (item.veto || item.zeroes) return row.points ?? ZERO;
  return row.points;
}

/**
 * R3's grouping: rows of a highest-level-only item (or its group) and one 项目 compete; with
 * highestPer 'category' every row of the item (or group) competes, whatever its 项目. A row with a
 * blank 项目 competes with nothing here: the check step reports it (EVENT_NO_PROJECT) when it matters.
 */
export function projectKey(item: Item, project: string | undefined): string | undefined {
  if (!item.highestOnly) return undefined;
  if (item.highestPer === 'category') return `${item.group ?? item.id}\u0000`;
  return project ? `${item.group ?? item.id}\u0000${norm(project)}` : undefined;
}

const NONE_BELOW: ReadonlySet<never> = new Set();

/**
 * R3: the rows that do not count because a row of the same project scores higher (ties: the first counts).
 * `keyOf` and `pointsOf` are given `context` with each row: callers pass functions of their module, not
 * closures made for each ledger, whose compiled code V8 would drop with them (issue 23).
 */
export function belowHighest<T, C>(rows: readonly T[], keyOf: (r: T, context: C) => string | undefined, pointsOf: (r: T, context: C) => Dec | undefined, context: C): ReadonlySet<T> {
  let best: Map<string, { row: T; points: Dec }> | undefined;
  for (const r of rows) {
    const k = keyOf(r, context);
    const p = k === undefined ? undefined : pointsOf(r, context);
    if (k === undefined || !p) continue;
    best ??= new Map();
    const cur = best.get(k);
    if (!cur || compare(p, cur.points) > 0) best.set(k, { row: r, points: p });
  }
  // Most members have no highest-level-only project at all: nothing to build.
  if (!best) return NONE_BELOW;
  const out = new Set<T>();
  for (const r of rows) {
    const k = keyOf(r, context);
    if (k !== undefined && best.has(k) && best.get(k)!.row !== r) out.add(r);
  }
  return out;
}
