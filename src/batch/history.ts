// Earlier cycles' results for the consecutive-year and carry-over rules (R16): the 评定结果
// workbooks score wrote (they carry its stamp) found in the history folder (default: the output
// folder), for cycles before this one, one per year. A workbook without the stamp is never read as
// history (said so); a second candidate for a year is a warning naming both and which is used.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { HistoryEntry } from '../core/model.js';
import { collectInputs } from './collect.js';
import { say } from './messages.js';
import { readStamp, type ReadStamp } from './stamp.js';

export interface HistoryDirRead {
  entries: HistoryEntry[];
  files: string[];
  /** Files not used and why (no stamp, a second candidate for a year): warnings to show. */
  warnings: { code: string; file: string; message: string }[];
}

interface Candidate {
  file: string;
  year: number | undefined;
  stamp: ReadStamp;
}

/** The year a stamped result is of: its stamp's period (a cycle is named by its end year), else its name. */
function candidateYear(c: { file: string; stamp: ReadStamp }, yearInText: (s: string) => number | undefined): number | undefined {
  const years = (c.stamp.stamp.period ?? '').match(/\d{4}/g);
  return years ? Number(years[years.length - 1]) : yearInText(basename(c.file));
}

/** The better of two candidates for one year: not edited since score wrote it, the name score gives, complete, the later run. */
function rank(c: Candidate): [number, number, number, string] {
  const canonical = c.year !== undefined && basename(c.file).normalize('NFC') === `${c.year}年度评定结果.xlsx`;
  return [c.stamp.edited ? 0 : 1, canonical ? 1 : 0, c.stamp.stamp.complete ? 1 : 0, c.stamp.stamp.time];
}

function better(a: Candidate, b: Candidate): boolean {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
  return a.file < b.file;
}

/** Which rule picked `used` over `other` (see `better`): HISTORY_SECOND_CANDIDATE words it. */
function reasonOf(used: Candidate, other: Candidate): 'edited' | 'named' | 'complete' | 'later' {
  const ru = rank(used);
  const ro = rank(other);
  if (ru[0] !== ro[0]) return 'edited';
  if (ru[1] !== ro[1]) return 'named';
  if (ru[2] !== ro[2]) return 'complete';
  return 'later';
}

export async function readHistoryDir(dir: string, beforeYear: number): Promise<HistoryDirRead> {
  if (!existsSync(dir)) return { entries: [], files: [], warnings: [] };
  const { openForReading } = await import('../excel/workbook.js');
  const { readHistory, yearInText } = await import('../excel/read/history.js');
  const warnings: HistoryDirRead['warnings'] = [];
  // This year's (and later) results are never history: not opened at all (a county's is 100,000 rows).
  const named = (await collectInputs([dir])).files.filter((f) => {
    const name = basename(f);
    const year = yearInText(name);
    return name.includes('评定结果') && (year === undefined || year < beforeYear);
  });
  const byYear = new Map<number | string, Candidate>();
  for (const f of named) {
    const stamp = await readStamp(f);
    if (!stamp) {
      warnings.push({ code: 'HISTORY_NOT_STAMPED', file: f, message: say('HISTORY_NOT_STAMPED', { file: f }) });
      continue;
    }
    const c: Candidate = { file: f, stamp, year: undefined };
    c.year = candidateYear(c, yearInText);
    if (c.year !== undefined && c.year >= beforeYear) continue;
    const key = c.year ?? f;
    const held = byYear.get(key);
    if (!held) {
      byYear.set(key, c);
      continue;
    }
    const [use, drop] = better(c, held) ? [c, held] : [held, c];
    byYear.set(key, use);
    warnings.push({
      code: 'HISTORY_SECOND_CANDIDATE',
      file: drop.file,
      message: say('HISTORY_SECOND_CANDIDATE', { year: c.year, used: use.file, dropped: drop.file, usedName: basename(use.file), droppedName: basename(drop.file), why: reasonOf(use, drop), time: use.stamp.stamp.time }),
    });
  }
  const entries: HistoryEntry[] = [];
  const used: string[] = [];
  for (const c of [...byYear.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const opened = await openForReading(c.file);
    if (!opened.ok) continue;
    const r = readHistory(c.file, opened.wb);
    const earlier = r.entries.filter((e) => e.cycle < beforeYear);
    if (earlier.length > 0) used.push(c.file);
    entries.push(...earlier);
  }
  return { entries, files: used, warnings };
}
