// Ledger reader for a branch that sends only the seed's 附件3 评分汇总表: each member's annual part
// totals (履行党员义务、志愿服务岗位、加分项、扣分项、合计得分). The parts are read as the year's
// values (Ledger.annual), graded for the cycle only; what the summary cannot carry is said at the file.
import { basename } from 'node:path';
import { WORKBOOK_EXT, type BookLike, type SheetLike } from '../book.js';
import { dec, ZERO, type Dec } from '../../core/decimal.js';
import type { Ledger, Member, RecordRow, Sanction } from '../../core/model.js';
import type { Scheme } from '../../scheme/schema.js';
import { colName } from '../../core/a1.js';
import { findHeader, type ColumnSpec, type HeaderMatch } from '../header.js';
import { COL, isHidden, ReadContext, RowReader, sheetByName } from './common.js';
import { CARD_BONUS, CARD_DEDUCTION, partTotalColumns, recordedColumns } from './records.js';
import { readInfoSheet, readRoster } from './roster.js';
import type { LedgerRead } from './ledger.js';

const NAME: ColumnSpec = { key: 'name', labels: ['党员姓名', '姓名'], required: true };
const TOTAL: ColumnSpec = { key: 'total', labels: ['合计得分', '合计', '总分', '总积分', '年度积分'] };

/** The sheet of a 评分汇总表 and its columns: 党员姓名 and every recorded part as a total; undefined when the workbook has none. */
function summaryHeader(wb: BookLike, scheme: Scheme): { ws: SheetLike; h: HeaderMatch; parts: string[]; specs: ColumnSpec[] } | undefined {
  const entries = recordedColumns(scheme);
  for (const ws of wb.worksheets) {
    if (isHidden(ws)) continue;
    const totals = partTotalColumns(ws, entries);
    if (!totals) continue;
    // The points column of a part wins its label; 志愿服务岗位 without 分 is then the posts claimed.
    const specs = [COL.seq, NAME, COL.id, ...totals.specs, CARD_BONUS, CARD_DEDUCTION, TOTAL, COL.note];
    const h = findHeader(ws, specs, { allowMissing: true });
    if (!h || h.columns.name === undefined || h.row !== totals.row) continue;
    // 志愿服务岗位 (the posts claimed) and 志愿服务岗位(60分) read alike: each part is the column partTotalColumns chose.
    Object.assign(h.columns, totals.columns);
    return { ws, h, parts: totals.parts, specs };
  }
  return undefined;
}

/** Whether a workbook is a 评分汇总表 this scheme can be graded from (a sheet with 党员姓名 and its parts' totals). */
export function isSummaryLedger(wb: BookLike, scheme: Scheme): boolean {
  // A workbook with the items' columns anywhere (a two-row header 履行党员义务积分 over 学习教育 …) is a ledger.
  const entries = recordedColumns(scheme);
  if (wb.worksheets.some((ws) => findHeader(ws, [NAME, ...entries]) !== undefined)) return false;
  // Several summaries (a sheet per branch, a 总览: the results score grade writes) are not one branch's input.
  if (sheetByName(wb, ['总览']) || wb.worksheets.filter((ws) => !isHidden(ws) && partTotalColumns(ws, entries)).length > 1) return false;
  return summaryHeader(wb, scheme) !== undefined;
}

/**
 * Reads a 评分汇总表 sent as the branch's input. The members are the 名册 when the workbook has one,
 * else the summary's names (said: READ_ROSTER_FROM_RECORDS). Each row becomes the year's values of the
 * parts (Ledger.annual) with its 加分项; 扣分项 text is a veto type; 合计得分 is checked against the
 * parts (READ_SUMMARY_TOTAL). READ_SUMMARY_INPUT says at the file that the months and their checks
 * were not available; a part of the scheme the summary does not carry is an error (READ_SUMMARY_MISSING).
 */
export function readSummaryLedger(file: string, wb: BookLike, scheme: Scheme): LedgerRead {
  const ctx = new ReadContext(file, wb);
  const found = summaryHeader(wb, scheme);
  if (!found) {
    ctx.report('READ_NO_FORM', { file }, { form: '评分汇总表', labels: '党员姓名、各部分得分' });
    return { diagnostics: ctx.sorted(wb) };
  }
  const { ws, h } = found;
  const recorded = scheme.components.filter((c) => c.kind === 'recorded');
  const missing = recorded.filter((c) => h.columns[c.id] === undefined && !c.entries.every((e) => h.columns[`${c.id}.${e.id}`] !== undefined));
  // Parts the summary has no column for, and parts of other kinds (民主评议, 基础分 …) it never carries.
  const absent = [...missing.map((c) => c.name), ...scheme.components.filter((c) => c.role === 'score' && c.kind !== 'recorded').map((c) => c.name)];
  if (absent.length > 0) ctx.report('READ_SUMMARY_MISSING', ctx.ref(ws.name, h.row), { parts: absent.join('、') });
  const vetoes = scheme.vetoTypes.length > 0 || scheme.items.some((i) => i.veto);
  if (vetoes && h.columns.deduction === undefined) ctx.report('READ_SUMMARY_NO_VETO', ctx.ref(ws.name, h.row), {});
  const bonus = scheme.components.find((c) => c.kind === 'accumulate' && c.role === 'bonus');
  if (bonus && h.columns.bonus === undefined) ctx.report('READ_SUMMARY_MISSING', ctx.ref(ws.name, h.row), { parts: bonus.name });
  ctx.report('READ_SUMMARY_INPUT', { file, sheet: ws.name }, { lost: lostChecks(scheme) });

  const infoWs = sheetByName(wb, ['说明', '填表说明', '基本信息']);
  const info = infoWs ? readInfoSheet(ctx, infoWs) : { info: {} };
  const rosterWs = sheetByName(wb, ['名册', '党员名册', '花名册', '党员花名册', '支部党员名册', '党员名单']);
  let members: Member[] = rosterWs ? readRoster(ctx, rosterWs) : [];
  const columns: Record<string, string> = {};
  for (const [k, col] of Object.entries(h.columns)) columns[k] = colName(col);
  const keys = found.specs.filter((s) => h.columns[s.key] !== undefined && (found.parts.includes(s.key) || s.key.includes('.'))).map((s) => s.key);
  const annual: RecordRow[] = [];
  const sanctions: Sanction[] = [];
  for (const row of ctx.rows(ws, h.row)) {
    const r = new RowReader(ctx, ws, h, row);
    const name = r.text('name');
    const id = r.has('id') ? r.id('id') : undefined;
    if (name === '' && !id) continue;
    const values: Record<string, Dec | null> = {};
    for (const k of keys) values[k] = r.number(k);
    const rec: RecordRow = { name, period: 0, values, columns, row, source: r.rowRef(), parts: found.parts };
    if (id) rec.id = id;
    const b = r.has('bonus') ? r.number('bonus') : null;
    if (b && !b.isZero()) rec.bonus = b;
    const veto = r.has('deduction') ? r.text('deduction') : '';
    if (veto !== '') {
      const place = r.ref('deduction');
      if (/^[+-]?\d+(?:\.\d+)?分?$/u.test(veto.normalize('NFKC').trim())) {
        if (Number(veto.normalize('NFKC').replace(/分$/u, '')) !== 0) ctx.report('READ_CARD_DEDUCTION_POINTS', place, { found: veto }, veto);
      } else {
        const s: Sanction = { name, type: veto, note: '评分汇总表扣分项', source: place, cells: { type: place.cell! } };
        if (id) s.id = id;
        sanctions.push(s);
      }
    }
    checkTotal(ctx, r, scheme, rec, keys, veto !== '');
    annual.push(rec);
  }
  if (!rosterWs) {
    const category = scheme.categories[0]?.name ?? '';
    const seen = new Set<string>();
    members = [];
    for (const r of annual) {
      const key = r.id ?? r.name;
      if (seen.has(key)) continue;
      seen.add(key);
      members.push({ key, name: r.name, ...(r.id ? { id: r.id } : {}), category, participates: true, posts: [], source: r.source });
    }
    if (members.length > 0) ctx.report('READ_ROSTER_FROM_RECORDS', { file }, { count: members.length, category, from: '评分汇总表' });
  }
  const ledger: Ledger = {
    file,
    branch: info.branch ?? basename(file).replace(WORKBOOK_EXT, ''),
    info: info.info,
    members,
    records: [],
    annual,
    events: [],
    evaluations: [],
    sanctions,
  };
  if (info.schemeId) ledger.schemeId = info.schemeId;
  if (info.cycleYear) ledger.cycleYear = info.cycleYear;
  ctx.finish();
  return { ledger, diagnostics: ctx.sorted(wb), layout: 'none' };
}

/** 合计得分 = the parts + 加分项 (or that at the scheme's 百分制 maximum, or 0 when vetoed): else an error at the cell. */
function checkTotal(ctx: ReadContext, r: RowReader, scheme: Scheme, rec: RecordRow, keys: string[], vetoed: boolean): void {
  if (!r.has('total')) return;
  const found = r.number('total', { silentNoCache: true });
  if (!found) return;
  let want = ZERO;
  for (const k of keys) want = want.plus(rec.values[k] ?? ZERO);
  if (rec.bonus) want = want.plus(rec.bonus);
  const clamped = scheme.clamp?.max !== undefined && want.greaterThan(scheme.clamp.max) ? dec(scheme.clamp.max) : want;
  if (found.equals(want) || found.equals(clamped) || (vetoed && found.isZero())) return;
  ctx.report('READ_SUMMARY_TOTAL', r.ref('total'), { found: found.toString(), want: clamped.toString() }, found.toString());
}

/** What a summary cannot show, for this scheme: the months, each item's maximum, the deductions and caps that need rows. */
function lostChecks(scheme: Scheme): string {
  const out = ['每月记录（月度、季度积分无法计算）', '各项满分和扣分'];
  const capped = scheme.items.filter((i) => i.cap !== undefined || i.highestOnly || i.levels).map((i) => i.name);
  if (capped.length > 0) out.push(`加分各事项的上限和按级别、按最高级计分（${capped.slice(0, 4).join('、')}${capped.length > 4 ? '等' : ''}），只核对加分项全年合计的上限`);
  if (scheme.components.some((c) => c.cap !== undefined && c.capPer === 'record')) out.push('每期上限');
  return out.join('；');
}
