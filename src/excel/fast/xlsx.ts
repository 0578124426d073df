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

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

export function isDateFormat(code: string): boolean {
  const stripped = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(stripped) && !/^[#0.,%E+\- ]*$/i.test(stripped) && !/General/i.test(stripped);
}

/** Which cell styles (index into cellXfs) show a date. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const fmts = /<(?:[\w.-]+:)?numFmt\b([^>]*)\/?>/g;
  for (let m = fmts.exec(xml); m; m = fmts.exec(xml)) {
    const a = attrs(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfsBlock = /<((?:[\w.-]+:)?)cellXfs\b[^>]*>([\s\S]*?)<\/\1cellXfs>/.exec(xml)?.[2] ?? '';
  const out: boolean[] = [];
  const xf = /<(?:[\w.-]+:)?xf\b([^>]*?)(?:\/>|>)/g;
  for (let m = xf.exec(xfsBlock); m; m = xf.exec(xfsBlock)) {
    const id = Number(attrs(m[1]!).numFmtId ?? 0);
    out.push(custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
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
  const dates = dateStyles(text('xl/styles.xml'));
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
    const sheet = new FastSheet(a.name ?? '', a.state ?? 'visible', strings, date1904, stringReads);
    const scanned = scanSheet(xml, strings.length, dates, limits ? { part: target, limits } : undefined);
    sheet.load(scanned.sink, scanned.merges);
    worksheets.push(sheet);
  }
  // A workbook.xml this reader found no sheet in is one it does not understand: exceljs reads it.
  if (worksheets.length === 0) throw new FastFormatError('no sheets found');
  return { worksheets };
}
