// The rule primitives every scheme is built from (R1 … R20): the codes `explain` cites before each
// step, with what they mean in words a clerk reads. docs/schemes.md is generated from these and
// from the built-in schemes (npm run docs), so the reference cannot drift from the program.
export interface RuleText {
  code: string;
  zh: string;
  en: string;
}

export const RULES: readonly RuleText[] = [
  { code: 'R1', zh: '从满分扣起：一项从满分开始，按事项扣分，扣完为止（不低于下限）；“该项不得分”的事项使该项为 0', en: 'deduct from the base: an item starts at its full points and events subtract, never below its floor; an “item scores 0” event zeroes it' },
  { code: 'R2', zh: '累计记分：各月记分相加，或事项按次数 × 分值累计，有单项、类别和周期上限', en: 'accumulate: points recorded per period, or events × unit points, with caps per item, per category and per cycle' },
  { code: 'R3', zh: '同一项目在不同级别获表彰的，只按最高级别计分，不累计', en: 'the same project at several levels counts once, at its highest level' },
  { code: 'R4', zh: '按级别计分：国家/中央、省、市、县/区、乡/镇、支部等各有分值', en: 'points by level: national, province, city, county, township, branch …' },
  { code: 'R5', zh: '加权合计：各部分按权重相加（如 8:2、测评得分 × 20%）', en: 'weighted total: parts added with weights (8:2, evaluation × 20%)' },
  { code: 'R6', zh: '民主评议得分：(好票 × 权重 + 一般票 × 权重 + 差票 × 权重) ÷ 票数 × 分值，或按评议等次、直接填写的得分', en: 'democratic evaluation: (good × w1 + fair × w2 + poor × w3) / votes × scale, or points by evaluation grade, or a typed score' },
  { code: 'R7', zh: '按评议等次折算总分（如 优秀 100%、合格 90%、基本合格 85%、不合格 80%）', en: 'the total converted by evaluation grade (100 %, 90 %, 85 %, 80 %)' },
  { code: 'R8', zh: '一票否决：发生规定情形的，本周期总分为 0', en: 'veto: the listed cases make the cycle total 0' },
  { code: 'R9', zh: '总分限定在上下限之内（如 百分制：超过 100 分的按 100 分计）', en: 'the total is clamped to [min, max] (e.g. at most 100)' },
  { code: 'R10', zh: '期间汇总：各月相加、月平均、季平均，周期起止日；总分只在最后四舍五入一次', en: 'period totals: sum or mean of months, mean of quarters, the cycle start; the total is rounded once, at the end' },
  { code: 'R11', zh: '分层：按党员所在层次（职务、年龄、流动党员等）给基础分', en: 'tiers: base points by the member’s tier (post, age, migrant …)' },
  { code: 'R12', zh: '等次和星级：按分数段评定，分数段首尾相接、不重叠', en: 'grades and stars by score bands; bands neither overlap nor leave gaps' },
  { code: 'R13', zh: '名额：最高等次不超过参评人数的一定比例，按排名取，名额线上并列的注明', en: 'quota: at most N % in the top grade, by rank; ties at the line are stated' },
  { code: 'R14', zh: '等次的附加条件（如 先锋党员的基本指数须达到 75 分）', en: 'extra conditions for a grade (e.g. 基本指数 ≥ 75)' },
  { code: 'R15', zh: '受党纪处分的按规定定等次（如 警告 → 警示，留党察看 → 不合格）', en: 'discipline sets the grade (e.g. warning → 警示, probation → 不合格)' },
  { code: 'R16', zh: '连续年度规则和往年结果：连续两年不合格等；下一年度基础分取上年度总分', en: 'history: consecutive-year rules; next year’s base from last year’s total' },
  { code: 'R17', zh: '党员类别：正式党员、预备党员、入党积极分子、不参加积分管理——谁评定等次、各有什么标记', en: 'member categories: full, probationary, activist, exempt — who is graded and which flags each gets' },
  { code: 'R18', zh: '排名规则：前几名表扬、后几名谈话；季度之星', en: 'rank rules: the top N praised, the bottom N talked to; the quarter’s star' },
  { code: 'R19', zh: '多人共同完成的项目，分值由参与者平分', en: 'a shared award is split equally among its contributors' },
  { code: 'R20', zh: '缺少记录：某月没有记录是错误，除非名册写明该党员转入、转出或不参加', en: 'missing data: a month with no record is an error unless the roster says the member joined, left or is exempt' },
];
