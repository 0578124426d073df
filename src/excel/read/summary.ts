// Summary reader: a branch's 评分汇总表 (附件3) as sent in, one row per member, so that its
// component scores and 合计得分 can be checked. Every sheet with such a header is read.
import type { BookLike } from '../book.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Dec } from '../../core/decimal.js';
import type { SourceRef } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import { readCell } from '../cells.js';
import { findHeader, headerMax, type ColumnSpec } from '../header.js';
import { COL, isHidden, ReadContext, RowReader } from './common.js';

export interface SummaryRow {
  name: string;
  id?: string;
  posts?: string;
  /** Component scores by component id (or by header label when no scheme names the column). */
  components: Record<string, Dec | null>;
  bonus: Dec | null;
  deduction: Dec | null;
  total: Dec | null;
  grade?: string;
  stars?: string;
  rank?: Dec | null;
  flags?: string;
  cells: Record<string, SourceRef>;
  source: SourceRef;
}

export interface SummarySheet {
  sheet: string;
  /** The merged title above the header, if any. */
  title?: string;
  /** The maximum written in a component header (履行党员义务（40分）) by component key. */
  maxima: Record<string, number>;
  rows: SummaryRow[];
}

export interface SummaryRead {
  sheets: SummarySheet[];
  diagnostics: Diagnostic[];
}

const FIXED: ColumnSpec[] = [
  COL.seq,
  { key: 'name', labels: ['党员姓名', '姓名'], required: true },
  COL.id,
  { key: 'posts', labels: ['志愿服务岗位', '岗位'] },
  { key: 'bonus', labels: ['加分项', '加分'] },
  { key: 'deduction', labels: ['扣分项', '扣分'] },
  { key: 'total', labels: ['合计得分', '合计', '总分', '总积分'], required: true },
  { key: 'grade', labels: ['等次', '评定等次', '评议等次'] },
  { key: 'stars', labels: ['星级'] },
  { key: 'rank', labels: ['排名', '名次'] },
  { key: 'flags', labels: ['标记', '备注'] },
];

export function readSummary(file: string, wb: BookLike, scheme?: Scheme): SummaryRead {
  const ctx = new ReadContext(file, wb);
  const componentSpecs: ColumnSpec[] = (scheme?.components ?? [])
    .filter((c) => c.role === 'score')
    .map((c) => ({ key: `c:${c.id}`, labels: [c.name] }));
  const specs = [...FIXED, ...componentSpecs];
  const sheets: SummarySheet[] = [];
  for (const ws of wb.worksheets) {
    const h = findHeader(ws, specs);
    if (!h) continue;
    // A hidden sheet is named and not read: it would count unseen.
    if (isHidden(ws)) {
      ctx.report('READ_SHEET_HIDDEN_SKIPPED', { file, sheet: ws.name });
      continue;
    }
    // Columns between the name/posts columns and 加分项 that no spec claimed are components too.
    const claimed = new Set(Object.values(h.columns));
    const components: { key: string; col: number }[] = componentSpecs
      .filter((s) => h.columns[s.key] !== undefined)
      .map((s) => ({ key: s.key.slice(2), col: h.columns[s.key]! }));
    const firstAfter = Math.max(h.columns.name ?? 0, h.columns.posts ?? 0, h.columns.id ?? 0);
    const before = h.columns.bonus ?? h.columns.total!;
    for (const [col, label] of h.labels) {
      if (!claimed.has(col) && col > firstAfter && col < before) components.push({ key: label, col });
    }
    components.sort((a, b) => a.col - b.col);
    const maxima: Record<string, number> = {};
    for (const c of components) {
      const max = headerMax(readCell(ws.findCell(h.row, c.col)).text);
      if (max !== undefined) maxima[c.key] = max;
      h.columns[`c:${c.key}`] = c.col;
    }
    const rows: SummaryRow[] = [];
    for (const row of ctx.rows(ws, h.row)) {
      const r = new RowReader(ctx, ws, h, row);
      const name = r.text('name');
      if (name === '') continue;
      const cells: Record<string, SourceRef> = {};
      const values: Record<string, Dec | null> = {};
      for (const c of components) {
        values[c.key] = r.number(`c:${c.key}`);
        cells[c.key] = r.ref(`c:${c.key}`);
      }
      for (const k of ['bonus', 'deduction', 'total', 'rank']) if (r.has(k)) cells[k] = r.ref(k);
      const s: SummaryRow = {
        name,
        components: values,
        bonus: r.number('bonus'),
        deduction: r.number('deduction'),
        total: r.number('total'),
        cells,
        source: r.rowRef(),
      };
      const id = r.has('id') ? r.id('id') : undefined;
      if (id) s.id = id;
      for (const k of ['posts', 'grade', 'stars', 'flags'] as const) {
        const t = r.optText(k);
        if (t) s[k] = t;
      }
      if (r.has('rank')) s.rank = r.number('rank');
      rows.push(s);
    }
    const sheet: SummarySheet = { sheet: ws.name, maxima, rows };
    const title = h.row > 1 ? readCell(ws.findCell(1, 1)).text : '';
    if (title) sheet.title = title;
    sheets.push(sheet);
  }
  if (sheets.length === 0) ctx.report('READ_NO_FORM', { file }, { form: '评分汇总表', labels: '党员姓名、合计得分' });
  return { sheets, diagnostics: ctx.sorted(wb) };
}

