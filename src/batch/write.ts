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
import { FILE_ERRORS, say } from './messages.js';
import { setExit, EXIT_INPUT } from './exit.js';
import { hashInputs, previousPath, PREVIOUS_DIR, programVersion, readStamp, stampText, type Stamp, type StampInput } from './stamp.js';

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
  /** Where the file at the target is kept (default: 上一版/<name> beside it). */
  keep?: string;
}

/** An add: its file (once begun), its stamp (once written) or the problem that stopped it. */
interface Slot extends Pending {
  started?: boolean;
  stamp?: Stamp;
  problem?: string;
}

/** What the stamp of this set's workbooks says besides the kind (from the file name), version and time. */
export interface SetInfo {
  scheme?: string | null;
  period?: string | null;
  /** The input files read (their SHA-256 go into the stamp). */
  inputs?: readonly string[];
  /** The input files left out (未计入): the set is partial. */
  excluded?: readonly string[];
  /** --quiet: the note that the previous set was moved to 上一版 is not printed (errors still are). */
  quiet?: boolean;
}

/**
 * A test hook, documented in the README: SCORE_TEST_FAIL_RENAME=N makes the N-th rename into place
 * of a run fail as a file held open on Windows does (EPERM). Never set by users.
 */
function injectedRenameFailure(n: number): Error | undefined {
  const at = Number(process.env.SCORE_TEST_FAIL_RENAME);
  if (!Number.isInteger(at) || at !== n) return undefined;
  return Object.assign(new Error('EPERM: operation not permitted, rename (SCORE_TEST_FAIL_RENAME)'), { code: 'EPERM' });
}

/** Keeps `target` at `prev`: a hard link (false), or where the volume has none a rename (true: `target` is gone). */
async function linkOrMove(target: string, prev: string): Promise<boolean> {
  try {
    if (process.env.SCORE_TEST_NO_LINK) throw Object.assign(new Error('EPERM: hard links not supported (SCORE_TEST_NO_LINK)'), { code: 'EPERM' });
    await fs.link(target, prev);
    return false;
  } catch {
    await fs.rename(target, prev);
    return true;
  }
}

/** An errno in words a clerk understands; Node's own text only with SCORE_DEBUG=1. */
export function fileError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const w = (code ? FILE_ERRORS[code] : undefined) ?? FILE_ERRORS.other!;
  const text = t(w[0], w[1]);
  return process.env.SCORE_DEBUG ? `${text} [${message(e)}]` : text;
}

/**
 * Whether a file can be replaced now: on Windows a workbook open in Excel or WPS cannot be opened
 * for writing (EBUSY/EPERM); LibreOffice marks an open file with `.~lock.<name>#` beside it.
 */
async function heldOpen(target: string): Promise<boolean> {
  if (process.env.SCORE_TEST_LOCKED && path.basename(target) === process.env.SCORE_TEST_LOCKED) return true;
  if (await exists(path.join(path.dirname(target), `.~lock.${path.basename(target)}#`))) return true;
  try {
    const fh = await fs.open(target, 'r+');
    await fh.close();
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EBUSY' || (process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES'));
  }
}

/** What the last commit refused for (the drop window asks before replacing a complete set by a partial one). */
export const lastRefusal = { partial: false, locked: false };

export class OutputSet {
  /** One per add, in the order of the calls. */
  private readonly slots: Slot[] = [];
  /** Problems found by commit, after the adds'. */
  private readonly later: string[] = [];
  /** The stamps once the set is committed (the slots are then cleared). */
  private settled: Stamp[] | undefined;
  private readonly cleaned = new Set<string>();
  private readonly time = new Date(Math.floor(Date.now() / 1000) * 1000);
  private inputsHashed: Promise<StampInput[]> | undefined;

  constructor(private readonly force: boolean, private readonly info: SetInfo = {}) {}

  private get complete(): boolean {
    return (this.info.excluded ?? []).length === 0;
  }

  /** Why `target` (which exists) must not be replaced by this set, or undefined. */
  private async ownership(target: string): Promise<string | undefined> {
    if (this.force) return undefined;
    const own = await readStamp(target);
    if (!own) return say('OUTPUT_NOT_OURS', { target, previous: PREVIOUS_DIR });
    if (own.edited) return say('OUTPUT_EDITED', { target, modified: own.modified, previous: PREVIOUS_DIR });
    if (own.stamp.complete && !this.complete) {
      lastRefusal.partial = true;
      const n = this.info.excluded!.length;
      return say('OUTPUT_COMPLETE_KEPT', { target, date: own.stamp.time.slice(0, 10), n });
    }
    return undefined;
  }

  private async stampFor(target: string): Promise<Stamp> {
    const inputs = await (this.inputsHashed ??= hashInputs(this.info.inputs ?? []));
    return {
      tool: 'score',
      version: programVersion(),
      kind: path.basename(target).replace(/\.xlsx$/i, ''),
      scheme: this.info.scheme ?? null,
      period: this.info.period ?? null,
      time: this.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      complete: this.complete,
      excluded: [...(this.info.excluded ?? [])],
      inputs,
    };
  }

  /** Makes and writes one workbook to its temporary file (not yet in place); never throws. */
  add(target: string, make: () => ExcelJS.Workbook | Book | Promise<ExcelJS.Workbook | Book>, opts: { keepAs?: string } = {}): Promise<void> {
    return this.put(target, async (tmp, stamp) => save(await make(), tmp, stamp, this.time), opts);
  }

  /**
   * As add, for a workbook another thread writes (grade's write worker): `write` puts it at the
   * temporary path given, with the stamp text and time given. Adds may run at once: the files, their
   * stamps and any problems keep the order the adds were called in, whichever finishes first.
   */
  addWritten(target: string, write: (tmp: string, stamp: string, time: Date) => Promise<void>, opts: { keepAs?: string } = {}): Promise<void> {
    return this.put(target, (tmp, stamp) => write(tmp, stamp, this.time), opts);
  }

  private async put(target: string, write: (tmp: string, stamp: string) => Promise<void>, opts: { keepAs?: string }): Promise<void> {
    if (this.problems.length > 0) return; // the set has failed: nothing more is written
    if (this.slots.some((p) => p.target === target)) {
      this.slots.push({ target, tmp: '', problem: say('OUTPUT_TWICE', { target }) });
      return;
    }
    // Its place in the set, taken before the first wait: the order of the calls, not of the writes.
    const at = this.slots.push({ target, tmp: tempName(target), ...(opts.keepAs ? { keep: opts.keepAs } : {}) }) - 1;
    const slot = this.slots[at]!;
    if (await exists(target)) {
      const why = await this.ownership(target);
      if (why) {
        slot.problem = why;
        return;
      }
    }
    const dir = path.dirname(target);
    try {
      await makeDir(dir);
      if (!this.cleaned.has(dir)) {
        this.cleaned.add(dir);
        // Also in 上一版/: the older version set aside while a killed run was putting its set in place.
        const stale = [...(await cleanStaleTemps(dir)), ...(await cleanStaleTemps(path.join(dir, PREVIOUS_DIR)))];
        if (stale.length > 0) process.stderr.write(`${say('OUTPUT_STALE_TEMPS', { n: stale.length, dir })}\n`);
      }
      slot.started = true;
      const stamp = await this.stampFor(target);
      await write(slot.tmp, stampText(stamp));
      slot.stamp = stamp;
      const failure = injectedFailure(at + 1);
      if (failure) throw failure;
    } catch (e) {
      slot.problem = say('OUTPUT_WRITE_FAILED', { target, why: fileError(e) });
    }
  }

  /** The workbooks the adds began, in the order of the adds. */
  private get pending(): Pending[] {
    return this.slots.filter((s) => s.started);
  }

  /** The stamps of the workbooks written, for --json (in the order of the adds); none once the set failed. */
  get stamps(): Stamp[] {
    return this.settled ?? this.slots.flatMap((s) => (s.stamp ? [s.stamp] : []));
  }

  /** The problems of the adds (in their order), then the commit's. */
  private get problems(): string[] {
    return [...this.slots.flatMap((s) => (s.problem ? [s.problem] : [])), ...this.later];
  }

  /**
   * Puts every workbook in place, or none: first every target that exists is checked (score's own,
   * not open in Excel/WPS); on any problem nothing is renamed, the temporary files are removed, the
   * problems are printed (exit 1) and nothing is returned. A target that exists is moved to
   * 上一版/ first; when a rename fails midway, every step done is undone (all old or all new).
   * Returns the paths written.
   */
  async commit(): Promise<string[]> {
    if (this.problems.length === 0) {
      for (const p of this.pending) {
        if (!(await exists(p.target))) continue;
        const why = await this.ownership(p.target);
        if (why) this.later.push(why);
        else if (await heldOpen(p.target)) (lastRefusal.locked = true), this.later.push(say('OUTPUT_OPEN_ELSEWHERE', { file: p.target }));
        else if (await heldOpen(p.keep ?? previousPath(p.target))) (lastRefusal.locked = true), this.later.push(say('OUTPUT_OPEN_ELSEWHERE', { file: p.keep ?? previousPath(p.target) }));
      }
    }
    if (this.problems.length > 0) return this.fail();
    // Each step pushes how to undo it; a failure undoes them in reverse (all old, or all new). The
    // file at a target is never missing: the previous version is linked (or copied) into 上一版/
    // first, then the new one is renamed over the target in one step.
    const undo: (() => Promise<void>)[] = [];
    const dropLater: string[] = [];
    const kept = new Set<string>();
    let renames = 0;
    let current: Pending | undefined;
    try {
      for (const p of this.pending) {
        current = p;
        const target = p.target;
        if (await exists(target)) {
          const prev = p.keep ?? previousPath(target);
          await makeDir(path.dirname(prev));
          if (await exists(prev)) {
            // The version before the previous one: set aside until the whole set is in place.
            const aside = tempName(prev);
            await fs.rename(prev, aside);
            undo.push(() => fs.rename(aside, prev));
            dropLater.push(aside);
          }
          // A hard link costs nothing and keeps the target in place; where the volume has none (FAT, some
          // shares) the old file is moved (renamed on the same volume, never copied): the target is then
          // missing only until the new one is renamed over it, and an undo moves it back.
          const moved = await linkOrMove(target, prev);
          undo.push(moved ? async () => void ((await exists(prev)) && !(await exists(target)) && (await fs.rename(prev, target))) : () => fs.rm(prev, { force: true }));
          kept.add(path.dirname(prev));
          const failure = injectedRenameFailure(++renames);
          if (failure) throw failure;
          await fs.rename(p.tmp, target);
          undo.push(() => fs.rename(prev, target));
        } else {
          const failure = injectedRenameFailure(++renames);
          if (failure) throw failure;
          await fs.rename(p.tmp, target);
          undo.push(() => fs.rm(target, { force: true }));
        }
      }
    } catch (e) {
      const failed = current!.target;
      lastRefusal.locked = true;
      let restored = true;
      for (const step of undo.reverse()) {
        try {
          await step();
        } catch {
          restored = false;
        }
      }
      await this.discard();
      setExit(EXIT_INPUT);
      const why = fileError(e);
      process.stderr.write(`${say('OUTPUT_REPLACE_FAILED', { target: failed, why })}\n`);
      process.stderr.write(`${restored ? say('OUTPUT_RESTORED', {}) : say('OUTPUT_RESTORE_FAILED', { dir: path.dirname(failed), previous: PREVIOUS_DIR })}\n`);
      this.settled = [];
      this.slots.length = 0;
      return [];
    }
    for (const a of dropLater) await fs.rm(a, { force: true }).catch(() => undefined);
    if (!this.info.quiet) for (const k of kept) process.stderr.write(`${say('OUTPUT_PREVIOUS_MOVED', { dir: k })}\n`);
    const written = this.pending.map((p) => p.target);
    this.settled = this.stamps;
    this.slots.length = 0;
    return written;
  }

  private async fail(): Promise<string[]> {
    await this.discard();
    setExit(EXIT_INPUT);
    for (const p of this.problems) process.stderr.write(`${t('未写出', 'not written')}：${p}\n`);
    process.stderr.write(`${say('OUTPUT_NONE_WRITTEN', {})}\n`);
    this.settled = [];
    this.slots.length = 0;
    this.later.length = 0;
    return [];
  }

  private async discard(): Promise<void> {
    for (const p of this.pending) await fs.rm(p.tmp, { force: true }).catch(() => undefined);
  }
}

async function save(wb: ExcelJS.Workbook | Book, tmp: string, stamp: string, time: Date): Promise<void> {
  const { Book: LeanBook } = await import('../excel/lean/book.js');
  if (wb instanceof LeanBook) await saveBook(wb, tmp, stamp, time);
  else {
    wb.description = stamp;
    wb.created = time;
    wb.modified = time;
    await wb.xlsx.writeFile(tmp);
  }
}

/** A lean book written to `tmp` with the set's stamp and time (also by grade's write worker). */
export async function saveBook(book: Book, tmp: string, stamp: string, time: Date): Promise<void> {
  book.description = stamp;
  book.date = time;
  const { writeBook } = await import('../excel/lean/save.js');
  await writeBook(book, tmp);
}
