// The terminal and --json report of a batch's left-out files (未计入), its notes, an empty input,
// and its errors.
import { basename } from 'node:path';
import { cliText, } from './messages.js';
import { placeText } from '../core/diagnostics.js';
import { lang, t } from '../batch/i18n.js';
import type { LoadedLedger } from '../batch/inputs.js';
import type { Batch, Excluded } from '../batch/split.js';
import type { CollectOptions } from '../batch/collect.js';
import type { LoadOptions } from '../batch/inputs.js';
import { openBatch, type OpenedBatch } from '../batch/open.js';
import { setExit, EXIT_INPUT } from '../batch/exit.js';
import { diagnosticJson, printJson, colon } from './output.js';
import { shown } from './terminal-guard.js';
import type { EmptyContext, ExcludedJson } from './report.js';

/** One left-out file on one line: name — reason。处理：fix. */
export function excludedLine(e: Excluded): string {
  // The file's name, the branch and the reason (which quotes them) are data: every control character shown escaped.
  const name = e.branch ? `${shown(e.branch)}${t('（', ' (')}${shown(basename(e.file))}${t('）', ')')}` : shown(basename(e.file));
  return `${t('未计入', 'left out')}${colon()}${name} — ${shown(e.reason)}${e.fix ? t(`。处理：${shown(e.fix)}`, `. Fix: ${shown(e.fix)}`) : ''}`;
}

/** JSON form of a left-out file (the contract's `excluded` entries). */
export function excludedJson(e: Excluded): ExcludedJson {
  return { file: e.file, ...(e.branch ? { branch: e.branch } : {}), reason: e.reason, ...(e.fix ? { fix: e.fix } : {}) };
}

/** Notes on files passed by that need no action (lock files, the output folder), unless quiet. */
export function reportNotes(notes: string[], quiet: boolean | undefined): void {
  if (quiet) return;
  for (const n of notes) process.stderr.write(`${shown(n)}\n`);
}

/** Where the rest of the errors are to be seen (the drop window writes a 问题清单 instead of advising a command). */
let seeAll: { zh: string; en: string } = { zh: '用 score validate 查看全部', en: 'Run score validate for all' };
export function setSeeAll(text: { zh: string; en: string }): void {
  seeAll = text;
}

export function reportExcluded(b: Pick<Batch, 'excluded' | 'issues'>, json: boolean | undefined): void {
  if (b.excluded.length > 0) setExit(EXIT_INPUT);
  // Left-out files and errors are never hidden by --quiet; with --json they are in the JSON.
  if (json) return;
  for (const e of b.excluded) process.stderr.write(`${excludedLine(e)}\n`);
  // An error of a left-out file is its 未计入 line already: each problem is printed once.
  const left = new Set(b.excluded.map((e) => e.file));
  const errors = b.issues.filter((d) => d.severity === 'error' && !left.has(d.file));
  if (errors.length > 0) {
    const place = shown(placeText(errors[0]!));
    process.stderr.write(`${cliText('CLI_ERRORS_FIRST', { n: errors.length, placeZh: place, placeEn: place, firstZh: shown(errors[0]!.message[lang()]), firstEn: shown(errors[0]!.message.en), seeZh: seeAll.zh, seeEn: seeAll.en })}\n`);
  }
}

/** The one line for an input with no workbook to read (exit 1); the files left out are listed first. */
export function reportEmpty(args: string[], excluded: Excluded[], opts: { quiet?: boolean; json?: boolean }, json: EmptyContext): void {
  setExit(EXIT_INPUT);
  const where = shown(args.join(t('、', ', ')));
  const line = excluded.length > 0
    ? cliText('CLI_NO_LEDGER_LEFT', { where, n: excluded.length })
    : cliText('CLI_NO_LEDGER_FOUND', { where });
  if (!opts.json) for (const e of excluded) process.stderr.write(`${excludedLine(e)}\n`);
  process.stderr.write(`${line}\n`);
  if (opts.json) printJson({ ...json, members: [], issues: [], excluded: excluded.map(excludedJson), error: line });
}

/**
 * No ledger of the batch could be read (so no scheme is known): every file is reported as left
 * out, and --json still prints the contract's shape with the issues and the left-out files.
 */
export function reportNothingReadable(items: LoadedLedger[], before: Excluded[], opts: { quiet?: boolean; json?: boolean }, json: { cycle?: string; period?: string } = {}): void {
  const excluded: Excluded[] = [...before, ...items.map((i) => {
    const fix = i.diagnostics.find((d) => d.severity === 'error')?.fix[lang()];
    return { file: i.file, reason: i.excluded ?? '', ...(fix ? { fix } : {}) };
  })];
  const issues = items.flatMap((i) => i.diagnostics);
  reportExcluded({ excluded, issues }, opts.json);
  setExit(EXIT_INPUT);
  if (opts.json) printJson({ scheme: null, ...json, members: [], issues: issues.map(diagnosticJson), excluded: excluded.map(excludedJson) });
}

/**
 * The opening of compute, grade and publish: the batch (openBatch), or undefined when there is none,
 * after saying why here (the notes, an empty input, nothing readable: exit 1, and --json's shape
 * with `scheme: null` and the context given).
 */
export async function openLedgers(
  args: string[],
  opts: { quiet?: boolean | undefined; json?: boolean | undefined },
  open: CollectOptions & { load: LoadOptions },
  context: { cycle?: string; period?: string } = {},
): Promise<Extract<OpenedBatch, { kind: 'batch' }> | undefined> {
  const opened = await openBatch(args, open);
  reportNotes(opened.gathered.notes, opts.quiet || opts.json);
  if (opened.kind === 'empty') reportEmpty(args, opened.gathered.excluded, opts, { scheme: null, ...context });
  else if (opened.kind === 'unreadable') reportNothingReadable(opened.gathered.items, opened.gathered.excluded, opts, context);
  else return opened;
  return undefined;
}
