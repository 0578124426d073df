// `score compute FILES… [--period 2023Q1|2023-03|2023]`: totals per member for each period asked,
// and the filled 评分汇总表 per branch (a sheet per period).
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { historyOptions, historyReport, readHistoryOption, type HistoryReport } from '../history-option.js';
import { evaluate } from '../../core/engine.js';
import { monthsRead, monthsReadNote, periodTitle } from '../../core/cycle.js';
import type { PeriodResult } from '../../core/result.js';
import { lang, t } from '../../batch/i18n.js';
import { commonOptions, historyOption, parseOptions, periodsOption, quotaScopeOption, withCommon } from '../options.js';
import { noteLaterRows } from '../period-note.js';
import { outDir, periodOf } from '../common.js';
import { note, printJson, say, progress, shownPath } from '../output.js';
import { membersTable, resultJson } from '../render.js';
import { openLedgers, reportExcluded } from '../excluded.js';
import { OutputSet } from '../../batch/write.js';
import { cliText } from '../messages.js';

/** compute's options: the periods (default: the cycle), all in one cycle. */
const Options = commonOptions.extend({
  period: periodsOption.default(''),
  quotaScope: quotaScopeOption.optional(),
  history: historyOption.optional(),
}).refine((o) => new Set(o.period.filter((p) => p.kind !== 'month').map((p) => p.year)).size <= 1, () => ({ message: cliText('CLI_PERIODS_ONE_CYCLE', {}) }));

export function registerCompute(cmd: Command): void {
  withCommon(
    historyOptions(cmd
      .option('--period <periods>', t('期间：2023（年度）、2023Q1（季度）、2023H1（半年）、2023-03（月），可用逗号写多个（默认：台账的年度）', 'period(s): 2023, 2023Q1, 2023H1, 2023-03, comma-separated (default: the cycle)'))
      .option('--quota-scope <scope>', t('优秀名额按支部（branch）或全镇（township）计算', 'quota per branch or across the township'), undefined), { zh: '输出目录', en: 'the output folder' }),
  ).action(async (args: string[], raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { scheme: given, period: periods } = opts;
    const year = periods.find((p) => p.kind !== 'month')?.year;
    const dir = await outDir(opts.out);
    const opened = await openLedgers(args, opts, { outDir: dir, load: { ...(given ? { scheme: given } : {}), ...(year ? { year } : {}), periods: periods.map((p) => p.text), onProgress: progress(!opts.json && !opts.quiet, t('读取', 'reading')) } });
    if (!opened) return;
    const { scheme, batch } = opened;
    const { items } = opened.gathered;
    const cycleYear = year ?? items.find((i) => i.year)?.year;
    const results: PeriodResult[] = [];
    const told: HistoryReport[] = [];
    const wanted = periods.length > 0 ? periods : [{ text: String(cycleYear), year: cycleYear!, kind: 'cycle' as const }];
    for (const arg of wanted) {
      const { cycle, period } = periodOf(scheme, arg);
      // Earlier results as grade and explain read them: a base carried over from last year (it-bureau)
      // applies in every period of the year, so compute, publish and explain agree on every total.
      const history = await readHistoryOption(opts.history, resolve(opts.out ?? '输出'), cycle.year);
      const r = evaluate({ scheme, ledgers: batch.ledgers, year: cycle.year, period, history: history.entries, ...(opts.quotaScope ? { quotaScope: opts.quotaScope } : {}) });
      results.push(r);
      told.push(historyReport(scheme, r, history));
    }
    const set = new OutputSet(Boolean(opts.force), { quiet: Boolean(opts.quiet), scheme: scheme.id, period: results.map((r) => r.period.label).join(','), inputs: items.map((i) => i.file), excluded: batch.excluded.map((e) => e.file) });
    if (batch.ledgers.length > 0) {
      const { summarySheet } = await import('../../excel/write/summary.js');
      const { safeName, fileNamer } = await import('../../excel/write/names.js');
      const { Book } = await import('../../excel/lean/book.js');
      const { periodChartSheet } = await import('../../excel/write/charts.js');
      const fileName = fileNamer(dir);
      for (let bi = 0; bi < batch.ledgers.length; bi++) {
        const label = results.map((r) => r.period.label).join('_');
        await set.add(join(dir, fileName(`${safeName(batch.ledgers[bi]!.branch, { maxLength: 60 })}_评分汇总表_${label}.xlsx`)), () => {
          const wb = new Book();
          for (const r of results) summarySheet(wb, scheme, r, r.branches[bi]!, periodTitle(r.cycle, r.period));
          periodChartSheet(wb, scheme, results, bi);
          return wb;
        });
      }
    }
    const written = await set.commit();
    reportExcluded(batch, opts.json);
    if (opts.json) {
      const out = results.map((r, i) => resultJson(r, batch.issues, { monthsRead: monthsRead(r.cycle, r.period), excluded: batch.excluded, written, stamp: set.stamps[0] ?? null, ...told[i]!.json }));
      return printJson(out.length === 1 ? out[0] : out);
    }
    for (const r of results) {
      say(opts, `${lang() === 'en' ? `${r.period.kind === 'cycle' ? `cycle ${r.period.label}` : r.period.label} (${scheme.name})  ` : `${periodTitle(r.cycle, r.period)}（${scheme.name}）　`}${t(monthsReadNote(r.cycle, r.period).zh, monthsReadNote(r.cycle, r.period).en)}`);
      say(opts, () => membersTable(scheme, r));
    }
    for (const line of told.flatMap((x) => x.lines)) note(opts, line);
    noteLaterRows(batch.issues, opts);
    for (const w of written) say(opts, t(`已写出：${shownPath(w)}`, `written: ${shownPath(w)}`));
  });
}
