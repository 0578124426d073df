// Diagnostics: every check returns these instead of throwing. Each has a stable code,
// a place (file › sheet › cell), what is wrong and what to do, in Chinese and English.
import type { SourceRef } from './model.js';

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

/** Builds a diagnostic from a catalogue entry. */
export function makeDiagnostic(catalogue: Catalogue, code: string, place: SourceRef, params: Params = {}, value?: unknown): Diagnostic {
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

/** Sort by file, sheet, then cell in reading order (row, then column). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const key = (c?: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(c ?? '');
    if (!m) return [0, 0];
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]), col];
  };
  return [...ds].sort((a, b) => {
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    if ((a.sheet ?? '') !== (b.sheet ?? '')) return (a.sheet ?? '') < (b.sheet ?? '') ? -1 : 1;
    const [ra, ca] = key(a.cell);
    const [rb, cb] = key(b.cell);
    return ra - rb || ca - cb;
  });
}
