// `validate --report`: the 问题清单 workbook the clerk sends back, one sheet per ledger file
// (the tab named after the file), printable: borders, wrapped 问题/处理办法, fitted rows, page numbers.
import ExcelJS from 'exceljs';
import type { Diagnostic, Lang } from '../../core/diagnostics.js';
import { addTable, type Column } from './style.js';
import { safeName, uniqueNames } from './names.js';
import { fitForPrint } from './fit-rows.js';
import { branchTitle } from './titles.js';
import { WORKBOOK_EXT } from '../book.js';

export interface ProblemGroup {
  file: string;
  branch: string;
  diagnostics: Diagnostic[];
}

const COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '工作表', width: 12 },
  { header: '单元格', width: 9 },
  { header: '级别', width: 7 },
  { header: '填写值', width: 14 },
  { header: '问题', width: 46, align: 'left' },
  { header: '处理办法', width: 46, align: 'left' },
  { header: '代码', width: 22, align: 'left' },
];

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

/** `label`: the period checked (2023年3月) or the day of the check (2026年12月6日检查), in the title. */
export function problemsWorkbook(groups: ProblemGroup[], lang: Lang, label?: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  const names = uniqueNames(groups.map((g) => fileStem(g.file)), { fallback: '问题清单' });
  groups.forEach((g, gi) => {
    const table = addTable(wb, names[gi]!, {
      title: `${branchTitle(g.branch)}积分台账问题清单${label ? `（${label}）` : ''}`,
      columns: COLUMNS,
      preamble: [`文件：${g.file.split(/[\\/]/).pop()}　共 ${g.diagnostics.length} 个问题`],
      bodyRows: Math.max(1, g.diagnostics.length),
      orientation: 'landscape',
    });
    g.diagnostics.forEach((d, i) => {
      const values: (string | number)[] = [i + 1, d.sheet ?? '', d.cell ?? '', d.severity === 'error' ? '错误' : '警告', d.value ?? '', d.message[lang], d.fix[lang], d.code];
      // Cell by cell: the body cells keep the borders and wrap addTable gave them.
      values.forEach((v, c) => {
        table.ws.getCell(table.firstRow + i, c + 1).value = v === '' ? null : v;
      });
    });
  });
  fitForPrint(wb);
  return wb;
}
