// `score validate FILES… [--report]`: every problem at once, hledger-style; exit 1 on any error.
import type { Command } from 'commander';
import { basename, join } from 'node:path';
import { hasErrors, sortDiagnostics } from '../../core/diagnostics.js';
import { lang, t } from '../../batch/i18n.js';
import { withCommon } from '../main.js';
import { EXIT_INPUT, setExit } from '../../batch/exit.js';
import { gatherLedgers } from '../../batch/gather.js';
import { OutputSet } from '../../batch/write.js';
import { excludedJson, excludedLine, reportEmpty, reportNotes } from '../excluded.js';
import { outDir, parseYear, schemeOption } from '../common.js';
import { printJson, say, type CommonOptions, progress } from '../output.js';
import { printDiagnostics, summaryLine } from '../render.js';
import { diagnosticJson } from '../output.js';

interface Options extends CommonOptions {
  report?: boolean;
  year?: string;
}

export function registerValidate(program: Command): void {
  withCommon(
    program
      .command('validate')
      .description(t('按计分方案检查台账，列出每个问题所在的单元格和处理办法', 'check ledgers against the scheme; every problem with its cell and a fix'))
      .argument('<files...>', t('台账文件或文件夹', 'ledger files or folders'))
      .option('--year <year>', t('积分年度（默认取「说明」表）', 'cycle (default: from 说明)'))
      .option('--report', t('另写一份「问题清单」工作簿（每个支部一张表）', 'also write a 问题清单 workbook (a sheet per branch)')),
  ).action(async (args: string[], opts: Options) => {
    const scheme = schemeOption(opts.scheme);
    const year = parseYear(opts.year);
    const dir = await outDir(opts.out);
    const gathered = await gatherLedgers(args, { outDir: dir, load: { ...(scheme ? { scheme } : {}), ...(year ? { year } : {}), onProgress: progress(!opts.json && !opts.quiet, t('检查', 'checking')) } });
    reportNotes(gathered.notes, opts.quiet || opts.json);
    if (gathered.found === 0) return reportEmpty(args, gathered.excluded, opts, { files: [] });
    const { items, excluded } = gathered;
    const files = items.map((i) => i.file);
    const all = sortDiagnostics(items.flatMap((i) => i.diagnostics));
    let reportPath: string | undefined;
    if (opts.report) {
      const { problemsWorkbook } = await import('../../excel/write/problems.js');
      const groups = items.filter((i) => i.diagnostics.length > 0).map((i) => ({ file: i.file, branch: i.ledger?.branch ?? basename(i.file).replace(/\.xlsx$/i, ''), diagnostics: sortDiagnostics(i.diagnostics) }));
      const set = new OutputSet(Boolean(opts.force));
      await set.add(join(dir, '问题清单.xlsx'), () => problemsWorkbook(groups, lang()));
      reportPath = (await set.commit())[0];
    }
    if (opts.json) {
      printJson({ files: items.map((i) => ({ file: i.file, branch: i.ledger?.branch ?? null, ok: !hasErrors(i.diagnostics), members: i.ledger?.members.length ?? 0 })), issues: all.map(diagnosticJson), excluded: excluded.map(excludedJson), ...(reportPath ? { report: reportPath } : {}) });
    } else {
      if (!opts.quiet) printDiagnostics(all);
      if (!opts.quiet) for (const e of excluded) process.stderr.write(`${excludedLine(e)}\n`);
      say(opts, summaryLine(all, files.length));
      if (reportPath) say(opts, t(`问题清单已写出：${reportPath}`, `report written: ${reportPath}`));
    }
    if (hasErrors(all) || excluded.length > 0) setExit(EXIT_INPUT);
  });
}
