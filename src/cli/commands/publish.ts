// `score publish --period 2023Q1 FILES… [--from 2023-04-03] [--days 7]`: the 公示名单 with its window.
import type { Command } from 'commander';
import { join } from 'node:path';
import { evaluate } from '../../core/engine.js';
import { chineseDate, addDays, monthsReadNote, periodTitle } from '../../core/cycle.js';
import { t } from '../../batch/i18n.js';
import { commonOptions, dateOption, daysOption, historyOption, parseOptions, periodsOption, withCommon } from '../options.js';
import { noteLaterRows } from '../period-note.js';
import { nextWorkingDay, outDir, pastWindowWarning, periodOf, publicationDays } from '../common.js';
import { note, printJson, say, progress, colon, shownPath } from '../output.js';
import { excludedJson, openLedgers, reportExcluded } from '../excluded.js';
import { OutputSet } from '../../batch/write.js';
import { historyOptions, historyReport, readHistoryOption } from '../history-option.js';
import { publishReport, type PublishReport } from '../report.js';
import { cliText } from '../messages.js';

/** publish's options: exactly one period. */
const Options = commonOptions.extend({
  period: periodsOption.refine((list) => list.length === 1, () => ({ message: cliText('CLI_PERIOD_ONE', {}) })).transform((list) => list[0]!),
  from: dateOption.optional(),
  days: daysOption.optional(),
  history: historyOption.optional(),
});

export function registerPublish(cmd: Command): void {
  withCommon(
    historyOptions(cmd
      .requiredOption('--period <period>', t('期间：2023Q1、2023H1、2023-03 或 2023', 'period: 2023Q1, 2023H1, 2023-03 or 2023'))
      .option('--from <date>', t('公示开始日期，如 2023-04-03、2023/4/3、2023年4月3日（默认：期间结束后的第一个工作日）', 'first day: 2023-04-03, 2023/4/3 or 2023年4月3日 (default: first working day after the period)'))
      .option('--days <n>', t('公示天数（默认取方案规定的天数；少于方案规定的天数是用法错误）', 'days (default: the scheme\'s minimum; fewer is a usage error)')), { zh: '输出目录', en: 'the output folder' }),
  ).action(async (args: string[], raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { period: arg, scheme: given, from: fromDate, days: daysGiven } = opts;
    const dir = await outDir(opts.out);
    const load = { ...(given ? { scheme: given } : {}), ...(arg.kind !== 'month' ? { year: arg.year } : {}), periods: [arg.text], onProgress: progress(!opts.json && !opts.quiet, t('读取', 'reading')) };
    const opened = await openLedgers(args, opts, { outDir: dir, load }, { period: arg.text });
    if (!opened) return;
    const { scheme, batch } = opened;
    const { items } = opened.gathered;
    const { cycle, period } = periodOf(scheme, arg);
    // Every period reads earlier results (a base carried over from last year applies all year round).
    const history = await readHistoryOption(opts.history, dir, cycle.year);
    const result = evaluate({ scheme, ledgers: batch.ledgers, year: cycle.year, period, history: history.entries });
    const told = historyReport(scheme, result, history);
    for (const line of told.lines) note(opts.json ? { quiet: true } : opts, line);
    const windowDays = publicationDays(scheme, daysGiven);
    const from = fromDate ?? nextWorkingDay(period.end);
    const to = addDays(from, windowDays - 1);
    const past = pastWindowWarning(from, to, fromDate !== undefined);
    if (past) note(opts.json ? { quiet: true } : opts, past);
    const { publicationList, published } = await import('../../excel/write/publication.js');
    const title = periodTitle(cycle, period);
    const set = new OutputSet(Boolean(opts.force), { quiet: Boolean(opts.quiet), scheme: scheme.id, period: period.label, inputs: items.map((i) => i.file), excluded: batch.excluded.map((e) => e.file) });
    if (batch.ledgers.length > 0) await set.add(join(dir, `${title}公示名单.xlsx`), () => publicationList(scheme, result, { from, days: windowDays }));
    const written = await set.commit();
    reportExcluded(batch, opts.json);
    const report = publishReport(scheme, result, published, { cycle, period, from, to, days: windowDays, ...(past ? { windowWarning: past } : {}) }, { excluded: batch.excluded.map(excludedJson), written, stamp: set.stamps[0] ?? null, history: told.json });
    if (opts.json) return printJson(report);
    say(opts, t(`${title}党员积分公示　公示期：${chineseDate(from)}至${chineseDate(to)}（${windowDays} 天）`, `${period.label} publication: ${from} to ${to} (${windowDays} days)`));
    say(opts, `  ${t(monthsReadNote(cycle, period).zh, monthsReadNote(cycle, period).en)}`);
    const listed = countBy(report.members.map((m) => m.branch));
    for (const b of result.branches) say(opts, `  ${b.branch}${colon()}${listed.get(b.branch) ?? 0} ${t('人', 'members')}${notListedText(report.notListed.filter((x) => x.branch === b.branch))}`);
    noteLaterRows(batch.issues, opts);
    for (const w of written) say(opts, t(`已写出：${shownPath(w)}`, `written: ${shownPath(w)}`));
  });
}

/** （本期不在册 1 人：唐宏宇；已转出 1 人：李某）: who the branch's list leaves out by the roll, said to the clerk (R20). */
function notListedText(notListed: PublishReport['notListed']): string {
  const parts: string[] = [];
  const offRoll = notListed.filter((x) => x.reason === 'offRoll').map((x) => x.name);
  const moved = notListed.filter((x) => x.reason === 'transferredOut').map((x) => x.name);
  if (offRoll.length) parts.push(t(`本期不在册 ${offRoll.length} 人：${offRoll.join('、')}`, `${offRoll.length} not on the roll: ${offRoll.join(', ')}`));
  if (moved.length) parts.push(t(`已转出 ${moved.length} 人：${moved.join('、')}`, `${moved.length} transferred out: ${moved.join(', ')}`));
  return parts.length ? t(`（未列入——${parts.join('；')}）`, ` (not listed — ${parts.join('; ')})`) : '';
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
