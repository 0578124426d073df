// Shared inputs of the writer tests: a small township-like scheme, a roster with private
// fields, and a hand-made period result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { schemeSchema, type Scheme } from '../../src/scheme/schema.js';
import { dec } from '../../src/core/decimal.js';
import { cycleOf, cyclePeriod, quarterPeriod } from '../../src/core/cycle.js';
import type { Member } from '../../src/core/model.js';
import type { BranchResult, MemberResult, PeriodResult } from '../../src/core/result.js';
import { Book } from '../../src/excel/lean/book.js';
import { writeBook } from '../../src/excel/lean/save.js';

export const scheme: Scheme = schemeSchema.parse({
  version: 1,
  id: 'mini-township',
  name: '小镇党员积分管理实施细则',
  categories: [
    { name: '正式党员' },
    { name: '预备党员', graded: false, countsForQuota: false },
    { name: '入党积极分子', graded: false, countsForQuota: false },
  ],
  components: [
    {
      id: 'duty',
      name: '履行党员义务',
      kind: 'recorded',
      entries: [
        { id: 'study', name: '学习教育', max: 10 },
        { id: 'life', name: '组织生活', max: 10 },
        { id: 'dues', name: '党费缴纳', max: 10 },
        { id: 'law', name: '遵纪守法', max: 10 },
      ],
    },
    {
      id: 'post',
      name: '志愿服务岗位贡献',
      kind: 'recorded',
      entries: [
        { id: 'duty', name: '设岗定责', max: 20 },
        { id: 'perform', name: '履职', max: 20 },
        { id: 'deed', name: '为民办实事', max: 20 },
      ],
    },
    { id: 'bonus', name: '加分项', kind: 'accumulate', role: 'bonus', cap: 10 },
  ],
  items: [
    { id: 'absent', name: '无故缺席', component: 'duty', entry: 'study', points: 5 },
    { id: 'late', name: '迟到、早退、请假', component: 'duty', entry: 'study', points: 2 },
    { id: 'award', name: '表彰', component: 'bonus', levels: { 中央: 4, 省: 4, 市: 3, 县: 2, 镇: 1 }, highestOnly: true },
    { id: 'economy', name: '经济发展', component: 'bonus', points: 2 },
    { id: 'split', name: '经验推广', component: 'bonus', points: 3, split: true, cap: 6 },
    { id: 'cult', name: '参加邪教组织', component: 'bonus', veto: true },
  ],
  vetoTypes: ['违反政治纪律', '参与群体性事件'],
  overrides: [{ type: '留党察看', grade: '不合格' }],
  clamp: { max: 100 },
  bands: [
    { grade: '优秀', stars: 5, min: 80 },
    { grade: '合格', stars: 4, min: 70, max: 80 },
    { grade: '基本合格', stars: 3, min: 60, max: 70 },
    { grade: '不合格', stars: 2, min: 55, max: 60 },
    { grade: '不合格', stars: 1, min: 50, max: 55 },
    { grade: '不合格', max: 50 },
  ],
  quota: { grade: '优秀', pct: 0.2, fallback: '合格' },
  decisions: [{ about: '百分制', text: '年度积分超过 100 分的按 100 分计。' }],
});

export const PHONE = '13912345678';
export const ID_NUMBER = '420102198001011234';

function member(name: string, extra: Partial<Member> = {}): Member {
  return {
    key: extra.id ?? name,
    name,
    category: '正式党员',
    participates: true,
    posts: ['政策宣传', '治安巡逻'],
    source: { file: '第一支部.xlsx', sheet: '名册' },
    ...extra,
  };
}

export const roster: Member[] = [
  member('张三', { id: ID_NUMBER, phone: PHONE, birth: '1980-01-01', joined: '2023-03-15' }),
  member('李四', { id: 'D002', phone: '13800000002', birth: '1975-06' }),
  member('王五', { category: '预备党员', phone: '13800000003' }),
  member('赵六', { participates: false, phone: '13800000004' }),
];

const cycle = cycleOf(2023, scheme.cycle);

function result(name: string, total: string, extra: Partial<MemberResult> = {}): MemberResult {
  return {
    branch: '第一支部',
    file: '第一支部.xlsx',
    name,
    key: name,
    category: '正式党员',
    posts: ['政策宣传', '治安巡逻'],
    participates: true,
    components: [
      { id: 'duty', name: '履行党员义务', role: 'score', value: dec('38.5'), weight: dec(1) },
      { id: 'post', name: '志愿服务岗位贡献', role: 'score', value: dec('57.123'), weight: dec(1) },
      { id: 'bonus', name: '加分项', role: 'bonus', value: dec(4), weight: dec(1) },
    ],
    bonus: dec(4),
    deduction: dec(0),
    vetoed: false,
    total: dec(total),
    exactTotal: dec(total),
    graded: true,
    flags: [],
    trace: [],
    sanctions: [],
    ...extra,
  };
}

export const branchOne: BranchResult = {
  branch: '第一支部',
  file: '第一支部.xlsx',
  schemeId: 'mini-township',
  members: [
    result('李四', '72', { id: 'D002', grade: '合格', stars: 4, rank: 2 }),
    result('张三', '99.5', { id: ID_NUMBER, grade: '优秀', stars: 5, rank: 1, flags: ['转入党员，按在册月份计分'] }),
    result('王五', '58', { category: '预备党员', graded: false, flags: ['延长预备期'] }),
    result('孙七', '0', { vetoed: true, vetoReason: '违反政治纪律', grade: '不合格', flags: ['一票否决'] }),
    result('赵六', '0', { participates: false, graded: false }),
  ],
};

export const branchTwo: BranchResult = {
  branch: '兰溪村党支部',
  file: '兰溪村.xlsx',
  schemeId: 'mini-township',
  members: [
    result('周八', '85', { branch: '兰溪村党支部', grade: '优秀', stars: 5, rank: 1 }),
    result('吴九', '81', { branch: '兰溪村党支部', grade: '优秀', stars: 5, rank: 2 }),
    result('郑十', '45', { branch: '兰溪村党支部', grade: '不合格', stars: 0, rank: 3 }),
  ],
};

export const yearResult: PeriodResult = {
  schemeId: 'mini-township',
  cycle,
  period: cyclePeriod(cycle),
  branches: [branchOne, branchTwo],
  issues: [],
};

export const quarterResult: PeriodResult = { ...yearResult, period: quarterPeriod(cycle, 0) };

export function tmp(): { dir: string; file: (name: string) => string; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'score-write-'));
  return { dir, file: (n) => path.join(dir, n), done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes an exceljs workbook or a lean Book, and reads it back with exceljs. */
export async function roundTrip(wb: ExcelJS.Workbook | Book, file: string): Promise<ExcelJS.Workbook> {
  if (wb instanceof Book) await writeBook(wb, file);
  else await wb.xlsx.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return back;
}

/** Every cell value of the workbook as text (formula results and rich text included). */
export function allText(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => out.push(cell.text ?? String(cell.value)));
    });
  });
  return out;
}

export function sheetNames(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.map((w) => w.name);
}
