// The read and check steps for a batch: files and folders → workbooks → ledgers → diagnostics.
// A broken or invalid workbook is reported and left out; the others go on.
import { libraryReason } from '../excel/library-errors.js';
import { setReadHash } from '../excel/read-hashes.js';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../core/diagnostics.js';
import { hasErrors, makeDiagnostic, sortDiagnostics } from '../core/diagnostics.js';
import type { HistoryEntry, Ledger } from '../core/model.js';
import type { BranchResult } from '../core/result.js';
import type { HistoryLookup } from '../core/model.js';
import { cycleOf, cyclePeriod, parsePeriod, resolvePeriod, type Period } from '../core/cycle.js';
import { validateLedger } from '../core/check/validate.js';
import { loadBuiltinScheme } from '../scheme/load.js';
import type { Scheme } from '../scheme/schema.js';
import { lang, t } from './i18n.js';
import { INPUT_MESSAGES } from './messages.js';
import { READ_CATALOGUE } from '../excel/read/catalogue.js';

/** A cell's text quoted in a message: at most 40 characters. */
const shortText = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export interface LoadedLedger {
  file: string;
  ledger?: Ledger;
  /** The computed branch, when LoadOptions.compute asked for it. */
  branch?: BranchResult;
  /** The computed branch as a read worker packed it, when LoadOptions.packed asked to keep it so (src/batch/graded.ts). */
  packed?: Uint8Array;
  /** Members of the computed branch (its ledger's rows are dropped once computed): what expanding it costs. */
  members?: number;
  scheme?: Scheme;
  year?: number;
  diagnostics: Diagnostic[];
  /** Set when the ledger is left out of the batch: the first error, in the interface language. */
  excluded?: string;
  /** Set when the ledger belongs to another cycle and LoadOptions.skipOtherYears asked to pass it by. */
  otherYear?: number;
}

export interface LoadOptions {
  scheme?: Scheme;
  year?: number;
  /**
   * The periods asked for (2023Q1, 2023H1, 2023-03 …), resolved with each ledger's scheme: they name
   * the cycle, and the ledger is checked up to the last one's end (later months: not yet recorded).
   */
  periods?: string[];
  /** false: the year-end inputs (民主评议) are not asked for (apply adds lines during the year). */
  yearEnd?: boolean;
  /**
   * Compute each branch as soon as it is read (grade, compute): the result is kept and the
   * ledger's records and events are dropped, so memory stays flat on a county.
   */
  compute?: { period?: Period; history: HistoryEntry[]; trace?: boolean };
  /** Branches computed by read workers stay packed (LoadedLedger.packed) until they are written: grade's county. */
  packed?: boolean;
  /** A folder may hold several years: ledgers whose 说明 names another 年度 are passed by, not errors. */
  skipOtherYears?: boolean;
  /** Called after each file, for progress on a TTY. */
  onProgress?: (done: number, total: number) => void;
}

/** Reads and checks every file; never throws for bad input. A batch that pays for it is read on every core. */
export async function loadLedgers(files: string[], opts: LoadOptions): Promise<LoadedLedger[]> {
  const sizes = fileSizes(files);
  const plan = lanePlan(sizes, availableParallelism());
  if (plan.workers > 0) return loadInLanes(files, sizes, opts, plan);
  const out: LoadedLedger[] = [];
  for (const file of files) {
    out.push(await loadOne(file, opts));
    opts.onProgress?.(out.length, files.length);
  }
  return out;
}

/** Who reads a batch: worker threads, and whether the main thread reads too (one lane more). */
export interface LanePlan {
  workers: number;
  main: boolean;
}

/**
 * A worker's start-up (a thread, then the readers, checks and engine loaded in it) on the main
 * thread's clock: 0.10–0.15 s on a quiet 2-core VM. Reading a ledger of the bench's township
 * (73 KB) takes the main thread ~20 ms: a worker pays for itself only once the batch holds a few
 * of its start-ups of reading.
 */
const WORKER_START_MS = 120;
/** Main-thread reading speed, read, checked and computed (bench township: 4.1 MB in 1.23 s on a quiet VM). */
const READ_MS_PER_MB = 300;
/**
 * Up to this the main thread reads too (beside workers, when there are cores for them); past it
 * the main thread only answers the workers: it expands every branch it reads itself (a worker
 * sends it packed), and a county-size batch keeps it busy enough with the workers' results.
 */
const MAIN_READS_UP_TO_BYTES = 16 * 1024 * 1024;
/**
 * Cores a read in progress already keeps busy before any worker: the main thread, and V8's
 * optimising compiler. Measured on the bench's township (2026-12-07, docs/performance.md): the
 * main thread ran 1.23 s while V8's compiler threads used 1.41 s of CPU beside it; a worker lane
 * is a second isolate that compiles the same code again (1.44× the CPU of the run), so on two
 * cores it made the run slower, not faster.
 */
const BUSY_CORES = 2;

/**
 * How a batch is read, from its files' sizes and the cores. One ledger, a batch read faster than
 * a worker starts, or a machine with no core to spare stays on the main thread (no start-up for
 * one ledger). A batch of small ledgers (a township) is read by the main thread and workers side
 * by side, from one queue: the workers start at once, and their start-up overlaps the main
 * thread's first files. A big batch (a county) is read by workers only. SCORE_WORKERS forces a
 * plan: 0 (the main thread only), N (N workers, the main thread waits), +N (the main thread and
 * N workers).
 */
export function lanePlan(sizes: number[], cores: number, forced = process.env.SCORE_WORKERS): LanePlan {
  const files = sizes.length;
  if (forced) {
    const n = Number(forced);
    if (!Number.isInteger(n) || n < 0) return lanePlan(sizes, cores, undefined);
    if (n === 0 || files < 2) return { workers: 0, main: true };
    return forced.startsWith('+') ? { workers: Math.min(n, files - 1), main: true } : { workers: Math.min(n, files), main: false };
  }
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const readMs = (bytes / (1024 * 1024)) * READ_MS_PER_MB;
  if (files < 2 || readMs < 3 * WORKER_START_MS) return { workers: 0, main: true };
  if (bytes <= MAIN_READS_UP_TO_BYTES) {
    // Each worker more must have its start-up's worth of files to read, and a core of its own.
    const workers = Math.min(cores - BUSY_CORES, Math.floor(readMs / (3 * WORKER_START_MS)), files - 1, 3);
    return { workers: Math.max(0, workers), main: true };
  }
  const workers = Math.min(cores, 4, files);
  return workers > 1 ? { workers, main: false } : { workers: 0, main: true };
}

/** Sizes of the files (0 when unreadable: the reader reports it). Synchronous: 2,800 promise stats took 0.15 s, these 7 ms. */
function fileSizes(files: string[]): number[] {
  return files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
}

/** A worker is given the next file before it finishes this one when both are small (no idle gap per file). */
const SMALL_FILE = 512 * 1024;

/** Heap of one read worker: a workbook that needs more is left out with a reason, the batch goes on. */
export const WORKER_HEAP_MB = Number(process.env.SCORE_WORKER_HEAP_MB) || 384;
/**
 * Young generation of a read worker. A county ledger (2,000 members) is some 20 MB of objects that
 * live while it is read, checked and computed; with 16 MB they were promoted and collected again
 * by full collections (GC took 60 ms a ledger instead of 25); 32 MB reads a county ~10 % faster
 * at the same peak memory (measured 16/32/48/64/96: 64 and up cost 80 MB more).
 */
const WORKER_YOUNG_MB = 32;

async function loadInLanes(files: string[], sizes: number[], opts: LoadOptions, plan: LanePlan): Promise<LoadedLedger[]> {
  const { Worker } = await import('node:worker_threads');
  const { branchFromBytes, branchToBytes, freeze, thaw } = await import('./revive.js');
  const url = new URL('./read-worker.js', import.meta.url);
  const workerData = freeze({ scheme: opts.scheme, year: opts.year, compute: opts.compute, periods: opts.periods, lang: lang() });
  const results: LoadedLedger[] = new Array(files.length);
  const packed: (Uint8Array | undefined)[] = [];
  let next = 0;
  let done = 0;
  const finish = (id: number, item: LoadedLedger): void => {
    results[id] = item;
    opts.onProgress?.(++done, files.length);
  };
  /** Files a dead worker had been given but not started: the next worker takes them first. */
  const retry: number[] = [];
  const take = (): number | undefined => retry.shift() ?? (next < files.length ? next++ : undefined);
  /**
   * One lane: a worker with the next file in hand too when files are small (it reads them one at a
   * time, and never waits for the next); a worker that dies (out of memory) is replaced, the file it
   * was reading left out.
   */
  const lane = (): Promise<void> =>
    new Promise<void>((resolveLane) => {
      const start = (): void => {
        const w = new Worker(url, { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
        const inHand: number[] = [];
        const feed = (): void => {
          while (inHand.length === 0 || (inHand.length < 2 && sizes[inHand[0]!]! < SMALL_FILE)) {
            const id = take();
            if (id === undefined) break;
            inHand.push(id);
            w.postMessage({ id, file: files[id] });
          }
          if (inHand.length === 0) void w.terminate().then(() => resolveLane());
        };
        w.on('message', (m: { id: number; item?: unknown; branch?: Uint8Array; scheme?: 'given' | 'named'; failed?: Diagnostic; sha256?: string }) => {
          inHand.splice(inHand.indexOf(m.id), 1);
          if (m.sha256) setReadHash(files[m.id]!, m.sha256);
          if (!m.item) finish(m.id, unread(files[m.id]!, m.failed ?? makeDiagnostic(READ_CATALOGUE, 'READ_EXCEL_FAILED', { file: files[m.id]! }, { why: 'malformed' })));
          else {
            const item = thaw<LoadedLedger>(m.item);
            if (m.branch) packed[m.id] = m.branch;
            const named = m.scheme === 'named' ? item.ledger?.schemeId : undefined;
            const scheme = m.scheme === 'given' ? opts.scheme : named !== undefined ? schemeNamed(named) : undefined;
            finish(m.id, scheme ? { ...item, scheme } : item);
          }
          feed();
        });
        w.on('error', (e: Error & { code?: string }) => {
          // Files are read in the order given: the first in hand is the one that killed the worker.
          const dead = inHand.shift();
          if (dead !== undefined) {
            const place = { file: files[dead]! };
            const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
            finish(dead, unread(place.file, oom ? makeDiagnostic(INPUT_MESSAGES, 'INPUT_READ_OUT_OF_MEMORY', place, { mb: WORKER_HEAP_MB }) : makeDiagnostic(READ_CATALOGUE, 'READ_EXCEL_FAILED', place, libraryReason(e))));
          }
          retry.unshift(...inHand);
          start();
        });
        feed();
      };
      start();
    });
  /** The main thread's lane: the next file from the same queue, read as without workers; between files the workers are answered. */
  const mainLane = async (): Promise<void> => {
    for (let id = take(); id !== undefined; id = take()) {
      const { branch, ...item } = await loadOne(files[id]!, opts);
      // Packed as a worker's are, when the batch keeps them so: every branch of the batch in one form, in order.
      if (branch && opts.packed) packed[id] = branchToBytes(branch);
      finish(id, branch && !opts.packed ? { ...item, branch } : item);
      await new Promise((resolveTurn) => setImmediate(resolveTurn));
    }
  };
  // The workers first: they start (load the readers) while the main thread reads its first files.
  const workers = [...Array(plan.workers).keys()].map(() => lane());
  await Promise.all([...workers, ...(plan.main ? [mainLane()] : [])]);
  // The workers are gone: now the branches are expanded (see branchToBytes), or kept packed for grade.
  packed.forEach((bytes, id) => {
    if (bytes && opts.packed) results[id]!.packed = bytes;
    else if (bytes) results[id]!.branch = branchFromBytes(bytes);
    packed[id] = undefined;
  });
  return results;
}

/** A file a worker could not read, left out with the diagnostic that says why. */
function unread(file: string, d: Diagnostic): LoadedLedger {
  return { file, diagnostics: [d], excluded: d.message[lang()] };
}

/** The built-in scheme a ledger names (loadScheme keeps each one it loads: a batch loads it once). */
function schemeNamed(name: string): Scheme | undefined {
  const r = loadBuiltinScheme(name);
  return r.ok ? r.scheme : undefined;
}

async function isApplicationForm(file: string, wb: Parameters<typeof import('../excel/read/application.js').readApplication>[1]): Promise<boolean> {
  const { readApplication } = await import('../excel/read/application.js');
  return readApplication(file, wb).applications.length > 0;
}

/** A 评分汇总表 (附件3): a sheet with 党员姓名 and 合计得分 whose rows the summary reader reads. */
async function isSummaryForm(file: string, wb: Parameters<typeof import('../excel/read/summary.js').readSummary>[1], scheme: Scheme | undefined): Promise<boolean> {
  const { readSummary } = await import('../excel/read/summary.js');
  return readSummary(file, wb, scheme).sheets.some((s) => s.rows.length > 0);
}

/** A 评分汇总表 (附件3) this scheme can be graded from, read as the branch's input; undefined when the workbook is not one. */
async function summaryLedger(file: string, wb: Parameters<typeof import('../excel/read/summary-ledger.js').readSummaryLedger>[1], scheme: Scheme): Promise<ReturnType<typeof import('../excel/read/summary-ledger.js').readSummaryLedger> | undefined> {
  const { isSummaryLedger, readSummaryLedger } = await import('../excel/read/summary-ledger.js');
  return isSummaryLedger(wb, scheme) ? readSummaryLedger(file, wb, scheme) : undefined;
}

const lookups = new WeakMap<HistoryEntry[], HistoryLookup>();

function historyLookupFor(entries: HistoryEntry[], make: (e: HistoryEntry[]) => HistoryLookup): HistoryLookup {
  let l = lookups.get(entries);
  if (!l) lookups.set(entries, (l = make(entries)));
  return l;
}

/** Opens, reads and checks one ledger (and computes it, when asked). */
export async function loadOne(file: string, opts: Omit<LoadOptions, 'onProgress'>): Promise<LoadedLedger> {
  const { openForReading } = await import('../excel/workbook.js');
  const { hasRecordSheets, readLedger, readLedgerInfo, SHEET_NAMES } = await import('../excel/read/ledger.js');
  const { sheetByName } = await import('../excel/read/common.js');
  const item: LoadedLedger = { file, diagnostics: [] };
  const opened = await openForReading(file);
  if (!opened.ok) {
    item.diagnostics.push(opened.diagnostic);
  } else {
    let scheme = opts.scheme;
    // A workbook with no 名册 is not a ledger: one error (from the reader) says so, nothing about schemes.
    const recordSheets = hasRecordSheets(opened.wb);
    const isLedger = recordSheets || sheetByName(opened.wb, SHEET_NAMES.roster) !== undefined;
    if (!scheme && isLedger) {
      const info = readLedgerInfo(file, opened.wb);
      if (!info.schemeId) item.diagnostics.push(makeDiagnostic(INPUT_MESSAGES, 'INPUT_NO_SCHEME', { file, sheet: '说明' }));
      else {
        // A ledger names a built-in id only: never a file (one branch's file must not pick the scheme of the batch).
        const r = loadBuiltinScheme(info.schemeId);
        if (r.ok) scheme = r.scheme;
        else item.diagnostics.push(makeDiagnostic(INPUT_MESSAGES, 'INPUT_BAD_SCHEME', info.schemeCell ?? { file, sheet: '说明' }, { found: shortText(info.schemeId), why: lang() === 'en' ? r.problems[0]!.en : r.problems[0]!.zh }));
      }
    }
    // A branch that sends only the seed's 附件3 评分汇总表: graded from it for the year (the reader says what it lacks).
    const summary = scheme && !recordSheets ? await summaryLedger(file, opened.wb, scheme) : undefined;
    const read = summary ?? readLedger(file, opened.wb, scheme);
    if (summary) item.diagnostics.push(...summary.diagnostics);
    else if (!isLedger && (await isApplicationForm(file, opened.wb))) item.diagnostics.push(makeDiagnostic(INPUT_MESSAGES, 'INPUT_APPLICATION_FORM', { file }));
    else if (!isLedger && (await isSummaryForm(file, opened.wb, scheme))) item.diagnostics.push(makeDiagnostic(INPUT_MESSAGES, 'INPUT_SUMMARY_FORM', { file }, { why: scheme ? 'several' : 'scheme' }));
    else item.diagnostics.push(...(isLedger ? read.diagnostics : read.diagnostics.filter((d) => d.severity === 'error')));
    if (read.ledger && scheme) {
      item.ledger = read.ledger;
      item.scheme = scheme;
      if (opts.skipOtherYears && opts.year !== undefined && read.ledger.cycleYear !== undefined && read.ledger.cycleYear !== opts.year) {
        return { file, diagnostics: [], otherYear: read.ledger.cycleYear };
      }
      const asked = askedPeriod(opts.periods, scheme);
      const year = opts.year ?? asked?.cycle.year ?? read.ledger.cycleYear;
      if (year === undefined) item.diagnostics.push(makeDiagnostic(INPUT_MESSAGES, 'INPUT_NO_YEAR', { file, sheet: '说明' }));
      else {
        item.year = year;
        item.diagnostics.push(...validateLedger(scheme, read.ledger, { year, ...(asked && asked.cycle.year === year ? { period: asked.period } : {}), ...(opts.yearEnd === false ? { yearEnd: false } : {}) }));
        if (opts.compute && !hasErrors(item.diagnostics)) {
          const { computeBranch } = await import('../core/compute/compute.js');
          const { historyLookup } = await import('../core/engine.js');
          const cycle = cycleOf(year, scheme.cycle);
          item.branch = computeBranch(scheme, read.ledger, cycle, opts.compute.period ?? cyclePeriod(cycle), historyLookupFor(opts.compute.history, historyLookup), { trace: opts.compute.trace ?? false });
          item.members = item.branch.members.length;
          item.ledger = { ...read.ledger, members: [], records: [], events: [], evaluations: [], sanctions: [], ...(read.ledger.scores ? { scores: [] } : {}) };
        }
      }
    }
  }
  // The reader's, the checks' and the inputs' problems in one order: the workbook's sheets, then row, column.
  if (opened.ok) item.diagnostics = sortDiagnostics(item.diagnostics, opened.wb.worksheets.map((w) => w.name));
  if (hasErrors(item.diagnostics) || !item.ledger || !item.scheme || item.year === undefined) {
    const first = item.diagnostics.find((d) => d.severity === 'error');
    item.excluded = first ? first.message[lang()] : t('无法读取', 'unreadable');
  }
  return item;
}

/** The asked period that ends last (its cycle and period), for the scheme's cycle; undefined when none was asked. */
function askedPeriod(texts: string[] | undefined, scheme: Scheme): ReturnType<typeof resolvePeriod> {
  let best: ReturnType<typeof resolvePeriod>;
  for (const text of texts ?? []) {
    const p = parsePeriod(text);
    const r = p.ok ? resolvePeriod(p, scheme.cycle) : undefined;
    if (r && (!best || r.period.end > best.period.end)) best = r;
  }
  return best;
}

/** The batch scheme: --scheme, else the one most ledgers name. */
export function batchScheme(items: LoadedLedger[], given?: Scheme): Scheme | undefined {
  if (given) return given;
  const counts = new Map<string, { scheme: Scheme; n: number }>();
  for (const i of items) {
    if (!i.scheme) continue;
    const c = counts.get(i.scheme.id) ?? { scheme: i.scheme, n: 0 };
    c.n++;
    counts.set(i.scheme.id, c);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.scheme;
}
