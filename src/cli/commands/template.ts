// `score template --scheme ID [--branch 名称] [--year 2023] [--roster 名册.xlsx] [--layout monthly|card]`:
// the blank ledger (one per branch with a township roster), the 计分标准 and the 积分申请表.
import type { Command } from 'commander';
import { join } from 'node:path';
import type { Member } from '../../core/model.js';
import { t } from '../../batch/i18n.js';
import { z } from 'zod';
import { commonOptions, oneOf, parseOptions, required, schemeOptionValue, withCommon, yearOption } from '../options.js';
import { outDir } from '../common.js';
import { printDiagnostics } from '../render.js';
import { printJson, say, shownPath } from '../output.js';
import type { TemplateReport } from '../report.js';
import { OutputSet } from '../../batch/write.js';
import { collectOne } from '../../batch/collect.js';
import { reportEmpty, reportNotes } from '../excluded.js';
import { EXIT_INPUT, setExit } from '../../batch/exit.js';
import { cliText } from '../messages.js';

/** template's options: --scheme is required here (a blank ledger is of one scheme). */
const Options = commonOptions.extend({
  scheme: required(schemeOptionValue, () => cliText('CLI_SCHEME_REQUIRED', {})),
  layout: oneOf(['monthly', 'card'] as const, () => cliText('CLI_LAYOUT', {})),
  branch: z.string().optional(),
  year: yearOption.optional(),
  roster: z.string().optional(),
});

export function registerTemplate(cmd: Command): void {
  withCommon(
    cmd
      .option('--branch <branch>', t('支部名称', 'branch name'))
      .option('--year <year>', t('积分年度（默认今年）', 'cycle (default: this year)'))
      .option('--roster <file>', t('名册工作簿；有「所在支部」列且不给 --branch 时，每个支部一份台账', 'roster workbook; with 所在支部 and no --branch, one ledger per branch'))
      .option('--layout <layout>', t('monthly（每月一张表）或 card（每人一张记录卡）', 'monthly (a sheet per month) or card (a sheet per member)'), 'monthly'),
  ).action(async (raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { scheme } = opts;
    const year = opts.year ?? new Date().getFullYear();
    let groups: [string, Member[] | undefined][] = [[opts.branch ?? t('党支部', 'branch'), undefined]];
    if (opts.roster) {
      const { openForReading } = await import('../../excel/workbook.js');
      const { readTownshipRoster } = await import('../../excel/read/township-roster.js');
      const roster = await collectOne(opts.roster, '--roster');
      reportNotes(roster.notes, opts.quiet || opts.json);
      if (!roster.file) return reportEmpty([opts.roster], roster.excluded, opts, { written: [] });
      const opened = await openForReading(roster.file);
      if (!opened.ok) {
        printDiagnostics([opened.diagnostic]);
        return setExit(EXIT_INPUT);
      }
      const r = readTownshipRoster(opts.roster, opened.wb);
      if (r.diagnostics.some((d) => d.severity === 'error')) {
        printDiagnostics(r.diagnostics);
        return setExit(EXIT_INPUT);
      }
      if (opts.branch) groups = [[opts.branch, r.byBranch.get(opts.branch) ?? [...r.byBranch.values()].flat()]];
      else groups = [...r.byBranch.entries()].map(([b, ms]) => [b || t('党支部', 'branch'), ms]);
    }
    const { ledgerTemplate } = await import('../../excel/write/template.js');
    const { scoringStandard } = await import('../../excel/write/standard.js');
    const { applicationForm } = await import('../../excel/write/application.js');
    const { safeName, fileNamer } = await import('../../excel/write/names.js');
    const dir = await outDir(opts.out);
    const fileName = fileNamer(dir);
    const set = new OutputSet(Boolean(opts.force), { quiet: Boolean(opts.quiet), scheme: scheme.id, period: String(year) });
    for (const [branch, roster] of groups) {
      await set.add(join(dir, fileName(`${safeName(branch, { maxLength: 60 })}_积分台账_${year}.xlsx`)), () => ledgerTemplate(scheme, { branch, year, layout: opts.layout, ...(roster ? { roster } : {}) }));
    }
    await set.add(join(dir, fileName(`${safeName(scheme.name, { maxLength: 60 })}_计分标准.xlsx`)), () => scoringStandard(scheme));
    await set.add(join(dir, fileName('积分申请表.xlsx')), () => applicationForm(scheme, {}));
    const written = await set.commit();
    if (opts.json) return printJson({ scheme: scheme.id, year, written, stamp: set.stamps[0] ?? null } satisfies TemplateReport);
    for (const w of written) say(opts, t(`已写出：${shownPath(w)}`, `written: ${shownPath(w)}`));
  });
}
