// The options every command shares (withCommon), and the zod helpers that parse option values,
// without the scheme loader, the readers' cell parsing or the date library: `score schemes` needs
// only these (issue 23: start-up). The option values themselves are in ./options.ts, which
// re-exports these.
import { cliText, } from './messages.js';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../batch/exit.js';
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
        if (o[k] !== undefined) process.stderr.write(`${cliText('CLI_OPTION_IGNORED', { command: name, option: k })}\n`);
      }
    });
  }
  return cmd;
}

/** A check's own message as the zod issue (fatal: no later check runs on a value that did not parse); parseOptions turns the first one into the usage error. */
export function fail(ctx: z.RefinementCtx, message: string, details: string[] = []): typeof z.NEVER {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: { details }, fatal: true });
  return z.NEVER;
}

/** One of a few words (--layout monthly|card), else the usage message given. */
export function oneOf<const W extends readonly string[]>(words: W, message: () => string) {
  return z.string().transform((v, ctx): W[number] => ((words as readonly string[]).includes(v) ? (v as W[number]) : fail(ctx, message())));
}

/** An option that must be given: its own message (evaluated when it is missing, in the interface language). */
export function required<T extends z.ZodTypeAny>(schema: T, message: () => string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => (v === undefined ? fail(ctx, message()) : v))
    .pipe(schema);
}

/** The options withCommon adds, as every command reads them, apart from --scheme (./options.ts adds it, loaded). */
export const commonShape = {
  json: z.boolean().optional(),
  out: z.string().optional(),
  force: z.boolean().optional(),
  quiet: z.boolean().optional(),
  lang: z.enum(['zh', 'en']).optional(),
  color: z.boolean().optional(),
};

/** The common options of a command that loads no scheme (schemes, scheme show/init): --scheme is accepted and noted as unused. */
export const optionsWithoutScheme = z.object({ scheme: z.string().optional(), ...commonShape });

/**
 * commander's option values → the command's typed options. The first problem (in the schema's
 * key order) is the usage error; any other throw is a bug and stays one.
 */
export function parseOptions<S extends z.ZodTypeAny>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const details = issue?.code === z.ZodIssueCode.custom ? (issue.params?.details as string[] | undefined) : undefined;
  throw new UsageError(issue?.message ?? cliText('CLI_OPTION_INVALID', {}), details);
}
