// Rendering of the one result object: the --json contract and the terminal tables.
import Table from 'cli-table3';
import { rowSums, shownParts } from '../core/compute/row-sums.js';
import { outputOrder } from '../core/grade/grade.js';
import chalk from 'chalk';
import { shown as escapeData } from './terminal-guard.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { placeText } from '../core/diagnostics.js';
import type { GradedPeriod, MemberResult, PeriodResult } from '../core/result.js';
import { asGraded } from '../core/result.js';
import { digestOf } from '../excel/write/digest.js';
import { statsOf } from '../core/grade/stats.js';
import type { Dec } from '../core/decimal.js';
import type { Scheme } from '../scheme/schema.js';
import { diagnosticJson, formatDiagnostic, colon } from './output.js';
import { lang, t } from '../batch/i18n.js';
import { tableStyle } from './color.js';
import type { MemberJson, ResultExtras, ResultReport } from './report.js';
import { EXEMPT_NOTE, notGradedReason } from '../excel/write/member-notes.js';

// tableStyle lives in ./color.ts (`score schemes` needs it without this module's imports).
export { tableStyle };

/** No rule between body rows: a long member list stays readable. */
export const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function memberJson(m: MemberResult): MemberJson {
  // A part with no value in the period (a year-end 评议 in a quarter) is null, never 0.
  const components: Record<string, number | null> = {};
  for (const c of m.components) if (c.role === 'score') components[c.name] = c.absent ? null : c.value.toDecimalPlaces(4).toNumber();
  return {
    branch: m.branch,
    name: m.name,
    id: m.id ?? null,
    category: m.category,
    ...(m.tier ? { tier: m.tier } : {}),
    components,
    bonus: m.bonus.toNumber(),
    deduction: m.deduction.toNumber(),
    vetoed: m.vetoed,
    ...(m.vetoReason ? { vetoReason: m.vetoReason } : {}),
    total: m.total.toNumber(),
    grade: m.grade ?? null,
    stars: m.stars ?? null,
    rank: m.rank ?? null,
    flags: m.flags,
    ...(m.participates ? {} : { participates: false }),
    ...(m.transferredOut ? { transferredOut: m.transferredOut } : {}),
  };
}

export function resultJson(result: PeriodResult | GradedPeriod, issues: Diagnostic[], extra: ResultExtras): ResultReport {
  const r = asGraded(result);
  const members: MemberJson[] = [];
  const exempt: ResultReport['exempt'] = [];
  // Branch by branch: a county's branches are opened one at a time.
  for (let i = 0; i < r.names.length; i++) {
    const b = r.open(i);
    for (const m of outputOrder(b.members)) members.push(memberJson(m));
    // 不参加积分管理 without any score: not in members, never silently gone.
    for (const name of b.exempt ?? []) exempt.push({ branch: b.branch, name, reason: EXEMPT_NOTE });
  }
  return {
    scheme: r.schemeId,
    cycle: String(r.cycle.year),
    period: r.period.label,
    members,
    exempt,
    issues: issues.map(diagnosticJson),
    ...extra,
  };
}

/**
 * Prints diagnostics in the order given (the readers' order: file, sheet order in the workbook, row,
 * column). Past `limitPerFile` for a file, the latest ones are left out and counted. Validate's
 * report goes to stdout (so `score validate 台账 > 检查.txt` keeps it); elsewhere they explain a
 * failure and go to stderr.
 */
export function printDiagnostics(ds: Diagnostic[], limitPerFile = 50, out: NodeJS.WritableStream = process.stderr): void {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [, all] of byFile) {
    const list = foldAlike(all);
    for (const d of list.slice(0, limitPerFile)) out.write(`${formatShown(d)}\n\n`);
    if (list.length > limitPerFile) {
      const said = list.slice(0, limitPerFile).reduce((n, x) => n + ('code' in x ? 1 : x.folded.length), 0);
      const more = all.length - said;
      const base = placeText({ file: all[0]!.file });
      const at = list[limitPerFile - 1]!;
      const last = 'code' in at ? at : at.folded[at.folded.length - 1]!;
      out.write(`${t(`${base}：${placeText(last)} 之后另有 ${more} 个问题未显示（用 --json 或 --report 查看全部）`, `${base}: ${more} more problems after ${placeText(last)} not shown (use --json or --report)`)}\n\n`);
    }
  }
}

/** Codes a workbook may hold by the hundred (columns formatted as 文本): the terminal shows this many per file. */
const ALIKE_PER_FILE: Readonly<Record<string, number>> = { READ_NUMBER_AS_TEXT: 3 };

type Shown = Diagnostic | { folded: Diagnostic[] };

/**
 * What to print one by one (the diagnostics of one file): past ALIKE_PER_FILE of one code, the rest
 * are counted in one line after the last shown; --json and --report still list every cell.
 */
function foldAlike(list: Diagnostic[]): Shown[] {
  const counts = new Map<string, number>();
  for (const d of list) if (ALIKE_PER_FILE[d.code] !== undefined) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  if (![...counts].some(([code, n]) => n > ALIKE_PER_FILE[code]!)) return list;
  const seen = new Map<string, number>();
  const rest = new Map<string, Diagnostic[]>();
  const shown: Shown[] = [];
  for (const d of list) {
    const cap = ALIKE_PER_FILE[d.code];
    const i = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, i);
    if (cap === undefined || i <= cap) shown.push(d);
    else rest.get(d.code)!.push(d);
    if (cap !== undefined && i === cap && counts.get(d.code)! > cap) {
      const folded: Diagnostic[] = [];
      rest.set(d.code, folded);
      shown.push({ folded });
    }
  }
  return shown;
}

function formatShown(x: Shown): string {
  if ('code' in x) return formatDiagnostic(x);
  const first = x.folded[0]!;
  const sheets = new Set(x.folded.map((d) => d.sheet)).size;
  return t(
    `${placeText({ file: first.file })}：另有 ${x.folded.length} 个单元格（${sheets} 张表，从 ${first.sheet ?? ''} › ${first.cell ?? ''} 起）也是 ${first.code}，同上，不逐个显示（--json 和 --report 列出每个单元格）`,
    `${placeText({ file: first.file })}: ${x.folded.length} more cells (${sheets} sheet(s), from ${first.sheet ?? ''} › ${first.cell ?? ''}) are ${first.code} too, as above; not shown one by one (--json and --report list each cell)`,
  );
}

export function summaryLine(ds: Diagnostic[], files: number): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.length - errors;
  const bad = new Set(ds.filter((d) => d.severity === 'error').map((d) => d.file)).size;
  if (lang() === 'en') return `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s)${bad ? `, ${bad} file(s) with errors` : ''}`;
  return `共检查 ${files} 个文件：错误 ${errors} 个，警告 ${warnings} 个${bad ? `，${bad} 个文件有错误` : ''}`;
}

/** Per-member table of one period (compute). */
export function membersTable(scheme: Scheme, r: PeriodResult): string {
  const parts = scheme.components.filter((c) => c.role === 'score');
  // A period that grades no one (a quarter of most schemes) shows no empty 等次 column.
  const graded = r.branches.some((b) => b.members.some((m) => m.grade !== undefined || m.stars !== undefined));
  const head = [t('支部', 'branch'), t('姓名', 'name'), ...parts.map((c) => c.name), t('加分', 'bonus'), t('扣分', 'deduction'), t('合计', 'total'), ...(graded ? [t('等次', 'grade')] : []), t('排名', 'rank'), t('标记', 'flags')];
  const table = new Table({ head, style: tableStyle(), chars: COMPACT });
  // The parts get the decimals a row needs to add up as shown (as on the 评分汇总表).
  const { places } = rowSums(scheme, r.branches.flatMap((b) => b.members));
  for (const b of r.branches) {
    for (const m of outputOrder(b.members)) {
      // An exempt member with a directly set 档次 (directGrades) has no points: '—'.
      const pts = (v: Dec): string => (m.participates ? v.toFixed(scheme.precision) : '—');
      // An exempt member scored by other means (另行评定得分) shows that score as the total only.
      const total = m.scoredElsewhere ? m.total.toFixed(scheme.precision) : pts(m.total);
      const shown = shownParts(m, places);
      table.push([
        escapeData(b.branch),
        escapeData(m.name),
        ...parts.map((c) => {
          const v = m.components.find((x) => x.id === c.id)!;
          return m.participates && !v.absent ? fmt(v.value, places) : '—';
        }),
        m.participates ? shown.bonus.toFixed(places) : '—',
        m.participates ? shown.deduction.toFixed(places) : '—',
        m.vetoed ? chalk.red(total) : total,
        ...(graded ? [`${m.grade ?? ''}${m.stars ? ` ${'★'.repeat(m.stars)}` : ''}`] : []),
        m.rank ?? '',
        escapeData([...m.flags, ...(graded ? [notGradedReason(m)] : [])].filter(Boolean).join('；')),
      ]);
    }
  }
  const exempt = r.branches.flatMap((b) => (b.exempt ?? []).map((name) => `${escapeData(name)}${r.branches.length > 1 ? t(`（${escapeData(b.branch)}）`, ` (${escapeData(b.branch)})`) : ''}`));
  if (!exempt.length) return table.toString();
  return `${table.toString()}\n${t(`${EXEMPT_NOTE}：${exempt.join('、')}`, `not taking part (不参加积分管理): ${exempt.join(', ')}`)}`;
}

function fmt(v: MemberResult['total'], precision: number): string {
  return v.toDecimalPlaces(precision).toFixed(precision);
}

/** Branches listed in the terminal overview; the rest are in the workbook. */
export const OVERVIEW_ROWS = 60;

/** Per-branch overview of a graded cycle (grade). */
export function overviewTable(scheme: Scheme, r: PeriodResult | GradedPeriod, excluded: { file: string; branch?: string; reason: string }[]): string {
  const grades = [...new Set(scheme.bands.map((b) => b.grade))];
  const head = [t('支部', 'branch'), t('党员数', 'members'), t('参评', 'graded'), t('平均分', 'average'), ...grades];
  if (scheme.quota) head.push(t(`${scheme.quota.grade}占比`, `${scheme.quota.grade} share`));
  const table = new Table({ head, style: tableStyle(), chars: COMPACT });
  const digest = digestOf(scheme, r);
  // A county's thousands of branches are in the workbook's 总览; the terminal shows the first ones.
  for (const b of digest.branches.slice(0, OVERVIEW_ROWS)) {
    const s = statsOf(scheme, b.tally);
    const row: (string | number)[] = [escapeData(b.branch), s.members, s.graded, s.average?.toFixed(scheme.precision) ?? '—', ...grades.map((g) => s.counts.get(g) ?? 0)];
    if (scheme.quota) row.push(s.quotaShare ? `${s.quotaShare.times(100).toFixed(1)}%` : '—');
    table.push(row);
  }
  // Lines under the table, not spanning rows inside it (cli-table3 breaks the border on those: ┴┴┴┴).
  const below: string[] = [];
  const more = digest.branches.length - OVERVIEW_ROWS;
  const exempt = digest.branches.flatMap((b) => b.notGraded.unscored.map((name) => `${escapeData(name)}${t(`（${escapeData(b.branch)}）`, ` (${escapeData(b.branch)})`)}`));
  if (exempt.length) below.push(t(`不参加积分管理 ${exempt.length} 人（不计分、不评定等次，不计入人数）：${exempt.slice(0, 20).join('、')}${exempt.length > 20 ? '……' : ''}`, `${exempt.length} not taking part (不参加积分管理): ${exempt.slice(0, 20).join(', ')}`));
  if (more > 0) below.push(chalk.dim(t(`……另有 ${more} 个支部，见评定结果「总览」表`, `… ${more} more branches: see the 总览 sheet of the results workbook`)));
  for (const e of excluded.slice(0, OVERVIEW_ROWS)) {
    const base = e.file.split(/[\\/]/).pop() ?? e.file;
    // Names and the reason are data: escaped before the line is coloured (a file named with ESC[32m fakes nothing).
    below.push(chalk.red(`${t('未计入', 'left out')}${colon()}${e.branch ? `${escapeData(e.branch)}${t('（', ' (')}${escapeData(base)}${t('）', ')')}` : escapeData(base)} — ${escapeData(e.reason)}`));
  }
  const moreOut = excluded.length - OVERVIEW_ROWS;
  if (moreOut > 0) below.push(chalk.red(t(`……另有 ${moreOut} 个文件未计入，见评定结果「总览」表`, `… ${moreOut} more files left out: see the 总览 sheet`)));
  return [table.toString(), ...below].join('\n');
}
