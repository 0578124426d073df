// `score grade --year 2023 [--dir 台账] [--history DIR] [--quota-scope branch|township]`:
// the year end: grades every ledger of the cycle, writes 评定结果 and 公示名单.
import type { Command } from 'commander';
import { z } from 'zod';
import { join } from 'node:path';
import { gradeBranches, historyLookup } from '../../core/engine.js';
import { withQuotaScope } from '../../core/grade/grade.js';
import { HistoryGaps } from '../../core/grade/history-use.js';
import { gradePacked, townshipCut } from '../../batch/graded.js';
import { publicationLaneUsed, writePublicationElsewhere } from '../../batch/publication-lane.js';
import { digestOf } from '../../excel/write/digest.js';
import { monthsRead } from '../../core/cycle.js';
import { t } from '../../batch/i18n.js';
import { commonOptions, dateOption, daysOption, historyOption, parseOptions, quotaScopeOption, withCommon, yearOption } from '../options.js';
import { nextWorkingDay, outDir, pastWindowWarning, publicationDays } from '../common.js';
import { printJson, say, note, progress, shownPath } from '../output.js';
import { overviewTable, resultJson } from '../render.js';
import { excludedJson, openLedgers, reportExcluded } from '../excluded.js';
import { OutputSet, saveBook } from '../../batch/write.js';
import { historyOptions, historyReport, readHistoryOption } from '../history-option.js';
import { timing } from '../timing.js';

/** grade's options (checked in this order, before any file is read). */
const Options = commonOptions.extend({
  year: yearOption,
  quotaScope: quotaScopeOption.optional(),
  from: dateOption.optional(),
  days: daysOption.optional(),
  history: historyOption.optional(),
  dir: z.string().optional(),
});

export function registerGrade(cmd: Command): void {
  withCommon(
    historyOptions(cmd
      .requiredOption('--year <year>', t('积分年度，如 2023', 'cycle, e.g. 2023'))
      .option('--dir <dir>', t('台账所在文件夹（递归查找 .xlsx）', 'folder of ledgers (searched recursively)'))
      .option('--quota-scope <scope>', t('优秀名额按支部（branch）或全镇（township）计算', 'quota per branch or across the township'))
      .option('--from <date>', t('公示开始日期，如 2023-01-03、2023/1/3、2023年1月3日（默认：周期结束后的第一个工作日）', 'publication start: 2024-01-03, 2024/1/3 or 2024年1月3日 (default: first working day after the cycle)'))
      .option('--days <n>', t('公示天数（默认取方案规定的天数；少于方案规定的天数是用法错误）', 'publication days (default: the scheme\'s minimum; fewer is a usage error)')), { zh: '输出目录', en: 'the output folder' }),
  ).action(async (args: string[], raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { year, scheme: given, from: fromDate, days: daysGiven } = opts;
    const dir = await outDir(opts.out);
    // No files and no --dir: the ledgers of the current folder (its output folder is never read).
    const inputs = [...args, ...(opts.dir ? [opts.dir] : [])];
    if (inputs.length === 0) inputs.push('.');
    timing('start');
    const history = await readHistoryOption(opts.history, dir, year);
    // Each ledger is computed as soon as it is read (on every core), then dropped: memory stays flat.
    // The read workers' branches stay packed until each is written (src/batch/graded.ts): memory grows with the largest branch.
    const load = { ...(given ? { scheme: given } : {}), year, skipOtherYears: true, compute: { history: history.entries }, packed: true, onProgress: progress(!opts.json && !opts.quiet, t('读取', 'reading')) };
    const opened = await openLedgers(inputs, opts, { outDir: dir, load }, { cycle: String(year), period: String(year) });
    if (!opened) return;
    const { batch } = opened;
    // --quota-scope changes the scheme this run grades with: the 公示 and the 总览 then say the scope used.
    const scheme = withQuotaScope(opened.scheme, opts.quotaScope);
    const { items } = opened.gathered;
    timing('read and check');
    const input = { scheme, year, history: history.entries, trace: false };
    // Every branch of a batch comes in one form (src/batch/inputs.ts): a mix would lose branches.
    if (batch.packed.length > 0 && batch.branches.length > 0) throw new Error('grade: a batch with both packed and expanded branches');
    // A township quota over packed branches: its cut worked out once (a pass), for this thread and the write worker.
    const cut = batch.packed.length > 0 ? townshipCut(input, batch.packed) : undefined;
    const result = batch.packed.length > 0 ? gradePacked(input, batch.packed, cut) : gradeBranches(input, batch.branches);
    // One pass over the branches for the 总览, 图表, 公示 columns and the terminal (digestOf), and who has no earlier result.
    const gaps = new HistoryGaps(scheme, result.cycle.year, result.period.kind, historyLookup(history.entries), opts.json ? Infinity : 5);
    const digest = digestOf(scheme, result, (b) => gaps.add(b));
    const told = historyReport(scheme, result, history, gaps);
    for (const line of told.lines) note(opts.json ? { quiet: true } : opts, line);
    timing('history and grade');
    const days = publicationDays(scheme, daysGiven);
    const from = fromDate ?? nextWorkingDay(result.cycle.end);
    const { addDays } = await import('../../core/cycle.js');
    const past = pastWindowWarning(from, addDays(from, days - 1), fromDate !== undefined);
    if (past) note(opts.json ? { quiet: true } : opts, past);
    const { gradeWorkbook } = await import('../../excel/write/results.js');
    const { publicationList } = await import('../../excel/write/publication.js');
    const label = `${year}年度`;
    // One set: the 公示名单 (the smaller) first, then the 评定结果 (written side by side when a worker writes the
    // 公示名单); both in place, or neither.
    const set = new OutputSet(Boolean(opts.force), { quiet: Boolean(opts.quiet), scheme: scheme.id, period: String(year), inputs: items.map((i) => i.file), excluded: batch.excluded.map((e) => e.file) });
    const publication = { from, days };
    const adds: Promise<void>[] = [];
    if (batch.ledgers.length > 0) {
      const target = join(dir, `${label}公示名单.xlsx`);
      // A county-size batch: the 公示名单 is written by a worker while this thread writes the 评定结果 (same bytes).
      if (publicationLaneUsed(batch.packed)) {
        const job = { input, cut, packed: batch.packed, publication: { ...publication, published: digest.published } };
        adds.push(set.addWritten(target, (tmp, stamp, time) => writePublicationElsewhere({ ...job, tmp, stamp, time: time.getTime() }, () => saveBook(publicationList(scheme, result, publication), tmp, stamp, time))));
      } else await set.add(target, () => publicationList(scheme, result, publication));
    }
    adds.push(set.add(join(dir, `${label}评定结果.xlsx`), () => gradeWorkbook(scheme, result, { excluded: batch.excluded })));
    await Promise.all(adds);
    const written = await set.commit();
    timing('write');
    reportExcluded(batch, opts.json);
    if (opts.json) return printJson(resultJson(result, batch.issues, { monthsRead: monthsRead(result.cycle, result.period), excluded: batch.excluded.map(excludedJson), written, stamp: set.stamps[0] ?? null, ...(past ? { windowWarning: past } : {}), history: history.files, ...told.json }));
    say(opts, t(`${scheme.name}　${label}评定（${batch.ledgers.length} 个支部，${digest.members} 名党员）`, `${scheme.name} ${year}: ${batch.ledgers.length} branches`));
    say(opts, () => overviewTable(scheme, result, batch.excluded));
    const attention = opts.quiet ? 0 : digest.attention;
    if (attention) say(opts, t(`需关注 ${attention} 人（见评定结果「需关注」表）`, `${attention} members flagged (see 需关注)`));
    for (const w of written) say(opts, t(`已写出：${shownPath(w)}`, `written: ${shownPath(w)}`));
  });
}
