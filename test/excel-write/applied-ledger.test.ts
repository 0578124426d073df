// The ledger score apply writes (src/excel/write/applied-ledger.ts) is refused, never written, when
// the writer cannot place the lines or what it wrote does not read back as the ledger graded; each
// refusal is an entry of the excel layer's catalogue (APPLY_WRITE_MESSAGES).
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { EventRow, Ledger } from '../../src/core/model.js';
import { Dec } from '../../src/core/decimal.js';
import { applyWriteText } from '../../src/excel/read/catalogue.js';
import { readLedger } from '../../src/excel/read/ledger.js';
import { openForReading } from '../../src/excel/workbook.js';
import { appliedLedger } from '../../src/excel/write/applied-ledger.js';
import { loadBuiltinScheme } from '../../src/scheme/load.js';
import { ROOT } from '../helpers/cli.js';

const scheme = loadBuiltinScheme('township');
if (!scheme.ok) throw new Error('township');
const township = scheme.scheme;

async function ledgerOf(file: string): Promise<Ledger> {
  const opened = await openForReading(file);
  if (!opened.ok) throw new Error(opened.diagnostic.message.en);
  const read = readLedger(file, opened.wb, township);
  if (!read.ledger) throw new Error('no ledger');
  return read.ledger;
}

const copy = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'score-applied-')), '台账.xlsx');
  copyFileSync(join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), file);
  return file;
};

describe('appliedLedger refuses', () => {
  it('APPLY_READ_DIFFERENTLY: the ledger graded is not what the writer reads back', async () => {
    const file = copy();
    const ledger = await ledgerOf(file);
    const graded = { ...ledger, members: ledger.members.slice(1) };
    const r = await appliedLedger(file, graded, township, []);
    expect(r).toEqual({ ok: false, ...applyWriteText('APPLY_READ_DIFFERENTLY', {}) });
    expect(r.ok === false && r.zh).toContain('与计分时读到的不一致');
    // The same ledger as read: accepted.
    expect((await appliedLedger(file, ledger, township, [])).ok).toBe(true);
  });

  it('APPLY_NO_EVENT_SHEET: a line to append and no 加减分明细 sheet to take it', async () => {
    const file = copy();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const events = wb.getWorksheet('加减分明细');
    expect(events).toBeDefined();
    wb.removeWorksheet(events!.id);
    await wb.xlsx.writeFile(file);
    const ledger = await ledgerOf(file);
    const line: EventRow = { date: '2023-05-04', name: ledger.members[0]!.name, item: '表彰', level: '县', count: new Dec(1), source: { file } };
    const r = await appliedLedger(file, ledger, township, [line]);
    expect(r).toEqual({ ok: false, ...applyWriteText('APPLY_NO_EVENT_SHEET', {}) });
  });
});
