// The in-memory ledger model: what the readers produce and the pure engine consumes.
// Everything keeps its source place so that a diagnostic or a trace can point at the cell.
import type { Dec } from './decimal.js';

export interface SourceRef {
  file: string;
  sheet?: string;
  cell?: string;
}

export interface Member {
  /** 编号 when given, else the name: what records and events refer to. */
  key: string;
  name: string;
  id?: string;
  category: string;
  tier?: string;
  /** 积分管理 参加/不参加 (R17 exempt members). */
  participates: boolean;
  /** 直接确定档次: an exempt member's grade set by the branch meeting (scheme.directGrades). */
  directGrade?: string;
  /** 另行评定得分: an exempt member's annual score given by other means (scheme.exempt.otherScore). */
  otherScore?: Dec;
  /** The 名册 column of scheme.awardsOneSide (本单位 / 所驻村): where the member takes part in 评先评优. */
  awardsSide?: string;
  posts: string[];
  /** ISO dates (YYYY-MM-DD) of 转入日期 / 转出日期 (R20). */
  joined?: string;
  left?: string;
  /** Private fields: kept for validation, never published. */
  phone?: string;
  birth?: string;
  /**
   * The rest of the roster row (性别, 民族, 学历, 入党时间, 备注), read only from a township roster
   * for `score template --roster` so that the branch ledgers carry every column; never published.
   */
  details?: MemberDetails;
  source: SourceRef;
}

export interface MemberDetails {
  gender?: string;
  ethnicity?: string;
  education?: string;
  /** ISO date when it is a date, else the text (1985年6月). */
  partyDate?: string;
  remark?: string;
  /** 身体状况 (the seed's 附件2 card; 年老体弱 members may be exempt), as written. */
  health?: string;
}

/** One row of a record sheet (1月 … / 第一季度 …): a member's points in one record period. */
export interface RecordRow {
  /** Member name as written, and 编号 when the sheet has one. */
  name: string;
  id?: string;
  /** 0-based record period index within the cycle. */
  period: number;
  /** Values keyed by `componentId.entryId`; null = cell left blank. */
  values: Record<string, Dec | null>;
  /** The 合计 written in the sheet, when there is one (checked, never trusted). */
  writtenTotal?: Dec;
  /**
   * Components given by their total only (the seed's 附件2 card: 每月履行党员义务积分): the value is
   * under the component id in `values` (not its entries'), and the engine grades from it.
   */
  parts?: string[];
  /** The card's 加分项 of the month: bonus points with no item, added to the scheme's bonus component (its caps apply). */
  bonus?: Dec;
  /** Keys of the values typed as text (「8分」): Excel's SUM leaves them out of the sheet's 合计. */
  textKeys?: string[];
  /**
   * Where each value sits: the column letters by key (`componentId.entryId`, `total`), shared by
   * every row of the sheet, and the row number. recordCell() makes the place when one is needed,
   * so reading a county does not make a place object per cell.
   */
  columns?: Readonly<Record<string, string>>;
  row?: number;
  source: SourceRef;
}

/** The cell of a record row's value (or its 合计); the row's place when the column is unknown. */
export function recordCell(r: RecordRow, key: string): SourceRef {
  const col = r.columns?.[key];
  return col !== undefined && r.row !== undefined ? { ...r.source, cell: `${col}${r.row}` } : r.source;
}

/** One row of 加减分明细 or an approved application line. */
export interface EventRow {
  /** ISO date; undefined when the cell was empty or unreadable. */
  date?: string;
  name: string;
  id?: string;
  /** 事项 as written: resolved against the scheme catalogue by id, name or alias. */
  item: string;
  level?: string;
  count: Dec;
  /** 分值 typed in the row (needed for range items, checked for the others). */
  points?: Dec;
  /** 项目: groups highest-level-only and split awards. */
  project?: string;
  /** The 加分 or 扣分 column the points were typed in (a log that splits them); the item must agree. */
  sign?: 'plus' | 'minus';
  basis?: string;
  /**
   * The cell of each field (date, item, level, project, count, points) when the row was read from a
   * sheet: a diagnostic about the 日期 or the 分值 points there, not at the 姓名 cell (fieldCell()).
   * A sheet's rows give their row and the sheet's column letters instead (`row`, `columns`).
   */
  cells?: Readonly<Partial<Record<EventField | EvaluationField, string>>>;
  /** The row of the sheet it was read from, with `columns` (fieldCell()). */
  row?: number;
  /** The column letter of each field the sheet has: one object per sheet, shared by its rows (fieldCell()). */
  columns?: FieldColumns;
  source: SourceRef;
}

/** Column letters by field of a sheet's rows (fieldCell()): a field's cell is its letter and the row. */
export type FieldColumns = Readonly<Partial<Record<EventField | EvaluationField | SanctionField, string>>>;

export type EventField = 'date' | 'item' | 'level' | 'project' | 'count' | 'points';
export type EvaluationField = 'good' | 'fair' | 'poor' | 'voters' | 'grade' | 'score';
export type SanctionField = 'date' | 'type' | 'note' | 'until';

/** The place of one field of an event or evaluation row: its own cell when known, else the row's place. */
export function fieldCell(r: { cells?: Readonly<Partial<Record<string, string>>>; row?: number; columns?: FieldColumns; source: SourceRef }, field: EventField | EvaluationField | SanctionField): SourceRef {
  const letter = r.columns?.[field];
  const cell = r.cells?.[field] ?? (letter !== undefined && r.row !== undefined ? `${letter}${r.row}` : undefined);
  return cell ? { ...r.source, cell } : r.source;
}

export interface Evaluation {
  name: string;
  id?: string;
  good?: Dec;
  fair?: Dec;
  poor?: Dec;
  voters?: Dec;
  grade?: string;
  score?: Dec;
  /** The cell of each field, when read from a sheet (fieldCell()). */
  cells?: Readonly<Partial<Record<EvaluationField, string>>>;
  /** The row of the sheet it was read from, with `columns` (fieldCell()). */
  row?: number;
  /** The column letter of each field the sheet has, shared by its rows (fieldCell()). */
  columns?: FieldColumns;
  source: SourceRef;
}

/** A row of 否决与处分: a veto or a discipline record. */
export interface Sanction {
  date?: string;
  /** Written on a card's month row (扣分项) instead of dated: the record period (0-based); it counts from that period's end. */
  period?: number;
  name: string;
  id?: string;
  type: string;
  note?: string;
  /** 处分期至: the last day of the 处分期间 (overrides with `during`). */
  until?: string;
  /** The cell of each field, when read from a sheet (fieldCell()). */
  cells?: Readonly<Partial<Record<SanctionField, string>>>;
  /** The row of the sheet it was read from, with `columns` (fieldCell()). */
  row?: number;
  /** The column letter of each field the sheet has, shared by its rows (fieldCell()). */
  columns?: FieldColumns;
  source: SourceRef;
}

export interface Ledger {
  file: string;
  branch: string;
  /** From the 说明 sheet. */
  schemeId?: string;
  cycleYear?: number;
  info: Record<string, string>;
  members: Member[];
  records: RecordRow[];
  events: EventRow[];
  evaluations: Evaluation[];
  sanctions: Sanction[];
  /**
   * A branch that sent only the seed's 附件3 评分汇总表: each member's values of the year (the parts
   * under their component ids, `parts` naming them; 加分项 as `bonus`). The months are not there:
   * graded for the cycle only (validate refuses a shorter period).
   */
  annual?: RecordRow[];
  /**
   * Record sheets (indices in cycle order) the workbook does not have: months not yet recorded.
   * Whether that is an error is the period's to decide (validate.ts), not the reader's.
   */
  absentRecords?: number[];
  /**
   * Record sheets (indices) that are there but could not be read (no header, a column missing):
   * the reader's error says why; they are never also 「没有填写任何分数」.
   */
  unreadRecords?: number[];
  /**
   * Rows of the score sheets (scoreSheet components: school 基础分评分): a member's typed entry
   * scores for the cycle, keyed `componentId.entryId` like record rows; `period` is the index of
   * the component in the scheme. Absent when the scheme has no score sheet.
   */
  scores?: RecordRow[];
}

/** An earlier cycle's result of one member, read from a 评定结果 workbook. */
export interface HistoryEntry {
  cycle: number;
  branch?: string;
  name: string;
  id?: string;
  total: Dec;
  grade?: string;
}

/** The earlier cycles' results the compute (R16) and grade (R12) steps look members up in. */
export interface HistoryLookup {
  /** The member's results of earlier cycles, newest first. */
  of(member: { name: string; id?: string }, branch: string): HistoryEntry[];
}
