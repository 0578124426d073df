// LibreOffice headless as a real spreadsheet client for the written workbooks: converts to
// CSV (every sheet, UTF-8) or PDF, and reads PDFs back with poppler (pdffonts, pdfinfo,
// pdftotext). Pitfalls this wrapper guards against (measured, see issue 6):
// - `soffice` exits 0 even when it could not load the file: outputs are checked instead;
// - a plain `--convert-to csv` writes only the first sheet, Chinese as `???`: the CSV filter
//   below asks for UTF-8 (76) and every sheet (-1), one `<base>-<SheetName>.csv` per sheet;
// - cached formula results in .xlsx are trusted unless the profile says "always recalculate":
//   every call gets a fresh private profile with OOXMLRecalcMode = 0 already set;
// - a second soffice on the same profile hands its work to the first: never share profiles.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Comma, double quote, UTF-8, from line 1, standard cells, raw values, all sheets. */
export const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** The same, but cells written as they are shown (number formats applied: 87.5 as 87.50). */
export const CSV_FILTER_AS_SHOWN = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';

export type Format = 'csv' | 'pdf' | 'ods' | 'xlsx';

export interface ConvertOptions {
  /** Whole call, default 60 s + 5 s per file. */
  timeoutMs?: number;
  /** CSV only: numbers as displayed (number format applied) instead of raw values. */
  asShown?: boolean;
  /** CSV only: accept a sheet whose CSV is empty (a genuinely blank sheet). */
  allowEmptySheets?: boolean;
}

/** What one input became. `path` is the single output (pdf/ods/xlsx) or the first sheet's CSV. */
export interface Converted {
  input: string;
  path: string;
  /** CSV only: sheet name → CSV file. */
  sheets: Map<string, string>;
}

const PROFILE_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `$SOFFICE`, else `soffice` or `libreoffice` on PATH. */
export function sofficeBinary(): string | undefined {
  const given = process.env.SOFFICE;
  if (given && existsSync(given)) return given;
  return onPath('soffice') ?? onPath('libreoffice');
}

/** Programs the real-client checks need that are missing here. */
export function missingTools(): string[] {
  const missing: string[] = [];
  if (!sofficeBinary()) missing.push('soffice (libreoffice-calc)');
  for (const tool of ['pdffonts', 'pdfinfo', 'pdftotext']) if (!onPath(tool)) missing.push(`${tool} (poppler-utils)`);
  return missing;
}

export function hasSoffice(): boolean {
  return missingTools().length === 0;
}

function inCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Guard for a LibreOffice suite: true when everything is installed. Missing tools are an
 * error in CI (CI=true) — the checks must run there — and a skip with a note locally.
 */
export function requireSoffice(): boolean {
  const missing = missingTools();
  if (missing.length === 0) return true;
  const msg = `LibreOffice checks need ${missing.join(', ')}: apt-get install libreoffice-calc fonts-wqy-zenhei poppler-utils (.ci/run does it)`;
  if (inCi()) throw new Error(msg);
  process.stderr.write(`\n[skipped] ${msg}\n`);
  return false;
}

let counter = 0;

function freshProfile(): string {
  const dir = join(tmpdir(), `lo-${process.pid}-${Date.now().toString(36)}-${counter++}`);
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), PROFILE_XCU);
  return dir;
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  timedOut: boolean;
}

function run(bin: string, args: string[], timeoutMs: number): Promise<Ran> {
  return new Promise((done, fail) => {
    // Own process group, so a hung soffice.bin under oosplash can be killed with its parent.
    const child = spawn(bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, out, timedOut });
    });
  });
}

function stem(file: string): string {
  return basename(file, extname(file));
}

/** The CSVs soffice wrote for input stem `base`: `<base>-<SheetName>.csv`. */
function sheetFiles(outDir: string, base: string): Map<string, string> {
  const prefix = `${base}-`;
  const sheets = new Map<string, string>();
  for (const f of readdirSync(outDir)) {
    if (f.startsWith(prefix) && f.endsWith('.csv')) sheets.set(f.slice(prefix.length, -'.csv'.length), join(outDir, f));
  }
  return sheets;
}

/**
 * Converts several workbooks with ONE soffice start (start-up dominates: 36 templates take
 * ~3 s together, ~1.2 s each alone), each output checked on its own. Stems must be unique
 * and none may be `<other stem>-…` (the CSV names would mix).
 */
export async function convertMany(files: string[], format: Format, outDir: string, opts: ConvertOptions = {}): Promise<Converted[]> {
  const bin = sofficeBinary();
  if (!bin) throw new Error(`soffice not found (${missingTools().join(', ')})`);
  if (files.length === 0) return [];
  const inputs = files.map((f) => resolve(f));
  const stems = inputs.map(stem);
  stems.forEach((s, i) => {
    const clash = stems.find((o, j) => j !== i && (o === s || (format === 'csv' && o.startsWith(`${s}-`))));
    if (clash !== undefined) throw new Error(`convertMany: output names of ${inputs[i]} and ${clash} would collide; convert them separately`);
  });
  for (const f of inputs) {
    if (!existsSync(f)) throw new Error(`no such file: ${f}`);
    if (statSync(f).size === 0) throw new Error(`empty file (soffice would open it as a blank sheet): ${f}`);
  }
  const out = resolve(outDir);
  if (format !== 'csv' && inputs.some((f, i) => join(out, `${stems[i]}.${format}`) === f)) throw new Error(`convertMany: ${format} output would overwrite its input in ${out}`);
  mkdirSync(out, { recursive: true });
  // Stale outputs of an earlier run would pass the checks below: remove them first.
  for (const s of stems) {
    if (format === 'csv') for (const p of sheetFiles(out, s).values()) rmSync(p, { force: true });
    else rmSync(join(out, `${s}.${format}`), { force: true });
  }
  const filter = format === 'csv' ? (opts.asShown ? CSV_FILTER_AS_SHOWN : CSV_FILTER) : format;
  const profile = freshProfile();
  const timeoutMs = opts.timeoutMs ?? 60_000 + 5_000 * inputs.length;
  let ran: Ran;
  try {
    ran = await run(bin, ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', filter, '--outdir', out, ...inputs], timeoutMs);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const log = `soffice ${format} of ${inputs.length} file(s), exit ${ran.code ?? ran.signal}${ran.timedOut ? ` (killed after ${timeoutMs} ms)` : ''}:\n${ran.out.trim()}`;
  if (ran.timedOut) throw new Error(log);
  const problems: string[] = [];
  const results = inputs.map((input, i): Converted => {
    if (format === 'csv') {
      const sheets = sheetFiles(out, stems[i]!);
      if (sheets.size === 0) problems.push(`${input}: no CSV written`);
      for (const [name, p] of sheets) if (!opts.allowEmptySheets && statSync(p).size === 0) problems.push(`${input}: sheet ${name} exported empty`);
      return { input, path: [...sheets.values()][0] ?? '', sheets };
    }
    const p = join(out, `${stems[i]}.${format}`);
    if (!existsSync(p)) problems.push(`${input}: no ${format} written`);
    else if (statSync(p).size === 0) problems.push(`${input}: ${format} is empty`);
    return { input, path: p, sheets: new Map() };
  });
  if (problems.length) throw new Error(`${problems.join('\n')}\n${log}`);
  return results;
}

/** One file, one soffice start: the output path (pdf/ods/xlsx) or the first sheet's CSV; `sheets` for every CSV. */
export async function convert(file: string, format: Format, outDir: string, opts: ConvertOptions = {}): Promise<Converted> {
  return (await convertMany([file], format, outDir, opts))[0]!;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines); a UTF-8 BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readCsv(path: string): string[][] {
  return parseCsv(readFileSync(path, 'utf8'));
}

function tool(name: string, args: string[]): string {
  const r = spawnSync(name, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

export interface PdfFont {
  /** Subset prefix removed: `WenQuanYiZenHei`, not `BAAAAA+WenQuanYiZenHei`. */
  name: string;
  type: string;
  embedded: boolean;
}

/** `pdffonts`: every font the PDF uses. */
export function pdfFonts(pdf: string): PdfFont[] {
  const lines = tool('pdffonts', [pdf]).split('\n');
  const rule = lines.findIndex((l) => /^-+ -+/.test(l));
  if (rule < 0) throw new Error(`pdffonts output not understood:\n${lines.join('\n')}`);
  // Column positions from the dashed rule: name, type, encoding, emb, sub, uni, object ID.
  const cols: [number, number][] = [];
  const re = /-+/g;
  for (let m = re.exec(lines[rule]!); m; m = re.exec(lines[rule]!)) cols.push([m.index, m.index + m[0].length]);
  return lines
    .slice(rule + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const at = (k: number): string => l.slice(cols[k]![0], k + 1 < cols.length ? cols[k + 1]![0] : undefined).trim();
      return { name: at(0).replace(/^[A-Z]{6}\+/, ''), type: at(1), embedded: at(3) === 'yes' };
    });
}

/** Fonts that carry CJK glyphs (WenQuanYi from fonts-wqy-zenhei on CI; Noto/Source Han/SimSun elsewhere). */
export const CJK_FONT = /wenquanyi|wqy|noto\s*(sans|serif)\s*(mono\s*)?cjk|source\s*han|simsun|simhei|songti|heiti|droid\s*sans\s*fallback|ar\s*pl|micro\s*hei|zen\s*hei|fangsong|kaiti/i;

export function cjkFonts(pdf: string): PdfFont[] {
  return pdfFonts(pdf).filter((f) => f.embedded && CJK_FONT.test(f.name));
}

/** `pdfinfo` page count. */
export function pdfPages(pdf: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(tool('pdfinfo', [pdf]));
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** `pdftotext` of pages first..last (1-based, default all). */
export function pdfText(pdf: string, pages: { first?: number; last?: number } = {}): string {
  const args = [...(pages.first ? ['-f', String(pages.first)] : []), ...(pages.last ? ['-l', String(pages.last)] : []), '-enc', 'UTF-8', pdf, '-'];
  return tool('pdftotext', args);
}
