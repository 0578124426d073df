// `score scheme show ID|FILE` and `score scheme init [--from ID] --out FILE`.
import { existsSync, readFileSync } from 'node:fs';
import { cliText, } from '../messages.js';
import { writeFile } from 'node:fs/promises';
import { saveAtomically } from '../../excel/lean/save.js';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describeScheme } from '../../scheme/describe.js';
import { loadScheme, packageRoot, type LoadResult } from '../../scheme/load.js';
import { EXIT_INPUT, EXIT_USAGE, setExit } from '../../batch/exit.js';
import { lang, t } from '../../batch/i18n.js';
import { z } from 'zod';
import { optionsWithoutScheme, parseOptions, withCommon } from '../options.js';
import { printJson, shownPath, colon } from '../output.js';

export const SCHEMA_FILE = 'score-scheme.schema.json';

export function reportSchemeProblems(r: Extract<LoadResult, { ok: false }>, json: boolean | undefined): void {
  if (json) {
    printJson({ file: r.file, problems: r.problems.map((p) => ({ path: p.path, message: lang() === 'en' ? p.en : p.zh })) });
  } else {
    process.stderr.write(`${cliText('CLI_SCHEME_INVALID', {})}${colon()}${shownPath(r.file)}\n`);
    for (const p of r.problems) process.stderr.write(`  ${p.path ? `${p.path}${colon()}` : ''}${lang() === 'en' ? p.en : p.zh}\n`);
  }
}

/** scheme init: --out names the file to write (commander requires it). */
const InitOptions = optionsWithoutScheme.extend({ from: z.string().optional(), out: z.string() });

export function registerScheme(scheme: Command): void {
  withCommon(scheme.command('show <idOrFile>').description(t('打印方案的细则和决定（--json 打印完整定义）', 'print the rules and decisions (--json: the full definition)')), { out: false, scheme: false }).action(
    (ref: string, raw: unknown) => {
      const opts = parseOptions(optionsWithoutScheme, raw);
      const r = loadScheme(ref);
      if (!r.ok) {
        reportSchemeProblems(r, opts.json);
        return setExit(r.problems.length === 1 && !r.problems[0]!.path && !existsSync(ref) ? EXIT_USAGE : EXIT_INPUT);
      }
      if (opts.json) return printJson(r.scheme);
      process.stdout.write(`${describeScheme(r.scheme, lang())}\n`);
    },
  );
  withCommon(
    scheme
      .command('init')
      .description(t('写出一个可编辑的方案文件（不带 --from 时为县委工作意见的通用框架）', 'write an editable scheme file (without --from: the general frame of the county committee, 《加强党员积分管理的工作意见》)'))
      .option('--from <id>', t('从哪个内置方案复制', 'built-in scheme to copy'))
      .requiredOption('--out <file>', t('写到哪个文件（.json）', 'file to write (.json)'))
      .option('--force', t('覆盖已存在的文件', 'overwrite an existing file')),
    { out: false, scheme: false },
  ).action(async (raw: unknown) => {
    const opts = parseOptions(InitOptions, raw);
    const source = opts.from ? loadScheme(opts.from) : loadScheme(join(packageRoot(), 'templates', 'frame.scheme.json'));
    if (!source.ok) {
      reportSchemeProblems(source, opts.json);
      return setExit(EXIT_USAGE);
    }
    const out = resolve(opts.out);
    const { $schema: _ignored, ...rest } = source.scheme;
    const copy = { $schema: `./${SCHEMA_FILE}`, ...rest, id: opts.from ? `${source.scheme.id}-custom` : 'my-scheme' };
    const saved = await saveAtomically(out, { force: Boolean(opts.force) }, (tmp) => writeFile(tmp, `${JSON.stringify(copy, null, 2)}\n`));
    if (!saved.ok) {
      process.stderr.write(`${saved.reason === 'exists' ? cliText('CLI_FILE_EXISTS', { file: opts.out }) : `${cliText('CLI_WRITE_FAILED', {})}：${saved.message}`}\n`);
      return setExit(EXIT_INPUT);
    }
    const schemaOut = join(dirname(out), SCHEMA_FILE);
    await saveAtomically(schemaOut, {}, (tmp) => writeFile(tmp, readSchemaJson()));
    if (opts.json) return printJson({ file: out, schema: schemaOut, from: opts.from ?? 'frame' });
    const schemaShown = shownPath(schemaOut);
    process.stdout.write(`${t(`已写出方案文件 ${opts.out}（id: ${copy.id}），以及它引用的 ${schemaShown}（编辑器用它补全和检查字段）。修改后用 score scheme show ${opts.out} 检查。`, `Wrote ${opts.out} (id: ${copy.id}) and the ${schemaShown} it refers to (editors use it to complete and check fields). Check it with score scheme show ${opts.out}.`)}\n`);
  });
}

function readSchemaJson(): string {
  return readFileSync(join(packageRoot(), 'templates', SCHEMA_FILE), 'utf8');
}

