// `score template`: the blank branch ledger (积分台账) for one cycle. Its layout is the
// contract the ledger reader relies on: sheet names, titles in row 1, headers in row 2.
import ExcelJS from 'exceljs';
import type { Component, Scheme } from '../../scheme/schema.js';
import type { Member } from '../../core/model.js';
import { cycleOf, cycleTitle, monthPeriod, periodTitle, quarterPeriod, recordSheetNames, type Cycle } from '../../core/cycle.js';
import {
  BORDER, FONT_BODY, FONT_HEADER, addTable, colLetter, freezeBelow, printSetup, setDate, setText, styleBody,
  styleCell, writeHeader, writeLine, writeTitle, type Column,
} from './style.js';
import { LISTS_SHEET, dateValidation, distinct, moveListsLast, decimalValidation, listValidation, nonNegativeValidation, validateRange } from './validation.js';
import { entryColumns, evaluationColumns, eventColumns, fmt, gradeNames, itemNames, levelNames, recordedColumns, sanctionTypes, type EntryColumn } from './scheme-info.js';
import { evaluationGrades } from '../../core/catalogue.js';
import { uniqueNames } from './names.js';
import { fitForPrint } from './fit-rows.js';
import { branchTitle } from './titles.js';
import { CARD_INFO, cardTable, COMMON, EVALUATIONS, EVENTS, headerOf, headersOf, INFO_KEYS, recordTable, ROSTER, SANCTIONS, SHEETS, written, type FormColumn } from '../../scheme/form.js';

export interface LedgerTemplateOptions {
  branch: string;
  year: number;
  layout?: 'monthly' | 'card';
  roster?: Member[];
  /** 上级党组织 and 记录员 in the 说明 sheet (blank for the branch to fill in). */
  parent?: string;
  recorder?: string;
}

/** The sheet names the template writes (the first of each in the ledger form). */
export const SHEET = {
  info: SHEETS.info[0],
  roster: SHEETS.roster[0],
  events: SHEETS.events[0],
  evaluation: SHEETS.evaluations[0],
  sanctions: SHEETS.sanctions[0],
} as const;

/** A form table's columns the template writes for a scheme, as the table writer takes them. */
function columnsOf(table: readonly FormColumn[], scheme?: Scheme): Column[] {
  return table
    .filter((c) => (scheme ? written(c, scheme) : c.width !== undefined))
    .map((c) => ({ header: headerOf(c), ...(c.width !== undefined ? { width: c.width } : {}), ...(c.type ? { type: c.type } : {}), ...(c.align ? { align: c.align } : {}) }));
}

const R = headersOf(ROSTER);
const E = headersOf(EVENTS);
const V = headersOf(EVALUATIONS);
const S = headersOf(SANCTIONS);
/**
 * Ruled rows of a blank table, and the rows one printed page holds: every table of a blank ledger
 * prints on one A4 page (the whole ledger on 16 pages for a monthly scheme, not 31 with two pages of
 * empty grid per month). A longer table (a roster of 60) prints on as few pages as hold it (pageFit);
 * rows inserted inside the table print with it (the 说明 says so).
 */
export const PAGE_ROWS = 40;
const BLANK_ROWS = PAGE_ROWS;
/** Spare styled rows under a pre-filled roster, for members who join during the cycle. */
const SPARE_ROWS = 10;
const EVENT_ROWS = PAGE_ROWS;
const SANCTION_ROWS = 20;

/**
 * Most rows a page takes before a table goes on to the next: a page holds about 44 ruled rows of the
 * widest landscape tables at their width's scale, and up to 50 print a little smaller rather than
 * leave a second page with a row or two (a roster of 36 and its 10 spare rows: one page).
 */
const MOST_PAGE_ROWS = 50;

/** Fit to the page width, and to as few pages as hold the rows (no page of a few rows). */
function pageFit(ws: ExcelJS.Worksheet, rows: number): void {
  ws.pageSetup.fitToHeight = Math.max(1, Math.ceil(rows / MOST_PAGE_ROWS));
}

export function ledgerTemplate(scheme: Scheme, opts: LedgerTemplateOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  wb.created = new Date();
  const cycle = cycleOf(opts.year, scheme.cycle);
  const roster = opts.roster ?? [];
  infoSheet(wb, scheme, cycle, opts);
  rosterSheet(wb, scheme, opts.branch, cycle, roster);
  const entries = recordedColumns(scheme);
  const periods = recordSheetNames(cycle, scheme.cycle.record);
  if (opts.layout === 'card') {
    cardSheets(wb, scheme, opts.branch, cycle, periods, entries, roster);
  } else if (entries.length) {
    periods.forEach((name, i) => recordSheet(wb, name, recordTitle(opts.branch, cycle, scheme.cycle.record, i), entries, roster));
  }
  for (const c of scheme.components) {
    if (c.scoreSheet) recordSheet(wb, c.scoreSheet, `${opts.branch} ${cycleTitle(cycle)} ${c.name}评分表`, entryColumns(c), roster);
  }
  // Every sheet and column is one the scheme reads (SCHEMES.md "Every input the forms ask for is read").
  if (scheme.items.length > 0) eventSheet(wb, scheme, opts.branch, cycle);
  if (hasEvaluation(scheme)) evaluationSheet(wb, scheme, opts.branch, cycle, roster);
  // 否决与处分 only where an entry there changes something (a veto type or a discipline override).
  if (sanctionTypes(scheme).length > 0) sanctionSheet(wb, scheme, opts.branch, cycle);
  moveListsLast(wb);
  fitForPrint(wb);
  return wb;
}

function recordTitle(branch: string, cycle: Cycle, record: Scheme['cycle']['record'], i: number): string {
  const when = periodTitle(cycle, record === 'month' ? monthPeriod(cycle, i) : quarterPeriod(cycle, i));
  return `${branchTitle(branch)} ${when} 党员积分记录`;
}

function infoSheet(wb: ExcelJS.Workbook, scheme: Scheme, cycle: Cycle, opts: LedgerTemplateOptions): void {
  const ws = wb.addWorksheet(SHEET.info);
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 70;
  writeTitle(ws, '积分台账说明', 2);
  const rows: [string, string | number][] = [
    // Read by the program to pick the scheme, not printed (a hidden row): the printed 说明 names the
    // scheme by its name and the regulation it follows.
    [INFO_KEYS.scheme[0], scheme.id],
    [INFO_KEYS.schemeName[0], scheme.name],
    ...(scheme.source ? ([[INFO_KEYS.source[0], scheme.source]] as [string, string][]) : []),
    [INFO_KEYS.branch[0], opts.branch],
    [INFO_KEYS.parent[0], opts.parent ?? ''],
    [INFO_KEYS.year[0], cycle.year],
    [INFO_KEYS.span[0], `${cycle.start} 至 ${cycle.end}`],
    [INFO_KEYS.recorder[0], opts.recorder ?? ''],
  ];
  rows.forEach(([key, value], i) => {
    const k = ws.getCell(i + 2, 1);
    k.value = key;
    k.font = FONT_HEADER;
    k.border = BORDER;
    k.alignment = { horizontal: 'center', vertical: 'middle' };
    const v = ws.getCell(i + 2, 2);
    styleCell(v, { header: '', align: 'left', type: typeof value === 'number' ? 'number' : 'text' });
    v.value = value === '' ? null : value;
    if (typeof value === 'number') v.alignment = { horizontal: 'left', vertical: 'middle' };
    if (key === INFO_KEYS.scheme[0]) ws.getRow(i + 2).hidden = true;
  });
  const hasRecords = scheme.cycle.record !== 'none' && recordedColumns(scheme).length > 0;
  const sheetNotes = [
    '名册：每名党员一行；编号、联系电话按文本填写；日期按 2023-03-15 格式；不参加积分管理的党员在“积分管理”选“不参加”。',
    ...(scheme.directGrades ? ['名册：不参加积分管理的党员，经支部全体党员大会评议后在“直接确定档次”栏选择档次（参加积分的党员此栏不填）。'] : []),
    ...(scheme.exempt?.otherScore ? ['名册：不参加积分管理的党员，党组织另行评定的年度得分填在“另行评定得分”栏（参加积分的党员此栏不填）；评定结果列出该得分，不排名、不评定等次。'] : []),
    ...(scheme.awardsOneSide ? [`名册：驻村第一书记等与另一单位共用考核结果、只能参加一边评先评优的党员，在“${scheme.awardsOneSide.column}”栏选“${scheme.awardsOneSide.here}”或“${scheme.awardsOneSide.there}”（选“${scheme.awardsOneSide.there}”的照常计分、评定等次，但不占本单位${scheme.quota?.grade ?? '优秀'}名额、不评为${scheme.quota?.grade ?? '优秀'}）；其他党员不填。`] : []),
    ...(hasRecords ? [`${recordNote(scheme)}${scheme.components.some((c) => c.kind === 'recorded' && c.role === 'bonus') ? '加分栏没有加分的可以空着（按 0 分计），其余各栏每格都要填写。' : ''}`] : []),
    ...(hasRecords && opts.layout === 'card' ? [cardNote(scheme)] : []),
    ...scheme.components.flatMap((c) => (c.scoreSheet ? [`${c.scoreSheet}：每名党员一行，按本年度表现逐项填写${c.name}各小项的得分（不超过表头的分值），每格都要填写。`] : [])),
    ...(scheme.items.length > 0 ? [eventNote(scheme)] : []),
    ...(hasEvaluation(scheme) ? [evaluationNote(scheme)] : []),
    sanctionTypes(scheme).length > 0 ? `否决与处分：记录一票否决和党纪处分。${sanctionUntilNote(scheme)}` : '本方案没有一票否决和处分类型，不设否决与处分表。',
    '表格行数不够时，在表格最后一行的上方插入整行（插入的行带下拉列表和边框，随表格一起打印）；不要在表格下方另起新行。',
    `计分标准见随本台账下发的“${scheme.name} 计分标准”${scheme.source ? `（依据${scheme.source}）` : ''}。`,
  ];
  const notes = [
    '填写说明：',
    '1. 本台账按统一格式制作，请勿改动工作表名称和第 2 行表头；方案、年度等信息由计分程序读取。',
    ...sheetNotes.map((text, i) => `${i + 2}. ${text}`),
  ];
  const start = rows.length + 3;
  notes.forEach((text, i) => writeLine(ws, start + i, text, 2));
  ws.getCell(start, 1).font = FONT_HEADER;
  freezeBelow(ws, 1);
  printSetup(ws, { titleRows: 1 });
}

/** The 说明 words on 处分期至, where a type holds 「处分期间」. */
function sanctionUntilNote(scheme: Scheme): string {
  const types = scheme.overrides.filter((o) => o.during).map((o) => o.type);
  if (types.length === 0) return '';
  return `${types.join('、')}按处分期间计：日期填处分决定的日期，“处分期至”填处分期满的日期；上年度受处分、处分期延续到本年度的，也要登记（日期填上年度的处分日期）。`;
}

/**
 * The 说明 line on record sheets, one way only: where 加减分明细 items deduct from a recorded entry,
 * the sheet holds full points and the deduction is logged once, as an event (DEDUCTION_TWICE warns
 * when both are done); otherwise the sheet holds the points earned.
 */
function recordNote(scheme: Scheme): string {
  const recorded = new Set(scheme.components.filter((c) => c.kind === 'recorded').map((c) => c.id));
  const aimed = scheme.items.filter((i) => i.entry && recorded.has(i.component)).map((i) => i.name);
  if (aimed.length === 0) return '月（季）记录表：每名党员一行，按各项满分以内填写得分；“合计”为公式，自动求和；扣分依据写在“依据/备注”。';
  return `月（季）记录表：每名党员一行，按各项满分以内填写得分；“合计”为公式，自动求和。“${aimed.slice(0, 2).join('”“')}”等扣分事项不在月表中扣：该项填未扣分时的得分，扣分只在“加减分明细”登记一行，计分时自动从当月该项扣除（两处都扣会重复扣分，检查时会提示）。`;
}

/** The 说明 line on the cards (seed 003 附件2): what goes in 加分项, 扣分项 and the 合计 row. */
function cardNote(scheme: Scheme): string {
  const { bonus, vetoes } = cardExtras(scheme);
  const cap = bonus?.cap !== undefined ? `，${bonus.capPer === 'record' ? '每期' : '全年'}合计不超过${fmt(bonus.cap)}分` : '';
  return [
    '记录卡（《党员日常行为积分管理记录表》）：每名党员一张，每月一行，各项填写当月得分，“合计”为公式',
    ...(bonus ? [`“加分项”填当月加分的分数${cap}（只写分数，不分事项；要按事项核对各项上限的，改在“加减分明细”逐条登记，同一加分不要两处都填）`] : []),
    ...(vetoes.length > 0 ? [`“扣分项”只在发生一票否决情形时选择其类型（${vetoes.slice(0, 5).join('、')}等），该党员年度积分为零`] : []),
    '最下面的“合计”行自动求各月之和，score 会与各月核对。',
  ].join('；');
}

/** Whether the scheme reads anything from a 民主评议 sheet. */
function hasEvaluation(scheme: Scheme): boolean {
  return Object.values(evaluationColumns(scheme)).some(Boolean);
}

function eventNote(scheme: Scheme): string {
  const cols = eventColumns(scheme);
  const pick = cols.level ? '事项、级别从下拉列表选择' : '事项从下拉列表选择';
  const project = cols.project ? '；“项目”写表彰（奖励）的项目名称：同一项目按最高级计分一次，平分的奖励每人每个项目计一份' : '';
  return `加减分明细：每件加分或扣分事项一行，${pick}；“分值”按计分标准由程序计算，需要按情节认定分值的事项必须填写${project}。`;
}

function evaluationNote(scheme: Scheme): string {
  const c = evaluationColumns(scheme);
  const ways = [
    c.votes ? `好、一般、差的票数${c.voters ? '和参评人数（评议分 ÷ 参加测评人数）' : ''}` : '',
    c.grade ? '评议等次' : '',
    c.score ? '评议得分' : '',
  ].filter(Boolean);
  return `民主评议：每名党员一行，填写${ways.join('，或')}。`;
}

function rosterSheet(wb: ExcelJS.Workbook, scheme: Scheme, branch: string, cycle: Cycle, roster: Member[]): void {
  const tiered = scheme.tiers.length > 0;
  const columns = columnsOf(ROSTER, scheme);
  const rows = roster.length ? roster.length + SPARE_ROWS : BLANK_ROWS;
  const t = addTable(wb, SHEET.roster, { title: `${branchTitle(branch)}党员名册（${cycleTitle(cycle)}）`, columns, bodyRows: rows, orientation: 'landscape' });
  pageFit(t.ws, rows);
  roster.forEach((m, i) => {
    const r = t.firstRow + i;
    t.ws.getCell(r, t.col(R.seq)).value = i + 1;
    t.ws.getCell(r, t.col(R.name)).value = m.name;
    setText(t.ws.getCell(r, t.col(R.id)), m.id);
    if (m.details?.gender) t.ws.getCell(r, t.col(R.gender)).value = m.details.gender;
    setDate(t.ws.getCell(r, t.col(R.birth)), m.birth);
    if (m.details?.ethnicity) t.ws.getCell(r, t.col(R.ethnic)).value = m.details.ethnicity;
    if (m.details?.education) t.ws.getCell(r, t.col(R.education)).value = m.details.education;
    setDate(t.ws.getCell(r, t.col(R.partyDate)), m.details?.partyDate);
    if (m.details?.remark) t.ws.getCell(r, t.col(R.remark)).value = m.details.remark;
    t.ws.getCell(r, t.col(R.category)).value = m.category;
    if (tiered && m.tier) t.ws.getCell(r, t.col(R.tier)).value = m.tier;
    t.ws.getCell(r, t.col(R.participates)).value = m.participates ? '参加' : '不参加';
    t.ws.getCell(r, t.col(R.posts)).value = m.posts.length ? m.posts.join('、') : null;
    setText(t.ws.getCell(r, t.col(R.phone)), m.phone);
    setDate(t.ws.getCell(r, t.col(R.joined)), m.joined);
    setDate(t.ws.getCell(r, t.col(R.left)), m.left);
    if (scheme.directGrades && m.directGrade) t.ws.getCell(r, t.col(R.directGrade)).value = m.directGrade;
    if (scheme.exempt?.otherScore && m.otherScore) t.ws.getCell(r, t.col(R.otherScore)).value = m.otherScore.toNumber();
  });
  const lists: [string, string[], string][] = [
    [R.gender, ['男', '女'], '性别请选择“男”或“女”'],
    [R.category, scheme.categories.map((c) => c.name), '党员类别请从下拉列表中选择'],
    ...(tiered ? ([[R.tier, scheme.tiers.map((x) => x.name), '层次请从下拉列表中选择']] as [string, string[], string][]) : []),
    [R.participates, ['参加', '不参加'], '积分管理请选择“参加”或“不参加”'],
    ...(scheme.directGrades ? ([[R.directGrade, gradeNames(scheme), '直接确定档次请从下拉列表中选择（只填“不参加”积分管理的党员）']] as [string, string[], string][]) : []),
    ...(scheme.awardsOneSide ? ([[R.awardsSide, [scheme.awardsOneSide.here, scheme.awardsOneSide.there], `${R.awardsSide}请从下拉列表中选择（只填驻村第一书记等与另一单位共用考核结果的党员）`]] as [string, string[], string][]) : []),
  ];
  for (const [header, values, error] of lists) {
    const v = listValidation(wb, header, values, error);
    if (v) validateRange(t.ws, t.col(header), t.firstRow, t.lastRow, v);
  }
}

function recordColumns(entries: EntryColumn[]): Column[] {
  return columnsOf(recordTable(entries.map((e) => e.column)));
}

function validateEntries(ws: ExcelJS.Worksheet, firstCol: number, from: number, to: number, entries: EntryColumn[]): void {
  entries.forEach((e, i) => validateRange(ws, firstCol + i, from, to, decimalValidation(e.entry.min, e.entry.max, e.entry.name)));
}

function sumFormula(ws: ExcelJS.Worksheet, row: number, totalCol: number, firstCol: number, lastCol: number): void {
  if (lastCol < firstCol) return;
  // Blank while the row is empty, so a blank template prints blank (not 合计 0 on every row).
  const range = `${colLetter(firstCol)}${row}:${colLetter(lastCol)}${row}`;
  ws.getCell(row, totalCol).value = { formula: `IF(COUNT(${range})=0,"",SUM(${range}))` };
}

function recordSheet(wb: ExcelJS.Workbook, name: string, title: string, entries: EntryColumn[], roster: Member[]): void {
  const columns = recordColumns(entries);
  const rows = roster.length ? roster.length + SPARE_ROWS : BLANK_ROWS;
  const t = addTable(wb, name, { title, columns, bodyRows: rows, orientation: 'landscape' });
  pageFit(t.ws, rows);
  const first = 4;
  const last = 3 + entries.length;
  const total = t.col(headerOf(COMMON.total));
  for (let r = t.firstRow; r <= t.lastRow; r++) sumFormula(t.ws, r, total, first, last);
  roster.forEach((m, i) => {
    const r = t.firstRow + i;
    t.ws.getCell(r, 1).value = i + 1;
    t.ws.getCell(r, 2).value = m.name;
    setText(t.ws.getCell(r, 3), m.id);
  });
  validateEntries(t.ws, first, t.firstRow, t.lastRow, entries);
}

/** The card's 基本情况 (seed 003 附件2: 姓名 性别 出生年月 民族 / 学历 入党时间 身体状况 联系电话, with our 编号): 名册 columns and 身体状况. */
const INFO_BLOCK = [
  ['name', 'id', 'gender', 'birth', 'ethnic'],
  ['education', 'partyDate', 'health', 'phone'],
] as const satisfies readonly (readonly ((typeof ROSTER)[number]['key'] | (typeof CARD_INFO)[number]['key'])[])[];
const CARD_LABELS: Record<string, string> = { ...R, ...headersOf(CARD_INFO) };

function cardSheets(wb: ExcelJS.Workbook, scheme: Scheme, branch: string, cycle: Cycle, periods: string[], entries: EntryColumn[], roster: Member[]): void {
  const reserved = [...Object.values(SHEET), LISTS_SHEET];
  const cards: (Member | undefined)[] = roster.length ? roster : [undefined];
  const names = uniqueNames(cards.map((m) => m?.name ?? '记录卡'), { reserved, fallback: '记录卡' });
  cards.forEach((m, i) => cardSheet(wb, scheme, names[i]!, branch, cycle, periods, entries, m));
}

/** The bonus part a card's 加分项 adds to (one accumulate bonus component) and the veto types its 扣分项 offers. */
function cardExtras(scheme: Scheme): { bonus?: Component; vetoes: string[] } {
  const bonus = scheme.components.filter((c) => c.kind === 'accumulate' && c.role === 'bonus');
  return { ...(bonus.length === 1 ? { bonus: bonus[0]! } : {}), vetoes: distinct(scheme.vetoTypes) };
}

/**
 * One member's 党员日常行为积分管理记录表 (seed 003 附件2): the 基本情况 block, then a row per month —
 * the entries, their 合计, the month's 加分项 and 扣分项 (a veto type) — and a 合计 row that sums each column.
 */
function cardSheet(wb: ExcelJS.Workbook, scheme: Scheme, name: string, branch: string, cycle: Cycle, periods: string[], entries: EntryColumn[], m: Member | undefined): void {
  const ws = wb.addWorksheet(name);
  const extras = cardExtras(scheme);
  const columns = columnsOf(cardTable(entries.map((e) => e.column)), scheme);
  const width = Math.max(10, columns.length);
  for (let c = columns.length + 1; c <= width; c++) ws.getColumn(c).width = 12;
  writeTitle(ws, `${branchTitle(branch)}党员日常行为积分管理记录表（${cycleTitle(cycle)}）`, width);
  writeLine(ws, 2, `所在支部：${branch}`, width);
  const d = m?.details;
  const values: Partial<Record<(typeof INFO_BLOCK)[number][number], { text?: string; date?: string }>> = {
    name: { text: m?.name },
    id: { text: m?.id },
    gender: { text: d?.gender },
    birth: { date: m?.birth },
    ethnic: { text: d?.ethnicity },
    education: { text: d?.education },
    partyDate: { text: d?.partyDate },
    health: { text: d?.health },
    phone: { text: m?.phone },
  };
  INFO_BLOCK.forEach((keys, i) => {
    const r = 3 + i;
    keys.forEach((key, j) => {
      const l = ws.getCell(r, 1 + j * 2);
      l.value = CARD_LABELS[key]!;
      l.font = FONT_HEADER;
      l.border = BORDER;
      l.alignment = { horizontal: 'center', vertical: 'middle' };
      const v = ws.getCell(r, 2 + j * 2);
      styleCell(v, { header: '', type: key === 'birth' ? 'date' : 'text' });
      const given = values[key];
      if (given?.date) setDate(v, given.date);
      else if (given?.text) setText(v, given.text);
    });
  });
  const headerRow = 5;
  writeHeader(ws, headerRow, columns);
  const first = headerRow + 1;
  const last = headerRow + periods.length;
  const totalCol = 2 + entries.length;
  styleBody(ws, first, last + 1, columns);
  periods.forEach((p, i) => {
    const r = first + i;
    ws.getCell(r, 1).value = p;
    sumFormula(ws, r, totalCol, 2, 1 + entries.length);
  });
  // The 合计 row (附件2): each number column summed over the months (score checks it against the months).
  const sumRow = last + 1;
  ws.getCell(sumRow, 1).value = '合计';
  ws.getCell(sumRow, 1).font = FONT_HEADER;
  for (let c = 2; c <= totalCol + (extras.bonus ? 1 : 0); c++) {
    const range = `${colLetter(c)}${first}:${colLetter(c)}${last}`;
    ws.getCell(sumRow, c).value = { formula: `IF(COUNT(${range})=0,"",SUM(${range}))` };
  }
  validateEntries(ws, 2, first, last, entries);
  if (extras.bonus) validateRange(ws, totalCol + 1, first, last, nonNegativeValidation(extras.bonus.name));
  if (extras.vetoes.length > 0) {
    const v = listValidation(wb, 'vetoTypes', extras.vetoes, `请从列表中选择一票否决的类型：${extras.vetoes.slice(0, 5).join('、')}……`);
    if (v) validateRange(ws, columns.length, first, last, v);
  }
  freezeBelow(ws, headerRow);
  printSetup(ws, { orientation: columns.length > 6 ? 'landscape' : 'portrait', titleRows: headerRow });
  ws.getCell(sumRow + 2, 1).value = '党员签字：';
  ws.getCell(sumRow + 2, Math.max(4, width - 3)).value = '支部书记签字：';
  ws.getCell(sumRow + 2, 1).font = FONT_BODY;
  ws.getCell(sumRow + 2, Math.max(4, width - 3)).font = FONT_BODY;
}

function eventSheet(wb: ExcelJS.Workbook, scheme: Scheme, branch: string, cycle: Cycle): void {
  const cols = eventColumns(scheme);
  const t = addTable(wb, SHEET.events, {
    title: `${branchTitle(branch)}党员积分加减分明细（${cycleTitle(cycle)}）`,
    columns: columnsOf(EVENTS, scheme),
    bodyRows: EVENT_ROWS,
    orientation: 'landscape',
  });
  pageFit(t.ws, EVENT_ROWS);
  const { ws, firstRow: a, lastRow: b } = t;
  validateRange(ws, t.col(E.date), a, b, dateValidation(cycle.start, cycle.end, '日期'));
  const items = listValidation(wb, '事项', itemNames(scheme), '事项请从下拉列表中选择（计分标准中的项目）');
  if (items) validateRange(ws, t.col(E.item), a, b, items);
  const levels = cols.level ? listValidation(wb, '级别', levelNames(scheme), '级别请从下拉列表中选择') : undefined;
  if (levels) validateRange(ws, t.col(E.level), a, b, levels);
  validateRange(ws, t.col(E.count), a, b, nonNegativeValidation('次数'));
  validateRange(ws, t.col(E.points), a, b, nonNegativeValidation('分值'));
}

function evaluationSheet(wb: ExcelJS.Workbook, scheme: Scheme, branch: string, cycle: Cycle, roster: Member[]): void {
  const want = evaluationColumns(scheme);
  const columns = columnsOf(EVALUATIONS, scheme);
  const rows = roster.length ? roster.length + SPARE_ROWS : BLANK_ROWS;
  const t = addTable(wb, SHEET.evaluation, { title: `${branchTitle(branch)}民主评议党员情况（${cycleTitle(cycle)}）`, columns, bodyRows: rows });
  pageFit(t.ws, rows);
  roster.forEach((m, i) => {
    t.ws.getCell(t.firstRow + i, 1).value = m.name;
    setText(t.ws.getCell(t.firstRow + i, 2), m.id);
  });
  for (const h of [...(want.votes ? [V.good, V.fair, V.poor] : []), ...(want.voters ? [V.voters] : [])]) validateRange(t.ws, t.col(h), t.firstRow, t.lastRow, nonNegativeValidation(h, true));
  const grades = want.grade ? listValidation(wb, '评议等次', evaluationGrades(scheme), '评议等次请从下拉列表中选择') : undefined;
  if (grades) validateRange(t.ws, t.col(V.grade), t.firstRow, t.lastRow, grades);
  if (want.score) validateRange(t.ws, t.col(V.score), t.firstRow, t.lastRow, nonNegativeValidation('评议得分'));
}

function sanctionSheet(wb: ExcelJS.Workbook, scheme: Scheme, branch: string, cycle: Cycle): void {
  const columns = columnsOf(SANCTIONS, scheme);
  // 「受…处分期间」 (overrides with `during`): the 处分 may date from an earlier year and run into this one.
  const during = scheme.overrides.some((o) => o.during);
  const t = addTable(wb, SHEET.sanctions, { title: `${branchTitle(branch)}一票否决与党纪处分记录（${cycleTitle(cycle)}）`, columns, bodyRows: SANCTION_ROWS });
  pageFit(t.ws, SANCTION_ROWS);
  const earliest = `${cycle.year - 10}${cycle.start.slice(4)}`;
  validateRange(t.ws, t.col(S.date), t.firstRow, t.lastRow, dateValidation(during ? earliest : cycle.start, cycle.end, '日期'));
  if (during) validateRange(t.ws, t.col(S.until), t.firstRow, t.lastRow, dateValidation(earliest, `${cycle.year + 10}${cycle.end.slice(4)}`, S.until));
  const types = listValidation(wb, '类型', sanctionTypes(scheme), '类型请从下拉列表中选择（一票否决或处分类型）');
  if (types) validateRange(t.ws, t.col(S.type), t.firstRow, t.lastRow, types);
}
