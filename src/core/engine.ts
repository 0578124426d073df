// The engine's public API: one period of one scheme over a set of branch ledgers.
// compute (per branch) → grade (bands, quotas, history, ranks). Pure: no I/O.
import type { Scheme } from '../scheme/schema.js';
import { computeBranch } from './compute/compute.js';
import { cycleOf, cyclePeriod, type Period } from './cycle.js';
import { gradeAll } from './grade/grade.js';
import type { HistoryEntry, HistoryLookup, Ledger } from './model.js';
import type { BranchResult, PeriodResult } from './result.js';
import { norm } from './text.js';

export interface EngineInput {
  scheme: Scheme;
  ledgers: Ledger[];
  /** The cycle, named by the calendar year in which it ends. */
  year: number;
  /** Defaults to the whole cycle. */
  period?: Period;
  /** Earlier cycles' results (R16). */
  history?: HistoryEntry[];
  quotaScope?: 'branch' | 'township';
  /** Keep every rule's step in the members' traces (explain); a county's grade does without. */
  trace?: boolean;
}

export function evaluate(input: EngineInput): PeriodResult {
  const cycle = cycleOf(input.year, input.scheme.cycle);
  const period = input.period ?? cyclePeriod(cycle);
  const history = historyLookup(input.history ?? []);
  const branches = input.ledgers.map((l) => computeBranch(input.scheme, l, cycle, period, history));
  return gradeBranches({ ...input, period }, branches);
}

/**
 * The grade step alone, over branches computed elsewhere (a worker per core computes each
 * branch as soon as it is read, so a county never holds every ledger in memory at once).
 */
export function gradeBranches(input: Omit<EngineInput, 'ledgers'>, branches: BranchResult[]): PeriodResult {
  const cycle = cycleOf(input.year, input.scheme.cycle);
  const period = input.period ?? cyclePeriod(cycle);
  const history = historyLookup(input.history ?? []);
  gradeAll(input.scheme, branches, period, { quotaScope: input.quotaScope ?? input.scheme.quota?.scope ?? 'branch', history, cycleYear: cycle.year, trace: input.trace ?? true });
  return { schemeId: input.scheme.id, cycle, period, branches, issues: [] };
}

/**
 * Matches a member to earlier results: by 编号 when both sides have one, else by name within
 * the same branch, else by name alone when it is unique across the history.
 */
export function historyLookup(entries: HistoryEntry[]): HistoryLookup {
  const byId = new Map<string, HistoryEntry[]>();
  const byBranchName = new Map<string, HistoryEntry[]>();
  const byName = new Map<string, HistoryEntry[]>();
  const push = (map: Map<string, HistoryEntry[]>, k: string, e: HistoryEntry): void => {
    const list = map.get(k) ?? [];
    list.push(e);
    map.set(k, list);
  };
  for (const e of entries) {
    if (e.id) push(byId, norm(e.id), e);
    if (e.branch) push(byBranchName, `${norm(e.branch)}\u0000${norm(e.name)}`, e);
    push(byName, norm(e.name), e);
  }
  const newestFirst = (l: HistoryEntry[]): HistoryEntry[] => [...l].sort((a, b) => b.cycle - a.cycle);
  const uniquePerCycle = (l: HistoryEntry[]): boolean => new Set(l.map((e) => e.cycle)).size === l.length;
  return {
    of(member, branch) {
      if (member.id) {
        const l = byId.get(norm(member.id));
        if (l) return newestFirst(l);
      }
      const l = byBranchName.get(`${norm(branch)}\u0000${norm(member.name)}`);
      if (l) return newestFirst(l);
      const any = byName.get(norm(member.name)) ?? [];
      return uniquePerCycle(any) ? newestFirst(any) : [];
    },
  };
}
