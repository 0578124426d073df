// `score validate FILES… [--report]`: every problem at once, hledger-style; exit 1 on any error.
import type { Command } from 'commander';
import { basename, join } from 'node:path';
import { hasErrors } from '../../core/diagnostics.js';
import { lang, t } from '../../batch/i18n.js';
import { z } from 'zod';
import { commonOptions, onePeriodOption, parseOptions, withCommon, yearOption, type PeriodArg } from '../options.js';
import { EXIT_INPUT, setExit } from '../../batch/exit.js';
import type { LoadedLedger } from '../../batch/inputs.js';
import { openBatch } from '../../batch/open.js';
import { OutputSet } from '../../batch/write.js';
import { excludedJson, excludedLine, reportEmpty, reportNotes } from '../excluded.js';
import { outDir, periodOf } from '../common.js';
import { cycleOf, cycleTitle, monthNumber, periodTitle, sheetRun } from '../../core/cycle.js';
import { printJson, say, progress, shownPath } from '../output.js';
import type { ValidateReport } from '../report.js';
import type { Stamp } from '../../batch/stamp.js';
import { printDiagnostics, summaryLine } from '../render.js';
import { diagnosticJson } from '../output.js';
import { WORKBOOK_EXT } from '../../excel/book.js';

/** What `--period` checked: the months from the cycle start to the period end (resolved with the batch's scheme). */
function checkedThrough(items: LoadedLedger[], arg: PeriodArg | undefined): { label: string; title: string; months: string[]; run: string } | undefined {
  const scheme = items.find((i) => i.scheme)?.scheme;
  if (!arg || !scheme) return undefined;
  const { cycle, period } = periodOf(scheme, arg);
  const months = [...Array(Math.max(...period.months) + 1).keys()];
  const names = months.map((i) => `${monthNumber(cycle, i)}月`);
  return { label: period.label, title: periodTitle(cycle, period), months: names, run: sheetRun(names, months) };
}

/** The cycle the batch's ledgers belong to (2023年度), when they agree on one. */
function checkedCycle(items: LoadedLedger[]): string | undefined {
  const scheme = items.find((i) => i.scheme)?.scheme;
  const years = new Set(items.map((i) => i.year).filter((y): y is number => y !== undefined));
  if (!scheme || years.size !== 1) return undefined;
  return cycleTitle(cycleOf([...years][0]!, scheme.cycle));
}

const Options = commonOptions.extend({
  year: yearOption.optional(),
  period: onePeriodOption.optional(),
  report: z.boolean().optional(),
  reportPerBranch: z.boolean().optional(),
});

export function registerValidate(cmd: Command): void {
  withCommon(
    cmd
      .option('--year <year>', t('积分年度（默认取「说明」表）', 'cycle (default: from 说明)'))
      .option('--period <period>', t('只检查到这个期间为止：2023Q1、2023H1、2023-03（之后尚未记录的月份不算错误；默认：整个年度）', 'check up to this period: 2023Q1, 2023H1, 2023-03 (later months not yet recorded are fine; default: the cycle)'))
      .option('--report', t('另写一份「问题清单」工作簿（每个台账一张表）', 'also write a 问题清单 workbook (a sheet per ledger)'))
      .option('--report-per-branch', t('每个有问题的台账单独写一份问题清单（问题清单_台账名.xlsx），便于发回支部', 'write one 问题清单 per ledger with problems (问题清单_<ledger>.xlsx), to send back')),
  ).action(async (args: string[], raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { scheme, year, period: periodArg } = opts;
    const dir = await outDir(opts.out);
    const load = { ...(scheme ? { scheme } : {}), ...(year ? { year } : {}), ...(periodArg ? { periods: [periodArg.text] } : {}), onProgress: progress(!opts.json && !opts.quiet, t('检查', 'checking')) };
    // Validate reports every file read, whichever scheme each names: the batch's split is not used.
    const { gathered } = await openBatch(args, { outDir: dir, load });
    reportNotes(gathered.notes, opts.quiet || opts.json);
    if (gathered.found === 0) return reportEmpty(args, gathered.excluded, opts, { files: [] });
    const { items, excluded } = gathered;
    const files = items.map((i) => i.file);
    // Each file's problems are in workbook order already (sheet tabs, row, column); files in the order given.
    const all = items.flatMap((i) => i.diagnostics);
    const through = checkedThrough(items, periodArg);
    let reportPath: string | undefined;
    const reports: string[] = [];
    let noReport = false;
    let stamp: Stamp | undefined;
    if (opts.report || opts.reportPerBranch) {
      const { problemsWorkbook, branchReportName } = await import('../../excel/write/problems.js');
      const groups = items.filter((i) => i.diagnostics.length > 0).map((i) => ({ file: i.file, branch: i.ledger?.branch ?? basename(i.file).replace(WORKBOOK_EXT, ''), diagnostics: i.diagnostics, ...(i.ledger ? { ledger: i.ledger } : {}) }));
      // No problems, no workbook (an empty 问题清单 has nothing to send back): said below instead.
      noReport = groups.length === 0;
      // The name and title carry what was checked: the period, or the day of the check.
      const now = new Date();
      const day = `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`;
      const prefix = through ? through.title : day;
      // The title says both: what was checked (up to the period, or the whole cycle) and the day.
      const cycle = checkedCycle(items);
      const what = through ? t(`检查到${through.title}`, `checked up to ${through.label}`) : (cycle ?? '');
      const label = what ? t(`${what}，${day}检查`, `${what}, checked on ${day}`) : t(`${day}检查`, `checked on ${day}`);
      const books = opts.reportPerBranch ? groups.map((g) => ({ target: join(dir, branchReportName(g.file, prefix)), groups: [g] })) : noReport ? [] : [{ target: join(dir, `${prefix}问题清单.xlsx`), groups }];
      const set = new OutputSet(Boolean(opts.force), { quiet: Boolean(opts.quiet), scheme: items.find((i) => i.scheme)?.scheme?.id ?? null, period: through?.label ?? null, inputs: files });
      for (const b of books) await set.add(b.target, () => problemsWorkbook(b.groups, lang(), label));
      reports.push(...(await set.commit()));
      stamp = set.stamps[0];
      if (!opts.reportPerBranch) reportPath = reports[0];
    }
    if (opts.json) {
      const report: ValidateReport = {
        files: items.map((i) => ({ file: i.file, branch: i.ledger?.branch ?? null, ok: !hasErrors(i.diagnostics), members: i.ledger?.members.length ?? 0 })),
        issues: all.map(diagnosticJson),
        excluded: excluded.map(excludedJson),
        ...(through ? { period: through.label, monthsChecked: through.months } : {}),
        ...(reportPath ? { report: reportPath } : {}),
        ...(opts.reportPerBranch ? { reports } : {}),
        ...(stamp ? { stamp } : {}),
      };
      printJson(report);
    } else {
      // The report (every problem and the summary) is the result of validate: stdout, never hidden by --quiet.
      printDiagnostics(all, 50, process.stdout);
      for (const e of excluded) process.stdout.write(`${excludedLine(e)}\n`);
      if (through) process.stdout.write(`${t(`检查到${through.title}为止：${through.run}；之后的月份尚未记录，不算错误`, `checked up to ${through.label}: ${through.run}; later months not yet recorded are fine`)}\n`);
      process.stdout.write(`${summaryLine(all, files.length)}\n`);
      for (const p of reports) say(opts, t(`问题清单已写出：${shownPath(p)}`, `report written: ${shownPath(p)}`));
      if (noReport) say(opts, t('没有发现问题，未写出问题清单', 'no problems found: no 问题清单 written'));
    }
    if (hasErrors(all) || excluded.length > 0) setExit(EXIT_INPUT);
  });
}
