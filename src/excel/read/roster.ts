// Ledger reader, part 1: the 说明 key–value sheet and the 名册 roster.
import type { SheetLike } from '../book.js';
import type { Member, MemberDetails, SourceRef } from '../../core/model.js';
import { eachRead } from '../cells.js';
import { normaliseHeader } from '../header.js';
import { COL, ReadContext, RowReader } from './common.js';
import { checkName } from './text-checks.js';

export interface LedgerInfo {
  schemeId?: string;
  /** The cell the scheme id was read from. */
  schemeCell?: SourceRef;
  schemeName?: string;
  branch?: string;
  cycleYear?: number;
  info: Record<string, string>;
}

/** 说明: key in column A, value in column B (or the next non-empty cell to the right). */
export function readInfoSheet(ctx: ReadContext, ws: SheetLike): LedgerInfo {
  const info: Record<string, string> = {};
  const out: LedgerInfo = { info };
  const last = Math.min(ws.rowCount, 100);
  for (let row = 1; row <= last; row++) {
    const cells: { col: number; text: string }[] = [];
    eachRead(ws, row, (c, col) => void cells.push({ col, text: c.text }));
    if (cells.length < 2) continue;
    const key = normaliseHeader(cells[0]!.text);
    const value = cells[1]!.text;
    if (key === '' || key in info) continue;
    info[key] = value;
    if (key === '方案' || key === '方案编号' || key === '方案ID') {
      out.schemeId = value;
      out.schemeCell = ctx.ref(ws.name, row, cells[1]!.col);
    } else if (key === '方案名称') out.schemeName = value;
    else if (key === '支部' || key === '支部名称' || key === '党支部') {
      if (checkName(ctx, ctx.ref(ws.name, row, cells[1]!.col), value, 'branch')) out.branch = value;
    }
    else if (key === '年度' || key === '周期' || key === '考核年度') {
      // 2023, 2023年度, or a July cycle 2022—2023年度 (named by its end year).
      const t = value.replace(/\s/g, '');
      const range = /^(\d{4})[-—–~至到](\d{4})年?度?$/.exec(t);
      const m = range ? [range[0], range[2]] : /^(\d{4})(?:年度?)?$/.exec(t);
      if (m) out.cycleYear = Number(m[1]);
      else ctx.report('READ_BAD_YEAR', ctx.ref(ws.name, row, cells[1]!.col), {}, value);
    }
  }
  return out;
}

export const ROSTER_COLUMNS = [
  COL.seq,
  COL.name,
  COL.id,
  { key: 'gender', labels: ['性别'] },
  { key: 'birth', labels: ['出生年月', '出生日期', '出生年月日'] },
  { key: 'ethnic', labels: ['民族'] },
  { key: 'education', labels: ['学历', '文化程度'] },
  { key: 'partyDate', labels: ['入党时间', '入党日期'] },
  { key: 'category', labels: ['党员类别', '类别', '人员类别', '党员类型'] },
  { key: 'tier', labels: ['层次', '党员层次', '档次'] },
  { key: 'participates', labels: ['积分管理', '是否参加积分', '是否参加积分管理', '参加积分管理'] },
  { key: 'posts', labels: ['志愿服务岗位', '服务岗位', '岗位', '志愿岗位'] },
  { key: 'phone', labels: ['联系电话', '电话', '手机', '手机号码', '联系方式'] },
  { key: 'joined', labels: ['转入日期', '转入时间'] },
  { key: 'left', labels: ['转出日期', '转出时间'] },
  { key: 'remark', labels: ['备注'] },
  { key: 'directGrade', labels: ['直接确定档次', '评议确定档次', '党员大会确定档次'] },
  { key: 'otherScore', labels: ['另行评定得分', '另行评定年度得分', '另行评定积分'] },
  { key: 'awardsSide', labels: ['评先评优', '参加评先评优', '评先评优单位', '在哪一边评先评优'] },
];

/** 参加 / 不参加 (also 是/否); blank means 参加. */
export function parseParticipates(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return !(t.startsWith('不') || t === '否' || t === '无' || /^(no|n|false)$/i.test(t));
}

export function splitPosts(text: string): string[] {
  return text
    .split(/[、,，;；/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads 名册; with `details` also 性别, 民族, 学历, 入党时间 and 备注 (a township roster for `template --roster`). */
export function readRoster(ctx: ReadContext, ws: SheetLike, opts: { details?: boolean } = {}): Member[] {
  const h = ctx.header(ws, ROSTER_COLUMNS);
  if (!h) return [];
  const members: Member[] = [];
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.id('id');
    if (name === '' && !id) continue;
    if (name === '') {
      // A numbered row without a name (blank, or only invisible characters); a text too long for a cell is reported already.
      if (r.cell('name').text === '') ctx.report('READ_NAME_EMPTY', r.ref('name'));
      continue;
    }
    if (!checkName(ctx, r.ref('name'), name, 'name')) continue;
    const m: Member = {
      key: id ?? name,
      name,
      category: r.text('category'),
      participates: parseParticipates(r.text('participates')),
      posts: splitPosts(r.text('posts')),
      source: r.rowRef(),
    };
    if (id) m.id = id;
    const direct = r.has('directGrade') ? r.optText('directGrade') : undefined;
    if (direct) m.directGrade = direct;
    const other = r.has('otherScore') ? r.number('otherScore') : null;
    if (other) m.otherScore = other;
    const side = r.has('awardsSide') ? r.optText('awardsSide') : undefined;
    if (side) m.awardsSide = side;
    const tier = r.optText('tier');
    if (tier) m.tier = tier;
    const joined = r.date('joined');
    if (joined) m.joined = joined;
    const left = r.date('left');
    if (left) m.left = left;
    const phone = r.has('phone') ? r.id('phone') : undefined;
    if (phone) m.phone = phone;
    const birth = readBirth(r, 'birth');
    if (birth) m.birth = birth;
    if (opts.details) {
      const d: MemberDetails = {};
      const set = (k: keyof MemberDetails, v: string | undefined): void => {
        if (v) d[k] = v;
      };
      set('gender', r.optText('gender'));
      set('ethnicity', r.optText('ethnic'));
      set('education', r.optText('education'));
      set('partyDate', readBirth(r, 'partyDate'));
      set('remark', r.optText('remark'));
      if (Object.keys(d).length > 0) m.details = d;
    }
    members.push(m);
  }
  return members;
}

/** 出生年月 / 入党时间 is often just a month (1980.05, 1980年5月): kept as ISO when it is a date, else as text. */
function readBirth(r: RowReader, key: 'birth' | 'partyDate'): string | undefined {
  if (!r.has(key)) return undefined;
  const c = r.cell(key);
  if (c.date) return c.date;
  return c.text === '' ? undefined : c.text;
}
