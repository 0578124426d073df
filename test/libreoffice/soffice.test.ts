// The LibreOffice wrapper itself: the pitfalls of issue 6 are really avoided (all sheets,
// UTF-8, recalculation on load, failed loads noticed although soffice exits 0, a timeout).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmp } from '../helpers/cli.js';
import { convert, convertMany, parseCsv, readCsv, requireSoffice } from '../helpers/soffice.js';
import { cleanUp, timed } from './support.js';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in cells, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,"b,c","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', '', 'x'],
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('只有一格')).toEqual([['只有一格']]);
  });
});

const available = requireSoffice();

describe.skipIf(!available)('LibreOffice wrapper (soffice headless)', () => {
  let dir: string;
  let book: string;

  beforeAll(async () => {
    dir = tmp('score-lo-wrapper-');
    book = join(dir, '缓存.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.getCell('A1').value = 1;
    ws.getCell('B1').value = 2;
    ws.getCell('C1').value = { formula: 'A1+B1', result: 999 } as ExcelJS.CellFormulaValue;
    ws.getCell('D1').value = 87.5;
    ws.getCell('D1').numFmt = '0.00';
    ws.getCell('A2').value = '中文，带逗号';
    wb.addWorksheet('第二张').getCell('A1').value = '第二张表';
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = '隐藏的表';
    await wb.xlsx.writeFile(book);
  });
  afterAll(() => cleanUp(dir));

  it('every sheet (hidden too) in UTF-8, formulas recalculated on load instead of the cached 999', async () => {
    const c = await timed('wrapper: 1 workbook → CSV', () => convert(book, 'csv', join(dir, 'csv')));
    expect([...c.sheets.keys()].sort()).toEqual(['数据', '第二张', '隐藏'].sort());
    expect(readCsv(c.sheets.get('数据')!)).toEqual([
      ['1', '2', '3', '87.5'],
      ['中文，带逗号', '', '', ''],
    ]);
    expect(readCsv(c.sheets.get('第二张')!)).toEqual([['第二张表']]);
    expect(readCsv(c.sheets.get('隐藏')!)).toEqual([['隐藏的表']]);
    // As shown: the number format applies (87.50), and a second run replaces the first's files.
    const shown = await convert(book, 'csv', join(dir, 'csv'), { asShown: true });
    expect(readCsv(shown.sheets.get('数据')!)[0]).toEqual(['1', '2', '3', '87.50']);
  });

  it('a file LibreOffice cannot load is an error although soffice exits 0', async () => {
    const bad = join(dir, '坏文件.xlsx');
    writeFileSync(bad, Buffer.from('PK\u0003\u0004 not really a zip, just bytes'.repeat(20)));
    await expect(convert(bad, 'csv', join(dir, 'bad'))).rejects.toThrow(/坏文件\.xlsx: no CSV written/);
    await expect(convert(bad, 'pdf', join(dir, 'bad'))).rejects.toThrow(/坏文件\.xlsx: no pdf written/);
  });

  it('refuses empty inputs, colliding output names, and kills a call past its timeout', async () => {
    const empty = join(dir, '空.xlsx');
    writeFileSync(empty, '');
    await expect(convert(empty, 'csv', join(dir, 'x'))).rejects.toThrow(/empty file/);
    await expect(convertMany([book, join(dir, 'csv', '..', '缓存.xlsx')], 'csv', join(dir, 'x'))).rejects.toThrow(/collide/);
    await expect(convert(book, 'pdf', join(dir, 'x'), { timeoutMs: 50 })).rejects.toThrow(/killed after 50 ms/);
  });
});
