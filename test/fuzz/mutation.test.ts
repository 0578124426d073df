// A bounded run of the mutation fuzzer (npm run fuzz runs 10,000): mutated real workbooks through
// read → check → compute → grade, with 0 crashes, 0 hangs and 0 unhandled rejections.
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../tools/fuzz.js';
import { zip } from '../../src/excel/lean/zip.js';
import { openForReading } from '../../src/excel/workbook.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmp } from '../helpers/cli.js';

describe('mutation fuzzer', () => {
  it('survives 300 mutated workbooks', async () => {
    const r = await runFuzz(Number(process.env.FUZZ_CASES ?? 300), 20231123, 10_000);
    expect(r.crashes).toEqual([]);
    expect(r.hangs).toEqual([]);
    expect(r.unhandled).toBe(0);
    expect(r.cases).toBeGreaterThan(0);
    // The mutations must actually reach both outcomes: refused files and files that still grade.
    expect(r.readErrors).toBeGreaterThan(0);
    expect(r.clean).toBeGreaterThan(0);
  }, 240_000);

  it('its zip writer makes workbooks the readers open (the fuzzer tests what it means to)', async () => {
    const parts = [
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook xmlns:r="r"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>') },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData><row><c t="inlineStr"><is><t>姓名</t></is></c></row><row><c t="inlineStr"><is><t>张三</t></is></c><c><v>85.5</v></c></row></sheetData></worksheet>') },
    ];
    const file = join(tmp('zip-'), 'z.xlsx');
    writeFileSync(file, zip(parts));
    const r = await openForReading(file);
    expect(r.ok && r.engine).toBe('fast');
    // Rows and cells without the r attribute (valid OOXML; exceljs throws on them) are read in order.
    if (r.ok) {
      expect(r.wb.worksheets[0]!.findCell(2, 1)!.value).toBe('张三');
      expect(r.wb.worksheets[0]!.findCell(2, 2)!.value).toBe(85.5);
    }
  });
});
