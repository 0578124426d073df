// The one way in for a batch of ledgers: collect the files (collect.ts), read and check them
// (inputs.ts), then leave out — by name, with a reason and a fix — the ledgers of another cycle
// and every file of a branch that is in the batch twice. Every batch command starts here.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { makeDiagnostic } from '../core/diagnostics.js';
import { norm } from '../core/text.js';
import { collectInputs, type CollectOptions } from './collect.js';
import { loadLedgers, type LoadedLedger, type LoadOptions } from './inputs.js';
import { fileWithDate, INPUT_MESSAGES, leftOut } from './messages.js';
import { lang, t } from './i18n.js';
import type { Excluded } from './split.js';

export interface Gathered {
  /** The ledgers read (other cycles' ones taken out), duplicates marked as excluded. */
  items: LoadedLedger[];
  /** Files left out before a ledger was made of them: other formats, odd names, links, other cycles. */
  excluded: Excluded[];
  notes: string[];
  /** How many workbooks were found to read (0: an empty input). */
  found: number;
}

export async function gatherLedgers(args: string[], opts: CollectOptions & { load: LoadOptions }): Promise<Gathered> {
  const collected = await collectInputs(args, opts);
  const loaded = collected.files.length > 0 ? await loadLedgers(collected.files, opts.load) : [];
  const excluded = [...collected.excluded];
  const items: LoadedLedger[] = [];
  for (const i of loaded) {
    if (i.otherYear === undefined) items.push(i);
    else {
      const y = i.otherYear;
      excluded.push(leftOut(i.file, 'INPUT_OTHER_YEAR', { found: y, want: opts.load.year }));
    }
  }
  markDuplicates(items);
  return { items, excluded, notes: collected.notes, found: collected.files.length };
}

/** 12.3 KB, 2023-03-01 09:30: how a clerk tells two copies apart. */
function describeFile(file: string): string {
  try {
    const st = statSync(file);
    const size = st.size < 1024 ? `${st.size} B` : st.size < 1024 * 1024 ? `${(st.size / 1024).toFixed(1)} KB` : `${(st.size / 1024 / 1024).toFixed(1)} MB`;
    const d = st.mtime;
    const two = (n: number): string => String(n).padStart(2, '0');
    const when = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    return fileWithDate(basename(file), size, when);
  } catch {
    return basename(file);
  }
}

/**
 * Two files of the same branch and cycle would be counted twice: every one of them gets an error
 * naming all of them (with sizes and dates) and is left out, until one is removed. Only ledgers
 * that pass their own checks count (one with errors is left out anyway: nothing is counted twice).
 */
export function markDuplicates(items: LoadedLedger[]): void {
  const groups = new Map<string, LoadedLedger[]>();
  for (const i of items) {
    if (!i.ledger || !i.scheme || i.year === undefined || i.excluded || !norm(i.ledger.branch)) continue;
    const key = `${i.scheme.id}\u0000${i.year}\u0000${norm(i.ledger.branch)}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const files = g.map((i) => describeFile(i.file)).join(t('、', ', '));
    for (const i of g) {
      const d = makeDiagnostic(INPUT_MESSAGES, 'INPUT_DUPLICATE_BRANCH', { file: i.file, sheet: '说明' }, { branch: i.ledger!.branch, year: i.year!, n: g.length, files });
      i.diagnostics.push(d);
      i.excluded = d.message[lang()];
      delete i.branch;
      delete i.packed;
    }
  }
}
