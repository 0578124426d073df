// Step "check": a read ledger against its scheme and cycle. Returns every problem at once
// (never throws), each with a stable code, the cell, what is wrong and what to do.
import type { Scheme } from '../scheme/schema.js';
import { catalogueOf, evaluationGrades, MemberIndex } from './catalogue.js';
import { activeMonths, belowHighest, blankIsZero, cardBonusComponent, eventUnitPoints, projectKey } from './compute.js';
import { cycleOf, cyclePeriod, monthIndexOf, monthPeriod, periodTitle, recordIndices, recordSheetNames, sheetRun, type Cycle, type Period } from './cycle.js';
import { add as plus, compare, dec, maxDec, minDec, sum, times, ZERO, type Dec } from './decimal.js';
import { makeDiagnostic, type Catalogue as Messages, type Diagnostic, type Params } from './diagnostics.js';
import { fieldCell, recordCell, type Ledger, type Member, type SourceRef } from './model.js';
import { norm } from './text.js';
import { checkDoubleDeductions, checkEvaluations, checkOncePerMember, checkProjects, unmatched, type Add } from './check-inputs.js';
import { checkLinkedSanctions, checkScores } from './check-forms.js';

const m = (severity: 'error' | 'warning', zh: (p: Params) => string, en: (p: Params) => string, fixZh: (p: Params) => string, fixEn: (p: Params) => string) => ({ severity, zh, en, fixZh, fixEn });

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

export const CHECK_MESSAGES = {
  LEDGER_OTHER_SCHEME: m('error', (p) => `台账「说明」写的方案是「${p.found}」，本次按「${p.want}」计分`, (p) => `the 说明 sheet names scheme ${p.found}, but ${p.want} is used`, (p) => `确认方案：改「说明」表的方案为 ${p.want}，或用 --scheme ${p.found}`, (p) => `fix 说明 or pass --scheme ${p.found}`),
  LEDGER_OTHER_YEAR: m('error', (p) => `台账「说明」写的年度是 ${p.found}，本次处理 ${p.want} 年度`, (p) => `the 说明 sheet says cycle ${p.found}, not ${p.want}`, (p) => `确认年度：改「说明」表的年度，或换用 ${p.found} 年度的台账`, () => 'fix the year in 说明 or use the right ledger'),
  MEMBER_DUPLICATE: m('error', (p) => `名册中有 ${p.count} 个「${p.name}」且没有编号区分`, (p) => `${p.count} members named ${p.name} without 编号`, () => '给重名党员填上不同的编号，并在各月表和明细中填写编号', () => 'give each a distinct 编号 and use it in every sheet'),
  MEMBER_BAD_CATEGORY: m('error', (p) => `党员类别「${p.found}」不是本方案的类别`, (p) => `category ${p.found} is not in the scheme`, (p) => `改为以下之一：${p.options}`, (p) => `use one of: ${p.options}`),
  MEMBER_NO_TIER: m('error', (p) => `「${p.name}」没有填写层次（本方案按层次确定基础分）`, (p) => `${p.name} has no tier (the scheme's base depends on it)`, (p) => `在名册「层次」列填写：${p.options}`, (p) => `fill 层次 with one of: ${p.options}`),
  MEMBER_BAD_TIER: m('error', (p) => `层次「${p.found}」不是本方案的层次`, (p) => `tier ${p.found} is not in the scheme`, (p) => `改为以下之一：${p.options}`, (p) => `use one of: ${p.options}`),
  MEMBER_BAD_DATES: m('error', (p) => `「${p.name}」的转出日期早于转入日期`, (p) => `${p.name}: transfer-out before transfer-in`, () => '核对转入、转出日期', () => 'check both dates'),
  RECORD_UNKNOWN_MEMBER: m('error', (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名是否写错；新转入的党员请先加入名册并填写转入日期'), (p) => (p.guess ? guessFixEn(p) : 'check the name, or add the member to 名册')),
  RECORD_NAME_ID_MISMATCH: m('error', (p) => `姓名「${p.name}」与编号「${p.id}」不是同一名党员：${p.who}`, (p) => `the name ${p.name} and the 编号 ${p.id} are not one member: ${p.whoEn}`, () => '核对这一行的姓名和编号，改成名册中同一名党员的姓名和编号（不按编号或姓名猜是谁）', () => 'check the name and 编号 of this row and make them one member of 名册 (score does not guess which is meant)'),
  RECORD_DUPLICATE_ROW: m('error', (p) => `「${p.name}」在 ${p.sheet} 有两行记录（另一行在 ${p.first}），不知道按哪一行计分`, (p) => `${p.name} has two rows in ${p.sheet} (the other at ${p.first}); which one counts is unknown`, () => '删去多余的一行，或把两行合并成一行（一名党员每期只填一行）', () => 'delete the extra row, or merge both into one (one row per member per period)'),
  RECORD_AMBIGUOUS: m('error', (p) => `名册中有多个「${p.name}」，这一行没有编号，无法确定是谁`, (p) => `several members named ${p.name}; this row has no 编号`, () => '在这一行填写编号', () => 'fill 编号 on this row'),
  RECORD_MISSING_MONTH: m('error', (p) => `「${p.name}」缺少 ${p.sheet} 的记录`, (p) => `${p.name} has no row in ${p.sheet}`, (p) => `在「${p.sheet}」表补上这名党员的一行；如已转出或不参加积分，请在名册填写转出日期或「不参加」`, () => 'add the row, or record the transfer / exemption in 名册'),
  RECORD_NOT_RECORDED: m('error', (p) => `${p.period}需要 ${p.months} 的记录，还没有填写（${p.why}）`, (p) => `${p.periodEn} needs ${p.months}, not recorded yet (${p.whyEn})`, (p) => (p.cycle === 'yes' ? `全年评定需要周期内每个月的记录：请补齐 ${p.months}${p.example ? `；年中请按已记录的期间计算，例如 --period ${p.example}` : ''}` : `补齐 ${p.months} 的记录${p.example ? `，或按已记录的期间计算，例如 --period ${p.example}` : ''}`), (p) => (p.cycle === 'yes' ? `a cycle grade needs every month: fill ${p.months}${p.example ? `, or use a recorded period such as --period ${p.example}` : ''}` : `fill ${p.months}${p.example ? `, or use a recorded period such as --period ${p.example}` : ''}`)),
  PERIOD_LATER_ROWS: m('warning', (p) => `有 ${p.count} 条记录的日期在${p.period}之后（${p.first} 起），本期不计`, (p) => `${p.count} rows are dated after ${p.periodEn} (from ${p.first}); not counted in this period`, () => '无需修改：计算之后的期间时会计入', () => 'nothing to do: they count in the later periods'),
  RECORD_BLANK_MONTHS: m('error', (p) => (p.side === 'after' ? `「${p.name}」${p.months} 的分数都是空的（${p.before} 及以前有分数）` : `「${p.name}」${p.months} 的分数都是空的（${p.before} 起有分数）`), (p) => `${p.name}: every score of ${p.months} is blank`, (p) => (p.side === 'after' ? `如果已转出，在名册填写「转出日期」（${p.before} 的最后一天或实际日期），这几个月就不计入；没有转出则补填这几个月的分数` : `如果是年中转入，在名册填写「转入日期」，之前的月份就不计入；否则补填这几个月的分数`), (p) => (p.side === 'after' ? `if the member left, fill 转出日期 in 名册 and these months do not count; otherwise enter their scores` : `if the member joined in the year, fill 转入日期 in 名册; otherwise enter their scores`)),
  RECORD_BLANK: m('error', (p) => `「${p.name}」的「${p.entry}」没有填写`, (p) => `${p.name}: ${p.entry} is blank`, (p) => `填写 0–${p.max} 之间的分数`, (p) => `enter a score between 0 and ${p.max}`),
  RECORD_ABOVE_MAX: m('error', (p) => `「${p.entry}」${p.found} 分，超过该项满分 ${p.max}`, (p) => `${p.entry} ${p.found} is above its maximum ${p.max}`, (p) => `改为不超过 ${p.max} 的分数`, (p) => `enter at most ${p.max}`),
  RECORD_BELOW_MIN: m('error', (p) => `「${p.entry}」${p.found} 分，低于该项下限 ${p.min}（扣完为止）`, (p) => `${p.entry} ${p.found} is below its floor ${p.min}`, (p) => `改为不低于 ${p.min} 的分数`, (p) => `enter at least ${p.min}`),
  RECORD_CAP_EXCEEDED: m('warning', (p) => `「${p.name}」${p.sheet}的${p.component}合计 ${p.found} 分，超过每期上限 ${p.cap} 分，按 ${p.cap} 分计`, (p) => `${p.name}, ${p.sheet}: ${p.component} adds up to ${p.found}, over its limit of ${p.cap} a period; counted as ${p.cap}`, () => '无需修改；如属录入错误请核对各项分数', () => 'nothing to do unless it is a typing error'),
  SUMMARY_CYCLE_ONLY: m('error', (p) => `评分汇总表只有全年合计，没有每月记录，算不出${p.period}的积分`, (p) => `a 评分汇总表 holds the year's totals only, no months: ${p.periodEn} cannot be computed`, () => '按年度评定（不加 --period，或 --period 写年份）；月度、季度积分需要支部报送积分台账', () => 'grade the year (no --period, or the year); a month or quarter needs the branch\'s ledger'),
  CARD_BONUS_UNUSED: m('error', (p) => `记录卡的加分项填了 ${p.found} 分，但本方案没有（唯一的）加分部分可以记入`, (p) => `the card's 加分项 holds ${p.found}, but this scheme has no (single) bonus part to add it to`, () => '把加分按事项登记在《加减分明细》（事项写明是哪一种加分），这一格空着', () => 'enter the bonus by item in 加减分明细 and leave this cell empty'),
  CARD_BONUS_TWICE: m('warning', (p) => `「${p.name}」${p.sheet}的记录卡加分项填了 ${p.found} 分，《加减分明细》又登记了同月的加分「${p.items}」：两处都计入，同一加分可能计了两次`, (p) => `${p.name}, ${p.sheet}: the card's 加分项 holds ${p.found} and 加减分明细 also logs a bonus that month (${p.items}); both count`, () => '同一加分只登记一处：记录卡的加分项（只写分数）或《加减分明细》（写明事项）；如确是两件事，可不改', () => 'enter a bonus in one place only: the card\'s 加分项 or 加减分明细; ignore if they are two matters'),
  RECORD_PART_ZEROES: m('error', (p) => `「${p.item}」使这一项不得分，但${p.sheet}的记录卡只填了「${p.part}」的合计，不知道这一项原来是多少分`, (p) => `${p.item} makes its item score 0, but the card of ${p.sheet} gives only the total of ${p.part}: the item's points are unknown`, (p) => `在记录卡上把「${p.part}」分成各项的列填写（score template --layout card），或核对这条明细`, () => 'split the part into its items on the card (score template --layout card), or check this row'),
  RECORD_TOTAL_MISMATCH: m('error', (p) => `合计写的是 ${p.found}，各项之和是 ${p.want}`, (p) => `合计 says ${p.found}, the entries add up to ${p.want}`, () => '改正合计，或改用公式 =SUM(…)；score 按各项重新计算', () => 'fix the total or use a SUM formula'),
  RECORD_NOT_ON_ROLL: m('warning', (p) => `「${p.name}」在 ${p.sheet} 不在册（转入前或转出后），这一行不计入`, (p) => `${p.name} was not on the roll in ${p.sheet}; row ignored`, () => '核对名册中的转入、转出日期', () => 'check the transfer dates in 名册'),
  EVENT_UNKNOWN_MEMBER: m('error', (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名，或先把该党员加入名册'), (p) => (p.guess ? guessFixEn(p) : 'check the name or add the member to 名册')),
  EVENT_UNKNOWN_ITEM: m('error', (p) => `事项「${p.found}」不在本方案的计分标准中`, (p) => `item ${p.found} is not in the scheme`, (p) => `改为计分标准中的事项，例如：${p.options}（完整列表见本方案的计分标准）`, (p) => `use an item of the scheme, e.g. ${p.options}`),
  EVENT_UNKNOWN_LEVEL: m('error', (p) => `事项「${p.item}」没有「${p.found || '（空）'}」这个级别`, (p) => `item ${p.item} has no level ${p.found}`, (p) => `级别填写：${p.options}`, (p) => `use one of: ${p.options}`),
  EVENT_NEEDS_POINTS: m('error', (p) => `事项「${p.item}」的分值要按情节认定，本行没有填写分值`, (p) => `item ${p.item} needs 分值`, (p) => `在「分值」列填写 ${p.min}–${p.max} 之间的分数`, (p) => `enter 分值 between ${p.min} and ${p.max}`),
  EVENT_SPLIT_AGAIN: m('warning', (p) => `「${p.name}」的「${p.item}」项目「${p.project}」已在 ${p.first} 登记过：平分奖励每名参与者每个项目只计一份，本行不再计分`, (p) => `${p.name}: ${p.item} project ${p.project} is already entered at ${p.first}; a shared award pays each contributor once per project, so this row is not counted`, () => '同一项目每名参与者只登记一行；确属另一个项目的，在“项目”列写明不同的项目名称', () => 'enter one row per contributor and project; if it is another project, give it its own 项目 name'),
  ITEM_CAP_EXCEEDED: m('warning', (p) => `「${p.name}」的「${p.item}」本周期合计 ${p.found} 分，超过该事项每周期最多 ${p.cap} 分：本行只计 ${p.counted} 分`, (p) => `${p.name}: ${p.item} adds up to ${p.found} this cycle, over its limit of ${p.cap} a cycle; this row counts ${p.counted}`, () => '无需修改：该事项按全年（周期）计分，多登记的行不再加分；如属录入错误请删去多余的行', () => 'nothing to do: the item is valued per cycle; delete extra rows if they are typing errors'),
  EVENT_POINTS_RANGE: m('error', (p) => `事项「${p.item}」的分值 ${p.found} 不在 ${p.min}–${p.max} 之间`, (p) => `item ${p.item}: 分值 ${p.found} outside ${p.min}–${p.max}`, (p) => `改为 ${p.min}–${p.max} 之间的分数`, (p) => `enter ${p.min}–${p.max}`),
  EVENT_POINTS_MISMATCH: m('error', (p) => `分值写的是 ${p.found}，按计分标准「${p.item}」应为 ${p.want}`, (p) => `分值 ${p.found}, but ${p.item} is worth ${p.want}`, (p) => `改为 ${p.want}，或留空由 score 按标准计算`, (p) => `enter ${p.want} or leave it blank`),
  EVENT_NO_DATE: m('error', () => '日期没有填写或无法识别', () => 'date missing or unreadable', () => '填写日期，例如 2023-03-05', () => 'enter a date such as 2023-03-05'),
  EVENT_OUTSIDE_CYCLE: m('error', (p) => `日期 ${p.found} 不在 ${p.cycle} 积分周期（${p.start} 至 ${p.end}）内`, (p) => `date ${p.found} is outside cycle ${p.cycle} (${p.start}–${p.end})`, () => '核对日期；上一周期的事项请记入上一年度台账', () => 'check the date'),
  EVENT_BAD_COUNT: m('error', (p) => `次数 ${p.found} 不是正整数`, (p) => `count ${p.found} is not a positive whole number`, () => '次数填写 1、2、3 …', () => 'enter 1, 2, 3 …'),
  EVENT_NOT_ON_ROLL: m('warning', (p) => `${p.date} 时「${p.name}」不在册（转入前或转出后）`, (p) => `${p.name} was not on the roll on ${p.date}`, () => '核对日期和名册中的转入、转出日期', () => 'check the dates'),
  CAP_EXCEEDED: m('warning', (p) => `「${p.name}」的${p.component}合计 ${p.found} 分，超过上限 ${p.cap} 分，按 ${p.cap} 分计`, (p) => `${p.name}: ${p.component} ${p.found} exceeds the cap ${p.cap}; counted as ${p.cap}`, () => '无需修改；如属录入错误请核对明细', () => 'nothing to do unless it is a typing error'),
  EVAL_UNKNOWN_MEMBER: m('error', (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名'), (p) => (p.guess ? guessFixEn(p) : 'check the name')),
  EVAL_VOTES_EXCEED: m('error', (p) => `好、一般、差共 ${p.found} 票，超过参评人数 ${p.voters}`, (p) => `${p.found} votes exceed ${p.voters} voters`, () => '核对票数和参评人数', () => 'check the votes and the number of voters'),
  EVAL_NO_VOTERS: m('error', (p) => `「${p.name}」有 ${p.votes} 张评议票，但参评人数没有填写：评议分按“÷ 参加测评人数”计算，无法确定（不按票数代替）`, (p) => `${p.name} has ${p.votes} votes but no number of voters: the score is divided by the number who took part, which is unknown (the votes are not used instead)`, () => '填写参加测评的人数（不少于好、一般、差的票数之和）', () => 'enter the number of members who took part (at least the sum of the votes)'),
  EVAL_BAD_GRADE: m('error', (p) => `评议等次「${p.found}」无法识别`, (p) => `evaluation grade ${p.found} unknown`, (p) => `填写：${p.options}`, (p) => `use one of: ${p.options}`),
  EVAL_MISSING: m('error', (p) => `「${p.name}」没有民主评议结果：缺少${p.what}，年度积分和等次无法确定（不按 0 分或 100% 计）`, (p) => `${p.name} has no democratic evaluation: ${p.what} is missing, so the cycle total and grade cannot be set`, (p) => `在「民主评议」表为该党员填写${p.how}；只算季度或月度时用 --period`, (p) => `fill the member's row in 民主评议 (${p.how}); for a quarter or month use --period`),
  EVENT_SIGN_MISMATCH: m('error', (p) => `事项「${p.item}」是${p.want}，分数却填在“${p.typed}”列`, (p) => `item ${p.item} is a ${p.wantEn}, but its points are in the ${p.typed} column`, (p) => `把分数移到“${p.want}”列，或改正事项`, (p) => `move the points to the ${p.want} column, or correct the item`),
  EVENT_NO_PROJECT: m('error', (p) => `「${p.name}」有 ${p.count} 行「${p.item}」，这一行没有填写项目：同一项目只按最高级计分一次，不同项目分别计分，无法判断`, (p) => `${p.name} has ${p.count} rows of ${p.item} and this one has no 项目: one 项目 counts once at its highest level, different ones count each`, () => '在「项目」列填写表彰（奖励）的项目名称；同一项目的多级表彰填写相同的名称', () => 'fill 项目; give the rows of one project the same name'),
  DEDUCTION_TWICE: m('warning', (p) => `「${p.name}」${p.sheet}「${p.entry}」填了 ${p.found} 分（满分 ${p.max}，已少 ${p.short} 分），「加减分明细」又登记了同期的「${p.items}」扣 ${p.logged} 分：程序会再扣一次，同一扣分可能计了两次`, (p) => `${p.name}, ${p.sheet}: ${p.entry} is ${p.found} of ${p.max} and 加减分明细 also logs ${p.items} (−${p.logged}) in that period; it is taken off again`, () => '月（季）表按满分填写，扣分只登记在「加减分明细」（程序自动从当期该项扣除）；如月表中少的分是另一件事，可不改', () => 'type full points in the month sheet and log deductions only in 加减分明细; ignore if the shortfall is another matter'),
  MEMBER_BAD_OTHER_SCORE: m('error', (p) => `「${p.name}」的另行评定得分 ${p.found} ${p.why === 'scheme' ? '：本方案没有另行评定得分（原文没有给不参加积分管理的党员另行评定得分）' : p.why === 'participates' ? '只给不参加积分管理的党员填写' : '不能为负数'}`, (p) => `${p.name}: 另行评定得分 ${p.found} ${p.why === 'scheme' ? 'is not used by this scheme' : p.why === 'participates' ? 'is only for members not taking part' : 'cannot be negative'}`, (p) => (p.why === 'scheme' ? '清空此栏' : p.why === 'participates' ? '参加积分的党员按积分计分：清空此栏，或在“积分管理”填“不参加”' : '填写党组织评定的得分（0 或以上）'), (p) => (p.why === 'scheme' ? 'clear the cell' : p.why === 'participates' ? 'clear it, or set 积分管理 to 不参加' : 'type the score (0 or more)')),
  MEMBER_BAD_AWARDS_SIDE: m('error', (p) => (p.options ? `「${p.name}」的${p.column}「${p.found}」无法识别` : `「${p.name}」填了${p.column}「${p.found}」：本方案没有“只能参加一边评先评优”的规定`), (p) => (p.options ? `${p.name}: ${p.column} ${p.found} is not an option` : `${p.name}: ${p.column} ${p.found} is not used by this scheme`), (p) => (p.options ? `改为以下之一：${p.options}（不是驻村第一书记等共用考核结果的党员，此栏不填）` : '清空此栏'), (p) => (p.options ? `use one of: ${p.options}` : 'clear the cell')),
  MEMBER_BAD_DIRECT_GRADE: m('error', (p) => `「${p.name}」的直接确定档次「${p.found}」${p.exempt ? '不是本方案的档次' : '只给不参加积分管理的党员填写'}`, (p) => `${p.name}: 直接确定档次 ${p.found} ${p.exempt ? 'is not a grade of the scheme' : 'is only for members not taking part'}`, (p) => (p.exempt ? `改为以下之一：${p.options}` : '参加积分的党员按积分评定档次：清空此栏，或在“积分管理”填“不参加”'), (p) => (p.exempt ? `use one of: ${p.options}` : 'clear it, or set 积分管理 to 不参加')),
  SANCTION_UNKNOWN_MEMBER: m('error', (p) => `「${p.name}」不在名册中${guessZh(p)}`, (p) => `${p.name} is not on the roster${guessEn(p)}`, (p) => (p.guess ? guessFixZh(p) : '核对姓名'), (p) => (p.guess ? guessFixEn(p) : 'check the name')),
  SANCTION_UNKNOWN_TYPE: m('error', (p) => `类型「${p.found}」看不出是哪一种一票否决情形或处分`, (p) => `type ${p.found} names no veto or discipline case of the scheme`, (p) => `类型改写为以下之一（情节写在“说明”列）：${p.options}；不影响计分的事项不要登记在本表`, (p) => `write one of these as the type (details in 说明): ${p.options}; do not enter what has no effect here`),
  SANCTION_ALSO_EVENT: m('warning', (p) => `「${p.name}」的「${p.type}」在《否决与处分》和《加减分明细》（${p.event}）都登记了：只扣一次分、只改一次等次`, (p) => `${p.name}: ${p.type} is entered both in 否决与处分 and in 加减分明细 (${p.event}); counted once`, () => '一处登记即可：处分登记在《否决与处分》，扣分和等次都会按方案执行；删去《加减分明细》中的这一行', () => 'enter it once, in 否决与处分 (it deducts and overrides)'),
  SANCTION_OUTSIDE_CYCLE: m('error', (p) => `日期 ${p.found} 不在 ${p.cycle} 积分周期内`, (p) => `date ${p.found} is outside cycle ${p.cycle}`, () => '核对日期', () => 'check the date'),
  SANCTION_NEEDS_END: m('error', (p) => `「${p.name}」的「${p.type}」日期 ${p.found} 在 ${p.cycle} 积分周期之前，没有填写处分期至：无法确定本周期是否仍在处分期间`, (p) => `${p.name}: ${p.type} dated ${p.found}, before cycle ${p.cycle}, has no 处分期至: whether it still runs in this cycle is unknown`, (p) => `在“处分期至”填写处分期满的日期（按处分决定）；处分期延续到 ${p.start} 以后的，本周期按处分期间计`, (p) => `enter the last day of the 处分 in 处分期至; if it runs past ${p.start}, it counts in this cycle`),
  SANCTION_ENDED_BEFORE: m('warning', (p) => `「${p.name}」的「${p.type}」处分期至 ${p.found}，在 ${p.cycle} 积分周期开始（${p.start}）之前已满：本周期不计`, (p) => `${p.name}: ${p.type} ran until ${p.found}, before cycle ${p.cycle} began (${p.start}); not counted in this cycle`, () => '无需修改；如处分期至写错，请改正', () => 'nothing to do unless the date is wrong'),
  SANCTION_BAD_END: m('error', (p) => `处分期至 ${p.found} 早于处分日期 ${p.date}`, (p) => `处分期至 ${p.found} is before the 处分 date ${p.date}`, () => '核对处分日期和处分期至', () => 'check both dates'),
  SANCTION_END_NOT_USED: m('warning', (p) => `「${p.type}」不按处分期间计（${p.during}），处分期至 ${p.found} 不起作用`, (p) => `${p.type} does not run for a 处分 period; 处分期至 ${p.found} has no effect`, () => '清空处分期至，或核对类型', () => 'clear 处分期至, or check the type'),
} satisfies Messages;

/** Every code of the check step: a code outside this union does not compile where it is made. */
export type CheckCode = keyof typeof CHECK_MESSAGES;

export interface CheckOptions {
  year: number;
  /** Whether the scheme was chosen with --scheme (then a different 说明 scheme is an error). */
  schemeFromOption?: boolean;
  /**
   * The period asked for (default: the cycle). The ledger is checked up to its end: months after
   * it are not yet recorded (blank or absent sheets are fine, and not read); rows dated after it are noted.
   * Only the cycle's result needs the year-end 民主评议 (EVAL_MISSING).
   */
  period?: Period;
  /** false: the year-end inputs are not asked for even for the cycle (apply, during the year). */
  yearEnd?: boolean;
}

export function validateLedger(scheme: Scheme, ledger: Ledger, opts: CheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cat = catalogueOf(scheme);
  const cycle = cycleOf(opts.year, scheme.cycle);
  const add = (code: string, place: SourceRef, params: Params = {}, value?: unknown): void => {
    // `add` is shared with check-inputs/check-forms as `Add` (code: string); test/architecture/codes.test.ts
    // checks every code those modules pass is a CheckCode.
    out.push(makeDiagnostic(CHECK_MESSAGES, code as CheckCode, place, params, value));
  };
  const info: SourceRef = { file: ledger.file, sheet: '说明' };
  if (ledger.schemeId && ledger.schemeId !== scheme.id) add('LEDGER_OTHER_SCHEME', info, { found: ledger.schemeId, want: scheme.id });
  if (ledger.cycleYear !== undefined && ledger.cycleYear !== opts.year) add('LEDGER_OTHER_YEAR', info, { found: ledger.cycleYear, want: opts.year });

  const index = MemberIndex.of(ledger.members);
  for (const group of index.duplicates()) {
    if (group.some((x) => !x.id)) add('MEMBER_DUPLICATE', group[1]!.source, { name: group[0]!.name, count: group.length });
  }
  const categoryNames = scheme.categories.map((c) => c.name).join('、');
  const tierNames = scheme.tiers.map((t) => t.name).join('、');
  for (const mem of ledger.members) {
    if (!cat.category(mem.category)) add('MEMBER_BAD_CATEGORY', mem.source, { found: mem.category, options: categoryNames }, mem.category);
    if (scheme.tiers.length > 0 && mem.participates) {
      if (!mem.tier) add('MEMBER_NO_TIER', mem.source, { name: mem.name, options: tierNames });
      else if (!cat.tier(mem.tier)) add('MEMBER_BAD_TIER', mem.source, { found: mem.tier, options: tierNames }, mem.tier);
    }
    if (mem.joined && mem.left && mem.left < mem.joined) add('MEMBER_BAD_DATES', mem.source, { name: mem.name });
    if (mem.otherScore) {
      const why = !scheme.exempt?.otherScore ? 'scheme' : mem.participates ? 'participates' : mem.otherScore.isNegative() ? 'negative' : '';
      if (why) add('MEMBER_BAD_OTHER_SCORE', mem.source, { name: mem.name, found: mem.otherScore.toString(), why }, mem.otherScore.toString());
    }
    if (mem.awardsSide) {
      const side = scheme.awardsOneSide;
      if (!side || ![side.here, side.there].includes(mem.awardsSide.trim())) add('MEMBER_BAD_AWARDS_SIDE', mem.source, { name: mem.name, found: mem.awardsSide, column: side?.column ?? '评先评优', options: side ? `${side.here}、${side.there}` : '' }, mem.awardsSide);
    }
    if (scheme.directGrades && mem.directGrade) {
      const grades = [...new Set(scheme.bands.map((b) => b.grade))];
      if (mem.participates || !grades.includes(mem.directGrade.trim())) add('MEMBER_BAD_DIRECT_GRADE', mem.source, { name: mem.name, found: mem.directGrade, exempt: mem.participates ? '' : '1', options: grades.join('、') }, mem.directGrade);
    }
  }

  const period = opts.period ?? cyclePeriod(cycle);
  if (ledger.annual) checkAnnual(scheme, ledger, cycle, period, index, add);
  else checkRecords(scheme, ledger, cycle, period, index, add);
  checkScores(scheme, ledger, index, add);
  checkEvents(scheme, ledger, cycle, period, index, add);
  laterRows(ledger, cycle, period, add);
  checkProjects(scheme, ledger, cycle, index, add);
  checkOncePerMember(scheme, ledger, cycle, index, add);
  checkDoubleDeductions(scheme, ledger, cycle, index, add);
  if (ledger.records.some((r) => r.bonus || r.parts)) checkCardRows(scheme, ledger, cycle, index, add);
  if (scheme.cycle.gradePeriods.includes(period.kind) && opts.yearEnd !== false) checkEvaluations(scheme, ledger, cycle, index, add, period);

  const known = evaluationGrades(scheme);
  for (const e of ledger.evaluations) {
    const found = index.resolve(e.name, e.id);
    if (!found.member) unmatched(add, found, 'EVAL_UNKNOWN_MEMBER', e.source, e.name, nearMember(ledger.members, e.name)?.name);
    const votes = sum([e.good ?? ZERO, e.fair ?? ZERO, e.poor ?? ZERO]);
    if (!e.voters && !votes.isZero() && scheme.components.some((c) => c.kind === 'evaluation' && c.votes?.divisor === 'voters')) add('EVAL_NO_VOTERS', fieldCell(e, 'voters'), { name: e.name, votes: votes.toString() });
    if (e.voters && compare(votes, e.voters) > 0) add('EVAL_VOTES_EXCEED', fieldCell(e, 'voters'), { found: votes.toString(), voters: e.voters.toString() });
    if (e.grade && known.length > 0 && !known.includes(e.grade.trim())) add('EVAL_BAD_GRADE', fieldCell(e, 'grade'), { found: e.grade, options: known.join('、') }, e.grade);
  }
  const effective = [...scheme.vetoTypes, ...scheme.overrides.map((o) => o.type)];
  for (const s of ledger.sanctions) {
    const found = index.resolve(s.name, s.id);
    if (!found.member) unmatched(add, found, 'SANCTION_UNKNOWN_MEMBER', s.source, s.name, nearMember(ledger.members, s.name)?.name);
    if (!cat.isVetoType(s.type) && !cat.override(s.type)) add('SANCTION_UNKNOWN_TYPE', fieldCell(s, 'type'), { found: s.type, options: effective.join('、') || '（本方案无）' }, s.type);
    checkSanctionDates(cat, s, cycle, scheme, add);
  }
  checkLinkedSanctions(scheme, ledger, index, add);
  return out;
}



/**
 * A 评分汇总表 sent as the input (Ledger.annual): graded for the cycle only (a month or quarter needs
 * the months: SUMMARY_CYCLE_ONLY at the file); each member once, each part filled and within its
 * entries' maxima together, 加分项 not negative; a roster member without a row is missing.
 */
function checkAnnual(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): void {
  const rows = ledger.annual ?? [];
  const sheet = rows[0]?.source.sheet ?? '评分汇总表';
  if (period.kind !== 'cycle') add('SUMMARY_CYCLE_ONLY', { file: ledger.file, sheet }, { period: periodTitle(cycle, period), periodEn: period.label });
  const recorded = scheme.components.filter((c) => c.kind === 'recorded');
  const seen = new Map<string, SourceRef>();
  for (const r of rows) {
    const found = index.resolve(r.name, r.id);
    const member = found.member;
    if (!member) {
      unmatched(add, found, 'RECORD_UNKNOWN_MEMBER', r.source, r.name);
      continue;
    }
    const first = seen.get(member.key);
    if (first) {
      add('RECORD_DUPLICATE_ROW', r.source, { name: member.name, sheet, first: `${first.sheet ?? ''} ${first.cell ?? ''}`.trim() }, r.name);
      continue;
    }
    seen.set(member.key, r.source);
    for (const c of recorded) {
      const keys = r.parts?.includes(c.id) ? [{ key: c.id, name: c.name, max: sum(c.entries.map((e) => dec(e.max))), min: sum(c.entries.map((e) => dec(e.min))) }] : c.entries.map((e) => ({ key: `${c.id}.${e.id}`, name: e.name, max: dec(e.max), min: dec(e.min) }));
      for (const k of keys) {
        const v = r.values[k.key];
        if (v === null || v === undefined) {
          if (member.participates && r.columns?.[k.key]) add('RECORD_BLANK', recordCell(r, k.key), { name: r.name, entry: k.name, max: k.max.toString() });
          continue;
        }
        if (compare(v, k.max) > 0) add('RECORD_ABOVE_MAX', recordCell(r, k.key), { entry: k.name, found: v.toString(), max: k.max.toString() }, v.toString());
        else if (compare(v, k.min) < 0) add('RECORD_BELOW_MIN', recordCell(r, k.key), { entry: k.name, found: v.toString(), min: k.min.toString() }, v.toString());
      }
    }
    if (r.bonus?.isNegative()) add('RECORD_BELOW_MIN', recordCell(r, 'bonus'), { entry: '加分项', found: r.bonus.toString(), min: 0 }, r.bonus.toString());
  }
  for (const mem of ledger.members) {
    if (mem.participates && !seen.has(mem.key) && activeMonths(mem, cycle).length > 0) add('RECORD_MISSING_MONTH', { file: ledger.file, sheet }, { name: mem.name, sheet });
  }
}

/**
 * A card's own columns against 加减分明细: a bonus in the card's 加分项 and a bonus row logged in the
 * same month both count (CARD_BONUS_TWICE, a warning at both); an 该项不得分 row aimed at a part the
 * card gives by its total cannot be applied (RECORD_PART_ZEROES, an error at the row).
 */
function checkCardRows(scheme: Scheme, ledger: Ledger, cycle: Cycle, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  const sheets = recordSheetNames(cycle, scheme.cycle.record);
  const periodOf = (date: string): number => {
    const month = monthIndexOf(cycle, date);
    return month < 0 ? -1 : scheme.cycle.record === 'quarter' ? Math.floor(month / 3) : month;
  };
  const rows = new Map<string, (typeof ledger.records)[number]>();
  for (const r of ledger.records) {
    const { member } = index.resolve(r.name, r.id);
    if (member) rows.set(`${member.key}\u0000${r.period}`, r);
  }
  const bonus = cardBonusComponent(scheme);
  const twice = new Map<(typeof ledger.records)[number], typeof ledger.events>();
  for (const ev of ledger.events) {
    const item = cat.item(ev.item);
    if (!item || !ev.date) continue;
    const { member } = index.resolve(ev.name, ev.id);
    const r = member ? rows.get(`${member.key}\u0000${periodOf(ev.date)}`) : undefined;
    if (!r) continue;
    if (r.bonus && item.component === bonus?.id) twice.set(r, [...(twice.get(r) ?? []), ev]);
    if (item.zeroes && item.entry && r.parts?.includes(item.component)) {
      const part = scheme.components.find((c) => c.id === item.component)!;
      add('RECORD_PART_ZEROES', ev.source, { item: item.name, sheet: sheets[r.period], part: part.name }, ev.item);
    }
  }
  for (const [r, evs] of twice) {
    const params = { name: r.name, sheet: sheets[r.period], found: r.bonus!.toString(), items: evs.map((e) => e.item).join('、') };
    add('CARD_BONUS_TWICE', recordCell(r, 'bonus'), params, r.bonus!.toString());
    for (const ev of evs) add('CARD_BONUS_TWICE', ev.source, params, ev.item);
  }
}

/**
 * A 否决与处分 row's dates. A type that holds 「…处分期间」 (overrides with `during`) may be dated before
 * the cycle when its 处分期至 runs into it; any other row is dated inside the cycle.
 */
function checkSanctionDates(cat: ReturnType<typeof catalogueOf>, s: Ledger['sanctions'][number], cycle: Cycle, scheme: Scheme, add: Add): void {
  const during = cat.override(s.type)?.during === true;
  const base = { name: s.name, type: s.type, cycle: cycle.year, start: cycle.start };
  if (s.until && !during) {
    const types = scheme.overrides.filter((o) => o.during).map((o) => o.type).join('、');
    add('SANCTION_END_NOT_USED', fieldCell(s, 'until'), { ...base, found: s.until, during: `按处分期间计的只有：${types}` }, s.until);
  }
  if (s.until && s.date && s.until < s.date) add('SANCTION_BAD_END', fieldCell(s, 'until'), { found: s.until, date: s.date }, s.until);
  if (!s.date || monthIndexOf(cycle, s.date) >= 0) return;
  if (!during || s.date > cycle.end) add('SANCTION_OUTSIDE_CYCLE', fieldCell(s, 'date'), { found: s.date, cycle: cycle.year }, s.date);
  else if (!s.until) add('SANCTION_NEEDS_END', fieldCell(s, 'until'), { ...base, found: s.date });
  else if (s.until < cycle.start) add('SANCTION_ENDED_BEFORE', fieldCell(s, 'until'), { ...base, found: s.until }, s.until);
}

/** Rows of 加减分明细 and 否决与处分 dated after the period (inside the cycle): said once per sheet. */
function laterRows(ledger: Ledger, cycle: Cycle, period: Period, add: Add): void {
  if (period.kind === 'cycle') return;
  const title = periodTitle(cycle, period);
  for (const [sheet, rows] of [['加减分明细', ledger.events], ['否决与处分', ledger.sanctions]] as const) {
    const later = rows.map((r) => r.date).filter((d): d is string => d !== undefined && d > period.end && d <= cycle.end).sort();
    if (later.length > 0) add('PERIOD_LATER_ROWS', { file: ledger.file, sheet }, { count: later.length, period: title, periodEn: period.label, first: later[0]! });
  }
}

/** A period that ends before the first unrecorded sheet (2023Q3 when 10月 is the first), for the fix; '' when none. */
function recordedPeriod(scheme: Scheme, cycle: Cycle, firstMissing: number): string {
  const months = scheme.cycle.record === 'quarter' ? firstMissing * 3 : firstMissing;
  if (months >= 3) return `${cycle.year}Q${Math.floor(months / 3)}`;
  if (months >= 1 && scheme.cycle.record === 'month') return monthPeriod(cycle, months - 1).label;
  return '';
}

/** The last record period (sheet index) a period needs: the ledger is checked up to there. */
function lastRecordOf(scheme: Scheme, period: Period): number {
  return Math.max(...recordIndices(period, scheme.cycle.record));
}

/** One edit (a character changed, added or dropped) between two names. */
function oneApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return x.length - i - j <= 1 && y.length - i - j <= 1;
}

/** The one roster member whose name is one character away from `name` (names of two or more characters), if exactly one is. */
export function nearMember(members: readonly Member[], name: string): Member | undefined {
  const k = norm(name);
  if ([...k].length < 2) return undefined;
  const near = members.filter((m) => oneApart(norm(m.name), k));
  return near.length === 1 ? near[0] : undefined;
}

type RecordRowT = Ledger['records'][number];

/**
 * A participating member's rows whose every score is blank, in a run at the end of the checked
 * months after months with scores (a member who left and whose 转出日期 is not in 名册), or at the
 * start before them (one who joined, without 转入日期): by member, the run's rows in order.
 */
function blankRunsOf(ledger: Ledger, scoreKeys: string[], checked: (p: number) => boolean, index: MemberIndex, cycle: Cycle, scheme: Scheme): Map<Member, BlankRun> {
  const out = new Map<Member, BlankRun>();
  if (scoreKeys.length === 0) return out;
  const byMember = new Map<Member, RecordRowT[]>();
  for (const r of ledger.records) {
    if (!checked(r.period)) continue;
    const { member } = index.resolve(r.name, r.id);
    if (!member || !member.participates) continue;
    const months = activeMonths(member, cycle);
    const onRoll = scheme.cycle.record === 'month' ? months.includes(r.period) : months.some((mo) => Math.floor(mo / 3) === r.period);
    if (!onRoll) continue;
    const rows = byMember.get(member);
    if (rows) rows.push(r);
    else byMember.set(member, [r]);
  }
  // A template's SUM of a blank row reads 0: still blank.
  const blank = (r: RecordRowT): boolean => {
    for (const k in r.values) if (r.values[k] !== null && r.values[k] !== undefined) return false;
    return !r.writtenTotal || r.writtenTotal.isZero();
  };
  for (const [member, rows] of byMember) {
    if (rows.length < 2) continue;
    rows.sort((a, b) => a.period - b.period);
    // The first and last filled rows, in one pass: the rows after the last (before the first) are blank by
    // definition, so a run there has no other blank row in between; the rest are ordinary blanks.
    let first = -1;
    let last = -1;
    for (let i = 0; i < rows.length; i++) {
      if (blank(rows[i]!)) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) continue;
    const lastPeriod = rows[last]!.period;
    const firstPeriod = rows[first]!.period;
    let a = last + 1;
    while (a < rows.length && rows[a]!.period <= lastPeriod) a++;
    let b = first;
    while (b > 0 && rows[b - 1]!.period >= firstPeriod) b--;
    if (a < rows.length && !member.left) out.set(member, { side: 'after', rows: rows.slice(a), edge: lastPeriod });
    else if (b > 0 && !member.joined) out.set(member, { side: 'before', rows: rows.slice(0, b), edge: firstPeriod });
  }
  return out;
}

type BlankRun = { side: 'after' | 'before'; rows: RecordRowT[]; edge: number };

function blankRunRows(runs: Map<Member, BlankRun>): Set<RecordRowT> {
  const rows = new Set<RecordRowT>();
  for (const run of runs.values()) for (const r of run.rows) rows.add(r);
  return rows;
}

function blankRuns(runs: Map<Member, BlankRun>, sheets: string[], add: Add): void {
  for (const [member, run] of runs) {
    const first = run.rows[0]!;
    const months = run.rows.length === 1 ? sheets[first.period]! : `${sheets[first.period]}—${sheets[run.rows[run.rows.length - 1]!.period]}`;
    add('RECORD_BLANK_MONTHS', first.source, { name: member.name, months, side: run.side, before: sheets[run.edge] }, first.name);
  }
}

function checkRecords(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): void {
  const recorded = scheme.components.filter((c) => c.kind === 'recorded');
  if (recorded.length === 0 || scheme.cycle.record === 'none') return;
  const sheets = recordSheetNames(cycle, scheme.cycle.record);
  /** The row of each member's record in each period (a second row is an error, never a silent replacement). */
  const seen = new Map<string, Map<number, SourceRef>>();
  // A bonus-type cell left blank is 0 (a clerk leaves unused bonus cells empty); score cells are required.
  const entries = recorded.flatMap((c) => c.entries.map((e) => ({ key: `${c.id}.${e.id}`, e, max: dec(e.max), min: dec(e.min), blankIsZero: blankIsZero(c) })));
  const last = lastRecordOf(scheme, period);
  // A record sheet with no score at all (absent, or a template's blank rows) is not recorded yet:
  // after the period that is expected; up to its end it is one error naming the months, not a blank per cell.
  // Only score cells tell: bonus-type cells are blank when nothing was earned. When every recorded
  // entry is bonus-type, a sheet that is there counts as recorded.
  const hasScores = new Set<number>();
  const scoreKeys = entries.filter((x) => !x.blankIsZero).map((x) => x.key);
  if (scoreKeys.length === 0) for (let p = 0; p < sheets.length; p++) if (!ledger.absentRecords?.includes(p)) hasScores.add(p);
  // A part given by its total (the seed's 附件2 card): its value is under the component id.
  const partKeys = recorded.filter((c) => !blankIsZero(c)).map((c) => c.id);
  for (const r of ledger.records) if ([...scoreKeys, ...(r.parts ? partKeys : [])].some((k) => r.values[k] !== null && r.values[k] !== undefined)) hasScores.add(r.period);
  const due = [...Array(last + 1).keys()];
  // A sheet whose header the reader could not read has its own error at the header: not also 「没有填写任何分数」.
  const missing = due.filter((p) => !hasScores.has(p) && !ledger.unreadRecords?.includes(p));
  if (missing.length > 0) {
    const absent = missing.filter((p) => ledger.absentRecords?.includes(p));
    const why = absent.length === missing.length ? '工作表不存在' : absent.length === 0 ? '表中没有填写任何分数' : `缺少工作表 ${sheetRun(sheets, absent)}，其余表中没有填写任何分数`;
    const whyEn = absent.length === missing.length ? 'the sheets are missing' : absent.length === 0 ? 'no score entered' : 'some sheets missing, the others blank';
    add('RECORD_NOT_RECORDED', { file: ledger.file, sheet: sheets[missing[0]!] }, { months: sheetRun(sheets, missing), why, whyEn, period: periodTitle(cycle, period), periodEn: period.label, cycle: period.kind === 'cycle' ? 'yes' : 'no', example: recordedPeriod(scheme, cycle, missing[0]!) });
  }
  const checked = (p: number): boolean => p <= last && hasScores.has(p);
  // A component capped per record period (company 奖励分 ≤ 10 a quarter): entries over it are said at their cells.
  const recordCapped = recorded.filter((c) => c.cap !== undefined && c.capPer === 'record');
  // Runs of blank rows at the start or end of a member's year: found once, said once per run (blankRuns).
  const runs = blankRunsOf(ledger, scoreKeys, checked, index, cycle, scheme);
  const blankRows = blankRunRows(runs);
  /** Rows whose name is one character away from a roster name: said after the months are known (see guessZh). */
  const misspelt: { row: (typeof ledger.records)[number]; guess: Member }[] = [];
  for (const r of ledger.records) {
    if (!checked(r.period)) continue;
    const found = index.resolve(r.name, r.id);
    const member = found.member;
    if (!member) {
      const guess = found.ambiguous || found.conflict ? undefined : nearMember(ledger.members, r.name);
      if (guess) misspelt.push({ row: r, guess });
      else unmatched(add, found, 'RECORD_UNKNOWN_MEMBER', r.source, r.name);
      continue;
    }
    const months = activeMonths(member, cycle);
    const onRoll = scheme.cycle.record === 'month' ? months.includes(r.period) : months.some((mo) => Math.floor(mo / 3) === r.period);
    if (!onRoll) {
      // The template lists every member on every sheet: an empty row outside the membership is fine.
      if (Object.values(r.values).some((v) => v !== null)) add('RECORD_NOT_ON_ROLL', r.source, { name: r.name, sheet: sheets[r.period] });
      continue;
    }
    let set = seen.get(member.key);
    if (!set) seen.set(member.key, (set = new Map()));
    const first = set.get(r.period);
    if (first) {
      add('RECORD_DUPLICATE_ROW', r.source, { name: member.name, sheet: sheets[r.period], first: `${first.sheet ?? ''} ${first.cell ?? ''}`.trim() }, r.name);
      continue;
    }
    set.set(r.period, r.source);
    // A row left blank at the start or end of the year is said once for the run (blankRuns), not per cell.
    if (blankRows.has(r)) continue;
    const parts: Dec[] = [];
    /** The parts Excel's SUM adds up: not those typed as text. */
    const excelParts: Dec[] = [];
    for (const c of recorded) {
      if (!r.parts?.includes(c.id)) continue;
      // The part's total: within its entries' floors and maxima together (each item cannot be checked: READ_PART_TOTALS).
      const v = r.values[c.id];
      const max = sum(c.entries.map((e) => dec(e.max)));
      const min = sum(c.entries.map((e) => dec(e.min)));
      if (v === null || v === undefined) {
        if (member.participates && !blankIsZero(c)) add('RECORD_BLANK', recordCell(r, c.id), { name: r.name, entry: c.name, max: max.toString() });
        continue;
      }
      parts.push(v);
      if (!r.textKeys?.includes(c.id)) excelParts.push(v);
      if (compare(v, max) > 0) add('RECORD_ABOVE_MAX', recordCell(r, c.id), { entry: c.name, found: v.toString(), max: max.toString() }, v.toString());
      else if (compare(v, min) < 0) add('RECORD_BELOW_MIN', recordCell(r, c.id), { entry: c.name, found: v.toString(), min: min.toString() }, v.toString());
    }
    if (r.bonus) {
      if (!cardBonusComponent(scheme)) add('CARD_BONUS_UNUSED', recordCell(r, 'bonus'), { found: r.bonus.toString() }, r.bonus.toString());
      else if (r.bonus.isNegative()) add('RECORD_BELOW_MIN', recordCell(r, 'bonus'), { entry: '加分项', found: r.bonus.toString(), min: 0 }, r.bonus.toString());
    }
    for (let i = 0; i < entries.length; i++) {
      const { key, e, max, min, blankIsZero: zero } = entries[i]!;
      if (r.parts?.some((id) => key.startsWith(`${id}.`))) continue;
      const v = r.values[key];
      if (v === null || v === undefined) {
        if (member.participates && !zero) add('RECORD_BLANK', recordCell(r, key), { name: r.name, entry: e.name, max: e.max });
        continue;
      }
      parts.push(v);
      if (!r.textKeys?.includes(key)) excelParts.push(v);
      if (compare(v, max) > 0) add('RECORD_ABOVE_MAX', recordCell(r, key), { entry: e.name, found: v.toString(), max: e.max }, v.toString());
      else if (compare(v, min) < 0) add('RECORD_BELOW_MIN', recordCell(r, key), { entry: e.name, found: v.toString(), min: e.min }, v.toString());
    }
    for (const c of recordCapped) {
      const cells = c.entries.map((e) => ({ key: `${c.id}.${e.id}`, v: r.values[`${c.id}.${e.id}`] })).filter((x) => x.v && !x.v.isZero());
      const total = sum(cells.map((x) => x.v!));
      if (compare(total, dec(c.cap!)) > 0) for (const x of cells) add('RECORD_CAP_EXCEEDED', recordCell(r, x.key), { name: r.name, sheet: sheets[r.period], component: c.name, found: total.toString(), cap: c.cap }, x.v!.toString());
    }
    // A 合计 that is Excel's SUM of the row, short of the scores typed as text, is explained by them:
    // each is a warning at its own cell (READ_NUMBER_AS_TEXT), not a wrong total here.
    const explained = r.textKeys !== undefined && r.writtenTotal !== undefined && compare(r.writtenTotal, sum(excelParts)) === 0;
    // On a card with 加分项 the row's 合计 may include the month's bonus: either sum is the clerk's.
    const withBonus = r.bonus !== undefined && compare(r.writtenTotal ?? ZERO, plus(sum(parts), r.bonus)) === 0;
    if (r.writtenTotal && !explained && !withBonus && compare(r.writtenTotal, sum(parts)) !== 0) {
      add('RECORD_TOTAL_MISMATCH', recordCell(r, 'total'), { found: r.writtenTotal.toString(), want: sum(parts).toString() }, r.writtenTotal.toString());
    }
  }
  blankRuns(runs, sheets, add);
  const linked = new Set<string>();
  for (const { row, guess } of misspelt) {
    const missing = !(seen.get(guess.key)?.has(row.period) ?? false);
    if (missing) linked.add(`${guess.key}\u0000${row.period}`);
    add('RECORD_UNKNOWN_MEMBER', row.source, { name: row.name, guess: guess.name, ...(missing ? { missing: sheets[row.period] } : {}) }, row.name);
  }
  for (const mem of ledger.members) {
    if (!mem.participates) continue;
    const have = seen.get(mem.key) ?? new Map<number, SourceRef>();
    const months = activeMonths(mem, cycle);
    const needed = (scheme.cycle.record === 'month' ? months : [...new Set(months.map((mo) => Math.floor(mo / 3)))]).filter(checked);
    for (const p of needed) {
      if (!have.has(p) && !linked.has(`${mem.key}\u0000${p}`)) add('RECORD_MISSING_MONTH', { file: ledger.file, sheet: sheets[p] }, { name: mem.name, sheet: sheets[p] });
    }
  }
}


function checkEvents(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  const sample = scheme.items.slice(0, 6).map((i) => i.name).join('、');
  const perMember = new Map<string, { member: Member; byComponent: Map<string, ReturnType<typeof dec>> }>();
  // R3 as the engine applies it: a project's lower-level rows do not add to the cap check.
  const notCounted = belowHighest(
    ledger.events,
    (ev) => {
      const item = cat.item(ev.item);
      const k = item && projectKey(item, ev.project);
      return k && `${norm(ev.name)}\u0000${k}`;
    },
    (ev) => {
      const item = cat.item(ev.item);
      const unit = item && eventUnitPoints(cat, item, ev);
      return unit && times(unit, ev.count);
    },
  );
  // Contributors of a shared award (R19): the members named on rows of the item and 项目.
  const contributors = new Map<string, Set<string>>();
  for (const ev of ledger.events) {
    const item = cat.item(ev.item);
    if (!item?.split) continue;
    const k = `${item.id}\u0000${norm(ev.project ?? ev.item)}`;
    const who = index.resolve(ev.name, ev.id).member?.key ?? norm(ev.name);
    contributors.set(k, (contributors.get(k) ?? new Set()).add(who));
  }
  const contributorsOf = (project: string, itemId: string): number => contributors.get(`${itemId}\u0000${norm(project)}`)?.size ?? 1;
  for (const ev of ledger.events) {
    const found = index.resolve(ev.name, ev.id);
    const member = found.member;
    if (!member) unmatched(add, found, 'EVENT_UNKNOWN_MEMBER', ev.source, ev.name, nearMember(ledger.members, ev.name)?.name);
    const item = cat.item(ev.item);
    if (!item) {
      add('EVENT_UNKNOWN_ITEM', fieldCell(ev, 'item'), { found: ev.item, options: sample, scheme: scheme.id }, ev.item);
      continue;
    }
    if (ev.sign && !item.veto) {
      const comp = cat.component(item.component);
      const lowers = comp !== undefined && (comp.kind === 'recorded' || comp.kind === 'deduct' || comp.role === 'deduction');
      if ((ev.sign === 'plus') === lowers) {
        const want = lowers ? '扣分' : '加分';
        add('EVENT_SIGN_MISMATCH', ev.source, { item: item.name, typed: ev.sign === 'plus' ? '加分' : '扣分', want, wantEn: lowers ? 'deduction' : 'bonus' }, ev.item);
      }
    }
    const month = ev.date ? monthIndexOf(cycle, ev.date) : -1;
    if (!ev.date) add('EVENT_NO_DATE', fieldCell(ev, 'date'));
    else if (month < 0) add('EVENT_OUTSIDE_CYCLE', fieldCell(ev, 'date'), { found: ev.date, cycle: cycle.year, start: cycle.start, end: cycle.end }, ev.date);
    else if (member && !activeMonths(member, cycle).includes(month)) add('EVENT_NOT_ON_ROLL', ev.source, { name: member.name, date: ev.date });
    if (!ev.count.isInteger() || compare(ev.count, ZERO) <= 0) add('EVENT_BAD_COUNT', fieldCell(ev, 'count'), { found: ev.count.toString() }, ev.count.toString());
    if (item.levels && cat.levelPoints(item, ev.level) === undefined) {
      add('EVENT_UNKNOWN_LEVEL', fieldCell(ev, 'level'), { item: item.name, found: ev.level ?? '', options: Object.keys(item.levels).join('、') }, ev.level);
      continue;
    }
    if (item.range) {
      if (!ev.points) add('EVENT_NEEDS_POINTS', fieldCell(ev, 'points'), { item: item.name, min: item.range.min, max: item.range.max });
      else if (compare(ev.points, dec(item.range.min)) < 0 || compare(ev.points, dec(item.range.max)) > 0) add('EVENT_POINTS_RANGE', fieldCell(ev, 'points'), { item: item.name, found: ev.points.toString(), min: item.range.min, max: item.range.max }, ev.points.toString());
    } else if (ev.points && item.split) {
      // A shared award's 分值 is the award (unit × 次数) or this member's share of it (R19).
      const unit = eventUnitPoints(cat, item, { ...ev, points: undefined } as typeof ev);
      const full = unit && times(unit, ev.count);
      const n = contributorsOf(ev.project ?? ev.item, item.id);
      if (full && compare(ev.points, full) !== 0 && compare(ev.points, full.dividedBy(n)) !== 0) add('EVENT_POINTS_MISMATCH', fieldCell(ev, 'points'), { found: ev.points.toString(), item: item.name, want: n > 1 ? `${full.toString()}（${n} 人平分，每人 ${full.dividedBy(n).toDecimalPlaces(2).toString()}）` : full.toString() }, ev.points.toString());
    } else if (ev.points && !item.split && !item.veto) {
      const unit = eventUnitPoints(cat, item, { ...ev, points: undefined } as typeof ev);
      const want = unit && times(unit, ev.count);
      if (want && compare(ev.points, want) !== 0 && compare(ev.points, unit!) !== 0) add('EVENT_POINTS_MISMATCH', fieldCell(ev, 'points'), { found: ev.points.toString(), item: item.name, want: want.toString() }, ev.points.toString());
    }
    if (member && month >= 0 && ev.date! <= period.end) {
      const unit = eventUnitPoints(cat, item, ev);
      const comp = cat.component(item.component);
      if (unit && comp?.cap !== undefined && comp.capPer === 'cycle' && !item.beyondCap && !notCounted.has(ev)) {
        let rec = perMember.get(member.key);
        if (!rec) perMember.set(member.key, (rec = { member, byComponent: new Map() }));
        // What the item's own cap leaves (经济发展 2 a year): only that reaches the component's cap.
        let points = times(unit, ev.count);
        if (item.cap !== undefined) {
          const k = `item:${item.id}`;
          const used = rec.byComponent.get(k) ?? ZERO;
          points = maxDec(ZERO, minDec(points, dec(item.cap).minus(used)));
          rec.byComponent.set(k, plus(used, points));
        }
        rec.byComponent.set(comp.id, plus(rec.byComponent.get(comp.id) ?? ZERO, points));
      }
    }
  }
  for (const { member, byComponent } of perMember.values()) {
    for (const [compId, total] of byComponent) {
      if (compId.startsWith('item:')) continue;
      const comp = cat.component(compId)!;
      if (compare(total, dec(comp.cap!)) > 0) add('CAP_EXCEEDED', { file: ledger.file, sheet: '加减分明细' }, { name: member.name, component: comp.name, found: total.toString(), cap: comp.cap });
    }
  }
}
