// Read step, before the exceljs fallback: parts rewritten so exceljs reads what Excel and the lean
// reader read. CDATA sections become plain text (exceljs drops them: a name read as ""), and a number
// cell whose value is not a number as Excel writes one (0x0A, Infinity) becomes a text cell (exceljs'
// parseFloat read 0x0A as 0), so the field that holds it reports it at its cell, as the lean reader does.

/**
 * A number as Excel writes one (an xsd:double without INF/NaN: 12, -0.5, 1.5E-3): not hex (0x0A),
 * not Infinity, not 1_000, which Number() would take.
 */
export const EXCEL_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

const CDATA = Buffer.from('<![CDATA[', 'latin1');
const V_OPEN = Buffer.from('<v>', 'latin1');
const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** Bytes a written number may hold: digits, sign, point, exponent, white space. */
function numberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x45 || c === 0x65 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Whether a part must be rewritten for exceljs (one pass of indexOf over its bytes). */
export function needsRewrite(name: string, bytes: Buffer): boolean {
  if (bytes.includes(CDATA)) return true;
  if (!SHEET.test(name)) return false;
  for (let i = bytes.indexOf(V_OPEN); i >= 0; i = bytes.indexOf(V_OPEN, i + 3)) {
    for (let k = i + 3; k < bytes.length && bytes[k] !== 0x3c; k++) if (!numberByte(bytes[k]!)) return true;
  }
  return false;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const CELL_WITH_VALUE = /<c\b([^>]*?)>(\s*)<v>([^<]*)<\/v>(\s*)<\/c>/g;
const TYPE_ATTR = /\st\s*=\s*["']([^"']*)["']/;

/** The part's XML with CDATA as text and non-numbers in number cells as inline strings. */
export function rewritePart(name: string, xml: string): string {
  let out = xml.includes('<![CDATA[') ? xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeXml(text)) : xml;
  if (SHEET.test(name)) {
    out = out.replace(CELL_WITH_VALUE, (m, attrs: string, _a: string, v: string) => {
      const type = TYPE_ATTR.exec(attrs)?.[1];
      if ((type !== undefined && type !== 'n') || EXCEL_NUMBER.test(v) || attrs.endsWith('/')) return m;
      return `<c${attrs.replace(TYPE_ATTR, '')} t="inlineStr"><is><t>${v}</t></is></c>`;
    });
  }
  return out;
}
