// 评定结果 workbook written by `score grade`: a township 总览 (counts per grade, quota
// check, branches left out), a 评分汇总表 per branch, and a 需关注 list of flagged members.
import { followUpFlags, outputOrder } from '../../core/grade/grade.js';
import { statsOf, type BranchStats } from '../../core/grade/stats.js';
import type { Scheme } from '../../scheme/schema.js';
import type { BranchResult, GradedPeriod, PeriodResult } from '../../core/result.js';
import { asGraded } from '../../core/result.js';
import { digestOf, totalOf, type Digest, type NotGraded } from './digest.js';
import { periodTitle } from '../../core/cycle.js';
import { numFmtFor, type Column } from './style.js';
import { Book, type Value } from '../lean/book.js';
import { addTable, layTable, type BodyRow } from '../lean/table.js';
import { gradeNames } from './scheme-info.js';
import { flagText, lazySummarySheet, scoreNumber, type SummaryOptions } from './summary.js';
import { uniqueNames } from './names.js';
import { attentionBasis } from './member-notes.js';
import { WORKBOOK_EXT } from '../book.js';
import { CHART_SHEET, chartSheet } from './charts.js';

export interface ExcludedLedger {
  file: string;
  branch?: string;
  reason: string;
  fix?: string;
}

export interface GradeWorkbookOptions extends SummaryOptions {
  excluded: ExcludedLedger[];
}

export const OVERVIEW_SHEET = '总览';
export const ATTENTION_SHEET = '需关注';

/**
 * The 评定结果 workbook as a lean book (save it with saveBook / writeOutput). The 总览 and 图表 are
 * made from the period's digest; each branch's sheet from the branch opened when it is written, and
 * the 需关注 list (the last sheet) from what those sheets saw.
 */
export function gradeWorkbook(scheme: Scheme, result: PeriodResult | GradedPeriod, opts: GradeWorkbookOptions): Book {
  const g = asGraded(result);
  const digest = digestOf(scheme, result);
  const book = new Book();
  book.creator = 'score';
  const title = periodTitle(g.cycle, g.period);
  overviewSheet(book, scheme, digest, opts.excluded, title);
  chartSheet(book, scheme, digest, title);
  const names = uniqueNames([...g.names], { reserved: [OVERVIEW_SHEET, CHART_SHEET, ATTENTION_SHEET], fallback: '支部' });
  const flagged: Value[][] = [];
  g.names.forEach((_, i) => lazySummarySheet(book, scheme, g, () => g.open(i), names[i]!, opts, (b) => flagged.push(...attentionRows(scheme, b))));
  attentionSheet(book, scheme, flagged, title);
  return book;
}

function overviewSheet(book: Book, scheme: Scheme, digest: Digest, excluded: ExcludedLedger[], title: string): void {
  const grades = gradeNames(scheme);
  const quota = scheme.quota;
  const numFmt = numFmtFor(scheme.precision);
  const columns: Column[] = [
    { header: '序号', width: 6 },
    { header: '支部', width: 24, align: 'left' },
    { header: '党员数', width: 8, type: 'number' },
    { header: '参评人数', width: 10, type: 'number' },
    { header: '平均分', width: 10, type: 'number', numFmt },
    ...grades.map((g) => ({ header: g, width: 10, type: 'number' as const })),
    ...(quota
      ? [
          { header: `${quota.grade}占比`, width: 10, type: 'number' as const, numFmt: '0.0%' },
          { header: '名额', width: 8 },
        ]
      : []),
    { header: '备注', width: 36, align: 'left' },
  ];
  const col = new Map(columns.map((c, i) => [c.header, i]));
  const noteCol = col.get('备注')!;
  const row = (s: BranchStats, label: string, index: number | null, note: string | null, showQuota: boolean): Value[] => {
    const cells: Value[] = new Array<Value>(columns.length).fill(null);
    cells[0] = index;
    cells[1] = label;
    cells[2] = s.members;
    cells[3] = s.graded;
    cells[4] = s.average ? scoreNumber(s.average, scheme.precision) : null;
    grades.forEach((g, i) => {
      cells[5 + i] = s.counts.get(g) ?? 0;
    });
    if (quota) {
      cells[col.get(`${quota.grade}占比`)!] = s.quotaShare?.toNumber() ?? null;
      cells[col.get('名额')!] = showQuota && s.quotaOk !== undefined ? (s.quotaOk ? '符合' : '超出') : null;
    }
    cells[noteCol] = note;
    return cells;
  };
  const branchScope = !quota || quota.scope === 'branch';
  const rows: BodyRow[] = digest.branches.map((b, i) => row(statsOf(scheme, b.tally), b.branch, i + 1, notGradedNote(b.notGraded), branchScope));
  excluded.forEach((x, i) => {
    const cells: Value[] = new Array<Value>(columns.length).fill(null);
    cells[0] = digest.branches.length + i + 1;
    const base = x.file.split(/[\\/]/).pop() ?? x.file;
    cells[1] = x.branch || base.replace(WORKBOOK_EXT, '');
    cells[noteCol] = `未计入：${x.reason}（${base}）${x.fix ? `。处理：${x.fix}` : ''}`;
    rows.push(cells);
  });
  const all = totalOf(digest);
  const totalNote = [notGradedNote(all.notGraded), excluded.length ? `另有 ${excluded.length} 个台账未计入` : null].filter(Boolean).join('；') || null;
  const total = row(statsOf(scheme, all.tally), '合计', null, totalNote, !branchScope);
  rows.push({ cells: total, bold: true });
  addTable(book, OVERVIEW_SHEET, { title: `${title}党员积分评定结果总览${excluded.length ? `（未完整：${excluded.length} 个台账未计入）` : ''}`, columns, bodyRows: rows.length, body: () => rows, orientation: 'landscape' });
}

/** A branch's 需关注 rows (without the 序号), in output order. */
function attentionRows(scheme: Scheme, b: BranchResult): Value[][] {
  return outputOrder(b.members)
    .filter((m) => followUpFlags(m).length > 0 || m.vetoed)
    .map((m) => [m.branch, m.name, m.grade ?? null, scoreNumber(m.total, scheme.precision), flagText(m), attentionBasis(scheme, m, followUpFlags(m))]);
}

/** 需关注, laid out when written: after every branch's sheet, whose rows it lists. */
function attentionSheet(book: Book, scheme: Scheme, flagged: readonly Value[][], title: string): void {
  const numFmt = numFmtFor(scheme.precision);
  const columns: Column[] = [
    { header: '序号', width: 6 },
    { header: '支部', width: 24, align: 'left' },
    { header: '姓名', width: 10 },
    { header: '等次', width: 10 },
    { header: '积分', width: 10, type: 'number', numFmt },
    { header: '标记', width: 34, align: 'left' },
    { header: '依据规则', width: 64, align: 'left' },
  ];
  book.addLazySheet(ATTENTION_SHEET, (sheet) =>
    layTable(book, sheet, {
      title: `${title}需关注党员名单`,
      columns,
      bodyRows: flagged.length,
      orientation: 'landscape',
      *body() {
        for (let i = 0; i < flagged.length; i++) yield [i + 1, ...flagged[i]!];
      },
    }),
  );
}

/** 总览's word on who is not in 参评人数: 「未评定 3 人：预备党员 2 人；不参加积分管理 1 人（不计入党员数）」. */
function notGradedNote(n: NotGraded): string | null {
  const unscored = n.unscored;
  const exempt = n.exempt + unscored.length;
  const moved = n.moved;
  const parts = [...n.categories].map(([category, k]) => `${category} ${k} 人不评定等次`);
  if (exempt) parts.push(`不参加积分管理 ${exempt} 人（不计入党员数${unscored.length && unscored.length <= 5 ? `：${unscored.join('、')}` : ''}）`);
  if (moved) parts.push(`年内转出 ${moved} 人（列出转出时的积分，不计入党员数）`);
  return parts.length ? `未评定：${parts.join('；')}` : null;
}
