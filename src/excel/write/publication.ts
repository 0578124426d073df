// 公示名单 written by `publish` and `grade`: a sheet per branch with ONLY public fields
// (序号, 姓名, 支部, 积分, 等次/星级) and the publication window. Never IDs, phones or dates of birth.
import type { Scheme } from '../../scheme/schema.js';
import type { MemberResult, PeriodResult } from '../../core/result.js';
import { addDays, chineseDate, monthsReadNote, periodTitle } from '../../core/cycle.js';
import { numFmtFor, type Column } from './style.js';
import { Book } from '../lean/book.js';
import { addTable } from '../lean/table.js';
import { scoreNumber, starsText } from './summary.js';
import { outputOrder } from '../../core/grade.js';
import { uniqueNames } from './names.js';
import { committeeName } from './titles.js';

export interface PublicationOptions {
  /** First day of the publication window, YYYY-MM-DD. */
  from: string;
  /** Length of the window in days (the scheme's publishDays by default). */
  days?: number;
}

export { committeeName } from './titles.js';

/** `公示期：2023年4月3日至2023年4月9日` (the last day is from + days − 1). */
export function publicationWindow(from: string, days: number): string {
  return `公示期：${chineseDate(from)}至${chineseDate(addDays(from, Math.max(1, days) - 1))}`;
}

/** Who a 公示 lists: members taking part in the points and still in the branch at the period's end. */
export function published(m: MemberResult): boolean {
  return m.participates && !m.transferredOut;
}

function gradeText(m: MemberResult): string {
  return [m.grade ?? '', starsText(m.stars)].filter(Boolean).join(' ');
}

/** The 公示名单 workbook as a lean book (save it with saveBook / writeOutput). */
export function publicationList(scheme: Scheme, result: PeriodResult, opts: PublicationOptions): Book {
  const book = new Book();
  book.creator = 'score';
  const days = opts.days ?? scheme.cycle.publishDays;
  const period = periodTitle(result.cycle, result.period);
  const numFmt = numFmtFor(scheme.precision);
  // 等次/星级 only when the period grades (a quarter's list has no empty column).
  const graded = result.branches.some((b) => b.members.some((m) => published(m) && (m.grade || m.stars)));
  const columns: Column[] = [
    { header: '序号', width: 8 },
    { header: '姓名', width: 14 },
    { header: '支部', width: 26 },
    { header: '积分', width: 12, type: 'number', numFmt },
    ...(graded ? [{ header: '等次/星级', width: 20 }] : []),
  ];
  const names = uniqueNames(result.branches.map((b) => b.branch), { fallback: '公示名单' });
  result.branches.forEach((branch, i) => {
    // The 公示 lists the members in the points; an exempt member's directly set 档次 is not a score, and a
    // member transferred out is published by the receiving branch (SCHEMES.md "Partial years").
    const members = outputOrder(branch.members).filter(published);
    addTable(book, names[i]!, {
      title: `${committeeName(branch.branch)} ${period}党员积分公示`,
      columns,
      bodyRows: members.length,
      *body() {
        for (let j = 0; j < members.length; j++) {
          const m = members[j]!;
          // Only these five public fields: see the module comment.
          const row = [j + 1, m.name, branch.branch, scoreNumber(m.total, scheme.precision)];
          yield graded ? [...row, gradeText(m) || (m.graded ? null : '不评定等次')] : row;
        }
      },
      after: [
        { offset: 2, text: publicationWindow(opts.from, days), bold: true },
        { offset: 3, text: '如有异议，请在公示期内向党支部反映。' },
        { offset: 4, text: `本期积分按 ${monthsReadNote(result.cycle, result.period).read} 的记录计算。` },
        { offset: 5, text: committeeName(branch.branch), align: 'right' },
        { offset: 6, text: chineseDate(opts.from), align: 'right' },
      ],
    });
  });
  if (!result.branches.length) book.addSheet('公示名单');
  return book;
}
