// `validate --report`: the 问题清单 workbook the clerk sends back, one sheet per ledger file
// (the tab named after the file), printable: borders, wrapped 问题/处理办法, fitted rows, page numbers.
// Every line names the member it is about (the member of the row the cell is on, or the roster name
// the message quotes); errors come before warnings, and within each the lines are grouped by member.
// A problem that concerns several files of the batch (the same branch twice) is listed once, in its
// own first sheet, and each branch sheet says how many such problems there are. The diagnostic code
// is kept for whoever runs the check, in a column beside the table that is not printed.
import ExcelJS from 'exceljs';
import type { Diagnostic, Lang } from '../../core/diagnostics.js';
import type { Ledger } from '../../core/model.js';
import { addTable, FONT_BODY, writeHeader, type Column } from './style.js';
import { safeName, uniqueNames } from './names.js';
import { fitForPrint } from './fit-rows.js';
import { branchTitle } from './titles.js';
import { WORKBOOK_EXT } from '../book.js';

export interface ProblemGroup {
  file: string;
  branch: string;
  diagnostics: Diagnostic[];
  /** The ledger as read, when it was: names the member of each problem's row. */
  ledger?: Ledger;
}

/** What the 党员 column says when a problem is about no one member (a sheet, a column, the file). */
export const NO_MEMBER: Record<Lang, string> = { zh: '（全表）', en: '(sheet)' };
/** Name and title of the sheet of the problems that concern several files. */
export const SHARED_SHEET = '涉及多个台账';

const COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '党员', width: 10 },
  { header: '工作表', width: 11 },
  { header: '单元格', width: 8 },
  { header: '级别', width: 7 },
  { header: '填写值', width: 12 },
  { header: '问题', width: 46, align: 'left' },
  { header: '处理办法', width: 44, align: 'left' },
];
const SHARED_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '涉及台账', width: 30, align: 'left' },
  { header: '级别', width: 7 },
  { header: '问题', width: 60, align: 'left' },
  { header: '处理办法', width: 50, align: 'left' },
];
/** Beside the printed table, outside the print area: the code to look a problem up by. */
const CODE_HEADER = '代码';

/** The file's name without folder and .xlsx: what a tab and a per-branch report are named after. */
export function fileStem(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(WORKBOOK_EXT, '');
}

/**
 * File name of the per-branch report for a ledger file, with what it covers in front (the period
 * checked, or the day of the check): 2023年3月问题清单_兰溪村党支部.xlsx.
 */
export function branchReportName(file: string, label = ''): string {
  return `${label}问题清单_${safeName(fileStem(file), { maxLength: 80, fallback: '台账' })}.xlsx`;
}

const rowOf = (cell: string | undefined): number | undefined => {
  const m = /^[A-Z]+(\d+)$/.exec(cell ?? '');
  return m ? Number(m[1]) : undefined;
};
const placeKey = (sheet: string | undefined, row: number | undefined): string => `${sheet ?? ''}\u0000${row ?? ''}`;

/** The member written on each row of each sheet of the ledger (名册, record sheets, 加减分明细 …). */
export function rowMembers(ledger: Ledger): Map<string, string> {
  const out = new Map<string, string>();
  const put = (sheet: string | undefined, row: number | undefined, name: string): void => {
    if (row !== undefined && name && !out.has(placeKey(sheet, row))) out.set(placeKey(sheet, row), name);
  };
  const rows = (r: { name: string; source: { sheet?: string; cell?: string }; cells?: Readonly<Partial<Record<string, string>>> }): void => {
    put(r.source.sheet, rowOf(r.source.cell), r.name);
    for (const c of Object.values(r.cells ?? {})) put(r.source.sheet, rowOf(c), r.name);
  };
  for (const m of ledger.members) put(m.source.sheet, rowOf(m.source.cell), m.name);
  for (const r of [...ledger.records, ...(ledger.scores ?? [])]) put(r.source.sheet, r.row ?? rowOf(r.source.cell), r.name);
  for (const e of ledger.events) rows(e);
  for (const e of ledger.evaluations) rows(e);
  for (const s of ledger.sanctions) rows(s);
  return out;
}

/**
 * The member a problem is about: the one written on the problem's row, else the first roster name
 * the message quotes (「何生」的加分项合计…); undefined for a problem about a sheet or the file.
 */
export function memberOf(d: Diagnostic, rows: Map<string, string>, names: ReadonlySet<string>): string | undefined {
  const byRow = rows.get(placeKey(d.sheet, rowOf(d.cell)));
  if (byRow) return byRow;
  for (const m of d.message.zh.matchAll(/「([^」]+)」/g)) if (names.has(m[1]!)) return m[1]!;
  return undefined;
}

/** Problems reported with the same words by several files of the batch share this key. */
function sharedKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.message.zh}`;
}

interface Line {
  d: Diagnostic;
  member?: string;
}

/** Errors before warnings; within each, problems about no one member first, then member by member, in workbook order. */
function ordered(lines: Line[]): Line[] {
  const firstSeen = new Map<string, number>();
  lines.forEach((l, i) => {
    const k = l.member ?? '';
    if (!firstSeen.has(k)) firstSeen.set(k, l.member === undefined ? -1 : i);
  });
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => sev(a.l) - sev(b.l) || firstSeen.get(a.l.member ?? '')! - firstSeen.get(b.l.member ?? '')! || a.i - b.i)
    .map((x) => x.l);
}
const sev = (l: Line): number => (l.d.severity === 'error' ? 0 : 1);

function severityText(d: Diagnostic, lang: Lang): string {
  if (lang === 'en') return d.severity === 'error' ? 'error' : 'warning';
  return d.severity === 'error' ? '错误' : '警告';
}

function counts(ds: readonly Diagnostic[], lang: Lang): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.length - errors;
  return lang === 'en'
    ? `${errors} error(s) (to correct), ${warnings} warning(s) (to check)`
    : `错误 ${errors} 个（必须修改），警告 ${warnings} 个（请核对）`;
}

/** The code of each line, in a column right of the print area: on screen, never on paper. */
function codeColumn(ws: ExcelJS.Worksheet, headerRow: number, col: number, codes: string[]): void {
  writeHeader(ws, headerRow, [{ header: CODE_HEADER, width: 26 }], col);
  codes.forEach((code, i) => {
    const cell = ws.getCell(headerRow + 1 + i, col);
    cell.value = code;
    cell.font = { ...FONT_BODY, size: 9, color: { argb: 'FF808080' } };
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: false };
  });
}

function put(ws: ExcelJS.Worksheet, row: number, values: (string | number)[]): void {
  // Cell by cell: the body cells keep the borders and wrap addTable gave them.
  values.forEach((v, c) => {
    ws.getCell(row, c + 1).value = v === '' ? null : v;
  });
}

/**
 * `label`: what was checked, for the title (检查到2023年3月，2026年12月7日检查). With several
 * groups, a problem reported alike by several files goes to the first sheet, once.
 */
export function problemsWorkbook(groups: ProblemGroup[], lang: Lang, label?: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  const suffix = label ? (lang === 'en' ? ` (${label})` : `（${label}）`) : '';
  const filesOf = new Map<string, string[]>();
  if (groups.length > 1) {
    for (const g of groups) for (const d of g.diagnostics) filesOf.set(sharedKey(d), [...(filesOf.get(sharedKey(d)) ?? []), g.file]);
    // Shared: the same words in several files, naming each of them (the same branch in two files);
    // a cell's problem copied with its file (a ledger sent twice) stays with each file.
    for (const [k, files] of filesOf) {
      const unique = [...new Set(files)];
      const words = k.split('\u0000')[1]!;
      if (unique.length < 2 || !unique.every((f) => words.includes(f.split(/[\\/]/).pop()!))) filesOf.delete(k);
    }
  }
  const shared = [...filesOf.keys()].map((k) => ({ d: groups.flatMap((g) => g.diagnostics).find((d) => sharedKey(d) === k)!, files: [...new Set(filesOf.get(k))] }));
  const names = uniqueNames([...(shared.length ? [SHARED_SHEET] : []), ...groups.map((g) => fileStem(g.file))], { fallback: '问题清单' });
  if (shared.length) {
    const sorted = [...shared].sort((a, b) => sev({ d: a.d }) - sev({ d: b.d }));
    const table = addTable(wb, names[0]!, {
      title: `${lang === 'en' ? 'Problems concerning several ledgers' : '涉及多个台账的问题'}${suffix}`,
      columns: SHARED_COLUMNS,
      preamble: [lang === 'en' ? `${shared.length} problem(s), each listed once here and not in the ledgers' sheets` : `共 ${shared.length} 个问题：每个只在这里列一次，各台账的表中不再重复`],
      bodyRows: sorted.length,
      orientation: 'landscape',
    });
    sorted.forEach(({ d, files }, i) => put(table.ws, table.firstRow + i, [i + 1, files.map((f) => f.split(/[\\/]/).pop()).join('\n'), severityText(d, lang), d.message[lang], d.fix[lang]]));
    codeColumn(table.ws, table.headerRow, SHARED_COLUMNS.length + 1, sorted.map(({ d }) => d.code));
  }
  const offset = shared.length ? 1 : 0;
  groups.forEach((g, gi) => {
    const own = g.diagnostics.filter((d) => !filesOf.has(sharedKey(d)));
    const elsewhere = g.diagnostics.length - own.length;
    const rows = g.ledger ? rowMembers(g.ledger) : new Map<string, string>();
    const roster = new Set(g.ledger?.members.map((m) => m.name) ?? []);
    const lines = ordered(own.map((d) => ({ d, member: memberOf(d, rows, roster) })));
    const file = g.file.split(/[\\/]/).pop();
    const preamble = lang === 'en'
      ? `File: ${file}   ${counts(own, lang)}${elsewhere ? `; ${elsewhere} more in the sheet ${SHARED_SHEET}` : ''}`
      : `文件：${file}　${counts(own, lang)}${elsewhere ? `；另有 ${elsewhere} 个涉及多个台账的问题，见“${SHARED_SHEET}”表` : ''}`;
    const table = addTable(wb, names[gi + offset]!, {
      title: `${branchTitle(g.branch)}${lang === 'en' ? ' ledger: problems' : '积分台账问题清单'}${suffix}`,
      columns: COLUMNS,
      preamble: [preamble],
      bodyRows: Math.max(1, lines.length),
      orientation: 'landscape',
    });
    lines.forEach(({ d, member }, i) => put(table.ws, table.firstRow + i, [i + 1, member ?? NO_MEMBER[lang], d.sheet ?? '', d.cell ?? '', severityText(d, lang), d.value ?? '', d.message[lang], d.fix[lang]]));
    codeColumn(table.ws, table.headerRow, COLUMNS.length + 1, lines.map(({ d }) => d.code));
  });
  fitForPrint(wb);
  return wb;
}
