// The commands, in the order the help lists them. Each is declared here as the list shows it (name,
// arguments, description); its options, subcommands and action are in its own module, loaded only
// when that command runs: `score --help` loads no reader, writer or scheme, and `score grade` loads
// none of the other commands' (issue 23: start-up).
import type { Command } from 'commander';
import { t } from '../../batch/i18n.js';

export interface CommandEntry {
  /** The command as the list of commands shows it. */
  declare: (program: Command) => Command;
  /** Whether it has options of its own (the list shows `[options]`); `scheme` has subcommands instead. */
  options: boolean;
  /** Its module: adds the options, subcommands and action to the declared command. */
  load: () => Promise<(cmd: Command) => void>;
}

export const COMMANDS: CommandEntry[] = [
  {
    declare: (p) => p.command('schemes').description(t('列出内置计分方案', 'list the built-in schemes')),
    options: true,
    load: async () => (await import('./schemes.js')).registerSchemes,
  },
  {
    declare: (p) => p.command('scheme').description(t('查看或复制一个计分方案', 'show or copy a scheme')),
    options: false,
    load: async () => (await import('./scheme.js')).registerScheme,
  },
  {
    declare: (p) => p.command('template').description(t('写出空白积分台账（按方案生成各表）、计分标准和积分申请表', 'write a blank ledger for the scheme, the 计分标准 and the 积分申请表')),
    options: true,
    load: async () => (await import('./template.js')).registerTemplate,
  },
  {
    declare: (p) =>
      p
        .command('validate')
        .description(t('按计分方案检查台账，列出每个问题所在的单元格和处理办法', 'check ledgers against the scheme; every problem with its cell and a fix'))
        .argument('<files...>', t('台账文件或文件夹', 'ledger files or folders')),
    options: true,
    load: async () => (await import('./validate.js')).registerValidate,
  },
  {
    declare: (p) =>
      p
        .command('compute')
        .description(t('计算月度、季度和年度积分，写出评分汇总表', 'compute monthly, quarterly and cycle totals; write the 评分汇总表'))
        .argument('<files...>', t('台账文件或文件夹', 'ledger files or folders')),
    options: true,
    load: async () => (await import('./compute.js')).registerCompute,
  },
  {
    declare: (p) =>
      p
        .command('grade')
        .description(t('年度评定：计分、等次、星级、名额、连续年度规则，写出评定结果和公示名单', 'grade a cycle: totals, grades, stars, quotas, consecutive-year rules; write results and publication lists'))
        .argument('[files...]', t('台账文件或文件夹（也可用 --dir；都不给时为当前文件夹）', 'ledger files or folders (or --dir; none: the current folder)')),
    options: true,
    load: async () => (await import('./grade.js')).registerGrade,
  },
  {
    declare: (p) =>
      p
        .command('publish')
        .description(t('写出月度、季度或年度的公示名单（只含姓名、支部、积分、等次）', 'write the publication list for a month, quarter or year (public fields only)'))
        .argument('<files...>', t('台账文件或文件夹', 'ledger files or folders')),
    options: true,
    load: async () => (await import('./publish.js')).registerPublish,
  },
  {
    declare: (p) =>
      p
        .command('apply')
        .description(t('审核积分申请表，把符合标准的事项录入台账的加减分明细（写出新台账）', 'check 积分申请表 claims and write a new ledger with the approved lines'))
        .argument('<forms...>', t('积分申请表文件或文件夹', 'application forms or folders')),
    options: true,
    load: async () => (await import('./apply.js')).registerApply,
  },
  {
    declare: (p) =>
      p
        .command('explain')
        .description(t('逐条说明某名党员的得分：每条规则、每个来源单元格、每个上限', "explain one member's score: each rule, source cell and cap"))
        .argument('<name>', t('党员姓名或编号', 'member name or 编号')),
    options: true,
    load: async () => (await import('./explain.js')).registerExplain,
  },
];
