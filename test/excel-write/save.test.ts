import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { saveWorkbook } from '../../src/excel/write/save.js';
import { safeName, uniqueName, uniqueNames } from '../../src/excel/write/names.js';
import { tmp } from './fixtures.js';

const t = tmp();
afterAll(() => t.done());

function book(text: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表').getCell('A1').value = text;
  return wb;
}

async function readA1(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0]!.getCell('A1').value;
}

describe('saveWorkbook', () => {
  it('writes a new file and leaves no temp file', async () => {
    const file = t.file('new/评定结果.xlsx');
    expect(await saveWorkbook(book('一'), file)).toEqual({ ok: true, path: file });
    expect(await readA1(file)).toBe('一');
    expect(readdirSync(path.dirname(file))).toEqual(['评定结果.xlsx']);
  });

  it('refuses to overwrite without force, and replaces with force', async () => {
    const file = t.file('same.xlsx');
    expect((await saveWorkbook(book('旧'), file)).ok).toBe(true);
    expect(await saveWorkbook(book('新'), file)).toEqual({ ok: false, reason: 'exists', path: file });
    expect(await readA1(file)).toBe('旧');
    expect(await saveWorkbook(book('新'), file, { force: true })).toEqual({ ok: true, path: file });
    expect(await readA1(file)).toBe('新');
    expect(readdirSync(t.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a write error as a result, without a temp file left', async () => {
    const dir = t.file('blocked');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'file'), 'x');
    const r = await saveWorkbook(book('x'), path.join(dir, 'file', 'out.xlsx'));
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.reason).toBe('error');
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('safeName / uniqueNames', () => {
  it.each([
    ['第一支部', '第一支部'],
    ['a/b\\c:d*e?f[g]h', 'abcdefgh'],
    ["'张三'", '张三'],
    ["O'Brien", 'O’Brien'],
    ['  兰溪村\t党支部\n', '兰溪村 党支部'],
    ['某'.repeat(40), '某'.repeat(31)],
    ['𠀀'.repeat(20), '𠀀'.repeat(15)],
    ['', '未命名'],
    ['???', '未命名'],
    ['History', 'History(1)'],
    ['../../etc', 'etc'],
  ])('safeName(%j) = %j', (input, expected) => {
    const out = safeName(input);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(31);
  });

  it('caps file names to a given length', () => {
    expect(safeName('x'.repeat(200), { maxLength: 80 })).toHaveLength(80);
  });

  it('keeps names unique, case-insensitively, within 31 characters', () => {
    expect(uniqueNames(['张三', '李四', '张三', '张三', 'ab', 'AB'])).toEqual(['张三', '李四', '张三(2)', '张三(3)', 'ab', 'AB(2)']);
    const long = '某'.repeat(31);
    const [a, b] = uniqueNames([long, long]);
    expect(a).toBe(long);
    expect(b).toBe(`${'某'.repeat(28)}(2)`);
    expect(uniqueNames(['名册'], { reserved: ['名册'] })).toEqual(['名册(2)']);
    const taken = new Set<string>(['总览']);
    expect(uniqueName('总览', taken)).toBe('总览(2)');
  });
});
