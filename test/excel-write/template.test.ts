import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { schemeSchema } from '../../src/scheme/schema.js';
import { ID_NUMBER, PHONE, roster, roundTrip, scheme, sheetNames, tmp } from './fixtures.js';

const t = tmp();
afterAll(() => t.done());

const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

describe('ledgerTemplate, monthly layout', async () => {
  const wb = await roundTrip(ledgerTemplate(scheme, { branch: '第一支部', year: 2023, roster }), t.file('monthly.xlsx'));

  it('has the sheets in contract order', () => {
    expect(sheetNames(wb)).toEqual(['说明', '名册', ...MONTHS, '加减分明细', '否决与处分']);
  });

  it('writes 说明 as key–value rows', () => {
    const ws = wb.getWorksheet('说明')!;
    expect(ws.getCell('A1').value).toBe('积分台账说明');
    const kv = new Map<string, unknown>();
    for (let r = 2; r <= 8; r++) kv.set(String(ws.getCell(r, 1).value), ws.getCell(r, 2).value);
    expect(kv.get('方案')).toBe('mini-township');
    // The id is read by the program, not printed: its row is hidden; no command name in the notes.
    expect(ws.getRow(2).hidden).toBe(true);
    const texts: string[] = [];
    ws.eachRow((row) => {
      if (!row.hidden) row.eachCell((c) => void texts.push(String(c.value)));
    });
    expect(texts.filter((x) => /score|mini-township/.test(x))).toEqual([]);
    expect(kv.get('方案名称')).toBe('小镇党员积分管理实施细则');
    expect(kv.get('支部')).toBe('第一支部');
    expect(kv.get('年度')).toBe(2023);
    expect(kv.get('周期起止')).toBe('2023-01-01 至 2023-12-31');
    expect(kv.has('上级党组织')).toBe(true);
    expect(kv.has('记录员')).toBe(true);
  });

  it('writes the roster with validation, text IDs and date cells', () => {
    const ws = wb.getWorksheet('名册')!;
    expect(ws.getCell('A1').value).toBe('第一支部党员名册（2023年度）');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '姓名', '编号', '性别', '出生年月', '民族', '学历', '入党时间', '党员类别', '积分管理', '志愿服务岗位', '联系电话', '转入日期', '转出日期', '备注']);
    expect(ws.getCell('B3').value).toBe('张三');
    expect(ws.getCell('C3').value).toBe(ID_NUMBER);
    expect(ws.getCell('L3').value).toBe(PHONE);
    expect(ws.getCell('L3').numFmt).toBe('@');
    expect(ws.getCell('M3').value).toBeInstanceOf(Date);
    expect((ws.getCell('M3').value as Date).toISOString().slice(0, 10)).toBe('2023-03-15');
    expect(ws.getCell('M3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('J6').value).toBe('不参加');
    expect(ws.getCell('I3').dataValidation).toMatchObject({ type: 'list', formulae: ['"正式党员,预备党员,入党积极分子"'] });
    expect(ws.getCell('J3').dataValidation).toMatchObject({ type: 'list', formulae: ['"参加,不参加"'] });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
  });

  it('writes record sheets with entry columns, ranges and a SUM', () => {
    const ws = wb.getWorksheet('3月')!;
    expect(ws.getCell('A1').value).toBe('第一支部 2023年3月 党员积分记录');
    expect(ws.getCell('A1').isMerged).toBe(true);
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '姓名', '编号', '学习教育(10分)', '组织生活(10分)', '党费缴纳(10分)', '遵纪守法(10分)', '设岗定责(20分)', '履职(20分)', '为民办实事(20分)', '合计', '依据/备注']);
    expect(ws.getCell('B4').value).toBe('李四');
    expect(ws.getCell('C4').value).toBe('D002');
    expect(ws.getCell('K3').value).toMatchObject({ formula: 'IF(COUNT(D3:J3)=0,"",SUM(D3:J3))' });
    expect(ws.getCell('D3').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 10] });
    expect(ws.getCell('H6').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 20] });
    expect(ws.getCell('D3').dataValidation.error).toContain('学习教育');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  it('writes 加减分明细 with item and level dropdowns', () => {
    const ws = wb.getWorksheet('加减分明细')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '日期', '姓名', '编号', '事项', '级别', '项目', '次数', '分值', '依据', '审核人']);
    expect(ws.getCell('E3').dataValidation).toMatchObject({ type: 'list', formulae: ['"无故缺席,迟到、早退、请假,表彰,经济发展,经验推广,参加邪教组织"'] });
    expect(ws.getCell('F42').dataValidation).toMatchObject({ type: 'list', formulae: ['"中央,省,市,县,镇"'] });
    // One printed page of ruled rows (PAGE_ROWS), printed on one page.
    expect(ws.getCell('F43').dataValidation).toBeUndefined();
    expect(ws.pageSetup.fitToHeight).toBe(1);
    expect(ws.getCell('B3').dataValidation.type).toBe('date');
  });

  it('writes 否决与处分, and no 民主评议 where the scheme has no evaluation to read', async () => {
    expect(wb.getWorksheet('民主评议')).toBeUndefined();
    const withReview = schemeSchema.parse({
      ...scheme,
      components: [...scheme.components, { id: 'review', name: '民主评议', kind: 'evaluation', weight: 0.2, votes: { weights: { good: 100, fair: 70, poor: 40 }, scale: 1, divisor: 'voters' }, gradePoints: { 优秀: 100, 合格: 80 } }],
    });
    const wr = await roundTrip(ledgerTemplate(withReview, { branch: '第一支部', year: 2023, roster }), t.file('review.xlsx'));
    const ev = wr.getWorksheet('民主评议')!;
    expect((ev.getRow(2).values as unknown[]).slice(1)).toEqual(['姓名', '编号', '好', '一般', '差', '参评人数', '评议等次', '评议得分']);
    expect(ev.getCell('A3').value).toBe('张三');
    const sa = wb.getWorksheet('否决与处分')!;
    expect((sa.getRow(2).values as unknown[]).slice(1)).toEqual(['日期', '姓名', '编号', '类型', '说明']);
    expect(sa.getCell('D3').dataValidation).toMatchObject({ type: 'list', formulae: ['"违反政治纪律,参与群体性事件,留党察看"'] });
  });
});

describe('ledgerTemplate, other shapes', () => {
  it('writes blank styled rows without a roster, and 层次 for tiered schemes', async () => {
    const tiered = schemeSchema.parse({
      ...scheme,
      tiers: [{ name: '村两委干部', base: 20 }, { name: '流动党员', base: 40 }],
      cycle: { ...scheme.cycle, record: 'quarter' },
    });
    const wb = await roundTrip(ledgerTemplate(tiered, { branch: '第二支部', year: 2023 }), t.file('tiered.xlsx'));
    expect(sheetNames(wb)).toEqual(['说明', '名册', '第一季度', '第二季度', '第三季度', '第四季度', '加减分明细', '否决与处分']);
    const ws = wb.getWorksheet('名册')!;
    expect(ws.getCell('J2').value).toBe('层次');
    expect(ws.getCell('J3').dataValidation).toMatchObject({ type: 'list', formulae: ['"村两委干部,流动党员"'] });
    expect(ws.getCell('B42').border?.left?.style).toBe('thin');
    expect(ws.getCell('B43').border?.left?.style).toBeUndefined();
    expect(wb.getWorksheet('第一季度')!.getCell('A1').value).toBe('第二支部 2023年第一季度 党员积分记录');
  });

  it('follows a July cycle in sheet order and puts long item lists in a hidden _lists sheet', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `i${i}`, name: `加分事项第${i + 1}项`, component: 'bonus', points: 1 }));
    const july = schemeSchema.parse({ ...scheme, cycle: { ...scheme.cycle, startMonth: 7 }, items: many });
    const wb = await roundTrip(ledgerTemplate(july, { branch: '村支部', year: 2023 }), t.file('july.xlsx'));
    const names = sheetNames(wb);
    expect(names.slice(2, 14)).toEqual(['7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月', '4月', '5月', '6月']);
    expect(names.at(-1)).toBe('_lists');
    expect(wb.getWorksheet('_lists')!.state).toBe('hidden');
    expect(wb.getWorksheet('7月')!.getCell('A1').value).toBe('村支部 2022年7月 党员积分记录');
    const v = wb.getWorksheet('加减分明细')!.getCell('E3').dataValidation;
    expect(v.type).toBe('list');
    expect(v.formulae[0]).toMatch(/^'_lists'!\$[A-Z]+\$2:\$[A-Z]+\$41$/);
    const info = wb.getWorksheet('说明')!;
    expect(info.getCell('B7').value).toBe('2022-07-01 至 2023-06-30');
  });

  it('prints a table on as few pages as its rows need: a roster of 36 on one, of 60 on two', () => {
    const many = (n: number) => [...Array(n).keys()].map((i) => ({ ...roster[0]!, key: `m${i}`, name: `党员${i}`, id: `D${1000 + i}` }));
    for (const [n, pages] of [[36, 1], [60, 2]] as const) {
      const wb = ledgerTemplate(scheme, { branch: '第一支部', year: 2023, roster: many(n) });
      for (const name of ['名册', '1月']) expect(wb.getWorksheet(name)!.pageSetup.fitToHeight, `${n} members, ${name}`).toBe(pages);
    }
  });

  it('writes a card per member with the --layout card', async () => {
    const withDup = [...roster, { ...roster[0]!, key: 'x', id: 'D099', phone: undefined }];
    const wb = await roundTrip(ledgerTemplate(scheme, { branch: '第一支部', year: 2023, layout: 'card', roster: withDup }), t.file('card.xlsx'));
    expect(sheetNames(wb)).toEqual(['说明', '名册', '张三', '李四', '王五', '赵六', '张三(2)', '加减分明细', '否决与处分']);
    const ws = wb.getWorksheet('张三')!;
    expect(ws.getCell('A1').value).toBe('第一支部党员日常行为积分管理记录表（2023年度）');
    expect(ws.getCell('A3').value).toBe('姓名');
    expect(ws.getCell('B3').value).toBe('张三');
    expect(ws.getCell('D3').value).toBe(ID_NUMBER);
    expect(ws.getCell('H4').value).toBe(PHONE);
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '月份') headerRow = n;
    });
    expect(headerRow).toBe(5);
    expect(ws.getCell('B5').value).toBe('学习教育(10分)');
    expect(ws.getCell('I5').value).toBe('合计');
    expect(ws.getCell('A6').value).toBe('1月');
    expect(ws.getCell('A17').value).toBe('12月');
    expect(ws.getCell('I6').value).toMatchObject({ formula: 'IF(COUNT(B6:H6)=0,"",SUM(B6:H6))' });
    expect(ws.getCell('B6').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 10] });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  });

  it('uses the built-in township scheme', async () => {
    const file = new URL('../../src/scheme/builtin/township.json', import.meta.url); // committed: a missing file fails
    const township = schemeSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const wb = await roundTrip(ledgerTemplate(township, { branch: '兰溪镇xx中学党支部', year: 2023, roster }), t.file('township.xlsx'));
    expect(sheetNames(wb).slice(0, 3)).toEqual(['说明', '名册', '1月']);
    expect(wb.getWorksheet('说明')!.getCell('B2').value).toBe(township.id);
  });
});
