// The drag-and-drop entry behind 评定.cmd: a ledger folder (or ledger files) dropped on it is graded
// for the year its ledgers' 说明 sheets name, into 输出 beside the folder. It asks nothing and says
// what it chose: the year and why, where the results go, that earlier results there are replaced.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ledgerYear } from '../excel/read/ledger-year.js';
import { collectInputs } from '../batch/collect.js';
import { t } from '../batch/i18n.js';
import { main } from './main.js';
import { shown } from './terminal-guard.js';

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

export async function dropMain(args: string[]): Promise<void> {
  const dropped = args.filter((a) => a.trim() !== '').map((a) => resolve(a));
  if (dropped.length === 0) {
    process.stderr.write(`${t('用法：把台账文件夹拖到「评定.cmd」上松开（不要双击打开它）。结果写到那个文件夹旁边的「输出」文件夹。', 'usage: drag the ledger folder onto 评定.cmd (do not double-click it); the results go to 输出 beside that folder.')}\n`);
    process.exitCode = 2;
    return;
  }
  const missing = dropped.find((d) => statSync(d, { throwIfNoEntry: false }) === undefined);
  if (missing) {
    process.stderr.write(`${t(`找不到：${missing}`, `not found: ${missing}`)}\n`);
    process.exitCode = 2;
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
    process.exitCode = 2;
    return;
  }
  if (files.length === 0) {
    process.stderr.write(`${t(`没有找到台账：${dropped.join('、')} 里没有 .xlsx 工作簿。请把放着各支部台账的文件夹拖过来。`, `no ledgers: no .xlsx workbook in ${dropped.join(', ')}; drop the folder that holds the branches' ledgers.`)}\n`);
    process.exitCode = 1;
    return;
  }
  const choice = chooseYear(await Promise.all(files.map(ledgerYear)), new Date());
  const named = [...choice.counts].sort((a, b) => b[0] - a[0]).map(([y, n]) => t(`${y} 年度 ${n} 个`, `${y}: ${n}`)).join(t('，', ', '));
  const why = {
    ledgers: t(`台账「说明」表写的年度`, `the year in the ledgers' 说明 sheets`),
    latest: t(`台账写了几个年度（${named}），取最近的；其他年度的台账不计入`, `the ledgers name several years (${named}); the latest is graded, the others are left out`),
    none: t(`台账「说明」表都没有写年度，按今年评定；要评其他年度请在「说明」表填写年度`, `no ledger names a year in 说明, so this calendar year; fill 年度 in 说明 to grade another`),
  }[choice.why];
  process.stdout.write(`${t('台账', 'ledgers')}：${dropped.join(t('、', ', '))}（${files.length} ${t('个工作簿', 'workbooks')}）\n`);
  process.stdout.write(`${t('年度', 'year')}：${choice.year}（${why}）\n`);
  process.stdout.write(`${t('结果写到', 'results go to')}：${out}（${t('那里已有的同名结果会被替换', 'results of the same name there are replaced')}）\n\n`);
  await main(['node', 'score', 'grade', '--year', String(choice.year), ...dropped, '--out', out, '--force']);
  process.stdout.write(`\n${process.exitCode ? t('有问题，见上面的说明；改好台账后再拖一次。', 'there were problems, see above; fix the ledgers and drop the folder again.') : t('完成。', 'done.')}\n`);
}
