// The 问题清单 in process (issue 22): a member named on every line (from the cell's row, else from
// the roster name the message quotes), errors before warnings with a member's lines together, a
// problem naming several files listed once in its own sheet, and the code beside the print area.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import type { Ledger } from '../../src/core/model.js';
import { dec } from '../../src/core/decimal.js';
import { problemsWorkbook, SHARED_SHEET } from '../../src/excel/write/problems.js';

function diag(code: string, severity: Diagnostic['severity'], file: string, zh: string, sheet?: string, cell?: string): Diagnostic {
  return { code, severity, file, ...(sheet ? { sheet } : {}), ...(cell ? { cell } : {}), message: { zh, en: zh }, fix: { zh: '改正', en: 'fix' } };
}

function ledger(file: string): Ledger {
  const src = (sheet: string, cell: string) => ({ file, sheet, cell });
  return {
    file,
    branch: '第一支部',
    info: {},
    members: [
      { key: '张三', name: '张三', category: '正式党员', participates: true, posts: [], source: src('名册', 'B3') },
      { key: '李四', name: '李四', category: '正式党员', participates: true, posts: [], source: src('名册', 'B4') },
    ],
    records: [{ name: '李四', period: 2, values: {}, row: 7, source: { file, sheet: '3月' } }],
    events: [{ name: '张三', item: '表彰', count: dec(1), cells: { item: 'E5' }, source: src('加减分明细', 'C5') }],
    evaluations: [],
    sanctions: [],
  };
}

function lines(ws: import('exceljs').Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((row, n) => {
    if (n > 3 && row.getCell(1).value !== null) out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return out;
}

describe('problemsWorkbook', () => {
  const a = '/in/第一支部.xlsx';
  const b = '/in/第一支部（补报）.xlsx';
  const twice = '支部「第一支部」在本批中有 2 个台账：第一支部.xlsx、第一支部（补报）.xlsx';
  const copied = '「学习教育」12 分，超过该项满分 10';
  const groups = [
    {
      file: a,
      branch: '第一支部',
      ledger: ledger(a),
      diagnostics: [
        diag('EVENT_X', 'warning', a, '事项不对', '加减分明细', 'E5'),
        diag('SHEET_X', 'warning', a, '整张表的问题', '加减分明细'),
        diag('RECORD_ABOVE_MAX', 'error', a, copied, '3月', 'D7'),
        diag('CAP_EXCEEDED', 'warning', a, '「张三」的加分项合计 11 分', '加减分明细'),
        diag('INPUT_DUPLICATE_BRANCH', 'error', a, twice, '说明'),
      ],
    },
    { file: b, branch: '第一支部', diagnostics: [diag('RECORD_ABOVE_MAX', 'error', b, copied, '3月', 'D7'), diag('INPUT_DUPLICATE_BRANCH', 'error', b, twice, '说明')] },
  ];
  const wb = problemsWorkbook(groups, 'zh', '检查到2023年3月，2026年12月7日检查');

  it('lists a problem naming several files once, first, and points at it from each branch sheet', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([SHARED_SHEET, '第一支部', '第一支部（补报）']);
    const shared = lines(wb.worksheets[0]!);
    expect(shared.map((l) => l[1])).toEqual(['第一支部.xlsx\n第一支部（补报）.xlsx']);
    for (const ws of wb.worksheets.slice(1)) {
      expect(String(ws.getCell(2, 1).value)).toContain('另有 1 个涉及多个台账的问题');
      expect(lines(ws).some((l) => l[8] === 'INPUT_DUPLICATE_BRANCH'), ws.name).toBe(false);
    }
    // The same cell's problem in two copies of a file names no file: it stays with each.
    expect(lines(wb.worksheets[2]!).map((l) => l[8])).toEqual(['RECORD_ABOVE_MAX']);
  });

  it('names the member of every line, errors first, a member\'s lines together', () => {
    const rows = lines(wb.getWorksheet('第一支部')!);
    expect(rows.map((l) => [l[1], l[4], l[8]])).toEqual([
      ['李四', '错误', 'RECORD_ABOVE_MAX'],
      ['（全表）', '警告', 'SHEET_X'],
      ['张三', '警告', 'EVENT_X'],
      ['张三', '警告', 'CAP_EXCEEDED'],
    ]);
  });

  it('titles each sheet with what was checked and keeps the code out of the print area', () => {
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell(1, 1).value)).toMatch(/（检查到2023年3月，2026年12月7日检查）$/);
      const last = ws.name === SHARED_SHEET ? 'E' : 'H';
      expect(ws.pageSetup.printArea).toMatch(new RegExp(`^A\\$?1:${last}\\$?\\d+$`));
      expect(ws.getCell(3, ws.name === SHARED_SHEET ? 6 : 9).value).toBe('代码');
    }
  });
});
