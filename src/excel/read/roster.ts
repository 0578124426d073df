// Ledger reader, part 1: the 说明 key–value sheet and the 名册 roster.
import type { SheetLike } from '../book.js';
import type { Member, MemberDetails, SourceRef } from '../../core/model.js';
import { eachRead } from '../cells.js';
import { normaliseHeader } from '../header.js';
import { putGiven, ReadContext, RowReader } from './common.js';
import { checkName } from './text-checks.js';
import { INFO_KEYS, ROSTER } from '../../scheme/form.js';

export interface LedgerInfo {
  schemeId?: string;
  /** The cell the scheme id was read from. */
  schemeCell?: SourceRef;
  schemeName?: string;
  branch?: string;
  cycleYear?: number;
  info: Record<string, string>;
}

const is = (keys: readonly string[], key: string): boolean => keys.includes(key);

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
    if (is(INFO_KEYS.scheme, key)) {
      out.schemeId = value;
      out.schemeCell = ctx.ref(ws.name, row, cells[1]!.col);
    } else if (is(INFO_KEYS.schemeName, key)) out.schemeName = value;
    else if (is(INFO_KEYS.branch, key)) {
      if (checkName(ctx, ctx.ref(ws.name, row, cells[1]!.col), value, 'branch')) out.branch = value;
    }
    else if (is(INFO_KEYS.year, key)) {
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

/** 名册's columns (scheme/form.ts). */
export const ROSTER_COLUMNS = ROSTER;

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
    const m = readMember(ctx, new RowReader(ctx, ws, h, row), opts.details === true);
    if (m) members.push(m);
  }
  return members;
}

/** One row of 名册; undefined when it is blank or its name cannot be read (said at the cell). A function of its own: V8 compiles it once (issue 23). */
function readMember(ctx: ReadContext, r: RowReader, details: boolean): Member | undefined {
  const name = r.text('name');
  const id = r.id('id');
  if (name === '' && !id) return undefined;
  if (name === '') {
    // A numbered row without a name (blank, or only invisible characters); a text too long for a cell is reported already.
    if (r.cell('name').text === '') ctx.report('READ_NAME_EMPTY', r.ref('name'));
    return undefined;
  }
  if (!checkName(ctx, r.ref('name'), name, 'name')) return undefined;
  const m: Member = {
    key: id ?? name,
    name,
    category: r.text('category'),
    participates: parseParticipates(r.text('participates')),
    posts: splitPosts(r.text('posts')),
    source: r.rowRef(),
  };
  if (id) m.id = id;
  putGiven(m, 'directGrade', r.has('directGrade') ? r.optText('directGrade') : undefined);
  putGiven(m, 'otherScore', r.has('otherScore') ? r.number('otherScore') : null);
  putGiven(m, 'awardsSide', r.has('awardsSide') ? r.optText('awardsSide') : undefined);
  putGiven(m, 'tier', r.optText('tier'));
  putGiven(m, 'joined', r.date('joined'));
  putGiven(m, 'left', r.date('left'));
  putGiven(m, 'phone', r.has('phone') ? r.id('phone') : undefined);
  putGiven(m, 'birth', readBirth(r, 'birth'));
  if (details) {
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
  return m;
}

/** 出生年月 / 入党时间 is often just a month (1980.05, 1980年5月): kept as ISO when it is a date, else as text. */
function readBirth(r: RowReader, key: 'birth' | 'partyDate'): string | undefined {
  if (!r.has(key)) return undefined;
  const c = r.cell(key);
  if (c.date) return c.date;
  return c.text === '' ? undefined : c.text;
}
