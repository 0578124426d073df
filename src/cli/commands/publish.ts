// `score publish --period 2023Q1 FILES… [--from 2023-04-03] [--days 7]`: the 公示名单 with its window.
import type { Command } from 'commander';
import { join } from 'node:path';
import { evaluate } from '../../core/engine.js';
import { chineseDate, addDays, monthsRead, monthsReadNote, periodTitle } from '../../core/cycle.js';
import { toNumber } from '../../core/decimal.js';
import { outputOrder } from '../../core/grade.js';
import { t } from '../../batch/i18n.js';
import { withCommon } from '../options.js';
import { noteLaterRows } from '../period-note.js';
import { batchScheme } from '../../batch/inputs.js';
import { gatherLedgers } from '../../batch/gather.js';
import { dateOption, daysOption, nextWorkingDay, outDir, pastWindowWarning, periodArgs, periodOf, publicationDays, schemeOption } from '../common.js';
import { note, printJson, say, type CommonOptions, progress, colon, shownPath } from '../output.js';
import { excludedJson, reportEmpty, reportExcluded, reportNothingReadable, reportNotes } from '../excluded.js';
import { splitBatch } from '../../batch/split.js';
import { OutputSet } from '../../batch/write.js';
import { UsageError } from '../../batch/exit.js';
import type { BranchResult } from '../../core/result.js';
import { checkHistoryOption, historyOptions, historyReport, readHistoryOption } from '../history-option.js';

interface Options extends CommonOptions {
  period: string;
  from?: string;
  days?: string;
  history?: string | false;
}

export function registerPublish(program: Command): void {
  withCommon(
    historyOptions(program
      .command('publish')
      .description(t('写出月度、季度或年度的公示名单（只含姓名、支部、积分、等次）', 'write the publication list for a month, quarter or year (public fields only)'))
      .argument('<files...>', t('台账文件或文件夹', 'ledger files or folders'))
      .requiredOption('--period <period>', t('期间：2023Q1、2023H1、2023-03 或 2023', 'period: 2023Q1, 2023H1, 2023-03 or 2023'))
      .option('--from <date>', t('公示开始日期，如 2023-04-03、2023/4/3、2023年4月3日（默认：期间结束后的第一个工作日）', 'first day: 2023-04-03, 2023/4/3 or 2023年4月3日 (default: first working day after the period)'))
      .option('--days <n>', t('公示天数（默认取方案规定的天数；少于方案规定的天数是用法错误）', 'days (default: the scheme\'s minimum; fewer is a usage error)')), { zh: '输出目录', en: 'the output folder' }),
  ).action(async (args: string[], opts: Options) => {
    checkHistoryOption(opts.history);
    const [arg, ...more] = periodArgs(opts.period);
    if (!arg || more.length > 0) throw new UsageError(t('--period 只能写一个期间', '--period takes one period'));
    const fromDate = dateOption(opts.from);
    const daysGiven = daysOption(opts.days);
    const given = schemeOption(opts.scheme);
    const dir = await outDir(opts.out);
    const gathered = await gatherLedgers(args, { outDir: dir, load: { ...(given ? { scheme: given } : {}), ...(arg.kind !== 'month' ? { year: arg.year } : {}), periods: [arg.text], onProgress: progress(!opts.json && !opts.quiet, t('读取', 'reading')) } });
    reportNotes(gathered.notes, opts.quiet || opts.json);
    if (gathered.found === 0) return reportEmpty(args, gathered.excluded, opts, { scheme: null, period: arg.text });
    const { items } = gathered;
    const scheme = batchScheme(items, given);
    if (!scheme) {
      return reportNothingReadable(items, gathered.excluded, opts, { period: arg.text });
    }
    const batch = splitBatch(items, scheme, gathered.excluded);
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
    const set = new OutputSet(Boolean(opts.force), { scheme: scheme.id, period: period.label, inputs: items.map((i) => i.file), excluded: batch.excluded.map((e) => e.file) });
    if (batch.ledgers.length > 0) await set.add(join(dir, `${title}公示名单.xlsx`), () => publicationList(scheme, result, { from, days: windowDays }));
    const written = await set.commit();
    reportExcluded(batch, opts.json);
    const rows = result.branches.flatMap((b) => outputOrder(b.members).filter(published).map((m) => ({ branch: b.branch, name: m.name, total: toNumber(m.total), grade: m.grade ?? null, stars: m.stars ?? null })));
    const notListed = result.branches.flatMap((b) => [
      ...(b.offRoll ?? []).map((x) => ({ branch: b.branch, name: x.name, reason: 'offRoll', ...(x.joined ? { joined: x.joined } : {}), ...(x.left ? { left: x.left } : {}) })),
      ...b.members.filter((m) => m.transferredOut).map((m) => ({ branch: b.branch, name: m.name, reason: 'transferredOut', left: m.transferredOut })),
    ]);
    if (opts.json) return printJson({ scheme: scheme.id, period: period.label, monthsRead: monthsRead(cycle, period), from, to, days: windowDays, ...(past ? { windowWarning: past } : {}), members: rows, notListed, excluded: batch.excluded.map(excludedJson), written, stamp: set.stamps[0] ?? null, ...told.json });
    say(opts, t(`${title}党员积分公示　公示期：${chineseDate(from)}至${chineseDate(to)}（${windowDays} 天）`, `${period.label} publication: ${from} to ${to} (${windowDays} days)`));
    say(opts, `  ${t(monthsReadNote(cycle, period).zh, monthsReadNote(cycle, period).en)}`);
    for (const b of result.branches) say(opts, `  ${b.branch}${colon()}${b.members.filter(published).length} ${t('人', 'members')}${notListedText(b)}`);
    noteLaterRows(batch.issues, opts);
    for (const w of written) say(opts, t(`已写出：${shownPath(w)}`, `written: ${shownPath(w)}`));
  });
}

/** （本期不在册 1 人：唐宏宇；已转出 1 人：李某）: who the branch's list leaves out by the roll, said to the clerk (R20). */
function notListedText(b: BranchResult): string {
  const parts: string[] = [];
  if (b.offRoll?.length) parts.push(t(`本期不在册 ${b.offRoll.length} 人：${b.offRoll.map((x) => x.name).join('、')}`, `${b.offRoll.length} not on the roll: ${b.offRoll.map((x) => x.name).join(', ')}`));
  const moved = b.members.filter((m) => m.transferredOut);
  if (moved.length) parts.push(t(`已转出 ${moved.length} 人：${moved.map((m) => m.name).join('、')}`, `${moved.length} transferred out: ${moved.map((m) => m.name).join(', ')}`));
  return parts.length ? t(`（未列入——${parts.join('；')}）`, ` (not listed — ${parts.join('; ')})`) : '';
}
