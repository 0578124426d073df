// Cross-field checks of a parsed scheme (after the zod shape): pure functions returning
// problem lists (codes and texts in scheme/messages.ts), like Astro's config refinements.
import { reachableFlags } from './categories.js';
import { type SchemeProblem, schemeProblem } from './messages.js';
import type { Band, Scheme } from './schema.js';
import { RECORD_SHEETS, SHEETS } from './form.js';

/** Sheet names every ledger has (a score sheet may not take one). */
const RESERVED_SHEETS = [...Object.values(SHEETS).map((names) => names[0]), ...RECORD_SHEETS];

export type { SchemeProblem } from './messages.js';

function fmt(v: number | undefined, inclusive: boolean, side: 'lo' | 'hi'): string {
  if (v === undefined) return side === 'lo' ? '−∞' : '+∞';
  return side === 'lo' ? `${inclusive ? '[' : '('}${v}` : `${v}${inclusive ? ']' : ')'}`;
}

/** R12: bands must tile the whole line: no gap, no overlap. Names the uncovered or doubled range. */
export function checkBands(bands: readonly Band[]): SchemeProblem[] {
  if (bands.length === 0) return [];
  const out: SchemeProblem[] = [];
  const sorted = bands.map((b, i) => ({ b, i })).sort((x, y) => (x.b.min ?? -Infinity) - (y.b.min ?? -Infinity));
  for (const { b, i } of sorted) {
    if (b.min !== undefined && b.max !== undefined && (b.min > b.max || (b.min === b.max && !(b.minInclusive && b.maxInclusive)))) {
      out.push(schemeProblem('SCHEME_BAND_EMPTY', `bands[${i}]`, { grade: b.grade, min: b.min, max: b.max }));
    }
  }
  const first = sorted[0]!;
  if (first.b.min !== undefined) {
    out.push(schemeProblem('SCHEME_BANDS_NO_LOWEST', `bands[${first.i}].min`, { range: `${fmt(undefined, false, 'lo')}, ${fmt(first.b.min, !first.b.minInclusive, 'hi')}`, min: first.b.min }));
  }
  const last = sorted[sorted.length - 1]!;
  if (last.b.max !== undefined) {
    out.push(schemeProblem('SCHEME_BANDS_NO_HIGHEST', `bands[${last.i}].max`, { range: `${fmt(last.b.max, !last.b.maxInclusive, 'lo')}, +∞)`, max: last.b.max }));
  }
  for (let k = 1; k < sorted.length; k++) {
    const lo = sorted[k - 1]!;
    const hi = sorted[k]!;
    const a = lo.b.max;
    const b = hi.b.min;
    if (a === undefined || b === undefined) {
      out.push(schemeProblem('SCHEME_BANDS_OPEN_INSIDE', `bands[${hi.i}]`, { lower: lo.b.grade, upper: hi.b.grade }));
      continue;
    }
    if (a < b || (a === b && !lo.b.maxInclusive && !hi.b.minInclusive)) {
      out.push(schemeProblem('SCHEME_BANDS_GAP', `bands[${hi.i}].min`, { range: `${fmt(a, !lo.b.maxInclusive, 'lo')}, ${fmt(b, !hi.b.minInclusive, 'hi')}`, lower: lo.b.grade, upper: hi.b.grade }));
    } else if (a > b || (a === b && lo.b.maxInclusive && hi.b.minInclusive)) {
      out.push(schemeProblem('SCHEME_BANDS_OVERLAP', `bands[${hi.i}].min`, { range: `${fmt(b, hi.b.minInclusive, 'lo')}, ${fmt(a, lo.b.maxInclusive, 'hi')}`, lower: lo.b.grade, upper: hi.b.grade }));
    }
  }
  return out;
}

/** References between fields: items → components/entries/groups, grades, categories, ids unique. */
export function checkReferences(s: Scheme): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  const comps = new Map(s.components.map((c) => [c.id, c]));
  const grades = new Set(s.bands.map((b) => b.grade));
  const categories = new Set(s.categories.map((c) => c.name));
  const dup = <T>(list: T[], key: (t: T) => string, path: string, what: string): void => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const k = key(t);
      if (seen.has(k)) out.push(schemeProblem('SCHEME_DUPLICATE', `${path}[${i}]`, { what, path, key: k }));
      seen.add(k);
    });
  };
  dup(s.components, (c) => c.id, 'components', '组成部分 id');
  dup(s.items, (i) => i.id, 'items', '事项 id');
  dup(s.items, (i) => i.name, 'items', '事项名称');
  dup(s.categories, (c) => c.name, 'categories', '党员类别');
  dup(s.tiers, (t) => t.name, 'tiers', '层次');
  dup(s.components.flatMap((c) => (c.scoreSheet ? [c.scoreSheet] : [])), (n) => n, 'components.scoreSheet', '评分表名');
  dup(
    s.components.filter((c) => c.kind === 'recorded').flatMap((c) => c.entries),
    (e) => e.name,
    'components.entries',
    '记录表列名',
  );
  s.items.forEach((it, i) => {
    const c = comps.get(it.component);
    if (!c) {
      out.push(schemeProblem('SCHEME_ITEM_UNKNOWN_COMPONENT', `items[${i}].component`, { item: it.name, component: it.component, options: [...comps.keys()].join('、') }));
      return;
    }
    if (it.entry && !c.entries.some((e) => e.id === it.entry)) {
      out.push(schemeProblem('SCHEME_ITEM_UNKNOWN_ENTRY', `items[${i}].entry`, { item: it.name, component: c.name, componentId: c.id, entry: it.entry }));
    }
    if (it.group && !c.groups.some((g) => g.id === it.group)) {
      out.push(schemeProblem('SCHEME_ITEM_UNKNOWN_GROUP', `items[${i}].group`, { item: it.name, group: it.group }));
    }
    if (it.points === undefined && !it.levels && !it.range && !it.veto && !it.zeroes) {
      out.push(schemeProblem('SCHEME_ITEM_NO_POINTS', `items[${i}]`, { item: it.name }));
    }
    if (it.range && it.range.min > it.range.max) {
      out.push(schemeProblem('SCHEME_ITEM_RANGE', `items[${i}].range`, { item: it.name }));
    }
  });
  s.components.forEach((c, i) => {
    if ((c.kind === 'recorded' || c.kind === 'deduct') && c.entries.length === 0 && c.base === undefined && !c.fromHistory) {
      out.push(schemeProblem('SCHEME_COMPONENT_NO_ENTRIES', `components[${i}].entries`, { component: c.name, kind: c.kind }));
    }
    if (c.kind === 'evaluation' && !c.votes && !c.gradePoints) {
      out.push(schemeProblem('SCHEME_EVALUATION_NO_VOTES', `components[${i}]`, { component: c.name }));
    }
    if (c.scoreSheet !== undefined) {
      if (c.kind !== 'deduct' || c.entries.length === 0) out.push(schemeProblem('SCHEME_SCORE_SHEET_KIND', `components[${i}].scoreSheet`, { component: c.name, kind: c.kind }));
      if (RESERVED_SHEETS.includes(c.scoreSheet)) out.push(schemeProblem('SCHEME_SCORE_SHEET_RESERVED', `components[${i}].scoreSheet`, { sheet: c.scoreSheet, component: c.name }));
    }
    c.entries.forEach((e, j) => {
      if (e.min > e.max) out.push(schemeProblem('SCHEME_ENTRY_RANGE', `components[${i}].entries[${j}].min`, { entry: e.name, min: e.min, max: e.max }));
    });
  });
  if (s.cycle.record === 'none' && s.components.some((c) => c.kind === 'recorded')) {
    out.push(schemeProblem('SCHEME_RECORD_NONE', 'cycle.record'));
  }
  const gradeRef = (g: string | undefined, path: string): void => {
    if (g !== undefined && s.bands.length > 0 && !grades.has(g) && !extraGrades(s).has(g)) {
      out.push(schemeProblem('SCHEME_UNKNOWN_GRADE', path, { grade: g, options: [...grades].join('、') }));
    }
  };
  if (s.quota) {
    gradeRef(s.quota.grade, 'quota.grade');
    gradeRef(s.quota.fallback, 'quota.fallback');
  }
  s.gradeConditions.forEach((g, i) => {
    gradeRef(g.grade, `gradeConditions[${i}].grade`);
    if (!comps.has(g.component)) out.push(schemeProblem('SCHEME_CONDITION_UNKNOWN_COMPONENT', `gradeConditions[${i}].component`, { component: g.component }));
  });
  s.flags.forEach((f, i) => {
    gradeRef(f.grade, `flags[${i}].grade`);
    for (const c of f.categories ?? []) {
      if (!categories.has(c)) out.push(schemeProblem('SCHEME_FLAG_UNKNOWN_CATEGORY', `flags[${i}].categories`, { category: c }));
    }
    if (f.hasPointsIn && !comps.has(f.hasPointsIn)) out.push(schemeProblem('SCHEME_FLAG_UNKNOWN_COMPONENT', `flags[${i}].hasPointsIn`, { component: f.hasPointsIn }));
  });
  s.overrides.forEach((o, i) => {
    if (!o.deduct) return;
    const it = s.items.find((x) => x.id === o.deduct!.item);
    if (!it) out.push(schemeProblem('SCHEME_OVERRIDE_UNKNOWN_ITEM', `overrides[${i}].deduct.item`, { type: o.type, item: o.deduct.item }));
    else if (it.levels && (o.deduct.level === undefined || !(o.deduct.level in it.levels))) out.push(schemeProblem('SCHEME_OVERRIDE_UNKNOWN_LEVEL', `overrides[${i}].deduct.level`, { type: o.type, level: o.deduct.level ?? '', item: it.name, itemId: it.id, options: Object.keys(it.levels).join('、') }));
  });
  (s.application?.entries ?? []).forEach((key, i) => {
    const [cid, eid] = key.split('.');
    const c = s.components.find((x) => x.id === cid);
    if (!c || c.kind !== 'recorded' || !c.entries.some((e) => e.id === eid)) out.push(schemeProblem('SCHEME_APPLICATION_ENTRY', `application.entries[${i}]`, { key }));
  });
  if (s.directGrades && s.bands.length === 0) out.push(schemeProblem('SCHEME_DIRECT_GRADES_NO_BANDS', 'directGrades'));
  s.flags.forEach((f, i) => {
    if (f.replaces && !s.flags.some((g) => g.flag === f.replaces)) out.push(schemeProblem('SCHEME_FLAG_UNKNOWN_REPLACES', `flags[${i}].replaces`, { flag: f.flag, replaces: f.replaces }));
  });
  s.categories.forEach((c, i) => {
    if (!c.scored && (c.graded || c.ranked)) out.push(schemeProblem('SCHEME_CATEGORY_NOT_SCORED', `categories[${i}]`, { category: c.name }));
    if (s.quota && c.countsForQuota !== undefined && c.countsForQuota !== c.graded) {
      out.push(schemeProblem('SCHEME_CATEGORY_QUOTA', `categories[${i}].countsForQuota`, { category: c.name, grade: s.quota.grade, graded: String(c.graded) }));
    }
    if (c.flags) {
      const reach = reachableFlags(s, c);
      const extra = c.flags.filter((f) => !reach.includes(f));
      const missing = reach.filter((f) => !c.flags!.includes(f));
      if (extra.length || missing.length) {
        out.push(schemeProblem('SCHEME_CATEGORY_FLAGS', `categories[${i}].flags`, { category: c.name, extra: extra.join('、'), missing: missing.join('、'), expected: reach.join('、'), diff: [...extra.map((f) => `+${f}`), ...missing.map((f) => `-${f}`)].join(', ') }));
      }
    }
  });
  if (s.exempt?.otherScore && s.directGrades) out.push(schemeProblem('SCHEME_OTHER_SCORE_AND_DIRECT', 'exempt.otherScore'));
  s.rankRules.forEach((r, i) => {
    if (r.by && !comps.has(r.by)) out.push(schemeProblem('SCHEME_RANK_UNKNOWN_COMPONENT', `rankRules[${i}].by`, { component: r.by }));
  });
  return out;
}

/** Grades that only rules give (不合格党员 two years running) count as known grades. */
function extraGrades(s: Scheme): Set<string> {
  return new Set([
    ...s.overrides.map((o) => o.grade),
    ...s.flags.flatMap((f) => (f.setGrade ? [f.setGrade] : [])),
    ...s.gradeConditions.map((g) => g.fallback),
  ]);
}

export function checkScheme(s: Scheme): SchemeProblem[] {
  return [...checkBands(s.bands), ...checkReferences(s)];
}
