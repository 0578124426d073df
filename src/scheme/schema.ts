// The scheme language, version 1: a scheme is data (a scoring standard, a cycle,
// an aggregation rule and a grading rule). Built-in schemes and user files share it.
import { z } from 'zod';

const num = z.number().finite();
const text = z.string().min(1);

/** Free text shown by `scheme show` next to the rule it explains. */
const note = z.string().optional();

/** One sub-item of a component (学习教育 10, 信念 20 …). */
export const entrySchema = z.object({
  id: text,
  name: text,
  /** Starting points of a deduct-from-base entry; the maximum of a recorded entry. */
  max: num.nonnegative(),
  /** Floor of the entry after deductions (扣完为止 → 0). */
  min: num.default(0),
  /** Synonyms accepted as column headers in record sheets. */
  aliases: z.array(text).default([]),
  note,
}).strict();
export type Entry = z.infer<typeof entrySchema>;

export const componentKinds = ['recorded', 'deduct', 'accumulate', 'evaluation', 'tier-base'] as const;

/** A group of items inside an accumulating component with its own cap (刊物 ≤ 3). */
export const groupSchema = z.object({ id: text, name: text, cap: num.nonnegative().optional(), note }).strict();

export const componentSchema = z.object({
  id: text,
  name: text,
  /**
   * recorded   – points typed per record period (月表/季表), one column per entry, events targeting an entry subtract (R1);
   * deduct     – starts at its entries' max for the whole cycle, events subtract, floor per entry, 该项不得分 zeroes (R1);
   * accumulate – sum of events × unit points with caps (R2, R3, R4, R19);
   * evaluation – democratic evaluation: votes formula (R6), a grade → points table, or a typed score;
   * tier-base  – base points by member tier (R11), optionally from last year's total (R16).
   */
  kind: z.enum(componentKinds),
  /** score: a part of the index; bonus / deduction: the 加分项 / 扣分项 columns (deduction is subtracted). */
  role: z.enum(['score', 'bonus', 'deduction']).default('score'),
  /** Weight in the total (R5): 0.8, 0.2 … */
  weight: num.default(1),
  /** Cap on the component for the cycle (加分 ≤ 10) and per record period (季度奖励 ≤ 10). */
  cap: num.nonnegative().optional(),
  capPer: z.enum(['cycle', 'record']).default('cycle'),
  /** Floor of the component (基本指数 cannot go below 0). */
  floor: num.optional(),
  entries: z.array(entrySchema).default([]),
  groups: z.array(groupSchema).default([]),
  /** evaluation: (好×w1 + 一般×w2 + 差×w3) / divisor × scale. */
  votes: z
    .object({
      weights: z.object({ good: num, fair: num, poor: num }).strict(),
      scale: num.positive(),
      divisor: z.enum(['votes', 'voters']).default('votes'),
    })
    .optional(),
  /** evaluation: points by 评议等次. */
  gradePoints: z.record(z.string(), num).optional(),
  /** tier-base: the base comes from last year's total × pct when history has one (it-bureau 20%). */
  fromHistory: z.object({ pct: num.positive() }).strict().optional(),
  /** tier-base without tiers: a fixed base. */
  base: num.optional(),
  /**
   * deduct: the entries are scored once per cycle in a sheet of this name (a row per member, a column
   * per entry, every cell required, at most the entry's max); the typed score replaces the full max as
   * the entry's starting points and events still subtract or zero it (school 基础分, bureau 五个带头).
   */
  scoreSheet: text.optional(),
  /**
   * The kinds of period whose totals include this component. Default: every period, but an
   * evaluation only in the cycle (a year-end 评议 has no date: it cannot belong to a quarter);
   * the vanguard school variant's 评议 also counts in its half-year 评定 (['half', 'cycle']).
   */
  countsIn: z.array(z.enum(['month', 'quarter', 'half', 'cycle'])).min(1).optional(),
  note,
}).strict();
export type Component = z.infer<typeof componentSchema>;

/** A catalogue item: what an event in 加减分明细 or an application form may name. */
export const itemSchema = z.object({
  id: text,
  name: text,
  aliases: z.array(text).default([]),
  /** The component the item adds to (accumulate) or subtracts from (recorded / deduct). */
  component: text,
  /** For recorded / deduct components: the entry it subtracts from. */
  entry: text.optional(),
  group: text.optional(),
  /** Unit points (positive numbers; the component's kind decides the sign). */
  points: num.nonnegative().optional(),
  /** Points by level (R4): {"县": 2, "市": 3}. */
  levels: z.record(z.string(), num.nonnegative()).optional(),
  /** Points are typed in the event (分值) within [min, max]: "other cases ≤ 3", 平安卫士 3–5. */
  range: z.object({ min: num.nonnegative(), max: num.nonnegative() }).strict().optional(),
  /** Cap on this item per member per cycle. */
  cap: num.nonnegative().optional(),
  /** Same 项目 at several levels counts once, at its highest level (R3). */
  highestOnly: z.boolean().default(false),
  /**
   * What competes under highestOnly: rows of one 项目 (R3, default), or every row of the item or its
   * group whatever the 项目 (同类别不重复加分: one award per category per cycle, the highest).
   */
  highestPer: z.enum(['project', 'category']).default('project'),
  /** Points of one 项目 are split equally among its contributors (R19). */
  split: z.boolean().default(false),
  /** Counts on top of the component cap (县级以上 awards, it-bureau). */
  beyondCap: z.boolean().default(false),
  /** 该项不得分: the event zeroes its entry for the period. */
  zeroes: z.boolean().default(false),
  /** 一票否决: the event makes the cycle total 0 (R8). */
  veto: z.boolean().default(false),
  /** A follow-up flag an event of this item raises in its period (culture 连续六个月未交纳党费 → 按《党章》规定处理). */
  flag: text.optional(),
  note,
}).strict();
export type Item = z.infer<typeof itemSchema>;

/** Grade band (R12): min inclusive by default, max exclusive by default; open ends are omitted. */
export const bandSchema = z.object({
  grade: text,
  stars: z.number().int().min(0).max(5).optional(),
  min: num.optional(),
  minInclusive: z.boolean().default(true),
  max: num.optional(),
  maxInclusive: z.boolean().default(false),
  note,
}).strict();
export type Band = z.infer<typeof bandSchema>;

/** A flag rule: when every stated condition holds, the member gets the flag (and maybe a new grade). */
export const flagRuleSchema = z.object({
  flag: text,
  categories: z.array(text).optional(),
  grade: text.optional(),
  below: num.optional(),
  atLeast: num.optional(),
  vetoed: z.boolean().optional(),
  /** The member's 评议等次 (民主评议 sheet) is one of these (company: 基本合格 → 提醒谈话, 取消评先评优). */
  evaluation: z.array(text).optional(),
  /** Member has some points in this component (积极分子 with any bonus). */
  hasPointsIn: text.optional(),
  /** History (R16): the condition held in this and the previous years-1 cycles. */
  years: z.number().int().min(2).optional(),
  /** Set the grade to this (警示 two years → 不合格). */
  setGrade: text.optional(),
  /** This flag replaces that one when both hold (the seed's second-year rule replaces the first: 取消预备党员资格 over 延长预备期). */
  replaces: text.optional(),
  /** Only on the cycle result (default) or also on quarter/month results. */
  periods: z.array(z.enum(['month', 'quarter', 'half', 'cycle'])).default(['cycle']),
  note,
}).strict();
export type FlagRule = z.infer<typeof flagRuleSchema>;

export const rankRuleSchema = z.object({
  position: z.enum(['top', 'bottom']),
  count: z.number().int().positive(),
  flag: text,
  /** Rank by one component instead of the total (quarterly star for the top contributor). */
  by: text.optional(),
  /** Vetoed members (total 0) take part in the ranking of this rule (default: left out). */
  includeVetoed: z.boolean().default(false),
  periods: z.array(z.enum(['month', 'quarter', 'half', 'cycle'])).default(['cycle']),
  note,
}).strict();

/**
 * Where a rule comes from (R17): the seed's own sentence, quoted, and/or our decision where the seed
 * is silent or needs reading. `scheme show` prints both next to the rule.
 */
export const basisSchema = z.object({ quote: text.optional(), decision: text.optional() }).strict();
export type Basis = z.infer<typeof basisSchema>;

/**
 * A member category (R17) and how the scheme treats it: scored? graded? ranked? in the quota? which
 * follow-up flags? — each stated with the seed sentence or decision it rests on (basis).
 */
export const categorySchema = z.object({
  name: text,
  aliases: z.array(text).default([]),
  scored: z.boolean().default(true),
  graded: z.boolean().default(true),
  /** Takes part in the ranking and the rank rules (R18: 前3名, 末位5名 …); unset: as `graded`. */
  ranked: z.boolean().optional(),
  /**
   * Counted in the quota's n (R13). A quota counts everyone who can receive the capped grade, so this
   * must equal `graded` when the scheme has a quota (the loader says so); unset: as `graded`.
   */
  countsForQuota: z.boolean().optional(),
  /** The follow-up flags a member of this category can get; the loader checks them against flags, rankRules and items. */
  flags: z.array(text).optional(),
  basis: basisSchema.optional(),
}).strict();
export type Category = z.infer<typeof categorySchema>;

/** Whether a category takes part in ranking (R18): `ranked`, else as graded. */
export function isRankedCategory(c: Pick<Category, 'graded' | 'ranked'>): boolean {
  return c.ranked ?? c.graded;
}

/**
 * Members whose 积分管理 is 不参加 (exempt): how the scheme treats them, with the seed sentence. With
 * `otherScore`, the seed gives them an annual score by other means (bureau 「评定年度综合得分」, company
 * 「给予适当的年度积分」): typed in the 名册 column 另行评定得分, shown with `flag`, not ranked, no quota.
 */
export const exemptSchema = z.object({
  basis: basisSchema,
  otherScore: z.object({ flag: text, note }).strict().optional(),
}).strict();

export const schemeSchema = z.object({
  $schema: z.string().optional(),
  version: z.literal(1, { errorMap: () => ({ message: 'version-1' }) }),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id-format'),
  name: text,
  source: z.string().default(''),
  summary: z.string().default(''),
  cycle: z
    .object({
      startMonth: z.number().int().min(1).max(12).default(1),
      startDay: z.number().int().min(1).max(31).default(1),
      /** How often points are recorded in sheets: 1月…12月, 第一季度…, or only events. */
      record: z.enum(['month', 'quarter', 'none']).default('month'),
      /** How record periods combine into the cycle total (R10). */
      aggregate: z.enum(['sum', 'mean']).default('sum'),
      publishDays: z.number().int().min(1).default(7),
      /** The kinds of period that get 等次 (bands, quotas, overrides): the cycle; a school variant also each half (年中、年末). */
      gradePeriods: z.array(z.enum(['month', 'quarter', 'half', 'cycle'])).min(1).default(['cycle']),
      /**
       * Whether publishDays is the seed's minimum (不少于7天: `--days` below it is refused naming the
       * seed) or our default where the seed gives no number (any positive `--days` is accepted).
       */
      publishMinimum: z.boolean().default(true),
      note,
    })
    .default({}),
  precision: z.number().int().min(0).max(4).default(2),
  categories: z.array(categorySchema).min(1),
  tiers: z.array(z.object({ name: text, aliases: z.array(text).default([]), base: num }).strict()).default([]),
  components: z.array(componentSchema).min(1),
  items: z.array(itemSchema).default([]),
  /** Types recorded in 否决与处分 that veto the cycle (R8). */
  vetoTypes: z.array(text).default([]),
  /** Total × factor by 评议等次 (R7). */
  conversion: z.object({ factors: z.record(z.string(), num.nonnegative()), note }).strict().optional(),
  clamp: z.object({ min: num.optional(), max: num.optional(), note }).strict().optional(),
  bands: z.array(bandSchema).default([]),
  quota: z
    .object({
      grade: text,
      pct: num.positive().max(1),
      fallback: text,
      scope: z.enum(['branch', 'township']).default('branch'),
      note,
      /** The seed sentence the quota rests on, or the decision where the seed has none (the frame's sample 20%). */
      basis: basisSchema.optional(),
    })
    .optional(),
  /** Extra conditions for a grade (R14): 先锋 needs 基本指数 ≥ 75. */
  gradeConditions: z
    .array(z.object({ grade: text, component: text, min: num, fallback: text, note }).strict())
    .default([]),
  /**
   * Discipline overrides (R15): type in 否决与处分 → grade. With `deduct`, one entry does both: the
   * sanction also deducts as the catalogue item at that level, and a 加减分明细 row of that item and
   * level also counts as the sanction (agency 党纪处分: 警告 −5 and 警示党员); entered in both places it counts once.
   */
  overrides: z
    .array(z.object({
      type: text, grade: text, flag: z.string().optional(), deduct: z.object({ item: text, level: text.optional() }).strict().optional(),
      /**
       * true: the grade holds while the 处分 runs (「受…处分期间的党员」): from its 日期 to its 处分期至 (the 否决与处分
       * column the template then has). A 处分 dated before the cycle whose 处分期至 runs into it counts in the cycle.
       */
      during: z.boolean().optional(),
      note,
    }).strict())
    .default([]),
  /**
   * Exempt members (积分管理 不参加) whose grade the branch meeting sets directly (tiered-xinba:
   * 经支部全体党员大会评议后直接确定档次): typed in the 名册 column 直接确定档次, one of the band grades.
   */
  directGrades: z.object({ flag: text.default('经支部党员大会评议直接确定档次'), note }).strict().optional(),
  /**
   * 评议等次 the 民主评议 sheet accepts besides those of gradePoints, conversion and flag rules: the
   * whole list where only some grades raise a flag (company: 合格 raises none).
   */
  evaluationGrades: z.array(text).default([]),
  flags: z.array(flagRuleSchema).default([]),
  /** 不参加 (exempt) members: the seed sentence, and where it gives them a score by other means. */
  exempt: exemptSchema.optional(),
  rankRules: z.array(rankRuleSchema).default([]),
  /**
   * The seed's 积分申请表 beyond the common form (it-bureau 附件4-4): `review`, an opinion the form
   * must carry before the branch reviews it (分管领导签注意见(是否完成、完成质量)); `entries`, recorded
   * entries (componentId.entryId) a member declares on it (月任务分), which apply writes into that
   * month's record sheet.
   */
  /**
   * Members who share their result with another unit but take part in 评先评优 on one side only
   * (bureau 第一书记: 「考核结果共用,但只能参加一边评先评优」): 名册 column `column` holds `here` or
   * `there`; `there` members are graded by the bands, not in the quota grade's count or places, and flagged.
   */
  awardsOneSide: z.object({ column: text, here: text, there: text, flag: text, basis: basisSchema }).strict().optional(),
  application: z.object({
    review: z.object({ label: text, note, basis: basisSchema }).strict().optional(),
    entries: z.array(text).default([]),
  }).strict().optional(),
  decisions: z.array(z.object({ about: text, text }).strict()).default([]),
}).strict();
export type Scheme = z.infer<typeof schemeSchema>;
export type SchemeInput = z.input<typeof schemeSchema>;
