// The lean xlsx writer on its own: escaping, sheet names, styles and layout as exceljs reads them
// back, the zip container, and the save contract (temp file + rename, no overwrite without force).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { LOCAL_SIG, OWN_ZIP, readCentralDirectory, unpack } from '../../src/excel/zip-read.js';
import ExcelJS from 'exceljs';
import { Book } from '../../src/excel/lean/book.js';
import { addTable } from '../../src/excel/lean/table.js';
import { saveBook, writeBook } from '../../src/excel/lean/save.js';
import { cleanSheetName, escapeXml } from '../../src/excel/lean/xml.js';
import { colName } from '../../src/core/a1.js';
import { zip, ZIP_LIMITS } from '../../src/excel/lean/zip.js';
import { unzip, sheetXml } from '../libreoffice/support.js';
import { openForReading } from '../../src/excel/workbook.js';

const dir = mkdtempSync(path.join(tmpdir(), 'score-lean-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): string => path.join(dir, name);

async function readBack(p: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(p);
  return wb;
}

function simpleBook(text: string): Book {
  const book = new Book();
  book.addSheet('表').row({ cells: [text] });
  return book;
}

describe('escaping', () => {
  it('escapes & < > " and drops control characters XML 1.0 cannot hold', () => {
    expect(escapeXml('plain 中文')).toBe('plain 中文');
    expect(escapeXml('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(escapeXml('x\u0000y\u0001z\u0008\u000b\u000c\u001f!')).toBe('xyz!');
    expect(escapeXml('tab\tline\nret\r')).toBe('tab\tline\nret&#13;');
    expect(escapeXml('\ufffe\uffff ok')).toBe(' ok');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  const awkward = ['A&B <c> "d" \'e\'', 'bell\u0007 nul\u0000 esc\u001b', '  leading and trailing  ', 'two\nlines', '𠀀😀 emoji', '=1+1', '<x>&amp;</x>', '0012', '重复', '重复'];
  const cleaned = ['A&B <c> "d" \'e\'', 'bell nul esc', '  leading and trailing  ', 'two\nlines', '𠀀😀 emoji', '=1+1', '<x>&amp;</x>', '0012', '重复', '重复'];

  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])('round-trips awkward text through exceljs and the project reader (%s)', async (label, shared) => {
    const book = new Book();
    book.sharedStrings = shared;
    book.addSheet('文本').rows(awkward.map((t) => ({ cells: [t] })));
    const p = file(`text-${shared}.xlsx`);
    await writeBook(book, p);
    const parts = unzip(p);
    expect(parts.has('xl/sharedStrings.xml'), label).toBe(shared);
    if (shared) expect(parts.get('xl/sharedStrings.xml')!.toString('utf8')).toContain('count="10" uniqueCount="9"');
    const ws = (await readBack(p)).getWorksheet('文本')!;
    expect(awkward.map((_, i) => ws.getCell(i + 1, 1).value)).toEqual(cleaned);
    expect(ws.getCell('A6').type).toBe(ExcelJS.ValueType.String); // text, never a formula
    const fast = await openForReading(p);
    expect(fast.ok && fast.engine).toBe('fast');
    if (fast.ok) expect(awkward.map((_, i) => fast.wb.worksheets[0]!.findCell(i + 1, 1)?.value)).toEqual(cleaned);
  });

  it('writes numbers, booleans and blanks; non-finite numbers stay empty', async () => {
    const book = new Book();
    book.addSheet('数').row({ cells: [1, -2.5, 0.1 + 0.2, 1e21, true, false, null, undefined, '', NaN, Infinity, 7] });
    await writeBook(book, file('numbers.xlsx'));
    const ws = (await readBack(file('numbers.xlsx'))).getWorksheet('数')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([1, -2.5, 0.1 + 0.2, 1e21, true, false, undefined, undefined, undefined, undefined, undefined, 7]);
  });

  it('gives column letters', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(colName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('sheet names', () => {
  it('cleans names Excel refuses and keeps them unique', () => {
    expect(cleanSheetName('a/b\\c:d*e?f[g]h')).toBe('abcdefgh');
    expect(cleanSheetName("'quoted'")).toBe('quoted');
    expect(cleanSheetName('某'.repeat(40))).toBe('某'.repeat(31));
    expect(cleanSheetName('𠀀'.repeat(20))).toBe('𠀀'.repeat(15));
    expect(cleanSheetName('\u0001')).toBe('Sheet');
    const book = new Book();
    expect(['总览', '总览', 'ABC', 'abc', '某'.repeat(31), '某'.repeat(31)].map((n) => book.addSheet(n).name)).toEqual(['总览', '总览(2)', 'ABC', 'abc(2)', '某'.repeat(31), `${'某'.repeat(28)}(2)`]);
  });

  it('escapes names in workbook.xml and quotes them in print titles', async () => {
    const book = new Book();
    const names = ['A&B <x> "q"', "O'Brien", '第一支部'];
    for (const n of names) {
      const s = book.addSheet(n);
      s.row({ cells: [n] });
      s.frozenRows = 1;
      s.printTitleRows = 1;
      s.page = { orientation: 'portrait' };
    }
    await writeBook(book, file('names.xlsx'));
    const wb = await readBack(file('names.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(names);
    for (const n of names) {
      expect(wb.getWorksheet(n)!.getCell('A1').value).toBe(n);
      expect(wb.getWorksheet(n)!.pageSetup.printTitlesRow).toBe('1:1');
    }
    const wbXml = unzip(file('names.xlsx')).get('xl/workbook.xml')!.toString('utf8');
    expect(wbXml).toContain('name="A&amp;B &lt;x&gt; &quot;q&quot;"');
    expect(wbXml).toContain(`localSheetId="1">'O''Brien'!$1:$1<`);
    expect(sheetXml(file('names.xlsx')).map((s) => s.printTitles)).toEqual(['$1:$1', '$1:$1', '$1:$1']);
  });
});

describe('form tables', () => {
  const book = new Book();
  const t = addTable(book, '评分汇总表', {
    title: '第一支部党员积分管理评分汇总表（2023年度）',
    preamble: ['评分时间：2024年1月5日'],
    columns: [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '合计得分', width: 10, type: 'number', numFmt: '0.00' },
      { header: '占比', width: 10, type: 'number', numFmt: '0.0%' },
      { header: '排名', width: 6, type: 'number', numFmt: '0' },
      { header: '编号', width: 12, type: 'text' },
      { header: '标记', width: 30, align: 'left' },
    ],
    bodyRows: 4,
    *body() {
      yield [1, '张三', 99.5, 0.3333, 1, '007', '转入党员'];
      yield { cells: [null, '合计', 99.5], bold: true };
    },
    after: [{ offset: 2, text: '公示期：2023年4月3日至2023年4月9日', bold: true }, { offset: 4, text: '中共第一支部委员会', align: 'right' }],
    orientation: 'landscape',
  });
  const written = (async () => {
    await writeBook(book, file('table.xlsx'));
    return readBack(file('table.xlsx'));
  })();

  it('knows where its parts are', () => {
    expect([t.headerRow, t.firstRow, t.lastRow, t.col('合计得分')]).toEqual([3, 4, 7, 3]);
    expect(() => t.col('无')).toThrow();
  });

  it('has the title, preamble, header and body values', async () => {
    const ws = (await written).getWorksheet('评分汇总表')!;
    expect(ws.getCell('A1').value).toBe('第一支部党员积分管理评分汇总表（2023年度）');
    expect(ws.getCell('A2').value).toBe('评分时间：2024年1月5日');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '合计得分', '占比', '排名', '编号', '标记']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([1, '张三', 99.5, 0.3333, 1, '007', '转入党员']);
    expect(ws.getCell('B5').value).toBe('合计');
    expect(ws.getCell('A9').value).toBe('公示期：2023年4月3日至2023年4月9日');
    expect(ws.getCell('A11').value).toBe('中共第一支部委员会');
  });

  it('styles: fonts, borders, fill, number formats, alignment, widths, heights, merges', async () => {
    const ws = (await written).getWorksheet('评分汇总表')!;
    expect(ws.getCell('A1').font).toMatchObject({ name: '黑体', size: 16, bold: true });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getRow(1).height).toBe(32);
    expect(ws.getRow(3).height).toBe(30);
    expect(ws.getCell('B3').font).toMatchObject({ name: '宋体', size: 11, bold: true });
    expect(ws.getCell('B3').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } });
    expect(ws.getCell('C4').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell('C4').font).toMatchObject({ name: '宋体', size: 11 });
    expect(ws.getCell('C4').font.bold).toBeFalsy();
    expect(ws.getCell('C4').numFmt).toBe('0.00');
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect(ws.getCell('E4').numFmt).toBe('0');
    expect(ws.getCell('F4').numFmt).toBe('@');
    expect(ws.getCell('C4').alignment).toMatchObject({ horizontal: 'right', vertical: 'middle', wrapText: true });
    expect(ws.getCell('B4').alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('G4').alignment).toMatchObject({ horizontal: 'left' });
    expect(ws.getCell('B5').font).toMatchObject({ bold: true });
    expect(ws.getCell('C7').border).toMatchObject({ top: { style: 'thin' } }); // blank body rows are styled too
    expect(ws.getCell('A9').font).toMatchObject({ name: '宋体', bold: true });
    expect(ws.getCell('A11').alignment).toMatchObject({ horizontal: 'right' });
    expect([1, 2, 3, 7].map((c) => ws.getColumn(c).width)).toEqual([6, 10, 10, 30]);
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('G2').isMerged).toBe(true);
    expect(ws.getCell('G9').isMerged).toBe(true);
    expect(ws.getCell('B4').isMerged).toBe(false);
  });

  it('freezes the header and sets up A4 printing with the title rows repeated', async () => {
    const ws = (await written).getWorksheet('评分汇总表')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
    expect(sheetXml(file('table.xlsx'))[0]).toMatchObject({ frozenRows: 3, frozenCols: 0, printTitles: '$1:$3', paperSize: '9', orientation: 'landscape' });
  });

  it('writes the worksheet elements in schema order', () => {
    const xml = unzip(file('table.xlsx')).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const order = ['<sheetPr>', '<dimension ', '<sheetViews>', '<sheetFormatPr ', '<cols>', '<sheetData>', '<mergeCells ', '<printOptions ', '<pageMargins ', '<pageSetup '];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).toContain('<dimension ref="A1:G11"/>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  });
});

describe('zip container', () => {
  it('writes a readable archive in memory', () => {
    const p = file('mem.zip');
    writeFileSync(p, zip([{ name: 'a.txt', data: Buffer.from('一二三') }, { name: 'dir/b.xml', data: Buffer.alloc(100_000, 65) }]));
    const parts = unzip(p);
    expect(parts.get('a.txt')!.toString('utf8')).toBe('一二三');
    expect(parts.get('dir/b.xml')!.length).toBe(100_000);
  });

  /** Every entry through the one zip reader: its local header (patched in place or staged) agrees with the directory, and it unpacks with the CRC it states. */
  function checkEntries(f: string): number {
    const buf = readFileSync(f);
    const dir = readCentralDirectory(buf, OWN_ZIP);
    if (!dir.ok) throw new Error(`not a readable zip: ${dir.code}`);
    for (const e of dir.entries) {
      expect(buf.readUInt32LE(e.localOffset)).toBe(LOCAL_SIG);
      expect([buf.readUInt32LE(e.localOffset + 14), buf.readUInt32LE(e.localOffset + 18), buf.readUInt32LE(e.localOffset + 22)], e.name).toEqual([e.crc, e.compressedSize, e.uncompressedSize]);
      const u = unpack(buf, e, OWN_ZIP);
      expect(u.ok && crc32(u.bytes) === e.crc, e.name).toBe(true);
    }
    // The directory follows the last entry's data.
    const last = dir.entries.at(-1)!;
    expect(buf.readUInt32LE(last.localOffset + 30 + buf.readUInt16LE(last.localOffset + 26) + buf.readUInt16LE(last.localOffset + 28) + last.compressedSize)).toBe(0x02014b50);
    return dir.entries.length;
  }

  it('puts [Content_Types].xml first and every entry checks out', async () => {
    const book = simpleBook('一');
    await writeBook(book, file('entries.xlsx'));
    const buf = readFileSync(file('entries.xlsx'));
    expect(buf.toString('utf8', 30, 30 + '[Content_Types].xml'.length)).toBe('[Content_Types].xml');
    checkEntries(file('entries.xlsx'));
  });

  it('keeps entries in order across batches of small sheets and a streamed big one between them', async () => {
    // 400 small sheets (several staged batches of 1 MB) with a sheet of several MB in the middle.
    const book = new Book();
    for (let i = 1; i <= 400; i++) {
      const ws = book.addSheet(`支部${i}`);
      const rows = i === 200 ? 60_000 : 40;
      ws.rows(function* () {
        for (let r = 1; r <= rows; r++) yield { cells: [r, `党员${i}-${r}`, i * 1000 + r, (i * r) % 7 === 0 ? '优秀' : '合格'] };
      });
    }
    await writeBook(book, file('many.xlsx'));
    checkEntries(file('many.xlsx'));
    expect([...unzip(file('many.xlsx')).keys()].filter((k) => k.startsWith('xl/worksheets/sheet'))).toHaveLength(400);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('many.xlsx'));
    expect(wb.worksheets).toHaveLength(400);
    for (const i of [1, 57, 199, 200, 201, 400]) {
      const ws = wb.getWorksheet(`支部${i}`)!;
      expect(ws.rowCount).toBe(i === 200 ? 60_000 : 40);
      expect(ws.getCell(ws.rowCount, 2).value).toBe(`党员${i}-${ws.rowCount}`);
      expect(ws.getCell(ws.rowCount, 3).value).toBe(i * 1000 + ws.rowCount);
    }
  });

  it('deflates each small entry on the thread pool to the bytes one zlib call makes, also with books written at once', async () => {
    // Three books at once share the kept deflate engines: every entry must still be its own stream.
    const books = [1, 2, 3].map((k) => {
      const book = new Book();
      for (let i = 1; i <= 60; i++) {
        book.addSheet(`表${i}`).rows(function* () {
          for (let r = 1; r <= 20 + ((i * k) % 30); r++) yield { cells: [r, `党员${k}-${i}-${r}`, (i * r * k) % 97] };
        });
      }
      return book;
    });
    const names = books.map((_, k) => file(`pool-${k}.xlsx`));
    await Promise.all(books.map((b, k) => writeBook(b, names[k]!)));
    for (const [k, f] of names.entries()) {
      expect(checkEntries(f)).toBeGreaterThan(60);
      const buf = readFileSync(f);
      const dir = readCentralDirectory(buf, OWN_ZIP);
      if (!dir.ok) throw new Error(dir.code);
      for (const e of dir.entries) {
        const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
        const u = unpack(buf, e, OWN_ZIP);
        if (!u.ok) throw new Error(e.name);
        expect(buf.subarray(start, start + e.compressedSize).equals(deflateRawSync(u.bytes, { level: 1 })), e.name).toBe(true);
      }
      // The last sheet's last row: the entries of each book are in their own order.
      const last = unzip(f).get('xl/worksheets/sheet60.xml')!.toString('utf8');
      expect(last).toContain(`<row r="${20 + ((60 * (k + 1)) % 30)}">`);
      expect(last).not.toContain(`<row r="${21 + ((60 * (k + 1)) % 30)}">`);
    }
  });

  it('refuses sizes a zip without zip64 cannot hold, as a save error', async () => {
    const max = ZIP_LIMITS.maxBytes;
    ZIP_LIMITS.maxBytes = 1000;
    try {
      const book = new Book();
      book.addSheet('大').rows(function* () {
        for (let i = 0; i < 200; i++) yield { cells: [i, `行 ${i}`] };
      });
      const target = file('limit/too-big.xlsx');
      const r = await saveBook(book, target);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.reason).toBe('error');
      expect(r.ok === false && r.reason === 'error' && r.message).toMatch(/zip64/);
      expect(readdirSync(path.dirname(target))).toEqual([]);
    } finally {
      ZIP_LIMITS.maxBytes = max;
    }
  });
});

describe('saveBook', () => {
  it('writes a new file and leaves no temp file', async () => {
    const target = file('save/new/评定结果.xlsx');
    expect(await saveBook(simpleBook('一'), target)).toEqual({ ok: true, path: target });
    expect((await readBack(target)).worksheets[0]!.getCell('A1').value).toBe('一');
    expect(readdirSync(path.dirname(target))).toEqual(['评定结果.xlsx']);
  });

  it('refuses to overwrite without force, and replaces with force', async () => {
    const target = file('save/same.xlsx');
    expect((await saveBook(simpleBook('旧'), target)).ok).toBe(true);
    expect(await saveBook(simpleBook('新'), target)).toEqual({ ok: false, reason: 'exists', path: target });
    expect((await readBack(target)).worksheets[0]!.getCell('A1').value).toBe('旧');
    expect(await saveBook(simpleBook('新'), target, { force: true })).toEqual({ ok: true, path: target });
    expect((await readBack(target)).worksheets[0]!.getCell('A1').value).toBe('新');
    expect(readdirSync(path.dirname(target)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a write error, or a row generator that throws, as a result without a temp file', async () => {
    const blocked = file('save/blocked');
    mkdirSync(blocked, { recursive: true });
    writeFileSync(path.join(blocked, 'file'), 'x');
    const r = await saveBook(simpleBook('x'), path.join(blocked, 'file', 'out.xlsx'));
    expect(r.ok === false && r.reason).toBe('error');
    const bad = new Book();
    bad.addSheet('坏').rows(function* () {
      yield { cells: [1] };
      throw new Error('boom');
    });
    const r2 = await saveBook(bad, path.join(blocked, 'bad.xlsx'));
    expect(r2).toMatchObject({ ok: false, reason: 'error', message: 'boom' });
    expect(readdirSync(blocked)).toEqual(['file']);
  });

  it('writes an empty book as one blank sheet', async () => {
    await writeBook(new Book(), file('empty.xlsx'));
    expect((await readBack(file('empty.xlsx'))).worksheets).toHaveLength(1);
  });
});
