// Shared pieces of the commands: periods of a scheme, output paths, the publication window
// (option values themselves are parsed by the zod schemas in options.ts).
import { stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePeriod, resolvePeriod, type Cycle, type Period } from '../core/cycle.js';
import type { Scheme } from '../scheme/schema.js';
import { cliText, usageError } from './messages.js';
import type { PeriodArg } from './options.js';

/** The period of a scheme's cycle that the argument names. */
export function periodOf(scheme: Scheme, arg: PeriodArg): { cycle: Cycle; period: Period } {
  const p = parsePeriod(arg.text);
  const r = p.ok ? resolvePeriod(p, scheme.cycle) : undefined;
  if (!r) throw usageError('CLI_PERIOD_NO_CYCLE', { period: arg.text, scheme: scheme.id });
  if (r.period.kind === 'month' && scheme.cycle.record === 'quarter') {
    throw usageError('CLI_PERIOD_QUARTERLY', { scheme: scheme.id, year: r.cycle.year });
  }
  return r;
}

/** Kernel file systems: no output folder can live there (and Node's recursive mkdir loops forever under /proc). */
const SYSTEM_DIRS = ['/proc', '/sys', '/dev'];

/**
 * The output folder (--out, default 输出), resolved but not created: it is made only when a set
 * of outputs is written (makeDir), so a usage error or an empty input leaves nothing behind. A
 * path that names an existing file, or a folder under /proc, /sys or /dev (also through a
 * symlink), is a usage error.
 */
export async function outDir(dir: string | undefined): Promise<string> {
  const d = resolve(dir ?? '输出');
  const st = await stat(d).catch(() => undefined);
  if (st && !st.isDirectory()) throw usageError('CLI_OUT_IS_FILE', { dir: dir ?? '输出' });
  let existing = d;
  while (!(await stat(existing).catch(() => undefined)) && dirname(existing) !== existing) existing = dirname(existing);
  const real = realpathSync(existing);
  if (process.platform !== 'win32' && SYSTEM_DIRS.some((s) => real === s || real.startsWith(`${s}/`))) {
    throw usageError('CLI_OUT_SYSTEM', { dir: dir ?? d, real });
  }
  return d;
}

/** Public holidays on fixed dates (元旦, 劳动节 1–5 May, 国庆 1–7 Oct); 春节 moves and is not known here. */
function fixedHoliday(month: number, day: number): boolean {
  return (month === 1 && day === 1) || (month === 5 && day <= 5) || (month === 10 && day <= 7);
}

/**
 * The first working day after a date (not a weekend nor a fixed-date public holiday): the default
 * start of a publication window. Use --from for 春节 and for adjusted working days.
 */
export function nextWorkingDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || fixedHoliday(d.getUTCMonth() + 1, d.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

/** The regulation's title from a scheme's source (《…》), or the scheme's name. */
export function regulationOf(scheme: Scheme): string {
  const m = /《[^》]+》/.exec(scheme.source ?? '');
  return m ? m[0] : `《${scheme.name}》`;
}

/**
 * The publication window: --days, or the scheme's publishDays. Where that is the seed's minimum
 * (publishMinimum), fewer days is a usage error that names the regulation (never silently lengthened).
 */
export function publicationDays(scheme: Scheme, days: number | undefined): number {
  const min = scheme.cycle.publishDays;
  if (days === undefined) return min;
  // Where the seed gives no number of days, publishDays is our default, not a minimum: any --days goes.
  if (!scheme.cycle.publishMinimum) return days;
  if (days < min) throw usageError('CLI_DAYS_SHORT', { days, min, regulation: regulationOf(scheme) });
  return days;
}

/**
 * A publication window that ended before today, when --from was not given: a warning naming --from
 * (run late, the default window lies in the past). Undefined when the window is still ahead or open.
 */
export function pastWindowWarning(from: string, to: string, given: boolean, today = new Date()): string | undefined {
  if (given) return undefined;
  const now = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  if (to >= now) return undefined;
  return cliText('CLI_PUBLICATION_PAST', { from, to });
}
