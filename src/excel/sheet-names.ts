// Sheet names as the clerk reads them on the tabs, for the readers and the sniffing alike.
import { Memo, MEMO_LIMIT } from '../core/memo.js';

/** Characters a sheet tab does not show: controls, soft hyphen, zero-width and bidi marks, BOM. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** A sheet name as the clerk reads it on the tab: NFKC (１月 is 1月), without spaces or invisible characters. */
export function normaliseSheetName(s: string): string {
  // A township's ledgers repeat the same few dozen tab names, each compared many times (sheetByName).
  const known = normalised.get(s);
  if (known !== undefined) return known;
  const t = s.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, '');
  return normalised.set(s, t);
}

const normalised = new Memo<string, string>(MEMO_LIMIT);
