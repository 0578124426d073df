// The ledger form (积分台账), stated once: its sheet names and the spellings clerks use for them,
// every table's columns with the label the template writes, the synonyms the reader accepts, the
// width, the cell type, whether the clerk types the cell and when a scheme needs the column. The
// template writer (excel/write/template.ts), the readers (excel/read/*), the fixture tool
// (tools/fixtures/) and the test filler (test/helpers/fill.ts) all take the layout from here, so
// that what is written is what is read (test/excel-read/form.test.ts proves it for every scheme).
import type { Component, Entry, Scheme } from './schema.js';
import { evaluationGrades } from '../core/catalogue.js';
import { QUARTER_NAMES } from '../core/cycle.js';

/** One column of a form table. */
export interface FormColumn<K extends string = string> {
  key: K;
  /**
   * The spellings the reader accepts (compared after normaliseHeader: spaces, a trailing 「(10分)」
   * or 「：」 do not count); labels[0] is the name messages use and, without `header`, what the template writes.
   */
  labels: readonly [string, ...string[]];
  /** The table cannot be read without it. */
  required?: boolean;
  /** The exact header the template writes when it is not labels[0] (an entry's points: 学习教育(10分)). */
  header?: string;
  /** Column width in the template; a column without one is never written by the template (read only). */
  width?: number;
  /** 'text' keeps 编号 and phone numbers as text; 'date' formats yyyy-mm-dd; 'number' right-aligns. */
  type?: 'text' | 'date' | 'number';
  align?: 'left';
  /** False where the template fills the cell with a formula (合计): the clerk does not type it. */
  input?: false;
  /** Whether the template writes the column for a scheme (default: whenever it has a width). */
  when?: (scheme: Scheme) => boolean;
}

/** The text the template writes in a column's header cell. */
export function headerOf(c: FormColumn): string {
  return c.header ?? c.labels[0];
}

/** Whether the template writes a column for a scheme. */
export function written(c: FormColumn, scheme: Scheme): boolean {
  return c.width !== undefined && (c.when?.(scheme) ?? true);
}

const col = <K extends string>(c: FormColumn<K>): FormColumn<K> => c;

/** A column the reader accepts where a clerk adds it, that the template does not write. */
function readOnly<K extends string>(c: FormColumn<K>): FormColumn<K> {
  const { width: _, ...rest } = c;
  return rest;
}

/** Columns several tables share (one width and one set of synonyms everywhere). */
export const COMMON = {
  seq: col({ key: 'seq', labels: ['序号', '编码序号'], width: 6 }),
  name: col({ key: 'name', labels: ['姓名', '党员姓名', '名字'], required: true, width: 10 }),
  id: col({ key: 'id', labels: ['编号', '党员编号', '人员编号', '工号'], width: 14, type: 'text' }),
  total: col({ key: 'total', labels: ['合计', '合计得分', '小计', '总分', '总计', '积分合计'], width: 10, type: 'number', input: false }),
  note: col({ key: 'note', labels: ['依据/备注', '依据', '备注', '依据、备注', '依据或备注', '说明'], width: 28, align: 'left' }),
  date: col({ key: 'date', labels: ['日期', '时间', '发生日期', '事项日期'], width: 12, type: 'date' }),
} as const;

/** The 说明 sheet: key in column A, value in column B; labels[0] is the key the template writes. */
export const INFO_KEYS = {
  scheme: ['方案', '方案编号', '方案ID'],
  schemeName: ['方案名称'],
  branch: ['支部', '支部名称', '党支部'],
  parent: ['上级党组织'],
  year: ['年度', '周期', '考核年度'],
  span: ['周期起止'],
  recorder: ['记录员'],
  /** The regulation the scheme follows (scheme.source): for the reader of the printed 说明 only. */
  source: ['依据'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

/** Whether the scheme's items read 级别 / 项目 in 加减分明细 (an item with levels; a highest-per-project or shared award). */
export function eventColumns(scheme: Scheme): { level: boolean; project: boolean } {
  return {
    level: scheme.items.some((i) => i.levels),
    project: scheme.items.some((i) => (i.highestOnly && i.highestPer === 'project') || i.split),
  };
}

/**
 * The 民主评议 columns a scheme reads (SCHEMES.md "Every input the forms ask for is read"): votes
 * where an evaluation has a votes formula, 参评人数 where it divides by the voters, 评议等次 where a
 * grade maps to points, converts the total or raises a flag, 评议得分 where an evaluation component
 * takes a typed score. None: the template has no 民主评议 sheet.
 */
export function evaluationColumns(scheme: Scheme): { votes: boolean; voters: boolean; grade: boolean; score: boolean } {
  const comps = scheme.components.filter((c) => c.kind === 'evaluation');
  return {
    votes: comps.some((c) => c.votes),
    voters: comps.some((c) => c.votes?.divisor === 'voters'),
    grade: evaluationGrades(scheme).length > 0,
    score: comps.length > 0,
  };
}

/** 名册: one row per member. */
export const ROSTER = [
  COMMON.seq,
  COMMON.name,
  COMMON.id,
  col({ key: 'gender', labels: ['性别'], width: 6 }),
  col({ key: 'birth', labels: ['出生年月', '出生日期', '出生年月日'], width: 12, type: 'date' }),
  col({ key: 'ethnic', labels: ['民族'], width: 8 }),
  col({ key: 'education', labels: ['学历', '文化程度'], width: 10 }),
  col({ key: 'partyDate', labels: ['入党时间', '入党日期'], width: 12, type: 'date' }),
  col({ key: 'category', labels: ['党员类别', '类别', '人员类别', '党员类型'], width: 14 }),
  col({ key: 'tier', labels: ['层次', '党员层次', '档次'], width: 14, when: (s) => s.tiers.length > 0 }),
  col({ key: 'participates', labels: ['积分管理', '是否参加积分', '是否参加积分管理', '参加积分管理'], width: 10 }),
  col({ key: 'posts', labels: ['志愿服务岗位', '服务岗位', '岗位', '志愿岗位'], width: 24 }),
  col({ key: 'phone', labels: ['联系电话', '电话', '手机', '手机号码', '联系方式'], width: 14, type: 'text' }),
  col({ key: 'joined', labels: ['转入日期', '转入时间'], width: 12, type: 'date' }),
  col({ key: 'left', labels: ['转出日期', '转出时间'], width: 12, type: 'date' }),
  col({ key: 'remark', labels: ['备注'], width: 16, align: 'left' }),
  // An exempt member's 档次 set by the branch meeting (scheme.directGrades).
  col({ key: 'directGrade', labels: ['直接确定档次', '评议确定档次', '党员大会确定档次'], width: 14, when: (s) => Boolean(s.directGrades) }),
  // An exempt member's annual score given by other means (scheme.exempt.otherScore).
  col({ key: 'otherScore', labels: ['另行评定得分', '另行评定年度得分', '另行评定积分'], width: 14, type: 'number', when: (s) => Boolean(s.exempt?.otherScore) }),
  // Where a member shared with another unit takes part in 评先评优 (scheme.awardsOneSide: 本单位 / 所驻村).
  col({ key: 'awardsSide', labels: ['评先评优', '参加评先评优', '评先评优单位', '在哪一边评先评优'], width: 12, when: (s) => Boolean(s.awardsOneSide) }),
] as const;

/** 加减分明细: one row per bonus or deduction. */
export const EVENTS = [
  COMMON.seq,
  COMMON.date,
  COMMON.name,
  COMMON.id,
  col({ key: 'item', labels: ['事项', '申报事项', '加分事项', '扣分事项', '加减分事项', '事由', '积分事项'], required: true, width: 26, align: 'left' }),
  col({ key: 'level', labels: ['级别', '等级', '层级'], width: 8, when: (s) => eventColumns(s).level }),
  col({ key: 'project', labels: ['项目', '项目名称', '活动项目'], width: 20, align: 'left', when: (s) => eventColumns(s).project }),
  col({ key: 'count', labels: ['次数', '数量', '件数'], width: 8, type: 'number' }),
  col({ key: 'points', labels: ['分值', '积分', '认定分值', '加减分值', '分数', '得分', '加减分'], width: 8, type: 'number' }),
  // A clerk's log often splits the points: 加分 in one column, 扣分 in another (the item decides the sign; validate checks they agree).
  col({ key: 'plus', labels: ['加分', '加分值', '加分分值', '加分分数', '奖励分'] }),
  col({ key: 'minus', labels: ['扣分', '扣分值', '扣分分值', '扣分分数', '减分'] }),
  col({ key: 'basis', labels: ['依据', '依据/备注', '佐证材料', '备注', '说明'], width: 28, align: 'left' }),
  col({ key: 'reviewer', labels: ['审核人', '审核'], width: 10 }),
] as const;

/** 民主评议: one row per member, with the columns the scheme reads. */
export const EVALUATIONS = [
  readOnly(COMMON.seq),
  COMMON.name,
  COMMON.id,
  col({ key: 'good', labels: ['好', '好票', '好(票)', '优秀'], width: 8, type: 'number', when: (s) => evaluationColumns(s).votes }),
  col({ key: 'fair', labels: ['一般', '一般票', '较好'], width: 8, type: 'number', when: (s) => evaluationColumns(s).votes }),
  col({ key: 'poor', labels: ['差', '差票', '较差'], width: 8, type: 'number', when: (s) => evaluationColumns(s).votes }),
  col({ key: 'voters', labels: ['参评人数', '参加评议人数', '参评人员', '应参评人数'], width: 10, type: 'number', when: (s) => evaluationColumns(s).voters }),
  col({ key: 'grade', labels: ['评议等次', '等次', '评议结果'], width: 12, when: (s) => evaluationColumns(s).grade }),
  col({ key: 'score', labels: ['评议得分', '得分', '评议分数', '分值'], width: 10, type: 'number', when: (s) => evaluationColumns(s).score }),
] as const;

/** 否决与处分: one row per veto or 处分. */
export const SANCTIONS = [
  readOnly(COMMON.seq),
  COMMON.date,
  COMMON.name,
  COMMON.id,
  col({ key: 'type', labels: ['类型', '处分类型', '否决类型', '类别', '处理类型'], required: true, width: 22 }),
  col({ key: 'note', labels: ['说明', '备注', '事由', '情况说明'], width: 40, align: 'left' }),
  // The last day of a 处分 that holds 「处分期间」 (overrides with `during`): it may date from an earlier year and run into this one.
  col({ key: 'until', labels: ['处分期至', '处分期满', '处分期满日期', '影响期至', '影响期满', '期满日期'], width: 12, type: 'date', when: (s) => s.overrides.some((o) => o.during) }),
] as const;

/** The record period of a row where one sheet holds several (a card, all months stacked). */
export const PERIOD = col({ key: 'month', labels: ['月份', '月度', '时间', '季度', '记录月份', '考核月份'], required: true, width: 10 });

/**
 * The seed 003 附件2 card's own columns after the entries and their 合计: the month's 加分项 (points of
 * the scheme's one bonus part, no item) and 扣分项 (a veto type: the seed's 扣分项 is 一票否决).
 */
export const CARD_EXTRAS = [
  col({ key: 'bonus', labels: ['加分项', '加分', '本月加分', '加分分值'], width: 10, type: 'number', when: (s) => s.components.filter((c) => c.kind === 'accumulate' && c.role === 'bonus').length === 1 }),
  col({ key: 'deduction', labels: ['扣分项', '扣分', '本月扣分', '减分'], width: 16, when: (s) => s.vetoTypes.length > 0 }),
] as const;

/** The card's 基本情况 labels that are not 名册 columns (seed 003 附件2: 身体状况). */
export const CARD_INFO = [col({ key: 'health', labels: ['身体状况', '健康状况'] })] as const;

/** The column of one entry: key `component.entry`, read by its name or aliases, written with its points (学习教育(10分)). */
export function entryColumn(c: Component, e: Entry): FormColumn {
  const header = `${e.name}(${fmt(e.max)}分)`;
  return { key: `${c.id}.${e.id}`, labels: [e.name, ...e.aliases], required: true, header, type: 'number' };
}

/** A record sheet (1月 …, a score sheet): 序号, 姓名, 编号, the entries, 合计 (a formula), 依据/备注. */
export function recordTable(entries: readonly FormColumn[]): FormColumn[] {
  return [COMMON.seq, COMMON.name, COMMON.id, ...entries.map((e) => ({ ...e, width: Math.max(10, headerOf(e).length * 1.6) })), COMMON.total, COMMON.note];
}

/** A member's record card (seed 003 附件2): 月份, the entries, 合计 (a formula), 加分项 and 扣分项 where the scheme has them. */
export function cardTable(entries: readonly FormColumn[]): FormColumn[] {
  return [PERIOD, ...entries.map((e) => ({ ...e, width: Math.max(12, headerOf(e).length * 1.6) })), COMMON.total, ...CARD_EXTRAS];
}

/** A scheme number as people write it: 10, 0.5. */
export function fmt(n: number): string {
  return String(Number(n.toFixed(6)));
}

/** The ledger's sheets: names[0] is what the template writes, the rest are names clerks give them that the reader accepts. */
export const SHEETS = {
  info: ['说明', '填表说明', '基本信息'],
  roster: ['名册', '党员名册', '花名册', '党员花名册', '支部党员名册', '党员名单'],
  events: ['加减分明细', '加减分明细表', '加分扣分明细', '积分明细'],
  evaluations: ['民主评议', '民主评议表', '民主评议结果'],
  sanctions: ['否决与处分', '否决及处分', '一票否决与处分', '处分'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

/** The record sheets' names the template writes (a cycle may start in another month: 7月 … 6月). */
export const RECORD_SHEETS = [...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), ...QUARTER_NAMES];

/** Other spellings of the record sheet names that are read (for the messages). */
export function acceptedRecordNames(record: 'month' | 'quarter' | 'none'): string {
  return record === 'quarter' ? '一季度、1季度、Q1、2023年第一季度' : '一月、1月份、01、2023年1月、2023.1、2023-01，或标题写明月份的工作表';
}

/** The header text the template writes for each column of a table, by key. */
export function headersOf<C extends FormColumn>(table: readonly C[]): Record<C['key'], string> {
  return Object.fromEntries(table.map((c) => [c.key, headerOf(c)])) as Record<C['key'], string>;
}
