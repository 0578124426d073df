// `score validate --report`: the 问题清单 workbook a clerk sends back, a sheet per branch file.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('validate --report', () => {
  it('writes one sheet per file with problems, each row naming sheet, cell, value, reason and fix', async () => {
    const out = tmp('report-');
    const files = ['RECORD_ABOVE_MAX.xlsx', 'EVENT_UNKNOWN_ITEM.xlsx'].map((f) => join(ROOT, 'fixtures', 'invalid', f));
    const good = join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx');
    const r = score(['validate', ...files, good, '--report', '--out', out, '--json']);
    expect(r.code).toBe(1);
    const res = json(r);
    // Named and titled by the day of the check (no --period).
    expect(res.report.startsWith(out)).toBe(true);
    expect(res.report).toMatch(/\d{4}年\d{1,2}月\d{1,2}日问题清单\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(res.report);
    expect(wb.worksheets).toHaveLength(2); // the good ledger has no sheet
    const rows = wb.worksheets.flatMap((ws) => {
      const out: unknown[][] = [];
      ws.eachRow((row, n) => {
        if (n > 3) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    });
    // 序号, 党员, 工作表, 单元格, 级别, 填写值, 问题, 处理办法, then the unprinted 代码.
    const above = rows.find((row) => row[8] === 'RECORD_ABOVE_MAX')!;
    expect(above.slice(1, 6)).toEqual(['金超英', '6月', 'D5', '错误', '12']);
    expect(String(above[6])).toContain('超过该项满分 10');
    expect(String(above[7])).toContain('改为不超过 10 的分数');
    expect(rows.some((row) => row[8] === 'EVENT_UNKNOWN_ITEM')).toBe(true);
  });
});

describe('validate on a folder that also holds application forms', () => {
  it('says the form is an application form, not a broken ledger', () => {
    const r = score(['validate', join(ROOT, 'fixtures', 'applications'), '--json']);
    expect(r.code).toBe(1);
    const issues = json(r).issues;
    expect(issues.map((i: { code: string }) => i.code)).toEqual(['INPUT_APPLICATION_FORM']);
    expect(issues[0].fix).toContain('score apply');
  });
});

describe('text numbers: one diagnostic per cell (issue 19 item 5)', () => {
  it('--json and the 问题清单 list every text cell; the terminal shows three and counts the rest', async () => {
    const file = join(ROOT, 'fixtures', 'messy', '04-文本数字-全角数字.xlsx');
    const out = tmp('report-text-');
    const issues = json(score(['validate', file, '--report', '--out', out, '--json'])) as { issues: { code: string; sheet: string; cell: string }[]; report: string };
    const cells = issues.issues.filter((i) => i.code === 'READ_NUMBER_AS_TEXT');
    expect(cells.length).toBe(678);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(issues.report);
    const rows: string[][] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const listed = cells.filter((c) => rows.some((r) => r.includes(c.sheet) && r.includes(c.cell)));
    expect(listed.length).toBe(678);
    const terminal = score(['validate', file]).stdout;
    expect(terminal.match(/警告 READ_NUMBER_AS_TEXT/g)?.length).toBe(3);
    expect(terminal).toContain('另有 675 个单元格（13 张表，从 1月 › G3 起）也是 READ_NUMBER_AS_TEXT');
  });
});
