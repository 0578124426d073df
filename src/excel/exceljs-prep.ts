// Read step, before the exceljs fallback: parts rewritten so exceljs reads what Excel and the lean
// reader read. CDATA sections become plain text (exceljs drops them: a name read as ""), and a number
// cell whose value is not a number as Excel writes one (0x0A, Infinity) becomes a text cell (exceljs'
// parseFloat read 0x0A as 0), so the field that holds it reports it at its cell, as the lean reader does.
// The locale date formats (zh-CN 27–36, 50–58 …) exceljs has no code for are written into styles.xml.
import { ZH_CN_DATE_CODES } from './display.js';
import { colName, parseA1 } from '../core/a1.js';

/**
 * A number as Excel writes one (an xsd:double without INF/NaN: 12, -0.5, 1.5E-3): not hex (0x0A),
 * not Infinity, not 1_000, which Number() would take.
 */
export const EXCEL_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

const CDATA = Buffer.from('<![CDATA[', 'latin1');
const STYLES = 'xl/styles.xml';
const NUM_FMT_ID = /\bnumFmtId\s*=\s*["'](\d+)["']/g;

/** Locale date ids (27–36, 50–58, 71–81) the styles use without defining them: exceljs has no code for them and reads their dates as numbers. */
function undefinedLocaleDates(xml: string): number[] {
  const used = new Set<number>();
  const defined = new Set<number>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b[^>]*>/g)) {
    const id = /\bnumFmtId\s*=\s*["'](\d+)["']/.exec(m[0]);
    if (id) defined.add(Number(id[1]));
  }
  for (const m of xml.matchAll(NUM_FMT_ID)) {
    const id = Number(m[1]);
    if (ZH_CN_DATE_CODES[id] !== undefined && !defined.has(id)) used.add(id);
  }
  return [...used].sort((a, b) => a - b);
}
const V_OPEN = Buffer.from('<v>', 'latin1');
const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** Bytes a written number may hold: digits, sign, point, exponent, white space. */
function numberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x45 || c === 0x65 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** `xmlns:x="…spreadsheetml/2006/main"`: the part names its elements x:row, x:c …, which exceljs does not follow. */
const PREFIXED_MAIN = new RegExp(`\\sxmlns:([\\w.-]+)\\s*=\\s*["']${MAIN_NS.replace(/[./]/g, '\\$&')}["']`);
/** A <row> or <c> start tag without an r= attribute (Excel may omit it; exceljs then places the cells wrong). */
const NO_REF = /<(?:row|c)\b(?![^>]*\sr\s*=)[^>]*>/;

/** Whether a part must be rewritten for exceljs (one pass of indexOf over its bytes). */
export function needsRewrite(name: string, bytes: Buffer): boolean {
  if (bytes.includes(CDATA)) return true;
  if (name.endsWith('.xml') && PREFIXED_MAIN.test(bytes.toString('latin1', 0, Math.min(bytes.length, 4096)))) return true;
  if (SHEET.test(name) && NO_REF.test(bytes.toString('utf8'))) return true;
  if (name === STYLES) return undefinedLocaleDates(bytes.toString('utf8')).length > 0;
  if (!SHEET.test(name)) return false;
  for (let i = bytes.indexOf(V_OPEN); i >= 0; i = bytes.indexOf(V_OPEN, i + 3)) {
    for (let k = i + 3; k < bytes.length && bytes[k] !== 0x3c; k++) if (!numberByte(bytes[k]!)) return true;
  }
  return false;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const CELL_WITH_VALUE = /<c\b([^>]*?)>(\s*)<v>([^<]*)<\/v>(\s*)<\/c>/g;
const TYPE_ATTR = /\st\s*=\s*["']([^"']*)["']/;

/** styles.xml with the zh-CN codes of the locale date ids it uses written out (as a zh-CN Excel shows them), so exceljs reads those cells as dates. */
function defineLocaleDates(xml: string): string {
  const ids = undefinedLocaleDates(xml);
  if (ids.length === 0) return xml;
  const fmts = ids.map((id) => `<numFmt numFmtId="${id}" formatCode="${ZH_CN_DATE_CODES[id]!.replace(/"/g, '&quot;')}"/>`).join('');
  const open = /<((?:[\w.-]+:)?)numFmts\b([^>]*?)(\/?)>/.exec(xml);
  if (open) {
    const p = open[1]!;
    const attrs = open[2]!.replace(/\scount\s*=\s*["']\d+["']/, '');
    const tag = `<${p}numFmts${attrs}>`;
    return open[3] ? xml.replace(open[0], `${tag}${fmts}</${p}numFmts>`) : xml.replace(open[0], `${tag}${fmts}`);
  }
  const styleSheet = /<((?:[\w.-]+:)?)styleSheet\b[^>]*>/.exec(xml);
  if (!styleSheet) return xml;
  return xml.replace(styleSheet[0], `${styleSheet[0]}<${styleSheet[1]}numFmts>${fmts}</${styleSheet[1]}numFmts>`);
}

/** The part with its spreadsheetml prefix (x:row …) dropped, the namespace made the default one, as the lean reader reads it. */
function unprefixed(xml: string): string {
  const m = PREFIXED_MAIN.exec(xml.slice(0, 4096));
  if (!m) return xml;
  const p = m[1]!.replace(/[.-]/g, '\\$&');
  return xml
    .replace(new RegExp(`\\sxmlns:${p}\\s*=\\s*(["'])${MAIN_NS.replace(/[./]/g, '\\$&')}\\1`), ` xmlns="${MAIN_NS}"`)
    .replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1');
}

/** Rows and cells without r= given theirs (the row after the previous one, the column after the previous cell), as Excel and the lean reader place them. */
function withRefs(xml: string): string {
  let row = 0;
  let col = 0;
  return xml.replace(/<(row|c)\b([^>]*)>/g, (tag, name: string, attrs: string) => {
    const ref = /\sr\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
    if (name === 'row') {
      row = ref !== undefined ? Number(ref) : row + 1;
      col = 0;
      return ref !== undefined ? tag : `<row r="${row}"${attrs}>`;
    }
    if (ref !== undefined) {
      const at = /^\$?[A-Z]+\$?\d+$/.test(ref) ? parseA1(ref) : undefined;
      if (at) col = at.col;
      return tag;
    }
    col++;
    return `<c r="${colName(col)}${row}"${attrs}>`;
  });
}

/** The part's XML with CDATA as text and non-numbers in number cells as inline strings. */
export function rewritePart(name: string, xml: string): string {
  let out = xml.includes('<![CDATA[') ? xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeXml(text)) : xml;
  out = unprefixed(out);
  if (name === STYLES) out = defineLocaleDates(out);
  if (SHEET.test(name) && NO_REF.test(out)) out = withRefs(out);
  if (SHEET.test(name)) {
    out = out.replace(CELL_WITH_VALUE, (m, attrs: string, _a: string, v: string) => {
      const type = TYPE_ATTR.exec(attrs)?.[1];
      if ((type !== undefined && type !== 'n') || EXCEL_NUMBER.test(v) || attrs.endsWith('/')) return m;
      return `<c${attrs.replace(TYPE_ATTR, '')} t="inlineStr"><is><t>${v}</t></is></c>`;
    });
  }
  return out;
}
