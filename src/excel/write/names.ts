// Safe file and sheet names for the workbook writers: Excel forbids []:*?/\ in sheet
// names, leading/trailing apostrophes, names over 31 characters, duplicates and "History".

export interface SafeNameOptions {
  /** 31 for sheet names (Excel's limit); file names default to 80. */
  maxLength?: number;
  /** Used when nothing is left of the text. */
  fallback?: string;
}

export const SHEET_NAME_MAX = 31;

const FORBIDDEN = /[[\]:*?/\\<>"|]/g;
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

/** Windows' device names: a file called CON, nul.txt or COM1.xlsx cannot be created on NTFS. */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// eslint-disable-next-line no-control-regex
const FILE_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Windows' MAX_PATH (260 with the terminating NUL): Explorer, Excel and WPS open nothing longer. */
export const WINDOWS_MAX_PATH = 259;

/**
 * A file name (with its extension) safe on NTFS and everywhere else: no <>:"/\|?* or control
 * characters, no trailing dots or spaces, no device name (CON, NUL, COM1 … with any extension; such
 * a name gets a leading _), the stem cut to maxLength characters (default 120) without splitting a
 * character, and never empty.
 */
export function safeFileName(name: string, options: SafeNameOptions = {}): string {
  const max = options.maxLength ?? 120;
  const text = String(name ?? '').normalize('NFC');
  const dot = text.lastIndexOf('.');
  const ext = dot > 0 && /^\.[A-Za-z0-9]{1,8}$/.test(text.slice(dot)) ? text.slice(dot) : '';
  let stem = (ext ? text.slice(0, dot) : text)
    .replace(/[\t\n\r\v\f\u2028\u2029]+/g, ' ')
    .replace(FILE_FORBIDDEN, '')
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  stem = cut(stem, Math.max(1, max - ext.length)).replace(/[. ]+$/, '');
  if (stem === '') stem = options.fallback ?? '未命名';
  if (DEVICE.test(stem.split('.')[0]!.trim())) stem = `_${stem}`;
  return stem + ext;
}

const SUFFIX_ROOM = 5; // (2) … (999)

/**
 * Names output files in one folder: each safe (safeFileName), unique without regard to case (NTFS
 * and Windows do not tell 一支部A.xlsx from 一支部a.xlsx) by (2), (3) …, and short enough that the
 * whole path stays within Windows' MAX_PATH (the stem is cut further when the folder is deep).
 */
export function fileNamer(dir: string): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    const safe = safeFileName(name);
    const room = WINDOWS_MAX_PATH - dir.length - 1 - SUFFIX_ROOM;
    const fitted = safe.length > room && room > 16 ? safeFileName(safe, { maxLength: room }) : safe;
    const dot = fitted.lastIndexOf('.');
    const ext = dot > 0 ? fitted.slice(dot) : '';
    const stem = ext ? fitted.slice(0, dot) : fitted;
    const free = freeName(stem, (lower) => taken.has(`${lower}${ext.toLowerCase()}`), stem.length + SUFFIX_ROOM);
    taken.add(`${free}${ext}`.toLowerCase());
    return free + ext;
  };
}
