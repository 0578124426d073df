// Issue #12 points 7–11: every input the seed asks a branch to record has a place in the ledger and
// is used, each case with the seed's own sentence beside it (engine and checks through the public API).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/engine.js';
import { validateLedger } from '../../src/core/check/validate.js';
import type { MemberResult } from '../../src/core/result.js';
import { fullScores, ledger, type LedgerSpec } from '../helpers/ledger.js';
import { loadScheme } from '../schemes/load.js';

function run(id: string, spec: LedgerSpec): MemberResult[] {
  return evaluate({ scheme: loadScheme(id), ledgers: [ledger(spec)], year: 2023 }).branches[0]!.members;
}
const get = (ms: MemberResult[], name: string): MemberResult => ms.find((m) => m.name === name)!;
const codes = (id: string, spec: LedgerSpec): string[] => validateLedger(loadScheme(id), ledger(spec), { year: 2023 }).map((d) => `${d.code} ${d.sheet ?? ''}${d.cell ? ` ${d.cell}` : ''}`);

describe('school 基础分: 16 sub-items scored in 《基础分评分》 (seed 004 篇1)', () => {
  const school = loadScheme('school');
  // 「(3)努力学习科学文化、法律和教育教学业务知识(5分)」 … 「(4)积极参加承诺践诺、结对帮扶、志愿服务等活动(5分)」
  it.each([
    ['all 16 items at full marks', {}, [], '80', '80', '好'],
    ['(3)努力学习科学文化…(5分) scored 3, 讲奉献(4) 5 → 4, 讲道德(1) 7 → 6: 80 − 2 − 1 − 1 = 76', { 'base.pol-3': 3, 'base.dedic-4': 4, 'base.moral-1': 6 }, [], '76', '76', '一般'],
    ['(3) scored 4 and 讲奉献(4) scored 4: 基础分 78', { 'base.pol-3': 4, 'base.dedic-4': 4 }, [], '78', '78', '一般'],
    ['78 + 区级表彰 2 = 80 (奖励加分 on top of the typed 基础分)', { 'base.pol-3': 4, 'base.dedic-4': 4 }, [{ item: '表彰', level: '区' }], '78', '80', '好'],
    ['「搞封建迷信活动，造成不良影响的，该项不得分」 zeroes 讲道德(3) even when scored 6: 78 − 6 = 72', { 'base.pol-3': 4, 'base.dedic-4': 4 }, [{ item: '搞封建迷信活动' }], '72', '72', '一般'],
    ['每次扣1分 items subtract from the total: 78 − 1 = 77', { 'base.pol-3': 4, 'base.dedic-4': 4 }, [{ item: '未正确佩戴党徽' }], '78', '77', '一般'],
  ] as [string, Record<string, number>, { item: string; level?: string }[], string, string, string][])('%s', (_n, scores, events, base, total, grade) => {
    const ms = run('school', {
      members: ['甲'],
      scores: fullScores(school, ['甲'], { 甲: scores }),
      events: events.map((e) => ({ date: '2023-05-01', name: '甲', ...e })),
    });
    expect(get(ms, '甲').components.find((c) => c.id === 'base')!.value.toString()).toBe(base);
    expect(get(ms, '甲').total.toString()).toBe(total);
    expect(get(ms, '甲').grade).toBe(grade);
  });

  it.each([
    ['a blank item cell is an error at its cell', { 甲: { 'base.pol-3': null } }, ['甲'], 'RECORD_BLANK 评分表 F3'],
    ['a score above the item\'s 5 points is an error', { 甲: { 'base.pol-3': 6 } }, ['甲'], 'RECORD_ABOVE_MAX 评分表 F3'],
    ['a member with no row in 《基础分评分》 is an error naming the sheet', {}, ['乙'], 'RECORD_MISSING_MONTH 基础分评分'],
  ] as [string, Record<string, Record<string, number | null>>, string[], string][])('%s', (_n, overrides, members, code) => {
    const rows = fullScores(school, ['甲'], overrides);
    expect(codes('school', { members: ['甲', ...members.filter((m) => m !== '甲')], scores: rows })).toContain(code);
  });

  it('a filled 《基础分评分》 validates clean', () => {
    expect(codes('school', { members: ['甲', '乙'], scores: fullScores(school, ['甲', '乙'], { 甲: { 'base.pol-3': 4 } }) })).toEqual([]);
  });
});

describe('school 预备党员: one consequence, not two (seed 004 篇1)', () => {
  // 「预备党员积分未达到70分的，延长预备期……无正当理由积分未达到60分或出现一票否决的，取消预备党员资格」
  const school = loadScheme('school');
  it.each([
    ['68 (60–<70): 延长预备期 only', { 'base.pol-3': 0, 'base.pol-4': 0, 'base.dedic-1': 2 }, [], ['延长预备期']],
    ['59 (< 60): 取消预备党员资格 only, not also 延长预备期', { 'base.pol-1': 0, 'base.pol-2': 0, 'base.pol-3': 0, 'base.pol-4': 0, 'base.rule-1': 3 }, [], ['取消预备党员资格']],
    ['一票否决 (total 0): 取消预备党员资格 only', {}, [{ item: '违反党的纪律' }], ['取消预备党员资格']],
    ['70: no flag', { 'base.pol-3': 0, 'base.pol-4': 0 }, [], []],
  ] as [string, Record<string, number>, { item: string }[], string[]][])('%s', (_n, scores, events, flags) => {
    const ms = run('school', {
      members: [{ name: '预', category: '预备党员' }],
      scores: fullScores(school, ['预'], { 预: scores }),
      events: events.map((e) => ({ date: '2023-05-01', name: '预', ...e })),
    });
    expect(get(ms, '预').flags).toEqual(flags);
  });

  it('the rank rule of the seed is a decision shown by scheme show', () => {
    const d = school.decisions.find((x) => x.about === '排名运用');
    expect(d?.text).toContain('排名靠前的党员，应优先作为评先评优的推荐对象');
    expect(d?.text).toContain('取消评先评优资格');
  });
});

describe('bureau 五个带头: item scores typed as scores in 《日常行为评分》 (seed 001 篇2)', () => {
  // 「带头学习提高(15分),带头争创佳绩(15分),带头服务群众(15),带头遵纪守法(20分),带头弘杨正气(15分)」
  const bureau = loadScheme('bureau');
  const votes = { good: 30, fair: 8, poor: 2 }; // (30 + 6.4 + 1.2) / 40 × 100 = 94 → × 20% = 18.8
  it.each([
    ['all five at their max: 日常 80 + 18.8 = 98.8', {}, '80', '98.8'],
    ['学习 12, 争创 14, 服务 15, 遵纪 18, 正气 13: 日常 72 + 18.8 = 90.8', { 'daily.study': 12, 'daily.excel': 14, 'daily.law': 18, 'daily.uprightness': 13 }, '72', '90.8'],
    ['half points: 带头学习提高 13.5 → 日常 78.5 + 18.8 = 97.3', { 'daily.study': 13.5 }, '78.5', '97.3'],
  ] as [string, Record<string, number>, string, string][])('%s', (_n, scores, daily, total) => {
    const ms = run('bureau', { members: ['甲'], scores: fullScores(bureau, ['甲'], { 甲: scores }), evaluations: [{ name: '甲', ...votes }] });
    expect(get(ms, '甲').components.find((c) => c.id === 'daily')!.value.toString()).toBe(daily);
    expect(get(ms, '甲').total.toString()).toBe(total);
  });

  it('the 「…扣分」 rows with 分值 = max − score are gone from the catalogue', () => {
    expect(bureau.items.some((i) => i.name.endsWith('扣分') && i.component === 'daily')).toBe(false);
    expect(codes('bureau', { members: ['甲'], scores: fullScores(bureau, ['甲'], { 甲: { 'daily.law': 21 } }) })).toContain('RECORD_ABOVE_MAX 评分表 G3');
  });
});

describe('company: a blank bonus cell is 0, a blank score cell is still required (seed 001 篇4)', () => {
  // 「奖励分(10分)」: 突出贡献 +5, 表彰 …; a clerk leaves the unused bonus cells empty.
  const full = { 'base.politics': 9, 'base.org-life': 9, 'base.vanguard': 3, 'base.serve': 3, 'base.morals': 6, 'base.integrity': 3, 'base.base-other': 7, 'task.duty': 29, 'task.promise': 3, 'task.role': 7, 'task.task-other': 11 };
  const quarters = (extra: Record<string, number | null>) => ({ 0: { ...full, ...extra }, 1: { ...full, ...extra }, 2: { ...full, ...extra }, 3: { ...full, ...extra } });
  it.each([
    ['bonus cells left blank (not even in the row): 90 a quarter → 90', {}, '90', []],
    ['bonus cells blank except 奖励表彰 3: 93 a quarter → 93', { 'reward.honor': 3 }, '93', []],
    ['bonus cells typed blank (null): 90', { 'reward.contribution': null, 'reward.honor': null, 'reward.reward-other': null }, '90', []],
  ] as [string, Record<string, number | null>, string, string[]][])('%s', (_n, extra, total, flags) => {
    const spec = { members: ['甲'], records: { 甲: quarters(extra) } };
    const ms = run('company', spec);
    expect(get(ms, '甲').total.toString()).toBe(total);
    expect(get(ms, '甲').flags).toEqual(flags);
    expect(codes('company', spec).filter((c) => c.startsWith('RECORD_BLANK'))).toEqual([]);
  });

  it('a blank score cell (履行职责) is still RECORD_BLANK and flags 缺少记录', () => {
    const spec = { members: ['甲'], records: { 甲: quarters({ 'task.duty': null }) } };
    expect(codes('company', spec).filter((c) => c.startsWith('RECORD_BLANK'))).toHaveLength(4);
    expect(get(run('company', spec), '甲').flags).toContain('缺少记录');
  });

  it('scheme show says blank = 0 for the bonus columns', async () => {
    const { describeScheme } = await import('../../src/scheme/describe.js');
    expect(describeScheme(loadScheme('company'))).toContain('空白格按 0 分计');
  });
});

describe('agency 党纪处分: one entry applies both its deduction and its override (seed 000 篇2)', () => {
  // 「受到党内警告、严重警告、撤销党内职务、留党察看处分的，分别扣5、10、15、20分」 and
  // 「对受到警告、严重警告处分及撤销党内职务的党员，当年度一律作为警示党员对待」「受到留党察看处分的……作为不合格党员对待」
  const award = { date: '2023-03-01', name: 'H3', item: '公益事业受到表彰', level: '县' }; // 80 + 5 = 85
  type Case = [string, { item: string; level?: string }[], { type: string }[], string, string, string[]];
  it.each([
    ['nothing: 80 + 5 = 85 合格党员', [], [], '85', '合格党员', []],
    ['警告 entered once, in 否决与处分: 85 − 5 = 80, 警示党员', [], [{ type: '警告' }], '80', '警示党员', []],
    ['警告 entered once, as 党内处分（警告） in 加减分明细: 80, 警示党员', [{ item: '党内处分', level: '警告' }], [], '80', '警示党员', []],
    ['entered in both places: counted once (80, not 75), with a warning', [{ item: '党内处分', level: '警告' }], [{ type: '警告' }], '80', '警示党员', ['SANCTION_ALSO_EVENT 加减分明细 E4']],
    ['留党察看 in 否决与处分: 85 − 20 = 65, 不合格党员', [], [{ type: '留党察看' }], '65', '不合格党员', []],
    ['严重警告 as 党纪处分（严重警告）: 85 − 10 = 75, 警示党员', [{ item: '党纪处分', level: '严重警告' }], [], '75', '警示党员', []],
    ['违法受到处罚（警告） is an administrative penalty: 80, no override', [{ item: '违法受到处罚', level: '警告' }], [], '80', '合格党员', []],
  ] as Case[])('%s', (_n, events, sanctions, total, grade, warnings) => {
    const spec: LedgerSpec = {
      members: ['H3'],
      events: [award, ...events.map((e) => ({ date: '2023-06-01', name: 'H3', ...e }))],
      sanctions: sanctions.map((s) => ({ date: '2023-06-01', name: 'H3', ...s })),
    };
    const h3 = get(run('agency', spec), 'H3');
    expect(h3.total.toString()).toBe(total);
    expect(h3.grade).toBe(grade);
    expect(codes('agency', spec)).toEqual(warnings);
  });

  it('scheme show says one entry is enough', async () => {
    const { describeScheme } = await import('../../src/scheme/describe.js');
    expect(describeScheme(loadScheme('agency'))).toContain('警告 → 警示党员，同时扣「党内处分」警告 5 分（在《否决与处分》或《加减分明细》登记一处即可）');
  });
});

describe('tiered-xinba: 「经支部全体党员大会评议后直接确定档次」 for exempt members (seed 000 篇5)', () => {
  // 「对年老体弱卧床不起或长期生病，生活不能自理的党员……可不列入积分考核范围，经支部全体党员大会评议后直接确定档次」
  const members = [
    { name: '书', tier: '村书记' },
    { name: '卧', tier: '60岁以上无职', participates: false, directGrade: '本色型' },
    { name: '病', tier: '60岁以上无职', participates: false },
  ];
  const events = [{ date: '2023-04-01', name: '书', item: '履责践诺', points: 10, count: 7 }]; // 10 + 70 = 80

  it.each([
    ['书 takes part: 10 + 70 = 80 先锋型, rank 1', '书', { total: '80', grade: '先锋型', rank: 1, flags: [] as string[], participates: true }],
    ['卧 is exempt and the meeting set 本色型: graded 本色型, no points, no rank', '卧', { total: '0', grade: '本色型', rank: undefined, flags: ['经支部党员大会评议直接确定档次'], participates: false }],
  ] as const)('%s', (_n, name, want) => {
    const m = get(run('tiered-xinba', { members, events }), name);
    expect({ total: m.total.toString(), grade: m.grade, rank: m.rank, flags: m.flags, participates: m.participates }).toEqual(want);
  });

  it('an exempt member without a 档次 stays out of the results, as before', () => {
    expect(run('tiered-xinba', { members, events }).map((m) => m.name)).toEqual(['书', '卧']);
  });

  it.each([
    ['a 档次 that is not one of the four', [{ name: '卧', tier: '60岁以上无职', participates: false, directGrade: '优秀' }]],
    ['a 档次 for a member who takes part', [{ name: '卧', tier: '60岁以上无职', directGrade: '本色型' }]],
  ])('%s is MEMBER_BAD_DIRECT_GRADE', (_n, ms) => {
    expect(codes('tiered-xinba', { members: ms })).toContain('MEMBER_BAD_DIRECT_GRADE 名册 B3');
  });
});
