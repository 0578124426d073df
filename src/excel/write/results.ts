// 评定结果 workbook written by `score grade`: a township 总览 (counts per grade, quota
// check, branches left out), a 评分汇总表 per branch, and a 需关注 list of flagged members.
import { flagReason, followUpFlags } from '../../core/grade.js';
import ExcelJS from 'exceljs';
import type { Scheme } from '../../scheme/schema.js';
import type { BranchResult, MemberResult, PeriodResult } from '../../core/result.js';
import { periodTitle } from '../../core/cycle.js';
import { Dec, sum } from '../../core/decimal.js';
import { addTable, numFmtFor, type Column } from './style.js';
import { gradeNames } from './scheme-info.js';
import { flagText, orderMembers, scoreNumber, summarySheet, type SummaryOptions } from './summary.js';
import { uniqueNames } from './names.js';

export interface ExcludedLedger {
  file: string;
  branch?: string;
  reason: string;
}

export interface GradeWorkbookOptions extends SummaryOptions {
  excluded: ExcludedLedger[];
}

export const OVERVIEW_SHEET = '总览';
export const ATTENTION_SHEET = '需关注';

interface BranchStats {
  members: number;
  graded: number;
  average?: number;
  counts: Map<string, number>;
  quotaShare?: number;
  quotaOk?: boolean;
}

function countsForQuota(scheme: Scheme, m: MemberResult): boolean {
  const cat = scheme.categories.find((c) => c.name === m.category || c.aliases.includes(m.category));
  return m.graded && m.participates && (cat?.countsForQuota ?? true);
}

/** The quota cap: floor(n × pct), at least 1 when n ≥ 1 (SCHEMES.md, R13). */
export function quotaCap(n: number, pct: number): number {
  if (n < 1) return 0;
  return Math.max(1, new Dec(n).times(pct).floor().toNumber());
}

function stats(scheme: Scheme, members: MemberResult[]): BranchStats {
  const inTotals = members.filter((m) => m.participates);
  const graded = inTotals.filter((m) => m.graded);
  const counts = new Map<string, number>();
  for (const m of graded) if (m.grade) counts.set(m.grade, (counts.get(m.grade) ?? 0) + 1);
  const s: BranchStats = { members: inTotals.length, graded: graded.length, counts };
  if (graded.length) s.average = scoreNumber(sum(graded.map((m) => m.total)).dividedBy(graded.length), scheme.precision);
  if (scheme.quota) {
    const base = inTotals.filter((m) => countsForQuota(scheme, m));
    const top = base.filter((m) => m.grade === scheme.quota!.grade).length;
    if (base.length) {
      s.quotaShare = new Dec(top).dividedBy(base.length).toDecimalPlaces(4).toNumber();
      s.quotaOk = top <= quotaCap(base.length, scheme.quota.pct);
    }
  }
  return s;
}

export function gradeWorkbook(scheme: Scheme, result: PeriodResult, opts: GradeWorkbookOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  const title = periodTitle(result.cycle, result.period);
  overviewSheet(wb, scheme, result, opts.excluded, title);
  const names = uniqueNames(result.branches.map((b) => b.branch), { reserved: [OVERVIEW_SHEET, ATTENTION_SHEET], fallback: '支部' });
  result.branches.forEach((b, i) => summarySheet(wb, scheme, result, b, names[i]!, opts));
  attentionSheet(wb, scheme, result.branches, title);
  return wb;
}

function overviewSheet(wb: ExcelJS.Workbook, scheme: Scheme, result: PeriodResult, excluded: ExcludedLedger[], title: string): void {
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
  const rows = result.branches.length + excluded.length + 1;
  const t = addTable(wb, OVERVIEW_SHEET, { title: `${title}党员积分评定结果总览`, columns, bodyRows: rows, orientation: 'landscape' });
  const write = (r: number, s: BranchStats, label: string, index: number | null, note: string | null, showQuota: boolean): void => {
    const row = t.ws.getRow(r);
    row.getCell(1).value = index;
    row.getCell(2).value = label;
    row.getCell(3).value = s.members;
    row.getCell(4).value = s.graded;
    row.getCell(5).value = s.average ?? null;
    grades.forEach((g, i) => {
      row.getCell(6 + i).value = s.counts.get(g) ?? 0;
    });
    if (quota) {
      row.getCell(t.col(`${quota.grade}占比`)).value = s.quotaShare ?? null;
      row.getCell(t.col('名额')).value = showQuota && s.quotaOk !== undefined ? (s.quotaOk ? '符合' : '超出') : null;
    }
    row.getCell(t.col('备注')).value = note;
  };
  const branchScope = !quota || quota.scope === 'branch';
  let r = t.firstRow;
  result.branches.forEach((b, i) => write(r++, stats(scheme, b.members), b.branch, i + 1, null, branchScope));
  excluded.forEach((x, i) => {
    const row = t.ws.getRow(r++);
    row.getCell(1).value = result.branches.length + i + 1;
    const base = x.file.split(/[\\/]/).pop() ?? x.file;
    row.getCell(2).value = x.branch || base.replace(/\.xlsx$/i, '');
    row.getCell(t.col('备注')).value = `未计入：${x.reason}（${base}）`;
  });
  write(r, stats(scheme, result.branches.flatMap((b) => b.members)), '合计', null, excluded.length ? `另有 ${excluded.length} 个台账未计入` : null, !branchScope);
  t.ws.getRow(r).font = { name: '宋体', size: 11, bold: true };
}

function attentionSheet(wb: ExcelJS.Workbook, scheme: Scheme, branches: BranchResult[], title: string): void {
  const numFmt = numFmtFor(scheme.precision);
  const flagged = branches.flatMap((b) => orderMembers(b.members).filter((m) => followUpFlags(m).length > 0 || m.vetoed));
  const columns: Column[] = [
    { header: '序号', width: 6 },
    { header: '支部', width: 24, align: 'left' },
    { header: '姓名', width: 10 },
    { header: '等次', width: 10 },
    { header: '积分', width: 10, type: 'number', numFmt },
    { header: '标记', width: 40, align: 'left' },
    { header: '依据规则', width: 50, align: 'left' },
  ];
  const t = addTable(wb, ATTENTION_SHEET, { title: `${title}需关注党员名单`, columns, bodyRows: flagged.length, orientation: 'landscape' });
  flagged.forEach((m, i) => {
    const row = t.ws.getRow(t.firstRow + i);
    [i + 1, m.branch, m.name, m.grade ?? null, scoreNumber(m.total, scheme.precision), flagText(m), followUpFlags(m).map((f) => flagReason(m, f)).filter(Boolean).join('\n') || (m.vetoed ? `R8 一票否决：${m.vetoReason ?? ''}` : '')].forEach((v, c) => {
      row.getCell(c + 1).value = v;
    });
  });
}
