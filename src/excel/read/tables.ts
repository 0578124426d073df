// Ledger reader, part 3: the event log (加减分明细), 民主评议 and 否决与处分 tables.
import type { SheetLike } from '../book.js';
import { Dec } from '../../core/decimal.js';
import type { Evaluation, EventRow, Sanction } from '../../core/model.js';
import { COL, ReadContext, RowReader, reportUnusedPoints } from './common.js';

export const EVENT_COLUMNS = [
  COL.seq,
  COL.date,
  COL.name,
  COL.id,
  { key: 'item', labels: ['事项', '申报事项', '加分事项', '扣分事项', '加减分事项', '事由', '积分事项'], required: true },
  { key: 'level', labels: ['级别', '等级', '层级'] },
  { key: 'project', labels: ['项目', '项目名称', '活动项目'] },
  { key: 'count', labels: ['次数', '数量', '件数'] },
  { key: 'points', labels: ['分值', '积分', '认定分值', '加减分值', '分数', '得分', '加减分'] },
  // A clerk's log often splits the points: 加分 in one column, 扣分 in another (the item decides the sign; validate checks they agree).
  { key: 'plus', labels: ['加分', '加分值', '加分分值', '加分分数', '奖励分'] },
  { key: 'minus', labels: ['扣分', '扣分值', '扣分分值', '扣分分数', '减分'] },
  { key: 'basis', labels: ['依据', '依据/备注', '佐证材料', '备注', '说明'] },
  { key: 'reviewer', labels: ['审核人', '审核'] },
];

const ONE = new Dec(1);
const EVENT_FIELDS = ['date', 'item', 'level', 'project', 'count', 'points'] as const;
const EVALUATION_FIELDS = ['good', 'fair', 'poor', 'voters', 'grade', 'score'] as const;
const SANCTION_FIELDS = ['date', 'type', 'note', 'until'] as const;

export function readEvents(ctx: ReadContext, ws: SheetLike): EventRow[] {
  const h = ctx.header(ws, EVENT_COLUMNS);
  if (!h) return [];
  reportUnusedPoints(ctx, ws, h, EVENT_COLUMNS);
  const out: EventRow[] = [];
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    const item = r.text('item');
    if (name === '' && !id && item === '') continue;
    const e: EventRow = { name, item, count: r.number('count') ?? ONE, source: r.rowRef(), cells: r.cells(EVENT_FIELDS) };
    const date = r.date('date');
    if (date) e.date = date;
    if (id) e.id = id;
    const level = r.optText('level');
    if (level) e.level = level;
    const project = r.optText('project');
    if (project) e.project = project;
    const points = r.number('points');
    if (points) e.points = points;
    const plus = r.number('plus');
    const minus = r.number('minus');
    if (plus && minus) ctx.report('READ_EVENT_BOTH_SIGNS', r.ref('minus'));
    else if (plus || minus) {
      // The points as the catalogue holds them (a positive unit); the column says which way they go.
      if (!points) e.points = (plus ?? minus)!.abs();
      e.sign = plus ? 'plus' : 'minus';
    }
    const basis = r.optText('basis');
    if (basis) e.basis = basis;
    out.push(e);
  }
  return out;
}

export const EVALUATION_COLUMNS = [
  COL.seq,
  COL.name,
  COL.id,
  { key: 'good', labels: ['好', '好票', '好(票)', '优秀'] },
  { key: 'fair', labels: ['一般', '一般票', '较好'] },
  { key: 'poor', labels: ['差', '差票', '较差'] },
  { key: 'voters', labels: ['参评人数', '参加评议人数', '参评人员', '应参评人数'] },
  { key: 'grade', labels: ['评议等次', '等次', '评议结果'] },
  { key: 'score', labels: ['评议得分', '得分', '评议分数', '分值'] },
];

export function readEvaluations(ctx: ReadContext, ws: SheetLike): Evaluation[] {
  const h = ctx.header(ws, EVALUATION_COLUMNS);
  if (!h) return [];
  const out: Evaluation[] = [];
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    if (name === '' && !id) continue;
    const ev: Evaluation = { name, source: r.rowRef(), cells: r.cells(EVALUATION_FIELDS) };
    if (id) ev.id = id;
    for (const k of ['good', 'fair', 'poor', 'voters', 'score'] as const) {
      const v = r.number(k);
      if (v) ev[k] = v;
    }
    const grade = r.optText('grade');
    if (grade) ev.grade = grade;
    out.push(ev);
  }
  return out;
}

export const SANCTION_COLUMNS = [
  COL.seq,
  COL.date,
  COL.name,
  COL.id,
  { key: 'type', labels: ['类型', '处分类型', '否决类型', '类别', '处理类型'], required: true },
  { key: 'note', labels: ['说明', '备注', '事由', '情况说明'] },
  { key: 'until', labels: ['处分期至', '处分期满', '处分期满日期', '影响期至', '影响期满', '期满日期'] },
];

export function readSanctions(ctx: ReadContext, ws: SheetLike): Sanction[] {
  const h = ctx.header(ws, SANCTION_COLUMNS);
  if (!h) return [];
  const out: Sanction[] = [];
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    const type = r.text('type');
    if (name === '' && !id && type === '') continue;
    const s: Sanction = { name, type, source: r.rowRef(), cells: r.cells(SANCTION_FIELDS) };
    const date = r.date('date');
    if (date) s.date = date;
    if (id) s.id = id;
    const note = r.optText('note');
    if (note) s.note = note;
    const until = r.date('until');
    if (until) s.until = until;
    out.push(s);
  }
  return out;
}
