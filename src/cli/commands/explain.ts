// `score explain NAME --ledger FILE [--period P]`: how one member's score was reached, rule by rule,
// with the source cell of every number.
import type { Command } from 'commander';
import chalk from 'chalk';
import { evaluate } from '../../core/engine.js';
import { cycleOf, cycleTitle, monthsRead, periodTitle } from '../../core/cycle.js';
import { placeText } from '../../core/diagnostics.js';
import { norm } from '../../core/text.js';
import { lang, t } from '../../batch/i18n.js';
import { withCommon } from '../options.js';
import { loadLedgers } from '../../batch/inputs.js';
import { periodArgs, periodOf, schemeOption } from '../common.js';
import { resolve } from 'node:path';
import { note, printJson, type CommonOptions } from '../output.js';
import { memberJson, printDiagnostics } from '../render.js';
import { EXIT_INPUT, setExit, UsageError } from '../../batch/exit.js';
import { exactNumbers, roundNumbers } from '../numbers.js';
import { checkHistoryOption, historyOptions, historyReport, readHistoryOption } from '../history-option.js';
import { collectOne } from '../../batch/collect.js';
import { shown as escapeData } from '../terminal-guard.js';
import { reportEmpty, reportNotes } from '../excluded.js';

interface Options extends CommonOptions {
  ledger: string;
  exact?: boolean;
  period?: string;
  history?: string | false;
}

export function registerExplain(program: Command): void {
  withCommon(
    historyOptions(program
      .command('explain')
      .description(t('逐条说明某名党员的得分：每条规则、每个来源单元格、每个上限', "explain one member's score: each rule, source cell and cap"))
      .argument('<name>', t('党员姓名或编号', 'member name or 编号'))
      .requiredOption('--ledger <file>', t('该党员所在支部的台账', "the member's ledger"))
      .option('--period <period>', t('期间：2023、2023Q1、2023H1、2023-03（默认：年度）', 'period (default: the cycle)'))
      .option('--exact', t('显示精确值（循环小数写成分数，如 461/12），默认四舍五入到 4 位小数', 'exact values (repeating decimals as fractions such as 461/12); by default rounded to 4 places')), { zh: '输出目录 --out（默认：当前文件夹下的「输出」）', en: 'the output folder, --out (default ./输出)' }),
    { force: false },
  ).action(async (name: string, opts: Options) => {
    const given = schemeOption(opts.scheme);
    checkHistoryOption(opts.history);
    const [arg] = periodArgs(opts.period);
    const one = await collectOne(opts.ledger, '--ledger');
    reportNotes(one.notes, opts.quiet || opts.json);
    if (!one.file) return reportEmpty([opts.ledger], one.excluded, opts, { member: null, trace: [] });
    const [loaded] = await loadLedgers([one.file], { ...(given ? { scheme: given } : {}), ...(arg ? { periods: [arg.text] } : {}) });
    const { ledger, scheme, year } = loaded!;
    if (!ledger || !scheme || year === undefined) {
      printDiagnostics(loaded!.diagnostics);
      return setExit(EXIT_INPUT);
    }
    const member = ledger.members.find((m) => norm(m.name) === norm(name) || (m.id && norm(m.id) === norm(name)));
    if (!member) throw new UsageError(t(`台账中没有「${name}」：名册里有 ${ledger.members.slice(0, 8).map((m) => m.name).join('、')}…`, `no member ${name} in the ledger`));
    const { cycle, period } = arg ? periodOf(scheme, arg) : periodOf(scheme, { text: String(year), year, kind: 'cycle' });
    // A period of another cycle would be explained from this cycle's data: refuse it.
    if (ledger.cycleYear !== undefined && ledger.cycleYear !== cycle.year) {
      const own = cycleOf(ledger.cycleYear, scheme.cycle);
      throw new UsageError(t(`期间 ${arg!.text} 不在这本台账的积分周期内：台账是 ${cycleTitle(own)}（${own.start} 至 ${own.end}）。请用这个周期内的期间，例如 --period ${own.year}、${own.year}Q1，或换用 ${cycle.year} 年度的台账`, `period ${arg!.text} is outside this ledger's cycle ${own.year} (${own.start} to ${own.end}): use a period such as ${own.year} or ${own.year}Q1, or the ${cycle.year} ledger`));
    }
    // Earlier results: --history, else the output folder (--out, default 输出), as grade reads them.
    const history = await readHistoryOption(opts.history, resolve(opts.out ?? '输出'), cycle.year);
    const result = evaluate({ scheme, ledgers: [ledger], year: cycle.year, period, history: history.entries });
    const told = historyReport(scheme, result, history);
    const m = result.branches[0]!.members.find((x) => x.key === member.key);
    const errors = loaded!.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) setExit(EXIT_INPUT);
    // The core's numbers are exact; shown rounded to 4 places (≈), or as fractions with --exact.
    const shown = (text: string): string => (opts.exact ? exactNumbers(text) : roundNumbers(text));
    if (opts.json) return printJson({ scheme: scheme.id, period: period.label, monthsRead: monthsRead(cycle, period), member: m ? memberJson(m) : null, trace: m?.trace.map((s) => ({ rule: s.rule, text: shown(s[lang()]), source: s.source ? placeText(s.source) : null })) ?? [], issues: errors.length, ...told.json });
    for (const line of told.lines) note(opts, line);
    const out: string[] = [];
    const head = lang() === 'en'
      ? `${member.name}${member.id ? ` (${member.id})` : ''}  ${ledger.branch}  ${period.kind === 'cycle' ? `cycle ${period.label}` : period.label}  ${scheme.name}`
      : `${member.name}${member.id ? `（${member.id}）` : ''}　${ledger.branch}　${periodTitle(cycle, period)}　${scheme.name}`;
    out.push(chalk.bold(escapeData(head)));
    if (!m) {
      out.push(t('该党员不参加积分管理（名册「积分管理」为不参加），不计分。', 'This member is exempt from scoring.'));
      process.stdout.write(`${out.join('\n')}\n`);
      return;
    }
    const arrow = t('　← ', '  ← ');
    for (const s of m.trace) out.push(`  ${chalk.dim(s.rule.padEnd(3))} ${escapeData(shown(s[lang()]))}${s.source ? chalk.dim(`${arrow}${escapeData(placeText(s.source))}`) : ''}`);
    out.push('');
    const colon = t('：', ': ');
    for (const c of m.components) out.push(`  ${c.name}${colon}${opts.exact ? exactNumbers(c.value.toString()) : roundNumbers(c.value.toString())}${c.weight.equals(1) ? '' : ` × ${c.weight}`}${c.role === 'deduction' ? t('（减）', ' (minus)') : ''}`);
    out.push(chalk.bold(`  ${t('总分', 'total')}${colon}${m.total.toFixed(scheme.precision)}${m.vetoed ? escapeData(t(`（一票否决：${m.vetoReason}）`, ` (vetoed: ${m.vetoReason})`)) : ''}`));
    if (m.grade) out.push(`  ${t('等次', 'grade')}${colon}${m.grade}${m.stars ? ` ${'★'.repeat(m.stars)}` : ''}`);
    if (m.rank) out.push(`  ${t('排名', 'rank')}${colon}${m.rank}`);
    if (m.flags.length) out.push(`  ${t('标记', 'flags')}${colon}${m.flags.join('；')}`);
    if (errors.length) out.push(chalk.yellow(t(`注意：台账有 ${errors.length} 个错误，结果可能不准确（score validate 查看）`, `note: the ledger has ${errors.length} errors`)));
    if (!opts.quiet) out.push('', chalk.dim(t(`规则代码（R1、R2……）的含义见 docs/schemes.md；本方案细则：score scheme show ${scheme.id}`, `Rule codes (R1, R2 …) are explained in docs/schemes.md; this scheme's rules: score scheme show ${scheme.id}`)));
    process.stdout.write(`${out.join('\n')}\n`);
  });
}
