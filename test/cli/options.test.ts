// The option schemas (src/cli/options.ts): typed values out, the usage message of each bad value.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/batch/exit.js';
import { commonOptions, dateOption, daysOption, onePeriodOption, parseOptions, periodsOption, quotaScopeOption, required, schemeOptionValue, yearOption } from '../../src/cli/options.js';

const Grade = commonOptions.extend({ year: yearOption, quotaScope: quotaScopeOption.optional(), from: dateOption.optional(), days: daysOption.optional(), period: onePeriodOption.optional() });

describe('parseOptions', () => {
  it('gives typed values: a year is a number, a date ISO, days a number, a period parsed', () => {
    const o = parseOptions(Grade, { year: '２０２３年度', from: '2024年1月3日', days: '７', period: '2023Q1', quiet: true });
    expect(o).toEqual({ year: 2023, from: '2024-01-03', days: 7, period: { text: '2023Q1', year: 2023, kind: 'quarter' }, quiet: true });
  });

  it('loads --scheme into the scheme itself', () => {
    expect(parseOptions(Grade, { year: '2023', scheme: 'township' }).scheme?.id).toBe('township');
  });

  it.each([
    { name: 'a year out of range', raw: { year: '1999' }, message: '年度「1999」无效，例如 --year 2023' },
    { name: 'a quota scope not branch|township', raw: { year: '2023', quotaScope: 'county' }, message: '--quota-scope 只能是 branch 或 township' },
    { name: 'a date that is none', raw: { year: '2023', from: '2024-02-30' }, message: '--from「2024-02-30」不是日期：可写 2023-04-03、2023/4/3 或 2023年4月3日' },
    { name: 'zero days', raw: { year: '2023', days: '0' }, message: '--days 应为 1–60 的整数' },
    { name: 'two periods where one is taken', raw: { year: '2023', period: '2023Q1,2023Q2' }, message: '--period 只能写一个期间' },
    { name: 'a period that is none', raw: { year: '2023', period: '2023H3' }, message: '期间「2023H3」无效：可写 2023（年度）、2023Q1（季度）、2023H1（半年）或 2023-03（月份）' },
  ])('$name is a usage error with its own message', ({ raw, message }) => {
    expect(() => parseOptions(Grade, raw)).toThrow(new UsageError(message));
  });

  it('a scheme that cannot be loaded lists why', () => {
    expect(() => parseOptions(commonOptions, { scheme: 'no-such-scheme' })).toThrow(/^方案无法使用：no-such-scheme\n {2}没有名为「no-such-scheme」的内置方案/);
  });

  it('a required option that is missing gives its own message; the value is then parsed as usual', () => {
    const schema = commonOptions.extend({ scheme: required(schemeOptionValue, () => '请用 --scheme 指定方案') });
    expect(() => parseOptions(schema, {})).toThrow(new UsageError('请用 --scheme 指定方案'));
    expect(parseOptions(schema, { scheme: 'village' }).scheme.id).toBe('village');
  });

  it('an empty --period is no period; several are kept in order', () => {
    expect(parseOptions(periodsOption, '')).toEqual([]);
    expect(parseOptions(periodsOption, '2023-03，2023Q2').map((p) => p.text)).toEqual(['2023-03', '2023Q2']);
  });
});
