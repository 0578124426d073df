// Safe file and sheet names for the workbook writers: Excel forbids []:*?/\ in sheet
// names, leading/trailing apostrophes, names over 31 characters, duplicates and "History".

export interface SafeNameOptions {
  /** 31 for sheet names (Excel's limit); file names default to 80. */
  maxLength?: number;
  /** Used when nothing is left of the text. */
  fallback?: string;
}

export const SHEET_NAME_MAX = 31;

const FORBIDDEN = /[\[\]:*?/\\<>"|]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Cuts text to at most max UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * Makes text usable as a sheet or file name. Inner apostrophes become ’ because
 * exceljs quotes sheet names in defined names (print titles) without escaping them.
 */
export function safeName(text: string, options: SafeNameOptions = {}): string {
  const max = options.maxLength ?? SHEET_NAME_MAX;
  const fallback = options.fallback ?? '未命名';
  let s = String(text ?? '')
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]+/g, ' ')
    .replace(CONTROL, '')
    .replace(FORBIDDEN, '')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^'+|'+$/g, '').replace(/'/g, '’').trim();
  s = s.replace(/^\.+/, '').trim(); // no hidden or relative file names
  s = cut(s, max).trim();
  if (s.toLowerCase() === 'history') s = `${s}(1)`;
  return s || cut(fallback, max);
}

/**
 * Returns a name not yet in `taken` (compared case-insensitively, as Excel does),
 * appending (2), (3) … within maxLength; records it in `taken`.
 */
export function uniqueName(name: string, taken: Set<string>, maxLength = SHEET_NAME_MAX): string {
  const candidate = freeName(name, (lower) => taken.has(lower), maxLength);
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** `name`, or name(2), name(3) … within maxLength: the first that `isTaken` (given it lowercased) refuses. */
export function freeName(name: string, isTaken: (lower: string) => boolean, maxLength = SHEET_NAME_MAX): string {
  let candidate = name;
  for (let n = 2; isTaken(candidate.toLowerCase()); n++) {
    const suffix = `(${n})`;
    candidate = cut(name, maxLength - suffix.length) + suffix;
  }
  return candidate;
}

/** Makes each name safe and unique, keeping order; `reserved` names are avoided too. */
export function uniqueNames(names: string[], options: SafeNameOptions & { reserved?: string[] } = {}): string[] {
  const max = options.maxLength ?? SHEET_NAME_MAX;
  const taken = new Set((options.reserved ?? []).map((r) => r.toLowerCase()));
  return names.map((n) => uniqueName(safeName(n, options), taken, max));
}
