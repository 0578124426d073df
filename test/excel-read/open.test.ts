import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbook, READ_LIMITS, MAX_ROWS } from '../../src/excel/workbook.js';
import { sniffBytes } from '../../src/excel/sniff.js';
import { CONTENT_TYPES, makeTmp, makeZip, WORKBOOK_XML } from './helpers.js';

const tmp = makeTmp();
const f = tmp.path;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (let i = 1; i <= 300; i++) ws.addRow([i, `党员${i}`, `D${String(i).padStart(4, '0')}`, '正式党员', '参加']);
  await wb.xlsx.writeFile(f('good.xlsx'));
  const good = readFileSync(f('good.xlsx'));

  writeFileSync(f('empty.xlsx'), Buffer.alloc(0));
  const random = Buffer.alloc(4096);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
  writeFileSync(f('random.xlsx'), random);
  writeFileSync(f('truncated.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  writeFileSync(f('old.xlsx'), ole);
  const enc = Buffer.from(ole);
  Buffer.from('EncryptionInfo', 'utf16le').copy(enc, 1024);
  writeFileSync(f('encrypted.xlsx'), enc);
  writeFileSync(f('csv.xlsx'), '序号,姓名,分值\n1,张三,85.5\n2,李四,90\n');
  writeFileSync(f('word.xlsx'), makeZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: 'word/document.xml', data: '<w:document/>' }]));
  writeFileSync(f('xlsb.xlsx'), makeZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: 'xl/workbook.bin', data: 'bin' }]));
  writeFileSync(
    f('huge-part.xlsx'),
    makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      { name: 'xl/sharedStrings.xml', data: '<sst/>', claimSize: 250 * 1024 * 1024 },
    ]),
  );
  writeFileSync(
    f('huge-total.xlsx'),
    makeZip([
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      { name: 'xl/media/a.png', data: 'a', claimSize: 190 * 1024 * 1024 },
      { name: 'xl/media/b.png', data: 'b', claimSize: 190 * 1024 * 1024 },
    ]),
  );
  writeFileSync(
    f('bomb.xlsx'),
    makeZip([
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(12 * 1024 * 1024, 0x20) },
    ]),
  );
  writeFileSync(
    f('merge.xlsx'),
    makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>',
      },
    ]),
  );
  writeFileSync(
    f('garbage.xlsx'),
    makeZip([
      { name: '[Content_Types].xml', data: 'not xml at all <<<' },
      { name: 'xl/workbook.xml', data: '<<<garbage' },
    ]),
  );
  mkdirSync(f('folder.xlsx'));
});

afterAll(() => tmp.cleanup());

describe('openWorkbook', () => {
  it('opens a real workbook', async () => {
    const r = await openWorkbook(f('good.xlsx'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.wb.getWorksheet('名册')?.rowCount).toBe(300);
  });

  it.each([
    ['empty.xlsx', 'READ_EMPTY_FILE'],
    ['random.xlsx', 'READ_NOT_ZIP'],
    ['truncated.xlsx', 'READ_TRUNCATED'],
    ['old.xlsx', 'READ_OLD_XLS'],
    ['encrypted.xlsx', 'READ_ENCRYPTED'],
    ['csv.xlsx', 'READ_CSV_TEXT'],
    ['word.xlsx', 'READ_NOT_WORKBOOK'],
    ['xlsb.xlsx', 'READ_XLSB'],
    ['huge-part.xlsx', 'READ_ZIP_PART_TOO_LARGE'],
    ['huge-total.xlsx', 'READ_ZIP_TOO_LARGE'],
    ['bomb.xlsx', 'READ_ZIP_BOMB'],
    ['merge.xlsx', 'READ_MERGE_TOO_LARGE'],
    ['garbage.xlsx', 'READ_EXCEL_FAILED'],
    ['missing.xlsx', 'READ_FILE_UNREADABLE'],
    ['folder.xlsx', 'READ_FILE_UNREADABLE'],
  ])('%s → %s', async (name, code) => {
    const r = await openWorkbook(f(name));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostic.code).toBe(code);
    expect(r.diagnostic.severity).toBe('error');
    expect(r.diagnostic.file).toBe(f(name));
    expect(r.diagnostic.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.diagnostic.fix.zh.length).toBeGreaterThan(4);
    expect(r.diagnostic.message.en).toMatch(/[a-z]/);
  });

  it('says why a path cannot be read in one language at a time (the catalogue words the reason)', async () => {
    const missing = await openWorkbook(f('missing.xlsx'));
    const folder = await openWorkbook(f('folder.xlsx'));
    expect(!missing.ok && missing.diagnostic.message).toEqual({ zh: '无法读取文件：文件不存在', en: 'cannot read the file: the file does not exist' });
    expect(!folder.ok && folder.diagnostic.message).toEqual({ zh: '无法读取文件：这是一个文件夹', en: 'cannot read the file: this is a folder' });
  });

  it('says .xls files must be saved as .xlsx and encrypted ones unprotected first', async () => {
    const old = await openWorkbook(f('old.xlsx'));
    const enc = await openWorkbook(f('encrypted.xlsx'));
    expect(!old.ok && old.diagnostic.fix.zh).toContain('另存为');
    expect(!enc.ok && enc.diagnostic.fix.zh).toContain('取消密码保护');
  });

  it('names the merge that would crash exceljs', async () => {
    const r = await openWorkbook(f('merge.xlsx'));
    expect(!r.ok && r.diagnostic.message.zh).toContain('A1:XFD1048576');
  });

  it('files larger than the limit are refused before reading', () => {
    const r = sniffBytes(Buffer.alloc(READ_LIMITS.maxFileBytes + 1));
    expect(r).toMatchObject({ ok: false, code: 'READ_FILE_TOO_LARGE' });
  });

  it('documents its limits in one object', () => {
    expect(READ_LIMITS).toMatchObject({
      maxFileBytes: 50 * 1024 * 1024,
      maxUncompressedBytes: 300 * 1024 * 1024,
      maxPartBytes: 200 * 1024 * 1024,
      maxRowsPerSheet: 20_000,
    });
    expect(MAX_ROWS).toBe(20_000);
  });
});
