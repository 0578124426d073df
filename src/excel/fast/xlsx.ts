// The lean reader: an .xlsx (sniffed, then unpacked part by part) parsed into values only —
// shared strings, inline strings, numbers, booleans, errors, formulas with their cached values (a
// formula's text is kept only where no value is cached, to show it), dates by cell style (1900 and
// 1904 systems), merges and hidden sheets — with the same cell values exceljs gives, several times
// faster. Anything it does not understand makes it give up, and the caller falls back to exceljs.
import type { BookLike } from '../book.js';
import type { CellRead } from '../cells.js';
import type { SheetLimits } from '../sniff.js';
import { decodeEntities, scanSharedStrings, scanSheet } from './scan.js';
import { FastFormatError, FastSheet } from './sheet.js';
import { BUILTIN_DATE_FORMATS, mayHide } from '../display.js';

export { FastFormatError, FastSheet } from './sheet.js';

type Parts = (name: string) => Buffer | undefined;

export interface FastBook extends BookLike {
  worksheets: FastSheet[];
}

const ATTR = /([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

export function isDateFormat(code: string): boolean {
  const stripped = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(stripped) && !/^[#0.,%E+\- ]*$/i.test(stripped) && !/General/i.test(stripped);
}

/** Style classes (by cellXfs index): a date, or a format that may show another number than the cell's (display.ts). */
export const STYLE_DATE = 1;
export const STYLE_ODD = 2;

export interface StyleInfo {
  /** STYLE_DATE, STYLE_ODD or 0, by cellXfs index. */
  classes: number[];
  /** The format code of each STYLE_ODD style. */
  codes: (string | undefined)[];
}

/** Which cell styles (index into cellXfs) show a date, and which may show another number. */
function styleInfo(xml: string | undefined): StyleInfo {
  const info: StyleInfo = { classes: [], codes: [] };
  if (!xml) return info;
  const custom = new Map<number, string>();
  const fmts = /<(?:[\w.-]+:)?numFmt\b([^>]*)\/?>/g;
  for (let m = fmts.exec(xml); m; m = fmts.exec(xml)) {
    const a = attrs(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfsBlock = /<((?:[\w.-]+:)?)cellXfs\b[^>]*>([\s\S]*?)<\/\1cellXfs>/.exec(xml)?.[2] ?? '';
  const xf = /<(?:[\w.-]+:)?xf\b([^>]*?)(?:\/>|>)/g;
  for (let m = xf.exec(xfsBlock); m; m = xf.exec(xfsBlock)) {
    const id = Number(attrs(m[1]!).numFmtId ?? 0);
    const code = custom.get(id);
    const date = code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
    const odd = !date && code !== undefined && mayHide(code);
    info.classes.push(date ? STYLE_DATE : odd ? STYLE_ODD : 0);
    info.codes.push(odd ? code : undefined);
  }
  return info;
}

function resolveTarget(target: string): string {
  const t = target.replace(/^\//, '');
  return t.startsWith('xl/') ? t : `xl/${t}`;
}

/** Parses the workbook from its unpacked parts; throws FastFormatError when in doubt. */
export function parseFastBook(part: Parts, limits?: SheetLimits): FastBook {
  const text = (name: string): string | undefined => part(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new FastFormatError('no workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  const rel = /<(?:[\w.-]+:)?Relationship\b([^>]*?)\/?>/g;
  for (let m = rel.exec(rels); m; m = rel.exec(rels)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target) targets.set(a.Id, resolveTarget(a.Target));
  }
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904=["'](1|true)["']/.test(workbook);
  const strings = scanSharedStrings(part('xl/sharedStrings.xml'));
  const styles = styleInfo(text('xl/styles.xml'));
  const fullCalcOnLoad = /<(?:[\w.-]+:)?calcPr\b[^>]*\bfullCalcOnLoad=["'](1|true)["']/.test(workbook);
  const worksheets: FastSheet[] = [];
  const stringReads: CellRead[] = [];
  const sheetTag = /<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g;
  for (let m = sheetTag.exec(workbook); m; m = sheetTag.exec(workbook)) {
    const a = attrs(m[1]!);
    const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = id ? targets.get(id) : undefined;
    if (!target) throw new FastFormatError(`sheet ${a.name} has no part`);
    const xml = part(target);
    if (xml === undefined) throw new FastFormatError(`missing ${target}`);
    const sheet = new FastSheet(a.name ?? '', a.state ?? 'visible', strings, date1904, stringReads, styles.codes);
    const scanned = scanSheet(xml, strings.length, styles.classes, limits ? { part: target, sheet: a.name ?? target, limits } : undefined);
    sheet.load(scanned.sink, scanned.merges);
    worksheets.push(sheet);
  }
  // A workbook.xml this reader found no sheet in is one it does not understand: exceljs reads it.
  if (worksheets.length === 0) throw new FastFormatError('no sheets found');
  return { worksheets, date1904, fullCalcOnLoad };
}
