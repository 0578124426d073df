// Byte scanners for the two big parts of an .xlsx: a worksheet's <sheetData> and the shared
// strings. They walk the inflated bytes (no decoding of the whole part, no regex over it, no
// string per cell): numbers are parsed from their digits, text is decoded only where a cell
// holds text. Anything unexpected throws FastFormatError and the caller falls back to exceljs.
import { READ_LIMITS, type SheetLimits } from '../sniff.js';
import { EXCEL_NUMBER } from '../exceljs-prep.js';
import { CellSink, FastFormatError, FORMULA, Kind, MAX_COL, ODD_FORMAT, SHARED_FORMULA } from './sheet.js';
import { cellAddress } from '../cells.js';

/** Rows of Excel's grid. */
const EXCEL_ROWS = 1_048_576;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const EQ = 0x3d;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;
const V = 0x76;
const F = 0x66;
const C = 0x63;
const SPACE = 0x20;

const COMMENT_END = Buffer.from('-->', 'latin1');
const CDATA_START = Buffer.from('<![CDATA[', 'latin1');
const CDATA_END = Buffer.from(']]>', 'latin1');

// decodeEntities lives in ./entities.ts: sniff.ts needs it, and this module needs sniff's limits (no cycle).
export { decodeEntities } from './entities.js';
import { decodeEntities } from './entities.js';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The next '<' from `i`, or -1: a short JS scan first (the next tag is usually a few bytes away). */
function nextLt(buf: Buffer, i: number): number {
  const stop = Math.min(buf.length, i + 32);
  for (; i < stop; i++) if (buf[i] === LT) return i;
  return i >= buf.length ? -1 : buf.indexOf(LT, i);
}

/**
 * A start or end tag read at `<`: its local name's bounds (after any prefix), where it ends, and
 * the attributes this reader cares about (r, s, t, and ref read as r) as byte ranges [from, to),
 * -1 when absent — all in one pass over the tag.
 */
class Tag {
  /** Position of '<'. */
  at = 0;
  closing = false;
  /** Local name bytes [nameFrom, nameTo). */
  nameFrom = 0;
  nameTo = 0;
  /** Position of the closing '>'. */
  end = 0;
  selfClosing = false;
  r0 = -1;
  r1 = -1;
  s0 = -1;
  s1 = -1;
  t0 = -1;
  t1 = -1;
}

/** Reads the tag at buf[at] === '<', its attributes with it. */
function readTag(buf: Buffer, at: number, tag: Tag): void {
  tag.at = at;
  tag.r0 = tag.s0 = tag.t0 = -1;
  let i = at + 1;
  const first = buf[i];
  if (first === BANG && buf[i + 1] === 0x2d && buf[i + 2] === 0x2d) {
    // <!-- a comment -->: read as a nameless empty tag, so every loop passes it by.
    const close = buf.indexOf(COMMENT_END, i + 3);
    if (close < 0) throw new FastFormatError('unterminated comment');
    tag.closing = false;
    tag.nameFrom = tag.nameTo = i;
    tag.selfClosing = true;
    tag.end = close + 2;
    return;
  }
  if (first === BANG || first === QUESTION) throw new FastFormatError('CDATA or processing instruction in a sheet');
  tag.closing = first === SLASH;
  if (tag.closing) i++;
  let from = i;
  for (; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === COLON) from = i + 1;
    else if (c === GT || c === SLASH || isSpace(c)) break;
  }
  tag.nameFrom = from;
  tag.nameTo = i;
  for (;;) {
    while (i < buf.length && isSpace(buf[i]!)) i++;
    const c = buf[i];
    if (c === undefined) throw new FastFormatError('unterminated tag');
    if (c === GT || (c === SLASH && buf[i + 1] === GT)) break;
    const nameFrom = i;
    while (i < buf.length && buf[i] !== EQ && buf[i] !== GT && !isSpace(buf[i]!)) i++;
    const nameTo = i;
    while (i < buf.length && isSpace(buf[i]!)) i++;
    if (buf[i] !== EQ) throw new FastFormatError('attribute without a value');
    i++;
    while (i < buf.length && isSpace(buf[i]!)) i++;
    const q = buf[i];
    if (q !== QUOTE && q !== APOS) throw new FastFormatError('unquoted attribute');
    const valueFrom = ++i;
    while (i < buf.length && buf[i] !== q) i++;
    if (i >= buf.length) throw new FastFormatError('unterminated attribute');
    const valueTo = i++;
    const n = nameTo - nameFrom === 1 ? buf[nameFrom] : nameTo - nameFrom === 3 && buf[nameFrom] === 0x72 && buf[nameFrom + 1] === 0x65 && buf[nameFrom + 2] === 0x66 ? 0x72 : 0;
    if (n === 0x72) {
      // r, or the ref of a mergeCell
      tag.r0 = valueFrom;
      tag.r1 = valueTo;
    } else if (n === 0x73) {
      tag.s0 = valueFrom;
      tag.s1 = valueTo;
    } else if (n === 0x74) {
      tag.t0 = valueFrom;
      tag.t1 = valueTo;
    }
  }
  tag.selfClosing = buf[i] === SLASH;
  tag.end = tag.selfClosing ? i + 1 : i;
}

/** The tag's local name equals `name` (ASCII). */
function is(buf: Buffer, tag: Tag, name: string): boolean {
  if (tag.nameTo - tag.nameFrom !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (buf[tag.nameFrom + k] !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * The usual cell tag, `<c r="D5" s="3" t="s">` or `<c r="D5"/>`: attributes r, s and t only, each
 * after one space, in double quotes. Read into `tag` as readTag reads it, without its general
 * loops; false for any other spelling (then readTag reads it).
 */
function quickCellTag(buf: Buffer, at: number, tag: Tag): boolean {
  let r0 = -1;
  let r1 = -1;
  let s0 = -1;
  let s1 = -1;
  let t0 = -1;
  let t1 = -1;
  let i = at + 2;
  for (;;) {
    const b = buf[i];
    if (b === GT) break;
    if (b === SLASH) {
      if (buf[i + 1] !== GT) return false;
      break;
    }
    if (b !== SPACE || buf[i + 2] !== EQ || buf[i + 3] !== QUOTE) return false;
    const from = i + 4;
    let close = from;
    while (close < buf.length && buf[close] !== QUOTE) close++;
    if (close >= buf.length) return false;
    const name = buf[i + 1];
    if (name === 0x72) {
      r0 = from;
      r1 = close;
    } else if (name === 0x73) {
      s0 = from;
      s1 = close;
    } else if (name === 0x74) {
      t0 = from;
      t1 = close;
    } else return false;
    i = close + 1;
  }
  tag.at = at;
  tag.closing = false;
  tag.nameFrom = at + 1;
  tag.nameTo = at + 2;
  tag.selfClosing = buf[i] === SLASH;
  tag.end = tag.selfClosing ? i + 1 : i;
  tag.r0 = r0;
  tag.r1 = r1;
  tag.s0 = s0;
  tag.s1 = s1;
  tag.t0 = t0;
  tag.t1 = t1;
  return true;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/**
 * The number written in buf[from, to): plain decimals of up to 15 digits are read from the digits
 * (an exact integer over an exact power of ten, so correctly rounded — the same double as Number());
 * anything else goes through Number(). Blank or not a number → FastFormatError.
 */
export function parseNumber(buf: Buffer, from: number, to: number, nanIfNot = false): number {
  let i = from;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 0x2e && scale < 0) scale = 0;
    else break;
  }
  if (i === to && digits > 0 && digits <= 15) {
    const v = scale > 0 ? m / POW10[scale]! : m;
    return neg ? -v : v;
  }
  const n = excelNumber(buf, from, to);
  if (Number.isNaN(n) && !nanIfNot) throw new FastFormatError(`number ${buf.toString('latin1', from, to)}`);
  return n;
}

/** A number as Excel writes one (EXCEL_NUMBER), NaN when it is not one. */
function excelNumber(buf: Buffer, from: number, to: number): number {
  const text = buf.toString('latin1', from, to);
  return EXCEL_NUMBER.test(text) ? Number(text) : NaN;
}

/** A cell or row reference's column (A → 1) and row, from bytes. */
function colOfRef(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === 0x24) continue; // $
    if (c < 0x41 || c > 0x5a) break;
    n = n * 26 + c - 0x40;
  }
  return n;
}

function rowOfRef(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) n = n * 10 + c - 0x30;
  }
  return n;
}

function text(buf: Buffer, from: number, to: number): string {
  return decodeEntities(buf.toString('utf8', from, to));
}

/**
 * The text of a string item (<si> or <is>) between `from` and its closing tag: the <t> runs,
 * phonetic runs (<rPh>) skipped. Returns the text and where the closing tag ends.
 */
function itemText(buf: Buffer, from: number, closing: string, tag: Tag): [string, number] {
  let out = '';
  let i = from;
  let inPhonetic = false;
  for (;;) {
    const lt = nextLt(buf, i);
    if (lt < 0) throw new FastFormatError(`unterminated <${closing}>`);
    readTag(buf, lt, tag);
    i = tag.end + 1;
    if (tag.closing) {
      if (is(buf, tag, closing)) return [out, i];
      if (is(buf, tag, 'rPh')) inPhonetic = false;
      continue;
    }
    if (is(buf, tag, 'rPh')) inPhonetic = !tag.selfClosing;
    else if (is(buf, tag, 't') && !tag.selfClosing) {
      let close = nextLt(buf, i);
      if (close < 0) throw new FastFormatError('unterminated <t>');
      let s = text(buf, i, close);
      // <![CDATA[…]]> sections are text as written (Excel never writes them; other tools may).
      while (buf[close + 1] === BANG) {
        const cdata = buf.compare(CDATA_START, 0, CDATA_START.length, close, close + CDATA_START.length) === 0;
        if (!cdata && !(buf[close + 2] === 0x2d && buf[close + 3] === 0x2d)) throw new FastFormatError('<! in text');
        const end = buf.indexOf(cdata ? CDATA_END : COMMENT_END, close + 4);
        if (end < 0) throw new FastFormatError('unterminated CDATA or comment');
        if (cdata) s += buf.toString('utf8', close + CDATA_START.length, end);
        const next = nextLt(buf, end + 3);
        if (next < 0) throw new FastFormatError('unterminated <t>');
        s += text(buf, end + 3, next);
        close = next;
      }
      if (!inPhonetic) out += s;
      i = close;
    }
  }
}

/** Every <si> of sharedStrings.xml, in order. */
export function scanSharedStrings(buf: Buffer | undefined): string[] {
  const out: string[] = [];
  if (!buf) return out;
  const tag = new Tag();
  let i = 0;
  for (;;) {
    const lt = nextLt(buf, i);
    if (lt < 0) return out;
    if (buf[lt + 1] === QUESTION) {
      i = buf.indexOf(GT, lt) + 1;
      if (i === 0) return out;
      continue;
    }
    readTag(buf, lt, tag);
    i = tag.end + 1;
    if (tag.closing || !is(buf, tag, 'si')) continue;
    if (tag.selfClosing) out.push('');
    else {
      const [s, next] = itemText(buf, i, 'si', tag);
      out.push(s);
      i = next;
    }
  }
}

const needle = (s: string): Buffer => Buffer.from(s, 'latin1');
const SHEET_DATA = needle('sheetData');
const MERGE_CELL = needle('mergeCell');

/** Position of the '<' starting tag `name` (with or without a prefix) from `from`, or -1. */
function findTag(buf: Buffer, name: Buffer, from: number, tag: Tag, local: string): number {
  let i = from;
  for (;;) {
    const at = buf.indexOf(name, i);
    if (at < 0) return -1;
    let lt = at - 1;
    while (lt >= 0 && buf[lt] !== LT && buf[lt] !== GT && !isSpace(buf[lt]!)) lt--;
    if (lt >= 0 && buf[lt] === LT) {
      readTag(buf, lt, tag);
      if (!tag.closing && is(buf, tag, local)) return lt;
    }
    i = at + name.length;
  }
}

/** buf[from, to) is XML white space only. */
function blank(buf: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(buf[k]!)) return false;
  return true;
}

/** The end tag `tag` closes the element whose local name is buf[from, to). */
function sameName(buf: Buffer, from: number, to: number, tag: Tag): boolean {
  if (to - from !== tag.nameTo - tag.nameFrom) return false;
  for (let k = 0; k < to - from; k++) if (buf[from + k] !== buf[tag.nameFrom + k]) return false;
  return true;
}

const WORKSHEET_END = Buffer.from('worksheet>', 'latin1');

/** The part ends with its root's end tag (</worksheet>, any prefix), white space after it allowed. */
function endsWithRoot(buf: Buffer): boolean {
  let k = buf.length;
  while (k > 0 && isSpace(buf[k - 1]!)) k--;
  return k >= WORKSHEET_END.length && buf.compare(WORKSHEET_END, 0, WORKSHEET_END.length, k - WORKSHEET_END.length, k) === 0;
}

/** XML Excel would refuse or repair: refused naming the sheet (the lean reader's limits), else the fallback reader is asked. */
function malformed(check: { part: string; sheet?: string; limits: SheetLimits } | undefined, what: string): never {
  if (check) check.limits.malformed(check.sheet ?? check.part, what);
  throw new FastFormatError(what);
}

/** One sink for every sheet this thread scans (scanSheet's result is loaded before the next scan). */
const SINK = new CellSink();

export interface ScannedSheet {
  sink: CellSink;
  /** [r1, c1, r2, c2] of each merged range. */
  merges: number[][];
}

/**
 * The cells of a worksheet part. `strings` is the shared string count (an index beyond it is a
 * broken file); `dateStyle[s]` says a number in style s shows a date (true or 1), or may show another number (2).
 */
export function scanSheet(buf: Buffer, stringCount: number, dateStyle: readonly (boolean | number)[], check?: { part: string; sheet?: string; limits: SheetLimits }): ScannedSheet {
  const sink = SINK.reset(Math.ceil(buf.length / 28));
  const merges: number[][] = [];
  const tag = new Tag();
  const start = findTag(buf, SHEET_DATA, 0, tag, 'sheetData');
  if (start < 0) return { sink, merges };
  let i = tag.end + 1;
  let rowNum = 0;
  let col = 0;
  let rows = 0;
  /** Rows holding a value, counted as they come (cheap): a sheet of junk is refused before it costs memory. */
  let usedRows = 0;
  let lastUsedRow = -1;
  let end = i;
  /** Well-formedness, checked as the tags come (cheap): a <row> is closed before the next, other elements nest. */
  let inRow = false;
  const open: [number, number][] = [];
  const bad = (what: string): never => malformed(check, what);
  if (!tag.selfClosing) {
    for (;;) {
      const lt = nextLt(buf, i);
      if (lt < 0) throw new FastFormatError('unterminated <sheetData>');
      if (lt > i && !blank(buf, i, lt)) bad('表格数据中有单元格以外的文字 / text outside the cells');
      // Most tags of a sheet are its cells' `<c r="D5" s="3" t="s">`: read straight from their bytes (quickCellTag);
      // every other tag, and a cell tag of any other spelling, in full.
      const quick = buf[lt + 1] === C && buf[lt + 2] === SPACE && quickCellTag(buf, lt, tag);
      if (!quick) readTag(buf, lt, tag);
      i = tag.end + 1;
      if (!quick) {
        if (tag.closing) {
          if (open.length > 0) {
            const [f, t] = open.pop()!;
            if (!sameName(buf, f, t, tag)) bad(`</${buf.toString('latin1', tag.nameFrom, tag.nameTo)}> 与开始标签不配对 / mismatched end tag`);
            continue;
          }
          if (is(buf, tag, 'row')) {
            if (!inRow) bad('多余的 </row> / a stray </row>');
            inRow = false;
            continue;
          }
          if (is(buf, tag, 'sheetData')) {
            if (inRow) bad('<row> 没有结束 / an unclosed <row>');
            end = i;
            break;
          }
          bad(`多余的 </${buf.toString('latin1', tag.nameFrom, tag.nameTo)}> / a stray end tag`);
        }
        if (tag.nameFrom === tag.nameTo) continue; // a comment
        if (is(buf, tag, 'row')) {
          if (inRow || open.length > 0) bad('<row> 写在另一行里面 / a <row> inside another');
          if (++rows > READ_LIMITS.maxSheetRowsHard && check) check.limits.tooManyRows(check.part, buf);
          rowNum = tag.r0 >= 0 ? parseNumber(buf, tag.r0, tag.r1) : rowNum + 1;
          col = 0;
          inRow = !tag.selfClosing;
          continue;
        }
        if (!is(buf, tag, 'c')) {
          if (!tag.selfClosing) open.push([tag.nameFrom, tag.nameTo]);
          continue;
        }
      }
      if (!inRow || open.length > 0) bad('单元格 <c> 不在 <row> 里 / a <c> outside a <row>');
      let row = rowNum;
      if (tag.r0 >= 0) {
        col = colOfRef(buf, tag.r0, tag.r1);
        row = rowOfRef(buf, tag.r0, tag.r1);
      } else col++;
      // Beyond Excel's grid (row 1048577, column XFE): Excel refuses the file, and so does score, naming the cell.
      if ((row > EXCEL_ROWS || col > MAX_COL) && check) check.limits.cellFailure(check.sheet ?? check.part, 'READ_CELL_OUTSIDE_GRID', { cell: tag.r0 >= 0 ? buf.toString('latin1', tag.r0, tag.r1) : `R${row}C${col}` });
      if (tag.selfClosing) continue;
      const before = sink.n;
      i = scanCell(buf, i, tag, sink, row, col, stringCount, dateStyle, check);
      if (sink.n > before && row !== lastUsedRow) {
        lastUsedRow = row;
        if (++usedRows > READ_LIMITS.maxUsedRowsPerSheet && check) check.limits.tooManyUsed(check.sheet ?? check.part, 'rows', usedRows);
        if (sink.n > READ_LIMITS.maxCellsPerSheet && check) check.limits.tooManyUsed(check.sheet ?? check.part, 'cells', sink.n);
      }
    }
  }
  if (check && !endsWithRoot(buf)) bad('工作表没有以 </worksheet> 结束 / the sheet does not end with </worksheet>');
  const mc = findTag(buf, MERGE_CELL, end, tag, 'mergeCells');
  let covered = 0;
  if (mc >= 0) {
    i = tag.end + 1;
    for (;;) {
      const lt = nextLt(buf, i);
      if (lt < 0) break;
      readTag(buf, lt, tag);
      i = tag.end + 1;
      if (tag.closing && is(buf, tag, 'mergeCells')) break;
      if (tag.closing || !is(buf, tag, 'mergeCell')) continue;
      if (tag.r0 < 0) continue;
      // A1 or A1:B2 (with or without $): each end read from its bytes.
      const colon = buf.indexOf(COLON, tag.r0);
      const mid = colon >= 0 && colon < tag.r1 ? colon : tag.r1;
      const r1 = rowOfRef(buf, tag.r0, mid);
      const c1 = colOfRef(buf, tag.r0, mid);
      const r2 = mid < tag.r1 ? rowOfRef(buf, mid + 1, tag.r1) : r1;
      const c2 = mid < tag.r1 ? colOfRef(buf, mid + 1, tag.r1) : c1;
      if (r1 < 1 || c1 < 1 || r2 < 1 || c2 < 1) continue;
      covered += (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
      if (covered > READ_LIMITS.maxMergedCells) {
        if (check) check.limits.tooManyMerged(check.part, buf);
        throw new FastFormatError('merged ranges too large');
      }
      merges.push([r1, c1, Math.max(r1, r2), Math.max(c1, c2)]);
    }
  }
  return { sink, merges };
}

/** One cell's children after its start tag at `from`; stores the value; returns where </c> ends. */
function scanCell(buf: Buffer, from: number, tag: Tag, sink: CellSink, row: number, col: number, stringCount: number, dateStyle: readonly (boolean | number)[], check?: { part: string; sheet?: string; limits: SheetLimits }): number {
  // The type (t) and style (s) of the cell, read before the children move the tag along.
  const t0 = tag.t0;
  const t1 = tag.t1;
  const type = t0 < 0 ? 0x6e /* n */ : t1 - t0 === 1 ? buf[t0]! : buf[t0 + 1] === 0x74 ? 0x74 /* str */ : buf[t0 + 1] === 0x6e ? 0x69 /* inlineStr */ : buf[t0]!;
  const style = tag.s0 >= 0 ? parseNumber(buf, tag.s0, tag.s1) : 0;
  let i = from;
  let v0 = -1;
  let v1 = -1;
  let inline: string | undefined;
  let f0 = -1;
  let f1 = -1;
  let sharedFormula = false;
  for (;;) {
    const lt = nextLt(buf, i);
    if (lt < 0) throw new FastFormatError('unterminated <c>');
    // What Excel and most writers put in a cell, unprefixed and without attributes, is recognised
    // from its bytes: <v>, </v>, <f>, </f>, </c>. Anything else is read as a tag.
    const b1 = buf[lt + 1];
    const b2 = buf[lt + 2];
    let child: number; // V or F for a <v> or <f> with content from `i` on; 0 for anything else
    let shared = false;
    if (b2 === GT && (b1 === V || b1 === F)) {
      child = b1;
      i = lt + 3;
    } else if (b1 === SLASH && buf[lt + 3] === GT && (b2 === V || b2 === F || b2 === C)) {
      i = lt + 4;
      if (b2 === C) break;
      continue;
    } else {
      readTag(buf, lt, tag);
      i = tag.end + 1;
      if (tag.closing) {
        if (is(buf, tag, 'c')) break;
        if (is(buf, tag, 'row') || is(buf, tag, 'sheetData')) malformed(check, `单元格 ${cellAddress(row, col)} 没有结束 / the cell is not closed`);
        continue;
      }
      if (is(buf, tag, 'c') || is(buf, tag, 'row')) malformed(check, `单元格 ${cellAddress(row, col)} 没有结束 / the cell is not closed`);
      if (is(buf, tag, 'is')) {
        if (tag.selfClosing) inline = '';
        else [inline, i] = itemText(buf, i, 'is', tag);
        continue;
      }
      child = is(buf, tag, 'v') ? V : is(buf, tag, 'f') ? F : 0;
      if (child === F) {
        shared = tag.t0 >= 0 && buf.toString('latin1', tag.t0, tag.t1) === 'shared';
        // <f t="shared" si="0"/>: a formula without text, its place is where it would start.
        if (tag.selfClosing) {
          sharedFormula = shared;
          f0 = f1 = i;
          continue;
        }
      }
      if (child === 0 || tag.selfClosing) continue;
    }
    // The text of <v> or <f> runs to the next '<'. Only the place of a formula is kept: its text is
    // decoded only when there is no cached value to show.
    const close = nextLt(buf, i);
    if (close < 0) throw new FastFormatError(child === V ? 'unterminated <v>' : 'unterminated <f>');
    if (buf[close + 1] === BANG) throw new FastFormatError('CDATA or a comment in <v> or <f>');
    if (child === V) {
      v0 = i;
      v1 = close;
    } else {
      sharedFormula = shared;
      f0 = i;
      f1 = close;
    }
    i = close;
  }
  let kind = 0;
  let num = 0;
  /** The style of a number whose format may show another number (display.ts), or -1. */
  let odd = -1;
  if (type === 0x69) {
    // inlineStr
    if (inline !== undefined && inline !== '') {
      kind = Kind.Text;
      num = sink.text(inline);
    }
  } else if (v0 >= 0) {
    switch (type) {
      case 0x73: {
        // s: shared string
        const idx = parseNumber(buf, v0, v1);
        if (!Number.isInteger(idx) || idx < 0 || idx >= stringCount) {
          if (check) check.limits.cellFailure(check.sheet ?? check.part, 'READ_SHARED_STRING_MISSING', { cell: cellAddress(row, col), index: buf.toString('latin1', v0, v1), count: stringCount });
          throw new FastFormatError(`shared string ${idx} out of range`);
        }
        kind = Kind.Shared;
        num = idx;
        break;
      }
      case 0x74: {
        // str: a formula's text result
        const s = text(buf, v0, v1);
        if (s !== '') {
          kind = Kind.Text;
          num = sink.text(s);
        }
        break;
      }
      case 0x62: {
        // b
        const s = buf.toString('latin1', v0, v1);
        kind = Kind.Bool;
        num = s === '1' || s === 'true' ? 1 : 0;
        break;
      }
      case 0x65:
        // e
        kind = Kind.Error;
        num = sink.text(text(buf, v0, v1));
        break;
      case 0x64:
        // d
        kind = Kind.IsoDate;
        num = sink.text(buf.toString('latin1', v0, v1));
        break;
      default: {
        num = parseNumber(buf, v0, v1, true);
        if (Number.isNaN(num)) {
          // Not a number as Excel writes one (0x0A, Infinity): kept as its text, so the field reports it at its cell.
          kind = Kind.Text;
          num = sink.text(text(buf, v0, v1));
        } else {
          const cls = dateStyle[style];
          kind = cls === true || cls === 1 ? Kind.Serial : Kind.Number;
          if (cls === 2) odd = style;
        }
      }
    }
  }
  if (f0 >= 0) {
    const at = sink.add(row, col, (kind || Kind.Empty) | FORMULA | (sharedFormula && f1 === f0 ? SHARED_FORMULA : 0) | (odd >= 0 ? ODD_FORMAT : 0), num);
    if (kind === 0 && f1 > f0) sink.formulas.set(at, text(buf, f0, f1));
    if (odd >= 0) sink.styles.set(at, odd);
  } else if (kind !== 0) {
    const at = sink.add(row, col, kind | (odd >= 0 ? ODD_FORMAT : 0), num);
    if (odd >= 0) sink.styles.set(at, odd);
  }
  return i;
}
