// The year a ledger names in its 说明 sheet (年度), read without the rest of the workbook: used by
// the drag-and-drop entry to choose the year to grade before the real read.
import { openForReading } from '../workbook.js';
import { ReadContext, sheetByName } from './common.js';
import { readInfoSheet } from './roster.js';

/** The 年度 in the workbook's 说明 sheet; undefined when it cannot be opened or names none. */
export async function ledgerYear(file: string): Promise<number | undefined> {
  const r = await openForReading(file);
  if (!r.ok) return undefined;
  const ws = sheetByName(r.wb, ['说明']);
  return ws ? readInfoSheet(new ReadContext(file), ws).cycleYear : undefined;
}
