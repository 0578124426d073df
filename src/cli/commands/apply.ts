// `score apply FORMS… --ledger FILE`: checks 积分申请表 claims against the scheme and writes a NEW
// ledger with the approved lines appended to 加减分明细. The input ledger is never touched.
import type { Command } from 'commander';
import { cliText, } from '../messages.js';
import { basename, dirname, join } from 'node:path';
import { PREVIOUS_DIR } from '../../batch/stamp.js';
import Table from 'cli-table3';
import { decideClaims, type Claim } from '../../core/check/claims.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { lang, t } from '../../batch/i18n.js';
import { z } from 'zod';
import { commonOptions, onePeriodOption, parseOptions, withCommon, yearOption } from '../options.js';
import { loadLedgers } from '../../batch/inputs.js';
import { collectInputs, collectOne } from '../../batch/collect.js';
import { excludedJson, excludedLine, reportEmpty, reportNotes } from '../excluded.js';
import { outDir } from '../common.js';
import { printJson, say, diagnosticJson, colon, shownPath } from '../output.js';
import type { ApplyReport, ClaimRow } from '../report.js';
import { COMPACT, printDiagnostics, tableStyle } from '../render.js';
import { OutputSet } from '../../batch/write.js';
import { shown } from '../terminal-guard.js';
import { EXIT_INPUT, setExit } from '../../batch/exit.js';

const Options = commonOptions.extend({
  ledger: z.string(),
  year: yearOption.optional(),
  reviewer: z.string().optional(),
  period: onePeriodOption.optional(),
  inPlace: z.boolean().optional(),
});

export function registerApply(cmd: Command): void {
  withCommon(
    cmd
      .requiredOption('--ledger <file>', t('该支部的积分台账', "the branch's ledger"))
      .option('--year <year>', t('积分年度（默认取台账「说明」）', 'cycle (default: from the ledger)'))
      .option('--reviewer <name>', t('审核人（默认取申请表上的审核人）', 'reviewer (default: from the form)'))
      .option('--period <period>', t('台账只检查到这个期间为止，如 2023-09、2023Q3（默认：到申报的最后一个月）', 'check the ledger up to this period, e.g. 2023-09 (default: the last month claimed)'))
      .option('--in-place', t('直接更新台账本身（先把原台账复制一份带日期的备份到它旁边的「上一版」文件夹）', 'update the ledger itself (a dated backup copy is kept in 上一版 beside it first)')),
  ).action(async (args: string[], raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { scheme: given, year } = opts;
    const dir = await outDir(opts.out);
    const one = await collectOne(opts.ledger, '--ledger');
    reportNotes(one.notes, opts.quiet || opts.json);
    if (!one.file) return reportEmpty([opts.ledger], one.excluded, opts, { approved: [], rejected: [] });
    const forms = await collectInputs(args, { outDir: dir });
    reportNotes(forms.notes, opts.quiet || opts.json);
    if (forms.files.length === 0) return reportEmpty(args, forms.excluded, opts, { approved: [], rejected: [] });
    const { openForReading } = await import('../../excel/workbook.js');
    const { readApplication } = await import('../../excel/read/application.js');
    const claims: Claim[] = [];
    const issues: Diagnostic[] = [];
    for (const file of forms.files) {
      const opened = await openForReading(file);
      if (!opened.ok) {
        issues.push(opened.diagnostic);
        continue;
      }
      const r = readApplication(file, opened.wb);
      issues.push(...r.diagnostics);
      for (const app of r.applications) {
        for (const line of app.lines) {
          claims.push({
            name: app.name,
            ...(app.period ? { date: `${app.period}-01` } : {}),
            item: line.item,
            ...(line.level ? { level: line.level } : {}),
            ...(line.project ? { project: line.project } : {}),
            count: line.count,
            claimed: line.claimed,
            ...(line.approved !== undefined ? { approved: line.approved } : {}),
            ...(line.evidence ? { evidence: line.evidence } : {}),
            ...(opts.reviewer ?? app.reviewer ? { reviewer: opts.reviewer ?? app.reviewer } : {}),
            ...(app.leaderReview ? { leaderReview: app.leaderReview } : {}),
            form: file,
            source: line.source,
          });
        }
      }
    }
    // Approved lines are added during the year: the year-end 民主评议 is not asked for yet.
    // During the year the ledger is checked only up to the last month claimed (or --period): later
    // months not yet recorded are not errors.
    const lastClaimed = claims.map((c) => c.date?.slice(0, 7)).filter((d): d is string => d !== undefined).sort().pop();
    const through = opts.period?.text ?? lastClaimed;
    const [loaded] = await loadLedgers([one.file], { ...(given ? { scheme: given } : {}), ...(year ? { year } : {}), ...(through ? { periods: [through] } : {}), yearEnd: false });
    // A declared entry (it-bureau 月任务分) fills a blank cell of the claimed month: that blank is not an error of the ledger.
    const early = loaded!.ledger && loaded!.scheme && loaded!.year !== undefined ? decideClaims(loaded!.scheme, loaded!.ledger, loaded!.year, claims) : [];
    const filledRows = new Set(early.flatMap((d) => (d.record ? [`${d.record.row.source.sheet}\u0000${d.record.row.row}`] : [])));
    const filledBlank = (d: Diagnostic): boolean => (d.code === 'RECORD_BLANK' || d.code === 'RECORD_BLANK_MONTHS') && filledRows.has(`${d.sheet}\u0000${(d.cell ?? '').replace(/^[A-Z]+/, '')}`);
    const errors = loaded!.diagnostics.filter((d) => d.severity === 'error' && !filledBlank(d));
    if (!loaded!.ledger || !loaded!.scheme || loaded!.year === undefined || errors.length > 0) {
      if (opts.json) printJson({ approved: [], rejected: [], issues: loaded!.diagnostics.map(diagnosticJson) } satisfies ApplyReport);
      else {
        printDiagnostics(loaded!.diagnostics);
        process.stderr.write(`${cliText('CLI_LEDGER_HAS_ERRORS', { command: `score validate ${opts.ledger}${through ? ` --period ${through}` : ''}` })}\n`);
      }
      return setExit(EXIT_INPUT);
    }
    const { ledger, scheme } = loaded!;
    const decisions = early;
    const approved = decisions.filter((d) => d.ok);
    const rejected = decisions.filter((d) => !d.ok && !d.already);
    const already = decisions.filter((d) => d.already);
    const set = new OutputSet(Boolean(opts.force) || Boolean(opts.inPlace), { quiet: Boolean(opts.quiet), scheme: scheme!.id, inputs: [one.file, ...forms.files] });
    let refused: { zh: string; en: string } | undefined;
    if (approved.length > 0) {
      const { appliedLedger } = await import('../../excel/write/applied-ledger.js');
      const events = approved.filter((d) => d.event).map((d) => ({ ...d.event!, ...(d.claim.reviewer ? { reviewer: d.claim.reviewer } : {}) }));
      const applied = await appliedLedger(one.file, ledger!, scheme!, events, approved.flatMap((d) => (d.record ? [d.record] : [])));
      if (!applied.ok) refused = applied;
      else if (opts.inPlace) await set.add(one.file, () => applied.wb, { keepAs: datedBackup(one.file) });
      else await set.add(join(dir, basename(one.file).replace(/\.(xlsx|xlsm)$/i, '') + '_已录入申请.xlsx'), () => applied.wb);
    }
    const written = await set.commit();
    const row = (d: (typeof decisions)[number]): ClaimRow => ({ form: basename(d.claim.form), cell: d.claim.source.cell, name: d.claim.name, item: d.claim.item, level: d.claim.level ?? null, project: d.claim.project ?? null, points: d.points?.toNumber() ?? null, reason: d.reason[lang()] });
    if (refused) {
      // Nothing was entered: said as the one result, exit 1 (never 「通过」 without a ledger written).
      const line = cliText('CLI_APPLY_CANNOT_WRITE', { reasonZh: refused.zh, reasonEn: refused.en, n: approved.length });
      setExit(EXIT_INPUT);
      if (opts.json) return printJson({ ledger: opts.ledger, approved: approved.map(row), rejected: rejected.map(row), already: already.map(row), refused: line, issues: issues.map(diagnosticJson), excluded: forms.excluded.map(excludedJson), written: [] } satisfies ApplyReport);
      if (issues.length) printDiagnostics(issues);
      process.stderr.write(`${shown(line)}\n`);
      return;
    }
    if (rejected.length > 0 || issues.some((d) => d.severity === 'error') || forms.excluded.length > 0) setExit(EXIT_INPUT);
    if (!opts.json && !opts.quiet) for (const e of forms.excluded) process.stderr.write(`${excludedLine(e)}\n`);
    if (opts.json) return printJson({ ledger: opts.ledger, approved: approved.map(row), rejected: rejected.map(row), already: already.map(row), issues: issues.map(diagnosticJson), excluded: forms.excluded.map(excludedJson), written, stamp: set.stamps[0] ?? null } satisfies ApplyReport);
    if (issues.length) printDiagnostics(issues);
    const table = new Table({ head: [t('申请表', 'form'), t('姓名', 'name'), t('事项', 'item'), t('级别', 'level'), t('项目', 'project'), t('分值', 'points'), t('结果', 'result')], wordWrap: true, style: tableStyle(), chars: COMPACT });
    const verdict = (d: (typeof decisions)[number]): string => (d.ok ? t('通过', 'approved') : d.already ? t('已录入', 'already entered') : t('不通过', 'rejected'));
    // The reason of a line already entered starts with the verdict's own word: said once.
    const reasonText = (d: (typeof decisions)[number]): string => d.reason[lang()].replace(/^已录入[：；]|^already entered: /, '');
    for (const d of decisions) table.push([`${shown(basename(d.claim.form))} ${d.claim.source.cell ?? ''}`, shown(d.claim.name), shown(d.claim.item), shown(d.claim.level ?? ''), shown(d.claim.project ?? ''), d.points?.toString() ?? '', `${verdict(d)}${colon()}${shown(reasonText(d))}`]);
    say(opts, () => table.toString());
    say(opts, t(`通过 ${approved.length} 条，不通过 ${rejected.length} 条${already.length ? `，已录入 ${already.length} 条（不再录入）` : ''}`, `${approved.length} approved, ${rejected.length} rejected${already.length ? `, ${already.length} already entered` : ''}`));
    if (approved.length === 0) say(opts, t('没有新录入的事项：未写出新台账', 'nothing new to enter: no ledger written'));
    if (opts.inPlace) for (const w of written) say(opts, t(`已更新台账：${shownPath(w)}（原来的台账备份为 ${shownPath(datedBackup(one.file))}）`, `ledger updated: ${shownPath(w)} (the original is kept as ${shownPath(datedBackup(one.file))})`));
    else for (const w of written) say(opts, t(`已写出新台账：${shownPath(w)}（原台账未改动；要直接更新台账请加 --in-place）`, `new ledger written: ${shownPath(w)} (the original is unchanged; --in-place updates it)`));
  });
}

let backupStamp: string | undefined;

/** Where --in-place keeps the ledger as it was: 上一版/<name>_<date time>.xlsx beside it (never read as a ledger). */
function datedBackup(file: string): string {
  if (!backupStamp) {
    const d = new Date();
    const p = (n: number): string => String(n).padStart(2, '0');
    backupStamp = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  }
  return join(dirname(file), PREVIOUS_DIR, basename(file).replace(/\.xlsx$/i, `_${backupStamp}_录入申请之前.xlsx`));
}
