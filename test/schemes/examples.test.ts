// Worked examples from the seed texts through the engine's public API, one scheme at a time.
// Every expected number is worked by hand in the comment next to it.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/engine.js';
import { cycleOf, quarterPeriod } from '../../src/core/cycle.js';
import { dec } from '../../src/core/decimal.js';
import type { HistoryEntry } from '../../src/core/model.js';
import type { MemberResult, PeriodResult } from '../../src/core/result.js';
import { everyMonth, fullScores, ledger, type LedgerSpec } from '../helpers/ledger.js';
import { loadScheme } from './load.js';

function run(id: string, spec: LedgerSpec, extra: { year?: number; history?: HistoryEntry[]; quarter?: number } = {}): MemberResult[] {
  const scheme = loadScheme(id);
  const year = extra.year ?? 2023;
  const input: Parameters<typeof evaluate>[0] = { scheme, ledgers: [ledger(spec)], year };
  if (extra.history) input.history = extra.history;
  if (extra.quarter !== undefined) input.period = quarterPeriod(cycleOf(year, scheme.cycle), extra.quarter);
  const r: PeriodResult = evaluate(input);
  return r.branches[0]!.members;
}
const get = (ms: MemberResult[], name: string): MemberResult => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name}`);
  return m;
};
const total = (ms: MemberResult[], name: string): string => get(ms, name).total.toFixed(2);
const comp = (m: MemberResult, id: string): string => m.components.find((c) => c.id === id)!.value.toString();
const hist = (name: string, cycle: number, total: number, grade?: string): HistoryEntry => ({ cycle, name, branch: '第一支部', total: dec(total), ...(grade ? { grade } : {}) });

describe('township (seed 003): monthly mean, 10-point bonus cap, clamp, stars, quota', () => {
  /** A month with full 义务 (40) and the two posts at p/2 each: the month is worth 40 + p. */
  const month = (p: number): Record<string, number> => ({ 'duty.study': 10, 'duty.org-life': 10, 'duty.dues': 10, 'duty.law': 10, 'post.post1': p / 2, 'post.post2': p / 2 });

  it('annual = mean of months + bonus (capped at 10), 表彰 counted once at its highest level', () => {
    const ms = run('township', {
      members: ['甲'],
      records: { 甲: everyMonth(month(50)) },
      events: [
        { date: '2023-03-10', name: '甲', item: '学习教育无故缺席' }, // March: 学习教育 10 − 5 → month 85
        { date: '2023-05-01', name: '甲', item: '表彰', level: '县', project: '抗洪' }, // 2, superseded
        { date: '2023-06-01', name: '甲', item: '表彰', level: '市', project: '抗洪' }, // 3: highest of 抗洪
        { date: '2023-07-01', name: '甲', item: '表彰', level: '省', project: '脱贫' }, // 4
        { date: '2023-07-01', name: '甲', item: '七一活动' }, // 2
        { date: '2023-08-01', name: '甲', item: '经济发展' }, // 2
        { date: '2023-09-01', name: '甲', item: '公益事业' }, // 2 → 13 in all, capped at 10
      ],
    });
    const m = get(ms, '甲');
    // months: 11 × 90 + 85 = 1075; 1075 / 12 = 89.583…; + 10 = 99.583… → 99.58
    expect(comp(m, 'duty')).toBe(dec(40 * 11 + 35).dividedBy(12).toString());
    expect(comp(m, 'bonus')).toBe('10');
    expect(m.total.toFixed(2)).toBe('99.58');
    expect(m.grade).toBe('优秀');
    expect(m.stars).toBe(5);
  });

  it('实行百分制: 100 a month + 4 bonus is clamped to 100', () => {
    const ms = run('township', { members: ['甲'], records: { 甲: everyMonth(month(60)) }, events: [{ date: '2023-10-01', name: '甲', item: '表彰', level: '中央', project: '劳模' }] });
    expect(total(ms, '甲')).toBe('100.00');
  });

  it('stars by band, veto to 0, quota 20% with a tie at the cut, 预备党员 not graded', () => {
    const scores: [string, number][] = [['A', 95], ['B', 90], ['C', 90], ['D', 72], ['E', 65], ['F', 57], ['G', 52], ['H', 45], ['J', 75], ['K', 75]];
    const ms = run('township', {
      members: [...scores.map(([n]) => n), '否', { name: '预', category: '预备党员' }],
      records: {
        ...Object.fromEntries(scores.map(([n, t]) => [n, everyMonth(month(t - 40))])),
        否: everyMonth(month(60)),
        预: everyMonth(month(15)),
      },
      events: [{ date: '2023-04-01', name: '否', item: '违反法律法规' }],
    });
    // 10 graded, not vetoed → 优秀 cap floor(10 × 20%) = 2; A 95 keeps it; B and C tie at 90 on the cut → both 合格
    expect([get(ms, 'A').grade, get(ms, 'A').stars]).toEqual(['优秀', 5]);
    for (const n of ['B', 'C']) {
      expect(get(ms, n).grade).toBe('合格');
      expect(get(ms, n).stars).toBe(4);
      expect(get(ms, n).flags).toContain('名额并列，请支部研究');
    }
    expect([get(ms, 'D').grade, get(ms, 'D').stars]).toEqual(['合格', 4]);
    expect([get(ms, 'E').grade, get(ms, 'E').stars]).toEqual(['基本合格', 3]);
    expect([get(ms, 'F').grade, get(ms, 'F').stars]).toEqual(['不合格', 2]);
    expect([get(ms, 'G').grade, get(ms, 'G').stars]).toEqual(['不合格', 1]);
    expect([get(ms, 'H').grade, get(ms, 'H').stars]).toEqual(['不合格', 0]);
    expect(get(ms, 'H').flags).toContain('一对一帮扶');
    expect(get(ms, '否').vetoed).toBe(true);
    expect(total(ms, '否')).toBe('0.00');
    const pre = get(ms, '预');
    expect(pre.total.toFixed(2)).toBe('55.00');
    expect(pre.graded).toBe(false);
    expect(pre.grade).toBeUndefined();
    expect(pre.flags).toContain('延长预备期');
  });

  it('不合格 two years running → 集中学习班; three → 按组织程序处理', () => {
    const spec: LedgerSpec = { members: ['甲', '乙'], records: { 甲: everyMonth(month(5)), 乙: everyMonth(month(5)) } };
    const ms = run('township', spec, { history: [hist('甲', 2022, 40, '不合格'), hist('乙', 2022, 40, '不合格'), hist('乙', 2021, 40, '不合格')] });
    expect(get(ms, '甲').flags).toContain('集中学习班');
    expect(get(ms, '甲').flags).not.toContain('按组织程序处理');
    expect(get(ms, '乙').flags).toEqual(expect.arrayContaining(['集中学习班', '按组织程序处理']));
  });
});

describe('vanguard (seed 000 篇4 / 001 篇1): 8:2 weighting in exact decimals', () => {
  it('0.8 × 89.5 + 0.2 × 92 = 90 → 优秀 exactly', () => {
    const ms = run('vanguard', {
      members: ['甲', { name: '预', category: '预备党员' }],
      events: [
        { date: '2023-03-01', name: '甲', item: '组织生活', points: 10 },
        { date: '2023-04-01', name: '甲', item: '集中学习', points: 0.5 }, // 日常 100 − 10.5 = 89.5
        { date: '2023-04-01', name: '预', item: '违纪违规', points: 15 },
      ],
      evaluations: [{ name: '甲', score: 92 }, { name: '预', grade: '合格' }],
    });
    const m = get(ms, '甲');
    expect(m.exactTotal?.toString()).toBe('90');
    expect(m.grade).toBe('优秀');
    // 预: 0.8 × 100 + 0.2 × 80 (合格) − 15 = 81 → 合格? no: 80 + 16 − 15 = 81 → 合格
    expect(total(ms, '预')).toBe('81.00');
    expect(get(ms, '预').grade).toBe('合格');
  });

  it('rewards are capped at 10; 预备党员 基本合格 → 延长预备期; 基本合格 two years → disposal list', () => {
    const ms = run(
      'vanguard',
      {
        members: ['甲', { name: '预', category: '预备党员' }, '乙'],
        events: [
          { date: '2023-05-01', name: '甲', item: '突出业绩', points: 8, project: 'A' },
          { date: '2023-06-01', name: '甲', item: '志愿服务', points: 6, project: 'B' }, // 14 → 10
          { date: '2023-06-01', name: '预', item: '组织生活', points: 40 }, // 0.8 × 60 + 0.2 × 80 = 64
          { date: '2023-06-01', name: '乙', item: '组织生活', points: 40 },
        ],
        evaluations: [{ name: '甲', score: 100 }, { name: '预', grade: '合格' }, { name: '乙', grade: '合格' }],
      },
      { history: [hist('乙', 2022, 65, '基本合格')] },
    );
    expect(total(ms, '甲')).toBe('110.00'); // 80 + 20 + 10
    expect(get(ms, '预').grade).toBe('基本合格');
    expect(get(ms, '预').flags).toContain('延长预备期');
    expect(get(ms, '乙').flags).toContain('连续两年基本合格，纳入不合格党员处置范围');
  });
});

describe('agency (seed 000 篇2): 先锋 needs 基本指数 ≥ 75, clamp 0–100, overrides', () => {
  it('a 92 total with 基本指数 74 is 合格党员; 正向 capped at 20; 反向 clamps the total at 0', () => {
    const ms = run('agency', {
      members: ['甲', '乙', '丙', '丁'],
      events: [
        { date: '2023-03-01', name: '甲', item: '旷会', count: 3 }, // 纪律(1) 10 − 6 → 基本 74
        { date: '2023-04-01', name: '甲', item: '见义勇为受到嘉奖', level: '县', project: '救人' },
        { date: '2023-05-01', name: '甲', item: '见义勇为受到嘉奖', level: '市', project: '救人' }, // 救人 counts once: 10
        { date: '2023-06-01', name: '甲', item: '抗击自然灾害受到表彰', level: '县', project: '抗洪' }, // 5
        { date: '2023-07-01', name: '甲', item: '合理化建议被采纳' }, // 3 → 正向 18 → 92
        { date: '2023-04-01', name: '乙', item: '公益事业受到表彰', level: '国家', project: '捐助' },
        { date: '2023-05-01', name: '乙', item: '合理化建议被采纳', count: 2 }, // 26 → capped at 20 → 100
        { date: '2023-04-01', name: '丙', item: '党内处分', level: '留党察看' },
        { date: '2023-04-02', name: '丙', item: '违法受到处罚', level: '拘留' },
        { date: '2023-04-03', name: '丙', item: '不担当不作为', count: 10 }, // 80 − 20 − 15 − 50 < 0 → 0
        { date: '2023-08-01', name: '丁', item: '参与黄赌毒' }, // 品行(1) 该项不得分 → 70
      ],
      evaluations: ['甲', '乙', '丙', '丁'].map((name) => ({ name, score: 90 })),
      sanctions: [{ name: '丙', type: '留党察看', date: '2023-04-01' }],
    });
    const a = get(ms, '甲');
    expect(comp(a, 'basic')).toBe('74');
    expect(comp(a, 'positive')).toBe('18');
    expect(a.total.toFixed(2)).toBe('92.00');
    expect(a.grade).toBe('合格党员');
    expect(a.flags.some((f) => f.includes('75'))).toBe(true);
    expect(comp(get(ms, '乙'), 'positive')).toBe('20');
    expect(total(ms, '乙')).toBe('100.00');
    expect(get(ms, '乙').grade).toBe('先锋党员');
    expect(total(ms, '丙')).toBe('0.00');
    expect(get(ms, '丙').grade).toBe('不合格党员');
    expect(total(ms, '丁')).toBe('70.00');
    expect(get(ms, '丁').grade).toBe('合格党员');
  });

  it('the half-yearly 评议 is shown, not added', () => {
    const ms = run('agency', { members: ['甲'], evaluations: [{ name: '甲', score: 95 }] });
    expect(comp(get(ms, '甲'), 'review')).toBe('95');
    expect(total(ms, '甲')).toBe('80.00');
  });

  it('警示 two years → 不合格党员; 预备党员 警示 → 延长预备期一年', () => {
    const ms = run(
      'agency',
      {
        members: ['甲', { name: '预', category: '预备党员' }],
        events: [
          { date: '2023-03-01', name: '甲', item: '不担当不作为', count: 5 }, // 80 − 25 = 55
          { date: '2023-03-01', name: '预', item: '不担当不作为', count: 5 },
        ],
        evaluations: [{ name: '甲', score: 80 }, { name: '预', score: 80 }],
      },
      { history: [hist('甲', 2022, 58, '警示党员')] },
    );
    expect(get(ms, '甲').grade).toBe('不合格党员');
    expect(get(ms, '甲').flags).toContain('两年警示，定为不合格党员');
    expect(get(ms, '预').grade).toBe('警示党员');
    expect(get(ms, '预').flags).toContain('延长预备期一年');
  });
});

describe('bureau (seed 001 篇2): 测评得分 × 20%', () => {
  it('好 30, 一般 8, 差 2 of 40 votes → (30 + 6.4 + 1.2) / 40 × 100 = 94, × 20% = 18.8', () => {
    const ms = run('bureau', {
      members: ['甲', '乙'],
      events: [
        { date: '2023-03-01', name: '乙', item: '市级以上刊物发表', count: 2 }, // 4 → 刊物 capped at 3
        { date: '2023-04-01', name: '乙', item: '表彰', level: '区', project: '创优' },
        { date: '2023-05-01', name: '乙', item: '表彰', level: '市', project: '创优' }, // 5 (highest only)
        { date: '2023-06-01', name: '乙', item: '工作失职造成不良后果' }, // −3
      ],
      // 《日常行为评分》: 甲 full 80; 乙 带头学习提高 12.5 of 15 → 日常 77.5
      scores: fullScores(loadScheme('bureau'), ['甲', '乙'], { 乙: { 'daily.study': 12.5 } }),
      evaluations: [
        { name: '甲', good: 30, fair: 8, poor: 2 },
        { name: '乙', good: 30, fair: 8, poor: 2 },
      ],
    });
    const a = get(ms, '甲');
    expect(comp(a, 'review')).toBe('94');
    expect(a.total.toFixed(2)).toBe('98.80'); // 80 + 18.8
    // 乙: 77.5 + 3 + 5 − 3 + 18.8 = 101.3
    expect(total(ms, '乙')).toBe('101.30');
    // 2 graded → cap max(1, floor(0.4)) = 1: 乙 keeps 优秀, 甲 is beyond the quota
    expect(get(ms, '乙').grade).toBe('优秀');
    expect(get(ms, '甲').grade).toBe('合格');
    expect(get(ms, '甲').flags).toContain('超出优秀名额');
  });
});

describe('culture (seed 001 篇3): 26 Dec cycle, voters divisor, split award, quarterly star', () => {
  const spec: LedgerSpec = {
    members: ['甲', '乙', '丙', '丁'],
    events: [
      // cycle 2023 = 2022-12-26 … 2023-12-25: 28 Dec 2022 belongs to it (and to its first quarter)
      { date: '2022-12-28', name: '甲', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2022-12-28', name: '乙', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2022-12-28', name: '丙', item: '经验做法推广', level: '国家', project: '智慧文旅' },
      { date: '2023-01-05', name: '丁', item: '先进个人奖', level: '区' }, // 1
      { date: '2023-12-26', name: '丁', item: '先进个人奖', level: '国家' }, // cycle 2024: not counted
      { date: '2023-05-01', name: '丁', item: '在线学习被通报' }, // −1
    ],
    evaluations: [
      { name: '甲', good: 10, fair: 0, poor: 0, voters: 10 },
      { name: '乙', good: 10, fair: 0, poor: 0, voters: 10 },
      { name: '丙', good: 10, fair: 0, poor: 0, voters: 10 },
      { name: '丁', good: 8, fair: 1, poor: 0, voters: 10 }, // (800 + 70) / 10 = 87
    ],
  };

  it('10 points among 3 contributors → 3.33 each after rounding', () => {
    const ms = run('culture', spec);
    const a = get(ms, '甲');
    expect(comp(a, 'contribution')).toBe(dec(10).dividedBy(3).toString());
    // 80 + 100 × 0.2 + 10/3 = 103.333… → 103.33
    expect(a.total.toFixed(2)).toBe('103.33');
    // 丁: 80 + 87 × 0.2 + 1 − 1 = 97.4
    expect(comp(get(ms, '丁'), 'review')).toBe('87');
    expect(total(ms, '丁')).toBe('97.40');
    expect(get(ms, '甲').grade).toBeUndefined();
    for (const n of ['甲', '乙', '丙']) expect(get(ms, n).flags).toContain('优先享有评先树优资格');
  });

  it('the first quarter starts on 26 Dec; the top contributors of the quarter are 星级党员', () => {
    const ms = run('culture', spec, { quarter: 0 });
    for (const n of ['甲', '乙', '丙']) expect(get(ms, n).flags).toContain('星级党员');
    expect(get(ms, '丁').flags).not.toContain('星级党员');
  });
});

describe('culture (seed 001 篇3): 全年积分在60分以下 / 50分以下 are strict limits', () => {
  it('60 keeps 评先树优, 59 loses it; 50 is not yet 诫勉谈话, 49 is', () => {
    const gaming = '工作时间游戏购物或饮酒被通报'; // 扣减 10
    const ms = run('culture', {
      members: ['甲', '乙', '丙', '丁'],
      events: [
        { date: '2023-03-01', name: '甲', item: gaming, count: 2 }, // 80 − 20 = 60
        { date: '2023-03-01', name: '乙', item: gaming, count: 2 },
        { date: '2023-04-01', name: '乙', item: '在线学习被通报' }, // 60 − 1 = 59
        { date: '2023-03-01', name: '丙', item: gaming, count: 3 }, // 80 − 30 = 50
        { date: '2023-03-01', name: '丁', item: gaming, count: 3 },
        { date: '2023-04-01', name: '丁', item: '在线学习被通报' }, // 50 − 1 = 49
      ],
    });
    const limits = (name: string): string[] => get(ms, name).flags.filter((f) => f === '取消评先树优资格' || f === '诫勉谈话');
    expect(['甲', '乙', '丙', '丁'].map((n) => total(ms, n))).toEqual(['60.00', '59.00', '50.00', '49.00']);
    expect(limits('甲')).toEqual([]);
    expect(limits('乙')).toEqual(['取消评先树优资格']);
    expect(limits('丙')).toEqual(['取消评先树优资格']);
    expect(limits('丁')).toEqual(['取消评先树优资格', '诫勉谈话']);
  });
});

describe('company (seed 001 篇4): annual = mean of four quarters', () => {
  const full = { 'base.politics': 9, 'base.org-life': 9, 'base.vanguard': 3, 'base.serve': 3, 'base.morals': 6, 'base.integrity': 3, 'base.base-other': 7, 'task.duty': 29, 'task.promise': 3, 'task.role': 7, 'task.task-other': 11, 'reward.contribution': 0, 'reward.honor': 0, 'reward.reward-other': 0 };
  it('(93 + 85 + 94 + 80) / 4 = 88; 奖励分 capped at 10 a quarter', () => {
    const ms = run('company', {
      members: ['甲'],
      records: {
        甲: {
          0: { ...full, 'reward.honor': 3 }, // 90 + 3 = 93
          1: { ...full, 'task.duty': 24 }, // 85
          2: { ...full, 'task.duty': 23, 'reward.contribution': 5, 'reward.honor': 5, 'reward.reward-other': 2 }, // 84 + 12 → 84 + 10 = 94
          3: { ...full, 'task.duty': 19 }, // 80
        },
      },
    });
    // (93 + 85 + 94 + 80) / 4 = 352 / 4 = 88
    expect(total(ms, '甲')).toBe('88.00');
    expect(comp(get(ms, '甲'), 'reward')).toBe('3.25'); // (3 + 0 + 10 + 0) / 4
    expect(get(ms, '甲').grade).toBeUndefined();
    expect(get(ms, '甲').rank).toBe(1);
  });

  it('a quarter on its own is that quarter\'s total', () => {
    const ms = run('company', { members: ['甲'], records: { 甲: { 0: { ...full, 'reward.honor': 3 }, 1: full, 2: full, 3: full } } }, { quarter: 0 });
    expect(total(ms, '甲')).toBe('93.00');
  });
});

describe('school (seed 004 篇1): band mapping 好 / 一般 / 差 / 不合格, 预备 and 积极分子 flags', () => {
  it('maps totals to evaluation grades', () => {
    const ms = run('school', {
      members: ['甲', '乙', '丙', '丁', { name: '积', category: '入党积极分子' }, { name: '预', category: '预备党员' }],
      events: [
        { date: '2023-03-01', name: '乙', item: '通报批评' },
        { date: '2023-03-02', name: '乙', item: '表彰', level: '校' }, // 80 − 3 + 0.5 = 77.5
        { date: '2023-03-01', name: '丙', item: '不尽赡养抚养义务' }, // −7
        { date: '2023-03-02', name: '丙', item: '通报批评', count: 2 }, // −6 → 67
        { date: '2023-03-01', name: '丁', item: '体罚或变相体罚' }, // −4
        { date: '2023-03-01', name: '丁', item: '超过半年补缴或不缴纳党费' }, // −4
        { date: '2023-03-01', name: '丁', item: '不尽赡养抚养义务' }, // −7
        { date: '2023-03-01', name: '丁', item: '搞封建迷信活动' }, // −6 → 59
        { date: '2023-04-01', name: '积', item: '表彰', level: '区', project: '支教' },
        { date: '2023-04-02', name: '积', item: '党建文章被采用', level: '国家' }, // 80 + 2 + 8 = 90
        { date: '2023-04-01', name: '预', item: '通报批评', count: 4 }, // 68
      ],
      scores: fullScores(loadScheme('school'), ['甲', '乙', '丙', '丁', '积', '预']),
    });
    expect(get(ms, '甲').grade).toBe('好');
    expect(total(ms, '乙')).toBe('77.50');
    expect(get(ms, '乙').grade).toBe('一般');
    expect(total(ms, '丙')).toBe('67.00');
    expect(get(ms, '丙').grade).toBe('差');
    expect(total(ms, '丁')).toBe('59.00');
    expect(get(ms, '丁').grade).toBe('不合格');
    expect(get(ms, '丁').flags).toContain('可列为不合格党员');
    expect(total(ms, '积')).toBe('90.00');
    expect(get(ms, '积').grade).toBeUndefined();
    expect(get(ms, '积').flags).toContain('优先列为发展对象');
    expect(get(ms, '预').flags).toContain('延长预备期');
    expect(get(ms, '预').flags).not.toContain('取消预备党员资格');
  });
});

describe('village (seed 004 篇2): 1 July cycle, bottom 5 make a self-criticism', () => {
  it('cycle 2023 = 2022-07-01 … 2023-06-30; the five lowest are flagged', () => {
    const ms = run('village', {
      members: ['一', '二', '三', '四', '五', '六', '七'],
      events: [
        { date: '2022-07-01', name: '一', item: '好人好事', count: 2 }, // 60
        { date: '2022-09-01', name: '二', item: '文明户' }, // 55
        { date: '2023-07-01', name: '二', item: '文明户' }, // cycle 2024: not counted
        { date: '2023-06-30', name: '四', item: '迟到早退' }, // 49.5
        { date: '2022-10-01', name: '五', item: '不按时参加会议' }, // 49
        { date: '2022-10-01', name: '六', item: '不参加义务劳动' }, // 48
        { date: '2022-10-01', name: '七', item: '参加或不抵制邪教' }, // 40
      ],
    });
    expect(total(ms, '一')).toBe('60.00');
    expect(total(ms, '二')).toBe('55.00');
    expect(total(ms, '四')).toBe('49.50');
    for (const n of ['三', '四', '五', '六', '七']) expect(get(ms, n).flags).toContain('向党员大会作检讨');
    for (const n of ['一', '二']) expect(get(ms, n).flags).not.toContain('向党员大会作检讨');
    expect(get(ms, '一').grade).toBeUndefined();
  });
});

describe('demolition (seed 000 篇3): open-ended points, top 5 and bottom 3', () => {
  it('ranks, praises the top 5 and talks to the bottom 3; 违法违纪 clears the year', () => {
    const ev = (name: string, item: string, count = 1): NonNullable<LedgerSpec['events']>[number] => ({ date: '2023-05-01', name, item, count });
    const ms = run('demolition', {
      members: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'],
      events: [
        ev('A', '主讲微讲堂', 2), // 100
        ev('B', '主讲微讲堂'), ev('B', '意见建议被采纳'), // 70
        ev('C', '主讲微讲堂'), ev('C', '组织生活会提出意见建议'), // 60
        ev('D', '主讲微讲堂'), ev('D', '研讨会微讲堂发言'), // 55
        ev('E', '主讲微讲堂'), // 50
        ev('F', '意见建议被采纳'), ev('F', '组织生活会提出意见建议'), // 30
        ev('G', '意见建议被采纳'), // 20
        ev('H', '组织生活会提出意见建议'), // 10
        ev('I', '组织生活会提出意见建议'), ev('I', '被通报批评'), // 10 − 150 = −140
        ev('J', '主讲微讲堂', 3), ev('J', '违法违纪'), // vetoed → 0
      ],
    });
    expect(total(ms, 'I')).toBe('-140.00');
    expect(get(ms, 'A').rank).toBe(1);
    for (const n of ['A', 'B', 'C', 'D', 'E']) expect(get(ms, n).flags).toContain('表扬奖励');
    // 清零 is a total of 0, ranked with the rest (issue #12 point 6): the bottom 3 are I (−140), J (0), H (10).
    for (const n of ['H', 'I', 'J']) expect(get(ms, n).flags).toContain('提醒谈话，一般不推荐评优');
    expect(get(ms, 'G').flags).toEqual([]);
    expect(get(ms, 'F').flags).toEqual([]);
    expect(get(ms, 'J').vetoed).toBe(true);
    expect(total(ms, 'J')).toBe('0.00');
    expect(get(ms, 'J').flags).not.toContain('表扬奖励');
  });
});

describe('tiered schemes: base by tier', () => {
  it('tiered-xinba (seed 000 篇5): base + the year\'s points', () => {
    const ms = run('tiered-xinba', {
      members: [{ name: '书', tier: '村书记' }, { name: '老', tier: '60岁以上无职' }, { name: '委', tier: '副书记/委员' }],
      events: [
        { date: '2023-02-01', name: '书', item: '履责践诺', points: 10, count: 7 }, // 10 + 70 = 80
        { date: '2023-02-01', name: '老', item: '参加公益活动', points: 10 },
        { date: '2023-03-01', name: '老', item: '参加赌博', points: 5 }, // 50 + 10 − 5 = 55
        { date: '2023-02-01', name: '委', item: '联系帮扶贫困户', points: 9.5, count: 5 }, // 20 + 47.5 = 67.5
      ],
    });
    expect([total(ms, '书'), get(ms, '书').grade]).toEqual(['80.00', '先锋型']);
    expect([total(ms, '老'), get(ms, '老').grade]).toEqual(['55.00', '褪色型']);
    expect([total(ms, '委'), get(ms, '委').grade]).toEqual(['67.50', '本色型']);
  });

  it('tiered-baiyanghe (seed 004 篇3): 50 → 不合格, 50.5 → 基本合格, 90–100 → 合格', () => {
    const ms = run('tiered-baiyanghe', {
      members: [{ name: '甲', tier: '村两委干部' }, { name: '乙', tier: '村两委干部' }, { name: '丙', tier: '流动党员' }, { name: '丁', tier: '60岁以上或体弱' }],
      events: [
        { date: '2023-02-01', name: '甲', item: '参加三会一课', points: 10, count: 3 }, // 20 + 30 = 50
        { date: '2023-02-01', name: '乙', item: '参加三会一课', points: 10, count: 3 },
        { date: '2023-03-01', name: '乙', item: '党费缴纳', points: 0.5 }, // 50.5
        { date: '2023-02-01', name: '丙', item: '协助调解民事纠纷', points: 10, count: 6 }, // 40 + 60 = 100
        { date: '2023-02-01', name: '丁', item: '参加公益事业', points: 10, count: 5 },
        { date: '2023-02-01', name: '丁', item: '倒扣分', points: 5 }, // 50 + 50 − 5 = 95
      ],
    });
    expect([total(ms, '甲'), get(ms, '甲').grade]).toEqual(['50.00', '不合格']);
    expect([total(ms, '乙'), get(ms, '乙').grade]).toEqual(['50.50', '基本合格']);
    expect([total(ms, '丙'), get(ms, '丙').grade]).toEqual(['100.00', '优秀']);
    expect([total(ms, '丁'), get(ms, '丁').grade]).toEqual(['95.00', '合格']);
  });
});

describe('it-bureau (seed 004 篇5): base from last year, conversion by 评议等次', () => {
  /** 10 months of 6 and 2 months of 5: 任务分 70. */
  const tasks = Object.fromEntries([...Array(12).keys()].map((m) => [m, { 'task.monthly': m < 10 ? 6 : 5 }]));

  it('base = 20% of last year\'s 95 → 19', () => {
    const ms = run(
      'it-bureau',
      { members: ['甲'], records: { 甲: tasks }, events: [{ date: '2023-06-01', name: '甲', item: '超额完成年度目标任务', points: 10 }], evaluations: [{ name: '甲', grade: '优秀' }] },
      { history: [hist('甲', 2022, 95, '优秀')] },
    );
    const m = get(ms, '甲');
    expect(comp(m, 'base')).toBe('19');
    expect(m.total.toFixed(2)).toBe('99.00'); // (19 + 70 + 10) × 100%
    expect(m.grade).toBe('优秀');
  });

  it.each([
    ['优秀', '100.00', '优秀'],
    ['合格', '90.00', '优秀'],
    ['基本合格', '85.00', '合格'],
    ['不合格', '80.00', '合格'],
  ])('评议 %s converts 100 to %s → %s', (grade, want, band) => {
    const ms = run('it-bureau', {
      members: ['甲'],
      records: { 甲: tasks },
      events: [
        { date: '2023-06-01', name: '甲', item: '超额完成年度目标任务', points: 8 },
        { date: '2023-07-01', name: '甲', item: '重大贡献', points: 5 }, // 13 → reward capped at 10
      ],
      evaluations: [{ name: '甲', grade }],
    });
    expect(total(ms, '甲')).toBe(want);
    expect(get(ms, '甲').grade).toBe(band);
  });

  it('县级以上表彰 counts beyond the reward cap; 留党察看 → 不合格 whatever the score', () => {
    const ms = run('it-bureau', {
      members: ['甲', '乙'],
      records: { 甲: tasks, 乙: tasks },
      events: [
        { date: '2023-06-01', name: '甲', item: '见义勇为', points: 10 },
        { date: '2023-06-02', name: '甲', item: '县级以上表彰通报表扬', points: 6 }, // 20 + 70 + 10 + 6 = 106
      ],
      evaluations: [{ name: '甲', grade: '合格' }, { name: '乙', grade: '优秀' }],
      sanctions: [{ name: '乙', type: '留党察看', date: '2023-02-01' }],
    });
    expect(total(ms, '甲')).toBe('95.40'); // 106 × 0.9
    expect(total(ms, '乙')).toBe('90.00'); // 20 + 70
    expect(get(ms, '乙').grade).toBe('不合格');
  });

  // The scheme caps 任务分 at 70 a year (12 × 6 = 72 is possible): a per-cycle cap on a recorded component.
  it('任务分 is capped at 70 a year', () => {
    const ms = run('it-bureau', { members: ['甲'], records: { 甲: everyMonth({ 'task.monthly': 6 }) }, evaluations: [{ name: '甲', grade: '优秀' }] });
    expect(comp(get(ms, '甲'), 'task')).toBe('70');
  });
});

/**
 * The seeds' per-event values that the worked examples above do not pin down (there they vanish
 * into a clamp or a cap): one event per member, each member's total against a member without it.
 * `delta` is the seed's number; `over` spreads a monthly item over the annual mean (township).
 */
describe('per-event values, one at a time, as the seeds list them', () => {
  const cases: { scheme: string; records?: (name: string) => LedgerSpec['records']; date: string; rows: { item: string; level?: string; count?: number; points?: number; delta: number; over?: number; note: string }[] }[] = [
    {
      scheme: 'agency', // seed 000 篇2, 反向扣分: 党纪处分 警告 −5 … 留党察看 −20; 违法 警告 −5, 罚款 −10, 拘留及以上 −15
      date: '2023-04-01',
      rows: [
        { item: '党内处分', level: '警告', delta: -5, note: '警告' },
        { item: '党内处分', level: '严重警告', delta: -10, note: '严重警告' },
        { item: '党内处分', level: '撤销党内职务', delta: -15, note: '撤销党内职务' },
        { item: '党内处分', level: '留党察看', delta: -20, note: '留党察看' },
        { item: '违法受到处罚', level: '警告', delta: -5, note: '违法 警告' },
        { item: '违法受到处罚', level: '罚款', delta: -10, note: '罚款' },
        { item: '违法受到处罚', level: '拘留及以上', delta: -15, note: '拘留及以上' },
      ],
    },
    {
      scheme: 'township', // seed 003, 遵纪守法: 本人或家庭成员违纪 −10, 煽动上访闹事 −10 (one month of twelve)
      records: (name) => ({ [name]: everyMonth({ 'duty.study': 10, 'duty.org-life': 10, 'duty.dues': 10, 'duty.law': 10, 'post.post1': 25, 'post.post2': 25 }) }),
      date: '2023-05-10',
      rows: [
        { item: '本人及家庭成员违纪', delta: -10, over: 12, note: '违纪' },
        { item: '煽动上访闹事', delta: -10, over: 12, note: '上访' },
      ],
    },
    {
      scheme: 'bureau', // seed 001 篇2, 奖分: 创新 3 (特别突出 5); 承诺外奉献 at most 2
      date: '2023-06-01',
      rows: [
        { item: '工作创新', delta: 3, note: '创新' },
        { item: '工作创新特别突出', delta: 5, note: '特别突出' },
        { item: '承诺之外的奉献', points: 2, count: 2, delta: 2, note: '奉献 2 + 2 → 2' },
      ],
    },
    {
      scheme: 'culture', // seed 001 篇3, 扣减分: 通报批评 −5, 空岗被通报 −5, 游戏饮酒 −10, 泄密 −10, 在线学习 −1
      date: '2023-06-01',
      rows: [
        { item: '未按时完成任务被通报批评', delta: -5, note: '通报批评' },
        { item: '迟到早退空岗被通报', delta: -5, note: '空岗' },
        { item: '工作时间游戏购物或饮酒被通报', delta: -10, note: '游戏饮酒' },
        { item: '泄密', delta: -10, note: '泄密' },
        { item: '在线学习被通报', delta: -1, note: '在线学习' },
      ],
    },
    {
      scheme: 'village', // seed 004 篇2, 弘扬正气 10: 迷信赌博 −5, 铺张 −5; two of them and 邪教 −10 floor the item at 0
      date: '2022-10-01',
      rows: [
        { item: '参与迷信和赌博', delta: -5, note: '迷信赌博' },
        { item: '红白事铺张浪费', delta: -5, note: '铺张' },
        { item: '参与迷信和赌博', count: 3, delta: -10, note: '−15 floored at 0' },
      ],
    },
  ];

  it.each(cases)('$scheme', ({ scheme, records, date, rows }) => {
    const names = rows.map((_, i) => `党员${i + 1}`);
    const ms = run(scheme, {
      members: ['对照', ...names],
      records: Object.assign({}, ...['对照', ...names].map((n) => records?.(n) ?? {})),
      events: rows.map((r, i) => ({ date, name: names[i]!, item: r.item, ...(r.level ? { level: r.level } : {}), ...(r.count ? { count: r.count } : {}), ...(r.points !== undefined ? { points: r.points } : {}) })),
      evaluations: ['对照', ...names].map((name) => ({ name, score: 90, grade: '优秀', good: 10, voters: 10 })),
    });
    const base = get(ms, '对照');
    rows.forEach((r, i) => {
      const m = get(ms, names[i]!);
      const exact = (x: MemberResult) => x.components.reduce((s, c) => (c.role === 'deduction' ? s.minus(c.value.times(c.weight)) : s.plus(c.value.times(c.weight))), dec(0));
      expect(exact(m).minus(exact(base)).times(r.over ?? 1).toDecimalPlaces(20).toString(), `${scheme} ${r.note}`).toBe(String(r.delta));
    });
  });
});
