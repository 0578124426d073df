// Application-form reader: a member's 积分申请表 (who, which branch, which month, the claimed
// lines and the branch committee's approved points), for `score apply` to check and add.
import type { BookLike, SheetLike } from '../book.js';
import type { Claim } from '../../core/check/claims.js';
import { parsePeriod } from '../../core/cycle.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { Dec } from '../../core/decimal.js';
import type { SourceRef } from '../../core/model.js';
import { asDate, eachRead, readCell } from '../cells.js';
import { findHeader, findLabelValue, normaliseHeader, type ColumnSpec } from '../header.js';
import { isHidden, putGiven, ReadContext, RowReader } from './common.js';

/** A claimed line as read: the fields of a core Claim that the form itself carries, plus where each was read. */
export type ApplicationLine = Pick<Claim, 'item' | 'level' | 'project' | 'count' | 'claimed' | 'approved' | 'evidence' | 'source'> & {
  cells: Record<string, SourceRef>;
};

export interface Application {
  file: string;
  sheet: string;
  name: string;
  branch: string;
  /** 申报月份 as written, and as 2023-03 when it reads as a month. */
  month: string;
  period?: string;
  lines: ApplicationLine[];
  review?: string;
  /** 分管领导意见 (a reviewer's opinion before the branch's, where the seed's form has one). */
  leaderReview?: string;
  reviewer?: string;
  date?: string;
  source: SourceRef;
}

export interface ApplicationRead {
  applications: Application[];
  diagnostics: Diagnostic[];
}

const LINE_COLUMNS: ColumnSpec[] = [
  { key: 'seq', labels: ['序号'] },
  { key: 'item', labels: ['申报事项', '事项', '加分事项', '申请事项'], required: true },
  { key: 'level', labels: ['级别', '等级'] },
  { key: 'project', labels: ['项目', '项目名称', '活动项目'] },
  { key: 'count', labels: ['次数', '数量'] },
  { key: 'claimed', labels: ['申报分值', '申请分值', '自评分值', '分值'] },
  { key: 'evidence', labels: ['佐证材料', '证明材料', '依据'] },
  { key: 'approved', labels: ['认定分值', '审核分值', '支委认定分值'] },
];

const TOP_LABELS = ['姓名', '党员姓名', '所在支部', '支部', '申报月份', '月份', '申报时间'];
const FOOTER = /^(分管领导意见|分管领导|支委初评|支委意见|审核人|审核|日期|填报日期|审核日期|签字|签名)/;
const LEADER = ['分管领导意见', '分管领导签注意见', '分管领导审核意见'];

/** Reads every sheet that looks like an application form (a 申报事项 header). */
export function readApplication(file: string, wb: BookLike): ApplicationRead {
  const ctx = new ReadContext(file, wb);
  const applications: Application[] = [];
  for (const ws of wb.worksheets) {
    const h = findHeader(ws, LINE_COLUMNS, { rows: 15 });
    if (!h) continue;
    // A hidden sheet is named and not read: it would count unseen.
    if (isHidden(ws)) {
      ctx.report('READ_SHEET_HIDDEN_SKIPPED', { file, sheet: ws.name });
      continue;
    }
    const top = (labels: string[]) => findLabelValue(ws, labels, 1, h.row - 1, TOP_LABELS)?.text ?? '';
    const monthCell = findLabelValue(ws, ['申报月份', '月份', '申报时间'], 1, h.row - 1, TOP_LABELS);
    const app: Application = {
      file,
      sheet: ws.name,
      name: top(['姓名', '党员姓名']),
      branch: top(['所在支部', '支部']),
      month: monthText(ws, monthCell),
      lines: [],
      source: ctx.ref(ws.name, h.row),
    };
    const p = parsePeriod(app.month);
    if (p.ok && p.kind === 'month') app.period = `${p.year}-${String(p.value).padStart(2, '0')}`;
    let footerRow = ws.rowCount + 1;
    for (let row = h.row + 1; row <= ws.rowCount; row++) {
      const first = firstText(ws, row);
      if (FOOTER.test(normaliseHeader(first))) {
        footerRow = row;
        break;
      }
    }
    for (const row of ctx.rows(ws, h.row)) {
      if (row >= footerRow) break;
      const r = new RowReader(ctx, ws, h, row);
      const item = r.text('item');
      if (item === '') continue;
      const line: ApplicationLine = {
        item,
        count: r.number('count') ?? new Dec(1),
        claimed: r.number('claimed'),
        source: r.rowRef(),
        cells: Object.fromEntries(Object.keys(h.columns).map((k) => [k, r.ref(k)])),
      };
      putGiven(line, 'level', r.optText('level'));
      putGiven(line, 'project', r.optText('project'));
      putGiven(line, 'evidence', r.optText('evidence'));
      if (r.has('approved')) putGiven(line, 'approved', r.number('approved'));
      app.lines.push(line);
    }
    const last = Math.min(ws.rowCount, footerRow + 10);
    const review = findLabelValue(ws, ['支委初评', '支委意见'], footerRow, last, ['审核人', '日期'])?.text;
    if (review) app.review = review;
    const leader = findLabelValue(ws, LEADER, footerRow, last, ['支委初评', '支委意见', '审核人', '日期'])?.text;
    if (leader) app.leaderReview = leader;
    const reviewer = findLabelValue(ws, ['审核人', '审核'], footerRow, last, ['日期', '支委初评'])?.text;
    if (reviewer) app.reviewer = reviewer;
    const dateCell = findLabelValue(ws, ['日期', '审核日期', '填报日期'], footerRow, last, ['审核人', '支委初评']);
    if (dateCell?.text) {
      const d = asDate(readCell(ws.findCell(dateCell.row, dateCell.col)));
      const fromText = asDate({ text: dateCell.text });
      const iso = d.value ?? fromText.value;
      if (iso) app.date = iso;
      else ctx.report('READ_BAD_DATE', ctx.ref(ws.name, dateCell.row, dateCell.col), {}, dateCell.text);
    }
    applications.push(app);
  }
  if (applications.length === 0) ctx.report('READ_NO_FORM', { file }, { form: '积分申请表', labels: '申报事项' });
  return { applications, diagnostics: ctx.sorted(wb) };
}

function firstText(ws: SheetLike, row: number): string {
  let t = '';
  eachRead(ws, row, (c) => ((t = c.text), true));
  return t;
}

/** 申报月份 may be a Date cell (a month picked in Excel): shown as 2023年3月. */
function monthText(ws: SheetLike, at: { text: string; row: number; col: number } | undefined): string {
  if (!at || at.text === '') return '';
  const c = readCell(ws.findCell(at.row, at.col));
  if (c.date) return `${c.date.slice(0, 4)}年${Number(c.date.slice(5, 7))}月`;
  return at.text;
}
