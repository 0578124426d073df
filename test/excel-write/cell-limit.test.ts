// Excel refuses a file with a cell over 32,767 characters: both writers cut such a text visibly
// (inputs are held to that limit at their cell, so only a joined text can reach it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/excel/lean/book.js';
import { saveBook } from '../../src/excel/lean/save.js';
import { cellText, EXCEL_CELL_CHARS } from '../../src/excel/lean/xml.js';
import { saveWorkbook } from '../../src/excel/write/save.js';

const dir = mkdtempSync(join(tmpdir(), 'score-limit-'));

async function readBack(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return String(wb.worksheets[0]!.getCell('A1').value);
}

describe('a written cell is never over 32,767 characters', () => {
  it('cellText keeps short texts and cuts long ones visibly, never inside a surrogate pair', () => {
    expect(cellText('短')).toBe('短');
    expect(cellText('x'.repeat(EXCEL_CELL_CHARS))).toHaveLength(EXCEL_CELL_CHARS);
    const cut = cellText('😀'.repeat(40_000));
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
    expect(cut.endsWith('…（已截断）')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it.each([true, false])('the lean writer (shared strings: %s)', async (shared) => {
    const book = new Book();
    book.sharedStrings = shared;
    book.addSheet('表').row({ cells: ['名'.repeat(1_048_577)] });
    const file = join(dir, `lean-${shared}.xlsx`);
    expect((await saveBook(book, file)).ok).toBe(true);
    const text = await readBack(file);
    expect(text.length).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
    expect(text.endsWith('（已截断）')).toBe(true);
  });

  it('the exceljs writer', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').getCell('A1').value = '名'.repeat(40_000);
    const file = join(dir, 'exceljs.xlsx');
    expect((await saveWorkbook(wb, file)).ok).toBe(true);
    const text = await readBack(file);
    expect(text.length).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
    expect(text.endsWith('（已截断）')).toBe(true);
  });
});
