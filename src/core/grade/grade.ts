// Step "grade": bands and stars (R12), extra conditions (R14), overrides (R15), quotas (R13),
// consecutive-year rules (R16), categories (R17) and rank rules (R18). Pure.
import type { Band, FlagRule, Scheme } from '../../scheme/schema.js';
import type { Period } from '../cycle.js';
import { compare, Dec, dec, equals, ZERO } from '../decimal.js';
import type { HistoryEntry, HistoryLookup } from '../model.js';
import type { BranchResult, MemberResult, TraceStep } from '../result.js';
import { catalogueOf } from '../catalogue.js';

export const TIE_AT_CUT = '名额并列，请支部研究';
export const OVER_QUOTA = '超出优秀名额';

function step(m: MemberResult, rule: string, zh: string, en: string): void {
  const s: TraceStep = { rule, zh, en };
  m.trace.push(s);
}

/** The band that holds a value (R12); bands are checked for gaps and overlaps at load. */
export function bandOf(bands: readonly Band[], value: Dec): Band | undefined {
  return bands.find((b) => {
    if (b.min !== undefined && (b.minInclusive ? compare(value, dec(b.min)) < 0 : compare(value, dec(b.min)) <= 0)) return false;
    if (b.max !== undefined && (b.maxInclusive ? compare(value, dec(b.max)) > 0 : compare(value, dec(b.max)) >= 0)) return false;
    return true;
  });
}

export function bandText(b: Band): string {
  const lo = b.min === undefined ? '' : `${b.minInclusive ? '≥' : '>'}${b.min}`;
  const hi = b.max === undefined ? '' : `${b.maxInclusive ? '≤' : '<'}${b.max}`;
  return [lo, hi].filter(Boolean).join(' 且 ') || '全部';
}

/** Stars of the best band carrying a grade (used when a quota or a rule changes the grade). */
function starsOfGrade(bands: readonly Band[], grade: string): number | undefined {
  const sorted = bands.filter((b) => b.grade === grade).sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
  return sorted[0]?.stars;
}

export interface GradeOptions {
  quotaScope: 'branch' | 'township';
  history: HistoryLookup;
  cycleYear: number;
  /** Add the grading steps to each member's trace (default true). */
  trace?: boolean;
}

export function gradeAll(scheme: Scheme, branches: BranchResult[], period: Period, opts: GradeOptions): void {
  for (const b of branches) gradeBands(scheme, b, period, opts);
  if (quotaApplies(scheme, period)) {
    const scopes = opts.quotaScope === 'township' ? [branches.flatMap((b) => b.members)] : branches.map((b) => b.members);
    for (const members of scopes) applyQuota(scheme, members, opts.trace ?? true);
  }
  for (const b of branches) gradeRest(scheme, b, period, opts);
}

/**
 * One branch graded on its own (a county's branches are graded one at a time as they are written):
 * the same steps as gradeAll; with a township quota, `cut` is the township's (townshipCut), else
 * the branch's own quota is applied.
 */
export function gradeBranch(scheme: Scheme, b: BranchResult, period: Period, opts: GradeOptions, cut?: QuotaCut): void {
  gradeBands(scheme, b, period, opts);
  if (quotaApplies(scheme, period)) {
    if (opts.quotaScope === 'township') {
      demoteElsewhere(scheme, b.members, opts.trace ?? true);
      if (cut) applyCut(scheme, b.members, cut, opts.trace ?? true);
    } else applyQuota(scheme, b.members, opts.trace ?? true);
  }
  gradeRest(scheme, b, period, opts);
}

/** Whether R13 applies in this period (the scheme has a quota and the period grades). */
function quotaApplies(scheme: Scheme, period: Period): boolean {
  return scheme.quota !== undefined && scheme.cycle.gradePeriods.includes(period.kind);
}

/**
 * A township quota over branches graded one at a time: each branch is added after its bands
 * (only its counted members' totals are kept, as counts per total), then `cut()` is what every
 * branch's gradeBranch applies.
 */
export class TownshipQuota {
  private n = 0;
  /** Candidates' totals (text) → how many. */
  private readonly totals = new Map<string, { total: Dec; count: number }>();

  constructor(private readonly scheme: Scheme, private readonly period: Period, private readonly opts: GradeOptions) {}

  /** Adds a branch (graded here up to the quota; the branch is not kept). */
  add(b: BranchResult): void {
    if (!quotaApplies(this.scheme, this.period)) return;
    gradeBands(this.scheme, b, this.period, this.opts);
    demoteElsewhere(this.scheme, b.members, false);
    for (const m of countedForQuota(this.scheme, b.members)) {
      this.n++;
      if (m.grade !== this.scheme.quota!.grade) continue;
      const key = m.total.toString();
      const e = this.totals.get(key);
      if (e) e.count++;
      else this.totals.set(key, { total: m.total, count: 1 });
    }
  }

  cut(): QuotaCut | undefined {
    if (!quotaApplies(this.scheme, this.period)) return undefined;
    return quotaCut(this.scheme, this.n, [...this.totals.values()]);
  }
}

/** R12, R14, R15 for one branch's members: the band's grade and stars, extra conditions, overrides. */
function gradeBands(scheme: Scheme, b: BranchResult, period: Period, opts: GradeOptions): void {
  const trace = opts.trace ?? true;
  const cat = catalogueOf(scheme);
  // Grades, stars and quotas are given in the scheme's grading periods (the cycle; a school variant's
  // 年中 half too); other months and quarters get totals, ranks and their own period rules.
  const isCycle = scheme.cycle.gradePeriods.includes(period.kind);
  for (const m of b.members) {
    if (!isCycle || !m.graded || scheme.bands.length === 0) continue;
    const band = bandOf(scheme.bands, m.total);
    if (!band) continue;
    setGrade(m, band.grade, band.stars);
    if (trace) step(m, 'R12', `${m.total.toFixed(scheme.precision)} 分落在「${bandText(band)}」：${band.grade}${band.stars ? ` ${'★'.repeat(band.stars)}` : ''}`, `${m.total} is in band ${bandText(band)}: ${band.grade}`);
    for (const cond of scheme.gradeConditions) {
      if (m.grade !== cond.grade) continue;
      const cv = m.components.find((c) => c.id === cond.component);
      if (cv && compare(cv.value, dec(cond.min)) < 0) {
        setGrade(m, cond.fallback, starsOfGrade(scheme.bands, cond.fallback));
        const flag = `${cv.name}低于${cond.min}，不能评为${cond.grade}`;
        addFlag(m, flag);
        if (trace) step(m, 'R14', `${cond.grade} 还要求 ${cv.name} ≥ ${cond.min}（实际 ${cv.value.toString()}），定为 ${cond.fallback}`, `${cond.grade} needs ${cv.name} ≥ ${cond.min} (has ${cv.value}); graded ${cond.fallback}`);
      }
    }
    for (const type of m.sanctions) {
      const o = cat.override(type);
      if (!o) continue;
      setGrade(m, o.grade, starsOfGrade(scheme.bands, o.grade));
      addFlag(m, o.flag ?? `受${o.type}，定为${o.grade}`);
      if (trace) step(m, 'R15', `受「${o.type}」，当年度定为 ${o.grade}`, `${o.type}: graded ${o.grade} this cycle`);
    }
  }
}

/** After the quota: ranks, flag rules (R16, R17) and rank rules (R18) of one branch. */
function gradeRest(scheme: Scheme, b: BranchResult, period: Period, opts: GradeOptions): void {
  const ranked = rankedBy(scheme);
  rank(b.members, ranked);
  // A member transferred out is graded by the receiving branch: no grade rules here (SCHEMES.md "Partial years").
  for (const m of b.members) if (m.participates && !m.transferredOut) applyFlagRules(scheme, m, b.branch, period, opts);
  applyRankRules(scheme, b.members, period, opts.trace ?? true, ranked);
}

/** Whether a member's category takes part in ranking and the rank rules (R17 `ranked`, else as graded). */
export function rankedBy(scheme: Scheme): (m: MemberResult) => boolean {
  const cat = catalogueOf(scheme);
  return (m) => {
    // A member transferred out is ranked by the receiving branch (SCHEMES.md "Partial years").
    if (!m.participates || m.transferredOut) return false;
    const c = cat.category(m.category);
    return c ? (c.ranked ?? c.graded) : m.graded; // isRankedCategory (scheme/schema.ts), inlined: core imports scheme types only
  };
}

function setGrade(m: MemberResult, grade: string, stars: number | undefined): void {
  m.grade = grade;
  // Deleted only when there: a delete turns the object into a slow, larger dictionary (a county's members).
  if (stars === undefined) {
    if (m.stars !== undefined) delete m.stars;
  }
  else m.stars = stars;
}

/**
 * The scheme as a run grades it when --quota-scope is given: its quota's scope replaced. Every
 * reader of the scope then says what the grading did — the 公示名单's footnote (以党支部为单位 /
 * 全镇（乡）统一) and the 总览's 名额 column (per branch, or on the 合计 row) — not the scheme's default.
 */
export function withQuotaScope(scheme: Scheme, scope: 'branch' | 'township' | undefined): Scheme {
  if (!scope || !scheme.quota || scheme.quota.scope === scope) return scheme;
  return { ...scheme, quota: { ...scheme.quota, scope } };
}

/** R13's cap: floor(n × pct), but at least 1 when n ≥ 1 (exact decimals: 0.2 × 10 is 2, not 1.9999). */
export function quotaCap(n: number, pct: number): number {
  if (n < 1) return 0;
  return Math.max(1, dec(n).times(pct).floor().toNumber());
}

/**
 * The order every output lists members in: ranked members by rank (ties keep their input order),
 * then the unranked (ungraded categories, vetoed) by total, highest first; exempt members left out
 * but for those whose 档次 the branch meeting set directly (directGrades), listed last.
 */
export function outputOrder(members: readonly MemberResult[]): MemberResult[] {
  const shown = members.filter((m) => m.participates);
  const ranked = shown.filter((m) => m.rank !== undefined).sort((a, b) => a.rank! - b.rank!);
  const rest = shown.filter((m) => m.rank === undefined).sort((a, b) => compare(b.total, a.total));
  // Exempt members with a 档次 set by the branch meeting (directGrades) come last, with that 档次.
  // So do those with an annual score given by other means (名册 另行评定得分).
  return [...ranked, ...rest, ...members.filter((m) => !m.participates && (m.grade !== undefined || m.scoredElsewhere))];
}

/**
 * R13: at most floor(n × pct) (at least 1 when n ≥ 1) members keep the quota grade, by rank.
 * n is every graded member of a category that counts for quotas, vetoed ones included (SCHEMES.md
 * R13, the seeds' 党员总数 / 参评人数). Members tied at the cut all stay in the lower grade and carry TIE_AT_CUT.
 */
export function applyQuota(scheme: Scheme, members: MemberResult[], trace = true): void {
  demoteElsewhere(scheme, members, trace);
  const counted = countedForQuota(scheme, members);
  const q = scheme.quota!;
  const totals = new Map<string, { total: Dec; count: number }>();
  for (const m of counted) {
    if (m.grade !== q.grade) continue;
    const key = m.total.toString();
    const e = totals.get(key);
    if (e) e.count++;
    else totals.set(key, { total: m.total, count: 1 });
  }
  const cut = quotaCut(scheme, counted.length, [...totals.values()]);
  if (cut) applyCut(scheme, members, cut, trace);
}

/**
 * Where R13 cuts: `cap` of `n` keep the quota grade, those with a total below `value` (or, when
 * members are tied at the cut, at or below it) do not. Undefined when every candidate keeps it.
 */
export interface QuotaCut {
  n: number;
  cap: number;
  value: Dec;
  tieAtCut: boolean;
}

/** The cut from the number counted and the candidates' totals (each with how many have it). */
function quotaCut(scheme: Scheme, n: number, totals: { total: Dec; count: number }[]): QuotaCut | undefined {
  if (n === 0) return undefined;
  const cap = quotaCap(n, scheme.quota!.pct);
  // Equal totals in one entry even if their texts differ: the cut compares values.
  const sorted: { total: Dec; count: number }[] = [];
  for (const e of totals.sort((a, b) => compare(b.total, a.total))) {
    const last = sorted[sorted.length - 1];
    if (last && equals(last.total, e.total)) last.count += e.count;
    else sorted.push({ ...e });
  }
  const candidates = sorted.reduce((s, e) => s + e.count, 0);
  if (candidates <= cap) return undefined;
  // The total of the cap-th candidate (highest first), and whether the next one has it too.
  let seen = 0;
  for (const e of sorted) {
    seen += e.count;
    if (seen >= cap) return { n, cap, value: e.total, tieAtCut: seen > cap };
  }
  return undefined;
}

/** A member taking part in 评先评优 on the other side (awardsOneSide) is not given the quota grade here. */
function demoteElsewhere(scheme: Scheme, members: MemberResult[], trace: boolean): void {
  const q = scheme.quota!;
  const elsewhere = scheme.awardsOneSide?.flag;
  if (!elsewhere) return;
  for (const m of members) {
    if (!m.graded || !m.flags.includes(elsewhere) || m.grade !== q.grade) continue;
    setGrade(m, q.fallback, starsOfGrade(scheme.bands, q.fallback));
    if (trace) step(m, 'R13', `${elsewhere}：不评为${q.grade}，列为${q.fallback}`, `takes part in 评先评优 on the other side: ${q.fallback} here`);
  }
}

/** Everyone who can receive the capped grade (SCHEMES.md: a 预备党员 who can be 先锋 is in n), but those taking part on the other side. */
function countedForQuota(scheme: Scheme, members: readonly MemberResult[]): MemberResult[] {
  const elsewhere = scheme.awardsOneSide?.flag;
  return members.filter((m) => m.graded && !(elsewhere && m.flags.includes(elsewhere)));
}

/** The cut applied to members (each on its own: the order does not matter). */
function applyCut(scheme: Scheme, members: readonly MemberResult[], cut: QuotaCut, trace: boolean): void {
  const q = scheme.quota!;
  const elsewhere = scheme.awardsOneSide?.flag;
  for (const m of members) {
    if (!m.graded || (elsewhere && m.flags.includes(elsewhere)) || m.grade !== q.grade) continue;
    // Without a tie at the cut the first `cap` by total are exactly those at or above its value.
    const keeps = cut.tieAtCut ? compare(m.total, cut.value) > 0 : compare(m.total, cut.value) >= 0;
    if (keeps) continue;
    const tied = cut.tieAtCut && equals(m.total, cut.value);
    setGrade(m, q.fallback, starsOfGrade(scheme.bands, q.fallback));
    addFlag(m, tied ? TIE_AT_CUT : OVER_QUOTA);
    if (trace) step(m, 'R13', `${q.grade}名额 ${cut.cap} 人（${cut.n} 人 × ${q.pct * 100}%）${tied ? '，与名额线并列，均暂列' : '，超出名额，列为'}${q.fallback}`, `Quota for ${q.grade}: ${cut.cap} of ${cut.n}; ${tied ? 'tied at the cut' : 'beyond the quota'} → ${q.fallback}`);
  }
}

/**
 * Rank (descending, ties share: 1, 1, 3) among non-vetoed members of ranked categories (graded ones
 * unless the scheme says otherwise); the rest get no rank.
 */
export function rank(members: MemberResult[], rankedCategory: (m: MemberResult) => boolean = (m) => m.graded): void {
  const isRanked = (m: MemberResult): boolean => rankedCategory(m) && !m.vetoed;
  const ranked = members.filter(isRanked).sort((a, b) => compare(b.total, a.total));
  let prev: Dec | undefined;
  let prevRank = 0;
  ranked.forEach((m, i) => {
    const r = prev && equals(m.total, prev) ? prevRank : i + 1;
    m.rank = r;
    prev = m.total;
    prevRank = r;
  });
  for (const m of members) if (!isRanked(m) && m.rank !== undefined) delete m.rank;
}

function holdsNow(rule: FlagRule, m: MemberResult): boolean {
  if (rule.categories && !rule.categories.includes(m.category)) return false;
  if (rule.grade !== undefined && m.grade !== rule.grade) return false;
  if (!inLimits(rule, m.total)) return false;
  if (rule.vetoed !== undefined && m.vetoed !== rule.vetoed) return false;
  if (rule.evaluation && !(m.evaluationGrade !== undefined && rule.evaluation.includes(m.evaluationGrade))) return false;
  if (rule.hasPointsIn !== undefined) {
    const cv = m.components.find((c) => c.id === rule.hasPointsIn);
    if (!cv || compare(cv.value, ZERO) <= 0) return false;
  }
  return true;
}

function heldThen(rule: FlagRule, h: HistoryEntry | undefined): boolean {
  if (!h) return false;
  if (rule.grade !== undefined && h.grade !== rule.grade) return false;
  return inLimits(rule, h.total);
}

/** A flag rule's total limits: below (exclusive) and at least (inclusive). */
function inLimits(rule: FlagRule, total: Dec): boolean {
  if (rule.below !== undefined && compare(total, dec(rule.below)) >= 0) return false;
  return rule.atLeast === undefined || compare(total, dec(rule.atLeast)) >= 0;
}

/** Flag rules (R16, R17): conditions now and, with `years`, in each of the previous cycles. */
function applyFlagRules(scheme: Scheme, m: MemberResult, branch: string, period: Period, opts: GradeOptions): void {
  const trace = opts.trace ?? true;
  for (const rule of scheme.flags) {
    if (!rule.periods.includes(period.kind)) continue;
    if (!holdsNow(rule, m)) continue;
    if (rule.years) {
      const past = opts.history.of(m, branch);
      let ok = true;
      for (let y = 1; y < rule.years; y++) {
        if (!heldThen(rule, past.find((h) => h.cycle === opts.cycleYear - y))) ok = false;
      }
      if (!ok) continue;
      if (trace) step(m, 'R16', `连续 ${rule.years} 年符合条件：${rule.flag}`, `${rule.years} consecutive cycles: ${rule.flag}`);
    } else {
      if (trace) step(m, 'R17', `符合条件：${rule.flag}`, `Rule: ${rule.flag}`);
    }
    if (!m.flags.includes(rule.flag)) addFlag(m, rule.flag);
    if (rule.setGrade) setGrade(m, rule.setGrade, starsOfGrade(scheme.bands, rule.setGrade));
  }
  // The seed's second-year rule replaces the first (取消预备党员资格, not also 延长预备期一年).
  for (const rule of scheme.flags) {
    if (!rule.replaces || !m.flags.includes(rule.flag) || !m.flags.includes(rule.replaces)) continue;
    m.flags = m.flags.filter((f) => f !== rule.replaces);
    if (trace) step(m, 'R17', `「${rule.flag}」取代「${rule.replaces}」，不同时标注`, `${rule.flag} replaces ${rule.replaces}`);
  }
}

/**
 * R18: top / bottom N by total or by one component. Ties at the edge are all included. Vetoed
 * members take part only where the rule says so (`includeVetoed`: demolition's bottom 3, 清零 = 0).
 */
function applyRankRules(scheme: Scheme, members: MemberResult[], period: Period, trace: boolean, ranked: (m: MemberResult) => boolean): void {
  for (const rule of scheme.rankRules) {
    if (!rule.periods.includes(period.kind)) continue;
    const value = (m: MemberResult): Dec => (rule.by ? (m.components.find((c) => c.id === rule.by)?.value ?? ZERO) : m.total);
    const pool = members.filter((m) => ranked(m) && (rule.includeVetoed || !m.vetoed) && (!rule.by || compare(value(m), ZERO) > 0));
    const sorted = pool.sort((a, b) => (rule.position === 'top' ? compare(value(b), value(a)) : compare(value(a), value(b))));
    if (sorted.length === 0) continue;
    const edge = value(sorted[Math.min(rule.count, sorted.length) - 1]!);
    for (const m of sorted) {
      const inside = rule.position === 'top' ? compare(value(m), edge) >= 0 : compare(value(m), edge) <= 0;
      if (!inside) break;
      if (!m.flags.includes(rule.flag)) addFlag(m, rule.flag);
      if (trace) step(m, 'R18', `${rule.position === 'top' ? '前' : '后'} ${rule.count} 名：${rule.flag}`, `${rule.position} ${rule.count}: ${rule.flag}`);
    }
  }
}

/** Flags that ask for follow-up (需关注): all but the informational quota cut. */
export function followUpFlags(m: MemberResult): string[] {
  return m.flags.filter((f) => f !== OVER_QUOTA);
}

/** The trace step that raised a flag: "R16 连续 2 年符合条件：集中学习班". */
export function flagReason(m: MemberResult, flag: string): string {
  const s = m.trace.find((x) => x.zh.includes(flag));
  return s ? `${s.rule} ${s.zh}` : '';
}

/**
 * Adds a flag as a new array of exactly the right length: a push onto an empty array reserves 17
 * slots, which over a county's members is megabytes of empty slots kept until the end.
 */
function addFlag(m: MemberResult, flag: string): void {
  m.flags = m.flags.concat(flag);
}
