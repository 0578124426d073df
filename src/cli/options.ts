// The zod schemas that parse option values (a year, periods, a date, a scheme), and withCommon and
// parseOptions from ./common-options.ts. Its own module so that the commands import it without
// importing main.ts, which imports them (issue 24: main ↔ commands was the CLI's cycle).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isValidIso, parsePeriod, type PeriodKind } from '../core/cycle.js';
import { parseDateText } from '../excel/cells.js';
import { loadScheme } from '../scheme/load.js';
import { lang } from '../batch/i18n.js';
import { colon } from './output.js';
import { commonShape, fail, oneOf } from './common-options.js';
import { cliText } from './messages.js';

export { oneOf, optionsWithoutScheme, parseOptions, required, withCommon } from './common-options.js';

// ── Option values, as zod schemas ──────────────────────────────────────────────────────────────
// Each command declares its options as a z.object of these (beside its action) and reads them through
// parseOptions: a value that does not parse is a UsageError with the same message as ever (exit 2),
// and what the action gets is typed (a year is a number, a period list is PeriodArg[]).

/** --year 2023 (also 2023年, 2023年度, full-width digits) → 2023. */
export const yearOption = z.string().transform((text, ctx) => {
  const y = Number(text.normalize('NFKC').replace(/年度?$/, ''));
  if (!Number.isInteger(y) || y < 2000 || y > 2100) return fail(ctx, cliText('CLI_YEAR_INVALID', { text }));
  return y;
});

export interface PeriodArg {
  text: string;
  year: number;
  kind: PeriodKind;
}

/** --period 2023Q1,2023-03 (comma or 、-less Chinese comma) → each period parsed; '' → none. */
export const periodsOption = z.string().transform((text, ctx) => {
  if (!text) return [];
  const out: PeriodArg[] = [];
  for (const s of text.split(/[,，]/)) {
    const p = parsePeriod(s);
    if (!p.ok) return fail(ctx, cliText('CLI_PERIOD_INVALID', { period: s }));
    out.push({ text: s.trim(), year: p.year, kind: p.kind });
  }
  return out;
});

/** --period with at most one period (validate, apply, explain). */
export const onePeriodOption = periodsOption.transform((list, ctx) => {
  if (list.length > 1) return fail(ctx, cliText('CLI_PERIOD_ONE', {}));
  return list[0];
});

/** --from: a date in any spelling the ledgers accept (2023-04-03, 2023/4/3, 2023.4.3, 2023年4月3日), as ISO. */
export const dateOption = z.string().transform((text, ctx) => {
  const iso = parseDateText(text.normalize('NFKC').trim());
  if (!iso || !isValidIso(iso)) return fail(ctx, cliText('CLI_FROM_INVALID', { text }));
  return iso;
});

/** --days as a whole number 1–60 (checked before any file is read). */
export const daysOption = z.string().transform((text, ctx) => {
  const days = Number(text.normalize('NFKC'));
  if (!Number.isInteger(days) || days < 1 || days > 60) return fail(ctx, cliText('CLI_DAYS_RANGE', {}));
  return days;
});

/** --quota-scope branch|township. */
export const quotaScopeOption = oneOf(['branch', 'township'] as const, () => cliText('CLI_QUOTA_SCOPE', {}));

/** --scheme ID|FILE → the scheme (loaded and checked), or a usage error that lists its problems. */
export const schemeOptionValue = z.string().transform((ref, ctx) => {
  const r = loadScheme(ref);
  if (r.ok) return r.scheme;
  const lines = r.problems.map((p) => `  ${p.path ? `${p.path}${colon()}` : ''}${lang() === 'en' ? p.en : p.zh}`);
  return fail(ctx, cliText('CLI_SCHEME_UNUSABLE', { ref }), lines);
});

/** --history DIR (must be a folder) or --no-history (false). */
export const historyOption = z.union([z.literal(false), z.string()]).superRefine((given, ctx) => {
  if (typeof given !== 'string') return;
  let dir = false;
  try {
    dir = statSync(resolve(given)).isDirectory();
  } catch {
    dir = false;
  }
  if (!dir) fail(ctx, cliText('CLI_HISTORY_NOT_FOUND', { dir: given }));
});

/** The options withCommon adds, as every command reads them. */
export const commonOptions = z.object({ scheme: schemeOptionValue.optional(), ...commonShape });
