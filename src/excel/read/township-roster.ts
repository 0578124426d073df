// A township-wide roster (名册 with a 所在支部 column) for `score template --roster`:
// members grouped by branch, read with the ledger's own roster reader.
import type { BookLike } from '../book.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Member } from '../../core/model.js';
import { ReadContext, RowReader, sheetByName } from './common.js';
import { readRoster, ROSTER_COLUMNS } from './roster.js';
import { SHEET_NAMES } from './ledger.js';

const BRANCH = { key: 'branch', labels: ['所在支部', '支部', '所在党支部', '党支部'] };

export interface RosterRead {
  /** Members by branch name in first-seen order; '' when the roster has no 所在支部 column. */
  byBranch: Map<string, Member[]>;
  diagnostics: Diagnostic[];
}

export function readTownshipRoster(file: string, wb: BookLike): RosterRead {
  const ctx = new ReadContext(file, wb);
  const ws = sheetByName(wb, SHEET_NAMES.roster) ?? wb.worksheets.find((w) => w.state !== 'hidden') ?? wb.worksheets[0];
  const byBranch = new Map<string, Member[]>();
  if (!ws) return { byBranch, diagnostics: ctx.diagnostics };
  const members = readRoster(ctx, ws, { details: true });
  const h = new ReadContext(file).header(ws, [...ROSTER_COLUMNS, BRANCH]);
  const branchOf = new Map<number, string>();
  if (h && h.columns.branch !== undefined) {
    for (const row of ctx.rows(ws, h.row)) branchOf.set(row, new RowReader(ctx, ws, h, row).text('branch'));
  }
  for (const m of members) {
    const row = Number(/\d+$/.exec(m.source.cell ?? '')?.[0] ?? 0);
    const b = branchOf.get(row) ?? '';
    byBranch.set(b, [...(byBranch.get(b) ?? []), m]);
  }
  return { byBranch, diagnostics: ctx.diagnostics };
}
