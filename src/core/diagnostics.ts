// Diagnostics: every check returns these instead of throwing. Each has a stable code,
// a place (file › sheet › cell), what is wrong and what to do, in Chinese and English.
import type { SourceRef } from './model.js';
import { parseA1 } from './a1.js';

export type Lang = 'zh' | 'en';
export type Severity = 'error' | 'warning';
export type Params = Record<string, string | number | undefined>;

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

/** One entry of a message catalogue: what happened and what to do, in both languages. */
export interface MessageDef {
  severity: Severity;
  zh: (p: Params) => string;
  en: (p: Params) => string;
  fixZh: (p: Params) => string;
  fixEn: (p: Params) => string;
}

export type Catalogue = Record<string, MessageDef>;

/**
 * Builds a diagnostic from a catalogue entry. The code is a key of the catalogue given: with a catalogue
 * whose keys are known (an object literal, or `satisfies Catalogue`), a misspelt code does not compile.
 */
export function makeDiagnostic<C extends Catalogue>(catalogue: C, code: Extract<keyof C, string>, place: SourceRef, params: Params = {}, value?: unknown): Diagnostic {
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

const naturalOrder = new Intl.Collator('zh', { numeric: true });

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
    .sort((a, b) => a.f - b.f || a.s - b.s || (a.s === sheets.length ? naturalOrder.compare(a.d.sheet ?? '', b.d.sheet ?? '') : 0) || a.c[0] - b.c[0] || a.c[1] - b.c[1] || a.i - b.i)
    .map((x) => x.d);
}
