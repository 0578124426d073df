// Cycles and periods (dayjs): a cycle is named by the calendar year in which it ends;
// months and quarters count from the cycle start (Q1 of a July cycle is July–September).
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

export interface CycleSpec {
  startMonth: number;
  startDay: number;
}

export interface Cycle {
  year: number;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
  spec: CycleSpec;
  /** The twelve months of the cycle, computed once (start and end inclusive). */
  months: readonly { start: string; end: string }[];
}

const cycles = new Map<string, Cycle>();

export type PeriodKind = 'month' | 'quarter' | 'half' | 'cycle';

export interface Period {
  kind: PeriodKind;
  /** 0-based month (0–11), quarter (0–3) or half (0–1) index within the cycle; 0 for the cycle. */
  index: number;
  /** The text the user typed or we print: 2023, 2023Q1, 2023H1, 2023-03. */
  label: string;
  start: string;
  end: string;
  /** 0-based month indices covered. */
  months: number[];
}

const ISO = 'YYYY-MM-DD';

export function cycleOf(year: number, spec: CycleSpec): Cycle {
  const key = `${year}-${spec.startMonth}-${spec.startDay}`;
  const hit = cycles.get(key);
  if (hit) return hit;
  const calendar = spec.startMonth === 1 && spec.startDay === 1;
  const start = calendar
    ? dayjs.utc(`${year}-01-01`)
    : dayjs.utc(`${year - 1}-${pad(spec.startMonth)}-${pad(spec.startDay)}`);
  const end = start.add(1, 'year').subtract(1, 'day');
  const months = [...Array(12).keys()].map((i) => ({
    start: start.add(i, 'month').format(ISO),
    end: start.add(i + 1, 'month').subtract(1, 'day').format(ISO),
  }));
  const cycle: Cycle = { year, start: start.format(ISO), end: end.format(ISO), spec: { startMonth: spec.startMonth, startDay: spec.startDay }, months };
  cycles.set(key, cycle);
  return cycle;
}

/** Start (inclusive) and end (inclusive) of the i-th month of the cycle. */
export function monthRange(cycle: Cycle, i: number): { start: string; end: string } {
  return cycle.months[i]!;
}

/** The calendar month (1–12) that names the i-th record month: the month its last day falls in. */
export function monthNumber(cycle: Cycle, i: number): number {
  return dayjs.utc(monthRange(cycle, i).end).month() + 1;
}

/** 0-based month index of an ISO date inside the cycle, or -1 when outside. */
export function monthIndexOf(cycle: Cycle, iso: string): number {
  if (iso < cycle.start || iso > cycle.end) return -1;
  for (let i = 0; i < 12; i++) {
    if (iso <= cycle.months[i]!.end) return i;
  }
  return -1;
}

export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];
export const HALF_NAMES = ['上半年', '下半年'];

export function cyclePeriod(cycle: Cycle): Period {
  return {
    kind: 'cycle',
    index: 0,
    label: String(cycle.year),
    start: cycle.start,
    end: cycle.end,
    months: [...Array(12).keys()],
  };
}

export function quarterPeriod(cycle: Cycle, q: number): Period {
  const months = [q * 3, q * 3 + 1, q * 3 + 2];
  return {
    kind: 'quarter',
    index: q,
    label: `${cycle.year}Q${q + 1}`,
    start: monthRange(cycle, months[0]!).start,
    end: monthRange(cycle, months[2]!).end,
    months,
  };
}

/** The first (H1: months 1–6 of the cycle) or second (H2: months 7–12) half of the cycle. */
export function halfPeriod(cycle: Cycle, h: number): Period {
  const months = [0, 1, 2, 3, 4, 5].map((i) => h * 6 + i);
  return {
    kind: 'half',
    index: h,
    label: `${cycle.year}H${h + 1}`,
    start: monthRange(cycle, months[0]!).start,
    end: monthRange(cycle, months[5]!).end,
    months,
  };
}

export function monthPeriod(cycle: Cycle, i: number): Period {
  const r = monthRange(cycle, i);
  const calendarYear = dayjs.utc(r.end).year();
  return { kind: 'month', index: i, label: `${calendarYear}-${pad(monthNumber(cycle, i))}`, ...r, months: [i] };
}

export type PeriodParse = { ok: true; year: number; kind: PeriodKind; value: number } | { ok: false };

/**
 * Parses 2023, 2023Q1, 2023H1, 2023-03 (also 2023-3, 2023年3月, 2023年第一季度, 2023年上半年).
 * For a month the value is the calendar month; `resolvePeriod` finds it in the cycle.
 */
export function parsePeriod(text: string): PeriodParse {
  const t = text.trim().normalize('NFKC');
  let m = /^(\d{4})年?$/.exec(t);
  if (m) return { ok: true, year: Number(m[1]), kind: 'cycle', value: 0 };
  m = /^(\d{4})\s*[Qq]([1-4])$/.exec(t);
  if (m) return { ok: true, year: Number(m[1]), kind: 'quarter', value: Number(m[2]) };
  m = /^(\d{4})年第([一二三四1-4])季度$/.exec(t);
  if (m) return { ok: true, year: Number(m[1]), kind: 'quarter', value: '一二三四'.indexOf(m[2]!) + 1 || Number(m[2]) };
  m = /^(\d{4})\s*[Hh]([12])$/.exec(t);
  if (m) return { ok: true, year: Number(m[1]), kind: 'half', value: Number(m[2]) };
  m = /^(\d{4})年度?([上下])半年$/.exec(t);
  if (m) return { ok: true, year: Number(m[1]), kind: 'half', value: m[2] === '上' ? 1 : 2 };
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ok: true, year: Number(m[1]), kind: 'month', value: Number(m[2]) };
  return { ok: false };
}

/**
 * Turns a parsed period into a period of the cycle that holds it. A quarter or year
 * names the cycle; a month names the calendar month, found in the cycle that contains it.
 */
export function resolvePeriod(p: Extract<PeriodParse, { ok: true }>, spec: CycleSpec): { cycle: Cycle; period: Period } | undefined {
  if (p.kind === 'cycle') {
    const cycle = cycleOf(p.year, spec);
    return { cycle, period: cyclePeriod(cycle) };
  }
  if (p.kind === 'quarter') {
    const cycle = cycleOf(p.year, spec);
    return { cycle, period: quarterPeriod(cycle, p.value - 1) };
  }
  if (p.kind === 'half') {
    const cycle = cycleOf(p.year, spec);
    return { cycle, period: halfPeriod(cycle, p.value - 1) };
  }
  for (const year of [p.year, p.year + 1]) {
    const cycle = cycleOf(year, spec);
    for (let i = 0; i < 12; i++) {
      const mp = monthPeriod(cycle, i);
      if (mp.label === `${p.year}-${pad(p.value)}`) return { cycle, period: mp };
    }
  }
  return undefined;
}

/** How a cycle is shown: 2023年度, or 2022—2023年度 for a cycle that does not start on 1 January. */
export function cycleTitle(cycle: Cycle): string {
  return cycle.start.endsWith('-01-01') ? `${cycle.year}年度` : `${cycle.year - 1}—${cycle.year}年度`;
}

export function periodTitle(cycle: Cycle, period: Period): string {
  if (period.kind === 'cycle') return cycleTitle(cycle);
  if (period.kind === 'quarter') {
    // 2023年第一季度 (PRODUCT.md's title); a cycle across two years keeps its 2022—2023年度 name.
    const head = cycle.start.endsWith('-01-01') ? `${cycle.year}年` : cycleTitle(cycle);
    return `${head}${QUARTER_NAMES[period.index]}`;
  }
  if (period.kind === 'half') {
    const head = cycle.start.endsWith('-01-01') ? `${cycle.year}年` : cycleTitle(cycle);
    return `${head}${HALF_NAMES[period.index]}`;
  }
  const [y, mo] = period.label.split('-');
  return `${y}年${Number(mo)}月`;
}

/** Record sheet names in cycle order: 1月…12月 (a July cycle: 7月…6月), or the four quarters. */
export function recordSheetNames(cycle: Cycle, record: 'month' | 'quarter' | 'none'): string[] {
  if (record === 'month') return [...Array(12).keys()].map((i) => `${monthNumber(cycle, i)}月`);
  if (record === 'quarter') return [...QUARTER_NAMES];
  return [];
}

/** The record periods (sheet indices) a period reads: its months, or the quarters holding them. */
export function recordIndices(period: Period, record: 'month' | 'quarter' | 'none'): number[] {
  if (record === 'quarter') return [...new Set(period.months.map((m) => Math.floor(m / 3)))];
  if (record === 'month') return [...period.months];
  return [];
}

/**
 * Sheet names as a clerk reads a list of them: a run of three or more consecutive ones as
 * 1月—3月, others joined with 、 (4月、6月).
 */
export function sheetRun(names: readonly string[], indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${names[sorted[i]!]}—${names[sorted[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(names[sorted[k]!]!);
    i = j + 1;
  }
  return parts.join('、');
}

/** The months a period is computed from, by name (1月…): what every output says it read. */
export function monthsRead(cycle: Cycle, period: Period): string[] {
  return period.months.map((i) => `${monthNumber(cycle, i)}月`);
}

/** 本期按 1月—3月 的记录计算 …: the note on the written workbooks and the terminal. */
export function monthsReadNote(cycle: Cycle, period: Period): { read: string; zh: string; en: string } {
  const names = [...Array(12).keys()].map((i) => `${monthNumber(cycle, i)}月`);
  const read = sheetRun(names, period.months);
  const last = Math.max(...period.months);
  const later = last < 11 ? `；${names[last + 1]}起不读取（尚未记录的月份不算错误）` : '';
  const laterEn = last < 11 ? `; ${names[last + 1]} onwards not read` : '';
  return { read, zh: `按 ${read} 的记录计算${later}`, en: `computed from ${read}${laterEn}` };
}

export function isoDate(d: Date): string {
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) return dayjs.utc(d).format(ISO);
  return `${String(y).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(iso: string, days: number): string {
  return dayjs.utc(iso).add(days, 'day').format(ISO);
}

export function isValidIso(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDate(d) === iso;
}

export function chineseDate(iso: string): string {
  const d = dayjs.utc(iso);
  return `${d.year()}年${d.month() + 1}月${d.date()}日`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
