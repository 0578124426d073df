// The terminal and --json report of a batch's left-out files (未计入) and its errors.
import { basename } from 'node:path';
import { placeText } from '../core/diagnostics.js';
import { lang, t } from '../batch/i18n.js';
import type { LoadedLedger } from '../batch/inputs.js';
import type { Batch } from '../batch/split.js';
import { setExit, EXIT_INPUT } from '../batch/exit.js';
import { diagnosticJson, printJson } from './output.js';

export function reportExcluded(b: Pick<Batch, 'excluded' | 'issues'>, json: boolean | undefined): void {
  if (b.excluded.length > 0) setExit(EXIT_INPUT);
  // Left-out files and errors are never hidden by --quiet; with --json they are in the JSON.
  if (json) return;
  for (const e of b.excluded) {
    process.stderr.write(`${t('未计入', 'left out')}：${e.branch ? `${e.branch}（${basename(e.file)}）` : basename(e.file)} — ${e.reason}\n`);
  }
  const errors = b.issues.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    process.stderr.write(`${t(`共有 ${errors.length} 个错误，第一个：${placeText(errors[0]!)} ${errors[0]!.message[lang()]}。用 score validate 查看全部`, `${errors.length} errors; first: ${placeText(errors[0]!)} ${errors[0]!.message.en}. Run score validate for all`)}\n`);
  }
}

/**
 * No ledger of the batch could be read (so no scheme is known): every file is reported as left
 * out, and --json still prints the contract's shape with the issues and the left-out files.
 */
export function reportNothingReadable(items: LoadedLedger[], opts: { quiet?: boolean; json?: boolean }, json: Record<string, unknown> = {}): void {
  const excluded = items.map((i) => ({ file: i.file, reason: i.excluded ?? '' }));
  const issues = items.flatMap((i) => i.diagnostics);
  reportExcluded({ excluded, issues }, opts.json);
  if (items.length === 0) setExit(EXIT_INPUT);
  if (opts.json) printJson({ scheme: null, ...json, members: [], issues: issues.map(diagnosticJson), excluded });
}
