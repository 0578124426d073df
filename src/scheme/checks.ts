// Cross-field checks of a parsed scheme (after the zod shape): pure functions returning
// {path, message} lists, like Astro's config refinements.
import { reachableFlags } from './categories.js';
import type { Band, Scheme } from './schema.js';
import { RECORD_SHEETS, SHEETS } from './form.js';

/** Sheet names every ledger has (a score sheet may not take one). */
const RESERVED_SHEETS = [...Object.values(SHEETS).map((names) => names[0]), ...RECORD_SHEETS];

export interface SchemeProblem {
  path: string;
  zh: string;
  en: string;
}

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
      out.push({ path: `bands[${i}]`, zh: `等次「${b.grade}」的下限 ${b.min} 不小于上限 ${b.max}`, en: `band ${b.grade}: min ${b.min} is not below max ${b.max}` });
    }
  }
  const first = sorted[0]!;
  if (first.b.min !== undefined) {
    out.push({ path: `bands[${first.i}].min`, zh: `分数 ${fmt(undefined, false, 'lo')}, ${fmt(first.b.min, !first.b.minInclusive, 'hi')} 没有等次：最低一档请去掉 min`, en: `scores below ${first.b.min} have no band: drop min on the lowest band` });
  }
  const last = sorted[sorted.length - 1]!;
  if (last.b.max !== undefined) {
    out.push({ path: `bands[${last.i}].max`, zh: `分数 ${fmt(last.b.max, !last.b.maxInclusive, 'lo')}, +∞) 没有等次：最高一档请去掉 max`, en: `scores above ${last.b.max} have no band: drop max on the top band` });
  }
  for (let k = 1; k < sorted.length; k++) {
    const lo = sorted[k - 1]!;
    const hi = sorted[k]!;
    const a = lo.b.max;
    const b = hi.b.min;
    if (a === undefined || b === undefined) {
      out.push({ path: `bands[${hi.i}]`, zh: `等次「${lo.b.grade}」与「${hi.b.grade}」重叠：中间的档必须同时写 min 和 max`, en: `bands ${lo.b.grade} and ${hi.b.grade} overlap: inner bands need both min and max` });
      continue;
    }
    if (a < b || (a === b && !lo.b.maxInclusive && !hi.b.minInclusive)) {
      out.push({
        path: `bands[${hi.i}].min`,
        zh: `分数 ${fmt(a, !lo.b.maxInclusive, 'lo')}, ${fmt(b, !hi.b.minInclusive, 'hi')} 没有等次（「${lo.b.grade}」与「${hi.b.grade}」之间有空档）：请让相邻两档首尾相接`,
        en: `scores ${fmt(a, !lo.b.maxInclusive, 'lo')}, ${fmt(b, !hi.b.minInclusive, 'hi')} have no band (gap between ${lo.b.grade} and ${hi.b.grade})`,
      });
    } else if (a > b || (a === b && lo.b.maxInclusive && hi.b.minInclusive)) {
      out.push({
        path: `bands[${hi.i}].min`,
        zh: `分数 ${fmt(b, hi.b.minInclusive, 'lo')}, ${fmt(a, lo.b.maxInclusive, 'hi')} 同时属于「${lo.b.grade}」和「${hi.b.grade}」（重叠）：请让相邻两档首尾相接`,
        en: `scores ${fmt(b, hi.b.minInclusive, 'lo')}, ${fmt(a, lo.b.maxInclusive, 'hi')} fall in both ${lo.b.grade} and ${hi.b.grade} (overlap)`,
      });
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
      if (seen.has(k)) out.push({ path: `${path}[${i}]`, zh: `${what}「${k}」重复：请改成唯一的名称`, en: `duplicate ${path} ${k}` });
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
      out.push({ path: `items[${i}].component`, zh: `事项「${it.name}」引用了不存在的组成部分「${it.component}」：可选 ${[...comps.keys()].join('、')}`, en: `item ${it.name}: unknown component ${it.component}` });
      return;
    }
    if (it.entry && !c.entries.some((e) => e.id === it.entry)) {
      out.push({ path: `items[${i}].entry`, zh: `事项「${it.name}」引用了「${c.name}」中不存在的子项「${it.entry}」`, en: `item ${it.name}: unknown entry ${it.entry} in ${c.id}` });
    }
    if (it.group && !c.groups.some((g) => g.id === it.group)) {
      out.push({ path: `items[${i}].group`, zh: `事项「${it.name}」引用了不存在的分类「${it.group}」`, en: `item ${it.name}: unknown group ${it.group}` });
    }
    if (it.points === undefined && !it.levels && !it.range && !it.veto && !it.zeroes) {
      out.push({ path: `items[${i}]`, zh: `事项「${it.name}」没有分值：请写 points、levels 或 range 之一`, en: `item ${it.name} has no points, levels or range` });
    }
    if (it.range && it.range.min > it.range.max) {
      out.push({ path: `items[${i}].range`, zh: `事项「${it.name}」的分值范围下限大于上限`, en: `item ${it.name}: range min above max` });
    }
  });
  s.components.forEach((c, i) => {
    if ((c.kind === 'recorded' || c.kind === 'deduct') && c.entries.length === 0 && c.base === undefined && !c.fromHistory) {
      out.push({ path: `components[${i}].entries`, zh: `组成部分「${c.name}」（${c.kind}）至少要有一个子项（entries）`, en: `component ${c.name} needs entries` });
    }
    if (c.kind === 'evaluation' && !c.votes && !c.gradePoints) {
      out.push({ path: `components[${i}]`, zh: `民主评议「${c.name}」需要 votes（票数公式）或 gradePoints（等次分值）`, en: `evaluation ${c.name} needs votes or gradePoints` });
    }
    if (c.scoreSheet !== undefined) {
      if (c.kind !== 'deduct' || c.entries.length === 0) out.push({ path: `components[${i}].scoreSheet`, zh: `只有带子项的倒扣记分组成部分（deduct）可以设 scoreSheet：「${c.name}」是 ${c.kind}`, en: `scoreSheet needs a deduct component with entries (${c.name} is ${c.kind})` });
      if (RESERVED_SHEETS.includes(c.scoreSheet)) out.push({ path: `components[${i}].scoreSheet`, zh: `评分表名「${c.scoreSheet}」与台账固定工作表重名：请换一个名称，例如「${c.name}评分」`, en: `scoreSheet ${c.scoreSheet} clashes with a ledger sheet` });
    }
    c.entries.forEach((e, j) => {
      if (e.min > e.max) out.push({ path: `components[${i}].entries[${j}].min`, zh: `子项「${e.name}」的下限 ${e.min} 大于满分 ${e.max}`, en: `entry ${e.name}: min above max` });
    });
  });
  if (s.cycle.record === 'none' && s.components.some((c) => c.kind === 'recorded')) {
    out.push({ path: 'cycle.record', zh: '方案有按期记录的组成部分（recorded），cycle.record 不能是 none：请改为 month 或 quarter', en: 'recorded components need cycle.record month or quarter' });
  }
  const gradeRef = (g: string | undefined, path: string): void => {
    if (g !== undefined && s.bands.length > 0 && !grades.has(g) && !extraGrades(s).has(g)) {
      out.push({ path, zh: `等次「${g}」不在 bands 中：可选 ${[...grades].join('、')}`, en: `grade ${g} is not in bands` });
    }
  };
  if (s.quota) {
    gradeRef(s.quota.grade, 'quota.grade');
    gradeRef(s.quota.fallback, 'quota.fallback');
  }
  s.gradeConditions.forEach((g, i) => {
    gradeRef(g.grade, `gradeConditions[${i}].grade`);
    if (!comps.has(g.component)) out.push({ path: `gradeConditions[${i}].component`, zh: `条件引用了不存在的组成部分「${g.component}」`, en: `unknown component ${g.component}` });
  });
  s.flags.forEach((f, i) => {
    gradeRef(f.grade, `flags[${i}].grade`);
    for (const c of f.categories ?? []) {
      if (!categories.has(c)) out.push({ path: `flags[${i}].categories`, zh: `标记规则引用了不存在的党员类别「${c}」`, en: `unknown category ${c}` });
    }
    if (f.hasPointsIn && !comps.has(f.hasPointsIn)) out.push({ path: `flags[${i}].hasPointsIn`, zh: `标记规则引用了不存在的组成部分「${f.hasPointsIn}」`, en: `unknown component ${f.hasPointsIn}` });
  });
  s.overrides.forEach((o, i) => {
    if (!o.deduct) return;
    const it = s.items.find((x) => x.id === o.deduct!.item);
    if (!it) out.push({ path: `overrides[${i}].deduct.item`, zh: `处分「${o.type}」的扣分引用了不存在的事项「${o.deduct.item}」（写事项的 id）`, en: `override ${o.type}: unknown item ${o.deduct.item}` });
    else if (it.levels && (o.deduct.level === undefined || !(o.deduct.level in it.levels))) out.push({ path: `overrides[${i}].deduct.level`, zh: `处分「${o.type}」的扣分级别「${o.deduct.level ?? ''}」不在事项「${it.name}」的级别中：可选 ${Object.keys(it.levels).join('、')}`, en: `override ${o.type}: level not in item ${it.id}` });
  });
  (s.application?.entries ?? []).forEach((key, i) => {
    const [cid, eid] = key.split('.');
    const c = s.components.find((x) => x.id === cid);
    if (!c || c.kind !== 'recorded' || !c.entries.some((e) => e.id === eid)) out.push({ path: `application.entries[${i}]`, zh: `积分申请表可申报的记录项「${key}」不是本方案记录表中的一项（写“组成部分id.项id”，组成部分须为 recorded）`, en: `application entry ${key} is not a recorded entry (componentId.entryId)` });
  });
  if (s.directGrades && s.bands.length === 0) out.push({ path: 'directGrades', zh: '直接确定档次（directGrades）要从 bands 的等次中选择：请先写 bands', en: 'directGrades needs bands' });
  s.flags.forEach((f, i) => {
    if (f.replaces && !s.flags.some((g) => g.flag === f.replaces)) out.push({ path: `flags[${i}].replaces`, zh: `标记「${f.flag}」要取代的「${f.replaces}」不是本方案的标记`, en: `flag ${f.flag} replaces unknown flag ${f.replaces}` });
  });
  s.categories.forEach((c, i) => {
    if (!c.scored && (c.graded || c.ranked)) out.push({ path: `categories[${i}]`, zh: `党员类别「${c.name}」不计分（scored: false），不能评定等次或参加排名：请把 graded、ranked 改为 false`, en: `category ${c.name} is not scored, so it cannot be graded or ranked` });
    if (s.quota && c.countsForQuota !== undefined && c.countsForQuota !== c.graded) {
      out.push({
        path: `categories[${i}].countsForQuota`,
        zh: c.graded
          ? `党员类别「${c.name}」评定等次，能评为「${s.quota.grade}」，必须计入名额基数（名额按能评为该等次的全部党员计）：请把 countsForQuota 改为 true，或删去这一项`
          : `党员类别「${c.name}」不评定等次，不能计入「${s.quota.grade}」的名额基数：请把 countsForQuota 改为 false，或删去这一项`,
        en: `category ${c.name}: countsForQuota must equal graded (${c.graded}): a quota counts everyone who can receive ${s.quota.grade}`,
      });
    }
    if (c.flags) {
      const reach = reachableFlags(s, c);
      const extra = c.flags.filter((f) => !reach.includes(f));
      const missing = reach.filter((f) => !c.flags!.includes(f));
      if (extra.length || missing.length) {
        out.push({
          path: `categories[${i}].flags`,
          zh: `党员类别「${c.name}」写明的标记与规则不符：${extra.length ? `规则不会给出 ${extra.join('、')}` : ''}${extra.length && missing.length ? '；' : ''}${missing.length ? `漏写 ${missing.join('、')}` : ''}。按规则应为：${reach.join('、') || '（无）'}`,
          en: `category ${c.name}: stated flags differ from the rules (${[...extra.map((f) => `+${f}`), ...missing.map((f) => `-${f}`)].join(', ')})`,
        });
      }
    }
  });
  if (s.exempt?.otherScore && s.directGrades) out.push({ path: 'exempt.otherScore', zh: '不参加积分的党员只能有一种另行评定方式：直接确定档次（directGrades）或另行评定得分（exempt.otherScore），请删去其中一个', en: 'exempt.otherScore and directGrades exclude each other' });
  s.rankRules.forEach((r, i) => {
    if (r.by && !comps.has(r.by)) out.push({ path: `rankRules[${i}].by`, zh: `排名规则引用了不存在的组成部分「${r.by}」`, en: `unknown component ${r.by}` });
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
