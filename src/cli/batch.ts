// A graded or computed batch: the included ledgers of one scheme, the excluded ones with reasons,
// and writing outputs without overwriting (unless --force).
import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Book } from '../excel/lean/book.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { placeText } from '../core/diagnostics.js';
import type { Ledger } from '../core/model.js';
import type { BranchResult } from '../core/result.js';
import type { Scheme } from '../scheme/schema.js';
import { lang, t } from './i18n.js';
import type { LoadedLedger } from './inputs.js';
import { setExit, EXIT_INPUT } from './exit.js';
import { diagnosticJson, printJson } from './output.js';

export interface Excluded {
  file: string;
  branch?: string;
  reason: string;
}

export interface Batch {
  scheme: Scheme;
  ledgers: Ledger[];
  /** Branches computed while reading (LoadOptions.compute), in the order of `ledgers`. */
  branches: BranchResult[];
  excluded: Excluded[];
  issues: Diagnostic[];
}

/** Keeps the ledgers of the batch scheme that passed their checks; the rest become 未计入. */
export function splitBatch(items: LoadedLedger[], scheme: Scheme): Batch {
  const ledgers: Ledger[] = [];
  const branches: BranchResult[] = [];
  const excluded: Excluded[] = [];
  // One batch, one scheme: a ledger naming another one is left out, and the reason names both and how many use each.
  const counts = new Map<string, number>();
  for (const i of items) if (!i.excluded && i.scheme) counts.set(i.scheme.id, (counts.get(i.scheme.id) ?? 0) + 1);
  const uses = (id: string): number => counts.get(id) ?? 0;
  for (const i of items) {
    const branch = i.ledger?.branch;
    if (i.excluded) excluded.push({ file: i.file, ...(branch ? { branch } : {}), reason: i.excluded });
    else if (i.scheme && i.scheme.id !== scheme.id) {
      const [own, batch] = [uses(i.scheme.id), uses(scheme.id)];
      excluded.push({
        file: i.file,
        ...(branch ? { branch } : {}),
        reason: t(
          `使用的方案是 ${i.scheme.id}（本批 ${own} 个台账），与本批评定所用的 ${scheme.id}（${batch} 个台账）不同：一批只按一个方案评定，请把 ${i.scheme.id} 的台账放到另一个文件夹单独处理，或改正其「说明」表的方案`,
          `uses scheme ${i.scheme.id} (${own} ledgers of this batch), not ${scheme.id} (${batch} ledgers), which this batch is graded by: one batch, one scheme; put the ${i.scheme.id} ledgers in another folder, or correct 方案 in their 说明 sheet`,
        ),
      });
    }
    else if (i.ledger) {
      ledgers.push(i.ledger);
      if (i.branch) branches.push(i.branch);
    }
  }
  return { scheme, ledgers, branches, excluded, issues: items.flatMap((i) => i.diagnostics) };
}

export function reportExcluded(b: Pick<Batch, 'excluded' | 'issues'>, quiet: boolean | undefined): void {
  if (b.excluded.length > 0) setExit(EXIT_INPUT);
  if (quiet) return;
  for (const e of b.excluded) {
    process.stderr.write(`${t('未计入', 'left out')}：${e.branch ? `${e.branch}（${basename(e.file)}）` : basename(e.file)} — ${e.reason}\n`);
  }
  const errors = b.issues.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    process.stderr.write(`${t(`共有 ${errors.length} 个错误，第一个：${placeText(errors[0]!)} ${errors[0]!.message[lang()]}。用 score validate 查看全部`, `${errors.length} errors; first: ${placeText(errors[0]!)} ${errors[0]!.message.en}. Run score validate for all`)}\n`);
  }
}

/**
 * No ledger of the batch could be read (so no scheme is known): every file is reported as left
 * out, and --json still prints the contract's shape with the issues and the left-out files.
 */
export function reportNothingReadable(items: LoadedLedger[], opts: { quiet?: boolean; json?: boolean }, json: Record<string, unknown> = {}): void {
  const excluded = items.map((i) => ({ file: i.file, reason: i.excluded ?? '' }));
  const issues = items.flatMap((i) => i.diagnostics);
  reportExcluded({ excluded, issues }, opts.quiet || opts.json);
  if (items.length === 0) setExit(EXIT_INPUT);
  if (opts.json) printJson({ scheme: null, ...json, members: [], issues: issues.map(diagnosticJson), excluded });
}

/** Saves a workbook (exceljs, or a lean Book for the big outputs); an existing file is kept unless --force (then exit 1 with a note). */
export async function writeOutput(wb: ExcelJS.Workbook | Book, target: string, force: boolean | undefined, written: string[]): Promise<void> {
  const { Book: LeanBook } = await import('../excel/lean/book.js');
  let r;
  if (wb instanceof LeanBook) {
    const { saveBook } = await import('../excel/lean/save.js');
    r = await saveBook(wb, target, { force: Boolean(force) });
  } else {
    const { saveWorkbook } = await import('../excel/write/save.js');
    r = await saveWorkbook(wb, target, { force: Boolean(force) });
  }
  if (r.ok) {
    written.push(target);
    return;
  }
  setExit(EXIT_INPUT);
  if (r.reason === 'exists') process.stderr.write(`${t(`未写出：${target} 已存在。要覆盖请加 --force`, `not written: ${target} exists; use --force to overwrite`)}\n`);
  else process.stderr.write(`${t(`写出 ${target} 失败：${r.message}`, `writing ${target} failed: ${r.message}`)}\n`);
}
