// Diagnostics: every check returns these instead of throwing. Each has a stable code,
// a place (file › sheet › cell), what is wrong and what to do, in Chinese and English.
import type { SourceRef } from './model.js';
import { parseA1 } from './a1.js';

export type Lang = 'zh' | 'en';
export type Severity = 'error' | 'warning';
/** A message parameter's value, as the check found it. */
export type Value = string | number | undefined;
export type Params = Record<string, Value>;
/** The parameters of one message: its declared names and no other (all optional: a message says what it is given). */
export type Args<K extends string> = { readonly [k in K]?: Value };

export interface Diagnostic {
  severity: Severity;
  code: string;
  file: string;
  sheet?: string;
  cell?: string;
  /** The value found in the cell, as text. */
  value?: string;
  message: Record<Lang, string>;
  fix: Record<Lang, string>;
}

/**
 * One entry of a message catalogue (Astro's errors-data): severity, the parameters it takes, what
 * happened and what to do, in Chinese and English. The code is the entry's key in its catalogue.
 */
export interface MessageDef<K extends string = string> {
  severity: Severity;
  params: readonly K[];
  zh: (p: Args<K>) => string;
  en: (p: Args<K>) => string;
  fixZh: (p: Args<K>) => string;
  fixEn: (p: Args<K>) => string;
}

/** A catalogue: code → entry. Every layer has at most one (see CONTRIBUTING.md, "a message is written only in the catalogue"). */
// biome-ignore lint/suspicious/noExplicitAny: an entry's parameter names are its own; any is the join of them
export type Catalogue = Record<string, MessageDef<any>>;

/** The parameters an entry takes. */
export type ArgsOf<M> = M extends MessageDef<infer K> ? Args<K> : never;

/**
 * The one constructor of a catalogue entry, in every layer. `params` names what the texts may use:
 * a text reading a parameter not named here, or a caller passing one, does not compile.
 */
export function message<K extends string = never>(
  severity: Severity,
  params: readonly K[],
  zh: (p: Args<K>) => string,
  en: (p: Args<K>) => string,
  fixZh: (p: Args<K>) => string,
  fixEn: (p: Args<K>) => string,
): MessageDef<K> {
  return { severity, params, zh, en, fixZh, fixEn };
}

/** A parameter as text ('' when not given). */
export const str = (v: Value): string => String(v ?? '');

/**
 * Builds a diagnostic from a catalogue entry. The code is a key of the catalogue given and the
 * parameters are the entry's: a misspelt code or parameter does not compile.
 */
export function makeDiagnostic<C extends Catalogue, K extends Extract<keyof C, string>>(catalogue: C, code: K, place: SourceRef, params: ArgsOf<C[K]> = {} as ArgsOf<C[K]>, value?: unknown): Diagnostic {
  const def = catalogue[code];
  if (!def) throw new Error(`unknown diagnostic code ${code}`);
  const d: Diagnostic = {
    severity: def.severity,
    code,
    file: place.file,
    message: { zh: def.zh(params), en: def.en(params) },
    fix: { zh: def.fixZh(params), en: def.fixEn(params) },
  };
  if (place.sheet) d.sheet = place.sheet;
  if (place.cell) d.cell = place.cell;
  if (value !== undefined && value !== null && value !== '') d.value = String(value);
  return d;
}

/** 第一支部.xlsx › 3月 › D7 */
export function placeText(d: { file: string; sheet?: string; cell?: string }): string {
  const base = d.file.split(/[\\/]/).pop() ?? d.file;
  return [base, d.sheet, d.cell].filter(Boolean).join(' › ');
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Made when first needed: a collator takes ~8 ms to make, and `score --help` loads this module. */
let naturalOrder: Intl.Collator | undefined;
const natural = (a: string, b: string): number => (naturalOrder ??= new Intl.Collator('zh', { numeric: true })).compare(a, b);

/** Row and column of an A1 address ([0, 0] when there is none). */
function cellKey(c?: string): [number, number] {
  const at = /^[A-Z]+\d+$/.test(c ?? '') ? parseA1(c!) : undefined;
  return at ? [at.row, at.col] : [0, 0];
}

/**
 * Workbook order: files in the order given; within a file, workbook-level problems first, then the
 * sheets in the order of `sheets` (the workbook's tabs), then row, then column. Sheets not in the
 * list follow in natural order (2月 before 10月), never as plain text. Stable for equal places.
 */
export function sortDiagnostics(ds: readonly Diagnostic[], sheets: readonly string[] = []): Diagnostic[] {
  const fileRank = new Map<string, number>();
  for (const d of ds) if (!fileRank.has(d.file)) fileRank.set(d.file, fileRank.size);
  const sheetRank = new Map(sheets.map((name, i) => [name, i]));
  const rank = (sheet: string | undefined): number => (sheet === undefined ? -1 : (sheetRank.get(sheet) ?? sheets.length));
  return ds
    .map((d, i) => ({ d, i, f: fileRank.get(d.file)!, s: rank(d.sheet), c: cellKey(d.cell) }))
    .sort((a, b) => a.f - b.f || a.s - b.s || (a.s === sheets.length ? natural(a.d.sheet ?? '', b.d.sheet ?? '') : 0) || a.c[0] - b.c[0] || a.c[1] - b.c[1] || a.i - b.i)
    .map((x) => x.d);
}
