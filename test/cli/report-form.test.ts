// The 问题清单 as a form to send back: a tab per ledger named after its file, ruled and wrapped
// body rows, a page-number footer; --report-per-branch writes one workbook per ledger; no
// problems, no workbook (and a word saying so).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
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
      const problem = ws.getCell(4, 7);
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

  it('names the member on every line, errors before warnings, period and day in the title, codes off paper, a shared problem once', async () => {
    const dir = tmp('report-members-');
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    // The same good ledger twice (a branch sent in two files: one problem about both files), and
    // ledgers whose problems sit on member rows, on a whole sheet, or are warnings.
    copyFileSync(join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), join(inputs, '兰溪村甲.xlsx'));
    copyFileSync(join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), join(inputs, '兰溪村乙.xlsx'));
    for (const f of ['RECORD_ABOVE_MAX', 'CAP_EXCEEDED', 'DEDUCTION_TWICE', 'EVENT_UNKNOWN_ITEM']) copyFileSync(invalid(`${f}.xlsx`), join(inputs, `${f}.xlsx`));
    const r = score(['validate', inputs, '--report', '--period', '2023Q4', '--out', join(dir, 'out'), '--json']);
    expect(r.code).toBe(1);
    const wb = await open(json(r).report);
    // The shared problem first, once, naming both files; the branch sheets point at it.
    expect(wb.worksheets[0]!.name).toBe('涉及多个台账');
    const shared = wb.worksheets[0]!;
    // Every file of the branch that passes its own checks (those with errors are left out anyway).
    expect(String(shared.getCell(4, 2).value).split('\n').sort()).toEqual(['CAP_EXCEEDED.xlsx', 'DEDUCTION_TWICE.xlsx', '兰溪村乙.xlsx', '兰溪村甲.xlsx']);
    expect(shared.getCell(4, 6).value).toBe('INPUT_DUPLICATE_BRANCH');
    expect(shared.getCell(5, 1).value).toBeNull();
    for (const name of ['兰溪村甲', '兰溪村乙', 'CAP_EXCEEDED']) {
      const ws = wb.getWorksheet(name)!;
      expect(String(ws.getCell(2, 1).value)).toContain('另有 1 个涉及多个台账的问题，见“涉及多个台账”表');
      expect(ws.getColumn(9).values.includes('INPUT_DUPLICATE_BRANCH'), name).toBe(false);
    }
    expect(String(wb.getWorksheet('RECORD_ABOVE_MAX')!.getCell(2, 1).value)).not.toContain('另有');
    const lines = (name: string): unknown[][] => {
      const ws = wb.getWorksheet(name)!;
      const out: unknown[][] = [];
      ws.eachRow((row, n) => {
        if (n > 3 && row.getCell(1).value !== null) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    for (const ws of wb.worksheets) {
      // The period checked and the day of the check in every title.
      expect(String(ws.getCell(1, 1).value), ws.name).toMatch(/（检查到2023年第四季度，\d{4}年\d{1,2}月\d{1,2}日检查）$/);
      // The code is beside the printed table, never in it.
      const last = ws.name === '涉及多个台账' ? 'E' : 'H';
      expect(ws.pageSetup.printArea, ws.name).toMatch(new RegExp(`^\\$?A\\$?1:\\$?${last}\\$?\\d+$`));
      if (ws.name === '涉及多个台账') continue;
      const rows = lines(ws.name);
      // The two copies have no problem but the shared one.
      expect(rows.length > 0 || ['兰溪村甲', '兰溪村乙'].includes(ws.name), ws.name).toBe(true);
      // A member (or 「（全表）」) on every line; errors before warnings.
      for (const row of rows) expect(String(row[1] ?? ''), `${ws.name} ${row.join(' ')}`).not.toBe('');
      const levels = rows.map((row) => row[4]);
      expect(levels, ws.name).toEqual([...levels].sort((a, b) => (a === '错误' ? 0 : 1) - (b === '错误' ? 0 : 1)));
    }
    // The member of the cell's row (the message does not name him) and of the message (no cell).
    expect(lines('RECORD_ABOVE_MAX').find((row) => row[8] === 'RECORD_ABOVE_MAX')!.slice(1, 4)).toEqual(['金超英', '6月', 'D5']);
    expect(lines('CAP_EXCEEDED').find((row) => row[8] === 'CAP_EXCEEDED')![1]).toBe('何生');
    // A member's lines stay together.
    const members = lines('DEDUCTION_TWICE').filter((row) => row[4] === '警告').map((row) => row[1]);
    expect(members.filter((m, i) => i > 0 && m !== members[i - 1] && members.slice(0, i).includes(m))).toEqual([]);
    expect(members).toContain('董秀强');
  });

  it('with no problems writes nothing and says so', () => {
    const out = tmp('report-none-');
    const r = score(['validate', join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), '--report', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('没有发现问题，未写出问题清单');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
