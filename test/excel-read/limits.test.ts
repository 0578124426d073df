// Two read codes that had no fixture or test (issue 24): a sheet with more rows than the reader takes,
// and a record card without a name.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { readLedger } from '../../src/excel/read/ledger.js';
import { openWorkbook, READ_LIMITS } from '../../src/excel/workbook.js';
import { roster, roundTrip, scheme, tmp } from '../excel-write/fixtures.js';
import { CONTENT_TYPES, makeZip, WORKBOOK_XML } from './helpers.js';

const t = tmp();
afterAll(() => t.done());

describe('read limits and card names', () => {
  it(`READ_SHEET_TOO_LARGE: a sheet of ${READ_LIMITS.maxSheetRowsHard + 1} rows is refused before it is parsed`, async () => {
    const rows = '<row/>'.repeat(READ_LIMITS.maxSheetRowsHard + 1);
    const file = t.file('rows.xlsx');
    writeFileSync(
      file,
      makeZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: 'xl/workbook.xml', data: WORKBOOK_XML },
        { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${rows}</sheetData></worksheet>` },
      ]),
    );
    const r = await openWorkbook(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.diagnostic.code, r.diagnostic.severity]).toEqual(['READ_SHEET_TOO_LARGE', 'error']);
    expect(r.diagnostic.message.zh).toContain(String(READ_LIMITS.maxSheetRowsHard));
  });

  it('READ_CARD_NO_NAME: a member card whose 姓名 is blank is an error at that sheet, and its rows are not read', async () => {
    const wb = ledgerTemplate(scheme, { branch: '第一支部', year: 2023, roster, layout: 'card' });
    const card = wb.getWorksheet('李四')!;
    let cleared = 0;
    card.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === '李四') {
          c.value = null;
          cleared++;
        }
      }),
    );
    expect(cleared).toBe(1);
    const back = await roundTrip(wb, t.file('card-no-name.xlsx'));
    const r = readLedger('card-no-name.xlsx', back, scheme);
    const ds = r.diagnostics.filter((d) => d.code === 'READ_CARD_NO_NAME');
    expect(ds.map((d) => [d.severity, d.sheet])).toEqual([['error', '李四']]);
    expect(ds[0]!.fix.zh).toContain('姓名');
    expect(r.ledger?.records.filter((x) => x.name === '李四') ?? []).toEqual([]);
  });
});
