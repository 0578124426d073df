// Terminal output: stdout for results (or JSON only), stderr for progress and notes.
import { isAbsolute, relative } from 'node:path';
import chalk from 'chalk';
import { lang, t } from '../batch/i18n.js';
import { jsonSafe, shown, writeRaw } from './terminal-guard.js';
import { placeText, type Diagnostic } from '../core/diagnostics.js';
import type { DiagnosticJson } from './report.js';

/** What say and note look at. */
export interface Verbosity {
  json?: boolean | undefined;
  quiet?: boolean | undefined;
}

/** The colon after a label: full-width in Chinese, ': ' in English. */
export function colon(): string {
  return t('：', ': ');
}

/** A written file as the clerk typed it: relative to the current folder when it is inside it, else absolute. */
export function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return shown(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file);
}

export function printJson(data: unknown): void {
  process.stdout.write(`${jsonSafe(JSON.stringify(data, null, 2))}\n`);
}

/** Prints a line unless --json or --quiet; a function is called only when its text is shown (tables of a county take time). */
export function say(opts: Verbosity, text: string | (() => string)): void {
  if (opts.json || opts.quiet) return;
  process.stdout.write(`${typeof text === 'function' ? text() : text}\n`);
}

export function note(opts: Verbosity, text: string): void {
  if (opts.quiet) return;
  process.stderr.write(`${text}\n`);
}

/** hledger-style: place, the value found, what is wrong, and how to fix it. */
export function formatDiagnostic(d: Diagnostic): string {
  const l = lang();
  const head = d.severity === 'error' ? chalk.red(l === 'en' ? 'error' : '错误') : chalk.yellow(l === 'en' ? 'warning' : '警告');
  // File, sheet, value and the message (which quotes names and values) are data: shown() before colouring.
  const lines = [`${chalk.bold(shown(placeText(d)))}  ${head} ${chalk.dim(d.code)}`];
  if (d.value !== undefined) lines.push(`  ${l === 'en' ? 'found' : '填写值'}${colon()}${shown(JSON.stringify(d.value))}`);
  lines.push(`  ${shown(d.message[l])}`);
  if (d.fix[l]) lines.push(`  ${chalk.green(l === 'en' ? 'fix' : '处理')}${colon()}${shown(d.fix[l])}`);
  return lines.join('\n');
}

/** JSON form of a diagnostic: the contract's issue shape plus code, value and fix. */
export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  const l = lang();
  return { severity: d.severity, code: d.code, file: d.file, sheet: d.sheet, cell: d.cell, value: d.value, message: d.message[l], fix: d.fix[l] };
}

/** A progress line on a TTY (stderr), nothing when piped, with --json or --quiet. */
export function progress(enabled: boolean, label: string): ((done: number, total: number) => void) | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  return (done, total) => {
    writeRaw(process.stderr, `\r${label} ${done}/${total}`);
    if (done === total) writeRaw(process.stderr, '\r\x1b[K');
  };
}
