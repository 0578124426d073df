// Earlier cycles' results for the consecutive-year and carry-over rules (R16): every 评定结果
// workbook found in the history folder (default: the output folder), for cycles before this one.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { HistoryEntry } from '../core/model.js';
import { collectInputs } from './collect.js';

export async function readHistoryDir(dir: string, beforeYear: number): Promise<{ entries: HistoryEntry[]; files: string[] }> {
  if (!existsSync(dir)) return { entries: [], files: [] };
  const { openForReading } = await import('../excel/workbook.js');
  const { readHistory, yearInText } = await import('../excel/read/history.js');
  // This year's (and later) results are never history: not opened at all (a county's is 100,000 rows).
  const files = (await collectInputs([dir])).files.filter((f) => {
    const name = basename(f);
    const year = yearInText(name);
    return name.includes('评定结果') && (year === undefined || year < beforeYear);
  });
  const entries: HistoryEntry[] = [];
  const used: string[] = [];
  for (const f of files) {
    const opened = await openForReading(f);
    if (!opened.ok) continue;
    const r = readHistory(f, opened.wb);
    const earlier = r.entries.filter((e) => e.cycle < beforeYear);
    if (earlier.length > 0) used.push(f);
    entries.push(...earlier);
  }
  return { entries, files: used };
}
