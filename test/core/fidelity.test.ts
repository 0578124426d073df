// Issue #12 points 1–6 and 12, through the engine and the check step with the built-in schemes:
// each case carries the seed sentence it reproduces and the seed's (or the issue's) own numbers.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/engine.js';
import { cycleOf, quarterPeriod } from '../../src/core/cycle.js';
import { dec } from '../../src/core/decimal.js';
import type { HistoryEntry } from '../../src/core/model.js';
import type { MemberResult } from '../../src/core/result.js';
import { validateLedger } from '../../src/core/check/validate.js';
import { loadScheme, packageRoot } from '../../src/scheme/load.js';
import type { Scheme } from '../../src/scheme/schema.js';
import { describeScheme } from '../../src/scheme/describe.js';
import { everyMonth, ledger, type LedgerSpec, type MemberSpec } from '../helpers/ledger.js';

function builtin(id: string): Scheme {
  const r = loadScheme(id);
  if (!r.ok) throw new Error(`${id}: ${r.problems.map((p) => p.en).join('; ')}`);
  return r.scheme;
}
const frame = (): Scheme => builtin(join(packageRoot(), 'templates', 'frame.scheme.json'));

function run(s: Scheme, spec: LedgerSpec, history: HistoryEntry[] = []): MemberResult[] {
  return evaluate({ scheme: s, ledgers: [ledger(spec)], year: 2023, history }).branches[0]!.members;
}
const who = (ms: MemberResult[], name: string): MemberResult => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name}`);
  return m;
};
const codes = (s: Scheme, spec: LedgerSpec, code: string) => validateLedger(s, ledger(spec), { year: 2023 }).filter((d) => d.code === code);

const townshipMonth = (post1: number, post2: number) => ({ 'duty.study': 10, 'duty.org-life': 10, 'duty.dues': 10, 'duty.law': 10, 'post.post1': post1, 'post.post2': post2 });
const others = (n: number): string[] => Array.from({ length: n }, (_, i) => `员${i + 1}`);

describe('point 1: the 优秀/先锋 quota counts vetoed members in n (R13)', () => {
  it('township: 「优秀格次的党员原则上不超过党员总数的20%」 — 10 正式 (one vetoed) + 1 预备, D at 85 is 优秀 (cap ⌊10×20%⌋ = 2)', () => {
    const rest = others(7);
    const ms = run(builtin('township'), {
      members: ['甲', '丁', ...rest, '否', { name: '预', category: '预备党员' }],
      records: {
        甲: everyMonth(townshipMonth(25, 25)), // 90
        丁: everyMonth(townshipMonth(25, 20)), // 85
        ...Object.fromEntries(rest.map((n) => [n, everyMonth(townshipMonth(20, 15))])), // 75
        否: everyMonth(townshipMonth(30, 30)),
        预: everyMonth(townshipMonth(25, 25)),
      },
      events: [{ date: '2023-04-01', name: '否', item: '违反法律法规' }],
    });
    expect(who(ms, '否').vetoed).toBe(true);
    expect(who(ms, '否').total.toString()).toBe('0');
    expect(who(ms, '丁').total.toString()).toBe('85');
    expect(who(ms, '甲').grade).toBe('优秀');
    expect(who(ms, '丁').grade).toBe('优秀');
    expect(who(ms, '预').grade).toBeUndefined();
  });

  it('agency: 「先锋党员原则上不超过党员总数的20%」 — G3 at 91 is 先锋党员 with one vetoed member among 10', () => {
    const rest = others(7);
    const ms = run(builtin('agency'), {
      members: ['G1', 'G3', ...rest, '否'],
      events: [
        { date: '2023-03-01', name: 'G1', item: '见义勇为受到嘉奖', level: '省', project: '救人' }, // 80 + 15 = 95
        { date: '2023-04-01', name: 'G3', item: '公益事业受到表彰', level: '县', project: '捐助' }, // + 5
        { date: '2023-05-01', name: 'G3', item: '合理化建议被采纳', count: 2 }, // + 6 → 91
        { date: '2023-06-01', name: '否', item: '弄虚作假骗取积分' },
      ],
    });
    expect(who(ms, 'G3').total.toString()).toBe('91');
    expect(who(ms, '否').vetoed).toBe(true);
    expect(who(ms, 'G1').grade).toBe('先锋党员');
    expect(who(ms, 'G3').grade).toBe('先锋党员');
    expect(who(ms, rest[0]!).grade).toBe('合格党员');
  });

  it('bureau: 「年度综合积分在80分(含80分)以上且排名靠前的党员，按一定比例评为“优秀”等次」 — the second at 95 keeps 优秀 with one vetoed among 10', () => {
    const rest = others(7);
    const all = ['B1', 'B3', ...rest, '否'];
    const full = { 'daily.study': 15, 'daily.excel': 15, 'daily.serve': 15, 'daily.law': 20, 'daily.uprightness': 15 };
    const ms = run(builtin('bureau'), {
      members: all,
      evaluations: all.map((name) => ({ name, good: 10, fair: 0, poor: 0 })), // 100 × 20% = 20
      scores: {
        B1: full, // 80 + 20 = 100
        B3: { ...full, 'daily.study': 10 }, // 75 + 20 = 95
        ...Object.fromEntries(rest.map((n) => [n, { ...full, 'daily.study': 10, 'daily.law': 0 }])), // 55 + 20 = 75
        否: full,
      },
      events: [{ date: '2023-06-01', name: '否', item: '违反国家法律法规' }],
    });
    expect(who(ms, 'B1').total.toString()).toBe('100');
    expect(who(ms, 'B3').total.toString()).toBe('95');
    expect(who(ms, 'B3').grade).toBe('优秀');
    expect(who(ms, rest[0]!).grade).toBe('合格');
  });
});

describe('point 2: it-bureau — 「党员每年12月底积分经民主评议按比例折算后，为该党员本年度积分」', () => {
  const s = builtin('it-bureau');
  const spec = (evaluations: LedgerSpec['evaluations']): LedgerSpec => ({
    members: ['甲', '乙'],
    records: { 甲: everyMonth({ 'task.monthly': 5 }), 乙: everyMonth({ 'task.monthly': 5 }) },
    evaluations,
  });
  it('no 评议等次 is an error at the member, never ×100%', () => {
    const ds = codes(s, spec([{ name: '乙', grade: '合格' }]), 'EVAL_MISSING');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe('error');
    expect(ds[0]!.sheet).toBe('名册');
    expect(ds[0]!.message.zh).toContain('甲');
    expect(ds[0]!.message.zh).toContain('评议等次');
  });
  it('a 评议 row without a grade is an error at that row', () => {
    const ds = codes(s, spec([{ name: '甲', score: 90 }, { name: '乙', grade: '合格' }]), 'EVAL_MISSING');
    expect(ds.map((d) => d.sheet)).toEqual(['民主评议']);
  });
  it('with every grade: no error', () => {
    expect(codes(s, spec([{ name: '甲', grade: '优秀' }, { name: '乙', grade: '合格' }]), 'EVAL_MISSING')).toEqual([]);
  });
  // 「20-年党员基础分为20分，以后每年基础分值为上年度党员个人积分的20%」; 「分基础分20分」.
  it.each([
    ['last year 105 → 21, capped at 20', 105, '20'],
    ['last year 95 → 19', 95, '19'],
    ['last year 100 → 20', 100, '20'],
    ['no last year → the first year 20', undefined, '20'],
  ] as [string, number | undefined, string][])('base: %s', (_n, last, want) => {
    const history: HistoryEntry[] = last === undefined ? [] : [{ cycle: 2022, branch: '第一支部', name: '甲', total: dec(last) }];
    const m = who(run(s, spec([{ name: '甲', grade: '优秀' }]), history), '甲');
    expect(m.components.find((c) => c.id === 'base')!.value.toString()).toBe(want);
  });
});

describe('point 3: a missing 民主评议 where it weighs in the total is an error at its place', () => {
  it.each([
    ['vanguard', '「年度评议积分。由基层党组织按照年度党员民主评议结果确定得分……评议所得分按比例记入总积分」'],
    ['bureau', '「将测评分按所占比例20%计入党员积分」'],
    ['culture', '「并将评议得分按照20%的比例计入党员年度积分」'],
  ])('%s: %s', (id) => {
    const s = builtin(id);
    const spec: LedgerSpec = { members: ['甲', '乙', { name: '积', category: '入党积极分子' }], evaluations: [{ name: '乙', good: 5, fair: 0, poor: 0, voters: 5, score: 90 }] };
    const ds = codes(s, spec, 'EVAL_MISSING');
    expect(ds.map((d) => [d.severity, d.sheet, d.cell])).toEqual([['error', '名册', 'B3']]);
    // Without it the engine would count 0 (up to −20 points): the flag stays on the result as well.
    expect(who(run(s, spec), '甲').flags).toContain('缺少民主评议');
  });
  it('not asked of a member who transferred out before the year end (not at the 评议): listed as 已转出, the 评议 left out (not 0), not graded', () => {
    const s = builtin('vanguard');
    const spec: LedgerSpec = { members: [{ name: '甲', left: '2023-06-30' }, '乙'], evaluations: [{ name: '乙', grade: '合格' }] };
    expect(codes(s, spec, 'EVAL_MISSING')).toEqual([]);
    const m = who(run(s, spec), '甲');
    expect(m.flags).toEqual(['已转出：积分随组织关系转交']);
    expect(m.graded).toBe(false);
    expect(m.grade).toBeUndefined();
    expect(m.components.find((c) => c.id === 'review')?.absent).toBe(true);
  });
  it('not asked for a quarter (民主评议 is a year-end input)', () => {
    const s = builtin('vanguard');
    const period = quarterPeriod(cycleOf(2023, s.cycle), 0);
    expect(validateLedger(s, ledger({ members: ['甲'] }), { year: 2023, period }).filter((d) => d.code === 'EVAL_MISSING')).toEqual([]);
  });
  it('agency (「半年评议」 shown only, not added): no error and no 缺少民主评议 flag', () => {
    const s = builtin('agency');
    const spec: LedgerSpec = { members: ['甲', '乙'] };
    expect(codes(s, spec, 'EVAL_MISSING')).toEqual([]);
    for (const m of run(s, spec)) expect(m.flags).not.toContain('缺少民主评议');
  });
});

describe('point 4: township — a deduction typed into the month and also logged (DEDUCTION_TWICE)', () => {
  // 「无故缺席一次扣5分，迟到、早退、请假一次扣2分」: logged once in 加减分明细, the month keeps full points.
  const s = builtin('township');
  const spec = (march: number, date = '2023-03-10'): LedgerSpec => ({
    members: ['乙'],
    records: { 乙: { ...everyMonth(townshipMonth(30, 30)), 2: { ...townshipMonth(30, 30), 'duty.study': march } } },
    events: [{ date, name: '乙', item: '学习教育无故缺席' }],
  });
  it.each([
    ['3月 学习教育 5 and a 3月 无故缺席 (−5): warned at both cells', 5, '2023-03-10', 2],
    ['3月 学习教育 8 and a 3月 无故缺席: still warned (the shortfall and the event overlap)', 8, '2023-03-10', 2],
    ['3月 at full points, the event logged once: nothing', 10, '2023-03-10', 0],
    ['3月 学习教育 5 but the event in 4月: nothing', 5, '2023-04-10', 0],
  ] as [string, number, string, number][])('%s', (_n, march, date, n) => {
    const ds = codes(s, spec(march, date), 'DEDUCTION_TWICE');
    expect(ds).toHaveLength(n);
    if (n) {
      expect(ds.map((d) => d.severity)).toEqual(['warning', 'warning']);
      expect(ds.map((d) => d.sheet).sort()).toEqual(['3月', '加减分明细']);
    }
  });
  it('the engine takes it off again: 5 − 5 = 0 in March (why it is warned)', () => {
    const m = who(run(s, spec(5)), '乙');
    // 11 months of 100, March 95 − 5 = 90 → mean 99.17
    expect(m.total.toString()).toBe('99.17');
  });
});

describe('point 5: R3 highest level only and 同类别不重复加分 need 项目 (or not)', () => {
  // township: 「受中央、省级表彰加4分；市级3分；县级2分；镇级1分」, one 项目 at its highest level.
  const s = builtin('township');
  const spec = (p1?: string, p2?: string): LedgerSpec => ({
    members: ['甲'],
    records: { 甲: everyMonth(townshipMonth(25, 25)) },
    events: [
      { date: '2023-05-01', name: '甲', item: '表彰', level: '县', ...(p1 ? { project: p1 } : {}) },
      { date: '2023-06-01', name: '甲', item: '表彰', level: '市', ...(p2 ? { project: p2 } : {}) },
    ],
  });
  it.each([
    ['县 + 市, both 项目 blank: an error on each row', undefined, undefined, 2],
    ['县 with 项目, 市 blank: an error on the blank row', '抗洪', undefined, 1],
    ['both 项目 filled: no error', '抗洪', '抗洪', 0],
  ] as [string, string | undefined, string | undefined, number][])('%s', (_n, p1, p2, n) => {
    const ds = codes(s, spec(p1, p2), 'EVENT_NO_PROJECT');
    expect(ds).toHaveLength(n);
    for (const d of ds) expect(d.severity).toBe('error');
  });
  it('one levelled row with a blank 项目 needs none', () => {
    expect(codes(s, { members: ['甲'], records: { 甲: everyMonth(townshipMonth(25, 25)) }, events: [{ date: '2023-05-01', name: '甲', item: '表彰', level: '县' }] }, 'EVENT_NO_PROJECT')).toEqual([]);
  });
  it('县 + 市 of one 项目 count 3, not 5', () => {
    expect(who(run(s, spec('抗洪', '抗洪')), '甲').bonus.toString()).toBe('3');
  });

  // vanguard: 「……岗位工作取得突出业绩、积极参与精准脱贫和经济发展等中心工作取得明显成效、主动参与志愿服务和公益活动
  // 得到社会广泛认同等情况……适当给予加分，同类别不重复加分」: the category is the kind of deed, not the 项目.
  it.each([
    ['two 项目 of 突出业绩 (5, 4): counted once, 89 合格', [['岗位工作取得突出业绩', 5, '窗口服务'], ['岗位工作取得突出业绩', 4, '项目攻坚']], '89', '合格'],
    ['one 项目 blank: still once, no 项目 needed', [['岗位工作取得突出业绩', 5, undefined], ['岗位工作取得突出业绩', 4, undefined]], '89', '合格'],
    ['two categories (5 + 4): both count, 93 优秀', [['岗位工作取得突出业绩', 5, '窗口服务'], ['参与志愿服务和公益活动得到广泛认同', 4, '防汛']], '93', '优秀'],
  ] as [string, [string, number, string | undefined][], string, string][])('vanguard: %s', (_n, rewards, want, grade) => {
    const v = builtin('vanguard');
    const spec: LedgerSpec = {
      members: ['甲'],
      evaluations: [{ name: '甲', grade: '合格' }], // 80 × 0.2 = 16
      events: [
        { date: '2023-03-01', name: '甲', item: '组织生活', points: 15 }, // 日常考核 85 × 0.8 = 68
        ...rewards.map(([item, points, project], i) => ({ date: `2023-0${i + 4}-01`, name: '甲', item, points, ...(project ? { project } : {}) })),
      ],
    };
    const m = who(run(v, spec), '甲');
    expect(m.total.toString()).toBe(want);
    expect(m.grade).toBe(grade);
    expect(codes(v, spec, 'EVENT_NO_PROJECT')).toEqual([]);
  });
});

describe('point 6: demolition — 清零 members take part in the bottom 3', () => {
  // 「党员出现违法违纪行为年度内积分清零」; 「对年度排名后三位的党员进行提醒谈话……排名后三位的党员一般不得推荐为优秀共产党员」.
  const FLAG = '提醒谈话，一般不推荐评优';
  it('bottom 3 of 甲50 乙40 丙30 丁20 戊10 己5 and 清 (清零, 0) are 戊, 己 and 清', () => {
    const points: [string, number][] = [['甲', 10], ['乙', 8], ['丙', 6], ['丁', 4], ['戊', 2], ['己', 1], ['清', 10]];
    const ms = run(builtin('demolition'), {
      members: points.map(([n]) => n),
      events: [
        ...points.map(([name, count]) => ({ date: '2023-03-01', name, item: '研讨会微讲堂发言', count })),
        { date: '2023-09-01', name: '清', item: '违法违纪' },
      ],
    });
    expect(who(ms, '清').total.toString()).toBe('0');
    expect(ms.filter((m) => m.flags.includes(FLAG)).map((m) => m.name).sort()).toEqual(['己', '戊', '清'].sort());
    expect(who(ms, '清').flags).not.toContain('表扬奖励');
    expect(ms.filter((m) => m.flags.includes('表扬奖励')).map((m) => m.name).sort()).toEqual(['丁', '丙', '乙', '戊', '甲'].sort());
  });
});

describe('point 12: the county frame (seed 002)', () => {
  // 「入党积极分子可参照党员参加积分管理」
  const s = frame();
  const members: (MemberSpec | string)[] = ['甲', '乙', '丙', { name: '积', category: '入党积极分子' }];
  const votes = (name: string) => ({ name, good: 10, fair: 0, poor: 0 });
  const spec: LedgerSpec = {
    members,
    evaluations: ['甲', '乙', '丙'].map(votes),
    events: [
      { date: '2023-03-01', name: '乙', item: '违反规定', points: 10, count: 4 }, // 100 − 40 = 60 → 基本合格
      { date: '2023-03-01', name: '丙', item: '违反规定', points: 10, count: 5 }, // 50 → 不合格
    ],
  };
  it('入党积极分子 is a category of the frame, scored and not graded', () => {
    const ds = validateLedger(s, ledger(spec), { year: 2023 });
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    const m = who(run(s, spec), '积');
    expect(m.category).toBe('入党积极分子');
    expect(m.grade).toBeUndefined();
    expect(m.total.toString()).toBe('80');
  });
  // 「组织开展民主测评，并进行综合研判，研究确定每名党员的评定等次」
  it('民主测评 weighs 20%; a missing one is an error for a 正式党员 only', () => {
    expect(who(run(s, spec), '甲').total.toString()).toBe('100');
    const ds = codes(s, { ...spec, evaluations: [votes('乙'), votes('丙')] }, 'EVAL_MISSING');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message.zh).toContain('甲');
  });
  // 「被评为基本合格等次的党员，党支部负责人要与其进行谈话，并指定专人做好教育帮扶……被评为不合格等次的党员……做出相应组织处置」
  it.each([
    ['甲', '优秀', '优先作为评先推荐对象'],
    ['乙', '基本合格', '支部负责人谈话，指定专人教育帮扶'],
    ['丙', '不合格', '依据有关政策做出组织处置'],
  ])('%s: %s → %s', (name, grade, flag) => {
    const m = who(run(s, spec), name);
    expect(m.grade).toBe(grade);
    expect(m.flags).toEqual([flag]);
  });
});

describe('every decision taken here is shown by `scheme show`', () => {
  it.each([
    ['township', '优秀名额', '党员总数'],
    ['township', '月表与扣分明细', 'DEDUCTION_TWICE'],
    ['township', '表彰的项目', 'EVENT_NO_PROJECT'],
    ['agency', '先锋党员名额', '被一票否决的党员也算在内'],
    ['agency', '半年评议', '不标注“缺少民主评议”'],
    ['bureau', '优秀比例', '被一票否决的也算在内'],
    ['bureau', '缺少民主测评', 'EVAL_MISSING'],
    ['it-bureau', '年度积分', 'EVAL_MISSING'],
    ['it-bureau', '基础分', '最高20分'],
    ['vanguard', '同类别不重复加分', '不是具体项目'],
    ['vanguard', '缺少评议', 'EVAL_MISSING'],
    ['culture', '缺少民主评议', 'EVAL_MISSING'],
    ['demolition', '后三名与积分清零', '按0分参加后三名的排名'],
  ])('%s 【%s】', (id, about, words) => {
    const text = describeScheme(builtin(id));
    const line = text.split('\n').find((l) => l.startsWith(`  - 【${about}】`));
    expect(line).toContain(words);
  });
  it('the frame: 民主测评, 党员类别, 结果运用', () => {
    const text = describeScheme(frame());
    for (const about of ['民主测评', '党员类别', '结果运用']) expect(text).toContain(`【${about}】`);
    expect(text).toContain('入党积极分子（也可写：积极分子）');
  });
  it('rank rules say whether vetoed members are ranked', () => {
    expect(describeScheme(builtin('demolition'))).toContain('被一票否决（清零）的党员按 0 分参加排名');
  });
});
