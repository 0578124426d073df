// The opening every ledger command shares (compute, grade, publish, validate): collect and read
// the files (gather.ts), take the batch's scheme (inputs.ts), keep its ledgers and leave the rest
// out by name (split.ts). What comes back says which of three cases it is; the CLI reports each.
import type { Scheme } from '../scheme/schema.js';
import type { CollectOptions } from './collect.js';
import { gatherLedgers, type Gathered } from './gather.js';
import { batchScheme, type LoadOptions } from './inputs.js';
import { splitBatch, type Batch } from './split.js';

export type OpenedBatch =
  /** No workbook was found to read (an empty folder, or only files left out by name). */
  | { kind: 'empty'; gathered: Gathered }
  /** Workbooks were read but none gave a scheme (each is left out with its first error). */
  | { kind: 'unreadable'; gathered: Gathered }
  /** The batch: its scheme, the ledgers kept and every file left out with a reason. */
  | { kind: 'batch'; gathered: Gathered; scheme: Scheme; batch: Batch };

/** Collects, reads and splits a batch; never throws for bad input (a missing path is a UsageError). */
export async function openBatch(args: string[], opts: CollectOptions & { load: LoadOptions }): Promise<OpenedBatch> {
  const gathered = await gatherLedgers(args, opts);
  if (gathered.found === 0) return { kind: 'empty', gathered };
  const scheme = batchScheme(gathered.items, opts.load.scheme);
  if (!scheme) return { kind: 'unreadable', gathered };
  return { kind: 'batch', gathered, scheme, batch: splitBatch(gathered.items, scheme, gathered.excluded) };
}
