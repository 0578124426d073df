// What `score scheme show ID` prints: a scheme's rules and decisions in words (Chinese by
// default, a briefer English rendering on request). Pure: takes a parsed scheme, returns text.
import { countsForQuota, reachableFlags } from './categories.js';
import { isRankedCategory, type Band, type Basis, type Component, type Item, type Scheme } from './schema.js';

export type DescribeLang = 'zh' | 'en';

const KIND_ZH: Record<Component['kind'], string> = {
  recorded: '按期记录',
  deduct: '倒扣记分',
  accumulate: '累计记分',
  evaluation: '民主评议',
  'tier-base': '层次基础分',
};
const ROLE_ZH: Record<Component['role'], string> = { score: '计入总分', bonus: '加分', deduction: '减分' };

/** The scheme as text: one section per rule family, then every decision. */
export function describeScheme(scheme: Scheme, lang: DescribeLang = 'zh'): string {
  return lang === 'en' ? describeEn(scheme) : describeZh(scheme);
}

// ---------------------------------------------------------------- shared helpers

/** 80, 0.5, 0.85 as written (no binary float noise from JSON numbers). */
function n(v: number): string {
  return String(Number(v.toPrecision(12)));
}

function pct(v: number): string {
  return `${n(Number((v * 100).toPrecision(12)))}%`;
}

/** `≥80`, `70–<80`, `>50–<70`, `≤50`: R12 bands in the order a clerk reads them. */
export function bandRange(b: Band): string {
  if (b.min !== undefined && b.max !== undefined) {
    return `${b.minInclusive ? '' : '>'}${n(b.min)}–${b.maxInclusive ? '≤' : '<'}${n(b.max)}`;
  }
  if (b.min !== undefined) return `${b.minInclusive ? '≥' : '>'}${n(b.min)}`;
  if (b.max !== undefined) return `${b.maxInclusive ? '≤' : '<'}${n(b.max)}`;
  return '全部';
}

export function starsText(stars: number | undefined, lang: DescribeLang): string {
  if (stars === undefined) return '';
  if (stars === 0) return lang === 'zh' ? '无星' : 'no star';
  return '★'.repeat(stars);
}

function sortedBands(bands: readonly Band[]): Band[] {
  return [...bands].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day before the cycle start: the cycle's last day (month, day). */
function cycleEnd(startMonth: number, startDay: number): { month: number; day: number } {
  if (startDay > 1) return { month: startMonth, day: startDay - 1 };
  const month = startMonth === 1 ? 12 : startMonth - 1;
  return { month, day: DAYS[month - 1]! };
}

function componentById(s: Scheme, id: string): Component | undefined {
  return s.components.find((c) => c.id === id);
}

function entryName(c: Component | undefined, entryId: string | undefined): string | undefined {
  if (!c || !entryId) return undefined;
  return c.entries.find((e) => e.id === entryId)?.name;
}

function levelsText(levels: Record<string, number>, sep: string): string {
  return Object.entries(levels)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(sep);
}

function indent(text: string | undefined, prefix: string): string[] {
  return text ? [`${prefix}${text}`] : [];
}

/** A record entry named as the ledger's column (`task.monthly` → 月任务分), for a scheme's application entries. */
const entryColumn = (s: Scheme, key: string): string => {
  const [component, entry] = key.split('.');
  return entryName(componentById(s, component ?? ''), entry) ?? key;
};

// ---------------------------------------------------------------- Chinese

function describeZh(s: Scheme): string {
  const out: string[] = [];
  out.push(`${s.name}（${s.id}）`);
  if (s.source) out.push(`来源：${s.source}`);
  if (s.summary) out.push(`概要：${s.summary}`);
  out.push('', `周期：${cycleZh(s)}`);
  out.push(...indent(s.cycle.note, '  说明：'));
  out.push(`评定等次：${s.cycle.gradePeriods.map((k) => PERIOD_ZH[k]).join('、')}；其他期间（如某月、某季度）只计算积分和排名，用于公示`);
  out.push('转入转出：每个期间只列出当期在册的党员（名册转入、转出日期）；期间结束前已转出的党员列出转出时的积分，标注“已转出：积分随组织关系转交”，不在本支部评定等次、排名、占名额或公示（决定）');
  out.push(`计分精度：保留 ${s.precision} 位小数，四舍五入；等次按四舍五入后的分数评定`);

  out.push('', '党员类别（R17：计分？评定等次？排名？计入名额？哪些标注？）：');
  for (const c of s.categories) {
    const what = [c.scored ? '计分' : '不计分', s.bands.length === 0 ? '本方案不按分数评定等次' : c.graded ? '评定等次' : '不评定等次', isRankedCategory(c) ? '排名' : '不排名'];
    if (s.quota) what.push(countsForQuota(c) ? `计入${s.quota.grade}名额的人数` : `不计入${s.quota.grade}名额的人数`);
    const flags = reachableFlags(s, c);
    out.push(`  - ${c.name}${c.aliases.length ? `（也可写：${c.aliases.join('、')}）` : ''}：${what.join('，')}；标注：${flags.length ? flags.join('、') : '无'}`);
    out.push(...basisZh(c.basis, '      '));
  }
  out.push(`  - 不参加积分管理（名册“积分管理”填“不参加”）：${exemptZh(s)}`);
  if (s.exempt) out.push(...basisZh(s.exempt.basis, '      '));
  if (s.tiers.length) {
    out.push('', '层次与基础分：');
    for (const t of s.tiers) out.push(`  - ${t.name}：${n(t.base)} 分${t.aliases.length ? `（也可写：${t.aliases.join('、')}）` : ''}`);
  }

  out.push('', '组成部分：');
  s.components.forEach((c, i) => out.push(...componentZh(s, c, i + 1)));

  if (s.items.length) {
    out.push('', '计分事项：');
    for (const c of s.components) {
      const items = s.items.filter((it) => it.component === c.id);
      if (!items.length) continue;
      out.push(`  【${c.name}】`);
      for (const it of items) out.push(...itemZh(s, c, it));
    }
    if (s.items.some((it) => it.highestOnly && it.highestPer !== 'category')) out.push(`  ${LATER_AWARD_ZH}`);
  }

  out.push('', `总分：${formulaZh(s)}`);
  if (s.vetoTypes.length) out.push(`  《否决与处分》中登记为以下类型的，一票否决（总分为 0）：${s.vetoTypes.join('、')}`);
  if (s.conversion) {
    const f = Object.entries(s.conversion.factors).map(([g, v]) => `${g} ${pct(v)}`).join('、');
    out.push('', `评议折算：按民主评议等次折算总分：${f}`);
    out.push(...indent(s.conversion.note, '  说明：'));
  }
  if (s.clamp) {
    const parts = [s.clamp.min !== undefined ? `不低于 ${n(s.clamp.min)}` : '', s.clamp.max !== undefined ? `不高于 ${n(s.clamp.max)}` : ''].filter(Boolean);
    out.push('', `总分限定：${parts.join('，')}`);
    out.push(...indent(s.clamp.note, '  说明：'));
  }

  out.push('', '等次：');
  if (s.bands.length === 0) out.push('  不按分数评定等次（只输出总分和排名）');
  if (s.directGrades) out.push(`  不参加积分管理的党员：档次由支部党员大会评议直接确定，填在名册“直接确定档次”栏；不计积分、不排名、不占名额，标注“${s.directGrades.flag}”${s.directGrades.note ? `（${s.directGrades.note}）` : ''}`);
  for (const b of sortedBands(s.bands)) {
    const star = starsText(b.stars, 'zh');
    out.push(`  ${bandRange(b)} ${b.grade}${star ? ` ${star}` : ''}${b.note ? `（${b.note}）` : ''}`);
  }
  if (s.quota) {
    const q = s.quota;
    out.push('', `名额：${q.grade}不超过参评人数的 ${pct(q.pct)}（参评人数 = 能评为${q.grade}的全部党员，即评定等次的各类别，含被一票否决的党员；向下取整，至少 1 人），按排名取；超出名额的定为${q.fallback}；名额线上并列的都定为${q.fallback}并标注“名额并列，请支部研究”。范围：${q.scope === 'township' ? '全镇（所有支部合并）' : '本支部'}`);
    out.push(...indent(q.note, '  说明：'));
    out.push(...basisZh(q.basis, '  '));
  }
  if (s.awardsOneSide) {
    const a = s.awardsOneSide;
    out.push('', `只能参加一边评先评优：名册“${a.column}”栏选“${a.there}”的党员照常计分、评定等次、排名，但${s.quota ? `不评为${s.quota.grade}、不计入${s.quota.grade}名额的参评人数，` : ''}标注“${a.flag}”；选“${a.here}”或不填的与其他党员一样`);
    out.push(...basisZh(a.basis, '  '));
  }
  if (s.gradeConditions.length) {
    out.push('', '等次条件：');
    for (const g of s.gradeConditions) {
      out.push(`  - ${g.grade}还要求「${componentById(s, g.component)?.name ?? g.component}」≥ ${n(g.min)}，否则定为${g.fallback}${g.note ? `（${g.note}）` : ''}`);
    }
  }
  if (s.overrides.length) {
    out.push('', '处分与等次（《否决与处分》登记的类型）：');
    for (const o of s.overrides) out.push(`  - ${o.type} → ${o.grade}${o.flag ? `，标注“${o.flag}”` : ''}${deductZh(s, o)}${o.during ? DURING_ZH : ''}${o.note ? `（${o.note}）` : ''}`);
  }
  if (s.flags.length) {
    out.push('', '标注规则：');
    for (const f of s.flags) out.push(`  - ${f.flag}：${flagConditionZh(s, f)}${f.setGrade ? `，等次改为${f.setGrade}` : ''}${f.replaces ? `；取代“${f.replaces}”（两者不同时标注）` : ''}`);
  }
  if (s.rankRules.length) {
    out.push('', '排名规则：');
    for (const r of s.rankRules) {
      const by = r.by ? `按「${componentById(s, r.by)?.name ?? r.by}」` : '按总分';
      const when = r.periods.map((p) => ({ month: '每月', quarter: '每季度', half: '每半年', cycle: '每周期' })[p]).join('、');
      out.push(`  - ${when}${by}${r.position === 'top' ? '前' : '后'} ${r.count} 名：${r.flag}（名次并列的都算${r.includeVetoed ? '；被一票否决（清零）的党员按 0 分参加排名' : '；被一票否决的党员不参加'}）${r.note ? `。${r.note}` : ''}`);
    }
  }
  if (s.application && (s.application.review || s.application.entries.length)) {
    out.push('', '积分申请表：');
    const a = s.application;
    if (a.review) {
      out.push(`  - 申请表有“${a.review.label}${a.review.note ? `（${a.review.note}）` : ''}”一栏；没有填写的申请表，score apply 不予录入`);
      out.push(...basisZh(a.review.basis, '      '));
    }
    if (a.entries.length) out.push(`  - 可以申报记录表中的：${a.entries.map((k) => entryColumn(s, k)).join('、')}（score apply 把认定分值填入台账该月表的对应栏；该栏已有不同分数时不改动）`);
  }
  out.push('', '决定：');
  if (s.decisions.length === 0) out.push('  （无）');
  for (const d of s.decisions) out.push(`  - 【${d.about}】${d.text}`);
  return out.join('\n') + '\n';
}

const PERIOD_ZH: Record<'month' | 'quarter' | 'half' | 'cycle', string> = { month: '月度', quarter: '季度', half: '半年（年中）', cycle: '年度（年末）' };

/** 「原文：…」 and 「决定：…」 lines of a rule's basis (R17). */
function basisZh(b: Basis | undefined, prefix: string): string[] {
  if (!b) return [];
  return [...(b.quote ? [`${prefix}原文：「${b.quote}」`] : []), ...(b.decision ? [`${prefix}决定：${b.decision}`] : [])];
}

function exemptZh(s: Scheme): string {
  if (s.directGrades) return '不计分、不排名、不计入人数；档次由支部党员大会直接确定，填在名册“直接确定档次”栏';
  if (s.exempt?.otherScore) return `不计分（不按本方案计分）、不评定等次、不排名、不计入人数和名额；另行评定的年度得分填在名册“另行评定得分”栏，评定结果列出该得分并标注“${s.exempt.otherScore.flag}”`;
  return '不计分、不评定等次、不排名、不计入人数和名额，公示名单不列出';
}

function cycleZh(s: Scheme): string {
  const { startMonth, startDay, record, aggregate, publishDays } = s.cycle;
  const end = cycleEnd(startMonth, startDay);
  const crosses = startMonth !== 1 || startDay !== 1;
  const span = `每年${startMonth}月${startDay}日至${crosses ? '次年' : ''}${end.month}月${end.day}日`;
  const hasRecorded = s.components.some((c) => c.kind === 'recorded');
  let rec: string;
  if (record === 'month') rec = hasRecorded ? `按月记录，年度取${aggregate === 'mean' ? '月平均' : '各月合计'}` : '按月记录';
  else if (record === 'quarter') rec = hasRecorded ? `按季度记录，年度取${aggregate === 'mean' ? '季度平均（四个季度之和÷4）' : '各季度合计'}` : '按季度记录';
  else rec = '不设月表或季表，全部按《加减分明细》逐条计分';
  const days = s.cycle.publishMinimum ? `公示不少于 ${publishDays} 天（原文规定，不能更少）` : `公示默认 ${publishDays} 天（原文未规定天数，本方案的决定；公示时可改为其他天数）`;
  return `${span}，${rec}；${days}${crosses ? `（以结束的年份命名周期）` : ''}`;
}

function componentZh(s: Scheme, c: Component, no: number): string[] {
  const kind = c.kind === 'recorded' ? (s.cycle.record === 'quarter' ? '按季度记录' : '按月记录') : c.scoreSheet ? '逐项评分' : KIND_ZH[c.kind];
  const head = `  ${no}. ${c.name}（${kind}，${ROLE_ZH[c.role]}${c.weight !== 1 ? `，权重 ${n(c.weight)}` : ''}）`;
  const lines = [c.weight === 0 ? `${head}：只记录和显示，不计入总分` : head];
  if (c.entries.length) {
    const total = c.entries.reduce((a, e) => a + e.max, 0);
    const word = c.kind === 'recorded' ? `每${s.cycle.record === 'quarter' ? '季度' : '月'}满分` : '基础分';
    lines.push(`     ${c.entries.map((e) => `${e.name} ${n(e.max)}${e.min !== 0 ? `（最低 ${n(e.min)}）` : ''}`).join('、')}，${word} ${n(total)}${c.kind === 'deduct' ? '，每项扣完为止' : ''}`);
  }
  if (c.scoreSheet) lines.push(`     各项得分在台账《${c.scoreSheet}》表逐人填写（每格必填，不超过该项分值），加减分明细中的扣分、该项不得分再从填写的得分中扣除`);
  if (c.kind === 'recorded') lines.push(c.role === 'bonus' ? '     空白格按 0 分计（没有加分的格子可以不填）' : '     每格都要填写（空白是缺少记录）');
  if (c.kind === 'tier-base') lines.push(s.tiers.length ? '     按名册“层次”取基础分（见上）' : `     基础分 ${n(c.base ?? 0)}`);
  if (c.fromHistory) lines.push(`     有上年度评定结果的，起始分 = 上年度总分 × ${pct(c.fromHistory.pct)}${c.cap !== undefined ? `，最高 ${n(c.cap)} 分` : ''}；没有的按第一年计`);
  if (c.votes) {
    const w = c.votes.weights;
    const div = c.votes.divisor === 'voters' ? '参加测评人数' : '总票数（好+一般+差）';
    lines.push(`     评议分 =（好×${n(w.good)} + 一般×${n(w.fair)} + 差×${n(w.poor)}）÷ ${div}${c.votes.scale !== 1 ? ` × ${n(c.votes.scale)}` : ''}`);
  }
  if (c.gradePoints) {
    lines.push(`     录入评议得分的按得分；只有评议等次的：${levelsText(c.gradePoints, '、')}`);
  }
  if (c.countsIn || c.kind === 'evaluation') {
    lines.push(`     只计入${(c.countsIn ?? ['cycle']).map((k) => PERIOD_ZH[k]).join('、')}积分；其他期间空白、不计入合计（评议没有日期，不属于某月某季，不按 0 分计）；年内转出、未参加本支部评议的党员同样空白`);
  }
  if (c.cap !== undefined) lines.push(`     上限：${c.capPer === 'record' ? `每${s.cycle.record === 'quarter' ? '季度' : '月'}` : '每周期'} ${n(c.cap)} 分`);
  if (c.floor !== undefined) lines.push(`     下限：${n(c.floor)} 分`);
  for (const g of c.groups) if (g.cap !== undefined) lines.push(`     「${g.name}」类合计不超过 ${n(g.cap)} 分${g.note ? `（${g.note}）` : ''}`);
  lines.push(...indent(c.note, '     说明：'));
  return lines;
}

/** R15 with a deduction: "，同时扣「党内处分」警告 5 分（登记一处即可）". */
/** SCHEMES.md "Periods and later rows", for an item counted at the highest level per 项目. */
export const LATER_AWARD_ZH = '同一项目以最高级计分与期间（决定）：每个期间计本期间内登记的表彰，取其中最高一级；之后的较高级表彰不改变已经结束的期间，在它自己的期间按该级全额计分，全年按最高一级计一次（例：2月县级2分、8月同一项目市级3分：一季度计2分，三季度计3分，全年计3分）';

/** An override that holds 「处分期间」 (`during`): how its dates count. */
const DURING_ZH = '；按处分期间计：处分日期至“处分期至”与本期有重叠的即按此定等次，上年度受处分、处分期延续到本年度的也计（《否决与处分》日期填上年度的处分日期，必须填写处分期至）；日期空着的按全年处于处分期间计';

function deductZh(s: Scheme, o: Scheme['overrides'][number]): string {
  if (!o.deduct) return '';
  const it = s.items.find((i) => i.id === o.deduct!.item);
  if (!it) return '';
  const pts = o.deduct.level !== undefined ? it.levels?.[o.deduct.level] : it.points;
  return `，同时扣「${it.name}」${o.deduct.level ?? ''}${pts !== undefined ? ` ${n(pts)} 分` : ''}（在《否决与处分》或《加减分明细》登记一处即可）`;
}

function pointsZh(it: Item): string {
  if (it.levels) return `按级别：${levelsText(it.levels, '、')}`;
  if (it.range) return `分值录入，每次 ${n(it.range.min)}–${n(it.range.max)}`;
  if (it.points !== undefined) return `${n(it.points)} 分/次`;
  return '分值录入';
}

function itemZh(s: Scheme, c: Component, it: Item): string[] {
  const parts: string[] = [];
  const target = entryName(c, it.entry) ?? (c.entries.length ? c.entries[0]!.name : undefined);
  if (it.veto) parts.push('一票否决（总分为 0）');
  else if (it.zeroes) parts.push(`该项不得分（「${target ?? c.name}」计 0）`);
  else if (c.kind === 'recorded' || c.kind === 'deduct') parts.push(`扣「${target ?? c.name}」${pointsZh(it)}`);
  else parts.push(`${c.role === 'deduction' ? '扣分' : '加分'}，${pointsZh(it)}`);
  if (it.group) parts.push(`属「${c.groups.find((g) => g.id === it.group)?.name ?? it.group}」`);
  if (it.cap !== undefined) parts.push(`每周期最多 ${n(it.cap)} 分`);
  if (it.highestOnly) parts.push(it.highestPer === 'category' ? '同类别不重复加分（每个周期只计最高的一次，不论项目）' : '同一项目以最高级计分（须填写项目）');
  if (it.split) parts.push('同一项目由登记的党员平分');
  if (it.beyondCap) parts.push('不占本部分上限');
  if (it.flag) parts.push(`标注“${it.flag}”`);
  const aliases = it.aliases.length ? `（也可写：${it.aliases.join('、')}）` : '';
  const lines = [`    - ${it.name}${aliases}：${parts.join('；')}`];
  lines.push(...indent(it.note, '      原文：'));
  void s;
  return lines;
}

function formulaZh(s: Scheme): string {
  const terms: string[] = [];
  for (const c of s.components) {
    if (c.weight === 0) continue;
    if (c.kind === 'accumulate' && c.role === 'deduction' && s.items.filter((i) => i.component === c.id).every((i) => i.veto)) continue;
    const avg = c.kind === 'recorded' && s.cycle.aggregate === 'mean' ? (s.cycle.record === 'quarter' ? '（季度平均）' : '（月平均）') : '';
    const term = `${c.name}${avg}${c.weight !== 1 ? ` × ${n(c.weight)}` : ''}`;
    terms.push(`${terms.length === 0 ? (c.role === 'deduction' ? '− ' : '') : c.role === 'deduction' ? ' − ' : ' + '}${term}`);
  }
  let f = terms.join('');
  if (s.conversion) f = `（${f}）× 评议折算比例`;
  const tail: string[] = [];
  if (s.items.some((i) => i.veto) || s.vetoTypes.length) tail.push('一票否决的为 0');
  if (s.clamp?.max !== undefined) tail.push(`超过 ${n(s.clamp.max)} 的按 ${n(s.clamp.max)} 计`);
  if (s.clamp?.min !== undefined) tail.push(`低于 ${n(s.clamp.min)} 的按 ${n(s.clamp.min)} 计`);
  tail.push(`四舍五入保留 ${s.precision} 位小数`);
  return `${f}；${tail.join('；')}`;
}

function flagConditionZh(s: Scheme, f: Scheme['flags'][number]): string {
  const c: string[] = [];
  if (f.categories) c.push(f.categories.join('、'));
  if (f.grade) c.push(`等次为${f.grade}`);
  if (f.below !== undefined) c.push(`总分 < ${n(f.below)}`);
  if (f.atLeast !== undefined) c.push(`总分 ≥ ${n(f.atLeast)}`);
  if (f.vetoed !== undefined) c.push(f.vetoed ? '被一票否决' : '未被否决');
  if (f.evaluation) c.push(`《民主评议》评议等次为${f.evaluation.join('或')}`);
  if (f.hasPointsIn) c.push(`有「${componentById(s, f.hasPointsIn)?.name ?? f.hasPointsIn}」得分`);
  let text = c.length ? c.join('，') : '所有参评党员';
  if (f.years) text = `连续 ${f.years} 年${text}`;
  const periods = f.periods.filter((p) => p !== 'cycle');
  if (periods.length) text += `（也用于${periods.map((p) => (p === 'month' ? '月' : '季度')).join('、')}结果）`;
  return text;
}

// ---------------------------------------------------------------- English (briefer)

const KIND_EN: Record<Component['kind'], string> = {
  recorded: 'recorded per period',
  deduct: 'deduct from base',
  accumulate: 'accumulated',
  evaluation: 'democratic evaluation',
  'tier-base': 'tier base',
};

function describeEn(s: Scheme): string {
  const out: string[] = [];
  out.push(`${s.name} (${s.id})`);
  if (s.source) out.push(`Source: ${s.source}`);
  const { startMonth, startDay, record, aggregate } = s.cycle;
  const end = cycleEnd(startMonth, startDay);
  const rec = record === 'none' ? 'no record sheets (events only)' : `recorded per ${record}, cycle value = ${aggregate} of ${record}s`;
  out.push(`Cycle: ${startMonth}/${startDay} to ${end.month}/${end.day}${startMonth !== 1 || startDay !== 1 ? ' (next year)' : ''}; ${rec}; precision ${s.precision} (half-up)`);
  out.push(`Grades given for: ${s.cycle.gradePeriods.join(', ')}; members transferred out by a period's end are listed with their points, not graded or published`);
  out.push('Categories:');
  for (const c of s.categories) {
    const what = [c.scored ? 'scored' : 'not scored', c.graded ? 'graded' : 'not graded', isRankedCategory(c) ? 'ranked' : 'not ranked'];
    if (s.quota) what.push(countsForQuota(c) ? 'in the quota' : 'not in the quota');
    const flags = reachableFlags(s, c);
    out.push(`  - ${c.name}: ${what.join(', ')}; flags: ${flags.length ? flags.join(', ') : 'none'}${c.basis?.quote ? ' (the regulation\'s words)' : ''}${c.basis?.decision && !c.basis.quote ? ' (decision)' : ''}`);
  }
  out.push(`  - exempt (积分管理 不参加): ${s.directGrades ? 'grade set by the branch meeting (直接确定档次)' : s.exempt?.otherScore ? 'annual score given by other means, typed in 名册 另行评定得分, shown, not ranked' : 'not scored, graded, ranked or counted'}`);
  out.push(`Publication: ${s.cycle.publishMinimum ? `at least ${s.cycle.publishDays} days (the regulation's minimum)` : `${s.cycle.publishDays} days by default (our decision; another number of days may be set when publishing)`}`);
  if (s.tiers.length) out.push('Tiers: ' + s.tiers.map((t) => `${t.name} ${n(t.base)}`).join('; '));
  out.push('', 'Components:');
  for (const c of s.components) {
    const bits = [KIND_EN[c.kind], c.role];
    if (c.weight !== 1) bits.push(`weight ${n(c.weight)}`);
    if (c.cap !== undefined) bits.push(`cap ${n(c.cap)} per ${c.capPer}`);
    if (c.fromHistory) bits.push(`starts at ${pct(c.fromHistory.pct)} of last cycle's total`);
    if (c.votes) bits.push(`votes good ${n(c.votes.weights.good)} / fair ${n(c.votes.weights.fair)} / poor ${n(c.votes.weights.poor)} ÷ ${c.votes.divisor} × ${n(c.votes.scale)}`);
    if (c.gradePoints) bits.push(`grade points ${levelsText(c.gradePoints, ', ')}`);
    if (c.countsIn || c.kind === 'evaluation') bits.push(`counts in ${(c.countsIn ?? ['cycle']).join('/')} totals only`);
    out.push(`  - ${c.name}: ${bits.join(', ')}`);
    if (c.entries.length) out.push(`    entries: ${c.entries.map((e) => `${e.name} ${n(e.max)}`).join(', ')}`);
    if (c.scoreSheet) out.push(`    entry scores typed per member in the sheet ${c.scoreSheet} (every cell required, at most the entry's max); events then subtract`);
    if (c.kind === 'recorded') out.push(c.role === 'bonus' ? '    a blank cell counts 0' : '    every cell must be filled (blank = missing record)');
    for (const g of c.groups) if (g.cap !== undefined) out.push(`    group ${g.name}: cap ${n(g.cap)}`);
  }
  if (s.items.length) {
    out.push('', 'Items:');
    for (const it of s.items) {
      const p = it.veto ? 'veto' : it.zeroes ? 'entry scores 0' : it.levels ? levelsText(it.levels, ', ') : it.range ? `typed ${n(it.range.min)}–${n(it.range.max)}` : `${n(it.points ?? 0)} each`;
      const extra = [it.cap !== undefined ? `cap ${n(it.cap)}` : '', it.highestOnly ? (it.highestPer === 'category' ? 'once per category, the highest' : 'highest level only per 项目') : '', it.split ? 'split among contributors' : '', it.beyondCap ? 'beyond the cap' : ''].filter(Boolean);
      out.push(`  - ${it.name} [${it.id}] → ${componentById(s, it.component)?.name ?? it.component}: ${p}${extra.length ? ` (${extra.join(', ')})` : ''}`);
    }
  }
  if (s.vetoTypes.length) out.push('', `Veto types: ${s.vetoTypes.join(', ')}`);
  if (s.conversion) out.push('', `Conversion by evaluation grade: ${Object.entries(s.conversion.factors).map(([g, v]) => `${g} ${pct(v)}`).join(', ')}`);
  if (s.clamp) out.push(`Clamp: ${s.clamp.min ?? '−∞'} to ${s.clamp.max ?? '+∞'}`);
  out.push('', 'Bands:');
  if (s.bands.length === 0) out.push('  none (rank only)');
  if (s.directGrades) out.push('  exempt members: grade set directly by the branch meeting (名册 直接确定档次), no points, not ranked');
  for (const b of sortedBands(s.bands)) out.push(`  ${bandRange(b)} ${b.grade}${b.stars !== undefined ? ` ${starsText(b.stars, 'en')}` : ''}`);
  if (s.quota) out.push(`Quota: at most ${pct(s.quota.pct)} ${s.quota.grade} of the members who can receive it (graded categories, vetoed ones included) per ${s.quota.scope}, others ${s.quota.fallback}`);
  for (const g of s.gradeConditions) out.push(`Condition: ${g.grade} needs ${componentById(s, g.component)?.name ?? g.component} ≥ ${n(g.min)}, else ${g.fallback}`);
  if (s.awardsOneSide) out.push(`One side for 评先评优: a member whose 名册 ${s.awardsOneSide.column} is ${s.awardsOneSide.there} is graded and ranked here${s.quota ? `, but not ${s.quota.grade} and not counted in its quota` : ''}, flagged 「${s.awardsOneSide.flag}」`);
  if (s.application?.review) out.push(`积分申请表: needs ${s.application.review.label}${s.application.review.note ? ` (${s.application.review.note})` : ''}; apply enters no line of a form without it`);
  if (s.application?.entries.length) out.push(`积分申请表: a member may declare ${s.application.entries.map((k) => entryColumn(s, k)).join(', ')}; apply writes the approved points into that month's record cell when it is blank`);
  for (const o of s.overrides) out.push(`Override: ${o.type} → ${o.grade}${o.flag ? ` (${o.flag})` : ''}${o.deduct ? `; also deducts as ${o.deduct.item}${o.deduct.level ? ` (${o.deduct.level})` : ''}, entered once in either sheet` : ''}${o.during ? '; holds while the 处分 runs (日期 to 处分期至), also when dated last year and running into this cycle' : ''}`);
  for (const f of s.flags) {
    const c = [f.categories?.join('/'), f.grade && `grade ${f.grade}`, f.below !== undefined && `< ${n(f.below)}`, f.atLeast !== undefined && `≥ ${n(f.atLeast)}`, f.vetoed !== undefined && (f.vetoed ? 'vetoed' : 'not vetoed'), f.hasPointsIn && `points in ${f.hasPointsIn}`, f.evaluation && `评议等次 ${f.evaluation.join('/')}`, f.years && `${f.years} years running`].filter(Boolean);
    out.push(`Flag: ${f.flag} when ${c.join(', ') || 'always'}${f.setGrade ? `; grade becomes ${f.setGrade}` : ''}`);
  }
  for (const r of s.rankRules) out.push(`Rank: ${r.position} ${r.count}${r.by ? ` by ${r.by}` : ''} per ${r.periods.join('/')}${r.includeVetoed ? ' (vetoed members ranked at 0)' : ''}: ${r.flag}`);
  out.push('', 'Decisions (Chinese):');
  for (const d of s.decisions) out.push(`  - [${d.about}] ${d.text}`);
  return out.join('\n') + '\n';
}
