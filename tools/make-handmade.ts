// Hand-made township ledgers, built the way a branch clerk builds them in Excel/WPS — never from
// `score template` and sharing no code with the template writer: own sheet names, own header
// spellings, own layouts. Each case carries the totals worked out by hand (or the error the
// reader must give at a cell), and test/e2e/handmade.test.ts grades them through the binary.
//
//   node dist/tools/make-handmade.js DIR      writes every case to DIR/<case>.xlsx
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

type Row = (string | number | null)[];

/** Two members, every month the same: 甲 95 a month, 乙 88 a month (hand-worked below). */
export const DUTY = ['学习教育', '组织生活', '党费缴纳', '遵纪守法'] as const;
export const MEMBERS = {
  甲: { duty: [10, 10, 10, 10], posts: [28, 27] }, // 40 + 55 = 95
  乙: { duty: [10, 10, 10, 8], posts: [25, 25] }, // 38 + 50 = 88
} as const;
type Name = keyof typeof MEMBERS;
const NAMES = Object.keys(MEMBERS) as Name[];

export interface HandmadeCase {
  /** File name without .xlsx; says the layout. */
  name: string;
  /** What a clerk did, in a sentence. */
  what: string;
  build: () => ExcelJS.Workbook;
  /** Totals by member when the ledger must grade (hand-worked). */
  totals?: Record<string, number>;
  vetoed?: string[];
  /** The error the reader must give instead: code, sheet and cell. */
  error?: { code: string; sheet: string; cell: string };
  /** Warnings the reading must give (codes). */
  warnings?: string[];
}

function sheet(wb: ExcelJS.Workbook, name: string, rows: Row[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  return ws;
}

function roster(wb: ExcelJS.Workbook, name = '名册'): void {
  sheet(wb, name, [['序号', '姓名', '性别', '党员类别'], ...NAMES.map((n, i) => [i + 1, n, i === 0 ? '男' : '女', '正式党员'])]);
}

function monthValues(n: Name): number[] {
  const m = MEMBERS[n];
  return [...m.duty, ...m.posts];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** A workbook with the 名册, then what `fill` adds. */
function rostered(fill: (wb: ExcelJS.Workbook) => void): ExcelJS.Workbook {
  const wb = book();
  roster(wb);
  fill(wb);
  return wb;
}

/** The usual workbook: a 名册 and the month sheets named 1月 … 12月 (with `opts`), then whatever `more` adds. */
function monthly(opts: Parameters<typeof months>[2] = {}, more?: (wb: ExcelJS.Workbook) => void): ExcelJS.Workbook {
  return rostered((wb) => {
    months(wb, (m) => `${m}月`, opts);
    more?.(wb);
  });
}

/** The month sheets as a clerk types them: a title row, the header, a row per member with a typed 合计. */
function months(wb: ExcelJS.Workbook, nameOf: (m: number) => string, opts: { title?: (m: number) => string; header?: string[]; extra?: { label: string; at: 'beforeTotal' | 'afterTotal'; value: (n: Name, m: number) => number | null } } = {}): void {
  const header = opts.header ?? ['序号', '姓名', ...DUTY, '岗位一', '岗位二', '合计'];
  for (let m = 1; m <= 12; m++) {
    const rows: Row[] = [];
    if (opts.title) rows.push([opts.title(m)]);
    const h = [...header];
    const x = opts.extra;
    if (x) h.splice(x.at === 'beforeTotal' ? h.length - 1 : h.length, 0, x.label);
    rows.push(h);
    NAMES.forEach((n, i) => {
      const v = monthValues(n);
      const extra = x?.value(n, m) ?? null;
      const total = sum(v) + (x?.at === 'beforeTotal' ? (extra ?? 0) : 0);
      const row: Row = [i + 1, n, ...v, total];
      if (x) row.splice(x.at === 'beforeTotal' ? row.length - 1 : row.length, 0, extra);
      rows.push(row);
    });
    sheet(wb, nameOf(m), rows);
  }
}

const book = (): ExcelJS.Workbook => new ExcelJS.Workbook();

/** 甲 95 + 县级表彰 2 = 97; 乙 88. */
const BONUS_TOTALS = { 甲: 97, 乙: 88 };
const PLAIN_TOTALS = { 甲: 95, 乙: 88 };
/** 乙 vetoed (扣分项: 年度积分为零). */
const PLAIN_TOTALS_VETO = { 甲: 95, 乙: 0 };

export const HANDMADE: HandmadeCase[] = [
  {
    name: '加分扣分登记-另名事项表',
    what: 'the event log named 加分扣分登记 (not 加减分明细); its header says what it is',
    build: () => monthly({}, (wb) => {
      sheet(wb, '加分扣分登记', [
        ['日期', '姓名', '事项', '级别', '分值'],
        ['2023-05-04', '甲', '表彰', '县', 2],
      ]);
    }),
    totals: BONUS_TOTALS,
    warnings: ['READ_SHEET_READ_AS'],
  },
  {
    name: '加分扣分分两列',
    what: 'an event sheet with separate 加分 and 扣分 columns instead of a signed 分值',
    build: () => monthly({}, (wb) => {
      sheet(wb, '加减分登记', [
        ['日期', '姓名', '事项', '级别', '加分', '扣分'],
        ['2023-05-04', '甲', '表彰', '县', 2, null],
        // 学习教育 无故缺席 in March: 乙's 学习教育 10 → 5 that month, the year's mean 88 − 5/12.
        ['2023-03-10', '乙', '学习教育无故缺席', null, null, 5],
      ]);
    }),
    totals: { 甲: 97, 乙: 87.58 },
    warnings: ['READ_SHEET_READ_AS'],
  },
  {
    name: '加分填在扣分列',
    what: 'a 表彰 (a bonus) typed in the 扣分 column: an error at its row, not a bonus',
    build: () => monthly({}, (wb) => {
      sheet(wb, '加减分登记', [
        ['日期', '姓名', '事项', '级别', '加分', '扣分'],
        ['2023-05-04', '甲', '表彰', '县', null, 2],
      ]);
    }),
    error: { code: 'EVENT_SIGN_MISMATCH', sheet: '加减分登记', cell: 'B2' },
  },
  {
    name: '加分扣分两列都填',
    what: 'one row with both 加分 and 扣分 filled: an error at its 扣分 cell',
    build: () => monthly({}, (wb) => {
      sheet(wb, '加减分明细', [
        ['日期', '姓名', '事项', '级别', '加分', '扣分'],
        ['2023-05-04', '甲', '表彰', '县', 2, 2],
      ]);
    }),
    error: { code: 'READ_EVENT_BOTH_SIGNS', sheet: '加减分明细', cell: 'F2' },
  },
  {
    name: '月表合计后加分项列',
    what: 'a 加分项 column in the month sheets after 合计 (2 in 甲\'s May, no item): read as the card\'s 加分项, the month\'s bonus',
    build: () => monthly({ extra: { label: '加分项', at: 'afterTotal', value: (n, m) => (n === '甲' && m === 5 ? 2 : null) } }),
    // 甲 95 + 2 (加分项, May) = 97; 乙 88.
    totals: BONUS_TOTALS,
  },
  {
    name: '月表合计前加分项列',
    what: 'a 加分项 column before 合计, the 合计 including it (97 in 甲\'s May): the month\'s bonus, the 合计 accepted',
    build: () => monthly({ extra: { label: '加分项', at: 'beforeTotal', value: (n, m) => (n === '甲' && m === 5 ? 2 : null) } }),
    totals: BONUS_TOTALS,
  },
  {
    name: '月表加分项超上限',
    what: 'a 加分项 column in the month sheets with 3 every month for 甲 (36): capped at 10 a year as on the card, then 百分制',
    build: () => monthly({ extra: { label: '加分项', at: 'afterTotal', value: (n) => (n === '甲' ? 3 : null) } }),
    // 甲 95 + min(36, 10) = 105 → 100 (实行百分制); 乙 88.
    totals: { 甲: 100, 乙: 88 },
  },
  {
    name: '月表加分项两处登记',
    what: 'a 加分项 column in the month sheets (2 in 甲\'s May) and a 县级表彰 in May in 加减分明细: both count, a warning at both, as on the card',
    build: () => monthly({ extra: { label: '加分项', at: 'afterTotal', value: (n, m) => (n === '甲' && m === 5 ? 2 : null) } }, (wb) => {
      sheet(wb, '加减分明细', [
        ['日期', '姓名', '事项', '级别', '分值'],
        ['2023-05-04', '甲', '表彰', '县', 2],
      ]);
    }),
    // 甲 95 + 2 (加分项) + 2 (县级表彰) = 99.
    totals: { 甲: 99, 乙: 88 },
    warnings: ['CARD_BONUS_TWICE'],
  },
  {
    name: '月表扣分项写类型',
    what: 'a 扣分项 column in the month sheets naming a veto (违反法律法规) in 乙\'s June: 乙 vetoed, as on the card',
    build: () => monthly({ extra: { label: '扣分项', at: 'afterTotal', value: () => null } }, (wb) => {
      const ws = wb.getWorksheet('6月')!;
      ws.getCell('J3').value = '违反法律法规';
    }),
    totals: PLAIN_TOTALS_VETO,
    vetoed: ['乙'],
  },
  {
    name: '月表扣分项填数字',
    what: 'a 扣分项 column in the month sheets holding the number 5 (乙, June): an error at the cell, as on the card',
    build: () => monthly({ extra: { label: '扣分项', at: 'afterTotal', value: (n, m) => (n === '乙' && m === 6 ? 5 : null) } }),
    error: { code: 'READ_CARD_DEDUCTION_POINTS', sheet: '6月', cell: 'J3' },
  },
  {
    name: '月表合计后另有分数列',
    what: 'a 考核得分 column after 合计 in the month sheets (points score does not read): an error at its header cell',
    build: () => monthly({ extra: { label: '考核得分', at: 'afterTotal', value: (n, m) => (n === '甲' && m === 5 ? 2 : null) } }),
    error: { code: 'READ_POINTS_COLUMN_UNUSED', sheet: '5月', cell: 'J1' },
  },
  {
    name: '否决类型按原话填写',
    what: 'a 否决与处分 row whose 类型 reads 违法（酒驾被行政拘留）: 乙 vetoed, 0',
    build: () => monthly({}, (wb) => {
      sheet(wb, '否决与处分', [
        ['日期', '姓名', '类型', '说明'],
        ['2023-08-02', '乙', '违法（酒驾被行政拘留）', '县公安局处罚决定'],
      ]);
    }),
    totals: { 甲: 95, 乙: 0 },
    vetoed: ['乙'],
  },
  {
    name: '否决类型无法判断',
    what: 'a 否决与处分 row whose 类型 names nothing the scheme knows: an error at its cell, not a warning',
    build: () => monthly({}, (wb) => {
      sheet(wb, '否决与处分', [
        ['日期', '姓名', '类型', '说明'],
        ['2023-08-02', '乙', '酒驾被行政拘留', ''],
      ]);
    }),
    error: { code: 'SANCTION_UNKNOWN_TYPE', sheet: '否决与处分', cell: 'C2' },
  },
  {
    name: '积分汇总另表',
    what: 'an extra sheet with 姓名 and a 全年得分 column the reader does not read: an error at its header cell',
    build: () => monthly({}, (wb) => {
      sheet(wb, '年度汇总', [
        ['姓名', '全年得分'],
        ['甲', 95],
        ['乙', 88],
      ]);
    }),
    error: { code: 'READ_POINTS_SHEET_UNUSED', sheet: '年度汇总', cell: 'B1' },
  },
];

/** Plain 1月…12月 with the roster as 党员花名册 and no 说明 (graded with --scheme township). */
HANDMADE.push({
  name: '花名册-月表',
  what: 'the roster named 党员花名册',
  build: () => {
    const wb = book();
    roster(wb, '党员花名册');
    months(wb, (m) => `${m}月`);
    return wb;
  },
  totals: PLAIN_TOTALS,
});

const CN_MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** Month sheets under the names clerks give them (the template's 1月 … nowhere). */
const SPELLINGS: [string, (m: number) => string][] = [
  ['一月', (m) => `${CN_MONTHS[m - 1]}月`],
  ['1月份', (m) => `${m}月份`],
  ['2023年1月', (m) => `2023年${m}月`],
  ['2023.1', (m) => `2023.${m}`],
  ['2023-01', (m) => `2023-${String(m).padStart(2, '0')}`],
];
for (const [label, nameOf] of SPELLINGS) {
  HANDMADE.push({
    name: `月表名-${label}`,
    what: `month sheets named ${label} …`,
    build: () => rostered((wb) => {
      months(wb, nameOf, { title: (m) => `兰溪村党支部${m}月党员积分` });
    }),
    totals: PLAIN_TOTALS,
  });
}

HANDMADE.push(
  {
    name: '月表名-Sheet1-标题写月份',
    what: 'month sheets left as Sheet1…Sheet12, the title row naming the month (read, with a warning per sheet)',
    build: () => rostered((wb) => {
      // Tabs in another order than the months, so the title (not the tab) must decide.
      months(wb, (m) => `Sheet${13 - m}`, { title: (m) => `兰溪村党支部2023年${m}月党员积分登记表` });
    }),
    totals: PLAIN_TOTALS,
    warnings: ['READ_SHEET_READ_AS'],
  },
  {
    name: '月表名-看不出月份',
    what: 'a sheet with the record header whose name and title name no month: an error naming the accepted names',
    build: () => rostered((wb) => {
      months(wb, (m) => (m === 12 ? '年底' : `${m}月`), { title: (m) => (m === 12 ? '兰溪村党支部党员积分' : `${m}月`) });
    }),
    error: { code: 'READ_SHEET_UNPLACED', sheet: '年底', cell: '' },
  },
  {
    name: '月表名-同月两张',
    what: 'both 1月 and 一月 present: which one counts is unknown, an error',
    build: () => monthly({}, (wb) => {
      sheet(wb, '一月', [['序号', '姓名', ...DUTY, '岗位一', '岗位二', '合计'], [1, '甲', 10, 10, 10, 10, 30, 30, 100]]);
    }),
    error: { code: 'READ_SHEET_SAME_PERIOD', sheet: '一月', cell: '' },
  },
  {
    name: '表头写分值',
    what: 'headers with the points written in: 学习教育10分, 志愿服务岗位一(30分)',
    build: () => monthly({ header: ['序号', '姓名', '学习教育10分', '组织生活10分', '党费缴纳（10分）', '遵纪守法 10分', '志愿服务岗位一(30分)', '志愿服务岗位二（30分）', '合计'] }),
    totals: PLAIN_TOTALS,
  },
  {
    name: '两行表头',
    what: 'a two-row header: 履行党员义务积分(40分) merged over its four items, 姓名 and 合计 merged down over both rows',
    build: () => rostered((wb) => {
      for (let m = 1; m <= 12; m++) {
        const ws = sheet(wb, `${m}月`, [
          [`兰溪村党支部2023年${m}月党员积分`],
          ['序号', '姓名', '履行党员义务积分(40分)', null, null, null, '志愿服务岗位贡献积分(60分)', null, '合计'],
          [null, null, ...DUTY, '岗位一', '岗位二', null],
          ...NAMES.map((n, i) => [i + 1, n, ...monthValues(n), sum(monthValues(n))]),
        ]);
        ws.mergeCells('A1:I1');
        ws.mergeCells('A2:A3');
        ws.mergeCells('B2:B3');
        ws.mergeCells('C2:F2');
        ws.mergeCells('G2:H2');
        ws.mergeCells('I2:I3');
      }
    }),
    totals: PLAIN_TOTALS,
  },
);

HANDMADE.push(
  {
    name: '没有名册',
    what: 'no roster at all: the members come from the month sheets, said as a warning',
    build: () => {
      const wb = book();
      months(wb, (m) => `${m}月`);
      return wb;
    },
    totals: PLAIN_TOTALS,
    warnings: ['READ_ROSTER_FROM_RECORDS'],
  },
  {
    name: '一张表-月份列',
    what: 'all twelve months stacked in one sheet with a 月份 column (written once per month, over its members)',
    build: () => rostered((wb) => {
      const rows: Row[] = [['兰溪村党支部2023年党员积分登记'], ['月份', '姓名', ...DUTY, '岗位一', '岗位二', '合计']];
      for (let m = 1; m <= 12; m++) NAMES.forEach((n, i) => rows.push([i === 0 ? `${m}月` : null, n, ...monthValues(n), sum(monthValues(n))]));
      sheet(wb, '2023年积分', rows);
    }),
    totals: PLAIN_TOTALS,
  },
  {
    name: '一张表-月份列-加分项扣分项',
    what: 'the months stacked in one sheet with the card\'s 加分项 (2 in 甲\'s May, in 合计) and 扣分项 (违反法律法规 in 乙\'s June) columns',
    build: () => rostered((wb) => {
      const rows: Row[] = [['兰溪村党支部2023年党员积分登记'], ['月份', '姓名', ...DUTY, '岗位一', '岗位二', '加分项', '扣分项', '合计']];
      for (let m = 1; m <= 12; m++) {
        NAMES.forEach((n, i) => {
          const bonus = n === '甲' && m === 5 ? 2 : null;
          rows.push([i === 0 ? `${m}月` : null, n, ...monthValues(n), bonus, n === '乙' && m === 6 ? '违反法律法规' : null, sum(monthValues(n)) + (bonus ?? 0)]);
        });
      }
      sheet(wb, '2023年积分', rows);
    }),
    // 甲 95 + 2 = 97; 乙 vetoed in June (扣分项: 年度积分为零).
    totals: { 甲: 97, 乙: 0 },
    vetoed: ['乙'],
  },
  {
    name: '一张表-月份为列',
    what: 'one yearly sheet, each month a column group (1月 merged over its six items), a row per member',
    build: () => rostered((wb) => monthsAsColumns(wb)),
    totals: PLAIN_TOTALS,
  },
  {
    name: '一张表-月份为列-加分项',
    what: 'the yearly sheet with months as columns and one 加分项 column after December: which month each point is for is not there (the card\'s cap and twice-check need it), an error at its header pointing to 加减分明细',
    build: () => rostered((wb) => monthsAsColumns(wb, { 甲: 2 })),
    error: { code: 'READ_POINTS_COLUMN_UNUSED', sheet: '全年积分', cell: 'BW1' },
  },
);

/**
 * One yearly sheet 全年积分 with each month a column group (N月 merged over its six items) and a row
 * per member; with `bonus`, one 加分项 column after December holding each member's points.
 */
function monthsAsColumns(wb: ExcelJS.Workbook, bonus?: Partial<Record<Name, number>>): void {
  const items = [...DUTY, '岗位一', '岗位二'];
  const top: Row = ['序号', '姓名'];
  const second: Row = [null, null];
  for (let m = 1; m <= 12; m++) {
    top.push(`${m}月`, ...items.slice(1).map(() => null));
    second.push(...items);
  }
  if (bonus) {
    top.push('加分项');
    second.push(null);
  }
  const memberRow = (n: Name, i: number): Row => [i + 1, n, ...Array.from({ length: 12 }, () => monthValues(n)).flat(), ...(bonus ? [bonus[n] ?? null] : [])];
  const ws = sheet(wb, '全年积分', [top, second, ...NAMES.map(memberRow)]);
  ws.mergeCells('A1:A2');
  ws.mergeCells('B1:B2');
  if (bonus) ws.mergeCells('BW1:BW2');
  for (let m = 0; m < 12; m++) ws.mergeCells(1, 3 + m * 6, 1, 8 + m * 6);
}

/** The seed's 附件2 card, one sheet per member: title, 姓名 label, then a row per month. */
function cards(wb: ExcelJS.Workbook, header: string[], row: (n: Name, m: number) => Row): void {
  for (const n of NAMES) {
    const rows: Row[] = [['兰溪镇兰溪村党支部党员日常行为积分管理记录表'], ['(2023年度)'], ['姓名', n, '性别', n === '甲' ? '男' : '女'], header];
    for (let m = 1; m <= 12; m++) rows.push([`${m}月`, ...row(n, m)]);
    rows.push(['合计']);
    sheet(wb, n, rows);
  }
}

/**
 * The seed's 附件2 card as printed in seed 003, one sheet per member: title, (2023年度), 所在支部, the
 * 基本情况 block (姓名 … 身体状况 联系电话), then 积分情况: 月份 | 每月履行党员义务积分 |
 * 每月志愿服务岗位贡献积分 | 加分项 | 扣分项, a row per month and a 合计 row. Each part is its
 * month's total only (no items). `month` may change a member's month row; `total` the 合计 row.
 */
function seedCards(wb: ExcelJS.Workbook, opts: { month?: (n: Name, m: number, row: Row) => Row; total?: (n: Name, row: Row) => Row } = {}): void {
  for (const n of NAMES) {
    const rows: Row[] = [
      ['兰溪镇兰溪村党支部党员日常行为积分管理记录表'],
      ['(2023年度)'],
      ['所在支部：兰溪村党支部'],
      ['基本情况', '姓名', n, '性别', n === '甲' ? '男' : '女', '出生年月', '1968.05', '民族', '汉'],
      [null, '学历', '高中', '入党时间', '1996.07', '身体状况', n === '甲' ? '良好' : '体弱', '联系电话', '13800000000'],
      ['积分情况', '月份', '每月履行党员义务积分', '每月志愿服务岗位贡献积分', '加分项', '扣分项'],
    ];
    const duty = sum([...MEMBERS[n].duty]);
    const posts = sum([...MEMBERS[n].posts]);
    const monthRows: Row[] = [];
    for (let m = 1; m <= 12; m++) {
      const row: Row = [null, `${m} 月`, duty, posts, null, null];
      monthRows.push(opts.month ? opts.month(n, m, row) : row);
    }
    const col = (i: number): number => monthRows.reduce<number>((t, r) => t + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0);
    const bonus = col(4);
    const total: Row = [null, '合计', col(2), col(3), bonus === 0 ? null : bonus, null];
    rows.push(...monthRows, opts.total ? opts.total(n, total) : total);
    rows.push([], ['党员签字：', null, null, '支部书记签字：']);
    const ws = sheet(wb, n, rows);
    ws.mergeCells('A4:A5');
    ws.mergeCells('A6:A19');
  }
}

/** A 加减分明细 a clerk keeps beside the cards. */
function eventLog(wb: ExcelJS.Workbook, rows: Row[]): void {
  sheet(wb, '加减分明细', [['日期', '姓名', '事项', '级别', '分值'], ...rows]);
}

HANDMADE.push(
  {
    name: '记录卡-附件2原样',
    what: "the seed's 附件2 card as printed: each part's monthly total, 加分项 (2 in May for 甲), 扣分项, 合计 row, 身体状况: graded from the part totals, said once",
    build: () => rostered((wb) => {
      seedCards(wb, { month: (n, m, row) => (n === '甲' && m === 5 ? [null, row[1]!, row[2]!, row[3]!, 2, null] : row) });
    }),
    // 甲 40 + 55 = 95 a month, + 2 (加分项, May) = 97; 乙 38 + 50 = 88.
    totals: BONUS_TOTALS,
    warnings: ['READ_PART_TOTALS'],
  },
  {
    name: '记录卡-附件2-合计行不符',
    what: "the seed's card whose 合计 row says 470 for 每月履行党员义务积分 where the months add up to 480: an error at that cell",
    build: () => rostered((wb) => {
      seedCards(wb, { total: (n, row) => (n === '甲' ? [null, '合计', 470, row[3]!, row[4]!, null] : row) });
    }),
    error: { code: 'READ_CARD_TOTAL_ROW', sheet: '甲', cell: 'C19' },
  },
  {
    name: '记录卡-附件2-扣分项写类型',
    what: "the seed's card with 扣分项 「违反法律法规」 in 乙's August row: 乙 vetoed (年度积分为零)",
    build: () => rostered((wb) => {
      seedCards(wb, { month: (n, m, row) => (n === '乙' && m === 8 ? [null, row[1]!, row[2]!, row[3]!, null, '违反法律法规'] : row) });
    }),
    totals: PLAIN_TOTALS_VETO,
    vetoed: ['乙'],
  },
  {
    name: '记录卡-附件2-扣分项写数字',
    what: "the seed's card with 5 in 乙's August 扣分项: the seed's 扣分项 is a veto, a number says not which: an error at the cell",
    build: () => rostered((wb) => {
      seedCards(wb, { month: (n, m, row) => (n === '乙' && m === 8 ? [null, row[1]!, row[2]!, row[3]!, null, 5] : row) });
    }),
    error: { code: 'READ_CARD_DEDUCTION_POINTS', sheet: '乙', cell: 'F14' },
  },
  {
    name: '记录卡-附件2-明细扣分',
    what: "the seed's card (part totals) with 学习教育无故缺席 for 乙 in March in 加减分明细: taken off 乙's March 履行党员义务 total",
    build: () => rostered((wb) => {
      seedCards(wb);
      eventLog(wb, [['2023-03-10', '乙', '学习教育无故缺席', null, null]]);
    }),
    // 乙: (88 × 12 − 5) / 12 = 87.5833… → 87.58.
    totals: { 甲: 95, 乙: 87.58 },
    warnings: ['READ_PART_TOTALS'],
  },
  {
    name: '记录卡-附件2-加分超上限',
    what: "the seed's card with 加分项 3 every month for 甲 (36 in the year): the 加分项 cap of 10 a year applies, then 百分制",
    build: () => rostered((wb) => {
      seedCards(wb, { month: (n, _m, row) => (n === '甲' ? [null, row[1]!, row[2]!, row[3]!, 3, null] : row) });
    }),
    // 甲 95 + min(36, 10) = 105 → 100 (实行百分制); 乙 88.
    totals: { 甲: 100, 乙: 88 },
  },
  {
    name: '记录卡-附件2-加分两处登记',
    what: "the seed's card with 2 in 甲's May 加分项 and a 县级表彰 in May in 加减分明细: both count, a warning at both",
    build: () => rostered((wb) => {
      seedCards(wb, { month: (n, m, row) => (n === '甲' && m === 5 ? [null, row[1]!, row[2]!, row[3]!, 2, null] : row) });
      eventLog(wb, [['2023-05-04', '甲', '表彰', '县', null]]);
    }),
    // 甲 95 + 2 (card) + 2 (县级表彰) = 99.
    totals: { 甲: 99, 乙: 88 },
    warnings: ['CARD_BONUS_TWICE'],
  },
);

HANDMADE.push(
  {
    name: '记录卡-加分项扣分项空着',
    what: 'a card with the items and the seed\'s 加分项/扣分项 columns left empty (nothing dropped): graded',
    build: () => rostered((wb) => {
      cards(wb, ['月份', ...DUTY, '岗位一', '岗位二', '加分项', '扣分项', '合计'], (n) => [...monthValues(n), null, null, sum(monthValues(n))]);
    }),
    totals: PLAIN_TOTALS,
  },
  {
    name: '记录卡-加分项有分',
    what: 'a card with the items and the seed\'s 加分项 column holding points (2 in May): the month\'s bonus, under the 加分项 caps',
    build: () => rostered((wb) => {
      cards(wb, ['月份', ...DUTY, '岗位一', '岗位二', '加分项', '扣分项', '合计'], (n, m) => [...monthValues(n), n === '甲' && m === 5 ? 2 : null, null, sum(monthValues(n)) + (n === '甲' && m === 5 ? 2 : 0)]);
    }),
    totals: BONUS_TOTALS,
  },
);

HANDMADE.push({
  name: '月表-各部分合计',
  what: 'month sheets with each part\'s total (履行党员义务积分, 志愿服务岗位贡献积分) instead of the items: graded from the totals, said once',
  build: () => rostered((wb) => {
    for (let m = 1; m <= 12; m++) {
      sheet(wb, `${m}月`, [
        ['序号', '姓名', '履行党员义务积分(40分)', '志愿服务岗位贡献积分(60分)', '合计'],
        ...NAMES.map((n, i) => [i + 1, n, sum([...MEMBERS[n].duty]), sum([...MEMBERS[n].posts]), sum(monthValues(n))]),
      ]);
    }
  }),
  totals: PLAIN_TOTALS,
  warnings: ['READ_PART_TOTALS'],
});

/** The seed's 附件3 评分汇总表 as printed (title, 评分时间, then a row per member); `rows` may change a member's row. */
function summarySheet(wb: ExcelJS.Workbook, opts: { header?: string[]; rows?: (row: Row) => Row } = {}): void {
  const header = opts.header ?? ['党员姓名', '志愿服务岗位', '履行党员义务(40分)', '志愿服务岗位(60分)', '加分项(最高10分)', '扣分项', '合计得分'];
  const rows: Row[] = [
    ['甲', '政策宣传、环境卫生维护', 40, 55, 2, null, 97],
    ['乙', '治安巡逻、家风家教', 38, 50, null, null, 88],
  ];
  sheet(wb, 'Sheet1', [['兰溪镇兰溪村党支部党员积分管理评分汇总表'], ['评分时间：2023年12月31日'], header, ...rows.map((r) => (opts.rows ? opts.rows(r) : r))]);
}

HANDMADE.push(
  {
    name: '附件3-评分汇总表',
    what: "only the seed's 附件3 评分汇总表 sent in (yearly part totals per member): graded from it, saying at the file what could not be checked",
    build: () => {
      const wb = book();
      summarySheet(wb);
      return wb;
    },
    // 甲 40 + 55 + 2 = 97; 乙 38 + 50 = 88 (the summary's own 合计得分, checked).
    totals: BONUS_TOTALS,
    warnings: ['READ_SUMMARY_INPUT', 'READ_ROSTER_FROM_RECORDS'],
  },
  {
    name: '附件3-评分汇总表-扣分项写类型',
    what: "the 附件3 summary with 乙's 扣分项 「组织参与群体性事件」 and 合计得分 0: 乙 vetoed",
    build: () => rostered((wb) => {
      summarySheet(wb, { rows: (r) => (r[0] === '乙' ? [...r.slice(0, 5), '组织参与群体性事件', 0] : r) });
    }),
    totals: { 甲: 97, 乙: 0 },
    vetoed: ['乙'],
    warnings: ['READ_SUMMARY_INPUT'],
  },
  {
    name: '附件3-评分汇总表-合计不符',
    what: "the 附件3 summary whose 合计得分 for 甲 says 95 where the parts and 加分项 add up to 97: an error at that cell",
    build: () => {
      const wb = book();
      summarySheet(wb, { rows: (r) => (r[0] === '甲' ? [...r.slice(0, 6), 95] : r) });
      return wb;
    },
    error: { code: 'READ_SUMMARY_TOTAL', sheet: 'Sheet1', cell: 'G4' },
  },
  {
    name: '附件3-评分汇总表-没有扣分项列',
    what: 'a summary without the 扣分项 column: who was vetoed is not shown, an error naming what to add (never "nobody")',
    build: () => {
      const wb = book();
      summarySheet(wb, { header: ['党员姓名', '志愿服务岗位', '履行党员义务(40分)', '志愿服务岗位(60分)', '加分项(最高10分)', '合计得分'], rows: (r) => [...r.slice(0, 5), r[6]!] });
      return wb;
    },
    error: { code: 'READ_SUMMARY_NO_VETO', sheet: 'Sheet1', cell: 'A3' },
  },
  {
    name: '附件3-评分汇总表-没有加分项列',
    what: 'a summary without the 加分项 column: the bonus part is not there, an error (never counted as 0)',
    build: () => {
      const wb = book();
      summarySheet(wb, { header: ['党员姓名', '志愿服务岗位', '履行党员义务(40分)', '志愿服务岗位(60分)', '扣分项', '合计得分'], rows: (r) => [...r.slice(0, 4), r[5]!, r[6]!] });
      return wb;
    },
    error: { code: 'READ_SUMMARY_MISSING', sheet: 'Sheet1', cell: 'A3' },
  },
  {
    name: '附件3-两个支部',
    what: 'a workbook with the summaries of two branches (as score grade writes its results): not one branch\'s input, refused saying so',
    build: () => {
      const wb = book();
      summarySheet(wb);
      sheet(wb, '松山村', [['党员姓名', '履行党员义务(40分)', '志愿服务岗位(60分)', '加分项', '扣分项', '合计得分'], ['丙', 40, 60, null, null, 100]]);
      return wb;
    },
    error: { code: 'INPUT_SUMMARY_FORM', sheet: '', cell: '' },
  },
);

export async function writeHandmade(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const c of HANDMADE) {
    const file = join(dir, `${c.name}.xlsx`);
    await c.build().xlsx.writeFile(file);
    out.push(file);
  }
  return out;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node dist/tools/make-handmade.js DIR');
  await writeHandmade(dir);
}
