// Step "grade", said out loud: which rules of a scheme look at earlier cycles (consecutive-year flags
// R16, a base carried over from last year), and which earlier results they found. Pure.
import { HISTORY_MESSAGES } from '../messages.js';
import type { Scheme } from '../../scheme/schema.js';
import type { HistoryLookup } from '../model.js';
import type { PeriodKind } from '../cycle.js';
import type { BranchResult, PeriodResult } from '../result.js';

/** A rule that reads earlier cycles, named in the regulation's words. */
export interface HistoryRule {
  /** 连续两年规则（集中学习班） / 基础分按上年度积分的 20% 计. */
  zh: string;
  en: string;
  /** How many cycles back it looks (1 = last year only). */
  back: number;
}

const CN = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The rules that read earlier cycles in a period of this kind (default the cycle): a carried-over base applies in every period. */
export function historyRules(scheme: Scheme, kind: PeriodKind = 'cycle'): HistoryRule[] {
  const out: HistoryRule[] = [];
  for (const f of scheme.flags) {
    if (!f.years || !f.periods.includes(kind)) continue;
    out.push({ zh: `连续${CN[f.years] ?? f.years}年规则（${f.flag}）`, en: `${f.years}-consecutive-year rule (${f.flag})`, back: f.years - 1 });
  }
  for (const c of scheme.components) {
    if (!c.fromHistory) continue;
    const pct = Math.round(c.fromHistory.pct * 1000) / 10;
    out.push({ zh: `「${c.name}」按上年度积分的 ${pct}% 计（没有上年度结果时按第一年计）`, en: `${c.name} from ${pct}% of last year's total (first-year value without it)`, back: 1 });
  }
  return out;
}

/** One earlier cycle the rules need: who had no result of it. */
export interface HistoryGap {
  year: number;
  rules: HistoryRule[];
  /** Members (graded or scored) with no result of that cycle, in output order (the first `keep` of them, HistoryGaps). */
  missing: { branch: string; name: string }[];
  /** How many members have no result of that cycle. */
  count: number;
  /** Members looked up. */
  of: number;
}

/**
 * For each earlier cycle the scheme's rules need (up to the longest look-back), the members that
 * have no result of it. Empty when the scheme has no such rule, or every member was found.
 */
export function historyGaps(scheme: Scheme, result: Pick<PeriodResult, 'cycle' | 'period' | 'branches'>, history: HistoryLookup): HistoryGap[] {
  const gaps = new HistoryGaps(scheme, result.cycle.year, result.period.kind, history);
  for (const b of result.branches) gaps.add(b);
  return gaps.gaps();
}

/** historyGaps branch by branch (a county's branches are opened one at a time); names past `keep` are only counted. */
export class HistoryGaps {
  private readonly rules: HistoryRule[];
  private readonly years: { year: number; missing: { branch: string; name: string }[]; count: number }[] = [];
  private of = 0;

  constructor(scheme: Scheme, cycleYear: number, kind: PeriodKind, private readonly history: HistoryLookup, private readonly keep = Infinity) {
    this.rules = historyRules(scheme, kind);
    const deepest = this.rules.length ? Math.max(...this.rules.map((r) => r.back)) : 0;
    for (let back = 1; back <= deepest; back++) this.years.push({ year: cycleYear - back, missing: [], count: 0 });
  }

  add(b: BranchResult): void {
    if (this.rules.length === 0) return;
    for (const m of b.members) {
      if (!m.participates) continue;
      this.of++;
      const found = this.history.of(m, b.branch);
      for (const y of this.years) {
        if (found.some((h) => h.cycle === y.year)) continue;
        y.count++;
        if (y.missing.length < this.keep) y.missing.push({ branch: b.branch, name: m.name });
      }
    }
  }

  gaps(): HistoryGap[] {
    return this.years.flatMap((y, k) => (y.count > 0 ? [{ year: y.year, rules: this.rules.filter((r) => r.back >= k + 1), missing: y.missing, count: y.count, of: this.of }] : []));
  }
}

/** 2022 年结果未找到：连续两年规则（集中学习班）未使用 — or, when some were found, who was not (HISTORY_NOT_FOUND). */
export function gapText(g: HistoryGap, lang: 'zh' | 'en'): string {
  const def = HISTORY_MESSAGES.HISTORY_NOT_FOUND;
  const shown = g.missing.slice(0, 5);
  const p = {
    year: g.year,
    count: g.count,
    of: g.of,
    rules: g.rules.map((r) => r.zh).join('、'),
    rulesEn: g.rules.map((r) => r.en).join('; '),
    names: shown.map((x) => `${x.name}（${x.branch}）`).join('、'),
    namesEn: shown.map((x) => x.name).join(', '),
  };
  return lang === 'en' ? def.en(p) : def.zh(p);
}
