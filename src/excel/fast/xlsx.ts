// The lean reader: an .xlsx (already sniffed and unpacked part by part) parsed into values only —
// shared strings, inline strings, numbers, booleans, errors, formulas with their cached values,
// dates by cell style (1900 and 1904 systems), merges and hidden sheets — with the same cell values
// exceljs gives, several times faster. Anything it does not understand makes it give up, and the
// caller falls back to exceljs.
import type ExcelJS from 'exceljs';
import type { BookLike, CellLike, RowLike, SheetLike } from '../book.js';

export class FastFormatError extends Error {}

type Parts = (name: string) => Buffer | undefined;

const ENTITY = /&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#\d+);/g;

function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

const ATTR = /([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) out[m[1]!] = decode(m[2] ?? m[3] ?? '');
  return out;
}

/** Text of the <t> runs of a string item, skipping phonetic runs (<rPh>). */
function itemText(xml: string): string {
  const noPhonetic = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  for (let m = re.exec(noPhonetic); m; m = re.exec(noPhonetic)) out += decode(m[1] ?? '');
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(itemText(m[1] ?? ''));
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function isDateFormat(code: string): boolean {
  const stripped = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(stripped) && !/^[#0.,%E+\- ]*$/i.test(stripped) && !/General/i.test(stripped);
}

/** Which cell styles (index into cellXfs) show a date. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const fmts = /<numFmt\b([^>]*)\/?>/g;
  for (let m = fmts.exec(xml); m; m = fmts.exec(xml)) {
    const a = attrs(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfsBlock = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  const xf = /<xf\b([^>]*?)(?:\/>|>)/g;
  for (let m = xf.exec(xfsBlock); m; m = xf.exec(xfsBlock)) {
    const id = Number(attrs(m[1]!).numFmtId ?? 0);
    out.push(custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

function colOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

function rowOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) n = n * 10 + c - 48;
  }
  return n;
}

class FastCell implements CellLike {
  isMerged = false;
  master: CellLike = this;
  constructor(public value: ExcelJS.CellValue) {}
}

/** A row's cells in a sparse array indexed by column (1-based). */
class FastRow implements RowLike {
  readonly cells: (FastCell | undefined)[] = [];
  eachCell(_opts: { includeEmpty: boolean }, cb: (cell: CellLike, col: number) => void): void {
    const cells = this.cells;
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (cell !== undefined && cell.value !== null && cell.value !== undefined && cell.value !== '') cb(cell, c);
    }
  }
}

export class FastSheet implements SheetLike {
  readonly rows: (FastRow | undefined)[] = [];
  rowCount = 0;
  constructor(
    public name: string,
    public state: string,
  ) {}

  findCell(row: number, col: number): CellLike | undefined {
    return this.rows[row]?.cells[col];
  }

  findRow(row: number): RowLike | undefined {
    return this.rows[row];
  }

  get(row: number, col: number): FastCell | undefined {
    return this.rows[row]?.cells[col];
  }

  set(row: number, col: number, cell: FastCell): void {
    if (row > 2_000_000 || col > 20_000) throw new FastFormatError(`cell R${row}C${col} out of range`);
    let r = this.rows[row];
    if (!r) this.rows[row] = r = new FastRow();
    r.cells[col] = cell;
    if (row > this.rowCount) this.rowCount = row;
  }
}

export interface FastBook extends BookLike {
  worksheets: FastSheet[];
}

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

function serialDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + Math.round(serial * 86400000));
}

const TOKEN = /<row\b([^>]*?)(\/?)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const FORMULA = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;
const VALUE = /<v\b[^>]*>([\s\S]*?)<\/v>/;
const INLINE = /<is\b[^>]*>([\s\S]*?)<\/is>/;

/** The value of attribute `name` in a start tag's attribute text, without a regex per attribute. */
function attr(a: string, name: string): string | undefined {
  const key = ` ${name}="`;
  let i = a.indexOf(key);
  if (i < 0) {
    if (!a.startsWith(`${name}="`)) return undefined;
    i = -1;
  }
  const from = i + key.length;
  const to = a.indexOf('"', from);
  return to < 0 ? undefined : a.slice(from, to);
}

function cellValue(type: string, raw: string, strings: string[], isDate: boolean, date1904: boolean): ExcelJS.CellValue {
  switch (type) {
    case 's': {
      const idx = Number(raw);
      if (!Number.isInteger(idx) || idx < 0 || idx >= strings.length) throw new FastFormatError(`shared string ${raw} out of range`);
      return strings[idx]!;
    }
    case 'str':
      return decode(raw);
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      return { error: decode(raw) } as ExcelJS.CellErrorValue;
    case 'd':
      return new Date(raw);
    default: {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw new FastFormatError(`number ${raw}`);
      return isDate ? serialDate(n, date1904) : n;
    }
  }
}

function parseSheet(sheet: FastSheet, xml: string, strings: string[], dates: boolean[], date1904: boolean): void {
  const start = xml.indexOf('<sheetData');
  if (start < 0) return;
  const end = xml.indexOf('</sheetData>', start);
  const data = end < 0 ? xml.slice(start) : xml.slice(start, end);
  let rowNum = 0;
  let col = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(data); m; m = TOKEN.exec(data)) {
    if (m[3] === undefined) {
      const r = attr(m[1]!, 'r');
      rowNum = r ? Number(r) : rowNum + 1;
      col = 0;
      continue;
    }
    const inner = m[4];
    if (!inner) {
      col++;
      const ref = attr(m[3], 'r');
      if (ref) col = colOf(ref);
      continue;
    }
    const a = m[3];
    const ref = attr(a, 'r');
    col = ref ? colOf(ref) : col + 1;
    const row = ref ? rowOf(ref) : rowNum;
    const type = attr(a, 't') ?? 'n';
    let value: ExcelJS.CellValue = null;
    if (type === 'inlineStr') value = itemText(INLINE.exec(inner)?.[1] ?? '');
    else {
      const v = VALUE.exec(inner)?.[1];
      if (v !== undefined) value = cellValue(type, v, strings, dates[Number(attr(a, 's') ?? 0)] === true, date1904);
    }
    if (inner.indexOf('<f') >= 0) {
      const f = FORMULA.exec(inner);
      if (f) {
        const formula = decode(f[2] ?? '');
        const shared = !f[2] && /\bt="shared"/.test(f[1]!);
        const result = value === null ? undefined : value;
        value = (shared ? { sharedFormula: formula || '?', result } : { formula: formula || '?', result }) as ExcelJS.CellValue;
      }
    }
    if (value === null || value === '') continue;
    sheet.set(row, col, new FastCell(value));
  }
  const merges = /<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/.exec(xml.slice(end < 0 ? start : end))?.[1] ?? '';
  const mc = /<mergeCell\b[^>]*?ref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/g;
  for (let m = mc.exec(merges); m; m = mc.exec(merges)) {
    const r1 = rowOf(m[1]!);
    const c1 = colOf(m[1]!);
    const r2 = m[2] ? rowOf(m[2]) : r1;
    const c2 = m[2] ? colOf(m[2]) : c1;
    let master = sheet.get(r1, c1);
    if (!master) sheet.set(r1, c1, (master = new FastCell(null)));
    master.isMerged = true;
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        const covered = new FastCell(master.value);
        covered.isMerged = true;
        covered.master = master;
        sheet.set(r, c, covered);
      }
    }
  }
}

function resolveTarget(target: string): string {
  const t = target.replace(/^\//, '');
  return t.startsWith('xl/') ? t : `xl/${t}`;
}

/** Parses the workbook from its unpacked parts; throws FastFormatError when in doubt. */
export function parseFastBook(part: Parts): FastBook {
  const text = (name: string): string | undefined => part(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new FastFormatError('no workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  const rel = /<Relationship\b([^>]*?)\/?>/g;
  for (let m = rel.exec(rels); m; m = rel.exec(rels)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target) targets.set(a.Id, resolveTarget(a.Target));
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const dates = dateStyles(text('xl/styles.xml'));
  const worksheets: FastSheet[] = [];
  const sheetTag = /<sheet\b([^>]*?)\/?>/g;
  for (let m = sheetTag.exec(workbook); m; m = sheetTag.exec(workbook)) {
    const a = attrs(m[1]!);
    const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = id ? targets.get(id) : undefined;
    if (!target) throw new FastFormatError(`sheet ${a.name} has no part`);
    const xml = text(target);
    if (xml === undefined) throw new FastFormatError(`missing ${target}`);
    const sheet = new FastSheet(a.name ?? '', a.state ?? 'visible');
    parseSheet(sheet, xml, strings, dates, date1904);
    worksheets.push(sheet);
  }
  return { worksheets };
}
