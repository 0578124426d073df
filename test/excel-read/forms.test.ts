import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApplication } from '../../src/excel/read/application.js';
import { readHistory, yearInText } from '../../src/excel/read/history.js';
import { readSummary } from '../../src/excel/read/summary.js';
import { makeTmp, open, put, testScheme, title } from './helpers.js';

const tmp = makeTmp();
const REAL = join(import.meta.dirname, '..', '..', 'fixtures', 'real', '党建表格输入配置表_2022-12-22-党廉纪检版.xlsx');
const str = (v: { toString(): string } | null | undefined) => (v === null || v === undefined ? v : v.toString());

beforeAll(async () => {
  const s = new ExcelJS.Workbook();
  const ws = s.addWorksheet('2023年度');
  title(ws, 1, '第一支部2023年度党员积分评分汇总表', 13);
  put(ws, 2, ['序号', '党员姓名', '志愿服务岗位', '履行党员义务（40分）', '志愿服务岗位贡献(60分)', '其他(5分)', '加分项', '扣分项', '合计得分', '等次', '星级', '排名', '标记']);
  put(ws, 3, [1, '张三', '政策宣传', 38.5, '５７', 1, 4, 0, { formula: 'D3+E3+F3+G3-H3', result: 100.5 }, '优秀', '★★★★★', 1, '']);
  put(ws, 4, [2, '李四', '', 30, 50, '', '', 2, { formula: 'D4+E4+F4+G4-H4' }, '合格', '', 2, '警示']);
  put(ws, 5, [3, '王五', '', 'x', 50, '', '', '', 80]);
  put(ws, 7, ['', '支部书记签字：', '', '', '', '日期：']);
  await s.xlsx.writeFile(tmp.path('summary.xlsx'));

  const a = new ExcelJS.Workbook();
  const f = a.addWorksheet('积分申请表');
  title(f, 1, '党员积分申请表', 7);
  put(f, 2, ['姓名', '张三', undefined, '所在支部', undefined, '第一支部']);
  put(f, 3, ['申报月份：2023年3月']);
  put(f, 4, ['序号', '申报事项', '级别', '次数', '申报分值', '佐证材料', '认定分值']);
  put(f, 5, [1, '志愿服务', '', '', '２', '照片', 2]);
  put(f, 6, [2, '见义勇为', '县', 1, 5, '表彰文件', { formula: 'E6*1' }]);
  put(f, 7, [3, ' 其他 ', '', 2, 'abc']);
  put(f, 9, ['支委初评', '同意']);
  put(f, 10, ['审核人：李某', undefined, undefined, '日期', new Date(Date.UTC(2023, 3, 3))]);
  await a.xlsx.writeFile(tmp.path('application.xlsx'));

  const h = new ExcelJS.Workbook();
  const ov = h.addWorksheet('总览');
  title(ov, 1, '2022年度党员积分评定结果总览', 4);
  put(ov, 2, ['支部', '人数', '优秀', '合格']);
  const b1 = h.addWorksheet('第一支部');
  title(b1, 1, '第一支部2022年度党员积分评定结果', 5);
  put(b1, 2, ['序号', '姓名', '编号', '总分', '等次']);
  put(b1, 3, [1, '张三', 'D001', 95.5, '优秀']);
  put(b1, 4, [2, '李四', 'D002', '５８', '不合格']);
  put(b1, 5, [3, '王五', 'D003', '', '']);
  const b2 = h.addWorksheet('第二支部');
  title(b2, 1, '2021—2022年度评定结果', 4);
  put(b2, 2, ['姓名', '所在支部', '积分', '评定等次']);
  put(b2, 3, ['赵六', '第二支部', 70, '合格']);
  await h.xlsx.writeFile(tmp.path('history.xlsx'));

  const n = new ExcelJS.Workbook();
  put(n.addWorksheet('结果'), 1, ['姓名', '合计得分']);
  put(n.getWorksheet('结果')!, 2, ['张三', 90]);
  await n.xlsx.writeFile(tmp.path('no-year.xlsx'));
});
afterAll(() => tmp.cleanup());

describe('readSummary (评分汇总表)', () => {
  it('reads component columns with their maxima, bonus, deduction, total, grade', async () => {
    const file = tmp.path('summary.xlsx');
    const r = readSummary(file, await open(file), testScheme);
    expect(r.diagnostics.map((d) => `${d.code} ${d.cell}`)).toEqual(['READ_FORMULA_NO_CACHE I4', 'READ_NOT_A_NUMBER D5']);
    expect(r.sheets).toHaveLength(1);
    const s = r.sheets[0]!;
    expect(s.title).toBe('第一支部2023年度党员积分评分汇总表');
    expect(s.maxima).toEqual({ duty: 40, post: 60, 其他: 5 });
    expect(s.rows).toHaveLength(3);
    const [zs, ls] = s.rows;
    expect(zs).toMatchObject({ name: '张三', posts: '政策宣传', grade: '优秀', stars: '★★★★★' });
    expect(Object.fromEntries(Object.entries(zs!.components).map(([k, v]) => [k, str(v)]))).toEqual({ duty: '38.5', post: '57', 其他: '1' });
    expect([zs!.bonus, zs!.deduction, zs!.total, zs!.rank].map(str)).toEqual(['4', '0', '100.5', '1']);
    expect(zs!.cells.total).toEqual({ file, sheet: '2023年度', cell: 'I3' });
    expect(zs!.cells.duty!.cell).toBe('D3');
    expect(ls!.total).toBeNull();
    expect(ls!.flags).toBe('警示');
    expect(ls!.bonus).toBeNull();
  });

  it('without a scheme, keys components by header label', async () => {
    const file = tmp.path('summary.xlsx');
    const r = readSummary(file, await open(file));
    expect(Object.keys(r.sheets[0]!.rows[0]!.components)).toEqual(['履行党员义务', '志愿服务岗位贡献', '其他']);
  });

  it('a workbook without a summary sheet', async () => {
    const r = readSummary(REAL, await open(REAL), testScheme);
    expect(r.sheets).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['READ_NO_FORM']);
  });
});

describe('readApplication (积分申请表)', () => {
  it('reads the top labels, the lines and the footer', async () => {
    const file = tmp.path('application.xlsx');
    const r = readApplication(file, await open(file));
    expect(r.diagnostics.map((d) => `${d.code} ${d.cell}`)).toEqual(['READ_FORMULA_NO_CACHE G6', 'READ_NOT_A_NUMBER E7']);
    expect(r.applications).toHaveLength(1);
    const app = r.applications[0]!;
    expect(app).toMatchObject({ name: '张三', branch: '第一支部', month: '2023年3月', period: '2023-03', review: '同意', reviewer: '李某', date: '2023-04-03' });
    expect(app.lines.map((l) => [l.item, l.level, str(l.count), str(l.claimed), str(l.approved), l.evidence])).toEqual([
      ['志愿服务', undefined, '1', '2', '2', '照片'],
      ['见义勇为', '县', '1', '5', undefined, '表彰文件'],
      ['其他', undefined, '2', null, undefined, undefined],
    ]);
    expect(app.lines[1]!.source).toEqual({ file, sheet: '积分申请表', cell: 'A6' });
    expect(app.lines[0]!.cells.claimed!.cell).toBe('E5');
  });

  it('never throws on an unrelated workbook', async () => {
    const r = readApplication(REAL, await open(REAL));
    expect(r.applications).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['READ_NO_FORM']);
  });
});

describe('readHistory (评定结果)', () => {
  it.each([
    ['第一支部2022年度党员积分评定结果', 2022],
    ['2021—2022年度', 2022],
    ['２０２２年度', 2022],
    ['评定结果', undefined],
  ])('year in %s → %s', (text, year) => {
    expect(yearInText(text)).toBe(year);
  });

  it('reads every branch sheet, with the year from its title', async () => {
    const file = tmp.path('history.xlsx');
    const r = readHistory(file, await open(file));
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => ({ ...e, total: e.total.toString() }))).toEqual([
      { cycle: 2022, branch: '第一支部', name: '张三', id: 'D001', total: '95.5', grade: '优秀' },
      { cycle: 2022, branch: '第一支部', name: '李四', id: 'D002', total: '58', grade: '不合格' },
      { cycle: 2022, branch: '第二支部', name: '赵六', total: '70', grade: '合格' },
    ]);
  });

  it('no year anywhere: a warning, no entries', async () => {
    const file = tmp.path('no-year.xlsx');
    const r = readHistory(file, await open(file));
    expect(r.entries).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.sheet}`)).toEqual(['READ_HISTORY_NO_YEAR 结果']);
  });

  it('never throws on the real-world workbook', async () => {
    const r = readHistory(REAL, await open(REAL));
    expect(Array.isArray(r.entries)).toBe(true);
  });
});
