// Periods inside the cycle and history said out loud, through the spawned binary: a ledger whose
// later month sheets are not there yet, `explain` asked for another cycle, and the consecutive-year
// rules with no earlier results, a --history folder that does not exist, and --no-history.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, tmp } from '../helpers/cli.js';
import { MONTHS } from '../helpers/fill.js';
import { filled, member, notFound, scoreAsync, template, townshipSpec, type GradeOut } from './lib.js';

let full: string;
/** The same ledger with only 1月–3月: the sheets 4月…12月 deleted, as a clerk adds them month by month. */
let q1: string;

beforeAll(async () => {
  ensureBuilt();
  const t = template('township', '第一支部');
  const dir = tmp('score-periods-');
  full = await filled(t, townshipSpec(), '第一支部.xlsx', dir);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(full);
  for (const m of MONTHS.slice(3)) wb.removeWorksheet(wb.getWorksheet(m)!.id);
  // The events dated after March stay: they are simply not counted in Q1.
  q1 = join(tmp('score-periods-q1-'), '第一支部.xlsx');
  await wb.xlsx.writeFile(q1);
});

describe('a ledger without the sheets 4月…12月', () => {
  it('compute / validate / publish --period 2023Q1 succeed with the Q1 totals; the later events are said not counted', async () => {
    const out = tmp();
    const [c, v, p] = await Promise.all([
      scoreAsync(['compute', q1, '--period', '2023Q1', '--out', out, '--json']),
      scoreAsync(['validate', q1, '--period', '2023Q1']),
      scoreAsync(['publish', '--period', '2023Q1', q1, '--out', out]),
    ]);
    expect(c.code, c.stderr).toBe(0);
    const j = json<GradeOut & { monthsRead: string[] }>(c);
    expect(j.monthsRead).toEqual(['1月', '2月', '3月']);
    // (lib.ts) 甲 100; 丁 100 (its veto is dated April); 乙 (90 + 90 + 85) / 3 + 经济发展 2 = 90.33; 丙 56; 预 50.
    expect(Object.fromEntries(j.members.map((m) => [m.name, m.total]))).toEqual({ 甲: 100, 丁: 100, 乙: 90.33, 丙: 56, 预: 50 });
    expect(j.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(j.issues.map((i) => i.code)).toContain('PERIOD_LATER_ROWS');
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toContain('检查到2023年第一季度为止：1月—3月');
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('按 1月—3月 的记录计算；4月起不读取');
    expect(p.stderr).toMatch(/加减分明细：有 \d+ 条记录的日期在2023年第一季度之后（2023-04-01 起），本期不计/);
  });

  it('the year, or a half-year reaching past 3月, names the missing sheets: one error, not one per member', async () => {
    const [v, h] = await Promise.all([scoreAsync(['validate', q1, '--json']), scoreAsync(['compute', q1, '--period', '2023H1', '--out', tmp(), '--json'])]);
    expect(v.code).toBe(1);
    const issues = json<{ issues: { code: string; severity: string; message: string }[] }>(v).issues.filter((i) => i.severity === 'error');
    expect(issues.map((i) => i.code)).toEqual(['RECORD_NOT_RECORDED']);
    expect(issues[0]!.message).toBe('2023年度需要 4月—12月 的记录，还没有填写（工作表不存在）');
    expect(h.code).toBe(1);
    expect(json<GradeOut>(h).excluded!.map((e) => e.reason)).toEqual(['2023年上半年需要 4月—6月 的记录，还没有填写（工作表不存在）']);
  });

  it('2023H1, 2023h2 and 2023年上半年 are periods; 2023H3 is a usage error', async () => {
    const [a, b, c] = await Promise.all([
      scoreAsync(['compute', full, '--period', '2023年上半年', '--out', tmp(), '--json']),
      scoreAsync(['compute', full, '--period', '2023h2', '--out', tmp(), '--json']),
      scoreAsync(['compute', full, '--period', '2023H3', '--out', tmp()]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(json<GradeOut>(a).period).toBe('2023H1');
    // 乙 H2: 义务 40 + 岗位 50 = 90 a month; 加分 in H2: 表彰 省 4 + 七一 2 + 公益事业 2, the cap of 10 already holding 2 + 3 from H1 → 5.
    expect(member(json<GradeOut>(b), '乙').total).toBe(95);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('2023H1（半年）');
  });
});

describe('explain --period outside the ledger\'s cycle', () => {
  it('explain 乙 --period 2024 on a 2023 ledger → a clear usage error, no explanation', async () => {
    const [bad, month, ok] = await Promise.all([
      scoreAsync(['explain', '乙', '--ledger', full, '--period', '2024', '--no-history']),
      scoreAsync(['explain', '乙', '--ledger', full, '--period', '2024-03', '--no-history']),
      scoreAsync(['explain', '乙', '--ledger', q1, '--period', '2023Q1', '--no-history', '--json']),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('期间 2024 不在这本台账的积分周期内：台账是 2023年度（2023-01-01 至 2023-12-31）');
    expect(month.code).toBe(2);
    expect(month.stderr).toContain('期间 2024-03 不在这本台账的积分周期内');
    expect(ok.code, ok.stderr).toBe(0);
    expect(json<{ member: { total: number }; monthsRead: string[] }>(ok)).toMatchObject({ member: { total: 90.33 }, monthsRead: ['1月', '2月', '3月'] });
  });
});

describe('history said out loud (township: 连续两年 / 连续三年 不合格)', () => {
  const rules = ['连续两年规则（集中学习班）', '连续三年规则（按组织程序处理）'];

  it('no earlier results → a warning naming each rule and the year, in the terminal and in --json', async () => {
    const [j, plain] = await Promise.all([
      scoreAsync(['grade', '--year', '2023', full, '--out', tmp(), '--json']),
      scoreAsync(['grade', '--year', '2023', full, '--out', tmp()]),
    ]);
    expect(j.code, j.stderr).toBe(0);
    const g = json<GradeOut>(j);
    expect(g.firstYear).toBe(false);
    expect(notFound(g.historyWarnings)).toHaveLength(g.historyWarnings?.length ?? -1);
    expect(notFound(g.historyWarnings).map((w) => [w.code, w.year, w.rules, w.missing.length])).toEqual([
      ['HISTORY_NOT_FOUND', 2022, rules, 5],
      ['HISTORY_NOT_FOUND', 2021, rules.slice(1), 5],
    ]);
    expect(g.historyWarnings?.[0]?.message).toBe('2022 年结果未找到：连续两年规则（集中学习班）、连续三年规则（按组织程序处理）未使用');
    expect(plain.stderr).toContain('警告：2022 年结果未找到：连续两年规则（集中学习班）、连续三年规则（按组织程序处理）未使用');
    expect(plain.stderr).toContain('警告：2021 年结果未找到：连续三年规则（按组织程序处理）未使用');
  });

  it('--history DIR that does not exist → usage error (exit 2), nothing created', async () => {
    const parent = tmp();
    const out = join(parent, '输出');
    const missing = join(parent, '没有这个文件夹');
    const runs = await Promise.all([
      scoreAsync(['grade', '--year', '2023', full, '--out', out, '--history', missing]),
      scoreAsync(['publish', '--period', '2023', full, '--out', out, '--history', missing]),
      scoreAsync(['compute', full, '--out', out, '--history', missing]),
      scoreAsync(['explain', '乙', '--ledger', full, '--history', missing]),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--history 文件夹不存在：${missing}`);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('--no-history states a first year: no warning, and it says so', async () => {
    const [j, plain] = await Promise.all([
      scoreAsync(['grade', '--year', '2023', full, '--out', tmp(), '--json', '--no-history']),
      // --from: a 公示期 given by the clerk (a default window already past is a warning of its own).
      scoreAsync(['grade', '--year', '2023', full, '--out', tmp(), '--no-history', '--from', '2024-01-02']),
    ]);
    expect(j.code, j.stderr).toBe(0);
    expect(json(j)).toMatchObject({ firstYear: true, historyWarnings: [], historyUsed: [] });
    expect(plain.stderr).toContain('第一个年度（--no-history）：不读取往年结果，连续两年规则（集中学习班）、连续三年规则（按组织程序处理）不适用');
    expect(plain.stderr).not.toContain('警告');
  });
});

describe('a scheme recorded by quarter (company): only 第一季度 filled', () => {
  const FULL = { 政治素质: 9, 组织生活: 9, 发挥先锋作用: 3, 服务群众: 3, 道德示范: 6, 廉洁奉公: 3, 其他基础分: 7, 履行职责: 29, 履诺践诺: 3, 发挥作用: 7, 其他任务分: 11, 突出贡献: 0, 奖励表彰: 0, 其他奖励: 0 };
  let file: string;
  beforeAll(async () => {
    const t = template('company', '公司党支部');
    file = await filled(t, { members: [{ name: '甲' }, { name: '乙' }], records: { 第一季度: { 甲: { ...FULL, 奖励表彰: 3 }, 乙: { ...FULL, 政治素质: 5 } } } });
  });

  it('Q1 computes (基础 40 + 任务 50 + 奖励); H1 names 第二季度 as not recorded; a month is a usage error', async () => {
    const [q, h, m] = await Promise.all([
      scoreAsync(['compute', file, '--period', '2023Q1', '--out', tmp(), '--json']),
      scoreAsync(['compute', file, '--period', '2023H1', '--out', tmp(), '--json']),
      scoreAsync(['compute', file, '--period', '2023-02', '--out', tmp()]),
    ]);
    expect(q.code, q.stderr).toBe(0);
    expect(Object.fromEntries(json<GradeOut>(q).members.map((x) => [x.name, x.total]))).toEqual({ 甲: 93, 乙: 86 });
    expect(h.code).toBe(1);
    expect(json<GradeOut>(h).excluded!.map((e) => e.reason)).toEqual(['2023年上半年需要 第二季度 的记录，还没有填写（表中没有填写任何分数）']);
    expect(m.code).toBe(2);
  });
});
