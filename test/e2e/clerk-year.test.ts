// A clerk's year, month by month, through the spawned binary on a generated township: the office
// writes the blank ledgers with `score template --roster 全镇名册.xlsx`, the branches fill them as the
// year goes on (test/helpers/fill.ts), and the office runs Q1 (ledgers filled Jan–Mar), H1 (to Jun),
// Q3 (to Sep) and the year. Every number below is worked by hand from the township seed's rules:
// a period's total = mean of its months (履行党员义务 40 + 岗位一 30 + 岗位二 30) + the 加分 dated in it
// (表彰 highest level only per 项目, 10 a year in date order), 一票否决 → 0, at most 100, 2 decimals;
// grades, stars and the 20% 优秀 quota only on the year.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp, type Run } from '../helpers/cli.js';
import { MONTHS, allCellTexts, everySheet, fillLedger, type EventFill, type LedgerFill, type RecordValues } from '../helpers/fill.js';
import { member, scoreAsync, townshipMonth, type GradeOut } from './lib.js';

const BRANCHES = { one: '第一党支部', two: '第二党支部' } as const;
const ROSTER = [
  { name: '张明', branch: BRANCHES.one, category: '正式党员' },
  { name: '李华', branch: BRANCHES.one, category: '正式党员' },
  { name: '王芳', branch: BRANCHES.one, category: '正式党员' },
  { name: '赵强', branch: BRANCHES.one, category: '正式党员' },
  { name: '陈静', branch: BRANCHES.one, category: '预备党员' },
  { name: '刘洋', branch: BRANCHES.two, category: '正式党员' },
  { name: '杨帆', branch: BRANCHES.two, category: '正式党员' },
  { name: '黄磊', branch: BRANCHES.two, category: '正式党员' },
  { name: '周敏', branch: BRANCHES.two, category: '正式党员' },
];

async function writeRoster(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['序号', '姓名', '性别', '党员类别', '积分管理', '志愿服务岗位', '所在支部']);
  ROSTER.forEach((m, i) => ws.addRow([i + 1, m.name, i % 2 ? '女' : '男', m.category, '参加', '政策宣传、治安巡逻', m.branch]));
  await wb.xlsx.writeFile(file);
}

// What each member scores a month (义务 40 + the two posts); 李华's posts drop to 20 + 20 from July.
const monthly: Record<string, RecordValues> = {
  张明: townshipMonth(30, 30), // 100
  李华: townshipMonth(25, 25), // 90 (Jan–Jun)
  王芳: townshipMonth(15, 15), // 70
  赵强: townshipMonth(10, 10), // 60
  陈静: townshipMonth(5, 5), // 50
  刘洋: townshipMonth(28, 28), // 96
  杨帆: townshipMonth(28, 28), // 96
  黄磊: townshipMonth(20, 20), // 80
  周敏: townshipMonth(5, 5), // 50
};
const secondHalf = (names: string[]): Record<string, Record<string, RecordValues>> => Object.fromEntries(MONTHS.slice(6).map((m) => [m, names.includes('李华') ? { 李华: townshipMonth(20, 20) } : ({} as Record<string, RecordValues>)])); // 80

/** Every event of the year, in the order a clerk enters them; a ledger holds those entered by then. */
const EVENTS: (EventFill & { branch: string })[] = [
  { branch: BRANCHES.one, date: '2023-02-10', name: '王芳', item: '学习教育无故缺席', basis: '2月主题党日无故缺席' }, // 2月 学习教育 10 − 5
  { branch: BRANCHES.one, date: '2023-03-20', name: '李华', item: '表彰', level: '县', project: '抗洪' }, // +2 …
  { branch: BRANCHES.one, date: '2023-05-10', name: '李华', item: '表彰', level: '市', project: '抗洪' }, // … superseded: +3 for the project
  { branch: BRANCHES.one, date: '2023-07-01', name: '李华', item: '七一/十一活动' }, // +2
  { branch: BRANCHES.one, date: '2023-08-01', name: '李华', item: '表彰', level: '省', project: '脱贫' }, // +4
  { branch: BRANCHES.one, date: '2023-08-15', name: '赵强', item: '违反法律法规', basis: '一票否决' }, // veto from August
  { branch: BRANCHES.one, date: '2023-09-15', name: '李华', item: '经济发展' }, // +2, but only 1 left under the cap of 10
  { branch: BRANCHES.one, date: '2023-10-01', name: '李华', item: '七一/十一活动' }, // +2, nothing left: 0
];

/** A branch's ledger as it stands when `months` months are recorded and events up to `enteredBy` are entered. */
function stage(branch: string, months: number, enteredBy: string): LedgerFill {
  const names = ROSTER.filter((m) => m.branch === branch).map((m) => m.name);
  const sheets = MONTHS.slice(0, months);
  return {
    members: ROSTER.filter((m) => m.branch === branch).map((m) => ({ name: m.name, category: m.category, posts: ['政策宣传', '治安巡逻'] })),
    records: everySheet(sheets, Object.fromEntries(names.map((n) => [n, monthly[n]!])), Object.fromEntries(Object.entries(secondHalf(names)).filter(([s]) => sheets.includes(s)))),
    events: EVENTS.filter((e) => e.branch === branch && e.date <= enteredBy).map(({ branch: _b, ...e }) => e),
  };
}

interface Stage {
  dir: string;
  files: string[];
}

let blank: Record<string, string>;
const stages: Record<'q1' | 'h1' | 'q3' | 'year', Stage> = {} as never;

beforeAll(async () => {
  ensureBuilt();
  const work = tmp('score-clerk-year-');
  const roster = join(work, '全镇名册.xlsx');
  await writeRoster(roster);
  const r = await scoreAsync(['template', '--scheme', 'township', '--year', '2023', '--roster', roster, '--out', join(work, '空白台账'), '--json']);
  expect(r.code, r.stderr).toBe(0);
  const written = json<{ written: string[] }>(r).written;
  blank = Object.fromEntries(Object.values(BRANCHES).map((b) => [b, written.find((f) => basename(f).startsWith(`${b}_积分台账_`))!]));
  for (const b of Object.values(BRANCHES)) expect(blank[b], written.join(', ')).toBeDefined();
  // Q1: 1月–3月 filled, the later sheets still the template's blank rows; H1 to 6月 (one 7月 event already entered); Q3 to 9月; the year.
  const plan = { q1: [3, '2023-03-31'], h1: [6, '2023-07-01'], q3: [9, '2023-09-30'], year: [12, '2023-12-31'] } as const;
  for (const [k, [months, by]] of Object.entries(plan) as [keyof typeof plan, readonly [number, string]][]) {
    const dir = join(work, k, '台账');
    mkdirSync(dir, { recursive: true });
    const files = [];
    for (const b of Object.values(BRANCHES)) files.push(await fillLedger(blank[b]!, join(dir, `${b}.xlsx`), stage(b, months, by)));
    stages[k] = { dir, files };
  }
}, 120_000);

interface ComputeOut extends GradeOut {
  monthsRead: string[];
}

function totals(r: { members: { name: string; total: number }[] }): Record<string, number> {
  return Object.fromEntries(r.members.map((m) => [m.name, m.total]));
}

function ranks(r: { members: { name: string; rank: number | null }[] }): Record<string, number | null> {
  return Object.fromEntries(r.members.map((m) => [m.name, m.rank]));
}

/** validate --period, compute --period --json, publish --period --json on one stage, side by side. */
async function periodRuns(s: Stage, period: string): Promise<{ validate: Run; compute: Run; publish: Run; out: string }> {
  const out = tmp('score-clerk-out-');
  const [validate, compute, publish] = await Promise.all([
    scoreAsync(['validate', s.dir, '--period', period]),
    scoreAsync(['compute', s.dir, '--period', period, '--out', out, '--json']),
    scoreAsync(['publish', '--period', period, s.dir, '--out', out, '--json']),
  ]);
  return { validate, compute, publish, out };
}

describe('Q1: ledgers filled 1月–3月, 4月–12月 still blank', () => {
  let r: Awaited<ReturnType<typeof periodRuns>>;
  let c: ComputeOut;
  beforeAll(async () => {
    r = await periodRuns(stages.q1, '2023Q1');
    c = json<ComputeOut>(r.compute);
  }, 120_000);

  it('validate --period 2023Q1: no error, and it says it checked 1月—3月 only', () => {
    expect(r.validate.code, r.validate.stdout + r.validate.stderr).toBe(0);
    expect(r.validate.stdout).toContain('检查到2023年第一季度为止：1月—3月');
    expect(r.validate.stdout).toContain('错误 0 个');
  });

  it('compute --period 2023Q1: the hand-worked Q1 totals and ranks, monthsRead 1月–3月', () => {
    expect(r.compute.code, r.compute.stderr).toBe(0);
    expect(c.period).toBe('2023Q1');
    expect(c.monthsRead).toEqual(['1月', '2月', '3月']);
    expect(c.excluded).toEqual([]);
    expect(totals(c)).toEqual({
      张明: 100, // 40 + 60
      李华: 92, // 90 + 表彰 县 2 (the 市 row of May is not entered yet)
      王芳: 68.33, // 义务 (40 + 35 + 40) / 3 = 38.333… + 30
      赵强: 60,
      陈静: 50,
      刘洋: 96,
      杨帆: 96,
      黄磊: 80,
      周敏: 50,
    });
    // Quarters rank within the branch (ties share); 预备党员 are not ranked; no grade before the year.
    expect(ranks(c)).toEqual({ 张明: 1, 李华: 2, 王芳: 3, 赵强: 4, 陈静: null, 刘洋: 1, 杨帆: 1, 黄磊: 3, 周敏: 4 });
    expect(c.members.every((m) => m.grade === null)).toBe(true);
  });

  it('the same through the read workers (a county-sized batch reads in worker threads)', () => {
    const w = score(['compute', stages.q1.dir, '--period', '2023Q1', '--out', tmp(), '--json'], { env: { SCORE_WORKERS: '2' } });
    expect(w.code, w.stderr).toBe(0);
    expect(totals(json<ComputeOut>(w))).toEqual(totals(c));
  });

  it('the written 评分汇总表 says which months it was computed from', async () => {
    const file = join(r.out, `${BRANCHES.one}_评分汇总表_2023Q1.xlsx`);
    const texts = (await allCellTexts(file)).map((x) => x.text);
    // The months read, in the clerk's words (the terminal says 4月起不读取; paper carries no program wording).
    expect(texts.some((x) => x.includes('积分按 1月—3月 的记录计算'))).toBe(true);
    expect(texts.some((x) => x.includes('不读取'))).toBe(false);
  });

  it('publish --period 2023Q1: window 2023-04-03 … 2023-04-09, the same totals, and the list says 1月—3月', async () => {
    expect(r.publish.code, r.publish.stderr).toBe(0);
    const p = json<{ from: string; to: string; monthsRead: string[]; members: { name: string; total: number }[]; written: string[] }>(r.publish);
    expect([p.from, p.to]).toEqual(['2023-04-03', '2023-04-09']);
    expect(p.monthsRead).toEqual(['1月', '2月', '3月']);
    expect(totals(p)).toEqual(totals(c));
    const texts = (await allCellTexts(p.written[0]!)).map((x) => x.text);
    expect(texts).toContain('本期积分按 1月—3月 的记录计算。');
  });

  it('a month of Q1: compute --period 2023-02 → 王芳 35 + 30 = 65', async () => {
    const m = await scoreAsync(['compute', stages.q1.dir, '--period', '2023-02', '--out', tmp(), '--json']);
    expect(m.code, m.stderr).toBe(0);
    const j = json<ComputeOut>(m);
    expect(j.monthsRead).toEqual(['2月']);
    expect(member(j, '王芳').total).toBe(65);
    expect(member(j, '李华').total).toBe(90); // the 表彰 is dated in March
  });

  it('the same ledgers are not a year: validate and grade name 4月—12月 as not recorded (one error per ledger, not a blank per cell)', async () => {
    const [v, g] = await Promise.all([scoreAsync(['validate', stages.q1.dir, '--json']), scoreAsync(['grade', '--year', '2023', stages.q1.dir, '--out', tmp(), '--json', '--no-history'])]);
    expect(v.code).toBe(1);
    const issues = json<{ issues: { code: string; sheet: string; message: string }[] }>(v).issues;
    expect(issues.map((i) => `${i.code} ${i.sheet}`)).toEqual(['RECORD_NOT_RECORDED 4月', 'RECORD_NOT_RECORDED 4月']);
    expect(issues[0]!.message).toBe('2023年度需要 4月—12月 的记录，还没有填写（表中没有填写任何分数）');
    expect(g.code).toBe(1);
    const go = json<GradeOut>(g);
    expect(go.members).toEqual([]);
    expect(go.excluded!.map((e) => e.reason)).toEqual([issues[0]!.message, issues[0]!.message]);
  });
});

describe('H1: filled to 6月 (and 李华\'s 七一 activity of 7月1日 already entered)', () => {
  let r: Awaited<ReturnType<typeof periodRuns>>;
  let c: ComputeOut;
  beforeAll(async () => {
    r = await periodRuns(stages.h1, '2023H1');
    c = json<ComputeOut>(r.compute);
  }, 120_000);

  it('validate --period 2023H1: no error; the 7月 row is a warning that it is not counted', () => {
    expect(r.validate.code, r.validate.stdout).toBe(0);
    expect(r.validate.stdout).toContain('检查到2023年上半年为止：1月—6月');
    expect(r.validate.stdout).toContain('PERIOD_LATER_ROWS');
    expect(r.validate.stdout).toContain('有 1 条记录的日期在2023年上半年之后（2023-07-01 起），本期不计');
  });

  it('compute --period 2023H1: six-month means; 表彰 抗洪 counts once at 市 (3); the 七一 row is not counted', () => {
    expect(r.compute.code, r.compute.stderr).toBe(0);
    expect(c.monthsRead).toEqual(['1月', '2月', '3月', '4月', '5月', '6月']);
    expect(totals(c)).toEqual({
      张明: 100,
      李华: 93, // 90 + 3
      王芳: 69.17, // 义务 (5 × 40 + 35) / 6 = 39.1666… + 30 = 69.1666… → 69.17
      赵强: 60,
      陈静: 50,
      刘洋: 96,
      杨帆: 96,
      黄磊: 80,
      周敏: 50,
    });
    // Said in --json's issues (and on the terminal without --json).
    expect(c.issues.filter((i) => i.code === 'PERIOD_LATER_ROWS').map((i) => [i.sheet, i.message])).toEqual([['加减分明细', '有 1 条记录的日期在2023年上半年之后（2023-07-01 起），本期不计']]);
  });

  it('publish --period 2023H1: window from the first working day after 30 June (2023-07-03)', () => {
    expect(r.publish.code, r.publish.stderr).toBe(0);
    const p = json<{ from: string; to: string; members: { name: string; total: number }[] }>(r.publish);
    expect([p.from, p.to]).toEqual(['2023-07-03', '2023-07-09']);
    expect(totals(p)).toEqual(totals(c));
  });
});

describe('Q3: filled to 9月', () => {
  let r: Awaited<ReturnType<typeof periodRuns>>;
  let c: ComputeOut;
  beforeAll(async () => {
    r = await periodRuns(stages.q3, '2023Q3');
    c = json<ComputeOut>(r.compute);
  }, 120_000);

  it('validate --period 2023Q3 and compute: 李华 80 + 七一 2 + 省 4 + 经济发展 1 (the cap of 10 a year: 3 used in H1); 赵强 vetoed in August', () => {
    expect(r.validate.code, r.validate.stdout).toBe(0);
    expect(r.validate.stdout).toContain('「李华」的加分项合计 11 分，超过上限 10 分，按 10 分计'); // 3 + 2 + 4 + 2
    expect(r.compute.code, r.compute.stderr).toBe(0);
    expect(c.monthsRead).toEqual(['7月', '8月', '9月']);
    expect(totals(c)).toEqual({ 张明: 100, 李华: 87, 王芳: 70, 赵强: 0, 陈静: 50, 刘洋: 96, 杨帆: 96, 黄磊: 80, 周敏: 50 });
    expect(member(c, '赵强')).toMatchObject({ vetoed: true, rank: null });
    expect(member(c, '李华').bonus).toBe(7);
  });

  it('publish --period 2023Q3: 30 September is a Saturday and 1–7 October are holidays → from 2023-10-09', () => {
    expect(r.publish.code, r.publish.stderr).toBe(0);
    const p = json<{ from: string; to: string; members: { name: string; total: number }[] }>(r.publish);
    expect([p.from, p.to]).toEqual(['2023-10-09', '2023-10-15']);
    expect(totals(p)).toEqual(totals(c));
  });
});

describe('the year: all twelve months', () => {
  let g: GradeOut & { firstYear?: boolean; historyWarnings?: unknown[] };
  let run: Run;
  beforeAll(async () => {
    run = await scoreAsync(['grade', '--year', '2023', stages.year.dir, '--out', tmp(), '--json', '--no-history']);
    g = json(run);
  }, 120_000);

  it('grade --year 2023 --no-history: the hand-worked totals, grades, stars, quota and ranks', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(g.excluded).toEqual([]);
    expect(g.firstYear).toBe(true);
    expect((g as GradeOut & { monthsRead: string[] }).monthsRead).toEqual(MONTHS);
    expect(g.historyWarnings).toEqual([]);
    const line = (name: string) => {
      const m = member(g, name);
      return [m.total, m.grade, m.stars, m.rank];
    };
    expect(line('张明')).toEqual([100, '优秀', 5, 1]);
    // 岗位 (6 × 50 + 6 × 40) / 12 = 45 → 85 + 加分 10 (3 + 2 + 4 + 1 + 0) = 95 ≥ 80, but 第一党支部 has
    // 3 counted members (赵强 vetoed, 陈静 预备): 优秀 quota max(1, ⌊3 × 20%⌋) = 1 → 合格 ★★★★.
    expect(line('李华')).toEqual([95, '合格', 4, 2]);
    expect(member(g, '李华').flags).toContain('超出优秀名额');
    expect(member(g, '李华').bonus).toBe(10);
    expect(line('王芳')).toEqual([69.58, '基本合格', 3, 3]); // (11 × 40 + 35) / 12 = 39.5833… + 30
    expect(member(g, '赵强')).toMatchObject({ total: 0, vetoed: true, rank: null });
    expect(line('陈静')).toEqual([50, null, null, null]); // 预备党员: not graded
    expect(member(g, '陈静').flags).toContain('延长预备期');
    // 第二党支部: quota max(1, ⌊4 × 20%⌋) = 1, and 刘洋 and 杨帆 tie at the cut: both 合格, flagged for the branch to decide.
    expect(line('刘洋')).toEqual([96, '合格', 4, 1]);
    expect(line('杨帆')).toEqual([96, '合格', 4, 1]);
    expect(member(g, '刘洋').flags).toContain('名额并列，请支部研究');
    expect(line('黄磊')).toEqual([80, '合格', 4, 3]);
    expect(line('周敏')).toEqual([50, '不合格', 1, 4]);
  });

  it('the first year is said out loud, and the 9月 ledgers are refused for the year with the missing months named', async () => {
    expect(run.stderr).toBe('');
    const plain = await scoreAsync(['grade', '--year', '2023', stages.year.dir, '--out', tmp(), '--no-history']);
    expect(plain.stderr).toContain('第一个年度（--no-history）：不读取往年结果');
    const early = await scoreAsync(['grade', '--year', '2023', stages.q3.dir, '--out', tmp(), '--json', '--no-history']);
    expect(early.code).toBe(1);
    expect(json<GradeOut>(early).excluded!.map((e) => e.reason)).toEqual(Array(2).fill('2023年度需要 10月—12月 的记录，还没有填写（表中没有填写任何分数）'));
  });
});
