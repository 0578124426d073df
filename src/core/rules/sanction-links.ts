// R15 with a deduction: an override with `deduct` links a 否决与处分 type to a catalogue item at a
// level, so that one entry applies both its override and its deduction (agency 党纪处分). Pure.
import type { Item } from '../../scheme/schema.js';
import type { Catalogue } from '../catalogue.js';
import type { EventRow, Sanction } from '../model.js';
import { norm } from '../text.js';

export interface LinkedEvent {
  item: Item;
  row: EventRow;
}

export interface SanctionLinks<E extends LinkedEvent> {
  /** Sanctions whose deduction is not in 加减分明细: each deducts as the linked item at its level. */
  deductions: { sanction: Sanction; item: Item; level?: string }[];
  /** 加减分明细 rows of a linked item and level without the sanction: each counts as that sanction type. */
  sanctions: { event: E; type: string }[];
  /** The same sanction entered in both places: counted once. */
  doubled: { sanction: Sanction; event: E }[];
}

/** 警告, 警告处分 and 警告级 are one level. */
const levelKey = (s: string | undefined): string => norm(s ?? '').replace(/(处分|处罚|级)$/, '');

/** Links one member's events and sanctions (both already resolved to this member). */
export function linkSanctions<E extends LinkedEvent>(cat: Catalogue, events: readonly E[], sanctions: readonly Sanction[]): SanctionLinks<E> {
  const out: SanctionLinks<E> = { deductions: [], sanctions: [], doubled: [] };
  if (!cat.scheme.overrides.some((o) => o.deduct)) return out;
  const paired = new Set<E>();
  const matches = (ev: E, item: string, level: string | undefined): boolean => ev.item.id === item && levelKey(ev.row.level) === levelKey(level);
  for (const s of sanctions) {
    const o = cat.override(s.type);
    if (!o?.deduct) continue;
    const { item: itemId, level } = o.deduct;
    const ev = events.find((e) => !paired.has(e) && matches(e, itemId, level));
    if (ev) {
      paired.add(ev);
      out.doubled.push({ sanction: s, event: ev });
      continue;
    }
    const item = cat.scheme.items.find((i) => i.id === itemId);
    if (item) out.deductions.push(level === undefined ? { sanction: s, item } : { sanction: s, item, level });
  }
  for (const ev of events) {
    if (paired.has(ev)) continue;
    const o = cat.scheme.overrides.find((x) => x.deduct && matches(ev, x.deduct.item, x.deduct.level));
    if (o) out.sanctions.push({ event: ev, type: o.type });
  }
  return out;
}
