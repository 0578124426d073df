// The --json contract as types: each command builds one of these report objects from its result
// (compute once, render many) and prints it; the terminal lines of publish read the same object.
// No Record<string, unknown>: a field renamed or dropped here does not compile where it is used.
import { outputOrder } from '../core/grade/grade.js';
import { toNumber } from '../core/decimal.js';
import type { Cycle, Period } from '../core/cycle.js';
import { monthsRead } from '../core/cycle.js';
import type { MemberResult, PeriodResult } from '../core/result.js';
import type { Scheme } from '../scheme/schema.js';
import type { Stamp } from '../batch/stamp.js';

/** A diagnostic: the contract's issue shape plus code, value and fix (in the interface language). */
export interface DiagnosticJson {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  sheet: string | undefined;
  cell: string | undefined;
  value: string | undefined;
  message: string;
  fix: string;
}

/** A file left out (未计入). */
export interface ExcludedJson {
  file: string;
  branch?: string;
  reason: string;
  fix?: string;
}

/** One member's result in a period. */
export interface MemberJson {
  branch: string;
  name: string;
  id: string | null;
  category: string;
  tier?: string;
  /** A part with no value in the period (a year-end 评议 in a quarter) is null, never 0. */
  components: Record<string, number | null>;
  bonus: number;
  deduction: number;
  vetoed: boolean;
  vetoReason?: string;
  total: number;
  grade: string | null;
  stars: number | null;
  rank: number | null;
  flags: string[];
  participates?: false;
  transferredOut?: string;
}

/** A file of the history folder not used, or a year of history not found. */
export type HistoryWarning =
  | { code: string; file: string; message: string }
  | { code: 'HISTORY_NOT_FOUND'; year: number; rules: string[]; message: string; missing: { branch: string; name: string }[] };

/** What the history rules used (present only when the scheme has such a rule). */
export interface HistoryJson {
  historyUsed?: string[];
  firstYear?: boolean;
  historyWarnings?: HistoryWarning[];
}

/** The fields compute and grade add to a period's result. */
export interface ResultExtras extends HistoryJson {
  monthsRead: string[];
  excluded: ExcludedJson[];
  written: string[];
  stamp: Stamp | null;
  windowWarning?: string;
  /** grade: the 评定结果 workbooks read as history. */
  history?: string[];
}

/** compute (one per period) and grade. */
export interface ResultReport extends ResultExtras {
  scheme: string;
  cycle: string;
  period: string;
  members: MemberJson[];
  exempt: { branch: string; name: string; reason: string }[];
  issues: DiagnosticJson[];
}

/** A member on the 公示名单: the public fields only. */
export interface PublishedRow {
  branch: string;
  name: string;
  total: number;
  grade: string | null;
  stars: number | null;
}

/** A member the list leaves out by the roll (R20). */
export type NotListed =
  | { branch: string; name: string; reason: 'offRoll'; joined?: string; left?: string }
  | { branch: string; name: string; reason: 'transferredOut'; left: string };

/** publish. */
export interface PublishReport extends HistoryJson {
  scheme: string;
  period: string;
  monthsRead: string[];
  from: string;
  to: string;
  days: number;
  windowWarning?: string;
  members: PublishedRow[];
  notListed: NotListed[];
  excluded: ExcludedJson[];
  written: string[];
  stamp: Stamp | null;
}

/** validate. */
export interface ValidateReport {
  files: { file: string; branch: string | null; ok: boolean; members: number }[];
  issues: DiagnosticJson[];
  excluded: ExcludedJson[];
  period?: string;
  monthsChecked?: string[];
  report?: string;
  reports?: string[];
  stamp?: Stamp;
}

/** What an input with nothing to read prints besides members, issues, excluded and error. */
export type EmptyContext =
  | { scheme: null; cycle?: string; period?: string }
  | { files: [] }
  | { approved: []; rejected: [] }
  | { member: null; trace: [] }
  | { written: [] };

/**
 * The publication report: who is on the list (`listed`: the 公示名单's own rule, passed in so that
 * the writer loads only when publishing) and who is left off by the roll, with the window.
 */
export function publishReport(
  scheme: Scheme,
  result: PeriodResult,
  listed: (m: MemberResult) => boolean,
  at: { cycle: Cycle; period: Period; from: string; to: string; days: number; windowWarning?: string },
  out: { excluded: ExcludedJson[]; written: string[]; stamp: Stamp | null; history: HistoryJson },
): PublishReport {
  const members = result.branches.flatMap((b) => outputOrder(b.members).filter(listed).map((m): PublishedRow => ({ branch: b.branch, name: m.name, total: toNumber(m.total), grade: m.grade ?? null, stars: m.stars ?? null })));
  const notListed = result.branches.flatMap((b): NotListed[] => [
    ...(b.offRoll ?? []).map((x): NotListed => ({ branch: b.branch, name: x.name, reason: 'offRoll', ...(x.joined ? { joined: x.joined } : {}), ...(x.left ? { left: x.left } : {}) })),
    ...b.members.flatMap((m): NotListed[] => (m.transferredOut ? [{ branch: b.branch, name: m.name, reason: 'transferredOut', left: m.transferredOut }] : [])),
  ]);
  return {
    scheme: scheme.id,
    period: at.period.label,
    monthsRead: monthsRead(at.cycle, at.period),
    from: at.from,
    to: at.to,
    days: at.days,
    ...(at.windowWarning ? { windowWarning: at.windowWarning } : {}),
    members,
    notListed,
    excluded: out.excluded,
    written: out.written,
    stamp: out.stamp,
    ...out.history,
  };
}

/** One 积分申请表 line as apply decided it. */
export interface ClaimRow {
  form: string;
  cell: string | undefined;
  name: string;
  item: string;
  level: string | null;
  project: string | null;
  points: number | null;
  reason: string;
}

/** apply: the decisions, the ledger written (or why none was), the forms left out. */
export interface ApplyReport {
  ledger?: string;
  approved: ClaimRow[];
  rejected: ClaimRow[];
  already?: ClaimRow[];
  /** Nothing was entered: why (the ledger could not be written). */
  refused?: string;
  issues: DiagnosticJson[];
  excluded?: ExcludedJson[];
  written?: string[];
  stamp?: Stamp | null;
}

/** explain: one member's result and its trace, rule by rule. */
export interface ExplainReport extends HistoryJson {
  scheme: string;
  period: string;
  monthsRead: string[];
  member: MemberJson | null;
  trace: { rule: string; ruleName: string; text: string; source: string | null }[];
  /** How many errors the ledger has (the result may be off while there are any). */
  issues: number;
}

/** template: what was written. */
export interface TemplateReport {
  scheme: string;
  year: number;
  written: string[];
  stamp: Stamp | null;
}
