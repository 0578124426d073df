// The first message is the real cause, at the cell, with a fix a clerk can follow — through the
// spawned binary, on copies of a fixtures/township ledger changed as a clerk changes them in
// Excel (the 合计 formulas' cached values as Excel computes them: SUM leaves text out).
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

const LEDGER = join(ROOT, 'fixtures', 'township', '柳湾村党支部.xlsx');
const ENTRY_COLS = ['D', 'E', 'F', 'G', 'H', 'I'];

beforeAll(() => ensureBuilt());

interface Issue {
  code: string;
  severity: string;
  sheet?: string;
  cell?: string;
  message: string;
  fix: string;
}

/** A copy of the ledger after `edit`; every 合计 (J) of the month sheets recomputed as Excel's SUM would (numbers only). */
async function ledgerWith(name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(LEDGER);
  edit(wb);
  for (let m = 1; m <= 12; m++) {
    const ws = wb.getWorksheet(`${m}月`)!;
    ws.eachRow((row, r) => {
      const total = row.getCell('J');
      if (!total.formula) return;
      const sum = ENTRY_COLS.reduce((n, c) => n + (typeof ws.getCell(`${c}${r}`).value === 'number' ? (ws.getCell(`${c}${r}`).value as number) : 0), 0);
      total.value = { formula: total.formula, result: sum } as ExcelJS.CellFormulaValue;
    });
  }
  const file = join(tmp('score-first-'), name);
  await wb.xlsx.writeFile(file);
  return file;
}

function validate(file: string): { code: number; issues: Issue[] } {
  const r = score(['validate', '--json', file]);
  return { code: r.code, issues: json<{ issues: Issue[] }>(r).issues };
}

function graded(file: string): { code: number; excluded: unknown[] } {
  const r = score(['grade', '--year', '2023', '--json', '--out', tmp(), file]);
  return { code: r.code, excluded: json<{ excluded: unknown[] }>(r).excluded };
}

describe('a score typed as text: one message per text cell, no false 合计 mismatch, the branch graded', () => {
  let file: string;
  beforeAll(async () => {
    // 「8分」 in 2月 D3 (the template's own SUM in J3 now leaves it out, as Excel does), and ８ full-width in 5月 E6.
    file = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      wb.getWorksheet('2月')!.getCell('D3').value = '8分';
      wb.getWorksheet('5月')!.getCell('E6').value = '８';
    });
  });

  it('each text cell is said at its cell with the number to type; nothing else', () => {
    const { code, issues } = validate(file);
    expect(code).toBe(0);
    expect(issues.map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual(['READ_NUMBER_AS_TEXT 2月!D3', 'READ_NUMBER_AS_TEXT 5月!E6']);
    expect(issues[0]!.severity).toBe('warning');
    expect(issues[0]!.message).toContain('「8分」是文字');
    expect(issues[0]!.fix).toBe('改成 8（只填数字）');
    expect(issues[1]!.fix).toBe('改成 8（只填数字）');
  });

  it('the branch is graded (no RECORD_TOTAL_MISMATCH on the SUM cell), with 8 counted', () => {
    const g = graded(file);
    expect(g.code).toBe(0);
    expect(g.excluded).toEqual([]);
  });

  it('a 合计 that is wrong for another reason is still an error', async () => {
    const other = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      wb.getWorksheet('2月')!.getCell('D3').value = '8分';
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(other);
    const j3 = wb.getWorksheet('2月')!.getCell('J3');
    j3.value = { formula: j3.formula, result: 1 } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(other);
    const { issues } = validate(other);
    expect(issues.map((i) => `${i.code} ${i.cell}`)).toEqual(['READ_NUMBER_AS_TEXT D3', 'RECORD_TOTAL_MISMATCH J3']);
  });
});

describe('a misspelt name: 是不是「胡林文」？, one message, and the fix works', () => {
  let file: string;
  beforeAll(async () => {
    // 胡林文 (row 5) written 胡琳文 in 2月, with no 编号 on that row (as on a hand-made sheet).
    file = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      const ws = wb.getWorksheet('2月')!;
      ws.getCell('B5').value = '胡琳文';
      ws.getCell('C5').value = null;
    });
  });

  it('one error at the name, asking 是不是「胡林文」？ and naming the month it leaves empty; no second RECORD_MISSING_MONTH', () => {
    const { code, issues } = validate(file);
    expect(code).toBe(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'RECORD_UNKNOWN_MEMBER', sheet: '2月', cell: 'B5' });
    expect(issues[0]!.message).toBe('「胡琳文」不在名册中：是不是「胡林文」？（名册中的「胡林文」在 2月 没有记录）');
    expect(issues[0]!.fix).toContain('把姓名改成「胡林文」');
    expect(issues[0]!.fix).toContain('不要把「胡琳文」加进名册');
  });

  it('following the fix (the name corrected) leaves nothing to fix', async () => {
    const fixed = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      wb.getWorksheet('2月')!.getCell('C5').value = null;
    });
    expect(validate(fixed)).toEqual({ code: 0, issues: [] });
  });

  it('a name far from every roster name gets no guess', async () => {
    const far = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      const ws = wb.getWorksheet('2月')!;
      ws.getCell('B5').value = '司马相如';
      ws.getCell('C5').value = null;
    });
    const { issues } = validate(far);
    const unknown = issues.find((i) => i.code === 'RECORD_UNKNOWN_MEMBER')!;
    expect(unknown.message).toBe('「司马相如」不在名册中');
    expect(issues.map((i) => i.code)).toContain('RECORD_MISSING_MONTH');
  });
});

describe('a member who left in June without 转出日期: one error saying to fill it', () => {
  const blankFrom = (wb: ExcelJS.Workbook, row: number, from: number): void => {
    for (let m = from; m <= 12; m++) for (const c of ENTRY_COLS) wb.getWorksheet(`${m}月`)!.getCell(`${c}${row}`).value = null;
  };

  it('one RECORD_BLANK_MONTHS naming 7月—12月 and 转出日期, not 36 「填写 0–10 之间的分数」', async () => {
    const file = await ledgerWith('柳湾村党支部.xlsx', (wb) => blankFrom(wb, 4, 7));
    const { code, issues } = validate(file);
    expect(code).toBe(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'RECORD_BLANK_MONTHS', sheet: '7月', cell: 'B4' });
    expect(issues[0]!.message).toBe('「朱宇」7月—12月 的分数都是空的（6月 及以前有分数）');
    expect(issues[0]!.fix).toContain('在名册填写「转出日期」');
  });

  it('following the fix (转出日期 2023-06-30 in 名册) grades the branch', async () => {
    const file = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      blankFrom(wb, 4, 7);
      const roster = wb.getWorksheet('名册')!;
      let header = 0;
      let col = 0;
      roster.eachRow((row, r) => {
        row.eachCell((c, ci) => {
          if (!header && String(c.value).includes('转出')) {
            header = r;
            col = ci;
          }
        });
      });
      expect(col).toBeGreaterThan(0);
      let target = 0;
      roster.eachRow((row, r) => {
        if (r > header && row.values && (row.values as unknown[]).includes('朱宇')) target = r;
      });
      roster.getCell(target, col).value = new Date(Date.UTC(2023, 5, 30));
    });
    const { code, issues } = validate(file);
    expect(code).toBe(0);
    // Her 加减分明细 line of December is now after she left: said, as it should be.
    expect(issues.map((i) => `${i.severity} ${i.code}`)).toEqual(['warning EVENT_NOT_ON_ROLL']);
    expect(graded(file)).toEqual({ code: 0, excluded: [] });
  });

  it('one blank cell in a month is still the ordinary per-cell error', async () => {
    const file = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      wb.getWorksheet('7月')!.getCell('D4').value = null;
    });
    const { issues } = validate(file);
    expect(issues.map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual(['RECORD_BLANK 7月!D4']);
  });
});

describe('a month sheet whose header cannot be read: its header error, no false 「表中没有填写任何分数」', () => {
  it('one READ_COLUMN_MISSING at the header of 1月, no RECORD_NOT_RECORDED', async () => {
    const file = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      wb.getWorksheet('1月')!.getCell('D2').value = '学习情况';
    });
    const { code, issues } = validate(file);
    expect(code).toBe(1);
    expect(issues.map((i) => `${i.code} ${i.sheet}`)).toEqual(['READ_COLUMN_MISSING 1月']);
    expect(issues[0]!.message).toContain('学习教育');
  });

  it('a month sheet that is really blank is still 「没有填写任何分数」', async () => {
    const file = await ledgerWith('柳湾村党支部.xlsx', (wb) => {
      const ws = wb.getWorksheet('12月')!;
      ws.eachRow((_row, r) => {
        if (r > 2) for (const c of ENTRY_COLS) ws.getCell(`${c}${r}`).value = null;
      });
    });
    const { issues } = validate(file);
    expect(issues.map((i) => i.code)).toEqual(['RECORD_NOT_RECORDED']);
    expect(issues[0]!.message).toContain('表中没有填写任何分数');
  });
});
