import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { scoringStandard } from '../../src/excel/write/standard.js';
import { applicationForm } from '../../src/excel/write/application.js';
import { schemeSchema } from '../../src/scheme/schema.js';
import { allText, roundTrip, scheme, sheetNames, tmp } from './fixtures.js';

const t = tmp();
afterAll(() => t.done());

function columnA(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => out.push(String(row.getCell(1).value ?? '').trim()));
  return out;
}

describe('scoringStandard', async () => {
  const wb = await roundTrip(scoringStandard(scheme), t.file('standard.xlsx'));
  const ws = wb.worksheets[0]!;

  it('has the title, header and landscape A4 print setup', () => {
    expect(ws.getCell('A1').value).toBe('小镇党员积分管理实施细则 计分标准');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['项目', '计分标准', '分值/上限', '评分方式']);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, printTitlesRow: '1:2' });
  });

  it('lists components, items, bands, quota and decisions', () => {
    const a = columnA(ws);
    expect(a).toContain('履行党员义务(40分)');
    expect(a).toContain('志愿服务岗位贡献(60分)');
    expect(a).toContain('加分项(10分)');
    expect(a).toContain('表彰');
    expect(a).toContain('名额');
    expect(a).toContain('百分制');
    const text = allText(wb).join('\n');
    expect(text).toContain('1.学习教育10分');
    expect(text).toContain('中央、省4分；市3分；县2分；镇1分');
    expect(text).toContain('同一项目按最高级计分，不累计');
    expect(text).toContain('多人共同完成的平均分配');
    expect(text).toContain('每次扣5分');
    expect(text).toContain('★★★★★');
    expect(text).toContain('80分及以上');
    expect(text).toContain('70分（含）至80分（不含）');
    expect(text).toContain('优秀不超过参评党员的20%');
    expect(text).toContain('违反政治纪律、参与群体性事件的，年度积分为零');
    expect(text).toContain('年度积分超过 100 分的按 100 分计。');
  });

  it('renders the built-in township scheme', async () => {
    const file = new URL('../../src/scheme/builtin/township.json', import.meta.url); // committed: a missing file fails
    const township = schemeSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const back = await roundTrip(scoringStandard(township), t.file('township-standard.xlsx'));
    const text = allText(back).join('\n');
    expect(text).toContain('履行党员义务(40分)');
    expect(text).toContain('表彰');
  });
});

describe('applicationForm', async () => {
  const wb = await roundTrip(applicationForm(scheme, { branch: '第一支部', name: '张三' }), t.file('apply.xlsx'));
  const ws = wb.getWorksheet('积分申请表')!;

  it('has the title, labelled value cells and the claim table', () => {
    expect(sheetNames(wb)).toEqual(['积分申请表']);
    expect(ws.getCell('A1').value).toBe('党员积分申请表');
    expect(ws.getCell('A2').value).toBe('姓名');
    expect(ws.getCell('B2').value).toBe('张三');
    expect(ws.getCell('C2').value).toBe('所在支部');
    expect(ws.getCell('D2').value).toBe('第一支部');
    expect(ws.getCell('F2').value).toBe('申报月份');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '申报事项', '级别', '项目', '次数', '申报分值', '佐证材料', '认定分值']);
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('A13').value).toBe(10);
    expect(ws.getCell('B4').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('C13').dataValidation).toMatchObject({ type: 'list', formulae: ['"中央,省,市,县,镇"'] });
    const a = columnA(ws);
    expect(a).toEqual(expect.arrayContaining(['支委初评：', '审核人：', '日期：']));
    expect(a.indexOf('支委初评：')).toBeGreaterThan(a.indexOf('10'));
  });
});
