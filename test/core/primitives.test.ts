// Every rule primitive R1–R20 of SCHEMES.md as a table of cases through the public engine API.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/engine.js';
import { cycleOf, monthIndexOf, quarterPeriod, monthPeriod, parsePeriod, resolvePeriod } from '../../src/core/cycle.js';
import { dec } from '../../src/core/decimal.js';
import type { MemberResult } from '../../src/core/result.js';
import { everyMonth, ledger, scheme, type LedgerSpec } from '../helpers/ledger.js';
import type { SchemeInput } from '../../src/scheme/schema.js';

function run(s: ReturnType<typeof scheme>, spec: LedgerSpec, extra: Partial<Parameters<typeof evaluate>[0]> = {}): MemberResult[] {
  return evaluate({ scheme: s, ledgers: [ledger(spec)], year: 2023, ...extra }).branches[0]!.members;
}
const total = (ms: MemberResult[], name = '甲'): string => ms.find((m) => m.name === name)!.total.toString();
const member = (ms: MemberResult[], name = '甲'): MemberResult => ms.find((m) => m.name === name)!;

const deductScheme = scheme({
  cycle: { record: 'none' },
  components: [{ id: 'basic', name: '基础分', kind: 'deduct', entries: [{ id: 'a', name: '学习', max: 10 }, { id: 'b', name: '纪律', max: 10 }] }],
  items: [
    { id: 'absent', name: '无故缺席', component: 'basic', entry: 'a', points: 5 },
    { id: 'late', name: '迟到', component: 'basic', entry: 'a', points: 2 },
    { id: 'zero', name: '该项不得分', component: 'basic', entry: 'b', zeroes: true, points: 0 },
  ],
});

describe('R1 deduct-from-base, floor 0, 该项不得分', () => {
  it.each([
    ['no events', [], '20'],
    ['one absence', [['无故缺席', 1]], '15'],
    ['absence and late', [['无故缺席', 1], ['迟到', 1]], '13'],
    ['three absences floor at 0 (扣完为止)', [['无故缺席', 3]], '10'],
    ['该项不得分 zeroes the entry', [['该项不得分', 1]], '10'],
  ] as [string, [string, number][], string][])('%s', (_n, evs, want) => {
    const ms = run(deductScheme, { members: ['甲'], events: evs.map(([item, count]) => ({ date: '2023-03-01', name: '甲', item, count })) });
    expect(total(ms)).toBe(want);
  });

  it('subtracts events from a recorded month entry, floored', () => {
    const s = scheme({
      cycle: { record: 'month', aggregate: 'sum' },
      components: [{ id: 'duty', name: '义务', kind: 'recorded', entries: [{ id: 'study', name: '学习教育', max: 10 }] }],
      items: [{ id: 'absent', name: '无故缺席', component: 'duty', entry: 'study', points: 5 }],
    });
    const ms = run(s, {
      members: ['甲'],
      records: { 甲: everyMonth({ 'duty.study': 10 }) },
      events: [
        { date: '2023-01-10', name: '甲', item: '无故缺席' },
        { date: '2023-02-10', name: '甲', item: '无故缺席', count: 3 },
      ],
    });
    // Jan 10−5 = 5, Feb 10−15 → 0, ten more months of 10.
    expect(total(ms)).toBe('105');
  });
});

const bonusScheme = (extra: Partial<SchemeInput> = {}) =>
  scheme({
    cycle: { record: 'none' },
    components: [{ id: 'bonus', name: '加分项', kind: 'accumulate', role: 'bonus', cap: 10, groups: [{ id: 'pub', name: '刊物', cap: 3 }] }],
    items: [
      { id: 'award', name: '表彰', component: 'bonus', levels: { 中央: 4, 省: 4, 市: 3, 县: 2, 镇: 1 }, highestOnly: true },
      { id: 'econ', name: '经济发展', component: 'bonus', points: 2 },
      { id: 'deed', name: '好人好事', component: 'bonus', points: 2, cap: 4 },
      { id: 'city-pub', name: '市级刊物', component: 'bonus', points: 2, group: 'pub' },
      { id: 'dist-pub', name: '区级刊物', component: 'bonus', points: 1, group: 'pub' },
      { id: 'top', name: '县级以上表彰', component: 'bonus', points: 5, beyondCap: true },
    ],
    ...extra,
  });

describe('R2 accumulate with caps per item, per group and per cycle', () => {
  it.each([
    ['sum under the cap', [['经济发展', 1], ['好人好事', 1]], '4'],
    ['item cap 4', [['好人好事', 3]], '4'],
    ['group cap 3 (刊物)', [['市级刊物', 1], ['区级刊物', 2]], '3'],
    ['cycle cap 10', [['经济发展', 4], ['好人好事', 2], ['市级刊物', 1]], '10'],
    ['beyond-cap award on top of a full cap', [['经济发展', 5], ['县级以上表彰', 1]], '15'],
  ] as [string, [string, number][], string][])('%s', (_n, evs, want) => {
    const ms = run(bonusScheme(), { members: ['甲'], events: evs.map(([item, count], i) => ({ date: `2023-0${i + 1}-05`, name: '甲', item, count })) });
    expect(member(ms).bonus.toString()).toBe(want);
  });

  it('attributes a capped bonus to the quarter in which it was earned', () => {
    const s = bonusScheme();
    const events = [
      { date: '2023-02-01', name: '甲', item: '经济发展', count: 4 },
      { date: '2023-05-01', name: '甲', item: '好人好事', count: 2 },
    ];
    const cycle = cycleOf(2023, s.cycle);
    expect(total(run(s, { members: ['甲'], events }, { period: quarterPeriod(cycle, 0) }))).toBe('8');
    expect(total(run(s, { members: ['甲'], events }, { period: quarterPeriod(cycle, 1) }))).toBe('2');
  });
});

describe('R3 highest level only, R4 level tables', () => {
  it.each([
    ['same project at 市 and 省 counts once at 省', [['市', 'A'], ['省', 'A']], '4'],
    ['different projects add up', [['市', 'A'], ['省', 'B']], '7'],
    ['level written as 县级', [['县级', 'A']], '2'],
    ['level written as 镇', [['镇', 'C']], '1'],
  ] as [string, [string, string][], string][])('%s', (_n, evs, want) => {
    const ms = run(bonusScheme(), { members: ['甲'], events: evs.map(([level, project]) => ({ date: '2023-04-01', name: '甲', item: '表彰', level, project })) });
    expect(member(ms).bonus.toString()).toBe(want);
  });
});

describe('R5 weighted combination and R12 band edges', () => {
  const s = scheme({
    cycle: { record: 'none' },
    components: [
      { id: 'daily', name: '日常考核', kind: 'deduct', weight: 0.8, entries: [{ id: 'd', name: '日常', max: 100 }] },
      { id: 'eval', name: '年度评议', kind: 'evaluation', weight: 0.2, gradePoints: { 优秀: 100 } },
    ],
    items: [{ id: 'minus', name: '扣分', component: 'daily', entry: 'd', range: { min: 0, max: 100 } }],
    bands: [
      { grade: '优秀', min: 90 },
      { grade: '合格', min: 70, max: 90 },
      { grade: '基本合格', min: 60, max: 70 },
      { grade: '不合格', max: 60 },
    ],
  });
  it.each([
    ['0.8 × 89.5 + 0.2 × 92 = 90 exactly → 优秀', 10.5, 92, '90', '优秀'],
    ['0.8 × 87.5 + 0.2 × 100 = 90 → 优秀', 12.5, 100, '90', '优秀'],
    ['0.8 × 87.4 + 0.2 × 100 = 89.92 → 合格', 12.6, 100, '89.92', '合格'],
    ['exactly 60 → 基本合格', 50, 100, '60', '基本合格'],
  ])('%s', (_n, minus, evalScore, want, grade) => {
    const ms = run(s, {
      members: ['甲'],
      events: [{ date: '2023-05-01', name: '甲', item: '扣分', points: minus }],
      evaluations: [{ name: '甲', score: evalScore }],
    });
    expect(total(ms)).toBe(want);
    expect(member(ms).grade).toBe(grade);
  });
});

describe('R6 vote-based evaluation', () => {
  it.each([
    ['bureau (1/0.8/0.6) × 100 over votes', { good: 1, fair: 0.8, poor: 0.6 }, 100, 'votes', { good: 30, fair: 8, poor: 2 }, '94'],
    ['culture (100/70/40) over voters', { good: 100, fair: 70, poor: 40 }, 1, 'voters', { good: 8, fair: 1, poor: 1, voters: 10 }, '91'],
    ['culture with abstentions: voters > votes', { good: 100, fair: 70, poor: 40 }, 1, 'voters', { good: 8, fair: 1, poor: 0, voters: 10 }, '87'],
  ] as const)('%s', (_n, weights, scaleV, divisor, votes, want) => {
    const s = scheme({ cycle: { record: 'none' }, components: [{ id: 'e', name: '测评', kind: 'evaluation', votes: { weights, scale: scaleV, divisor } }] });
    expect(total(run(s, { members: ['甲'], evaluations: [{ name: '甲', ...votes }] }))).toBe(want);
  });
});

describe('R7 conversion by evaluation grade', () => {
  const s = scheme({
    cycle: { record: 'none' },
    components: [{ id: 'base', name: '基础', kind: 'tier-base', base: 90 }],
    conversion: { factors: { 优秀: 1, 合格: 0.9, 基本合格: 0.85, 不合格: 0.8 } },
  });
  it.each([
    ['优秀', '90'],
    ['合格', '81'],
    ['基本合格', '76.5'],
    ['不合格', '72'],
  ])('%s', (grade, want) => {
    expect(total(run(s, { members: ['甲'], evaluations: [{ name: '甲', grade }] }))).toBe(want);
  });
  it('flags a missing evaluation grade and does not convert', () => {
    const m = member(run(s, { members: ['甲'] }));
    expect(m.total.toString()).toBe('90');
    expect(m.flags).toContain('缺少评议等次，未折算');
  });
});

describe('R8 veto and R9 clamp', () => {
  const s = bonusScheme({
    components: [
      { id: 'base', name: '基础', kind: 'tier-base', base: 95 },
      { id: 'bonus', name: '加分项', kind: 'accumulate', role: 'bonus', cap: 10 },
      { id: 'minus', name: '扣分项', kind: 'accumulate', role: 'deduction' },
    ],
    items: [
      { id: 'econ', name: '经济发展', component: 'bonus', points: 2 },
      { id: 'cult', name: '参加邪教组织', component: 'minus', veto: true, points: 0 },
    ],
    vetoTypes: ['一票否决'],
    clamp: { min: 0, max: 100 },
  });
  it.each([
    ['clamp 95 + 6 to 100', [{ date: '2023-03-01', name: '甲', item: '经济发展', count: 3 }], [], '100', false],
    ['veto item with a bonus → 0', [{ date: '2023-03-01', name: '甲', item: '经济发展' }, { date: '2023-06-01', name: '甲', item: '参加邪教组织' }], [], '0', true],
    ['veto recorded in 否决与处分 → 0', [], [{ name: '甲', type: '一票否决', date: '2023-08-01' }], '0', true],
  ])('%s', (_n, events, sanctions, want, vetoed) => {
    const m = member(run(s, { members: ['甲'], events, sanctions }));
    expect(m.total.toString()).toBe(want);
    expect(m.vetoed).toBe(vetoed);
    if (vetoed) expect(m.components.find((c) => c.id === 'base')!.value.toString()).toBe('95');
  });
});

describe('R10 period aggregation and cycles', () => {
  const monthly = scheme({
    cycle: { record: 'month', aggregate: 'mean' },
    components: [{ id: 'duty', name: '义务', kind: 'recorded', entries: [{ id: 'x', name: '义务分', max: 40 }] }],
  });
  it('annual = mean of the months', () => {
    const rec = Object.fromEntries([...Array(12).keys()].map((m) => [m, { 'duty.x': m < 6 ? 40 : 37 }]));
    expect(total(run(monthly, { members: ['甲'], records: { 甲: rec } }))).toBe('38.5');
  });
  it('mean that does not terminate is rounded once, half-up', () => {
    const rec = Object.fromEntries([...Array(12).keys()].map((m) => [m, { 'duty.x': m === 0 ? 39 : 40 }]));
    // (39 + 11 × 40) / 12 = 39.91666… → 39.92
    expect(total(run(monthly, { members: ['甲'], records: { 甲: rec } }))).toBe('39.92');
  });
  it('quarter = mean of its three months', () => {
    const rec = { 0: { 'duty.x': 40 }, 1: { 'duty.x': 38 }, 2: { 'duty.x': 39 } };
    expect(total(run(monthly, { members: ['甲'], records: { 甲: rec } }, { period: quarterPeriod(cycleOf(2023, monthly.cycle), 0) }))).toBe('39');
  });
  it('company: annual = sum of quarters ÷ 4 (quarter records, mean)', () => {
    const s = scheme({ cycle: { record: 'quarter', aggregate: 'mean' }, components: [{ id: 'q', name: '季度', kind: 'recorded', entries: [{ id: 'task', name: '任务', max: 100 }] }] });
    expect(total(run(s, { members: ['甲'], records: { 甲: { 0: { 'q.task': 90 }, 1: { 'q.task': 85 }, 2: { 'q.task': 80 }, 3: { 'q.task': 95.5 } } } }))).toBe('87.63');
  });
  it.each([
    ['calendar', 1, 1, '2023-01-01', 0],
    ['calendar end', 1, 1, '2023-12-31', 11],
    ['culture 26 Dec: 2022-12-28 is month 1 of cycle 2023', 12, 26, '2022-12-28', 0],
    ['culture 26 Dec: 2023-12-25 is the last day', 12, 26, '2023-12-25', 11],
    ['culture 26 Dec: 2023-12-26 is outside cycle 2023', 12, 26, '2023-12-26', -1],
    ['July cycle: 2022-07-01 starts cycle 2023', 7, 1, '2022-07-01', 0],
    ['July cycle: 2023-06-30 ends it', 7, 1, '2023-06-30', 11],
    ['event dated outside the cycle', 1, 1, '2024-01-01', -1],
  ])('%s', (_n, startMonth, startDay, iso, want) => {
    expect(monthIndexOf(cycleOf(2023, { startMonth, startDay }), iso)).toBe(want);
  });
  it('Q1 of a July cycle is July–September; 2023-03 in it is month 9', () => {
    const c = cycleOf(2023, { startMonth: 7, startDay: 1 });
    expect(quarterPeriod(c, 0)).toMatchObject({ start: '2022-07-01', end: '2022-09-30' });
    const p = parsePeriod('2023-03');
    expect(p.ok && resolvePeriod(p, c.spec)?.period.index).toBe(8);
    expect(monthPeriod(c, 8).label).toBe('2023-03');
  });
  it('an event dated outside the cycle is not counted', () => {
    const ms = run(bonusScheme(), { members: ['甲'], events: [{ date: '2022-12-31', name: '甲', item: '经济发展' }, { date: '2023-01-01', name: '甲', item: '经济发展' }] });
    expect(member(ms).bonus.toString()).toBe('2');
  });
});

describe('R11 tiers', () => {
  const s = scheme({
    cycle: { record: 'none' },
    tiers: [{ name: '村书记/主任', aliases: ['书记'], base: 10 }, { name: '60岁以上无职', base: 50 }],
    components: [{ id: 'base', name: '基础分', kind: 'tier-base' }, { id: 'acc', name: '累计积分', kind: 'accumulate' }],
    items: [{ id: 'meet', name: '参加会议', component: 'acc', points: 1 }],
  });
  it.each([
    ['村书记/主任', '10'],
    ['书记', '10'],
    ['60岁以上无职', '50'],
  ])('tier %s', (tier, want) => {
    expect(total(run(s, { members: [{ name: '甲', tier }] }))).toBe(want);
  });
  it('a member with no tier gets base 0 and a flag', () => {
    const m = member(run(s, { members: ['甲'], events: [{ date: '2023-02-02', name: '甲', item: '参加会议', count: 3 }] }));
    expect(m.total.toString()).toBe('3');
    expect(m.flags).toContain('缺少层次');
  });
});

const gradeScheme = (extra: Partial<SchemeInput> = {}) =>
  scheme({
    cycle: { record: 'none' },
    components: [{ id: 'basic', name: '基本指数', kind: 'tier-base', base: 0 }, { id: 'bonus', name: '加分', kind: 'accumulate', role: 'bonus' }],
    items: [{ id: 'pts', name: '得分', component: 'bonus', range: { min: 0, max: 200 } }],
    bands: [
      { grade: '优秀', stars: 5, min: 80 },
      { grade: '合格', stars: 4, min: 70, max: 80 },
      { grade: '基本合格', stars: 3, min: 60, max: 70 },
      { grade: '不合格', stars: 2, min: 55, max: 60 },
      { grade: '不合格', stars: 1, min: 50, max: 55 },
      { grade: '不合格', stars: 0, max: 50 },
    ],
    quota: { grade: '优秀', pct: 0.2, fallback: '合格' },
    ...extra,
  });
const scored = (pairs: [string, number][], extra: Partial<LedgerSpec> = {}): LedgerSpec => ({
  members: pairs.map(([name]) => name),
  events: pairs.map(([name, points]) => ({ date: '2023-06-01', name, item: '得分', points })),
  ...extra,
});

describe('R12 bands and stars', () => {
  it.each([
    [80, '优秀', 5],
    [79.99, '合格', 4],
    [70, '合格', 4],
    [60, '基本合格', 3],
    [59.99, '不合格', 2],
    [55, '不合格', 2],
    [54.5, '不合格', 1],
    [49.99, '不合格', 0],
  ])('%s → %s %i★', (v, grade, stars) => {
    const m = member(run(gradeScheme({ quota: undefined }), scored([['甲', v]])));
    expect(m.grade).toBe(grade);
    expect(m.stars).toBe(stars);
  });
});

describe('R13 quota by rank, ties at the cut', () => {
  it.each([
    ['10 members, 3 above 80 → 2 keep 优秀', [90, 85, 82, 75, 70, 70, 65, 60, 60, 50], ['优秀', '优秀', '合格']],
    ['tie at the cut: both stay 合格 with the tie flag', [90, 85, 85, 75, 70, 70, 65, 60, 60, 50], ['优秀', '合格', '合格']],
    ['small branch: at least 1', [90, 85, 70], ['优秀', '合格', '合格']],
  ])('%s', (_n, values, firstGrades) => {
    const names = values.map((_, i) => `党员${i + 1}`);
    const ms = run(gradeScheme(), scored(names.map((n, i) => [n, values[i]!])));
    expect(names.slice(0, 3).map((n) => member(ms, n).grade)).toEqual(firstGrades);
  });
  it('flags: cut by quota vs tied at the cut, and stars follow the grade', () => {
    const cut = run(gradeScheme(), scored([90, 85, 82, 75, 70, 70, 65, 60, 60, 50].map((v, i) => [`党员${i + 1}`, v])));
    expect(member(cut, '党员3').flags).toContain('超出优秀名额');
    expect(member(cut, '党员3').stars).toBe(4);
    const tie = run(gradeScheme(), scored([90, 85, 85, 75, 70, 70, 65, 60, 60, 50].map((v, i) => [`党员${i + 1}`, v])));
    expect(member(tie, '党员2').flags).toContain('名额并列，请支部研究');
    expect(member(tie, '党员3').flags).toContain('名额并列，请支部研究');
  });
  it('预备党员 never count for quotas', () => {
    const ms = run(gradeScheme(), { ...scored([['甲', 90], ['乙', 88], ['丙', 70], ['丁', 70], ['戊', 70]]), members: ['甲', '乙', '丙', '丁', { name: '戊', category: '预备党员' }] });
    // 4 graded → floor(0.8) → at least 1
    expect(member(ms, '甲').grade).toBe('优秀');
    expect(member(ms, '乙').grade).toBe('合格');
  });
  it('township scope applies one quota across branches', () => {
    const s = gradeScheme();
    const a = ledger({ branch: '一支部', ...scored([['甲', 90], ['乙', 70], ['丙', 70], ['丁', 70], ['戊', 70]]) });
    const b = ledger({ branch: '二支部', ...scored([['子', 85], ['丑', 70], ['寅', 70], ['卯', 70], ['辰', 70]]) });
    const byBranch = evaluate({ scheme: s, ledgers: [a, b], year: 2023 });
    expect(byBranch.branches[1]!.members[0]!.grade).toBe('优秀');
    const township = evaluate({ scheme: s, ledgers: [a, b], year: 2023, quotaScope: 'township' });
    expect(township.branches[0]!.members[0]!.grade).toBe('优秀');
    expect(township.branches[1]!.members[0]!.grade).toBe('优秀');
    const t3 = evaluate({ scheme: s, ledgers: [a, ledger({ branch: '二支部', ...scored([['子', 85], ['丑', 82], ['寅', 70], ['卯', 70], ['辰', 70]]) })], year: 2023, quotaScope: 'township' });
    expect(t3.branches[1]!.members.find((m) => m.name === '丑')!.grade).toBe('合格');
  });
});

describe('R14 extra grade conditions, R15 overrides', () => {
  const s = scheme({
    cycle: { record: 'none' },
    components: [
      { id: 'basic', name: '基本指数', kind: 'deduct', entries: [{ id: 'b', name: '基本', max: 80 }] },
      { id: 'plus', name: '正向加分', kind: 'accumulate', role: 'bonus', cap: 20 },
    ],
    items: [
      { id: 'minus', name: '扣分', component: 'basic', entry: 'b', range: { min: 0, max: 80 } },
      { id: 'award', name: '表彰', component: 'plus', range: { min: 0, max: 20 } },
    ],
    bands: [{ grade: '先锋党员', min: 90 }, { grade: '合格党员', min: 60, max: 90 }, { grade: '警示党员', max: 60 }],
    gradeConditions: [{ grade: '先锋党员', component: 'basic', min: 75, fallback: '合格党员' }],
    overrides: [{ type: '警告', grade: '警示党员' }, { type: '留党察看', grade: '不合格党员' }],
  });
  it.each([
    ['92 with 基本指数 74 → 合格党员', 6, 18, [], '合格党员'],
    ['95 with 基本指数 75 → 先锋党员', 5, 20, [], '先锋党员'],
    ['警告 that year → 警示党员', 0, 20, ['警告'], '警示党员'],
    ['留党察看 → 不合格党员', 0, 20, ['留党察看'], '不合格党员'],
  ] as [string, number, number, string[], string][])('%s', (_n, minus, award, types, grade) => {
    const m = member(
      run(s, {
        members: ['甲'],
        events: [{ date: '2023-02-01', name: '甲', item: '扣分', points: minus }, { date: '2023-03-01', name: '甲', item: '表彰', points: award }],
        sanctions: types.map((type) => ({ name: '甲', type, date: '2023-05-01' })),
      }),
    );
    expect(m.grade).toBe(grade);
  });
});

describe('R16 history: consecutive years and carry-over base', () => {
  const s = gradeScheme({
    quota: undefined,
    flags: [
      { flag: '一对一帮扶', grade: '不合格' },
      { flag: '集中学习班', grade: '不合格', years: 2 },
      { flag: '按组织程序处理', grade: '不合格', years: 3 },
      { flag: '两年基本合格', grade: '基本合格', years: 2, setGrade: '不合格' },
    ],
  });
  const hist = (grades: [number, string][]) => grades.map(([cycle, grade]) => ({ cycle, name: '甲', total: dec(50), grade }));
  it.each([
    ['first year 不合格', [], ['一对一帮扶']],
    ['2 years 不合格', [[2022, '不合格']], ['一对一帮扶', '集中学习班']],
    ['3 years 不合格', [[2022, '不合格'], [2021, '不合格']], ['一对一帮扶', '集中学习班', '按组织程序处理']],
    ['a gap year breaks the run', [[2021, '不合格']], ['一对一帮扶']],
  ] as [string, [number, string][], string[]][])('%s', (_n, past, flags) => {
    const m = member(run(s, scored([['甲', 40]]), { history: hist(past) }));
    expect(m.flags).toEqual(flags);
  });
  it('基本合格 two years running becomes 不合格', () => {
    const m = member(run(s, scored([['甲', 65]]), { history: hist([[2022, '基本合格']]) }));
    expect(m.grade).toBe('不合格');
  });
  it('base = 20% of last year (it-bureau), 20 without history', () => {
    const c = scheme({ cycle: { record: 'none' }, components: [{ id: 'base', name: '基础分', kind: 'deduct', fromHistory: { pct: 0.2 }, entries: [{ id: 'b', name: '基础', max: 20 }] }] });
    expect(total(run(c, { members: ['甲'] }, { history: [{ cycle: 2022, name: '甲', total: dec(95) }] }))).toBe('19');
    expect(total(run(c, { members: ['甲'] }))).toBe('20');
    expect(total(run(c, { members: ['甲'] }, { history: [{ cycle: 2021, name: '甲', total: dec(95) }] }))).toBe('20');
  });
});

describe('R17 categories', () => {
  const s = gradeScheme({ quota: undefined, flags: [{ flag: '延长预备期', categories: ['预备党员'], below: 60 }] });
  it('预备党员 scored, not graded, flagged below 60; exempt members are left out', () => {
    const ms = run(s, { ...scored([['甲', 55], ['乙', 65], ['丙', 90]]), members: [{ name: '甲', category: '预备党员' }, { name: '乙', category: '预备党员' }, { name: '丙', participates: false }] });
    expect(member(ms, '甲').grade).toBeUndefined();
    expect(member(ms, '甲').flags).toEqual(['延长预备期']);
    expect(member(ms, '乙').flags).toEqual([]);
    expect(ms.find((m) => m.name === '丙')).toBeUndefined();
  });
});

describe('R18 rank and rank rules', () => {
  it('ranks 1, 1, 3 and puts vetoed members last without rank', () => {
    const s = gradeScheme({ quota: undefined, vetoTypes: ['一票否决'], rankRules: [{ position: 'top', count: 1, flag: '表扬' }, { position: 'bottom', count: 1, flag: '提醒谈话' }] });
    const ms = run(s, { ...scored([['甲', 90], ['乙', 90], ['丙', 80], ['丁', 99]]), sanctions: [{ name: '丁', type: '一票否决' }] });
    expect(ms.map((m) => [m.name, m.rank])).toEqual([['甲', 1], ['乙', 1], ['丙', 3], ['丁', undefined]]);
    expect(member(ms, '甲').flags).toContain('表扬');
    expect(member(ms, '乙').flags).toContain('表扬');
    expect(member(ms, '丙').flags).toContain('提醒谈话');
  });
  it('quarterly star for the top contributor by component', () => {
    const s = gradeScheme({ quota: undefined, rankRules: [{ position: 'top', count: 1, flag: '星级党员', by: 'bonus', periods: ['quarter'] }] });
    const q = quarterPeriod(cycleOf(2023, s.cycle), 1);
    const ms = run(s, scored([['甲', 5], ['乙', 7]]), { period: q });
    expect(member(ms, '乙').flags).toEqual(['星级党员']);
    expect(member(ms, '甲').flags).toEqual([]);
  });
});

describe('R19 shared award split equally', () => {
  const s = scheme({
    cycle: { record: 'none' },
    components: [{ id: 'c', name: '贡献加分', kind: 'accumulate', role: 'bonus' }],
    items: [{ id: 'exp', name: '经验推广', component: 'c', levels: { 国家: 10, 省: 5, 市: 3, 区: 1 }, split: true }],
  });
  it.each([
    [['甲', '乙', '丙'], '3.33'],
    [['甲', '乙'], '5'],
    [['甲'], '10'],
  ])('10 points among %j', (names, want) => {
    const ms = run(s, { members: ['甲', '乙', '丙'], events: names.map((name) => ({ date: '2023-05-05', name, item: '经验推广', level: '国家', project: '智慧旅游' })) });
    expect(total(ms)).toBe(want);
  });
});

describe('R20 missing data and partial years', () => {
  const s = scheme({
    cycle: { record: 'month', aggregate: 'mean' },
    components: [{ id: 'duty', name: '义务', kind: 'recorded', entries: [{ id: 'x', name: '义务分', max: 40 }] }],
  });
  it('transferred in on 1 July: averaged over the six months on the roll', () => {
    const rec = Object.fromEntries([6, 7, 8, 9, 10, 11].map((m) => [m, { 'duty.x': m === 6 ? 34 : 40 }]));
    const m = member(run(s, { members: [{ name: '甲', joined: '2023-07-01' }], records: { 甲: rec } }));
    expect(m.total.toString()).toBe('39');
    expect(m.flags).toEqual([]);
  });
  it('a missing month is flagged and counted as 0', () => {
    const rec = everyMonth({ 'duty.x': 40 }, 11);
    const m = member(run(s, { members: ['甲'], records: { 甲: rec } }));
    expect(m.flags).toContain('缺少记录');
    expect(m.total.toString()).toBe('36.67');
  });
});
