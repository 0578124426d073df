// Messages of the check step (a read ledger against its scheme and cycle): the core layer's one
// catalogue. Each code: severity, its parameters, what is wrong and what to do, in Chinese and English,
// built by the one constructor of every catalogue (`message`, diagnostics.ts).
import { type Args, type ArgsOf, type MessageDef, message } from './diagnostics.js';

type Params = Args<string>;

/**
 * A name not on the roster but one character away from one that is (胡琳文 for 胡林文): the
 * message asks 「是不是「胡林文」？」 and the fix says to correct the name — never to add it to 名册
 * (that would make a second member). `missing` names the month the roster member then has no
 * record for: that error is said here, once, not as a second unlinked RECORD_MISSING_MONTH.
 */
const guessZh = (p: Params): string => (p.guess ? `：是不是「${p.guess}」？${p.missing ? `（名册中的「${p.guess}」在 ${p.missing} 没有记录）` : ''}` : '');
const guessEn = (p: Params): string => (p.guess ? `: did you mean ${p.guess}?${p.missing ? ` (${p.guess} of 名册 has no row in ${p.missing})` : ''}` : '');
const guessFixZh = (p: Params): string => `把姓名改成「${p.guess}」，与名册一致（不要把「${p.name}」加进名册：那样会多出一个人）`;
const guessFixEn = (p: Params): string => `correct the name to ${p.guess}, as in 名册 (do not add ${p.name} to 名册: that makes a second member)`;

/** Who the 编号 and the name of a row are in 名册 (RECORD_NAME_ID_MISMATCH): `idName` unset when no member has the 编号. */
const whoZh = (p: Params): string => [p.idName !== undefined ? `名册中编号 ${p.id} 是「${p.idName}」` : `名册中没有编号 ${p.id}`, ...(p.otherName !== undefined ? [`「${p.otherName}」的编号是 ${p.otherId ?? '（空）'}`] : [])].join('，');
const whoEn = (p: Params): string => [p.idName !== undefined ? `编号 ${p.id} is ${p.idName} in 名册` : `名册 has no 编号 ${p.id}`, ...(p.otherName !== undefined ? [`${p.otherName} has 编号 ${p.otherId ?? '(none)'}`] : [])].join(', ');

export const CHECK_MESSAGES = {
  LEDGER_OTHER_SCHEME: message('error', ['found', 'want'], (p) => `台账「说明」写的方案是「${p.found}」，本次按「${p.want}」计分`, (p) => `the 说明 sheet names scheme ${p.found}, but ${p.want} is used`, (p) => `确认方案：改「说明」表的方案为 ${p.want}，或用 --scheme ${p.found}`, (p) => `fix 说明 or pass --scheme ${p.found}`),
  LEDGER_OTHER_YEAR: message('error', ['found', 'want'], (p) => `台账「说明」写的年度是 ${p.found}，本次处理 ${p.want} 年度`, (p) => `the 说明 sheet says cycle ${p.found}, not ${p.want}`, (p) => `确认年度：改「说明」表的年度，或换用 ${p.found} 年度的台账`, () => 'fix the year in 说明 or use the right ledger'),
  MEMBER_DUPLICATE: message('error', ['count', 'name'], (p) => `名册中有 ${p.count} 个「${p.name}」且没有编号区分`, (p) => `${p.count} members named ${p.name} without 编号`, () => '给重名党员填上不同的编号，并在各月表和明细中填写编号', () => 'give each a distinct 编号 and use it in every sheet'),
  MEMBER_BAD_CATEGORY: message('error', ['found', 'options'], (p) => `党员类别「${p.found}」不是本方案的类别`, (p) => `category ${p.found} is not in the scheme`, (p) => `改为以下之一：${p.options}`, (p) => `use one of: ${p.options}`),
  MEMBER_NO_TIER: message('error', ['name', 'options'], (p) => `「${p.name}」没有填写层次（本方案按层次确定基础分）`, (p) => `${p.name} has no tier (the scheme's base depends on it)`, (p) => `在名册「层次」列填写：${p.options}`, (p) => `fill 层次 with one of: ${p.options}`),
  MEMBER_BAD_TIER: message('error', ['found', 'options'], (p) => `层次「${p.found}」不是本方案的层次`, (p) => `tier ${p.found} is not in the scheme`, (p) => `改为以下之一：${p.options}`, (p) => `use one of: ${p.options}`),
  MEMBER_BAD_DATES: message('error', ['name'], (p) => `「${p.name}」的转出日期早于转入日期`, (p) => `${p.name}: transfer-out before transfer-in`, () => '核对转入、转出日期', () => 'check both dates'),
  RECORD_UNKNOWN_MEMBER: message('error', ['guess', 'missing', 'name'], (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名是否写错；新转入的党员请先加入名册并填写转入日期'), (p) => (p.guess ? guessFixEn(p) : 'check the name, or add the member to 名册')),
  RECORD_NAME_ID_MISMATCH: message('error', ['id', 'name', 'idName', 'otherName', 'otherId'], (p) => `姓名「${p.name}」与编号「${p.id}」不是同一名党员：${whoZh(p)}`, (p) => `the name ${p.name} and the 编号 ${p.id} are not one member: ${whoEn(p)}`, () => '核对这一行的姓名和编号，改成名册中同一名党员的姓名和编号（不按编号或姓名猜是谁）', () => 'check the name and 编号 of this row and make them one member of 名册 (score does not guess which is meant)'),
  RECORD_DUPLICATE_ROW: message('error', ['first', 'name', 'sheet'], (p) => `「${p.name}」在 ${p.sheet} 有两行记录（另一行在 ${p.first}），不知道按哪一行计分`, (p) => `${p.name} has two rows in ${p.sheet} (the other at ${p.first}); which one counts is unknown`, () => '删去多余的一行，或把两行合并成一行（一名党员每期只填一行）', () => 'delete the extra row, or merge both into one (one row per member per period)'),
  RECORD_AMBIGUOUS: message('error', ['name'], (p) => `名册中有多个「${p.name}」，这一行没有编号，无法确定是谁`, (p) => `several members named ${p.name}; this row has no 编号`, () => '在这一行填写编号', () => 'fill 编号 on this row'),
  RECORD_MISSING_MONTH: message('error', ['name', 'sheet'], (p) => `「${p.name}」缺少 ${p.sheet} 的记录`, (p) => `${p.name} has no row in ${p.sheet}`, (p) => `在「${p.sheet}」表补上这名党员的一行；如已转出或不参加积分，请在名册填写转出日期或「不参加」`, () => 'add the row, or record the transfer / exemption in 名册'),
  RECORD_NOT_RECORDED: message('error', ['cycle', 'example', 'months', 'period', 'periodEn', 'why', 'whyEn'], (p) => `${p.period}需要 ${p.months} 的记录，还没有填写（${p.why}）`, (p) => `${p.periodEn} needs ${p.months}, not recorded yet (${p.whyEn})`, (p) => (p.cycle === 'yes' ? `全年评定需要周期内每个月的记录：请补齐 ${p.months}${p.example ? `；年中只计算已经记录的期间时，在命令中写明这个期间：--period ${p.example}` : ''}` : `补齐 ${p.months} 的记录${p.example ? `，或只计算已经记录的期间（在命令中写明：--period ${p.example}）` : ''}`), (p) => (p.cycle === 'yes' ? `a cycle grade needs every month: fill ${p.months}${p.example ? `; mid-year, compute only the period recorded by naming it: --period ${p.example}` : ''}` : `fill ${p.months}${p.example ? `, or compute only the period recorded (name it: --period ${p.example})` : ''}`)),
  PERIOD_LATER_ROWS: message('warning', ['count', 'first', 'period', 'periodEn'], (p) => `有 ${p.count} 条记录的日期在${p.period}之后（${p.first} 起），本期不计`, (p) => `${p.count} rows are dated after ${p.periodEn} (from ${p.first}); not counted in this period`, () => '无需修改：计算之后的期间时会计入', () => 'nothing to do: they count in the later periods'),
  RECORD_BLANK_MONTHS: message('error', ['before', 'months', 'name', 'side'], (p) => (p.side === 'after' ? `「${p.name}」${p.months} 的分数都是空的（${p.before} 及以前有分数）` : `「${p.name}」${p.months} 的分数都是空的（${p.before} 起有分数）`), (p) => `${p.name}: every score of ${p.months} is blank`, (p) => (p.side === 'after' ? `如果已转出，在名册填写「转出日期」（${p.before} 的最后一天或实际日期），这几个月就不计入；没有转出则补填这几个月的分数` : `如果是年中转入，在名册填写「转入日期」，之前的月份就不计入；否则补填这几个月的分数`), (p) => (p.side === 'after' ? `if the member left, fill 转出日期 in 名册 and these months do not count; otherwise enter their scores` : `if the member joined in the year, fill 转入日期 in 名册; otherwise enter their scores`)),
  RECORD_BLANK: message('error', ['entry', 'max', 'name'], (p) => `「${p.name}」的「${p.entry}」没有填写`, (p) => `${p.name}: ${p.entry} is blank`, (p) => `填写 0–${p.max} 之间的分数`, (p) => `enter a score between 0 and ${p.max}`),
  RECORD_ABOVE_MAX: message('error', ['entry', 'found', 'max'], (p) => `「${p.entry}」${p.found} 分，超过该项满分 ${p.max}`, (p) => `${p.entry} ${p.found} is above its maximum ${p.max}`, (p) => `改为不超过 ${p.max} 的分数`, (p) => `enter at most ${p.max}`),
  RECORD_BELOW_MIN: message('error', ['entry', 'found', 'min'], (p) => `「${p.entry}」${p.found} 分，低于该项下限 ${p.min}（扣完为止）`, (p) => `${p.entry} ${p.found} is below its floor ${p.min}`, (p) => `改为不低于 ${p.min} 的分数`, (p) => `enter at least ${p.min}`),
  RECORD_CAP_EXCEEDED: message('warning', ['cap', 'component', 'found', 'name', 'sheet'], (p) => `「${p.name}」${p.sheet}的${p.component}合计 ${p.found} 分，超过每期上限 ${p.cap} 分，按 ${p.cap} 分计`, (p) => `${p.name}, ${p.sheet}: ${p.component} adds up to ${p.found}, over its limit of ${p.cap} a period; counted as ${p.cap}`, () => '无需修改；如属录入错误请核对各项分数', () => 'nothing to do unless it is a typing error'),
  SUMMARY_CYCLE_ONLY: message('error', ['period', 'periodEn'], (p) => `评分汇总表只有全年合计，没有每月记录，算不出${p.period}的积分`, (p) => `a 评分汇总表 holds the year's totals only, no months: ${p.periodEn} cannot be computed`, () => '按年度评定（不加 --period，或 --period 写年份）；月度、季度积分需要支部报送积分台账', () => 'grade the year (no --period, or the year); a month or quarter needs the branch\'s ledger'),
  CARD_BONUS_UNUSED: message('error', ['found'], (p) => `积分管理记录表的“加分项”填了 ${p.found} 分，但本方案没有（唯一的）加分部分可以记入`, (p) => `加分项 of the record form (积分管理记录表) holds ${p.found}, but this scheme has no (single) bonus part to add it to`, () => '把加分按事项登记在《加减分明细》（事项写明是哪一种加分），这一格空着', () => 'enter the bonus by item in 加减分明细 and leave this cell empty'),
  CARD_BONUS_TWICE: message('warning', ['found', 'items', 'name', 'sheet'], (p) => `「${p.name}」${p.sheet}的加分项填了 ${p.found} 分，《加减分明细》又登记了同月的加分「${p.items}」：两处都计入，同一加分可能计了两次`, (p) => `${p.name}, ${p.sheet}: the 加分项 column holds ${p.found} and 加减分明细 also logs a bonus that month (${p.items}); both count`, () => '同一加分只登记一处：加分项列（只写分数）或《加减分明细》（写明事项）；如确是两件事，可不改', () => 'enter a bonus in one place only: the 加分项 column or 加减分明细; ignore if they are two matters'),
  RECORD_PART_ZEROES: message('error', ['item', 'part', 'sheet'], (p) => `「${p.item}」使这一项不得分，但${p.sheet}的记录卡只填了「${p.part}」的合计，不知道这一项原来是多少分`, (p) => `${p.item} makes its item score 0, but the card of ${p.sheet} gives only the total of ${p.part}: the item's points are unknown`, (p) => `在记录卡上把「${p.part}」分成各项的列填写（score template --layout card），或核对这条明细`, () => 'split the part into its items on the card (score template --layout card), or check this row'),
  RECORD_TOTAL_MISMATCH: message('error', ['found', 'want'], (p) => `合计写的是 ${p.found}，各项之和是 ${p.want}`, (p) => `合计 says ${p.found}, the entries add up to ${p.want}`, () => '改正合计，或改用公式 =SUM(…)；score 按各项重新计算', () => 'fix the total or use a SUM formula'),
  RECORD_NOT_ON_ROLL: message('warning', ['name', 'sheet'], (p) => `「${p.name}」在 ${p.sheet} 不在册（转入前或转出后），这一行不计入`, (p) => `${p.name} was not on the roll in ${p.sheet}; row ignored`, () => '核对名册中的转入、转出日期', () => 'check the transfer dates in 名册'),
  EVENT_UNKNOWN_MEMBER: message('error', ['guess', 'missing', 'name'], (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名，或先把该党员加入名册'), (p) => (p.guess ? guessFixEn(p) : 'check the name or add the member to 名册')),
  EVENT_UNKNOWN_ITEM: message('error', ['found', 'options'], (p) => `事项「${p.found}」不在本方案的计分标准中`, (p) => `item ${p.found} is not in the scheme`, (p) => `改为计分标准中的事项，例如：${p.options}（完整列表见本方案的计分标准）`, (p) => `use an item of the scheme, e.g. ${p.options}`),
  EVENT_UNKNOWN_LEVEL: message('error', ['found', 'item', 'options'], (p) => `事项「${p.item}」没有「${p.found || '（空）'}」这个级别`, (p) => `item ${p.item} has no level ${p.found}`, (p) => `级别填写：${p.options}`, (p) => `use one of: ${p.options}`),
  EVENT_NEEDS_POINTS: message('error', ['item', 'max', 'min'], (p) => `事项「${p.item}」的分值要按情节认定，本行没有填写分值`, (p) => `item ${p.item} needs 分值`, (p) => `在「分值」列填写 ${p.min}–${p.max} 之间的分数`, (p) => `enter 分值 between ${p.min} and ${p.max}`),
  EVENT_SPLIT_AGAIN: message('warning', ['first', 'item', 'name', 'project'], (p) => `「${p.name}」的「${p.item}」项目「${p.project}」已在 ${p.first} 登记过：平分奖励每名参与者每个项目只计一份，本行不再计分`, (p) => `${p.name}: ${p.item} project ${p.project} is already entered at ${p.first}; a shared award pays each contributor once per project, so this row is not counted`, () => '同一项目每名参与者只登记一行；确属另一个项目的，在“项目”列写明不同的项目名称', () => 'enter one row per contributor and project; if it is another project, give it its own 项目 name'),
  ITEM_CAP_EXCEEDED: message('warning', ['cap', 'counted', 'found', 'item', 'name'], (p) => `「${p.name}」的「${p.item}」本周期合计 ${p.found} 分，超过该事项每周期最多 ${p.cap} 分：本行只计 ${p.counted} 分`, (p) => `${p.name}: ${p.item} adds up to ${p.found} this cycle, over its limit of ${p.cap} a cycle; this row counts ${p.counted}`, () => '无需修改：该事项按全年（周期）计分，多登记的行不再加分；如属录入错误请删去多余的行', () => 'nothing to do: the item is valued per cycle; delete extra rows if they are typing errors'),
  EVENT_POINTS_RANGE: message('error', ['found', 'item', 'max', 'min'], (p) => `事项「${p.item}」的分值 ${p.found} 不在 ${p.min}–${p.max} 之间`, (p) => `item ${p.item}: 分值 ${p.found} outside ${p.min}–${p.max}`, (p) => `改为 ${p.min}–${p.max} 之间的分数`, (p) => `enter ${p.min}–${p.max}`),
  EVENT_POINTS_MISMATCH: message('error', ['found', 'item', 'want'], (p) => `分值写的是 ${p.found}，按计分标准「${p.item}」应为 ${p.want}`, (p) => `分值 ${p.found}, but ${p.item} is worth ${p.want}`, (p) => `改为 ${p.want}，或留空由 score 按标准计算`, (p) => `enter ${p.want} or leave it blank`),
  EVENT_NO_DATE: message('error', [], () => '日期没有填写或无法识别', () => 'date missing or unreadable', () => '填写日期，例如 2023-03-05', () => 'enter a date such as 2023-03-05'),
  EVENT_OUTSIDE_CYCLE: message('error', ['cycle', 'end', 'found', 'start'], (p) => `日期 ${p.found} 不在 ${p.cycle} 积分周期（${p.start} 至 ${p.end}）内`, (p) => `date ${p.found} is outside cycle ${p.cycle} (${p.start}–${p.end})`, () => '核对日期；上一周期的事项请记入上一年度台账', () => 'check the date'),
  EVENT_BAD_COUNT: message('error', ['found'], (p) => `次数 ${p.found} 不是正整数`, (p) => `count ${p.found} is not a positive whole number`, () => '次数填写 1、2、3 …', () => 'enter 1, 2, 3 …'),
  EVENT_NOT_ON_ROLL: message('warning', ['date', 'name'], (p) => `${p.date} 时「${p.name}」不在册（转入前或转出后）`, (p) => `${p.name} was not on the roll on ${p.date}`, () => '核对日期和名册中的转入、转出日期', () => 'check the dates'),
  CAP_EXCEEDED: message('warning', ['cap', 'component', 'found', 'name'], (p) => `「${p.name}」的${p.component}合计 ${p.found} 分，超过上限 ${p.cap} 分，按 ${p.cap} 分计`, (p) => `${p.name}: ${p.component} ${p.found} exceeds the cap ${p.cap}; counted as ${p.cap}`, () => '无需修改；如属录入错误请核对明细', () => 'nothing to do unless it is a typing error'),
  EVAL_UNKNOWN_MEMBER: message('error', ['guess', 'missing', 'name'], (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名'), (p) => (p.guess ? guessFixEn(p) : 'check the name')),
  EVAL_VOTES_EXCEED: message('error', ['found', 'voters'], (p) => `好、一般、差共 ${p.found} 票，超过参评人数 ${p.voters}`, (p) => `${p.found} votes exceed ${p.voters} voters`, () => '核对票数和参评人数', () => 'check the votes and the number of voters'),
  EVAL_NO_VOTERS: message('error', ['name', 'votes'], (p) => `「${p.name}」有 ${p.votes} 张评议票，但参评人数没有填写：评议分按“÷ 参加测评人数”计算，无法确定（不按票数代替）`, (p) => `${p.name} has ${p.votes} votes but no number of voters: the score is divided by the number who took part, which is unknown (the votes are not used instead)`, () => '填写参加测评的人数（不少于好、一般、差的票数之和）', () => 'enter the number of members who took part (at least the sum of the votes)'),
  EVAL_BAD_GRADE: message('error', ['found', 'options'], (p) => `评议等次「${p.found}」无法识别`, (p) => `evaluation grade ${p.found} unknown`, (p) => `填写：${p.options}`, (p) => `use one of: ${p.options}`),
  EVAL_MISSING: message('error', ['how', 'name', 'what'], (p) => `「${p.name}」没有民主评议结果：缺少${p.what}，年度积分和等次无法确定（不按 0 分或 100% 计）`, (p) => `${p.name} has no democratic evaluation: ${p.what} is missing, so the cycle total and grade cannot be set`, (p) => `在「民主评议」表为该党员填写${p.how}。民主评议按年度进行：只计算某个季度或月份的积分时不需要它（在命令中用 --period 写明季度或月份）`, (p) => `fill the member's row in 民主评议 (${p.how}). The evaluation is yearly: a quarter or a month needs none (name it with --period)`),
  EVENT_SIGN_MISMATCH: message('error', ['item', 'typed', 'want', 'wantEn'], (p) => `事项「${p.item}」是${p.want}，分数却填在“${p.typed}”列`, (p) => `item ${p.item} is a ${p.wantEn}, but its points are in the ${p.typed} column`, (p) => `把分数移到“${p.want}”列，或改正事项`, (p) => `move the points to the ${p.want} column, or correct the item`),
  EVENT_NO_PROJECT: message('error', ['count', 'item', 'name'], (p) => `「${p.name}」有 ${p.count} 行「${p.item}」，这一行没有填写项目：同一项目只按最高级计分一次，不同项目分别计分，无法判断`, (p) => `${p.name} has ${p.count} rows of ${p.item} and this one has no 项目: one 项目 counts once at its highest level, different ones count each`, () => '在「项目」列填写表彰（奖励）的项目名称；同一项目的多级表彰填写相同的名称', () => 'fill 项目; give the rows of one project the same name'),
  DEDUCTION_TWICE: message('warning', ['entry', 'found', 'items', 'logged', 'max', 'name', 'sheet', 'short'], (p) => `「${p.name}」${p.sheet}「${p.entry}」填了 ${p.found} 分（满分 ${p.max}，已少 ${p.short} 分），「加减分明细」又登记了同期的「${p.items}」扣 ${p.logged} 分：程序会再扣一次，同一扣分可能计了两次`, (p) => `${p.name}, ${p.sheet}: ${p.entry} is ${p.found} of ${p.max} and 加减分明细 also logs ${p.items} (−${p.logged}) in that period; it is taken off again`, () => '月（季）表按满分填写，扣分只登记在「加减分明细」（程序自动从当期该项扣除）；如月表中少的分是另一件事，可不改', () => 'type full points in the month sheet and log deductions only in 加减分明细; ignore if the shortfall is another matter'),
  MEMBER_BAD_OTHER_SCORE: message('error', ['found', 'name', 'why'], (p) => `「${p.name}」的另行评定得分 ${p.found} ${p.why === 'scheme' ? '：本方案没有另行评定得分（原文没有给不参加积分管理的党员另行评定得分）' : p.why === 'participates' ? '只给不参加积分管理的党员填写' : '不能为负数'}`, (p) => `${p.name}: 另行评定得分 ${p.found} ${p.why === 'scheme' ? 'is not used by this scheme' : p.why === 'participates' ? 'is only for members not taking part' : 'cannot be negative'}`, (p) => (p.why === 'scheme' ? '清空此栏' : p.why === 'participates' ? '参加积分的党员按积分计分：清空此栏，或在“积分管理”填“不参加”' : '填写党组织评定的得分（0 或以上）'), (p) => (p.why === 'scheme' ? 'clear the cell' : p.why === 'participates' ? 'clear it, or set 积分管理 to 不参加' : 'type the score (0 or more)')),
  MEMBER_BAD_AWARDS_SIDE: message('error', ['column', 'found', 'name', 'options'], (p) => (p.options ? `「${p.name}」的${p.column}「${p.found}」无法识别` : `「${p.name}」填了${p.column}「${p.found}」：本方案没有“只能参加一边评先评优”的规定`), (p) => (p.options ? `${p.name}: ${p.column} ${p.found} is not an option` : `${p.name}: ${p.column} ${p.found} is not used by this scheme`), (p) => (p.options ? `改为以下之一：${p.options}（不是驻村第一书记等共用考核结果的党员，此栏不填）` : '清空此栏'), (p) => (p.options ? `use one of: ${p.options}` : 'clear the cell')),
  MEMBER_BAD_DIRECT_GRADE: message('error', ['exempt', 'found', 'name', 'options'], (p) => `「${p.name}」的直接确定档次「${p.found}」${p.exempt ? '不是本方案的档次' : '只给不参加积分管理的党员填写'}`, (p) => `${p.name}: 直接确定档次 ${p.found} ${p.exempt ? 'is not a grade of the scheme' : 'is only for members not taking part'}`, (p) => (p.exempt ? `改为以下之一：${p.options}` : '参加积分的党员按积分评定档次：清空此栏，或在“积分管理”填“不参加”'), (p) => (p.exempt ? `use one of: ${p.options}` : 'clear it, or set 积分管理 to 不参加')),
  SANCTION_UNKNOWN_MEMBER: message('error', ['guess', 'missing', 'name'], (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名'), (p) => (p.guess ? guessFixEn(p) : 'check the name')),
  SANCTION_UNKNOWN_TYPE: message('error', ['found', 'options'], (p) => `类型「${p.found}」看不出是哪一种一票否决情形或处分`, (p) => `type ${p.found} names no veto or discipline case of the scheme`, (p) => `类型改写为以下之一（情节写在“说明”列）：${p.options}；不影响计分的事项不要登记在本表`, (p) => `write one of these as the type (details in 说明): ${p.options}; do not enter what has no effect here`),
  SANCTION_ALSO_EVENT: message('warning', ['event', 'name', 'type'], (p) => `「${p.name}」的「${p.type}」在《否决与处分》和《加减分明细》（${p.event}）都登记了：只扣一次分、只改一次等次`, (p) => `${p.name}: ${p.type} is entered both in 否决与处分 and in 加减分明细 (${p.event}); counted once`, () => '一处登记即可：处分登记在《否决与处分》，扣分和等次都会按方案执行；删去《加减分明细》中的这一行', () => 'enter it once, in 否决与处分 (it deducts and overrides)'),
  SANCTION_OUTSIDE_CYCLE: message('error', ['cycle', 'found'], (p) => `日期 ${p.found} 不在 ${p.cycle} 积分周期内`, (p) => `date ${p.found} is outside cycle ${p.cycle}`, () => '核对日期', () => 'check the date'),
  SANCTION_NEEDS_END: message('error', ['cycle', 'found', 'name', 'start', 'type'], (p) => `「${p.name}」的「${p.type}」日期 ${p.found} 在 ${p.cycle} 积分周期之前，没有填写处分期至：无法确定本周期是否仍在处分期间`, (p) => `${p.name}: ${p.type} dated ${p.found}, before cycle ${p.cycle}, has no 处分期至: whether it still runs in this cycle is unknown`, (p) => `在“处分期至”填写处分期满的日期（按处分决定）；处分期延续到 ${p.start} 以后的，本周期按处分期间计`, (p) => `enter the last day of the 处分 in 处分期至; if it runs past ${p.start}, it counts in this cycle`),
  SANCTION_ENDED_BEFORE: message('warning', ['cycle', 'found', 'name', 'start', 'type'], (p) => `「${p.name}」的「${p.type}」处分期至 ${p.found}，在 ${p.cycle} 积分周期开始（${p.start}）之前已满：本周期不计`, (p) => `${p.name}: ${p.type} ran until ${p.found}, before cycle ${p.cycle} began (${p.start}); not counted in this cycle`, () => '无需修改；如处分期至写错，请改正', () => 'nothing to do unless the date is wrong'),
  SANCTION_BAD_END: message('error', ['date', 'found'], (p) => `处分期至 ${p.found} 早于处分日期 ${p.date}`, (p) => `处分期至 ${p.found} is before the 处分 date ${p.date}`, () => '核对处分日期和处分期至', () => 'check both dates'),
  SANCTION_END_NOT_USED: message('warning', ['types', 'found', 'type'], (p) => `「${p.type}」不按处分期间计（按处分期间计的只有：${p.types}），处分期至 ${p.found} 不起作用`, (p) => `${p.type} does not run for a 处分 period; 处分期至 ${p.found} has no effect`, () => '清空处分期至，或核对类型', () => 'clear 处分期至, or check the type'),
};

/** Every code of the check step: a code outside this union does not compile where it is made. */
export type CheckCode = keyof typeof CHECK_MESSAGES;

/** Earlier results a rule needs and the batch does not have: said once per missing cycle, not at a cell. */
export const HISTORY_MESSAGES = {
  HISTORY_NOT_FOUND: message(
    'warning',
    ['year', 'count', 'of', 'rules', 'rulesEn', 'names', 'namesEn'],
    (p) => (p.count === p.of ? `${p.year} 年结果未找到：${p.rules}未使用` : `${p.year} 年结果中没有 ${p.names}${Number(p.count) > 5 ? ` 等 ${p.count} 人` : ''}：${p.rules}对${p.count === 1 ? '其' : `这 ${p.count} 人`}未使用`),
    (p) => (p.count === p.of ? `no results of ${p.year} found: ${p.rulesEn} not applied` : `${p.count} of ${p.of} members have no ${p.year} result (${p.namesEn}${Number(p.count) > 5 ? ', …' : ''}): ${p.rulesEn} not applied to them`),
    (p) => `把 ${p.year} 年度 score grade 写出的评定结果放进 --history 文件夹；第一个年度用 --no-history`,
    (p) => `put the ${p.year} results score grade wrote in the --history folder; for a first year use --no-history`,
  ),
};

const none = (): string => '';

/**
 * Why `score apply` enters a line of a 积分申请表 or not (core/check/claims.ts): printed in apply's
 * table and written beside each line. A refusal says what to do in its text; the fix is empty.
 */
export const CLAIM_MESSAGES = {
  CLAIM_MEMBER_AMBIGUOUS: message('error', ['name'], (p) => `名册中有多个「${p.name}」，无法确定是谁`, (p) => `several members named ${p.name}`, none, none),
  CLAIM_MEMBER_UNKNOWN: message('error', ['name'], (p) => `「${p.name}」不在该支部名册中`, (p) => `${p.name} is not on the roster`, none, none),
  CLAIM_NO_REVIEW: message('error', ['label', 'note', 'who'], (p) => `申请表没有${p.label}（${p.note ?? ''}）：按方案须由${p.who}签注意见后交支部审核，签注后再录入`, (p) => `the form has no ${p.label}: the scheme needs it before the branch reviews the claims`, none, none),
  CLAIM_ITEM_UNKNOWN: message('error', ['item'], (p) => `事项「${p.item}」不在计分标准中`, (p) => `item ${p.item} is not in the scheme`, none, none),
  CLAIM_MONTH_UNREADABLE: message('error', [], () => '申报月份无法识别', () => 'unreadable month', none, none),
  CLAIM_MONTH_OUTSIDE: message('error', ['year', 'start', 'end'], (p) => `申报月份不在 ${p.year} 积分周期（${p.start} 至 ${p.end}）内`, (p) => `month outside cycle ${p.year}`, none, none),
  CLAIM_COUNT_INVALID: message('error', [], () => '次数应为正整数', () => 'count must be a positive whole number', none, none),
  CLAIM_LEVEL_UNKNOWN: message('error', ['item', 'level', 'levels'], (p) => `「${p.item}」没有「${p.level ?? ''}」级别，可选：${p.levels}`, (p) => `${p.item} has no level ${p.level ?? ''}`, none, none),
  CLAIM_NEEDS_POINTS: message('error', ['item', 'min', 'max'], (p) => `「${p.item}」需要填写认定分值（${p.min}–${p.max}）`, (p) => `${p.item} needs points`, none, none),
  CLAIM_POINTS_RANGE: message('error', ['value', 'min', 'max'], (p) => `分值 ${p.value} 不在 ${p.min}–${p.max} 之间`, (p) => `points ${p.value} outside range`, none, none),
  CLAIM_NO_POINTS: message('error', ['item'], (p) => `「${p.item}」无法确定分值`, (p) => `${p.item}: no points`, none, none),
  CLAIM_TWICE: message('error', ['form', 'row'], (p) => `与 ${p.form} 第${p.row}行重复（姓名、事项、级别、项目、月份、次数相同），只录入一次`, (p) => `the same line as ${p.form} row ${p.row}: entered once`, none, none),
  CLAIM_ALREADY_MARKED: message('warning', ['at', 'mark', 'sheet', 'cell'], (p) => `已录入：台账${p.at}就是这一行（${p.mark}），不再录入`, (p) => `already entered: ledger ${p.sheet} ${p.cell} came from this row`, none, none),
  CLAIM_ALREADY_TYPED: message('warning', ['at', 'sheet', 'cell'], (p) => `已录入：台账${p.at}已有同一条（姓名、事项、级别、项目、月份、次数相同），不再录入`, (p) => `already entered: ledger ${p.sheet} ${p.cell} holds the same line`, none, none),
  CLAIM_MATCHES: message('warning', [], () => '符合计分标准', () => 'matches the scheme', none, none),
  CLAIM_FIXED_POINTS: message('warning', ['asked', 'want', 'item', 'times'], (p) => `申报 ${p.asked} 分，按计分标准认定 ${p.want} 分（「${p.item}」${p.times ? `${p.times} 次` : ''}为固定分值）`, (p) => `claimed ${p.asked}, granted ${p.want} as the scheme fixes for ${p.item}`, none, none),
  CLAIM_CAPPED: message('warning', ['component', 'cap', 'before'], (p) => `「${p.component}」年度上限 ${p.cap} 分，超出部分不计（已有 ${p.before} 分）`, (p) => `${p.component} is capped at ${p.cap} (already ${p.before})`, none, none),
  CLAIM_ENTERED_CAPPED: message('warning', ['component', 'cap', 'before'], (p) => `录入；「${p.component}」年度上限 ${p.cap} 分，超出部分不计（已有 ${p.before} 分）`, (p) => `entered; ${p.component} is capped at ${p.cap} (already ${p.before})`, none, none),
  // A declared record entry (it-bureau 月任务分), filled into that month's record cell.
  CLAIM_ENTRY_TWICE: message('error', ['form', 'row', 'entry'], (p) => `与 ${p.form} 第${p.row}行申报同一个月的「${p.entry}」，只录入一次`, (p) => `the same month's ${p.entry} as ${p.form} row ${p.row}: entered once`, none, none),
  CLAIM_ENTRY_RANGE: message('error', ['entry', 'value', 'min', 'max'], (p) => `「${p.entry}」分值 ${p.value} 不在 ${p.min}–${p.max} 之间`, (p) => `${p.entry} ${p.value} outside ${p.min}–${p.max}`, none, none),
  CLAIM_ENTRY_NO_ROW: message('error', ['name', 'entry'], (p) => `台账中没有「${p.name}」这个月的记录行（填写“${p.entry}”的一行）：请先在月表中加上这名党员，再录入`, (p) => `the ledger has no record row of ${p.name} for that month to fill ${p.entry}`, none, none),
  CLAIM_ENTRY_ALREADY: message('warning', ['at', 'value'], (p) => `已录入：台账${p.at}已填 ${p.value} 分，不再录入`, (p) => `already entered: ledger ${p.at} holds ${p.value}`, none, none),
  CLAIM_ENTRY_DIFFERENT: message('error', ['at', 'had', 'value'], (p) => `台账${p.at}已填 ${p.had} 分，与认定的 ${p.value} 分不同：不改动，请核对后在台账中改正`, (p) => `ledger ${p.at} holds ${p.had}, not ${p.value}: left as it is`, none, none),
  CLAIM_ENTRY_FILLED: message('warning', ['at', 'entry'], (p) => `填入台账${p.at}「${p.entry}」`, (p) => `filled into ledger ${p.at} (${p.entry})`, none, none),
};

/** Every code of an apply decision. */
export type ClaimCode = keyof typeof CLAIM_MESSAGES;

/** An apply decision's reason, in both languages, from its entry. */
export function claimReason<K extends ClaimCode>(code: K, params: ArgsOf<(typeof CLAIM_MESSAGES)[K]>): { zh: string; en: string } {
  const def = CLAIM_MESSAGES[code] as MessageDef<string>;
  return { zh: def.zh(params), en: def.en(params) };
}
