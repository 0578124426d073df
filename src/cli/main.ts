// Builds the commander program: one file per command in ./commands. Thin by design.
import { colon } from './output.js';
import { guardTerminal, shown } from './terminal-guard.js';
import { Command, CommanderError, Help, Option } from 'commander';
import { lang, t } from '../batch/i18n.js';
import { EXIT_USAGE, UsageError } from '../batch/exit.js';
import { setupColor } from './color.js';
import { registerSchemes } from './commands/schemes.js';
import { registerScheme } from './commands/scheme.js';
import { registerValidate } from './commands/validate.js';
import { registerTemplate } from './commands/template.js';
import { registerCompute } from './commands/compute.js';
import { registerGrade } from './commands/grade.js';
import { registerPublish } from './commands/publish.js';
import { registerApply } from './commands/apply.js';
import { registerExplain } from './commands/explain.js';

// withCommon lives in ./options.ts (the commands import it from there, so main ↔ commands is no cycle).
export { withCommon } from './options.js';

export function buildProgram(): Command {
  const program = new Command();
  // commander's own labels (Usage, Options, default, choices) follow the interface language too.
  program.configureHelp({
    formatHelp: (cmd, helper) => {
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      if (lang() === 'en') return text;
      return text
        .replace(/^Usage: /m, '用法：')
        .replace(/^Arguments:/m, '参数：')
        .replace(/^Options:/m, '选项：')
        .replace(/^Commands:/m, '命令：')
        .replace(/\(default: ([^)]*)\)/g, '（默认：$1）')
        .replace(/\(choices: ([^)]*)\)/g, '（可选：$1）');
    },
  });
  program
    .name('score')
    .description(t('党员积分台账：校验、计分、评定、公示（先锋指数 / 评星定级）', 'Party members\' points ledgers: validate, compute, grade, publish'))
    .version('0.1.0', '-V, --version', t('显示版本', 'show version'))
    .helpOption('-h, --help', t('显示帮助', 'show help'))
    .helpCommand('help [command]', t('显示某个命令的帮助', 'help for a command'))
    .addOption(new Option('--lang <lang>', t('界面语言 zh|en', 'interface language zh|en')).choices(['zh', 'en']))
    .option('--no-color', t('不用颜色（也可设环境变量 NO_COLOR）', 'no colour (or set NO_COLOR)'))
    .configureOutput({ outputError: (text, write) => write(lang() === 'en' ? text : translateError(text)) })
    .showHelpAfterError(t('（加 --help 查看用法）', '(add --help for usage)'))
    .exitOverride();
  for (const register of [registerSchemes, registerScheme, registerTemplate, registerValidate, registerCompute, registerGrade, registerPublish, registerApply, registerExplain]) {
    register(program);
  }
  program.commands.forEach(function override(c: Command): void {
    c.exitOverride();
    c.helpOption('-h, --help', t('显示帮助', 'show help'));
    c.commands.forEach(override);
  });
  return program;
}

/** commander's usage errors, in Chinese. */
function translateError(text: string): string {
  return text
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
      if (e.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
    });
  }
  setupColor(argv);
  const program = buildProgram();
  // A promise that never settles (a damaged zip part can do that inside exceljs) would let
  // Node exit 0 with no output: never report success for work that did not finish.
  let finished = false;
  process.on('exit', () => {
    if (finished) return;
    process.stderr.write(`${t('错误：处理没有完成就中断了（常见原因：某个工作簿内部损坏）。请用 score validate 逐个检查文件', 'error: processing stopped before it finished (often a damaged workbook); check the files one by one with score validate')}\n`);
    process.exitCode = 3;
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${t('用法错误', 'usage error')}${colon()}${shown(e.message)}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${t('内部错误（请把这条信息发给维护者）', 'internal error (please report it)')}${colon()}${msg}\n`);
    if (process.env.SCORE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 3;
  } finally {
    finished = true;
  }
}
