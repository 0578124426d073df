// XML text for the lean writer: escaping (with the characters XML 1.0 cannot hold dropped) and
// A1-style cell references.
import { colName } from '../../core/a1.js';

// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const SPECIAL_G = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function entity(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\r':
      return '&#13;';
    default:
      return ''; // control characters and U+FFFE/U+FFFF are not allowed in XML 1.0
  }
}

/** Text or attribute value (double-quoted) as XML; control characters other than tab and line breaks are dropped. */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_G, entity) : text;
}

/** Characters that make a sheet name invalid in Excel (and control characters). */
// eslint-disable-next-line no-control-regex
const BAD_SHEET_CHARS = /[[\]:*?/\\\u0000-\u001f\ufffe\uffff]/g;

/** A sheet name Excel accepts: no []:*?/\, no control characters, no leading/trailing apostrophe, 1–31 UTF-16 units. */
export function cleanSheetName(name: string, fallback = 'Sheet'): string {
  let s = name.replace(BAD_SHEET_CHARS, '').replace(/^'+|'+$/g, '').trim();
  if (s.length > 31) {
    s = s.slice(0, 31);
    if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, 30);
  }
  return s || fallback;
}

/** `A1:L1` for a rectangle of 1-based rows and columns. */
export function rangeRef(r1: number, c1: number, r2: number, c2: number): string {
  return `${colName(c1)}${r1}:${colName(c2)}${r2}`;
}

/** Longest text Excel opens in a cell. */
export const EXCEL_CELL_CHARS = 32_767;
const CUT_MARK = '…（已截断）';

/**
 * A text as written into a cell: at most EXCEL_CELL_CHARS (Excel refuses the file otherwise).
 * Inputs are held to that limit at their cell, so only a joined text can reach it: it is cut,
 * visibly, and never inside a surrogate pair.
 */
export function cellText(s: string): string {
  if (s.length <= EXCEL_CELL_CHARS) return s;
  let end = EXCEL_CELL_CHARS - CUT_MARK.length;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + CUT_MARK;
}
