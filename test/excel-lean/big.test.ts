// A county-sized sheet through the lean writer: 100,000 rows written in a few seconds with little
// memory (the rows exist only as XML chunks on their way into the zip), read back by exceljs with
// the right values, and opened by LibreOffice.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { Book, type Value } from '../../src/excel/lean/book.js';
import { addTable } from '../../src/excel/lean/table.js';
import { saveBook } from '../../src/excel/lean/save.js';
import { convert, requireSoffice } from '../helpers/soffice.js';
import { sheetXml } from '../libreoffice/support.js';

const ROWS = 100_000;
const dir = mkdtempSync(path.join(tmpdir(), 'score-lean-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const target = path.join(dir, '评定结果.xlsx');

const SURNAMES = '张王李赵刘陈杨黄周吴';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const GRADES = ['优秀', '合格', '基本合格', '不合格'];

/** Row i of the big sheet, computed on demand (the test holds no rows in memory). */
function rowOf(i: number): Value[] {
  const duty = Math.round(((i * 37) % 4000) / 10) / 10;
  const post = Math.round(((i * 53) % 6000) / 10) / 10;
  const bonus = i % 11;
  const deduction = i % 7 === 0 ? 2 : 0;
  const total = Math.round((duty + post + bonus - deduction) * 100) / 100;
  const flag = i % 97 === 0 ? `延长预备期 & <注意> "第${i}行"` : null;
  return [i + 1, `${SURNAMES[i % 10]}${GIVEN[i % 20]}${GIVEN[(i >> 3) % 20]}`, i % 3 ? '政策宣传、治安巡逻' : null, duty, post, bonus, deduction, total, GRADES[i % 4], '★'.repeat((i % 5) + 1), (i % 2000) + 1, flag];
}

const numFmt = '0.00';
const columns = [
  { header: '序号', width: 8 },
  { header: '党员姓名', width: 10 },
  { header: '志愿服务岗位', width: 22 },
  { header: '履行党员义务(40分)', width: 14, type: 'number' as const, numFmt },
  { header: '志愿服务岗位贡献(60分)', width: 14, type: 'number' as const, numFmt },
  { header: '加分项', width: 10, type: 'number' as const, numFmt },
  { header: '扣分项', width: 10, type: 'number' as const, numFmt },
  { header: '合计得分', width: 10, type: 'number' as const, numFmt },
  { header: '等次', width: 10 },
  { header: '星级', width: 12 },
  { header: '排名', width: 6, type: 'number' as const },
  { header: '标记', width: 30, align: 'left' as const },
];

describe(`${ROWS.toLocaleString('en')} rows`, () => {
  let written: { seconds: number; extraMb: number } | undefined;

  it('are written fast and with little extra memory', async () => {
    const book = new Book();
    addTable(book, '第一支部', { title: '全县党员积分管理评分汇总表（2023年度）', preamble: ['评分时间：2024年1月5日'], columns, bodyRows: ROWS, orientation: 'landscape', *body() {
      for (let i = 0; i < ROWS; i++) yield rowOf(i);
    } });
    addTable(book, '需关注', { title: '需关注党员名单', columns: columns.slice(0, 3), bodyRows: 2, body: () => [rowOf(0).slice(0, 3), rowOf(1).slice(0, 3)] });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const t0 = performance.now();
    const r = await saveBook(book, target);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    written = { seconds, extraMb: (peak - before) / 2 ** 20 };
    process.stderr.write(`[lean] ${ROWS} rows: ${seconds.toFixed(2)} s, +${written.extraMb.toFixed(0)} MB RSS, ${(statSync(target).size / 2 ** 20).toFixed(1)} MB file\n`);
    expect(r).toEqual({ ok: true, path: target });
    expect(seconds).toBeLessThan(3);
    expect(written.extraMb).toBeLessThan(150);
  });

  it('are read back by exceljs with the right values, formats and layout', async () => {
    expect(written).toBeDefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['第一支部', '需关注']);
    const ws = wb.getWorksheet('第一支部')!;
    expect(ws.getCell('A1').value).toBe('全县党员积分管理评分汇总表（2023年度）');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.header));
    expect(ws.rowCount).toBe(ROWS + 3);
    for (const i of [0, 1, 96, 97, 12_345, 50_000, ROWS - 1]) {
      const row = ws.getRow(i + 4);
      expect(columns.map((_, c) => row.getCell(c + 1).value), `row ${i + 4}`).toEqual(rowOf(i));
    }
    expect(ws.getCell(`H${ROWS + 3}`).numFmt).toBe('0.00');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
  }, 120_000);

  // Outside CI without LibreOffice: skipped, and said so on stderr by requireSoffice (in CI it throws).
  it.skipIf(!requireSoffice())('open in LibreOffice', async () => {
    expect(written).toBeDefined();
    const out = await convert(target, 'csv', path.join(dir, 'csv'), { timeoutMs: 240_000 });
    expect([...out.sheets.keys()].sort()).toEqual(['第一支部', '需关注'].sort());
    const { readCsv } = await import('../helpers/soffice.js');
    const rows = readCsv(out.sheets.get('第一支部')!);
    expect(rows[0]![0]).toBe('全县党员积分管理评分汇总表（2023年度）');
    expect(rows[2]).toEqual(columns.map((c) => c.header));
    expect(rows.length).toBe(ROWS + 3);
    const last = rowOf(ROWS - 1);
    expect(rows[ROWS + 2]!.slice(0, 2)).toEqual([String(last[0]), last[1]]);
    expect(Number(rows[ROWS + 2]![7])).toBe(last[7]);
    const flagged = rowOf(97 * 3);
    expect(rows[97 * 3 + 3]![11]).toBe(flagged[11]);
    expect(sheetXml(target)[0]).toMatchObject({ frozenRows: 3, printTitles: '$1:$3', paperSize: '9', orientation: 'landscape' });
  }, 300_000);
});
