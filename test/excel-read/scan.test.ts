// The byte scanner on XML spellings other writers use: prefixed tags (x:c), single quotes,
// entities, cells out of order and written twice, cells and rows without r, $ in merge refs,
// rich and phonetic runs, t="d" dates, booleans, errors, shared formulas without a value — and
// plain decimals read from their digits exactly as Number() reads them.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCell } from '../../src/excel/cells.js';
import { parseNumber } from '../../src/excel/fast/scan.js';
import { zip } from '../../src/excel/lean/zip.js';
import { openForReading } from '../../src/excel/workbook.js';
import { tmp } from '../helpers/cli.js';

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function book(sheetXml: string, shared: string, styles?: string): string {
  const parts = [
    ...(styles ? [{ name: 'xl/styles.xml', data: Buffer.from(styles, 'utf8') }] : []),
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>') },
    { name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0"?><x:workbook ${NS}><x:sheets><x:sheet name='数据' sheetId='1' r:id='rId1'/></x:sheets></x:workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(shared, 'utf8') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml, 'utf8') },
  ];
  const file = join(tmp('scan-'), 'book.xlsx');
  writeFileSync(file, zip(parts));
  return file;
}

describe('byte scanner', () => {
  it('reads other writers\u2019 spellings', async () => {
    const shared = `<?xml version="1.0"?><x:sst ${NS} count="3"><x:si><x:t>姓名</x:t></x:si><x:si><x:r><x:t>张</x:t></x:r><x:r><x:rPr/><x:t xml:space="preserve">三 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ZHANG</x:t></x:rPh></x:si><x:si/></x:sst>`;
    const sheet =
      `<?xml version="1.0"?><x:worksheet ${NS}><x:sheetData>` +
      `<x:row r='1'><x:c r='A1' t='s'><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>A &amp; B &lt;1&gt; &#x4E00;</x:t></x:is></x:c></x:row>` +
      `<x:row r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="A3"><x:v>-12.5</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="C3" t="e"><x:v>#N/A</x:v></x:c></x:row>` +
      `<x:row><x:c t="d"><x:v>2023-03-05T00:00:00Z</x:v></x:c><x:c><x:f t="shared" si="0"/></x:c><x:c><x:f>SUM(A3:A3)</x:f></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>` +
      `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="$E$1:$F$2"/></x:mergeCells></x:worksheet>`;
    const r = await openForReading(book(sheet, shared));
    expect(r.ok && r.engine).toBe('fast');
    if (!r.ok) return;
    const ws = r.wb.worksheets[0]!;
    const text = (row: number, col: number) => readCell(ws.findCell(row, col));
    expect(ws.name).toBe('数据');
    expect(text(1, 1).text).toBe('姓名');
    expect(text(1, 2).text).toBe('A & B <1> 一');
    expect(text(3, 1).number?.toString()).toBe('-12.5');
    expect(text(3, 2).text).toBe('张三'); // phonetic run left out, trailing space trimmed
    expect(text(3, 3)).toMatchObject({ text: '#N/A', problem: 'formula-error' }); // the later of two cells at C3 wins
    expect(text(4, 1).date).toBe('2023-03-05');
    expect(text(4, 2).problem).toBe('formula-no-cache');
    expect(text(4, 3)).toMatchObject({ problem: 'formula-no-cache', detail: '=SUM(A3:A3)' });
    expect(text(4, 4).text).toBe('');
    expect(text(1, 5).covered).toBeFalsy();
    expect(text(2, 6).covered).toBe(true);
    expect(ws.read?.(2, 6).covered).toBe(true);
    expect(ws.read?.(3, 2).text).toBe('张三');
  });

  it('reads Excel\u2019s own unprefixed cell spelling (recognised from its bytes) the same as tags', async () => {
    const plain = (c: string) => `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${c}</row></sheetData></worksheet>`;
    const cells =
      `<c r="A1"><f>B1*2</f><v>4</v></c><c r="B1"><v>2</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><v/></c>` +
      `<c r="E1"><f t="shared" ref="E1:E2" si="0">B1+1</f><v>3</v></c><c r="F1"><f>A1</f></c><c r="G1" t="s"><v>0</v></c><c r="H1"><f>G1</f><v>2.5</v></c>`;
    const shared = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>党员</t></si></sst>`;
    const r = await openForReading(book(plain(cells), shared));
    expect(r.ok && r.engine).toBe('fast');
    if (!r.ok) return;
    const ws = r.wb.worksheets[0]!;
    const at = (col: number) => readCell(ws.findCell(1, col));
    expect(at(1).number?.toString()).toBe('4');
    expect(at(2).number?.toString()).toBe('2');
    expect(at(3)).toMatchObject({ text: '#DIV/0!', problem: 'formula-error' });
    expect(at(4).text).toBe('');
    expect(at(5).number?.toString()).toBe('3');
    expect(at(6)).toMatchObject({ problem: 'formula-no-cache', detail: '=A1' });
    expect(at(7).text).toBe('党员');
    expect(at(8).number?.toString()).toBe('2.5');
  });

  it('reads a cell tag of the usual spelling (read from its bytes) as any other spelling of it', async () => {
    // Each cell twice: the usual `<c r="…" s="…" t="…">`, and spelled so that the full tag reader reads it
    // (attribute order, two spaces, single quotes, another attribute, a prefix). The sheet must read the same.
    const usual = ['<c r="A1" s="1" t="s"><v>0</v></c>', '<c r="B1" s="2"><v>8.5</v></c>', '<c r="C1"/>', '<c r="D1" t="b"><v>1</v></c>', '<c r="E1" s="0" t="str"><v>文字</v></c>', '<c r="F1"><v>-3</v></c>'];
    const other = ['<c t="s" r="A1" s="1"><v>0</v></c>', "<c r='B1'  s='2'><v>8.5</v></c>", '<c r="C1" cm="1"/>', '<c  r="D1" t="b"><v>1</v></c>', '<x:c r="E1" s="0" t="str"><v>文字</v></x:c>', '<c r="F1" ><v>-3</v></c>'];
    const styles = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="0"/><xf numFmtId="2"/></cellXfs></styleSheet>';
    const sheet = (cells: string[]) => `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${NS}><sheetData><row r="1">${cells.join('')}</row></sheetData></worksheet>`;
    const shared = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>姓名</t></si></sst>`;
    const read = async (cells: string[]) => {
      const r = await openForReading(book(sheet(cells), shared, styles));
      expect(r.ok && r.engine).toBe('fast');
      if (!r.ok) return [];
      const ws = r.wb.worksheets[0]!;
      return [1, 2, 3, 4, 5, 6].map((col) => readCell(ws.findCell(1, col)));
    };
    const a = await read(usual);
    expect(a.map((c) => c.text)).toEqual(['姓名', '8.5', '', 'TRUE', '文字', '-3']);
    expect(await read(other)).toEqual(a);
  });

  it('parses decimals from their digits exactly as Number()', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.stringMatching(/^-?\d{1,18}(\.\d{1,18})?$/)), (text) => {
        const b = Buffer.from(`<v>${text}</v>`, 'latin1');
        expect(Object.is(parseNumber(b, 3, 3 + text.length), Number(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
