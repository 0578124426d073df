// --history DIR / --no-history for the commands that grade a cycle, and saying out loud which
// earlier results the consecutive-year and carry-over rules used, and who had none.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { historyLookup } from '../core/engine.js';
import { gapText, historyGaps, historyRules, type HistoryGaps } from '../core/grade/history-use.js';
import type { HistoryEntry } from '../core/model.js';
import type { PeriodResult } from '../core/result.js';
import type { Scheme } from '../scheme/schema.js';
import { readHistoryDir } from '../batch/history.js';
import { lang, t } from '../batch/i18n.js';
import type { HistoryJson, HistoryWarning } from './report.js';

export interface HistorySource {
  entries: HistoryEntry[];
  /** The 评定结果 workbooks read. */
  files: string[];
  /** --no-history: the first year of the scheme, said so. */
  firstYear: boolean;
  /** Files in the history folder not used, and why (no score stamp, a second candidate for a year). */
  warnings?: { code: string; file: string; message: string }[];
}

export function historyOptions(cmd: Command, defaultText: { zh: string; en: string }): Command {
  return cmd
    .option('--history <dir>', t(`往年评定结果所在文件夹（默认：${defaultText.zh}）`, `folder of earlier results (default: ${defaultText.en})`))
    .option('--no-history', t('第一个年度：不读取往年结果（连续年度、上年度基础分规则不适用，并在输出中注明）', 'first year: read no earlier results (consecutive-year and carry-over rules do not apply; said in the output)'));
}

/** The earlier results: none with --no-history; else the folder given (checked by historyOption) or the default one. */
export async function readHistoryOption(given: string | false | undefined, fallbackDir: string, year: number): Promise<HistorySource> {
  if (given === false) return { entries: [], files: [], firstYear: true };
  const r = await readHistoryDir(resolve(typeof given === 'string' ? given : fallbackDir), year);
  return { ...r, firstYear: false };
}

export interface HistoryReport {
  /** --json fields: historyUsed, firstYear, historyWarnings. */
  json: HistoryJson;
  /** Terminal lines (stderr): what was used, the first year, each gap. */
  lines: string[];
}

/** Which earlier results the scheme's history rules used and who had none (nothing when the scheme has no such rule). */
export function historyReport(scheme: Scheme, result: Pick<PeriodResult, 'cycle' | 'period'> & Partial<Pick<PeriodResult, 'branches'>>, source: HistorySource, found?: HistoryGaps): HistoryReport {
  const rules = historyRules(scheme, result.period.kind);
  if (rules.length === 0) return { json: {}, lines: [] };
  const ruleText = rules.map((r) => r[lang()]).join(t('、', '; '));
  if (source.firstYear) {
    return {
      json: { historyUsed: [], firstYear: true, historyWarnings: [] },
      lines: [t(`第一个年度（--no-history）：不读取往年结果，${ruleText}不适用`, `first year (--no-history): no earlier results read; ${ruleText} do not apply`)],
    };
  }
  const gaps = found ? found.gaps() : historyGaps(scheme, { ...result, branches: result.branches ?? [] }, historyLookup(source.entries));
  const lines: string[] = [];
  const skipped = source.warnings ?? [];
  for (const w of skipped) lines.push(`${t('警告', 'warning')}：${w.message}`);
  if (source.files.length > 0) lines.push(t(`使用往年结果：${source.files.join('、')}`, `earlier results: ${source.files.join(', ')}`));
  for (const g of gaps) lines.push(`${t('警告', 'warning')}：${gapText(g, lang())}`);
  const warnings: HistoryWarning[] = skipped.map((w) => ({ code: w.code, file: w.file, message: w.message }));
  warnings.push(...gaps.map((g): HistoryWarning => ({ code: 'HISTORY_NOT_FOUND', year: g.year, rules: g.rules.map((r) => r[lang()]), message: gapText(g, lang()), missing: g.missing })));
  return { json: { historyUsed: source.files, firstYear: false, historyWarnings: warnings }, lines };
}
