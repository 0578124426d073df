// The lean reader on workbooks another program wrote (issue 6): fixture ledgers saved again by
// LibreOffice (its own zip order, styles, shared strings and cell spelling) must read cell for cell
// as exceljs reads them, and grade to the same results as the originals.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCell } from '../../src/excel/cells.js';
import { openForReading, openWorkbook } from '../../src/excel/workbook.js';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';
import { convertMany, requireSoffice } from '../helpers/soffice.js';

const available = requireSoffice();

describe.skipIf(!available)('LibreOffice-saved ledgers through the lean reader', () => {
  const source = join(ROOT, 'fixtures', 'township');
  let saved: string[] = [];
  let dir: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = tmp('lo-saved-');
    const files = readdirSync(source)
      .filter((f) => f.endsWith('.xlsx'))
      .slice(0, 2)
      .map((f) => join(source, f));
    saved = (await convertMany(files, 'xlsx', join(dir, 'ledgers'))).map((c) => c.path);
  }, 180_000);

  it('reads every cell as exceljs does (and does not fall back to exceljs)', async () => {
    expect(saved.length).toBe(2);
    for (const file of saved) {
      const fast = await openForReading(file);
      const slow = await openWorkbook(file);
      expect(fast.ok && slow.ok).toBe(true);
      if (!fast.ok || !slow.ok) continue;
      expect(fast.engine).toBe('fast');
      let compared = 0;
      fast.wb.worksheets.forEach((fs, i) => {
        const ss = slow.wb.worksheets[i]!;
        expect(fs.name).toBe(ss.name);
        for (let r = 1; r <= Math.max(fs.rowCount, ss.rowCount); r++) {
          for (let c = 1; c <= 20; c++) {
            const a = readCell(fs.findCell(r, c));
            const b = readCell(ss.findCell(r, c));
            expect({ t: a.text, n: a.number?.toString(), d: a.date, p: a.problem }, `${fs.name}!R${r}C${c}`).toEqual({ t: b.text, n: b.number?.toString(), d: b.date, p: b.problem });
            compared++;
          }
        }
      });
      expect(compared).toBeGreaterThan(1000);
    }
  });

  it('grades them exactly as the originals', () => {
    const names = saved.map((p) => p.split('/').pop());
    const originals = readdirSync(source).filter((f) => names.includes(f)).map((f) => join(source, f));
    const run = (files: string[]) => json<{ members: { name: string; total: number; grade?: string }[] }>(score(['grade', '--year', '2023', ...files, '--out', tmp('lo-grade-'), '--json']));
    const a = run(originals).members.map((m) => [m.name, m.total, m.grade]);
    const b = run(saved).members.map((m) => [m.name, m.total, m.grade]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
  });
});
