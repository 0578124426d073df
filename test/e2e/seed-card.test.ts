// Seed 003 附件2 《党员日常行为积分管理记录表》 from `score template --layout card` (issue 18's township
// finding, issue 19 item 2): the card has the seed's 身体状况, monthly 加分项 and 扣分项 and a 合计 row,
// the 说明 says what goes in each, and the card filled as a clerk fills it grades to the hand totals.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, score, tmp } from '../helpers/cli.js';
import { gradeAsync } from './lib.js';

let template: string;

beforeAll(() => {
  ensureBuilt();
  const dir = tmp('score-seed-card-');
  const r = score(['template', '--scheme', 'township', '--layout', 'card', '--branch', '兰溪村党支部', '--year', '2023', '--out', dir]);
  expect(r.code, r.stderr).toBe(0);
  template = join(dir, '兰溪村党支部_积分台账_2023.xlsx');
}, 60_000);

async function open(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  return wb;
}

const text = (ws: ExcelJS.Worksheet, ref: string): string => String(ws.getCell(ref).value ?? '');

/**
 * The blank card filled as a clerk fills it: 甲 on the roster and the card, each month 学习教育 …
 * 遵纪守法 10 10 10 10 and 岗位 28 27 (95), the 合计 column and row left as the template's formulas.
 */
async function fill(extra: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = await open();
  const roster = wb.getWorksheet('名册')!;
  const cols: Record<string, { row: number; col: number }> = {};
  roster.eachRow((row, n) => {
    row.eachCell((c, col) => {
      if (typeof c.value === 'string' && !cols[c.value]) cols[c.value] = { row: n, col };
    });
  });
  roster.getCell(cols['姓名']!.row + 1, cols['姓名']!.col).value = '甲';
  roster.getCell(cols['党员类别']!.row + 1, cols['党员类别']!.col).value = '正式党员';
  const card = wb.getWorksheet('记录卡')!;
  card.getCell('B3').value = '甲';
  for (let m = 0; m < 12; m++) [10, 10, 10, 10, 28, 27].forEach((v, i) => (card.getCell(6 + m, 2 + i).value = v));
  extra(card);
  const file = join(tmp('score-seed-card-filled-'), '兰溪村党支部.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('score template --layout card: the seed 003 附件2 card', () => {
  it('has the seed\'s 基本情况 with 身体状况, the months with 加分项 and 扣分项, and a 合计 row', async () => {
    const card = (await open()).getWorksheet('记录卡')!;
    expect(['A3', 'C3', 'E3', 'G3', 'I3', 'A4', 'C4', 'E4', 'G4'].map((r) => text(card, r))).toEqual(['姓名', '编号', '性别', '出生年月', '民族', '学历', '入党时间', '身体状况', '联系电话']);
    expect(['A5', 'H5', 'I5', 'J5'].map((r) => text(card, r))).toEqual(['月份', '合计', '加分项', '扣分项']);
    expect(text(card, 'A6')).toBe('1月');
    expect(text(card, 'A17')).toBe('12月');
    expect(text(card, 'A18')).toBe('合计');
    expect(card.getCell('B18').value).toMatchObject({ formula: 'IF(COUNT(B6:B17)=0,"",SUM(B6:B17))' });
    expect(card.getCell('I18').value).toMatchObject({ formula: 'IF(COUNT(I6:I17)=0,"",SUM(I6:I17))' });
    // 扣分项 offers the veto types (the seed's 扣分项 is 一票否决).
    expect(card.getCell('J6').dataValidation).toMatchObject({ type: 'list' });
    expect(card.getCell('I6').dataValidation).toMatchObject({ type: 'decimal' });
  });

  it('说明 says what goes in 加分项, 扣分项 and the 合计 row', async () => {
    const info = (await open()).getWorksheet('说明')!;
    const notes: string[] = [];
    info.eachRow((row) => notes.push(String(row.getCell(1).value ?? '')));
    const line = notes.find((n) => n.includes('记录卡'))!;
    expect(line).toContain('“加分项”填当月加分的分数，全年合计不超过10分');
    expect(line).toContain('“扣分项”只在发生一票否决情形时选择其类型');
    expect(line).toContain('“合计”行自动求各月之和');
  });

  it('filled with 2 in May\'s 加分项: 95 + 2 = 97, graded clean', async () => {
    const file = await fill((ws) => (ws.getCell('I10').value = 2));
    const { run, out } = await gradeAsync([file], 2023, tmp(), ['--no-history']);
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(out.members.map((m) => [m.name, m.total])).toEqual([['甲', 97]]);
  });

  it('扣分项 「违反法律法规」 in August: 年度积分为零', async () => {
    const file = await fill((ws) => (ws.getCell('J13').value = '违反法律法规'));
    const { out } = await gradeAsync([file], 2023, tmp(), ['--no-history']);
    expect(out.members.map((m) => [m.name, m.total, m.vetoed])).toEqual([['甲', 0, true]]);
  });

  it('a 合计 row typed by hand that is not the months\' sum is an error at its cell', async () => {
    const file = await fill((ws) => (ws.getCell('B18').value = 100));
    const { out } = await gradeAsync([file], 2023, tmp(), ['--no-history']);
    expect(out.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.sheet} ${i.cell}`)).toEqual(['READ_CARD_TOTAL_ROW 记录卡 B18']);
  });
});
