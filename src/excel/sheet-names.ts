// Sheet names as the clerk reads them on the tabs, for the readers and the sniffing alike.

/** Characters a sheet tab does not show: controls, soft hyphen, zero-width and bidi marks, BOM. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** A sheet name as the clerk reads it on the tab: NFKC (１月 is 1月), without spaces or invisible characters. */
export function normaliseSheetName(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, '');
}
