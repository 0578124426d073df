// Resolves what a clerk typed (事项, 级别, 党员类别, 层次, member names) against a scheme.
import type { Component, Item, Scheme } from '../scheme/schema.js';
import type { Member } from './model.js';
import { NameIndex, norm } from './text.js';

export interface Catalogue {
  scheme: Scheme;
  item(name: string): Item | undefined;
  component(id: string): Component | undefined;
  category(name: string): Scheme['categories'][number] | undefined;
  tier(name: string | undefined): Scheme['tiers'][number] | undefined;
  /** Points of an item at a level; undefined when the level is not in its table. */
  levelPoints(item: Item, level: string | undefined): number | undefined;
  isVetoType(type: string): boolean;
  override(type: string): Scheme['overrides'][number] | undefined;
}

const catalogueCache = new WeakMap<Scheme, Catalogue>();

export function catalogueOf(scheme: Scheme): Catalogue {
  const cached = catalogueCache.get(scheme);
  if (cached) return cached;
  const items = new NameIndex<Item>();
  for (const it of scheme.items) items.add(it, it.id, it.name, ...it.aliases);
  const components = new Map(scheme.components.map((c) => [c.id, c]));
  const categories = new NameIndex<Scheme['categories'][number]>();
  for (const c of scheme.categories) categories.add(c, c.name, ...c.aliases);
  const tiers = new NameIndex<Scheme['tiers'][number]>();
  for (const t of scheme.tiers) tiers.add(t, t.name, ...t.aliases);
  const vetoTypes = new Set(scheme.vetoTypes.map(norm));
  const overrides = new NameIndex<Scheme['overrides'][number]>();
  for (const o of scheme.overrides) overrides.add(o, o.type);
  const sanctionOf = sanctionMeaning(scheme, vetoTypes, overrides);
  const cat: Catalogue = {
    scheme,
    item: (name) => items.get(name),
    component: (id) => components.get(id),
    category: (name) => categories.get(name),
    tier: (name) => tiers.get(name),
    levelPoints: (item, level) => levelPoints(item, level),
    isVetoType: (type) => sanctionOf(type).veto,
    override: (type) => sanctionOf(type).override,
  };
  catalogueCache.set(scheme, cat);
  return cat;
}

/**
 * What a 否决与处分 类型 means, as a clerk writes it: 「违法（酒驾被行政拘留）」 is 违法. An exact veto
 * type or override first; then the text without its parentheses; then the veto words (the scheme's
 * veto types and veto items with their aliases) and override types found inside the text. A text
 * holding both a veto word and an override, or none of them, means nothing (validate says so at the cell).
 */
function sanctionMeaning(scheme: Scheme, vetoTypes: ReadonlySet<string>, overrides: NameIndex<Scheme['overrides'][number]>): (type: string) => { veto: boolean; override?: Scheme['overrides'][number] } {
  const vetoWords = new Set(vetoTypes);
  for (const it of scheme.items) if (it.veto) for (const n of [it.name, ...it.aliases]) vetoWords.add(norm(n));
  const words = [...vetoWords].filter((w) => w.length >= 2);
  const overrideTypes = scheme.overrides.map((o) => ({ o, k: norm(o.type) })).sort((a, b) => b.k.length - a.k.length);
  const known = new Map<string, { veto: boolean; override?: Scheme['overrides'][number] }>();
  const exact = (t: string): { veto: boolean; override?: Scheme['overrides'][number] } | undefined => {
    if (vetoTypes.has(t)) return { veto: true };
    const o = overrides.get(t);
    return o ? { veto: false, override: o } : undefined;
  };
  return (type) => {
    const t = norm(type);
    let r = known.get(t);
    if (r) return r;
    r = exact(t) ?? exact(t.replace(/[(（[【][^)）\]】]*[)）\]】]/gu, ''));
    if (!r) {
      const veto = words.some((w) => t.includes(w));
      const o = overrideTypes.find((x) => t.includes(x.k))?.o;
      r = veto && o ? { veto: false } : veto ? { veto: true } : o ? { veto: false, override: o } : { veto: false };
    }
    known.set(t, r);
    return r;
  };
}

/** 评议等次 a scheme understands: its conversion factors and grade → points tables. */
export function evaluationGrades(scheme: Scheme): string[] {
  const out = new Set<string>(Object.keys(scheme.conversion?.factors ?? {}));
  for (const c of scheme.components) for (const g of Object.keys(c.gradePoints ?? {})) out.add(g);
  for (const g of scheme.evaluationGrades) out.add(g);
  for (const f of scheme.flags) for (const g of f.evaluation ?? []) out.add(g);
  return [...out];
}

/** 县级 → 县, 国家级 → 国家, 省委 → 省: tolerant level matching, exact key first. */
const levelEntries = new WeakMap<Item, [string, number][]>();

export function levelPoints(item: Item, level: string | undefined): number | undefined {
  if (!item.levels) return undefined;
  const want = norm(level);
  if (!want) return undefined;
  let entries = levelEntries.get(item);
  if (!entries) levelEntries.set(item, (entries = Object.entries(item.levels)));
  for (const [k, v] of entries) if (norm(k) === want) return v;
  const stripped = want.replace(/(级|级别|委|政府)$/u, '');
  for (const [k, v] of entries) if (norm(k).replace(/级$/u, '') === stripped) return v;
  return undefined;
}

/**
 * Who a row names. `conflict`: the row gives a name and a 编号 that are not one member (the 编号 is
 * a roster member of another name, or the name is a member with another 编号): no member, an error.
 */
export type Resolved = Readonly<{ member?: Member; ambiguous: boolean; conflict?: { name: string; id: string; byId?: Member; byName?: Member } }>;

/** Finds members by 编号 and by name; when a row gives both they must be one member. Reports ambiguity for duplicate names without 编号. */
export class MemberIndex {
  private readonly byId = new Map<string, Member>();
  private readonly byName = new Map<string, Member[]>();

  private static readonly built = new WeakMap<readonly Member[], MemberIndex>();

  /** The index of a roster, made once (the checks and the computation of a ledger share it). */
  static of(members: readonly Member[]): MemberIndex {
    let index = MemberIndex.built.get(members);
    if (!index) MemberIndex.built.set(members, (index = new MemberIndex(members)));
    return index;
  }

  constructor(members: readonly Member[]) {
    for (const m of members) {
      if (m.id) this.byId.set(norm(m.id), m);
      const k = norm(m.name);
      const list = this.byName.get(k) ?? [];
      list.push(m);
      this.byName.set(k, list);
    }
  }

  /** Answers by name and by 编号, kept: a ledger names each member on every record sheet. */
  private readonly byNameSeen = new Map<string, Resolved>();
  /** By 编号, then name: the cells' own strings are the keys (their hashes are kept), no key is built per row. */
  private readonly bothSeen = new Map<string, Map<string, Resolved>>();

  resolve(name: string, id?: string): Resolved {
    if (id) {
      let byName = this.bothSeen.get(id);
      if (!byName) this.bothSeen.set(id, (byName = new Map()));
      let r = byName.get(name);
      if (r === undefined) byName.set(name, (r = this.resolveBoth(name, id)));
      return r;
    }
    return this.resolveName(name);
  }

  private resolveName(name: string): Resolved {
    let r = this.byNameSeen.get(name);
    if (r === undefined) {
      const list = this.byName.get(norm(name)) ?? [];
      r = Object.freeze(list.length === 1 ? { member: list[0]!, ambiguous: false } : { ambiguous: list.length > 1 });
      this.byNameSeen.set(name, r);
    }
    return r;
  }

  /** A row with a 编号 (and perhaps a name): the 编号 finds the member, the name must be theirs. */
  private resolveBoth(name: string, id: string): Resolved {
    const byId = this.byId.get(norm(id));
    const named = norm(name) === '' ? undefined : (this.byName.get(norm(name)) ?? []);
    if (byId) {
      if (!named || norm(byId.name) === norm(name)) return Object.freeze({ member: byId, ambiguous: false });
      return Object.freeze({ ambiguous: false, conflict: { name, id, byId, ...(named.length === 1 ? { byName: named[0]! } : {}) } });
    }
    const r = this.resolveName(name);
    // The name is one member whose roster 编号 is another: the row names two people.
    if (r.member?.id && norm(r.member.id) !== norm(id)) return Object.freeze({ ambiguous: false, conflict: { name, id, byName: r.member } });
    return r;
  }

  /** Answers for a whole list of rows (a ledger's records), worked out once: the checks and the computation go over the same rows. */
  private readonly rowsSeen = new WeakMap<readonly object[], readonly Resolved[]>();

  /**
   * resolve() of each row, in the rows' order; the same list of rows gives the same (shared) answers.
   * A ledger's rows are not changed once read; a list that grew since is answered again.
   */
  resolveRows(rows: readonly { name: string; id?: string }[]): readonly Resolved[] {
    let out = this.rowsSeen.get(rows);
    if (out?.length !== rows.length) {
      const list: Resolved[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) list[i] = this.resolve(rows[i]!.name, rows[i]!.id);
      this.rowsSeen.set(rows, (out = list));
    }
    return out;
  }

  duplicates(): Member[][] {
    return [...this.byName.values()].filter((l) => l.length > 1);
  }
}
