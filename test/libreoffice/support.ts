// Shared checks of the LibreOffice suite: what exceljs says a workbook holds (sheet names,
// titles), the raw xlsx XML (frozen panes and print titles, which a headless round trip
// loses), and "every sheet loaded" against the CSVs LibreOffice wrote.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { readCsv, type Converted } from '../helpers/soffice.js';
import { unzipParts } from '../../src/excel/zip-read.js';
import { a1, colNumber } from '../../src/core/a1.js';
import { decodeEntities } from '../../src/excel/fast/scan.js';

/** Entries of a zip file, by name, read with the project's own zip reader. */
export function unzip(file: string): Map<string, Buffer> {
  return new Map(unzipParts(readFileSync(file)).map((p) => [p.name, p.data]));
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeEntities(m[1]!) : undefined;
}

export interface SheetXml {
  name: string;
  state: string;
  /** `<pane state="frozen" ySplit=…>`: frozen rows, 0 when nothing is frozen. */
  frozenRows: number;
  frozenCols: number;
  /** The `_xlnm.Print_Titles` rows, e.g. `$1:$2`, or undefined. */
  printTitles?: string;
  paperSize?: string;
  orientation?: string;
}

/** Per sheet, straight from workbook.xml, its rels and the sheet part. */
export function sheetXml(file: string): SheetXml[] {
  const parts = unzip(file);
  const text = (name: string): string => {
    const b = parts.get(name);
    if (!b) throw new Error(`${file}: no part ${name}`);
    return b.toString('utf8');
  };
  const wbXml = text('xl/workbook.xml');
  const rels = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], 'Target')!;
    rels.set(attr(m[0], 'Id')!, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const titles = new Map<number, string>();
  for (const m of wbXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    if (attr(m[1]!, 'name') !== '_xlnm.Print_Titles') continue;
    const rows = /(\$\d+:\$\d+)/.exec(decodeEntities(m[2]!));
    titles.set(Number(attr(m[1]!, 'localSheetId')), rows ? rows[1]! : decodeEntities(m[2]!));
  }
  return [...wbXml.matchAll(/<sheet\b[^>]*\/>/g)].map((m, i) => {
    const part = text(rels.get(attr(m[0], 'r:id')!)!);
    const pane = /<pane\b[^>]*\/>/.exec(part)?.[0] ?? '';
    const frozen = attr(pane, 'state') === 'frozen';
    const setup = /<pageSetup\b[^>]*\/>/.exec(part)?.[0] ?? '';
    const s: SheetXml = {
      name: attr(m[0], 'name')!,
      state: attr(m[0], 'state') ?? 'visible',
      frozenRows: frozen ? Number(attr(pane, 'ySplit') ?? 0) : 0,
      frozenCols: frozen ? Number(attr(pane, 'xSplit') ?? 0) : 0,
    };
    if (titles.has(i)) s.printTitles = titles.get(i)!;
    const paper = attr(setup, 'paperSize');
    if (paper) s.paperSize = paper;
    const orientation = attr(setup, 'orientation');
    if (orientation) s.orientation = orientation;
    return s;
  });
}

function cellsOf(range: string): string[] {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m) throw new Error(`range not understood: ${range}`);
  const [c1, r1, c2, r2] = [colNumber(m[1]!), Number(m[2]), colNumber(m[3] ?? m[1]!), Number(m[4] ?? m[2])];
  const out: string[] = [];
  for (let c = c1; c <= c2; c++) for (let r = r1; r <= r2; r++) out.push(a1(c, r));
  return out;
}

/**
 * Data validation per cell, `sheet!A1` → `type operator formula1 [formula2] | error`, from the
 * sheet XML: comparable between what score wrote and what LibreOffice saves back (which may
 * merge ranges, quote sheet names differently and write defaults explicitly).
 */
export function dataValidations(file: string): Map<string, string> {
  const parts = unzip(file);
  const wbXml = parts.get('xl/workbook.xml')!.toString('utf8');
  const rels = new Map<string, string>();
  for (const m of parts.get('xl/_rels/workbook.xml.rels')!.toString('utf8').matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], 'Target')!;
    rels.set(attr(m[0], 'Id')!, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  const formula = (xml: string, tag: string): string => {
    const f = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
    return f ? decodeEntities(f[1]!).replace(/'([^'!]+)'!/g, '$1!') : '';
  };
  for (const m of wbXml.matchAll(/<sheet\b[^>]*\/>/g)) {
    const sheet = attr(m[0], 'name')!;
    const xml = parts.get(rels.get(attr(m[0], 'r:id')!)!)!.toString('utf8');
    for (const v of xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)) {
      const type = attr(v[1]!, 'type') ?? 'none';
      const operator = attr(v[1]!, 'operator') ?? 'between';
      const between = type !== 'list' && (operator === 'between' || operator === 'notBetween');
      const rule = [type, type === 'list' ? '' : operator, formula(v[2]!, 'formula1'), between ? formula(v[2]!, 'formula2') : ''].filter(Boolean).join(' ');
      const text = `${rule} | ${attr(v[1]!, 'error') ?? ''}`;
      for (const range of (attr(v[1]!, 'sqref') ?? '').split(/\s+/).filter(Boolean)) for (const cell of cellsOf(range)) out.set(`${sheet}!${cell}`, text);
    }
  }
  return out;
}

/** Text of a cell as exceljs reads it (rich text joined, formulas by their cached result). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString();
  }
  return String(v);
}

export interface SheetInfo {
  name: string;
  state: string;
  /** A1 text: the merged title on every form sheet. */
  title: string;
}

export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export async function sheetsOf(file: string): Promise<SheetInfo[]> {
  const wb = await readBook(file);
  return wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state, title: cellText(ws.getCell(1, 1).value) }));
}

/** A sheet as LibreOffice exported it. */
export type Rows = string[][];

export function sheetRows(c: Converted, sheet: string): Rows {
  const p = c.sheets.get(sheet);
  if (!p) throw new Error(`LibreOffice wrote no CSV for sheet ${sheet} of ${c.input} (has: ${[...c.sheets.keys()].join(', ')})`);
  return readCsv(p);
}

/** Every sheet exceljs sees was exported by LibreOffice, and none more; each starts with its A1 title. */
export async function expectEverySheetLoaded(c: Converted): Promise<SheetInfo[]> {
  const sheets = await sheetsOf(c.input);
  expect(sheets.length, `${c.input}: exceljs sees no sheet`).toBeGreaterThan(0);
  expect([...c.sheets.keys()].sort(), `${c.input}: sheets exported by LibreOffice`).toEqual(sheets.map((s) => s.name).sort());
  for (const s of sheets) {
    const rows = sheetRows(c, s.name);
    expect(rows.length, `${c.input} › ${s.name}: rows`).toBeGreaterThan(0);
    expect(rows[0]![0], `${c.input} › ${s.name} › A1`).toBe(s.title);
  }
  return sheets;
}

/** The row index whose cells include every label. */
export function headerRow(rows: Rows, labels: string[]): number {
  const i = rows.findIndex((r) => labels.every((l) => r.includes(l)));
  if (i < 0) throw new Error(`no row with ${labels.join(', ')} in:\n${rows.slice(0, 6).map((r) => r.join(',')).join('\n')}`);
  return i;
}

/** Records below a header row as label → text, up to the first row without a value in `key`. */
export function table(rows: Rows, labels: string[], key: string): Record<string, string>[] {
  const h = headerRow(rows, labels);
  const header = rows[h]!;
  const out: Record<string, string>[] = [];
  for (const r of rows.slice(h + 1)) {
    const rec = Object.fromEntries(header.map((label, i) => [label, r[i] ?? ''] as const).filter(([label]) => label !== ''));
    if (!rec[key]) break;
    out.push(rec);
  }
  return out;
}

/** Logs how long a LibreOffice step took (the suite reports its timings). */
export async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    process.stderr.write(`[libreoffice] ${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  }
}

/** `score …` as a child process, without blocking (several CLI runs share the two cores). */
export function scoreAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Maps with at most `n` calls in flight. */
export async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Every visible sheet: header rows frozen (no columns), the same rows repeated as print titles, A4. */
export function expectPrintableForms(file: string): SheetXml[] {
  const sheets = sheetXml(file);
  const name = file.split('/').pop();
  for (const s of sheets.filter((x) => x.state === 'visible')) {
    expect(s.frozenRows, `${name} › ${s.name}: frozen rows`).toBeGreaterThan(0);
    expect(s.frozenCols, `${name} › ${s.name}: frozen columns`).toBe(0);
    expect(s.printTitles, `${name} › ${s.name}: print titles`).toBe(`$1:$${s.frozenRows}`);
    expect(s.paperSize, `${name} › ${s.name}: A4`).toBe('9');
  }
  return sheets;
}

/** Removes a suite's work folder, unless SCORE_LO_KEEP=1 (then says where it is, to look at the CSVs and PDFs). */
export function cleanUp(dir: string | undefined): void {
  if (!dir) return;
  if (process.env.SCORE_LO_KEEP === '1') process.stderr.write(`[libreoffice] kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
