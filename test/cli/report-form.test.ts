// The 问题清单 as a form to send back: a tab per ledger named after its file, ruled and wrapped
// body rows, a page-number footer; --report-per-branch writes one workbook per ledger; no
// problems, no workbook (and a word saying so).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const invalid = (f: string): string => join(ROOT, 'fixtures', 'invalid', f);
const FILES = ['RECORD_ABOVE_MAX.xlsx', 'EVENT_UNKNOWN_ITEM.xlsx'].map(invalid);

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('validate --report: a printable form', () => {
  it('names each tab after its file, rules and wraps the body, numbers the pages', async () => {
    const out = tmp('report-form-');
    const r = score(['validate', ...FILES, '--report', '--out', out, '--json']);
    const wb = await open(json(r).report);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['RECORD_ABOVE_MAX', 'EVENT_UNKNOWN_ITEM']);
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
      const problem = ws.getCell(4, 6);
      expect(String(problem.value)).not.toBe('');
      expect(problem.alignment?.wrapText).toBe(true);
      for (let c = 1; c <= 8; c++) expect(ws.getCell(4, c).border?.bottom?.style, `${ws.name} column ${c}`).toBe('thin');
    }
  });

  it('--report-per-branch writes one workbook per ledger with problems', async () => {
    const out = tmp('report-each-');
    const good = join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx');
    const r = score(['validate', ...FILES, good, '--report-per-branch', '--out', out, '--json']);
    expect(r.code).toBe(1);
    const reports: string[] = json(r).reports;
    expect(reports.map((p) => p.split(/[\\/]/).pop()!.replace(/^\d{4}年\d{1,2}月\d{1,2}日/, '')).sort()).toEqual(['问题清单_EVENT_UNKNOWN_ITEM.xlsx', '问题清单_RECORD_ABOVE_MAX.xlsx']);
    for (const p of reports) expect((await open(p)).worksheets).toHaveLength(1);
  });

  it('with no problems writes nothing and says so', () => {
    const out = tmp('report-none-');
    const r = score(['validate', join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), '--report', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('没有发现问题，未写出问题清单');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
