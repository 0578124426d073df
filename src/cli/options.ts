// The options every command shares, added by withCommon. Its own module so that the commands import it
// without importing main.ts, which imports them (issue 24: main ↔ commands was the CLI's cycle).
import { Option, type Command } from 'commander';
import { t } from '../batch/i18n.js';

/**
 * Options every command accepts (--scheme --json --out --force --quiet --lang --no-color). Where one
 * has no effect on a command (`schemes --out`, `scheme show --scheme`), it is still accepted and a
 * note on stderr says so, instead of a usage error or silence.
 */
export function withCommon(cmd: Command, opts: { out?: boolean; scheme?: boolean; force?: boolean } = {}): Command {
  const has = (flag: string): boolean => cmd.options.some((o) => o.long === flag);
  const unused: string[] = [];
  const noEffect = t('（此命令不用，接受但不起作用）', ' (not used by this command: accepted, no effect)');
  if (!has('--scheme')) {
    if (opts.scheme === false) unused.push('scheme');
    cmd.option('--scheme <id|file>', opts.scheme === false ? t(`计分方案${noEffect}`, `scoring scheme${noEffect}`) : t('计分方案：内置方案 id 或方案文件（默认取台账「说明」表中的方案）', 'scoring scheme: built-in id or file (default: the one named in the workbook)'));
  }
  cmd.option('--json', t('只在标准输出打印 JSON', 'print JSON only on stdout'));
  if (!has('--out')) {
    if (opts.out === false) {
      unused.push('out');
      cmd.option('--out <dir>', t(`输出目录${noEffect}`, `output folder${noEffect}`));
    } else cmd.option('--out <dir>', t('输出目录', 'output folder'), '输出');
  }
  if (!has('--force')) {
    if (opts.out === false || opts.force === false) unused.push('force');
    cmd.option('--force', opts.out === false || opts.force === false ? t(`覆盖已存在的输出文件${noEffect}`, `overwrite existing outputs${noEffect}`) : t('覆盖已存在的输出文件', 'overwrite existing output files'));
  }
  cmd.option('--quiet', t('不打印进度和提示（错误、未计入的文件照常打印）', 'no progress or notes (errors and left-out files are always printed)'));
  cmd.addOption(new Option('--lang <lang>', t('界面语言 zh|en（或环境变量 SCORE_LANG）', 'interface language zh|en (or SCORE_LANG)')).choices(['zh', 'en']));
  cmd.option('--no-color', t('不用颜色（也可设环境变量 NO_COLOR）', 'no colour (or set NO_COLOR)'));
  if (unused.length > 0) {
    cmd.hook('preAction', (_parent, action) => {
      const o = action.opts<Record<string, unknown>>();
      if (o.quiet || o.json) return;
      const name = action.parent?.parent ? `${action.parent.name()} ${action.name()}` : action.name();
      for (const k of unused) {
        if (o[k] !== undefined) process.stderr.write(`${t(`注意：score ${name} 不用 --${k}，已忽略`, `note: score ${name} does not use --${k}; ignored`)}\n`);
      }
    });
  }
  return cmd;
}
