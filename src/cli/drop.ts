// The drag-and-drop entries of the Windows package: a ledger folder (or ledger files) dropped on
// 评定.cmd is graded for the year its ledgers' 说明 sheets name; on 月度检查.cmd it is checked up to
// the last month every ledger recorded (a 问题清单 per branch); on 季度公示.cmd the last fully
// recorded quarter is published. Outputs go to 输出 beside the folder. It says what it chose (the
// year, the period and why); it asks only before a partial result replaces a complete one.
import { statSync } from 'node:fs';
import { cliText, } from './messages.js';
import { dirname, join, resolve } from 'node:path';
import { ledgerYear } from '../excel/read/ledger-year.js';
import { collectInputs } from '../batch/collect.js';
import { t } from '../batch/i18n.js';
import { main } from './main.js';
import { setSeeAll } from './excluded.js';
import { lastRefusal } from '../batch/write.js';
import { monthNumber, parsePeriod, resolvePeriod, type Cycle } from '../core/cycle.js';
import { shown } from './terminal-guard.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE } from '../batch/exit.js';

export interface YearChoice {
  year: number;
  /** ledgers: every ledger names this year; latest: they name several, the latest is taken; none: no ledger names a year, this calendar year is taken. */
  why: 'ledgers' | 'latest' | 'none';
  /** How many ledgers name each year. */
  counts: Map<number, number>;
}

/** The year to grade: the one the ledgers name; the latest of several; this calendar year when none does. */
export function chooseYear(years: (number | undefined)[], today: Date): YearChoice {
  const counts = new Map<number, number>();
  for (const y of years) if (y !== undefined) counts.set(y, (counts.get(y) ?? 0) + 1);
  if (counts.size === 0) return { year: today.getFullYear(), why: 'none', counts };
  const year = Math.max(...counts.keys());
  return { year, why: counts.size === 1 ? 'ledgers' : 'latest', counts };
}

/** Where the results go: 输出 beside the (first) dropped folder, or beside the dropped files. */
export function outputBeside(dropped: string[], p: { dirname: typeof dirname; join: typeof join } = { dirname, join }): string {
  return p.join(p.dirname(dropped[0]!), '输出');
}

/** The three drop targets of the Windows package: 评定.cmd (year end), 月度检查.cmd (monthly check), 季度公示.cmd (quarterly 公示). */
export type DropMode = 'grade' | 'check' | 'publish';

const TARGET: Record<DropMode, { zh: string; en: string }> = {
  grade: { zh: '评定.cmd', en: '评定.cmd' },
  check: { zh: '月度检查.cmd', en: '月度检查.cmd' },
  publish: { zh: '季度公示.cmd', en: '季度公示.cmd' },
};

/** Runs a command in this process with its stdout kept from the window; returns what it printed there. */
async function quietly(argv: string[]): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await main(argv);
  } finally {
    process.stdout.write = write;
  }
  return text;
}

/** Asks a yes/no question in the window (no answer when nobody can type: no). */
async function ask(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    process.stdout.write(`${question}${t('（无法输入，按“不替换”处理）', ' (no input possible: not replaced)')}\n`);
    return false;
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return /^\s*[yY是]/.test(answer);
  } finally {
    rl.close();
  }
}

/** The months of the cycle recorded in every ledger (0–12): up to the first month some ledger has not recorded. */
async function monthsRecorded(dropped: string[], out: string, year: number): Promise<{ count: number; cycle: Cycle } | undefined> {
  const { gatherLedgers } = await import('../batch/gather.js');
  const gathered = await gatherLedgers(dropped, { outDir: out, load: { year, skipOtherYears: true } });
  const scheme = gathered.items.find((i) => i.scheme)?.scheme;
  if (!scheme) return undefined;
  const p = parsePeriod(String(year));
  const r = p.ok ? resolvePeriod(p, scheme.cycle) : undefined;
  if (!r) return undefined;
  const missing = new Set(gathered.items.flatMap((i) => i.diagnostics).filter((d) => d.code === 'RECORD_NOT_RECORDED').map((d) => d.sheet));
  let count = 0;
  while (count < 12 && !missing.has(`${monthNumber(r.cycle, count)}月`)) count++;
  return { count, cycle: r.cycle };
}

/** After a run with problems: the 问题清单 is written beside the results (a drop user cannot run validate). */
async function writeReport(dropped: string[], out: string, year: number, period?: string): Promise<void> {
  const text = await quietly(['node', 'score', 'validate', ...dropped, '--out', out, '--report', '--json', '--quiet', ...(period ? ['--period', period] : ['--year', String(year)])]);
  let report: string | undefined;
  let count = 0;
  try {
    const j = JSON.parse(text) as { report?: string; issues?: unknown[] };
    report = j.report;
    count = j.issues?.length ?? 0;
  } catch {
    report = undefined;
  }
  if (report) process.stdout.write(`${t(`问题清单已写出：${report}（共 ${count} 个问题，每个台账一张表，可打印发回支部）`, `problem list written: ${report} (${count} problems, a sheet per ledger)`)}\n`);
}

export async function dropMain(argv: string[]): Promise<void> {
  const modeArg = argv.find((a) => a.startsWith('--mode='));
  const mode = (modeArg?.slice('--mode='.length) ?? 'grade') as DropMode;
  const args = argv.filter((a) => a !== modeArg);
  const target = TARGET[mode] ?? TARGET.grade;
  const dropped = args.filter((a) => a.trim() !== '').map((a) => resolve(a));
  if (dropped.length === 0) {
    process.stderr.write(`${cliText('CLI_DROP_USAGE', { targetZh: target.zh, targetEn: target.en })}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const missing = dropped.find((d) => statSync(d, { throwIfNoEntry: false }) === undefined);
  if (missing) {
    process.stderr.write(`${cliText('CLI_DROP_NOT_FOUND', { path: missing })}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const out = outputBeside(dropped);
  let files: string[];
  try {
    const collected = await collectInputs(dropped, { outDir: out });
    files = collected.files;
    // With ledgers to grade, grade lists the files it does not read; without, they are listed here.
    if (files.length === 0) for (const e of collected.excluded) process.stderr.write(`${t('未计入', 'left out')}：${shown(e.file)} — ${shown(e.reason)}${e.fix ? t(`。处理：${shown(e.fix)}`, `. Fix: ${shown(e.fix)}`) : ''}\n`);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (files.length === 0) {
    process.stderr.write(`${cliText('CLI_DROP_NO_LEDGERS', { dirsZh: dropped.join('、'), dirsEn: dropped.join(', ') })}\n`);
    process.exitCode = EXIT_INPUT;
    return;
  }
  const choice = chooseYear(await Promise.all(files.map(ledgerYear)), new Date());
  const named = [...choice.counts].sort((a, b) => b[0] - a[0]).map(([y, n]) => t(`${y} 年度 ${n} 个`, `${y}: ${n}`)).join(t('，', ', '));
  const why = {
    ledgers: t(`台账「说明」表写的年度`, `the year in the ledgers' 说明 sheets`),
    latest: cliText('CLI_DROP_YEAR_SEVERAL', { named }),
    none: cliText('CLI_DROP_YEAR_NONE', {}),
  }[choice.why];
  process.stdout.write(`${t('台账', 'ledgers')}：${dropped.join(t('、', ', '))}（${files.length} ${t('个工作簿', 'workbooks')}）\n`);
  process.stdout.write(`${t('年度', 'year')}：${choice.year}（${why}）\n`);
  process.stdout.write(`${t('结果写到', 'results go to')}：${out}（${t('那里已有的同名结果会被替换，上一版移到其中的「上一版」文件夹', 'results of the same name there are replaced; the previous ones are kept in its 上一版 folder')}）\n\n`);
  setSeeAll({ zh: '全部问题写在问题清单里（见下）', en: 'every problem is in the 问题清单 (below)' });
  const year = String(choice.year);
  let period: string | undefined;
  let command: string[];
  if (mode === 'grade') command = ['grade', '--year', year, ...dropped, '--out', out];
  else {
    const rec = await monthsRecorded(dropped, out, choice.year);
    const count = rec?.count ?? 0;
    if (mode === 'check') {
      // The monthly check: up to the last month every ledger has recorded (the first month when none has).
      period = rec ? rec.cycle.months[Math.max(0, count - 1)]!.end.slice(0, 7) : undefined;
      process.stdout.write(`${period ? t(`检查到：${Number(period.slice(5))}月（各台账都已记录到这个月；之后的月份还空着，不算错误）`, `checked up to ${period} (every ledger is recorded up to it; later months are not yet recorded)`) : t('检查整个年度', 'checking the whole year')}\n\n`);
      command = ['validate', ...dropped, '--out', out, '--report-per-branch', ...(period ? ['--period', period] : ['--year', year])];
    } else {
      const quarter = Math.floor(count / 3);
      if (!rec || quarter === 0) {
        process.stdout.write(`${cliText('CLI_DROP_QUARTER_INCOMPLETE', { count })}\n`);
        process.exitCode = EXIT_INPUT;
        return;
      }
      period = `${choice.year}Q${quarter}`;
      process.stdout.write(`${t(`公示：第${'一二三四'[quarter - 1]}季度（各台账都记录完整的最后一个季度：记录到第 ${count} 个月）`, `publishing Q${quarter} (the last quarter every ledger has recorded: ${count} months)`)}\n\n`);
      command = ['publish', '--period', period, ...dropped, '--out', out];
    }
  }
  lastRefusal.partial = false;
  lastRefusal.locked = false;
  await main(['node', 'score', ...command]);
  if (lastRefusal.partial && (await ask(t('\n本次有台账未计入。要用这次不完整的结果替换「输出」里所有台账都计入的结果吗？输入 Y 回车替换，直接回车不替换：', '\nSome ledgers were left out. Replace the complete results in 输出 with these partial ones? Type Y and Enter to replace, just Enter to keep them: ')))) {
    process.exitCode = EXIT_OK;
    await main(['node', 'score', ...command, '--force']);
  }
  const failed = Boolean(process.exitCode);
  if (lastRefusal.locked) {
    process.stdout.write(`\n${cliText('CLI_DROP_OUTPUT_IN_USE', {})}\n`);
    return;
  }
  if (failed && mode !== 'check') await writeReport(dropped, out, choice.year, period);
  process.stdout.write(`\n${failed ? cliText('CLI_DROP_FAILED', {}) : t('完成。', 'done.')}\n`);
}
