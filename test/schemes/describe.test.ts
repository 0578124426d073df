import { describe, expect, it } from 'vitest';
import { bandRange, describeScheme } from '../../src/scheme/describe.js';
import { BUILTIN_IDS, loadScheme } from './load.js';

describe('describeScheme', () => {
  const township = describeScheme(loadScheme('township'));

  it('prints the township cycle, components, items and formula in Chinese', () => {
    expect(township).toContain('周期：每年1月1日至12月31日，按月记录，年度取月平均');
    expect(township).toContain('学习教育 10、组织生活 10、党费缴纳 10、遵纪守法 10，每月满分 40');
    expect(township).toContain('上限：每周期 10 分');
    expect(township).toContain('同一项目以最高级计分');
    expect(township).toContain('一票否决（总分为 0）');
    expect(township).toContain('超过 100 的按 100 计');
  });

  it('prints the township star bands, quota, flags and the 百分制 decision', () => {
    expect(township).toContain('≥80 优秀 ★★★★★');
    expect(township).toContain('70–<80 合格 ★★★★');
    expect(township).toContain('60–<70 基本合格 ★★★');
    expect(township).toContain('55–<60 不合格 ★★');
    expect(township).toContain('50–<55 不合格 ★');
    expect(township).toContain('<50 不合格 无星');
    expect(township).toContain('优秀不超过参评人数的 20%');
    expect(township).toContain('集中学习班：连续 2 年等次为不合格');
    expect(township).toMatch(/决定：[\s\S]*【总分上限】[^\n]*百分制/);
  });

  it('writes every decision of every scheme', () => {
    for (const id of BUILTIN_IDS) {
      const s = loadScheme(id);
      const text = describeScheme(s);
      expect(text).toContain(s.name);
      expect(text).toContain('决定：');
      for (const d of s.decisions) expect(text).toContain(`【${d.about}】${d.text}`);
    }
  });

  it('shows cycles that cross the year, votes, conversion, conditions and rank rules', () => {
    expect(describeScheme(loadScheme('culture'))).toContain('每年12月26日至次年12月25日');
    expect(describeScheme(loadScheme('village'))).toContain('每年7月1日至次年6月30日');
    expect(describeScheme(loadScheme('company'))).toContain('年度取季度平均');
    expect(describeScheme(loadScheme('bureau'))).toContain('评议分 =（好×1 + 一般×0.8 + 差×0.6）÷ 总票数（好+一般+差） × 100');
    expect(describeScheme(loadScheme('culture'))).toContain('÷ 参加测评人数');
    expect(describeScheme(loadScheme('culture'))).toContain('同一项目由登记的党员平分');
    expect(describeScheme(loadScheme('it-bureau'))).toContain('优秀 100%、合格 90%、基本合格 85%、不合格 80%');
    expect(describeScheme(loadScheme('it-bureau'))).toContain('起始分 = 上年度总分 × 20%');
    expect(describeScheme(loadScheme('it-bureau'))).toContain('不占本部分上限');
    expect(describeScheme(loadScheme('agency'))).toContain('先锋党员还要求「基本指数」≥ 75，否则定为合格党员');
    expect(describeScheme(loadScheme('agency'))).toContain('留党察看 → 不合格党员');
    expect(describeScheme(loadScheme('demolition'))).toContain('前 5 名：表扬奖励');
    expect(describeScheme(loadScheme('vanguard'))).toContain('日常考核积分 × 0.8 + 年度评议积分 × 0.2');
  });

  it('renders the baiyanghe bands with open and closed ends', () => {
    const text = describeScheme(loadScheme('tiered-baiyanghe'));
    expect(text).toContain('≥100 优秀');
    expect(text).toContain('70–<100 合格');
    expect(text).toContain('>50–<70 基本合格');
    expect(text).toContain('≤50 不合格');
    expect(bandRange({ grade: 'x', min: 1, minInclusive: true, max: 2, maxInclusive: true })).toBe('1–≤2');
  });

  it('has an English rendering with English labels', () => {
    const en = describeScheme(loadScheme('township'), 'en');
    expect(en).toContain('Cycle: 1/1 to 12/31');
    expect(en).toContain('Components:');
    expect(en).toContain('≥80 优秀 ★★★★★');
    expect(en).toContain('Quota: at most 20% 优秀');
    expect(en).toContain('Decisions');
    expect(en).not.toContain('周期：');
  });

  it('says in English who takes part in 评先评优 on one side only, and what the 积分申请表 needs and may declare', () => {
    const bureau = describeScheme(loadScheme('bureau'), 'en');
    expect(bureau).toContain('One side for 评先评优: a member whose 名册 评先评优 is 所驻村 is graded and ranked here, but not 优秀 and not counted in its quota');
    const it = describeScheme(loadScheme('it-bureau'), 'en');
    expect(it).toContain('积分申请表: needs 分管领导意见 (是否完成、完成质量); apply enters no line of a form without it');
    // The entry by the ledger's column name, not the scheme's internal id.
    expect(it).toContain('积分申请表: a member may declare 月任务分; apply writes the approved points into that month\'s record cell when it is blank');
    expect(it).not.toContain('task.monthly');
    // Schemes without them print neither line.
    const township = describeScheme(loadScheme('township'), 'en');
    expect(township).not.toMatch(/One side for 评先评优|^积分申请表/m);
  });

  it('is pure: same input, same text', () => {
    const s = loadScheme('agency');
    expect(describeScheme(s)).toBe(describeScheme(s));
  });
});
