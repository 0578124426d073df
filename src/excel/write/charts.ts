// The 图表 sheet of 评定结果: what a 党委 meeting looks at — the grade mix per branch, the score
// distribution against the grade lines, and each branch's share of the capped grade against the
// cap — as native charts (src/excel/lean/chart.ts) over a data table printed under them.
import { bandOf } from '../../core/grade/grade.js';
import { dec } from '../../core/decimal.js';
import { statsOf } from '../../core/grade/stats.js';
import type { Digest } from './digest.js';
import type { PeriodResult } from '../../core/result.js';
import { periodTitle } from '../../core/cycle.js';
import type { Scheme } from '../../scheme/schema.js';
import type { Book, Row, Sheet, Value } from '../lean/book.js';
import { columnRef, type ChartSeries } from '../lean/chart.js';
import { FONT_BODY, FONT_HEADER, FONT_TITLE, HEADER_FILL } from '../lean/table.js';
import { rangeRef } from '../lean/xml.js';
import { PAGE_FOOTER } from '../page.js';
import { fmt, gradeNames } from './scheme-info.js';
import { scoreNumber } from './summary.js';

export const CHART_SHEET = '图表';
/** Above this many branches the per-branch charts would be unreadable: the 总览 table stands for them. */
export const MAX_CHART_BRANCHES = 60;
const WIDTH = 8;
const COL_WIDTH = 11;
/** Rows of the default 15 pt height on a portrait A4 page inside the margins. */
const PAGE_ROWS = 48;
/** Best grade first: green, blue, amber, red, then greys. */
const PALETTE = ['2E7D32', '1565C0', 'F9A825', 'C62828', '6A1B9A', '757575', '9E9E9E'];
const CAP_COLOR = 'C62828';

interface Block {
  title: string;
  header: Value[];
  rows: Value[][];
  formats?: (string | undefined)[];
}

/** Adds the 图表 sheet when the period graded anyone; returns it (or undefined). */
export function chartSheet(book: Book, scheme: Scheme, digest: Digest, title: string): Sheet | undefined {
  if (!digest.scores.size) return undefined;
  const sheet = book.addSheet(CHART_SHEET);
  const grades = gradeNames(scheme);
  const branches = digest.branches;
  const perBranch = branches.length <= MAX_CHART_BRANCHES;
  const stats = branches.map((b) => statsOf(scheme, b.tally));
  const branchNames = branches.map((b) => b.branch);

  // The data blocks, laid out under the charts; the charts refer to their cells.
  const blocks: Block[] = [];
  if (perBranch) {
    blocks.push({
      title: '各支部等次人数',
      header: ['支部', ...grades],
      rows: branches.map((b, i) => [b.branch, ...grades.map((g) => stats[i]!.counts.get(g) ?? 0)]),
    });
  }
  const dist = distributionOf(scheme, digest.scores);
  blocks.push({ title: '积分分布（人数）', header: ['分数段', ...dist.series], rows: dist.buckets.map((b) => [b.label, ...b.counts]) });
  const quota = scheme.quota;
  if (quota && perBranch) {
    blocks.push({
      title: `各支部${quota.grade}占比`,
      header: ['支部', `${quota.grade}占比`, `上限 ${fmt(quota.pct * 100)}%`],
      rows: branches.map((b, i) => [b.branch, stats[i]!.quotaShare?.toNumber() ?? null, quota.pct]),
      formats: [undefined, '0.0%', '0.0%'],
    });
  }

  const chartRows = (categories: number): number => Math.min(46, Math.max(18, Math.ceil(categories * 1.1) + 8));
  const heights: number[] = [];
  if (perBranch) heights.push(chartRows(branchNames.length));
  heights.push(18);
  if (quota && perBranch) heights.push(Math.max(18, Math.min(30, branchNames.length + 10)));
  // Charts from row 3 (0-based 2), as many to a printed page as fit (about 48 rows of 15 pt).
  let at = 2;
  let pageTop = 0;
  const anchors = heights.map((h) => {
    if (at + h - pageTop > PAGE_ROWS) {
      sheet.rowBreaks.push(at);
      pageTop = at;
    }
    const a = { col: 0, row: at, cols: WIDTH, rows: h };
    at += h + 1;
    return a;
  });
  const dataTop = at + 2;
  // Rows of each block: its title line, its header, its rows, a blank line.
  const starts: number[] = [];
  let r = dataTop + 1;
  for (const b of blocks) {
    starts.push(r);
    r += b.rows.length + 3;
  }
  const sheetName = sheet.name;
  const ref = (block: number, col: number): string => {
    const first = starts[block]! + 2;
    return columnRef(sheetName, col, first, first + blocks[block]!.rows.length - 1);
  };
  let k = 0;
  if (perBranch) {
    const block = k++;
    sheet.charts.push({
      title: `${title}各支部等次分布`,
      kind: 'bar',
      stacked: true,
      categoriesRef: ref(block, 1),
      categories: branchNames,
      series: grades.map((g, i) => ({ name: g, ref: ref(block, i + 2), values: blocks[block]!.rows.map((row) => row[i + 1] as number), color: PALETTE[i % PALETTE.length] })),
      yTitle: '人数',
      valueMin: 0,
      anchor: anchors[0]!,
    });
  }
  const distBlock = k++;
  sheet.charts.push({
    title: `${title}积分分布（按${dist.series.length > 1 ? '等次分数线' : '分数段'}）`,
    kind: 'column',
    stacked: true,
    categoriesRef: ref(distBlock, 1),
    categories: dist.buckets.map((b) => b.label),
    series: dist.series.map((name, i) => ({ name, ref: ref(distBlock, i + 2), values: dist.buckets.map((b) => b.counts[i]!), color: PALETTE[i % PALETTE.length] })),
    xTitle: '分数段',
    yTitle: '人数',
    valueMin: 0,
    anchor: anchors[perBranch ? 1 : 0]!,
  });
  if (quota && perBranch) {
    const block = k++;
    const rows = blocks[block]!.rows;
    const series: ChartSeries[] = [
      { name: `${quota.grade}占比`, ref: ref(block, 2), values: rows.map((row) => row[1] as number | null), color: PALETTE[0] },
      { name: `上限 ${fmt(quota.pct * 100)}%`, ref: ref(block, 3), values: rows.map(() => quota.pct), color: CAP_COLOR, line: true },
    ];
    const top = Math.max(quota.pct, ...rows.map((row) => (row[1] as number | null) ?? 0));
    sheet.charts.push({
      title: `${title}各支部${quota.grade}占比与名额上限`,
      kind: 'column',
      categoriesRef: ref(block, 1),
      categories: branchNames,
      series,
      yTitle: '占比',
      valueFormat: '0%',
      valueMin: 0,
      valueMax: Math.min(1, Math.ceil((top + 0.05) * 10) / 10),
      anchor: anchors[2]!,
    });
  }
  sheet.rowBreaks.push(dataTop - 1);

  writeRows(book, sheet, `${title}党员积分评定图表`, blocks, starts, dataTop, perBranch ? null : `支部超过 ${MAX_CHART_BRANCHES} 个，各支部的图表从略，各支部数字见“总览”。`);
  return sheet;
}

/** Score buckets split at every 10 and at every grade line, each counted under the grade its lower edge falls in. */
export function distribution(scheme: Scheme, scores: readonly number[]): { series: string[]; buckets: { label: string; counts: number[] }[] } {
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  return distributionOf(scheme, counts);
}

/** The same from each score's count (a county's scores repeat: a few thousand distinct values). */
export function distributionOf(scheme: Scheme, scores: ReadonlyMap<number, number>): { series: string[]; buckets: { label: string; counts: number[] }[] } {
  const bands = scheme.bands;
  const series = bands.length ? [...new Set([...bands].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity)).map((b) => b.grade))] : ['人数'];
  // A loop, not Math.min(...scores): spreading a county's 400,000 scores overflows the call stack.
  let least = Infinity;
  let most = -Infinity;
  for (const s of scores.keys()) {
    if (s < least) least = s;
    if (s > most) most = s;
  }
  const lowest = Math.floor(least / 10) * 10;
  const lines = bands.flatMap((b) => (b.min !== undefined ? [b.min] : []));
  // Below the lowest grade line less 10, one bucket holds everyone (a vetoed 0 needs no empty 0–10, 10–20 …).
  const lo = lines.length ? Math.max(lowest, Math.floor((Math.min(...lines) - 10) / 10) * 10) : lowest;
  const hi = most;
  const edges = new Set<number>();
  for (let e = lo; e <= hi; e += 10) edges.add(e);
  for (const b of bands) if (b.min !== undefined && b.min > lo && b.min <= hi) edges.add(b.min);
  const sorted = [...edges].sort((a, b) => a - b);
  const buckets = sorted.map((e, i) => {
    const next = sorted[i + 1];
    return { low: e, label: next === undefined ? `${fmt(e)}及以上` : `${fmt(e)}–${fmt(next)}`, counts: new Array<number>(series.length).fill(0) };
  });
  if (lowest < lo) buckets.unshift({ low: -Infinity, label: `${fmt(lo)}以下`, counts: new Array<number>(series.length).fill(0) });
  for (const [s, n] of scores) {
    let i = buckets.length - 1;
    while (i > 0 && s < buckets[i]!.low) i--;
    const band = bands.length ? bandOf(bands, dec(s)) : undefined;
    const at = band ? series.indexOf(band.grade) : 0;
    buckets[i]!.counts[Math.max(0, at)]! += n;
  }
  return { series, buckets: buckets.map(({ label, counts }) => ({ label, counts })) };
}

function writeRows(book: Book, sheet: Sheet, heading: string, blocks: Block[], starts: number[], dataTop: number, note: string | null): void {
  const titleStyle = book.style({ font: FONT_TITLE, horizontal: 'center', vertical: 'middle' });
  const lineStyle = book.style({ font: FONT_HEADER, horizontal: 'left', vertical: 'middle' });
  const noteStyle = book.style({ font: FONT_BODY, horizontal: 'left', vertical: 'middle', wrap: true });
  const headerStyle = book.style({ font: FONT_HEADER, border: true, fill: HEADER_FILL, horizontal: 'center', vertical: 'middle', wrap: true });
  const text = book.style({ font: FONT_BODY, border: true, horizontal: 'left', vertical: 'middle', wrap: true });
  const formats = new Map<string | undefined, number>();
  const number = (f: string | undefined): number => {
    let id = formats.get(f);
    if (id === undefined) formats.set(f, (id = book.style({ font: FONT_BODY, border: true, horizontal: 'right', vertical: 'middle', ...(f ? { numFmt: f } : {}) })));
    return id;
  };
  const rows: Row[] = [];
  sheet.merge(rangeRef(1, 1, 1, WIDTH));
  rows.push({ r: 1, cells: [heading], style: titleStyle, height: 32 });
  if (note) {
    sheet.merge(rangeRef(2, 1, 2, WIDTH));
    rows.push({ r: 2, cells: [note], style: noteStyle });
  }
  sheet.merge(rangeRef(dataTop, 1, dataTop, WIDTH));
  rows.push({ r: dataTop, cells: ['图表数据'], style: lineStyle });
  blocks.forEach((b, i) => {
    const top = starts[i]!;
    rows.push({ r: top, cells: [b.title], style: lineStyle });
    rows.push({ r: top + 1, cells: b.header, style: headerStyle, height: 30 });
    b.rows.forEach((cells, j) => {
      rows.push({ r: top + 2 + j, cells, style: cells.map((v, c) => (typeof v === 'string' ? text : number(b.formats?.[c]))) });
    });
  });
  sheet.rows(rows);
  for (let c = 1; c <= WIDTH; c++) sheet.width(c, COL_WIDTH);
  sheet.width(1, 22);
  const last = starts.length ? starts[starts.length - 1]! + blocks[blocks.length - 1]!.rows.length + 1 : dataTop;
  sheet.dimension = rangeRef(1, 1, last, WIDTH);
  // The title stays in view and heads every printed page, as on the table sheets.
  sheet.frozenRows = 1;
  sheet.printTitleRows = 1;
  sheet.page = { orientation: 'portrait', paperSize: 9, fitToWidth: true, horizontalCentered: true };
  sheet.footer = PAGE_FOOTER;
}

/**
 * The 图表 sheet of a multi-period 评分汇总表 (compute --period 2023Q1,2023Q2,…): the branch's
 * average per period as a line, beside the average of every branch computed in the same run.
 */
export function periodChartSheet(book: Book, scheme: Scheme, results: readonly PeriodResult[], branchIndex: number): Sheet | undefined {
  if (results.length < 2) return undefined;
  const average = (members: readonly PeriodResult['branches'][number]['members'][number][]): number | null => {
    const scored = members.filter((m) => m.participates);
    if (!scored.length) return null;
    return scoreNumber(scored.reduce((s, m) => s.plus(m.total), dec(0)).dividedBy(scored.length), scheme.precision);
  };
  const branch = results[0]!.branches[branchIndex]!.branch;
  const labels = results.map((r) => periodTitle(r.cycle, r.period));
  const rows: Value[][] = results.map((r, i) => [labels[i]!, average(r.branches[branchIndex]!.members), average(r.branches.flatMap((b) => b.members))]);
  const sheet = book.addSheet(CHART_SHEET);
  const blocks: Block[] = [{ title: '各期平均积分', header: ['期间', `${branch}平均分`, '全部支部平均分'], rows }];
  const dataTop = 2 + 20 + 2;
  const starts = [dataTop + 1];
  const first = starts[0]! + 2;
  const last = first + rows.length - 1;
  const values = (col: number): (number | null)[] => rows.map((row) => row[col] as number | null);
  const all = [...values(1), ...values(2)].filter((v): v is number => v !== null);
  sheet.charts.push({
    title: `${branch}各期平均积分`,
    kind: 'line',
    categoriesRef: columnRef(sheet.name, 1, first, last),
    categories: labels,
    series: [
      { name: `${branch}平均分`, ref: columnRef(sheet.name, 2, first, last), values: values(1), color: PALETTE[1] },
      { name: '全部支部平均分', ref: columnRef(sheet.name, 3, first, last), values: values(2), color: PALETTE[5] },
    ],
    xTitle: '期间',
    yTitle: '平均分',
    valueMin: all.length ? Math.max(0, Math.floor((Math.min(...all) - 10) / 10) * 10) : 0,
    anchor: { col: 0, row: 2, cols: WIDTH, rows: 20 },
  });
  writeRows(book, sheet, `${branch}${labels[0]}至${labels[labels.length - 1]}各期积分图表`, blocks, starts, dataTop, null);
  return sheet;
}
