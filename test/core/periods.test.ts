// Periods inside the cycle (src/core/cycle.ts): the spellings of a half-year, the months a period
// reads (a July cycle's H1 is July–December), and how a run of sheet names is written.
import { describe, expect, it } from 'vitest';
import { cycleOf, monthsRead, monthsReadNote, parsePeriod, periodTitle, recordIndices, resolvePeriod, sheetRun } from '../../src/core/cycle.js';

const CAL = { startMonth: 1, startDay: 1 };
const JULY = { startMonth: 7, startDay: 1 };

describe('parsePeriod / resolvePeriod: half-years', () => {
  it.each([
    ['2023H1', 'half', 1],
    ['2023h2', 'half', 2],
    ['２０２３Ｈ１', 'half', 1],
    ['2023年上半年', 'half', 1],
    ['2023年度下半年', 'half', 2],
    ['2023Q3', 'quarter', 3],
    ['2023-03', 'month', 3],
    ['2023', 'cycle', 0],
  ])('%s → %s %d', (text, kind, value) => {
    expect(parsePeriod(text)).toEqual({ ok: true, year: 2023, kind, value });
  });

  it.each(['2023H3', '2023H0', '2023 上半'])('%s is not a period', (text) => {
    expect(parsePeriod(text).ok).toBe(false);
  });

  it.each([
    [CAL, '2023H1', '2023-01-01', '2023-06-30', '2023年上半年', ['1月', '2月', '3月', '4月', '5月', '6月']],
    [CAL, '2023H2', '2023-07-01', '2023-12-31', '2023年下半年', ['7月', '8月', '9月', '10月', '11月', '12月']],
    [JULY, '2023H1', '2022-07-01', '2022-12-31', '2022—2023年度上半年', ['7月', '8月', '9月', '10月', '11月', '12月']],
  ])('%o %s: %s … %s, %s', (spec, text, start, end, title, months) => {
    const p = parsePeriod(text);
    if (!p.ok) throw new Error(text);
    const r = resolvePeriod(p, spec)!;
    expect([r.period.label, r.period.start, r.period.end, periodTitle(r.cycle, r.period)]).toEqual([text, start, end, title]);
    expect(monthsRead(r.cycle, r.period)).toEqual(months);
  });

  it('a quarter-record scheme reads the quarters holding the months', () => {
    const c = cycleOf(2023, CAL);
    const r = resolvePeriod({ ok: true, year: 2023, kind: 'half', value: 2 }, CAL)!;
    expect(recordIndices(r.period, 'quarter')).toEqual([2, 3]);
    expect(recordIndices(r.period, 'month')).toEqual([6, 7, 8, 9, 10, 11]);
    expect(c.year).toBe(2023);
  });
});

describe('sheetRun and the months-read note', () => {
  const names = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
  it.each([
    [[0, 1, 2], '1月—3月'],
    [[0, 1], '1月、2月'],
    [[3, 5, 6, 7, 8, 11], '4月、6月—9月、12月'],
    [[2], '3月'],
  ])('%o → %s', (indices, text) => {
    expect(sheetRun(names, indices)).toBe(text);
  });

  it('says from which months and that the later ones are not read', () => {
    const c = cycleOf(2023, CAL);
    const q1 = resolvePeriod({ ok: true, year: 2023, kind: 'quarter', value: 1 }, CAL)!.period;
    expect(monthsReadNote(c, q1).zh).toBe('按 1月—3月 的记录计算；4月起不读取（尚未记录的月份不算错误）');
    const year = resolvePeriod({ ok: true, year: 2023, kind: 'cycle', value: 0 }, CAL)!.period;
    expect(monthsReadNote(c, year).zh).toBe('按 1月—12月 的记录计算');
  });
});
