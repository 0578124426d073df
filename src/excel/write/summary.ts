// 评分汇总表 (seed 003 附件3): one row per member of a branch for one period, rendered
// from the computed result; used by `compute`, and per branch by the 评定结果 workbook.
import { outputOrder } from '../../core/grade/grade.js';
import type { Scheme } from '../../scheme/schema.js';
import type { BranchResult, MemberResult, OffRoll, PeriodResult } from '../../core/result.js';
import { chineseDate, monthsReadNote, periodTitle } from '../../core/cycle.js';
import { roundTo, toNumber, type Dec } from '../../core/decimal.js';
import { numFmtFor, type Column } from './style.js';
import type { Book, Sheet, Value } from '../lean/book.js';
import { layTable } from '../lean/table.js';
import { componentHeader } from './scheme-info.js';
import { freeName, safeName } from './names.js';
import { branchTitle } from './titles.js';
import { EXEMPT_NOTE, notGradedReason } from './member-notes.js';
import { rowSums, shownParts, totalFormula } from '../../core/compute/row-sums.js';

/** Under every 评分汇总表: who scored, checked and signed it. */
export const SIGNATURE_LINE = '评分人（签字）：　　　　　　　审核人（签字）：　　　　　　　支部书记（签字）：　　　　　　　（党支部盖章）';
export const SIGNATURE_DATE = '日期：　　　　年　　月　　日';

export interface SummaryOptions {
  /** ISO date printed as 评分时间 (default today). */
  date?: string;
}

export { branchTitle } from './titles.js';

/** Members shown in a branch table: the core's one output order. */

export function starsText(stars: number | undefined): string {
  return stars && stars > 0 ? '★'.repeat(Math.min(stars, 5)) : '';
}

/** Flags joined by ；, with the veto reason when it is not already among them. */
export function flagText(m: MemberResult): string {
  const flags = [...m.flags];
  if (m.vetoed && m.vetoReason && !flags.some((f) => f.includes(m.vetoReason!))) flags.push(`一票否决：${m.vetoReason}`);
  else if (m.vetoed && !flags.some((f) => f.includes('否决'))) flags.push('一票否决');
  return flags.join('；');
}

/** 本期不在册（未列入）：唐宏宇（2023-07-01 转入）: roster members outside the period, named (R20). */
export function offRollNote(list: readonly OffRoll[]): string {
  const why = (x: OffRoll): string => [x.joined ? `${x.joined} 转入` : '', x.left ? `${x.left} 转出` : ''].filter(Boolean).join('，');
  return `本期不在册，未列入：${list.map((x) => `${x.name}（${why(x)}）`).join('、')}（${list.length} 人）。`;
}

/** Why a part's cells are blank: 「年度评议积分」本期不计 (a year-end 评议 in a quarter), or not at 评议 (transferred out). */
function absentNote(scored: readonly Scheme['components'][number][], members: readonly MemberResult[]): string[] {
  const out: string[] = [];
  for (const c of scored) {
    const blank = members.filter((m) => m.participates && m.components.some((x) => x.id === c.id && x.absent));
    if (blank.length === 0) continue;
    out.push(blank.length === members.filter((m) => m.participates).length
      ? `「${c.name}」只计入${(c.countsIn ?? ['cycle']).map((k) => ({ month: '月度', quarter: '季度', half: '半年', cycle: '年度' })[k]).join('、')}积分，本期空白，合计不含此项（不按 0 分计）。`
      : `「${c.name}」空白的党员（${blank.map((m) => m.name).join('、')}）已转出，未参加本支部评议：合计不含此项（不按 0 分计）。`);
  }
  return out;
}

/** A rounded score as a JSON/Excel number. */
export function scoreNumber(v: Dec, precision: number): number {
  return toNumber(roundTo(v, precision));
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Adds the 评分汇总表 sheet named (a safe, unique form of) `title` to a lean book; returns it. Rows are rendered when the book is saved. */
export function summarySheet(
  book: Book,
  scheme: Scheme,
  result: Pick<PeriodResult, 'cycle' | 'period'>,
  branch: BranchResult,
  title: string,
  opts: SummaryOptions = {},
): Sheet {
  return lazySummarySheet(book, scheme, result, () => branch, title, opts);
}

/**
 * The same sheet, laid out when the book is saved from the branch `open` gives then (a county's
 * branches are opened one at a time as their sheets are written); `written` sees it after.
 */
export function lazySummarySheet(
  book: Book,
  scheme: Scheme,
  result: Pick<PeriodResult, 'cycle' | 'period'>,
  open: () => BranchResult,
  title: string,
  opts: SummaryOptions = {},
  written?: (b: BranchResult) => void,
): Sheet {
  const name = freeName(safeName(title, { fallback: '评分汇总表' }), (lower) => book.hasSheetName(lower));
  return book.addLazySheet(name, (sheet) => {
    const branch = open();
    laySummary(book, sheet, scheme, result, branch, opts);
    written?.(branch);
  });
}

/** What every branch's sheet of one book says alike (the date, the months read, the period, the formula). */
interface SharedTexts {
  scheme: Scheme;
  date: string;
  dateLine: string;
  period: string;
  formula: string;
}

/** By the result a book is written from: its sheets (a county has thousands) share one set of texts. */
const sharedOf = new WeakMap<object, SharedTexts>();

/** The shared texts of a book's sheets, worked out for its first sheet (again only for another scheme or date). */
function sharedTexts(scheme: Scheme, result: Pick<PeriodResult, 'cycle' | 'period'>, opts: SummaryOptions): SharedTexts {
  const date = opts.date ?? todayIso();
  const known = sharedOf.get(result);
  if (known && known.scheme === scheme && known.date === date) return known;
  const texts: SharedTexts = {
    scheme,
    date,
    dateLine: `评分时间：${chineseDate(date)}　积分按 ${monthsReadNote(result.cycle, result.period).read} 的记录计算`,
    period: periodTitle(result.cycle, result.period),
    formula: totalFormula(scheme).zh,
  };
  sharedOf.set(result, texts);
  return texts;
}

function laySummary(book: Book, sheet: Sheet, scheme: Scheme, result: Pick<PeriodResult, 'cycle' | 'period'>, branch: BranchResult, opts: SummaryOptions): void {
  const texts = sharedTexts(scheme, result, opts);
  const numFmt = numFmtFor(scheme.precision);
  const scored = scheme.components.filter((c) => c.role === 'score');
  const members = outputOrder(branch.members);
  // Rows add up as printed: the parts get the decimals they need (39.995 + 39.995 = 79.99, not 40 + 40).
  const sums = rowSums(scheme, members);
  const partFmt = numFmtFor(sums.places);
  // 不参加积分管理: listed members without a grade, and those the computation left without any result.
  const exempt = [...branch.members.filter((m) => !m.participates && m.grade === undefined && !m.scoredElsewhere).map((m) => m.name), ...(branch.exempt ?? [])];
  // 等次/星级 only where this period grades (the cycle; a quarter only when its rules gave grades).
  const isCycle = result.period.kind === 'cycle';
  const showGrade = (isCycle && scheme.bands.length > 0) || members.some((m) => m.grade);
  const showStars = (isCycle && scheme.bands.some((b) => b.stars !== undefined)) || members.some((m) => m.stars);
  // The 志愿服务岗位 column only when someone holds a post (an empty column prints as a blank strip).
  const showPosts = members.some((m) => m.posts.length > 0);
  const columns: Column[] = [
    { header: '序号', width: 6 },
    { header: '党员姓名', width: 10 },
    ...(showPosts ? [{ header: '志愿服务岗位', width: 22 }] : []),
    // 「学习教育」 over 「(40分)」: the points never wrap mid-bracket.
    ...scored.map((c) => ({ header: componentHeader(c).replace(/\(/, '\n('), width: 14, type: 'number' as const, numFmt: partFmt })),
    { header: '加分项', width: 10, type: 'number', numFmt: partFmt },
    { header: '扣分项', width: 10, type: 'number', numFmt: partFmt },
    { header: '合计得分', width: 10, type: 'number', numFmt },
    ...(showGrade ? [{ header: '等次', width: 10 }] : []),
    ...(showStars ? [{ header: '星级', width: 12 }] : []),
    // Centred, so a rank never reads as one word with the 标记 beside it (「6超出优秀名额」).
    { header: '排名', width: 8, type: 'number', align: 'center' },
    { header: '标记', width: 30, align: 'left' },
  ];
  const notes = (m: MemberResult): string | null => [flagText(m), showGrade ? notGradedReason(m) : undefined].filter(Boolean).join('；') || null;
  const preamble = [texts.dateLine];
  if (!showGrade && !isCycle) preamble.push(`${texts.period}积分用于公示，不评定等次和星级（等次按年度评定）。`);
  // Under the table after a blank row (a reader of the table stops before it).
  const formula = texts.formula;
  const rounding = sums.misfits.length > 0
    ? `各项按四舍五入显示 ${sums.places} 位小数，合计得分由各项的精确值相加后四舍五入，以下党员的各项按显示值相加与合计得分因四舍五入略有出入：${sums.misfits.map((m) => m.name).join('、')}。`
    : '';
  const notesUnder = [
    `注：${formula}。${rounding}`,
    ...(exempt.length ? [`${EXEMPT_NOTE}：${exempt.join('、')}（${exempt.length} 人）。`] : []),
    ...(branch.offRoll?.length ? [offRollNote(branch.offRoll)] : []),
    ...absentNote(scored, members),
  ];
  // The signature block the form is signed with (附件3 评分时间; 计分标准 党员签字/支部书记签字), on the table's last page.
  const after = [...notesUnder, SIGNATURE_LINE, SIGNATURE_DATE].map((text, i) => ({ offset: 2 + i + (i >= notesUnder.length ? 1 : 0), text }));
  const p = scheme.precision;
  layTable(book, sheet, {
    title: `${branchTitle(branch.branch)}党员积分管理评分汇总表（${texts.period}）`,
    preamble,
    columns,
    bodyRows: members.length,
    orientation: 'landscape',
    after,
    *body() {
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        const values: Value[] = [i + 1, m.name];
        if (showPosts) values.push(m.posts.join('、') || null);
        // An exempt member listed with a directly set 档次 (directGrades) has no points: blank cells.
        const pts = (v: Parameters<typeof scoreNumber>[0], places = p) => (m.participates ? scoreNumber(v, places) : null);
        const shown = shownParts(m, sums.places);
        for (const c of scored) {
          const v = m.components.find((x) => x.id === c.id);
          values.push(v && !v.absent ? pts(v.value, sums.places) : null);
        }
        // An exempt member scored by other means (另行评定得分): that score in 合计, the parts blank.
        values.push(pts(shown.bonus, sums.places), pts(shown.deduction, sums.places), m.scoredElsewhere ? scoreNumber(m.total, p) : pts(m.total));
        if (showGrade) values.push(m.grade ?? null);
        if (showStars) values.push(starsText(m.stars) || null);
        values.push(m.rank ?? null, notes(m));
        yield values;
      }
    },
  });
}
