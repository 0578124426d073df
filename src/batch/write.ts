// The output step of every command: one set of workbooks, written all-or-nothing. Each workbook
// goes to a temporary file in its folder as soon as it is made (memory stays flat on a county);
// only when every one is written are they renamed into place together. If any write fails, or a
// target exists without --force, none is renamed and the temporary files are removed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Book } from '../excel/lean/book.js';
import { exists, makeDir, message, tempName } from '../excel/lean/save.js';
import { t } from './i18n.js';
import { setExit, EXIT_INPUT } from './exit.js';

/** The project's temporary output name: `.<target name>.<pid>.<8 hex>.tmp`, beside the target. */
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;


/** A process that is still running (its temp files are not stale). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temp files earlier runs left in `dir` when they were killed; returns their names. */
export async function cleanStaleTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = TEMP.exec(n);
    return m !== null && !alive(Number(m[2]));
  });
  for (const n of stale) await fs.rm(path.join(dir, n), { force: true }).catch(() => undefined);
  return stale;
}


/**
 * A test hook, documented in the README: SCORE_TEST_FAIL_WRITE=N makes the N-th temporary file of
 * a run fail as a full disk would (ENOSPC), after it was partly written. Never set by users.
 */
function injectedFailure(n: number): Error | undefined {
  const at = Number(process.env.SCORE_TEST_FAIL_WRITE);
  if (!Number.isInteger(at) || at !== n) return undefined;
  return Object.assign(new Error('ENOSPC: no space left on device (SCORE_TEST_FAIL_WRITE)'), { code: 'ENOSPC' });
}

interface Pending {
  target: string;
  tmp: string;
}

export class OutputSet {
  private readonly pending: Pending[] = [];
  private readonly problems: string[] = [];
  private readonly cleaned = new Set<string>();
  private count = 0;

  constructor(private readonly force: boolean) {}

  /** Makes and writes one workbook to its temporary file (not yet in place); never throws. */
  async add(target: string, make: () => ExcelJS.Workbook | Book | Promise<ExcelJS.Workbook | Book>): Promise<void> {
    if (this.problems.length > 0) return; // the set has failed: nothing more is written
    if (this.pending.some((p) => p.target === target)) {
      this.problems.push(t(`${target} 在本次输出中出现两次`, `${target} appears twice in this output`));
      return;
    }
    if (!this.force && (await exists(target))) {
      this.problems.push(t(`${target} 已存在。要覆盖请加 --force`, `${target} exists; use --force to overwrite`));
      return;
    }
    const dir = path.dirname(target);
    const tmp = tempName(target);
    try {
      await makeDir(dir);
      if (!this.cleaned.has(dir)) {
        this.cleaned.add(dir);
        const stale = await cleanStaleTemps(dir);
        if (stale.length > 0) process.stderr.write(`${t(`已清理上次中断留下的 ${stale.length} 个临时文件（${dir}）`, `removed ${stale.length} temporary file(s) left by an interrupted run (${dir})`)}\n`);
      }
      this.pending.push({ target, tmp });
      const wb = await make();
      await save(wb, tmp);
      const failure = injectedFailure(++this.count);
      if (failure) throw failure;
    } catch (e) {
      this.problems.push(t(`写出 ${target} 失败：${message(e)}`, `writing ${target} failed: ${message(e)}`));
    }
  }

  /**
   * Puts every workbook in place, or none: on any problem the temporary files are removed, the
   * problems are printed (exit 1) and nothing is returned. Returns the paths written.
   */
  async commit(): Promise<string[]> {
    if (this.problems.length === 0 && !this.force) {
      for (const p of this.pending) if (await exists(p.target)) this.problems.push(t(`${p.target} 已存在。要覆盖请加 --force`, `${p.target} exists; use --force to overwrite`));
    }
    if (this.problems.length > 0) {
      await this.discard();
      setExit(EXIT_INPUT);
      for (const p of this.problems) process.stderr.write(`${t('未写出', 'not written')}：${p}\n`);
      const n = this.pending.length;
      if (n > 0 || this.problems.length > 0) process.stderr.write(`${t('本次的输出文件一个也没有写出（要么全部写出，要么都不写）', 'none of this run\'s outputs was written (all or none)')}\n`);
      this.pending.length = 0;
      return [];
    }
    const written: string[] = [];
    for (const p of this.pending) {
      try {
        await fs.rename(p.tmp, p.target);
        written.push(p.target);
      } catch (e) {
        setExit(EXIT_INPUT);
        process.stderr.write(`${t(`未写出：${p.target}（${message(e)}）`, `not written: ${p.target} (${message(e)})`)}\n`);
        await fs.rm(p.tmp, { force: true }).catch(() => undefined);
      }
    }
    this.pending.length = 0;
    return written;
  }

  private async discard(): Promise<void> {
    for (const p of this.pending) await fs.rm(p.tmp, { force: true }).catch(() => undefined);
  }
}

async function save(wb: ExcelJS.Workbook | Book, tmp: string): Promise<void> {
  const { Book: LeanBook } = await import('../excel/lean/book.js');
  if (wb instanceof LeanBook) {
    const { writeBook } = await import('../excel/lean/save.js');
    await writeBook(wb, tmp);
  } else {
    await wb.xlsx.writeFile(tmp);
  }
}
