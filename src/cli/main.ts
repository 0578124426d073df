// Builds the commander program: one file per command in ./commands. Thin by design.
import { colon } from './output.js';
import { cliText, } from './messages.js';
import { guardTerminal, shown } from './terminal-guard.js';
import { Command, CommanderError, Help, Option } from 'commander';
import { lang, t } from '../batch/i18n.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from '../batch/exit.js';
import { setupColor } from './color.js';
import { programVersion } from '../batch/version.js';
import { COMMANDS } from './commands/index.js';

/**
 * The program with every command declared, and the one this run names (`score grade …`,
 * `score help grade`) loaded with its options and action; the others are loaded only when run.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command();
  // commander's own labels (Usage, Options, default, choices) follow the interface language too.
  const zh = (text: string): string => (lang() === 'en' ? text : zhPlaceholders(text));
  program.configureHelp({
    optionTerm: (o) => zh(Help.prototype.optionTerm.call(program.createHelp(), o)),
    argumentTerm: (a) => (lang() === 'en' ? a.name() : zhName(a.name())),
    subcommandTerm: (c) => zh(Help.prototype.subcommandTerm.call(program.createHelp(), c)),
    commandUsage: (c) => zh(Help.prototype.commandUsage.call(program.createHelp(), c)),
    // CJK characters take two columns: the descriptions stay aligned.
    displayWidth: (text) => width(text.replace(/\x1b\[[0-9;]*m/g, '')),
    formatHelp: (cmd, helper) => {
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      if (lang() === 'en') return text;
      return text
        .replace(/^Usage: /m, '用法：')
        .replace(/^Arguments:/m, '参数：')
        .replace(/^Options:/m, '选项：')
        .replace(/^Commands:/m, '命令：')
        // commander may wrap a long description inside the parentheses.
        .replace(/\(default:\s+([^)]*)\)/g, (_m, v: string) => `（默认：${v.replace(/\s+/g, ' ')}）`)
        .replace(/\(choices:\s+([^)]*)\)/g, (_m, v: string) => `（可选：${v.replace(/\s+/g, ' ')}）`);
    },
  });
  program
    .name('score')
    .description(t('党员积分台账：校验、计分、评定、公示（先锋指数 / 评星定级）', 'Party members\' points ledgers: validate, compute, grade, publish'))
    .version(programVersion(), '-V, --version', t('显示版本', 'show version'))
    .helpOption('-h, --help', t('显示帮助', 'show help'))
    .helpCommand('help [command]', t('显示某个命令的帮助', 'help for a command'))
    .addOption(new Option('--lang <lang>', t('界面语言 zh|en', 'interface language zh|en')).choices(['zh', 'en']))
    .option('--no-color', t('不用颜色（也可设环境变量 NO_COLOR）', 'no colour (or set NO_COLOR)'))
    .configureOutput({ outputError: (text, write) => write(lang() === 'en' ? text : translateError(text)) })
    .showHelpAfterError(t('（加 --help 查看用法）', '(add --help for usage)'))
    .exitOverride();
  const declared = COMMANDS.map((entry) => ({ entry, cmd: entry.declare(program) }));
  // The command run is the first word that names one (program options such as --lang en come before it).
  const word = argv.slice(2).find((w) => declared.some((d) => d.cmd.name() === w));
  for (const { entry, cmd } of declared) {
    if (cmd.name() === word) (await entry.load())(cmd);
    // Not loaded: listed only. A hidden option makes the list show `[options]`, as for the loaded command.
    else if (entry.options) cmd.addOption(new Option('--options').hideHelp());
  }
  program.commands.forEach(function override(c: Command): void {
    c.exitOverride();
    c.helpOption('-h, --help', t('显示帮助', 'show help'));
    c.commands.forEach(override);
  });
  return program;
}

/** The argument and option-value names of the commands (commander prints them as declared), in Chinese. */
const PLACEHOLDERS: Record<string, string> = {
  files: '台账文件或文件夹',
  forms: '申请表文件或文件夹',
  name: '姓名',
  branch: '支部名称',
  year: '年度',
  period: '期间',
  periods: '期间',
  dir: '文件夹',
  file: '文件',
  date: '日期',
  n: '天数',
  lang: '语言',
  scope: '范围',
  'id|file': '方案',
  id: '方案',
  layout: '版式',
  options: '选项',
  command: '命令',
};

const zhName = (name: string): string => PLACEHOLDERS[name] ?? name;

/** `<files...>`, `[options]`, `<year>` in commander's help and errors, in Chinese. */
function zhPlaceholders(text: string): string {
  return text.replace(/([<[])([\w|]+)(\.\.\.)?([>\]])/g, (_m, open: string, name: string, dots: string | undefined, close: string) => `${open}${zhName(name)}${dots ?? ''}${close}`);
}

/** Columns a text takes in a terminal (CJK characters take two). */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** commander's usage errors, in Chinese. */
function translateError(text: string): string {
  return zhPlaceholders(text)
    .replace(/^error: missing required argument '([^']+)'/m, (_m, name: string) => `用法错误：缺少参数「${zhName(name)}」`)
    .replace(/^error: unknown command '([^']+)'/m, '用法错误：没有「$1」这个命令')
    .replace(/^error: unknown option '([^']+)'/m, '用法错误：没有「$1」这个选项')
    .replace(/^error: required option '([^']+)' not specified/m, '用法错误：缺少必需的选项 $1')
    .replace(/^error: missing required argument '([^']+)'/m, '用法错误：缺少参数 $1')
    .replace(/^error: option '([^']+)' argument missing/m, '用法错误：选项 $1 缺少取值')
    .replace(/^error: option '([^']+)' argument '([^']+)' is invalid\. Allowed choices are (.*)\./m, '用法错误：选项 $1 的取值「$2」无效，可选：$3')
    .replace(/^error: too many arguments.*/m, '用法错误：参数太多')
    .replace(/\(Did you mean ([^?]+)\?\)/, '（是不是想用 $1？）');
}

export async function main(argv: string[]): Promise<void> {
  guardTerminal();
  // `score … | head` closes the pipe early: that is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(Number(process.exitCode ?? EXIT_OK));
    });
  }
  setupColor(argv);
  const program = await buildProgram(argv);
  // A promise that never settles (a damaged zip part can do that inside exceljs) would let
  // Node exit 0 with no output: never report success for work that did not finish.
  let finished = false;
  process.on('exit', () => {
    if (finished) return;
    process.stderr.write(`${cliText('CLI_STOPPED', {})}\n`);
    process.exitCode = EXIT_INTERNAL;
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${cliText('CLI_USAGE', {})}${colon()}${[e.message, ...e.details].map(shown).join('\n')}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${cliText('CLI_INTERNAL', {})}${colon()}${msg}\n`);
    if (process.env.SCORE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = EXIT_INTERNAL;
  } finally {
    finished = true;
  }
}
