// 公示名单 written by `publish` and `grade`: a sheet per branch with ONLY public fields
// (序号, 姓名, 积分, 等次/星级; the branch is in the title) and the publication window. Never IDs,
// phones or dates of birth.
import type { Scheme } from '../../scheme/schema.js';
import type { GradedPeriod, MemberResult, PeriodResult } from '../../core/result.js';
import { asGraded } from '../../core/result.js';
import { digestOf, published, type Digest } from './digest.js';
import { addDays, chineseDate, monthsReadNote, periodTitle } from '../../core/cycle.js';
import { numFmtFor, type Column } from './style.js';
import { Book } from '../lean/book.js';
import { layTable } from '../lean/table.js';
import { scoreNumber, starsText } from './summary.js';
import { OVER_QUOTA, TIE_AT_CUT, outputOrder } from '../../core/grade/grade.js';
import { uniqueNames } from './names.js';
import { committeeName } from './titles.js';
import { notGradedReason } from './member-notes.js';

export interface PublicationOptions {
  /** First day of the publication window, YYYY-MM-DD. */
  from: string;
  /** Length of the window in days (the scheme's publishDays by default). */
  days?: number;
  /**
   * The digest's `published` of this period, when it was made elsewhere (the write worker is given
   * the main thread's): else digestOf makes it, a pass over every branch.
   */
  published?: Digest['published'];
}

export { committeeName } from './titles.js';

/** `公示期：2023年4月3日至2023年4月9日` (the last day is from + days − 1). */
export function publicationWindow(from: string, days: number): string {
  return `公示期：${chineseDate(from)}至${chineseDate(addDays(from, Math.max(1, days) - 1))}`;
}

export { published } from './digest.js';

function gradeText(m: MemberResult): string {
  return [m.grade ?? '', starsText(m.stars)].filter(Boolean).join(' ');
}

/**
 * The footnote of a 公示 where the quota moved someone to a lower grade than their points give
 * (a 92.25 合格 under a 92.92 优秀 needs its reason on the wall), in the scheme's own words.
 */
export function quotaFootnote(scheme: Scheme, members: readonly MemberResult[]): string | null {
  const q = scheme.quota;
  if (!q || !members.some((m) => m.flags.includes(OVER_QUOTA) || m.flags.includes(TIE_AT_CUT))) return null;
  const pct = `${Math.round(q.pct * 10000) / 100}%`;
  const scope = q.scope === 'branch' ? '以党支部为单位' : '全镇（乡）统一';
  return `注：${q.grade}等次按不超过参评党员 ${pct} 的名额评定（${scope}，按积分从高到低确定），积分达到${q.grade}分数线但在名额之外的评为${q.fallback}${q.note ? `；${q.note.replace(/。$/, '')}` : ''}。`;
}

/** What the 公示 says of a member whose total a veto made 0 (the reason itself stays in the branch's records). */
export const VETO_MARK = '一票否决，本周期积分为 0';

/**
 * The 标记 of a published line: the veto's 0, or why a member has no grade (a graded period) or no place in the
 * order (a period without grades, where the others are listed by rank and this member after them).
 */
function publicNote(m: MemberResult, graded: boolean, anyRanked: boolean): string | null {
  if (m.vetoed) return VETO_MARK;
  if (graded) return m.graded ? null : (notGradedReason(m) ?? null);
  return anyRanked && m.rank === undefined ? `${m.category}：计分，不参加排序` : null;
}

/** The 公示名单 workbook as a lean book (save it with saveBook / writeOutput); each branch's sheet is made from the branch opened when it is written. */
export function publicationList(scheme: Scheme, result: PeriodResult | GradedPeriod, opts: PublicationOptions): Book {
  const g = asGraded(result);
  const book = new Book();
  book.creator = 'score';
  const days = opts.days ?? scheme.cycle.publishDays;
  const period = periodTitle(g.cycle, g.period);
  const numFmt = numFmtFor(scheme.precision);
  const seen = opts.published ?? digestOf(scheme, result).published;
  // 等次/星级 only when the period grades (a quarter's list has no empty column).
  const graded = seen.graded;
  const anyRanked = seen.ranked;
  const note = (m: MemberResult): string | null => publicNote(m, graded, anyRanked);
  // 标记 says on the wall why a line differs from the others: a veto's 0, or a member listed without a grade or a
  // place in the order (预备党员 where the regulation does not grade them) — never a line left unexplained.
  // (What publicNote marks, from the digest: a veto; ungraded in a graded period; unranked where others are ranked.)
  const marked = seen.vetoed || (graded ? seen.ungraded : anyRanked && seen.unranked);
  // The branch is in the title: no 支部 column repeating it on every row.
  const columns: Column[] = [
    { header: '序号', width: 10 },
    { header: '姓名', width: 24 },
    { header: '积分', width: 22, type: 'number', numFmt },
    ...(graded ? [{ header: '等次/星级', width: 26 }] : []),
    // A total of 0 by a veto (demolition 清零) says why on the wall, not with its private detail.
    ...(marked ? [{ header: '标记', width: 30 }] : []),
  ];
  const names = uniqueNames([...g.names], { fallback: '公示名单' });
  // The same for every branch's sheet: worked out once.
  const window = publicationWindow(opts.from, days);
  const readNote = `本期积分按 ${monthsReadNote(g.cycle, g.period).read} 的记录计算。`;
  const fromDate = chineseDate(opts.from);
  g.names.forEach((_, i) => {
    book.addLazySheet(names[i]!, (sheet) => {
      const branch = g.open(i);
      // The 公示 lists the members in the points; an exempt member's directly set 档次 is not a score, and a
      // member transferred out is published by the receiving branch (SCHEMES.md "Partial years").
      const members = outputOrder(branch.members).filter(published);
      const footnote = quotaFootnote(scheme, members);
      const lines = [window, '如有异议，请在公示期内向党支部反映。', readNote];
      if (footnote) lines.push(footnote);
      layTable(book, sheet, {
        titleSize: 18,
        // Two lines on the wall: the committee, then what is posted (never broken mid-word).
        title: `${committeeName(branch.branch)}\n${period}党员积分公示`,
        columns,
        bodyRows: members.length,
        *body() {
          for (let j = 0; j < members.length; j++) {
            const m = members[j]!;
            // Only these five public fields: see the module comment.
            const row = [j + 1, m.name, scoreNumber(m.total, scheme.precision)];
            const cells: (string | number | null)[] = graded ? [...row, gradeText(m) || (m.graded ? null : '不评定等次')] : row;
            yield marked ? [...cells, note(m)] : cells;
          }
        },
        after: [
          ...lines.map((text, k) => ({ offset: 2 + k, text, bold: k === 0 })),
          { offset: 2 + lines.length, text: committeeName(branch.branch), align: 'right' as const },
          { offset: 3 + lines.length, text: fromDate, align: 'right' as const },
        ],
      });
    });
  });
  if (!g.names.length) book.addSheet('公示名单');
  return book;
}
