// Issue 18, the findings left after the first fixes (../shared/findings/fidelity-round-3.md), through
// the spawned binary on ledgers from `score template`, with the hand numbers worked from the seed:
// it-bureau 处分期间 across the year boundary, the it-bureau 积分申请表 (分管领导, 任务分), and the
// "Unfaithful or missing" lines of the audit.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tmp, type Run } from '../helpers/cli.js';
import { MONTHS, everySheet, type LedgerFill, type SanctionFill } from '../helpers/fill.js';
import { expectMember, filled, gradeAsync, scoreAsync, startAll, templateAsync, type GradeOut } from './lib.js';

vi.setConfig({ testTimeout: 300_000 });

interface Ran {
  run: Run;
  out: GradeOut;
}

async function gradeOf(scheme: string, branch: string, spec: LedgerFill, extra: string[] = []): Promise<Ran> {
  const t = await templateAsync(scheme, branch);
  const file = await filled(t, spec);
  return gradeAsync([file], 2023, tmp(), extra);
}

const issue = (r: Ran, code: string) => r.out.issues.find((i) => i.code === code);

// ------------------------------------------------------------------ it-bureau 处分期间

/**
 * it-bureau 甲 and 乙: 基础分 20 + 任务分 6 × 12 = 72 → 70 (cap) = 90, 评议 优秀 × 100% = 90 优秀 by score.
 * 甲 carries one 严重警告 row, dated and ended as each case says.
 */
function itBureauSanction(s: Omit<SanctionFill, 'name'>): Promise<Ran> {
  return gradeOf('it-bureau', '工信局机关支部', {
    members: [{ name: '甲' }, { name: '乙' }],
    records: everySheet(MONTHS, { 甲: { 月任务分: 6 }, 乙: { 月任务分: 6 } }),
    evaluations: [{ name: '甲', grade: '优秀' }, { name: '乙', grade: '优秀' }],
    sanctions: [{ ...s, name: '甲' }],
  });
}

let jobs: {
  carried: Promise<Ran>;
  noEnd: Promise<Ran>;
  ended: Promise<Ran>;
  undated: Promise<Ran>;
  badEnd: Promise<Ran>;
  notDuring: Promise<Ran>;
  shortInYear: Promise<Ran>;
  show: Promise<Run>;
};

beforeAll(() => {
  jobs = startAll({
    carried: () => itBureauSanction({ date: '2022-10-01', until: '2024-03-31', type: '严重警告' }),
    noEnd: () => itBureauSanction({ date: '2022-10-01', type: '严重警告' }),
    ended: () => itBureauSanction({ date: '2022-01-01', until: '2022-12-31', type: '严重警告' }),
    undated: () => itBureauSanction({ type: '留党察看' }),
    badEnd: () => itBureauSanction({ date: '2023-05-01', until: '2023-04-01', type: '撤销党内职务' }),
    notDuring: () => itBureauSanction({ date: '2023-05-01', until: '2023-12-31', type: '违反计划生育政策' }),
    shortInYear: () => itBureauSanction({ date: '2023-01-10', until: '2023-03-31', type: '严重警告' }),
    show: () => scoreAsync(['scheme', 'show', 'it-bureau']),
  });
});

describe('it-bureau 「受党内严重警告处分期间的党员;受撤销党内职务、留党察看处分期间的的党员」直接认定为不合格 (seed 004 篇5)', () => {
  it('a 严重警告 dated 2022-10-01 with 处分期至 2024-03-31 runs into 2023: 甲 90 → 不合格 + 一对一帮扶; 乙 90 优秀', async () => {
    const r = await jobs.carried;
    expect(r.run.code, r.run.stdout + r.run.stderr).toBe(0);
    expect(r.out.issues).toEqual([]);
    expectMember(r.out, '甲', { total: 90, grade: '不合格', flags: ['受严重警告，定为不合格', '取消一切评先树优资格，一对一帮扶教育'] });
    expectMember(r.out, '乙', { total: 90, grade: '优秀' });
  });

  it('a 处分 dated last year without 处分期至: SANCTION_NEEDS_END at 否决与处分!F3 (the 处分期至 cell), exit 1', async () => {
    const r = await jobs.noEnd;
    expect(r.run.code).toBe(1);
    const d = issue(r, 'SANCTION_NEEDS_END');
    expect(d).toMatchObject({ severity: 'error', sheet: '否决与处分', cell: 'F3' });
    expect(d!.message).toContain('2022-10-01');
    expect(r.out.issues.map((i) => i.code)).not.toContain('SANCTION_OUTSIDE_CYCLE');
  });

  it('a 处分 that ended on 2022-12-31 does not count in 2023: 甲 90 优秀, SANCTION_ENDED_BEFORE warned at F3', async () => {
    const r = await jobs.ended;
    expect(r.run.code).toBe(0);
    expect(issue(r, 'SANCTION_ENDED_BEFORE')).toMatchObject({ severity: 'warning', sheet: '否决与处分', cell: 'F3' });
    expectMember(r.out, '甲', { total: 90, grade: '优秀' });
  });

  it('an undated 留党察看 counts for the whole year (stated in scheme show): 甲 90 → 不合格', async () => {
    const r = await jobs.undated;
    expect(r.run.code).toBe(0);
    expectMember(r.out, '甲', { total: 90, grade: '不合格' });
  });

  it('处分期至 before the 处分 date: SANCTION_BAD_END at F3, exit 1', async () => {
    const r = await jobs.badEnd;
    expect(r.run.code).toBe(1);
    expect(issue(r, 'SANCTION_BAD_END')).toMatchObject({ severity: 'error', sheet: '否决与处分', cell: 'F3' });
  });

  it('处分期至 on a type that holds for the year, not a 处分期间 (违反计划生育政策): SANCTION_END_NOT_USED at F3; still 不合格', async () => {
    const r = await jobs.notDuring;
    expect(r.run.code).toBe(0);
    expect(issue(r, 'SANCTION_END_NOT_USED')).toMatchObject({ severity: 'warning', sheet: '否决与处分', cell: 'F3' });
    expectMember(r.out, '甲', { total: 90, grade: '不合格' });
  });

  it('a 严重警告 from 2023-01-10 to 2023-03-31 falls in the year: 甲 → 不合格', async () => {
    const r = await jobs.shortInYear;
    expect(r.run.code).toBe(0);
    expectMember(r.out, '甲', { total: 90, grade: '不合格' });
  });

  it('scheme show it-bureau states the 处分期间 rule: the decision, and each override holding 处分期间', async () => {
    const r = await jobs.show;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('【处分期间】');
    expect(r.stdout).toContain('上年度受处分、处分期延续到本年度的');
    expect(r.stdout).toMatch(/严重警告 → 不合格.*按处分期间计/u);
    expect(r.stdout).toMatch(/留党察看 → 不合格.*按处分期间计/u);
    expect(r.stdout).not.toMatch(/违反计划生育政策 → 不合格.*按处分期间计/u);
  });
});
