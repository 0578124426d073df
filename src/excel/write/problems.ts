// `validate --report`: the 问题清单 workbook the clerk sends back, one sheet per branch file.
import ExcelJS from 'exceljs';
import type { Diagnostic, Lang } from '../../core/diagnostics.js';
import { addTable } from './style.js';
import { uniqueNames } from './names.js';

export function problemsWorkbook(groups: { file: string; branch: string; diagnostics: Diagnostic[] }[], lang: Lang): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  const names = uniqueNames(groups.map((g) => g.branch));
  groups.forEach((g, gi) => {
    const columns = [
      { header: '序号', width: 6 },
      { header: '工作表', width: 14 },
      { header: '单元格', width: 9 },
      { header: '级别', width: 7 },
      { header: '填写值', width: 14 },
      { header: '问题', width: 48, wrap: true },
      { header: '处理办法', width: 48, wrap: true },
      { header: '代码', width: 22 },
    ];
    const table = addTable(wb, names[gi]!, { title: `${g.branch} 积分台账问题清单`, columns, preamble: [`文件：${g.file.split(/[\\/]/).pop()}　共 ${g.diagnostics.length} 个问题`], bodyRows: Math.max(1, g.diagnostics.length), orientation: 'landscape' });
    g.diagnostics.forEach((d, i) => {
      const row = table.ws.getRow(table.firstRow + i);
      row.values = [i + 1, d.sheet ?? '', d.cell ?? '', d.severity === 'error' ? '错误' : '警告', d.value ?? '', d.message[lang], d.fix[lang], d.code];
    });
  });
  return wb;
}
