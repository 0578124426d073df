// `score validate FILES… [--report]`: every problem at once, hledger-style; exit 1 on any error.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { hasErrors, sortDiagnostics } from '../../core/diagnostics.js';
import { lang, t } from '../i18n.js';
import { withCommon } from '../main.js';
import { EXIT_INPUT, setExit } from '../exit.js';
import { collectFiles, loadLedgers, progress } from '../inputs.js';
import { outDir, parseYear, schemeOption } from '../common.js';
import { printJson, say, type CommonOptions } from '../output.js';
import { printDiagnostics, summaryLine } from '../render.js';
import { diagnosticJson } from '../output.js';

interface Options extends CommonOptions {
  report?: boolean;
  reportPerBranch?: boolean;
  year?: string;
}

export function registerValidate(program: Command): void {
  withCommon(
    program
      .command('validate')
      .description(t('按计分方案检查台账，列出每个问题所在的单元格和处理办法', 'check ledgers against the scheme; every problem with its cell and a fix'))
      .argument('<files...>', t('台账文件或文件夹', 'ledger files or folders'))
      .option('--year <year>', t('积分年度（默认取「说明」表）', 'cycle (default: from 说明)'))
      .option('--report', t('另写一份「问题清单」工作簿（每个台账一张表）', 'also write a 问题清单 workbook (a sheet per ledger)'))
      .option('--report-per-branch', t('每个有问题的台账单独写一份问题清单（问题清单_台账名.xlsx），便于发回支部', 'write one 问题清单 per ledger with problems (问题清单_<ledger>.xlsx), to send back')),
  ).action(async (args: string[], opts: Options) => {
    const scheme = schemeOption(opts.scheme);
    const files = await collectFiles(args);
    const year = parseYear(opts.year);
    const items = await loadLedgers(files, { ...(scheme ? { scheme } : {}), ...(year ? { year } : {}), onProgress: progress(!opts.json && !opts.quiet, t('检查', 'checking')) });
    const all = sortDiagnostics(items.flatMap((i) => i.diagnostics));
    let reportPath: string | undefined;
    const reports: string[] = [];
    let noReport = false;
    if (opts.report || opts.reportPerBranch) {
      const { problemsWorkbook, branchReportName } = await import('../../excel/write/problems.js');
      const { saveWorkbook } = await import('../../excel/write/save.js');
      const groups = items.filter((i) => i.diagnostics.length > 0).map((i) => ({ file: i.file, branch: i.ledger?.branch ?? basename(i.file).replace(/\.xlsx$/i, ''), diagnostics: sortDiagnostics(i.diagnostics) }));
      // No problems, no workbook (an empty 问题清单 has nothing to send back): said below instead.
      noReport = groups.length === 0;
      const dir = await outDir(opts.out);
      const books = opts.reportPerBranch ? groups.map((g) => ({ target: `${dir}/${branchReportName(g.file)}`, groups: [g] })) : noReport ? [] : [{ target: `${dir}/问题清单.xlsx`, groups }];
      for (const b of books) {
        const saved = await saveWorkbook(problemsWorkbook(b.groups, lang()), b.target, { force: Boolean(opts.force) });
        if (!saved.ok) process.stderr.write(`${t(`未写出 ${b.target}：文件已存在，要覆盖请加 --force`, `not written: ${b.target} exists; use --force`)}\n`);
        else reports.push(b.target);
      }
      if (!opts.reportPerBranch) reportPath = reports[0];
    }
    if (opts.json) {
      printJson({ files: items.map((i) => ({ file: i.file, branch: i.ledger?.branch ?? null, ok: !hasErrors(i.diagnostics), members: i.ledger?.members.length ?? 0 })), issues: all.map(diagnosticJson), ...(reportPath ? { report: reportPath } : {}), ...(opts.reportPerBranch ? { reports } : {}) });
    } else {
      if (!opts.quiet) printDiagnostics(all);
      say(opts, summaryLine(all, files.length));
      for (const p of reports) say(opts, t(`问题清单已写出：${p}`, `report written: ${p}`));
      if (noReport) say(opts, t('没有发现问题，未写出问题清单', 'no problems found: no 问题清单 written'));
    }
    if (hasErrors(all)) setExit(EXIT_INPUT);
  });
}
