// The written forms read back by the project's own readers: the layout contract holds.
import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Book } from '../../src/excel/lean/book.js';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { summarySheet } from '../../src/excel/write/summary.js';
import { readLedger } from '../../src/excel/read/ledger.js';
import { readSummary } from '../../src/excel/read/summary.js';
import { readApplication } from '../../src/excel/read/application.js';
import { applicationForm } from '../../src/excel/write/application.js';
import { readHistory } from '../../src/excel/read/history.js';
import { gradeWorkbook } from '../../src/excel/write/results.js';
import { schemeSchema } from '../../src/scheme/schema.js';
import { branchOne, roster, roundTrip, scheme, tmp, yearResult } from './fixtures.js';

const t = tmp();
afterAll(() => t.done());

describe('template → ledger reader', () => {
  it('reads a filled monthly template without diagnostics', async () => {
    const wb = ledgerTemplate(scheme, { branch: '第一支部', year: 2023, roster });
    wb.getWorksheet('3月')!.getCell('D3').value = 8;
    wb.getWorksheet('加减分明细')!.getRow(3).values = [1, new Date('2023-03-02T00:00:00Z'), '张三', null, '表彰', '县', '防汛', 1, 2, '县委表彰文件', '王书记'];
    const back = await roundTrip(wb, t.file('filled.xlsx'));
    const r = readLedger('filled.xlsx', back, scheme);
    expect(r.diagnostics).toEqual([]);
    expect(r.layout).toBe('monthly');
    expect(r.ledger).toMatchObject({ branch: '第一支部', schemeId: 'mini-township', cycleYear: 2023 });
    expect(r.ledger!.members.map((m) => [m.name, m.id, m.participates])).toEqual([
      ['张三', roster[0]!.id, true],
      ['李四', 'D002', true],
      ['王五', undefined, true],
      ['赵六', undefined, false],
    ]);
    const march = r.ledger!.records.find((x) => x.name === '张三' && x.period === 2)!;
    expect(march.values['duty.study']?.toNumber()).toBe(8);
    expect(r.ledger!.events).toHaveLength(1);
    expect(r.ledger!.events[0]).toMatchObject({ item: '表彰', level: '县', date: '2023-03-02', project: '防汛' });
  });

  it('reads the card layout', async () => {
    const wb = ledgerTemplate(scheme, { branch: '第一支部', year: 2023, roster, layout: 'card' });
    wb.getWorksheet('李四')!.getCell('C9').value = 9.5; // 4月, 组织生活
    const back = await roundTrip(wb, t.file('card-filled.xlsx'));
    const r = readLedger('card-filled.xlsx', back, scheme);
    expect(r.diagnostics).toEqual([]);
    expect(r.layout).toBe('card');
    const april = r.ledger!.records.find((x) => x.name === '李四' && x.period === 3)!;
    expect(april.values['duty.life']?.toNumber()).toBe(9.5);
  });

  it('reads the built-in township template', async () => {
    const file = new URL('../../src/scheme/builtin/township.json', import.meta.url); // committed: a missing file fails
    const township = schemeSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const back = await roundTrip(ledgerTemplate(township, { branch: '兰溪镇xx中学党支部', year: 2023, roster }), t.file('township-read.xlsx'));
    const r = readLedger('township-read.xlsx', back, township);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ledger!.members).toHaveLength(roster.length);
  });
});

describe('summary sheet → summary reader', () => {
  it('reads back names, components and totals', async () => {
    const wb = new Book();
    summarySheet(wb, scheme, yearResult, branchOne, '2023年度', { date: '2024-01-05' });
    const back = await roundTrip(wb, t.file('summary-read.xlsx'));
    const r = readSummary('summary-read.xlsx', back, scheme);
    expect(r.sheets).toHaveLength(1);
    const row = r.sheets[0]!.rows.find((x) => x.name === '张三')!;
    expect(row.total?.toNumber()).toBe(99.5);
    expect(row.components['duty']?.toNumber()).toBe(38.5);
    expect(r.sheets[0]!.maxima['duty']).toBe(40);
  });
});

describe('application form → application reader', () => {
  it('reads back the filled form', async () => {
    const wb = applicationForm(scheme, { branch: '第一支部', name: '张三' });
    const ws = wb.getWorksheet('积分申请表')!;
    ws.getCell('G2').value = '2023年3月';
    ws.getRow(4).getCell(2).value = '表彰';
    ws.getRow(4).getCell(3).value = '县';
    ws.getRow(4).getCell(4).value = '防汛抢险';
    ws.getRow(4).getCell(5).value = 1;
    ws.getRow(4).getCell(6).value = 2;
    ws.getRow(4).getCell(7).value = '县委文件';
    const back = await roundTrip(wb, t.file('apply-read.xlsx'));
    const r = readApplication('apply-read.xlsx', back);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.applications).toHaveLength(1);
    const a = r.applications[0]!;
    expect(a).toMatchObject({ name: '张三', branch: '第一支部', month: '2023年3月' });
    expect(a.lines).toHaveLength(1);
    expect(a.lines[0]).toMatchObject({ item: '表彰', level: '县', project: '防汛抢险', evidence: '县委文件' });
    expect(a.lines[0]!.claimed?.toNumber()).toBe(2);
  });
});

describe('grade workbook → history reader', () => {
  it('reads every member of the year once, with branch, total and grade', async () => {
    const back = await roundTrip(gradeWorkbook(scheme, yearResult, { excluded: [] }), t.file('2023评定结果.xlsx'));
    const r = readHistory('2023评定结果.xlsx', back);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const zhang = r.entries.filter((e) => e.name === '张三');
    expect(zhang).toHaveLength(1);
    expect(zhang[0]).toMatchObject({ cycle: 2023, branch: '第一支部', grade: '优秀' });
    expect(zhang[0]!.total.toNumber()).toBe(99.5);
    expect(r.entries.map((e) => e.name).sort()).toEqual(['吴九', '周八', '孙七', '张三', '李四', '王五', '郑十'].sort());
  });
});
