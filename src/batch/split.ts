// A graded or computed batch: the included ledgers of one scheme, and the excluded ones with reasons.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Ledger } from '../core/model.js';
import type { BranchResult } from '../core/result.js';
import type { Scheme } from '../scheme/schema.js';
import { lang } from './i18n.js';
import type { LoadedLedger } from './inputs.js';
import type { PackedBranch } from './graded.js';
import { type InputCode, leftOut } from './messages.js';

export interface Excluded {
  file: string;
  /** The catalogue entry that words the reason and fix (src/batch/messages.ts), when there is one. */
  code?: InputCode;
  branch?: string;
  reason: string;
  /** What to do about it, when more than the reason says. */
  fix?: string;
}

export interface Batch {
  scheme: Scheme;
  ledgers: Ledger[];
  /** Branches computed while reading (LoadOptions.compute), in the order of `ledgers`. */
  branches: BranchResult[];
  /** Branches kept packed by the read workers (LoadOptions.packed), in the order of `ledgers`. */
  packed: PackedBranch[];
  excluded: Excluded[];
  issues: Diagnostic[];
}

/**
 * Keeps the ledgers of the batch scheme that passed their checks; the rest become 未计入, after
 * the files already left out while collecting (`before`: other formats, other years …).
 */
export function splitBatch(items: LoadedLedger[], scheme: Scheme, before: Excluded[] = []): Batch {
  const ledgers: Ledger[] = [];
  const branches: BranchResult[] = [];
  const packed: PackedBranch[] = [];
  const excluded: Excluded[] = [...before];
  // One batch, one scheme: a ledger naming another one is left out, and the reason names both and how many use each.
  const counts = new Map<string, number>();
  for (const i of items) if (!i.excluded && i.scheme) counts.set(i.scheme.id, (counts.get(i.scheme.id) ?? 0) + 1);
  const uses = (id: string): number => counts.get(id) ?? 0;
  for (const i of items) {
    const branch = i.ledger?.branch;
    if (i.excluded) {
      const fix = i.diagnostics.find((d) => d.severity === 'error')?.fix[lang()];
      excluded.push({ file: i.file, ...(branch ? { branch } : {}), reason: i.excluded, ...(fix ? { fix } : {}) });
    } else if (i.scheme && i.scheme.id !== scheme.id) {
      const [own, batch] = [uses(i.scheme.id), uses(scheme.id)];
      excluded.push({ ...leftOut(i.file, 'INPUT_OTHER_SCHEME', { scheme: i.scheme.id, own, batchScheme: scheme.id, batch }), ...(branch ? { branch } : {}) });
    }
    else if (i.ledger) {
      ledgers.push(i.ledger);
      if (i.branch) branches.push(i.branch);
      if (i.packed) packed.push({ bytes: i.packed, branch: i.ledger.branch, members: i.members ?? i.ledger.members.length });
    }
  }
  return { scheme, ledgers, branches, packed, excluded, issues: items.flatMap((i) => i.diagnostics) };
}
