// Row heights from the text, the column width and the font, for both writers (exceljs sheets and
// lean sheets): a wrapped cell gets the lines it needs, so it never prints over the next row.
// Measured against LibreOffice 7.4 with WenQuanYi Zen Hei (the fallback for 宋体/黑体): a CJK
// character is one em wide, Latin letters and digits about half; a line is 1.3 em. A column of
// width w is 7 pt × w in LibreOffice but only 5.25 pt × w in Excel (7 px per unit at 96 dpi):
// lines are counted for the narrower Excel cell, so a row fits in both.

/** Points per column-width unit in Excel (the narrower of Excel and LibreOffice). */
const PT_PER_WIDTH = 5.25;
/** Cell padding left + right, points. */
const PADDING = 4;
/** Line height in em, and the room above and below the lines, points. */
const LINE_EM = 1.3;
const ROW_PAD = 4;
/** Excel's default column width (characters). */
export const DEFAULT_WIDTH = 8.43;
/** The default row height the writers leave alone (points). */
export const DEFAULT_HEIGHT = 15;

/** Whether a UTF-16 code unit is drawn full width (CJK, full-width forms, CJK punctuation, ★). */
function fullWidth(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2460 && c <= 0x27bf) || // circled numbers, ★, ✓, dingbats
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xd800 && c <= 0xdfff) || // astral (emoji, rare ideographs): half per unit, a pair = full
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/** Width of one line of text in em (a CJK character = 1, a Latin letter or digit ≈ 0.6). */
export function textEm(text: string): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) em += c === 0x20 ? 0.33 : c >= 0x41 && c <= 0x5a ? 0.68 : 0.56;
    else if (c >= 0xd800 && c <= 0xdfff) em += 0.5;
    else em += fullWidth(c) ? 1 : 0.6;
  }
  return em;
}

/** Usable width in points of a cell spanning columns of these widths. */
export function cellPoints(widths: readonly (number | undefined)[]): number {
  let w = 0;
  for (const x of widths) w += (x ?? DEFAULT_WIDTH) * PT_PER_WIDTH;
  return Math.max(1, w - PADDING);
}

/**
 * Lines the text takes in a cell `points` wide at `size` pt: each paragraph wraps at the width
 * (CJK text breaks anywhere, so the count is by width, with one spare unit for word breaks).
 */
export function lineCount(text: string, points: number, size: number, bold = false): number {
  const perLine = points / (size * (bold ? 1.05 : 1));
  if (text.indexOf('\n') < 0) {
    const em = textEm(text);
    return em <= perLine ? 1 : Math.ceil(em / Math.max(1, perLine - 0.6));
  }
  let lines = 0;
  for (const para of text.split('\n')) {
    const em = textEm(para);
    lines += em <= perLine ? 1 : Math.ceil(em / Math.max(1, perLine - 0.6));
  }
  return lines;
}

/** Row height in points for `lines` lines at `size` pt. */
export function heightFor(lines: number, size: number): number {
  return Math.ceil((lines * size * LINE_EM + (lines > 1 ? ROW_PAD : 0.5)) * 4) / 4;
}

/** One cell of a row, as the height needs it. */
export interface FitCell {
  text: string;
  /** Usable width, points (cellPoints). */
  points: number;
  size: number;
  bold?: boolean;
  /** Wrapped text grows the row; text that does not wrap stays one line. */
  wrap: boolean;
}

/** The height a row needs (at least `min`), or undefined when one line of every cell fits in `min`. */
export function rowHeight(cells: readonly FitCell[], min = DEFAULT_HEIGHT): number | undefined {
  let need = 0;
  for (const c of cells) {
    if (!c.text) continue;
    const lines = c.wrap ? lineCount(c.text, c.points, c.size, c.bold) : c.text.split('\n').length;
    need = Math.max(need, heightFor(lines, c.size));
  }
  return need > min ? need : undefined;
}

/** Whether one line of `text` fits in a cell `points` wide (for labels that must not be clipped). */
export function fitsOneLine(text: string, points: number, size: number, bold = false): boolean {
  return textEm(text) * size * (bold ? 1.05 : 1) <= points;
}

/** The column width (Excel units) that shows `text` on one line at `size` pt. */
export function widthFor(text: string, size: number, bold = false): number {
  return Math.ceil(((textEm(text) * size * (bold ? 1.05 : 1) + PADDING) / PT_PER_WIDTH) * 4) / 4;
}
