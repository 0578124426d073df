import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { fieldCell, recordCell, type Ledger } from '../../src/core/model.js';
import { readLedger, readLedgerInfo } from '../../src/excel/read/ledger.js';
import { makeTmp, open, put, quarterScheme, testScheme, title } from './helpers.js';

const tmp = makeTmp();
const FILE = tmp.path('第一支部.xlsx');
const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

async function writeMain(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const hidden = wb.addWorksheet('_lists');
  hidden.state = 'hidden';
  put(hidden, 1, ['姓名', '编号']);
  put(hidden, 2, ['假人', 'X']);

  const info = wb.addWorksheet(' 说明 ');
  title(info, 1, '积分台账说明', 2);
  put(info, 2, ['方案', 'test-town']);
  put(info, 3, ['方案名称', '测试方案']);
  put(info, 4, ['支部：', '第一支部']);
  put(info, 5, ['上级党组织', '某镇党委']);
  put(info, 6, ['年度', '2023']);
  put(info, 7, ['周期起止', '2023-01-01 至 2023-12-31']);
  put(info, 8, ['记录员', '王某']);

  const roster = wb.addWorksheet('名册');
  title(roster, 1, '第一支部党员名册', 17);
  // Reordered columns, an extra 政治面貌 column, synonyms (党员姓名, 类别, 是否参加积分, 转入时间).
  put(roster, 2, ['序号', '编号', '党员 姓名', '性别', '类别', '是否参加积分', '志愿服务岗位', '政治面貌', '转入时间', '转出日期', '联系电话', '出生年月', '层次']);
  put(roster, 3, [1, 'D001', '张三', '男', '正式党员', '参加', '政策宣传、环境整治', '党员', new Date(Date.UTC(2023, 2, 5)), undefined, '13800000000', '1980.05', '一般党员']);
  // biome-ignore lint/correctness/noPrecisionLoss: an 18-digit ID typed as a number, as Excel stores it (digits lost)
  put(roster, 4, [2, 110101199001011234, '李四', '女', '正式党员', '', '治安巡逻，环境整治;  文明劝导', '党员', 45000]);
  put(roster, 5, [3, 'D003', ' 王五 ', '男', '预备党员', '不参加', '', '', '2023/03/05']);
  put(roster, 6, [4, 'D004', '赵六', '男', '正式党员', '参加', '', '', '2023.3.5']);
  put(roster, 8, [5, 'D005', '钱七', '女', '正式党员', '参加', '', '', '2023年3月5日', '2023-3-5']);
  put(roster, 9, [6, 'D006', '孙八', '男', '正式党员', '参加', '', '', '2023-13-01']);
  put(roster, 10, ['填表人：王某', undefined, undefined, undefined, '审核人：李某']);
  put(roster, 11, [7, 'D007', '不该读到', '男', '正式党员']);

  // 1月: header at row 6 under a merged title and some text rows; columns reordered, alias 学习, (10分) suffixes.
  const jan = wb.addWorksheet('1月');
  title(jan, 1, '第一支部2023年1月党员积分记录表', 10);
  put(jan, 2, ['支部：第一支部']);
  put(jan, 4, ['填表日期：2023年2月1日']);
  put(jan, 6, ['序号', '姓名', '编号', '组织生活(10分)', '学习（10分）', '作用发挥', '遵纪守法\n（10分）', '签到', '合计', '依据/备注']);
  put(jan, 7, [1, '张三', 'D001', 10, '８．５', ' 9 ', 10, '是', { formula: 'SUM(D7:G7)', result: 37.5 }, '']);
  put(jan, 8, [2, '李四', '110101199001011234', undefined, 'abc', 5, '', '', { formula: 'SUM(D8:G8)' }]);
  put(jan, 9, [3, '王五', 'D003', { formula: 'D7' }, { formula: 'D7/0', result: { error: '#DIV/0!' } }, 1, 2, '', 3]);
  put(jan, 11, [4, '赵六', 'D004', 7, 7, 7, 7]);
  put(jan, 12, ['合计', undefined, undefined, 17]);
  put(jan, 13, [5, '钱七', 'D005', 1, 1, 1, 1]);

  // 2月: header right under a merged title; no 编号 column.
  const feb = wb.addWorksheet('2月');
  title(feb, 1, '2月', 7);
  put(feb, 2, ['序号', '姓名', '学习教育', '组织生活', '遵纪守法', '作用发挥', '合计']);
  put(feb, 3, [1, '张三', 10, 10, 10, 10, 40]);
  put(feb, 4, [undefined, '', 3]);
  // 3月–11月 empty but present; 12月 missing.
  for (const m of MONTHS.slice(2, 11)) put(wb.addWorksheet(m), 1, ['序号', '姓名', '编号', '学习教育', '组织生活', '遵纪守法', '作用发挥', '合计']);

  const ev = wb.addWorksheet('加减分明细');
  title(ev, 1, '加减分明细', 11);
  put(ev, 2, ['序号', '日期', '姓名', '编号', '事项', '级别', '项目', '次数', '分值', '依据', '审核人']);
  put(ev, 3, [1, new Date(Date.UTC(2023, 3, 2)), '张三', 'D001', '见义勇为', '县', '抗洪', undefined, undefined, '县委表彰', '李某']);
  put(ev, 4, [2, '2023/4/5', '李四', undefined, '未参加组织生活', undefined, undefined, '２', '-2', undefined, '李某']);
  put(ev, 5, [3, 45040, '王五', 'D003', '其他', undefined, undefined, 1, '２．５']);
  put(ev, 6, [4, '四月五日', '赵六', 'D004', '其他', undefined, undefined, 'x', 1]);
  put(ev, 7, ['审核人：李某']);

  const evals = wb.addWorksheet('民主评议');
  put(evals, 1, ['序号', '姓名', '编号', '好', '一般', '差', '参评人数', '评议等次', '评议得分']);
  put(evals, 2, [1, '张三', 'D001', 20, 3, 0, 23, '好', { formula: '(D2*10+E2*6)/G2', result: 9.478260869565217 }]);
  put(evals, 3, [2, '李四', undefined, undefined, undefined, undefined, undefined, '一般']);

  const sanc = wb.addWorksheet('否决与处分');
  put(sanc, 1, ['日期', '姓名', '编号', '类型', '说明']);
  put(sanc, 2, ['2023年6月1日', '王五', 'D003', '警告处分', '违反规定']);
  await wb.xlsx.writeFile(FILE);
}

async function writeCard(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  put(wb.addWorksheet('说明'), 1, ['方案', 'test-town']);
  const roster = wb.addWorksheet('名册');
  put(roster, 1, ['序号', '姓名', '编号', '党员类别']);
  put(roster, 2, [1, '张三', 'D001', '正式党员']);
  put(roster, 3, [2, '李四', 'D002', '正式党员']);
  for (const [name, id] of [['张三', 'D001'], ['李四', undefined]] as const) {
    const ws = wb.addWorksheet(name);
    title(ws, 1, '党员日常行为积分管理记录表', 8);
    put(ws, 2, ['姓名', undefined, name, '编号', id ?? '', '支部', '第一支部']);
    put(ws, 3, ['月份', '学习教育(10分)', '组织生活(10分)', '遵纪守法(10分)', '作用发挥(10分)', '合计', '备注']);
    put(ws, 4, ['1月', 10, 9, 8, 7, 34]);
    put(ws, 5, ['2 月', 10, 10, 10, 10, { formula: 'SUM(B5:E5)', result: 40 }]);
    put(ws, 6, ['十二月', 1, 1, 1, 1]);
    put(ws, 7, ['13月', 1, 1, 1, 1]);
    put(ws, 8, ['全年合计', 21, 20, 19, 18]);
  }
  await wb.xlsx.writeFile(tmp.path('card.xlsx'));
}

async function writeBroken(): Promise<void> {
  const noRoster = new ExcelJS.Workbook();
  put(noRoster.addWorksheet('说明'), 1, ['年度', '二〇二三']);
  put(noRoster.addWorksheet('Sheet1'), 1, ['x']);
  await noRoster.xlsx.writeFile(tmp.path('no-roster.xlsx'));

  const bad = new ExcelJS.Workbook();
  put(bad.addWorksheet('名册'), 1, ['序号', '名称', '类别']);
  const jan = bad.addWorksheet('第一季度');
  put(jan, 2, ['序号', '姓名', '学习教育', '组织生活', '作用发挥']);
  put(jan, 3, [1, '张三', 1, 1, 1]);
  await bad.xlsx.writeFile(tmp.path('bad-headers.xlsx'));

  const big = new ExcelJS.Workbook();
  put(big.addWorksheet('名册'), 1, ['姓名', '党员类别']);
  const ev = big.addWorksheet('加减分明细');
  put(ev, 1, ['姓名', '事项', '分值']);
  for (let i = 0; i < 20_005; i++) ev.addRow([`党员${i}`, '其他', 1]);
  await big.xlsx.writeFile(tmp.path('big.xlsx'));
}

let ledger: Ledger;
let diags: Diagnostic[];
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.sheet ?? ''}!${d.cell ?? ''}`);

beforeAll(async () => {
  await Promise.all([writeMain(), writeCard(), writeBroken()]);
  const r = readLedger(FILE, await open(FILE), testScheme);
  ledger = r.ledger!;
  diags = r.diagnostics;
});
afterAll(() => tmp.cleanup());

describe('readLedger: the 积分台账 workbook', () => {
  it('reports exactly the unreadable cells', () => {
    // 12月 is not there: a month not yet recorded, which the period decides about (core/check/validate), not the reader.
    expect(ledger.absentRecords).toEqual([11]);
    expect(codes(diags)).toEqual([
      'READ_ID_PRECISION 名册!B4',
      'READ_BAD_DATE 名册!I9',
      'READ_ROWS_AFTER_TOTAL 名册!A11', // 不该读到, below the signature row: not read, and said (issue 20)
      // the full-width and text scores of this workbook, each at its cell (a few; many are summed up once)
      'READ_NUMBER_AS_TEXT 1月!E7',
      'READ_NUMBER_AS_TEXT 1月!F7',
      'READ_NOT_A_NUMBER 1月!E8',
      'READ_FORMULA_NO_CACHE 1月!D9',
      'READ_FORMULA_ERROR 1月!E9',
      'READ_ROWS_AFTER_TOTAL 1月!A13', // 钱七, below the 合计 row
      'READ_ROW_NO_NAME 2月!B4',
      'READ_NUMBER_AS_TEXT 加减分明细!H4',
      'READ_NUMBER_AS_TEXT 加减分明细!I4',
      'READ_NUMBER_AS_TEXT 加减分明细!I5',
      'READ_BAD_DATE 加减分明细!B6',
      'READ_NOT_A_NUMBER 加减分明细!H6',
    ]);
    const byCode = Object.fromEntries(diags.map((d) => [`${d.code}${d.cell ?? ''}`, d]));
    expect(byCode['READ_NOT_A_NUMBERE8']).toMatchObject({ file: FILE, sheet: '1月', value: 'abc', severity: 'error' });
    expect(byCode['READ_FORMULA_ERRORE9']!.message.zh).toContain('#DIV/0!');
    expect(byCode['READ_FORMULA_NO_CACHED9']!.value).toBe('=D7');
    expect(byCode['READ_BAD_DATEI9']!.value).toBe('2023-13-01');
    expect(byCode['READ_ID_PRECISIONB4']!.severity).toBe('warning');
  });

  it('reads 说明 (title merged, keys with a colon)', () => {
    expect(ledger.schemeId).toBe('test-town');
    expect(ledger.cycleYear).toBe(2023);
    expect(ledger.branch).toBe('第一支部');
    expect(ledger.info).toMatchObject({ 方案名称: '测试方案', 上级党组织: '某镇党委', 周期起止: '2023-01-01 至 2023-12-31', 记录员: '王某' });
    expect(readLedgerInfo(FILE, ledgerWb)).toMatchObject({ schemeId: 'test-town', cycleYear: 2023, branch: '第一支部', diagnostics: [] });
  });

  it('reads 名册 with reordered columns, synonyms, posts, dates in every spelling; stops at the signature row', () => {
    expect(ledger.members.map((m) => m.key)).toEqual(['D001', '110101199001011000', 'D003', 'D004', 'D005', 'D006']);
    expect(ledger.members.map((m) => m.joined)).toEqual(['2023-03-05', '2023-03-15', '2023-03-05', '2023-03-05', '2023-03-05', undefined]);
    const [zs, ls, ww, , qq] = ledger.members;
    expect(zs).toMatchObject({ name: '张三', id: 'D001', category: '正式党员', participates: true, posts: ['政策宣传', '环境整治'], phone: '13800000000', birth: '1980.05', tier: '一般党员', source: { file: FILE, sheet: '名册', cell: 'C3' } });
    expect(ls!.posts).toEqual(['治安巡逻', '环境整治', '文明劝导']);
    expect(ls!.participates).toBe(true);
    expect(ww).toMatchObject({ name: '王五', category: '预备党员', participates: false, posts: [] });
    expect(qq!.left).toBe('2023-03-05');
  });

  it('reads 1月 with its header at row 6, aliases and (10分) suffixes, text and full-width numbers', () => {
    const jan = ledger.records.filter((r) => r.period === 0);
    expect(jan.map((r) => r.name)).toEqual(['张三', '李四', '王五', '赵六']);
    const zs = jan[0]!;
    expect(Object.fromEntries(Object.entries(zs.values).map(([k, v]) => [k, v?.toString() ?? null]))).toEqual({
      'duty.study': '8.5',
      'duty.meeting': '10',
      'duty.law': '10',
      'duty.role': '9',
    });
    expect(zs.writtenTotal?.toString()).toBe('37.5');
    expect(recordCell(zs, 'total')).toEqual({ file: FILE, sheet: '1月', cell: 'I7' });
    expect(recordCell(zs, 'duty.study')).toEqual({ file: FILE, sheet: '1月', cell: 'E7' });
    expect(recordCell(zs, 'duty.law').cell).toBe('G7');
    expect(recordCell(zs, 'no.such')).toEqual({ file: FILE, sheet: '1月', cell: 'B7' });
    expect(zs.id).toBe('D001');
    const ls = jan[1]!;
    expect(ls.values['duty.meeting']).toBeNull();
    expect(ls.values['duty.study']).toBeNull();
    expect(ls.values['duty.law']).toBeNull();
    expect(ls.values['duty.role']?.toString()).toBe('5');
    expect(ls.writtenTotal).toBeUndefined();
    expect(ls.id).toBe('110101199001011234');
    const ww = jan[2]!;
    expect(ww.values['duty.meeting']).toBeNull();
    expect(ww.values['duty.study']).toBeNull();
    expect(ww.writtenTotal?.toString()).toBe('3');
  });

  it('reads 2月 without an 编号 column, periods by sheet name', () => {
    const feb = ledger.records.filter((r) => r.period === 1);
    expect(feb).toHaveLength(1);
    expect(feb[0]!.id).toBeUndefined();
    expect(feb[0]!.writtenTotal?.toString()).toBe('40');
    expect(ledger.records.every((r) => r.period <= 1)).toBe(true);
  });

  it('reads 加减分明细: dates, count default 1, text numbers, raw item text', () => {
    expect(ledger.events).toHaveLength(4);
    const [a, b, c, d] = ledger.events;
    expect(a).toMatchObject({ date: '2023-04-02', name: '张三', id: 'D001', item: '见义勇为', level: '县', project: '抗洪', basis: '县委表彰' });
    expect(a!.count.toString()).toBe('1');
    expect(a!.points).toBeUndefined();
    expect(b).toMatchObject({ date: '2023-04-05', name: '李四', item: '未参加组织生活' });
    expect(b!.count.toString()).toBe('2');
    expect(b!.points?.toString()).toBe('-2');
    expect(c!.date).toBe('2023-04-24');
    expect(c!.points?.toString()).toBe('2.5');
    expect(d!.date).toBeUndefined();
    expect(d!.count.toString()).toBe('1');
    expect(d!.source).toEqual({ file: FILE, sheet: '加减分明细', cell: 'C6' });
  });

  it('reads 民主评议 and 否决与处分', () => {
    expect(ledger.evaluations).toHaveLength(2);
    const [a, b] = ledger.evaluations;
    expect([a!.good, a!.fair, a!.poor, a!.voters].map((v) => v?.toString())).toEqual(['20', '3', '0', '23']);
    expect(a!.grade).toBe('好');
    expect(a!.score?.toString()).toBe('9.47826086956522');
    expect(b).toMatchObject({ name: '李四', grade: '一般' });
    expect(b!.good).toBeUndefined();
    expect(ledger.sanctions).toEqual([
      expect.objectContaining({ date: '2023-06-01', name: '王五', id: 'D003', type: '警告处分', note: '违反规定', source: { file: FILE, sheet: '否决与处分', cell: 'B2' } }),
    ]);
    // Each field's own cell, so a message points at the 类型 or the 日期 that is wrong, not the 姓名.
    const s = ledger.sanctions[0]!;
    expect(fieldCell(s, 'type')).toEqual({ file: FILE, sheet: '否决与处分', cell: expect.stringMatching(/^[A-Z]+2$/) });
    expect(fieldCell(s, 'date').cell).toMatch(/^[A-Z]+2$/);
    expect(fieldCell(s, 'date').cell).not.toBe(fieldCell(s, 'type').cell);
  });

  it.each([
    ['2023', 2023],
    ['2023年度', 2023],
    ['２０２３年', 2023],
    ['2022—2023年度', 2023],
  ])('年度 %s → %s', async (text, year) => {
    const wb = new ExcelJS.Workbook();
    put(wb.addWorksheet('说明'), 1, ['年度', text]);
    expect(readLedgerInfo('x.xlsx', wb)).toMatchObject({ cycleYear: year, diagnostics: [] });
  });

  it('without a scheme, reads everything but the record sheets', async () => {
    const r = readLedger(FILE, await open(FILE), undefined);
    expect(r.ledger?.records).toEqual([]);
    expect(r.ledger?.members).toHaveLength(6);
    expect(r.diagnostics.some((d) => d.sheet === '1月')).toBe(false);
  });
});

let ledgerWb: ExcelJS.Workbook;
beforeAll(async () => {
  ledgerWb = await open(FILE);
});

describe('readLedger: card layout (党员日常行为积分管理记录表)', () => {
  it('reads one sheet per member, a row per month', async () => {
    const file = tmp.path('card.xlsx');
    const r = readLedger(file, await open(file), testScheme);
    expect(r.layout).toBe('card');
    expect(codes(r.diagnostics)).toEqual(['READ_BAD_PERIOD 张三!A7', 'READ_BAD_PERIOD 李四!A7']);
    const recs = r.ledger!.records;
    expect(recs.map((x) => `${x.name}/${x.id ?? '-'}/${x.period}`)).toEqual(['张三/D001/0', '张三/D001/1', '张三/D001/11', '李四/-/0', '李四/-/1', '李四/-/11']);
    expect(recs[0]!.values['duty.study']?.toString()).toBe('10');
    expect(recs[0]!.values['duty.role']?.toString()).toBe('7');
    expect(recordCell(recs[0]!, 'duty.role')).toEqual({ file, sheet: '张三', cell: 'E4' });
    expect(recs[1]!.writtenTotal?.toString()).toBe('40');
    expect(recs[2]!.writtenTotal).toBeUndefined();
  });
});

describe('readLedger: broken ledgers', () => {
  it('no 名册: an error and no ledger; a bad 年度', async () => {
    const file = tmp.path('no-roster.xlsx');
    const r = readLedger(file, await open(file), testScheme);
    expect(r.ledger).toBeUndefined();
    expect(codes(r.diagnostics)).toEqual(['READ_SHEET_MISSING !', 'READ_BAD_YEAR 说明!B1']);
    expect(r.diagnostics[0]!.message.zh).toContain('名册');
    expect(r.diagnostics[0]!.fix.zh).toContain('Sheet1');
  });

  it('header not found and missing columns', async () => {
    const file = tmp.path('bad-headers.xlsx');
    const r = readLedger(file, await open(file), quarterScheme);
    expect(codes(r.diagnostics)).toEqual([
      'READ_INFO_MISSING !',
      'READ_HEADER_NOT_FOUND 名册!',
      'READ_COLUMN_MISSING 第一季度!A2',
    ]);
    expect(r.ledger!.absentRecords).toEqual([1, 2, 3]);
    expect(r.diagnostics[2]!.message.zh).toContain('遵纪守法');
    expect(r.ledger!.members).toEqual([]);
    expect(r.ledger!.branch).toBe('bad-headers');
  });

  it('too many rows: the first MAX_ROWS are read and the rest reported', async () => {
    const file = tmp.path('big.xlsx');
    const r = readLedger(file, await open(file), undefined);
    expect(r.ledger!.events).toHaveLength(20_000);
    expect(codes(r.diagnostics)).toEqual(['READ_INFO_MISSING !', 'READ_TOO_MANY_ROWS 加减分明细!A20002']);
  });
});
