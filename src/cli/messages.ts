// Messages of the cli layer (usage errors and the lines a command writes to stderr when it stops):
// the layer's one catalogue, built by the one constructor (`message`, core/diagnostics.ts). A usage
// error's text already says what to do, so its fix is empty; the text printed is the entry's, unchanged.
import { type ArgsOf, type MessageDef, message } from '../core/diagnostics.js';
import { UsageError } from '../batch/exit.js';
import { t } from '../batch/i18n.js';

const none = (): string => '';

export const CLI_MESSAGES = {
  // Usage errors (exit 2).
  CLI_PERIOD_NO_CYCLE: message('error', ['period', 'scheme'], (p) => `期间「${p.period}」不在方案 ${p.scheme} 的任何积分周期内`, (p) => `period ${p.period} is in no cycle of ${p.scheme}`, none, none),
  CLI_PERIOD_QUARTERLY: message('error', ['scheme', 'year'], (p) => `方案 ${p.scheme} 按季度记录，不能按月计算：请用 ${p.year}Q1 这样的季度`, (p) => `${p.scheme} records quarterly: use a quarter such as ${p.year}Q1`, none, none),
  CLI_OUT_IS_FILE: message('error', ['dir'], (p) => `--out「${p.dir}」是一个文件，不是文件夹：请换一个文件夹名`, (p) => `--out ${p.dir} is a file, not a folder: name a folder`, none, none),
  CLI_OUT_SYSTEM: message('error', ['dir', 'real'], (p) => `输出目录 ${p.dir} 在系统目录 ${p.real} 下，不能写入：请用 --out 指定普通文件夹`, (p) => `the output folder ${p.dir} is under the system folder ${p.real}: give an ordinary folder with --out`, none, none),
  CLI_DAYS_SHORT: message('error', ['days', 'min', 'regulation'], (p) => `--days ${p.days} 少于${p.regulation}规定的公示期（不少于 ${p.min} 天）：请写 --days ${p.min} 或更多，或不写 --days`, (p) => `--days ${p.days} is shorter than the ${p.min} days that ${p.regulation} requires: use --days ${p.min} or more, or leave --days out`, none, none),
  CLI_OPTION_INVALID: message('error', [], () => '选项无效', () => 'invalid option', none, none),
  CLI_MEMBER_NEAR: message('error', ['name', 'nearZh', 'nearEn', 'retry'], (p) => `台账中没有「${p.name}」。是不是「${p.nearZh}」？（${p.retry}）`, (p) => `no member ${p.name} in the ledger. Did you mean ${p.nearEn}? (${p.retry})`, none, none),
  CLI_MEMBER_NONE: message('error', ['name', 'n', 'some'], (p) => `台账中没有「${p.name}」，也没有相近的姓名（名册共 ${p.n} 人，如 ${p.some}）。请核对姓名或用编号`, (p) => `no member ${p.name} in the ledger, nor a similar name (${p.n} on the roster); check the name or use the 编号`, none, none),
  CLI_PERIOD_OUTSIDE_LEDGER: message(
    'error',
    ['period', 'title', 'start', 'end', 'own', 'year'],
    (p) => `期间 ${p.period} 不在这本台账的积分周期内：台账是 ${p.title}（${p.start} 至 ${p.end}）。请用这个周期内的期间，例如 --period ${p.own}、${p.own}Q1，或换用 ${p.year} 年度的台账`,
    (p) => `period ${p.period} is outside this ledger's cycle ${p.own} (${p.start} to ${p.end}): use a period such as ${p.own} or ${p.own}Q1, or the ${p.year} ledger`,
    none,
    none,
  ),
  // Options checked before any file is read (zod schemas of src/cli/options.ts and the commands).
  CLI_YEAR_INVALID: message('error', ['text'], (p) => `年度「${p.text}」无效，例如 --year 2023`, (p) => `invalid year ${p.text}, e.g. --year 2023`, none, none),
  CLI_PERIOD_INVALID: message('error', ['period'], (p) => `期间「${p.period}」无效：可写 2023（年度）、2023Q1（季度）、2023H1（半年）或 2023-03（月份）`, (p) => `invalid period ${p.period}: use 2023, 2023Q1, 2023H1 or 2023-03`, none, none),
  CLI_PERIOD_ONE: message('error', [], () => '--period 只能写一个期间', () => '--period takes one period', none, none),
  CLI_PERIODS_ONE_CYCLE: message('error', [], () => '一次只能计算同一个年度的期间', () => 'all periods must be in one cycle', none, none),
  CLI_FROM_INVALID: message('error', ['text'], (p) => `--from「${p.text}」不是日期：可写 2023-04-03、2023/4/3 或 2023年4月3日`, (p) => `--from ${p.text} is not a date: write 2023-04-03, 2023/4/3 or 2023年4月3日`, none, none),
  CLI_DAYS_RANGE: message('error', [], () => '--days 应为 1–60 的整数', () => '--days must be a whole number 1–60', none, none),
  CLI_QUOTA_SCOPE: message('error', [], () => '--quota-scope 只能是 branch 或 township', () => '--quota-scope is branch or township', none, none),
  CLI_LAYOUT: message('error', [], () => '--layout 只能是 monthly 或 card', () => '--layout is monthly or card', none, none),
  CLI_SCHEME_REQUIRED: message('error', [], () => '请用 --scheme 指定方案，例如 --scheme township（score schemes 列出全部）', () => 'give --scheme, e.g. --scheme township', none, none),
  CLI_SCHEME_UNUSABLE: message('error', ['ref'], (p) => `方案无法使用：${p.ref}`, (p) => `scheme cannot be used: ${p.ref}`, none, none),
  CLI_HISTORY_NOT_FOUND: message('error', ['dir'], (p) => `--history 文件夹不存在：${p.dir}（往年评定结果所在的文件夹；第一个年度请用 --no-history）`, (p) => `--history folder not found: ${p.dir} (for a first year use --no-history)`, none, none),
  // The drop window (score-drop): what it decided for the clerk, and why it stops.
  CLI_DROP_YEAR_SEVERAL: message('warning', ['named'], (p) => `台账写了几个年度（${p.named}），取最近的；其他年度的台账不计入`, (p) => `the ledgers name several years (${p.named}); the latest is graded, the others are left out`, none, none),
  CLI_DROP_YEAR_NONE: message('warning', [], () => '台账「说明」表都没有写年度，按今年评定；要评其他年度请在「说明」表填写年度', () => 'no ledger names a year in 说明, so this calendar year; fill 年度 in 说明 to grade another', none, none),
  CLI_DROP_QUARTER_INCOMPLETE: message('error', ['count'], (p) => `第一季度还没有记录完整（各台账都记录到的只有 ${p.count} 个月），暂不公示。记完 3 个月后再拖一次。`, (p) => `the first quarter is not fully recorded yet (${p.count} month(s)); drop the folder again after three months.`, none, none),
  CLI_DROP_OUTPUT_IN_USE: message('error', [], () => '结果文件正在使用中，见上面的说明：关闭它（Excel 或 WPS 里的那个文件）后再拖一次。台账不用改。', () => 'an output file is in use (see above): close it in Excel or WPS and drop the folder again; the ledgers need no change.', none, none),
  CLI_DROP_FAILED: message('error', [], () => '有问题，见上面的说明；改好台账后再拖一次。', () => 'there were problems, see above; fix the ledgers and drop the folder again.', none, none),
  // Warnings of a run that goes on.
  CLI_EXPLAIN_LEDGER_ERRORS: message('warning', ['n'], (p) => `注意：台账有 ${p.n} 个错误，结果可能不准确（score validate 查看）`, (p) => `note: the ledger has ${p.n} errors`, none, none),
  CLI_PUBLICATION_PAST: message('warning', ['from', 'to'], (p) => `警告：公示期 ${p.from} 至 ${p.to} 已经过去（默认从期间结束后的第一个工作日起）。公示名单上要写实际的公示日期，请加 --from 开始日期`, (p) => `warning: the publication window ${p.from} to ${p.to} is already past (by default it starts after the period); give the real start with --from`, none, none),
  // Lines written to stderr when a command cannot go on.
  CLI_ERRORS_FIRST: message('error', ['n', 'placeZh', 'placeEn', 'firstZh', 'firstEn', 'seeZh', 'seeEn'], (p) => `共有 ${p.n} 个错误，第一个：${p.placeZh} ${p.firstZh}。${p.seeZh}`, (p) => `${p.n} errors; first: ${p.placeEn} ${p.firstEn}. ${p.seeEn}`, none, none),
  CLI_NO_LEDGER_LEFT: message('error', ['where', 'n'], (p) => `没有可以读取的台账：${p.where} 中的 ${p.n} 个文件都未计入（原因见上）`, (p) => `no ledger to read: all ${p.n} file(s) in ${p.where} were left out (see above)`, none, none),
  CLI_NO_LEDGER_FOUND: message('error', ['where'], (p) => `没有找到台账：${p.where} 中没有 .xlsx 文件`, (p) => `no ledger found: there is no .xlsx file in ${p.where}`, none, none),
  CLI_DROP_USAGE: message('error', ['targetZh', 'targetEn'], (p) => `用法：把台账文件夹拖到「${p.targetZh}」上松开（不要双击打开它）。结果写到那个文件夹旁边的「输出」文件夹。`, (p) => `usage: drag the ledger folder onto ${p.targetEn} (do not double-click it); the results go to 输出 beside that folder.`, none, none),
  CLI_DROP_NOT_FOUND: message('error', ['path'], (p) => `找不到：${p.path}`, (p) => `not found: ${p.path}`, none, none),
  CLI_DROP_NO_LEDGERS: message('error', ['dirsZh', 'dirsEn'], (p) => `没有找到台账：${p.dirsZh} 里没有 .xlsx 工作簿。请把放着各支部台账的文件夹拖过来。`, (p) => `no ledgers: no .xlsx workbook in ${p.dirsEn}; drop the folder that holds the branches' ledgers.`, none, none),
  CLI_OPTION_IGNORED: message('warning', ['command', 'option'], (p) => `注意：score ${p.command} 不用 --${p.option}，已忽略`, (p) => `note: score ${p.command} does not use --${p.option}; ignored`, none, none),
  CLI_STOPPED: message('error', [], () => '错误：处理没有完成就中断了（常见原因：某个工作簿内部损坏）。请用 score validate 逐个检查文件', () => 'error: processing stopped before it finished (often a damaged workbook); check the files one by one with score validate', none, none),
  CLI_USAGE: message('error', [], () => '用法错误', () => 'usage error', none, none),
  CLI_INTERNAL: message('error', [], () => '内部错误（请把这条信息发给维护者）', () => 'internal error (please report it)', none, none),
  CLI_SCHEME_INVALID: message('error', [], () => '方案无效', () => 'invalid scheme', none, none),
  CLI_FILE_EXISTS: message('error', ['file'], (p) => `文件已存在：${p.file}。要覆盖请加 --force`, (p) => `file exists: ${p.file}; use --force to overwrite`, none, none),
  CLI_WRITE_FAILED: message('error', [], () => '写出失败', () => 'writing failed', none, none),
  CLI_LEDGER_HAS_ERRORS: message('error', ['command'], (p) => `台账有错误，请先改正（${p.command} 查看全部）`, (p) => `the ledger has errors; fix them first (${p.command})`, none, none),
  CLI_APPLY_CANNOT_WRITE: message(
    'error',
    ['reasonZh', 'reasonEn', 'n'],
    (p) => `无法写出新台账：${p.reasonZh}。${p.n} 条符合标准的事项没有录入；请用 Excel/WPS 打开台账，另存为 .xlsx 后重新运行`,
    (p) => `cannot write the new ledger: ${p.reasonEn}. The ${p.n} approved line(s) were not entered; open the ledger in Excel/WPS, save it as .xlsx and run again`,
    none,
    none,
  ),
};

/** Every code of the cli layer. */
export type CliCode = keyof typeof CLI_MESSAGES;

/** An entry's text in the interface language. */
export function cliText<K extends CliCode>(code: K, params: ArgsOf<(typeof CLI_MESSAGES)[K]>): string {
  const def = CLI_MESSAGES[code] as MessageDef<string>;
  return t(def.zh(params), def.en(params));
}

/** A usage error (exit 2) whose text is the entry's; `details` are printed one per line below it. */
export function usageError<K extends CliCode>(code: K, params: ArgsOf<(typeof CLI_MESSAGES)[K]>, details: readonly string[] = []): UsageError {
  return new UsageError(cliText(code, params), details);
}
