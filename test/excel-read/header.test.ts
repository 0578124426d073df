import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCell, asId } from '../../src/excel/cells.js';
import { dataRows, findHeader, findLabelValue } from '../../src/excel/header.js';
import { readLedger } from '../../src/excel/read/ledger.js';
import { openWorkbook } from '../../src/excel/workbook.js';
import { put, testScheme, title } from './helpers.js';

const REAL = join(import.meta.dirname, '..', '..', 'fixtures', 'real', '党建表格输入配置表_2022-12-22-党廉纪检版.xlsx');

describe('header finder on a real-world workbook (multi-row merged headers, a weights row)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const r = await openWorkbook(REAL);
    if (!r.ok) throw new Error(r.diagnostic.code);
    wb = r.wb;
  });

  it('finds the second header row under the merged group row, and the weights row below it', () => {
    const ws = wb.getWorksheet('公司整体调研成绩')!;
    const h = findHeader(ws, [
      { key: 'indicator', labels: ['二级指标'], required: true },
      { key: 'staff', labels: ['员工人数'], required: true },
      { key: 'joined', labels: ['参与人数'] },
      { key: 'rate', labels: ['参与率'] },
      { key: 'total', labels: ['合计'] },
      { key: 'score', labels: ['总分'] },
    ]);
    expect(h?.row).toBe(2);
    // A two-row header: 总分 sits in the group row 1 (S1) over an empty S2, and is read with row 2's labels.
    expect(h?.columns).toEqual({ indicator: 1, staff: 3, joined: 4, rate: 5, total: 13, score: 19 });
    expect(findHeader(ws, [{ key: 'score', labels: ['总分'], required: true }])?.columns).toEqual({ score: 19 });
    expect(readCell(ws.findCell(3, 1)).text).toBe('权重');
    expect(readCell(ws.findCell(3, 6)).number?.toString()).toBe('0.15');
    expect(readCell(ws.findCell(3, 13)).number?.toString()).toBe('0.8');
  });

  it('finds a header at row 5 below title rows, and a plain first-row header', () => {
    const rules = wb.getWorksheet('计分规则填写说明')!;
    const h = findHeader(rules, [
      { key: 'file', labels: ['文件'], required: true },
      { key: 'where', labels: ['位置描述'] },
      { key: 'kind', labels: ['分类'] },
      { key: 'right', labels: ['正确示例'] },
      { key: 'code', labels: ['识别代码'] },
    ]);
    expect(h).toMatchObject({ row: 5, columns: { file: 1, where: 2, kind: 4, right: 6, code: 10 } });

    const org = wb.getWorksheet('行政机构组织')!;
    const o = findHeader(org, [
      { key: 'name', labels: ['部门名称'], required: true },
      { key: 'code', labels: ['部门编码'] },
      { key: 'people', labels: ['人数'] },
    ]);
    expect(o).toMatchObject({ row: 1, columns: { name: 1, code: 2, people: 6 } });
    const rows = dataRows(org, o!.row);
    expect(rows.rows[0]).toBe(2);
    expect(rows.rows.length).toBeGreaterThan(300);
    expect(asId(readCell(org.findCell(2, 2)))).toEqual({ value: '205000000' });
  });

  it('finds the 题号 header above its merged sub-header row', () => {
    const ws = wb.getWorksheet('二级单位调研结果')!;
    const h = findHeader(ws, [
      { key: 'l1', labels: ['一级指标'], required: true },
      { key: 'l2', labels: ['二级指标'] },
      { key: 'no', labels: ['题号'] },
      { key: 'q', labels: ['问题'] },
    ]);
    expect(h).toMatchObject({ row: 1, columns: { l1: 1, l2: 2, no: 4, q: 5 } });
  });

  it('is not a ledger, and says so without throwing', () => {
    const r = readLedger(REAL, wb, testScheme);
    expect(r.ledger).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['READ_INFO_MISSING', 'READ_SHEET_MISSING']);
  });
});

describe('data rows', () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  title(ws, 1, '标题', 4);
  put(ws, 2, ['序号', '姓名', '分值']);
  put(ws, 3, [1, '甲', 1]);
  put(ws, 5, [2, '乙', 2]);
  put(ws, 6, ['', '合计', 3]);
  put(ws, 7, [3, '丙', 3]);

  it('skips blank rows and stops at 合计, naming a row with numbers below it', () => {
    expect(dataRows(ws, 2)).toEqual({ rows: [3, 5], stoppedBy: 'total', stopRow: 6, after: 7 });
  });

  it('stops at a signature row; blank rows separate nothing', () => {
    const s = wb.addWorksheet('签');
    put(s, 1, ['姓名', '分值']);
    put(s, 2, ['甲', 1]);
    put(s, 3, ['填表人：王某', '', '审核人：李某']);
    expect(dataRows(s, 1)).toEqual({ rows: [2], stoppedBy: 'signature', stopRow: 3 });
    const b = wb.addWorksheet('空');
    put(b, 1, ['姓名', '分值']);
    put(b, 2, ['甲', 1]);
    put(b, 8, ['乙', 1]);
    expect(dataRows(b, 1)).toEqual({ rows: [2, 8], stoppedBy: 'end' });
    expect(dataRows(b, 1, 0)).toEqual({ rows: [], stoppedBy: 'limit', stopRow: 2 });
  });

  it('finds a label value to the right, or after a colon', () => {
    const l = wb.addWorksheet('标签');
    put(l, 1, ['姓名', undefined, '张三', '编号', 'D1']);
    put(l, 2, ['所在支部：第一支部']);
    expect(findLabelValue(l, ['姓名'], 1, 3)).toEqual({ text: '张三', row: 1, col: 3 });
    expect(findLabelValue(l, ['所在支部'], 1, 3)).toEqual({ text: '第一支部', row: 2, col: 1 });
    expect(findLabelValue(l, ['性别'], 1, 3)).toBeUndefined();
  });
});
