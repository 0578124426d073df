// The hostile-file harness of issue #13: two good township ledgers in a folder, a hostile one made
// from a third (河口村) beside them, and the part of a batch's --json that belongs to the good ones.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tmp } from './cli.js';
import { sheetPart, unzipFile, zipParts, type ZipPart } from './zip-parts.js';

export const TOWNSHIP = join(ROOT, 'fixtures', 'township');
export const GOOD = ['兰溪村党支部.xlsx', '松山村党支部.xlsx'];
export const HOSTILE_BASE = join(TOWNSHIP, '河口村党支部.xlsx');

export function goodDir(): string {
  const dir = tmp('trust-');
  for (const f of GOOD) copyFileSync(join(TOWNSHIP, f), join(dir, f));
  return dir;
}

export const gradeArgs = (inputs: string[]): string[] => ['grade', '--year', '2023', ...inputs, '--out', tmp('trust-out-'), '--json'];

/** What of a batch's --json belongs to the good ledgers: their members and their issues. */
export function goodPart(stdout: string): string {
  const r = JSON.parse(stdout) as { members: unknown[]; issues: { file: string }[] };
  const good = (f: string): boolean => GOOD.some((g) => f.endsWith(g));
  return JSON.stringify({ members: r.members, issues: r.issues.filter((i) => good(i.file)) });
}

export function hostileParts(): ZipPart[] {
  return unzipFile(HOSTILE_BASE);
}

export function write(dir: string, buf: Buffer, name = 'hostile.xlsx'): string {
  const file = join(dir, name);
  writeFileSync(file, buf);
  return file;
}

/** The hostile base with a processing instruction in every sheet (the lean reader gives up) and `rows` extra rows of numbers. */
export function fallbackWorkbook(rows: number): Buffer {
  const parts = hostileParts();
  const cells = 'ABCDEFGHIJ';
  const body: string[] = [];
  for (let r = 100; r < 100 + rows; r++) body.push(`<row r="${r}">${[...cells].map((c) => `<c r="${c}${r}"><v>${(r * 7) % 1000}</v></c>`).join('')}</row>`);
  for (const p of parts) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(p.name)) continue;
    let x = p.data.toString('utf8').replace('<sheetData>', '<sheetData><?score pi?>');
    if (p.name === sheetPart(parts, '否决与处分')) x = x.replace('</sheetData>', `${body.join('')}</sheetData>`);
    p.data = Buffer.from(x);
  }
  return zipParts(parts);
}


/** The workbook at `file` with a processing instruction in every sheet: the lean reader gives up and exceljs reads it. */
export function forceFallback(file: string): void {
  const parts = unzipFile(file);
  for (const p of parts) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(p.name)) p.data = Buffer.from(p.data.toString('utf8').replace('<sheetData>', '<sheetData><?score pi?>'));
  writeFileSync(file, zipParts(parts));
}
