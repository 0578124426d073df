// `score explain NAME --ledger FILE [--period P]`: how one member's score was reached, rule by rule,
// with the source cell of every number.
import type { Command } from 'commander';
import { cliText, usageError } from '../messages.js';
import chalk from 'chalk';
import { evaluate } from '../../core/engine.js';
import { cycleOf, cycleTitle, monthsRead, periodTitle } from '../../core/cycle.js';
import { placeText } from '../../core/diagnostics.js';
import { norm } from '../../core/text.js';
import { lang, t } from '../../batch/i18n.js';
import { z } from 'zod';
import { commonOptions, historyOption, onePeriodOption, parseOptions, withCommon } from '../options.js';
import { loadLedgers } from '../../batch/inputs.js';
import { periodOf } from '../common.js';
import { resolve } from 'node:path';
import { note, printJson } from '../output.js';
import type { ExplainReport } from '../report.js';
import { memberJson, printDiagnostics } from '../render.js';
import { EXIT_INPUT, setExit, } from '../../batch/exit.js';
import { exactNumbers, roundNumbers } from '../numbers.js';
import { historyOptions, historyReport, readHistoryOption } from '../history-option.js';
import { collectOne } from '../../batch/collect.js';
import { onRollIn } from '../../core/rules/roll.js';
import { RULES } from '../../scheme/rules.js';
import { shown as escapeData } from '../terminal-guard.js';
import { reportEmpty, reportNotes } from '../excluded.js';

const Options = commonOptions.extend({
  ledger: z.string(),
  period: onePeriodOption.optional(),
  codes: z.boolean().optional(),
  exact: z.boolean().optional(),
  history: historyOption.optional(),
});

export function registerExplain(cmd: Command): void {
  withCommon(
    historyOptions(cmd
      .requiredOption('--ledger <file>', t('该党员所在支部的台账', "the member's ledger"))
      .option('--period <period>', t('期间：2023、2023Q1、2023H1、2023-03（默认：年度）', 'period (default: the cycle)'))
      .option('--codes', t('每一步前面显示规则代码（R1、R2……），而不是规则名称', 'show rule codes (R1, R2 …) instead of rule names before each step'))
      .option('--exact', t('显示精确值（循环小数写成分数，如 461/12），默认四舍五入到 4 位小数', 'exact values (repeating decimals as fractions such as 461/12); by default rounded to 4 places')), { zh: '输出目录 --out（默认：当前文件夹下的「输出」）', en: 'the output folder, --out (default ./输出)' }),
    { force: false },
  ).action(async (name: string, raw: unknown) => {
    const opts = parseOptions(Options, raw);
    const { scheme: given, period: arg } = opts;
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
    if (!member) {
      const near = nearestNames(name, ledger.members.map((m) => m.name));
      const retry = (n: string): string => `score explain ${n} --ledger ${opts.ledger}`;
      throw near.length > 0
        ? usageError('CLI_MEMBER_NEAR', { name, nearZh: near.join('」或「'), nearEn: near.join(' or '), retry: retry(near[0]!) })
        : usageError('CLI_MEMBER_NONE', { name, n: ledger.members.length, some: ledger.members.slice(0, 3).map((m) => m.name).join('、') });
    }
    const { cycle, period } = arg ? periodOf(scheme, arg) : periodOf(scheme, { text: String(year), year, kind: 'cycle' });
    // A period of another cycle would be explained from this cycle's data: refuse it.
    if (ledger.cycleYear !== undefined && ledger.cycleYear !== cycle.year) {
      const own = cycleOf(ledger.cycleYear, scheme.cycle);
      throw usageError('CLI_PERIOD_OUTSIDE_LEDGER', { period: arg!.text, title: cycleTitle(own), start: own.start, end: own.end, own: own.year, year: cycle.year });
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
    if (opts.json) return printJson({ scheme: scheme.id, period: period.label, monthsRead: monthsRead(cycle, period), member: m ? memberJson(m) : null, trace: m?.trace.map((s) => ({ rule: s.rule, ruleName: ruleName(s.rule), text: shown(s[lang()]), source: s.source ? placeText(s.source) : null })) ?? [], issues: errors.length, ...told.json } satisfies ExplainReport);
    for (const line of told.lines) note(opts, line);
    const out: string[] = [];
    const head = lang() === 'en'
      ? `${member.name}${member.id ? ` (${member.id})` : ''}  ${ledger.branch}  ${period.kind === 'cycle' ? `cycle ${period.label}` : period.label}  ${scheme.name}`
      : `${member.name}${member.id ? `（${member.id}）` : ''}　${ledger.branch}　${periodTitle(cycle, period)}　${scheme.name}`;
    out.push(chalk.bold(escapeData(head)));
    if (!m && !onRollIn(member, cycle, period)) {
      // R20: not on the roll in this period (joined after it, or left before it).
      const why = [member.joined ? `${member.joined} 转入` : '', member.left ? `${member.left} 转出` : ''].filter(Boolean).join('，');
      out.push(t(`该党员${periodTitle(cycle, period)}不在册（${why}），本期不计分、不列入。`, `Not on the roll in ${period.label} (${[member.joined && `joined ${member.joined}`, member.left && `left ${member.left}`].filter(Boolean).join(', ')}): not scored in this period.`));
      process.stdout.write(`${out.join('\n')}\n`);
      return;
    }
    if (!m) {
      out.push(t('该党员不参加积分管理（名册「积分管理」为不参加），不计分。', 'This member is exempt from scoring.'));
      process.stdout.write(`${out.join('\n')}\n`);
      return;
    }
    const arrow = t('　← ', '  ← ');
    // Each step under its rule's name (the codes with --codes); the cells that hold its numbers after the arrow.
    const label = (code: string): string => (opts.codes ? code : ruleName(code));
    const wide = Math.max(...m.trace.map((s) => columns(label(s.rule))));
    for (const s of m.trace) out.push(`  ${chalk.dim(label(s.rule) + ' '.repeat(wide - columns(label(s.rule))))} ${escapeData(shown(s[lang()]))}${s.source ? chalk.dim(`${arrow}${escapeData(placeText(s.source))}`) : ''}`);
    out.push('');
    const colon = t('：', ': ');
    for (const c of m.components) out.push(`  ${c.name}${c.role === 'deduction' ? t('（从总分中减去）', ' (subtracted from the total)') : ''}${colon}${opts.exact ? exactNumbers(c.value.toString()) : roundNumbers(c.value.toString())}${c.weight.equals(1) ? '' : ` × ${c.weight}`}`);
    out.push(chalk.bold(`  ${t('总分', 'total')}${colon}${m.total.toFixed(scheme.precision)}${m.vetoed ? escapeData(t(`（一票否决：${m.vetoReason}）`, ` (vetoed: ${m.vetoReason})`)) : ''}`));
    if (m.grade) out.push(`  ${t('等次', 'grade')}${colon}${m.grade}${m.stars ? ` ${'★'.repeat(m.stars)}` : ''}`);
    if (m.rank) out.push(`  ${t('排名', 'rank')}${colon}${m.rank}`);
    if (m.flags.length) out.push(`  ${t('标记', 'flags')}${colon}${m.flags.join('；')}`);
    if (errors.length) out.push(chalk.yellow(cliText('CLI_EXPLAIN_LEDGER_ERRORS', { n: errors.length })));
    if (!opts.quiet) out.push('', chalk.dim(t(`每一步前面是规则名称（加 --codes 显示规则代码 R1、R2……，含义见 docs/schemes.md）；本方案细则：score scheme show ${scheme.id}`, `Each step starts with its rule's name (--codes shows the codes R1, R2 …, see docs/schemes.md); this scheme's rules: score scheme show ${scheme.id}`)));
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

/** A rule's short name: the words before the colon of its description (R2 → 累计记分). */
function ruleName(code: string): string {
  const r = RULES.find((x) => x.code === code);
  if (!r) return code;
  return lang() === 'en' ? r.en.split(':')[0]! : r.zh.split('：')[0]!;
}

/** Columns a text takes in a terminal (CJK characters take two). */
function columns(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Edit distance (insertions, deletions, substitutions) between two names, by character. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * The roster names nearest to a name not found: those that contain it or are contained in it
 * (胡林 → 胡林文), else those one character away (two for names of four or more); at most three.
 */
export function nearestNames(name: string, roster: readonly string[]): string[] {
  const q = norm(name);
  const names = [...new Set(roster)];
  const containing = names.filter((n) => norm(n).includes(q) || (norm(n).length >= 2 && q.includes(norm(n))));
  if (containing.length > 0) return containing.slice(0, 3);
  const limit = [...q].length >= 4 ? 2 : 1;
  const scored = names.map((n) => ({ n, d: distance(q, norm(n)) })).filter((x) => x.d <= limit);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.n).slice(0, 3);
}
