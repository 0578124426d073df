// What a printed page must not show, checked on LibreOffice's PDF with poppler: two words whose
// boxes overlap (wrapped text running into the next row), a page without 「第 N 页，共 M 页」, and
// a cell's text missing from the page (clipped at the cell edge: LibreOffice drops the glyphs
// it clips, so pdftotext does not see them).
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { decodeEntities } from '../../src/excel/fast/scan.js';
import { colNumber } from '../../src/core/a1.js';

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words of every page, from `pdftotext -bbox`. */
export function pdfWords(pdf: string): Word[][] {
  const r = spawnSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`pdftotext -bbox ${pdf}: exit ${r.status}: ${r.stderr}`);
  const pages: Word[][] = [];
  for (const page of r.stdout.split(/<page\b[^>]*>/).slice(1)) {
    const words: Word[] = [];
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decodeEntities(m[5]!) });
    }
    pages.push(words);
  }
  return pages;
}

/**
 * Pairs of words on a page whose boxes overlap: by more than a point across, and by more than a
 * quarter of the lower box's height (the boxes of two lines of one wrapped cell touch, never more).
 */
export function overlaps(words: Word[]): [Word, Word][] {
  const sorted = [...words].sort((a, b) => a.yMin - b.yMin);
  const out: [Word, Word][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.yMin >= a.yMax) break;
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      const h = Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
      if (dx > 1 && dy > h * 0.25) out.push([a, b]);
    }
  }
  return out;
}

/** `pdftotext -raw`: text in the order it was drawn. */
export function rawText(pdf: string): string {
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`pdftotext -raw ${pdf}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const PAGE_NUMBER = /第\s*(\d+)\s*页\s*[，,]\s*共\s*(\d+)\s*页/;

/** The 「第 N 页，共 M 页」 of a page, or undefined. */
export function pageNumber(words: Word[]): { page: number; of: number } | undefined {
  const m = PAGE_NUMBER.exec(words.map((w) => w.text).join(' '));
  return m ? { page: Number(m[1]), of: Number(m[2]) } : undefined;
}

/**
 * Text as compared: NFKC, no white space, no symbols of U+2000–U+2BFF (−, —, ≤, ★: drawn in a
 * fallback font, they come out of pdftotext away from the characters around them).
 */
export function squeeze(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u2000-\u2bff]+/g, '');
}

/** Pieces of a cell's text that must each appear on paper (split at spaces and punctuation). */
export function tokens(text: string): string[] {
  return squeeze(text.replace(/[\s，。；、：:;,（）()【】「」“”"'《》]+/g, ' ').replace(/ +/g, '\u0000'))
    .split('\u0000')
    .filter((t) => t.length > 0);
}

export interface CellText {
  sheet: string;
  cell: string;
  text: string;
}


/** The print area's ranges as row/column bounds (`A$1:H$40`, exceljs's spelling), or undefined: the whole sheet prints. */
function printRanges(area: string | undefined): { top: number; left: number; bottom: number; right: number }[] | undefined {
  if (!area) return undefined;
  const out = [];
  for (const range of area.split(',')) {
    const m = /^(?:[^!]*!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range.trim());
    // An area of another shape (whole columns …): every cell is checked, as without one.
    if (!m) return undefined;
    out.push({ left: colNumber(m[1]!), top: Number(m[2]), right: colNumber(m[3]!), bottom: Number(m[4]) });
  }
  return out;
}

/**
 * Text cells a printout shows: on visible sheets, in visible rows and columns, inside the print area
 * when one is set (formulas and numbers are left out: shown formats differ). A hidden row (the
 * scheme id of a ledger's 说明) or a column beside the print area (a 问题清单's codes) is not printed.
 */
export async function cellTexts(file: string): Promise<CellText[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: CellText[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    const ranges = printRanges(ws.pageSetup.printArea);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        if (row.hidden || ws.getColumn(Number(cell.col)).hidden) return;
        const r = Number(cell.row);
        const c = Number(cell.col);
        if (ranges && !ranges.some((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right)) return;
        const v = cell.value;
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : '';
        if (text.trim()) out.push({ sheet: ws.name, cell: cell.address, text });
      }),
    );
  }
  return out;
}

export interface PrintProblem {
  kind: 'overlap' | 'page-number' | 'clipped';
  detail: string;
}

/** Every print problem of one workbook and its PDF. */
export async function printProblems(xlsx: string, pdf: string): Promise<PrintProblem[]> {
  const pages = pdfWords(pdf);
  const problems: PrintProblem[] = [];
  if (pages.length === 0) problems.push({ kind: 'page-number', detail: 'the PDF has no pages' });
  pages.forEach((words, i) => {
    for (const [a, b] of overlaps(words)) {
      problems.push({ kind: 'overlap', detail: `page ${i + 1}: 「${a.text}」 (${a.xMin.toFixed(1)},${a.yMin.toFixed(1)}–${a.xMax.toFixed(1)},${a.yMax.toFixed(1)}) overlaps 「${b.text}」 (${b.xMin.toFixed(1)},${b.yMin.toFixed(1)}–${b.xMax.toFixed(1)},${b.yMax.toFixed(1)})` });
    }
    if (!pageNumber(words)) problems.push({ kind: 'page-number', detail: `page ${i + 1} of ${pages.length} has no 「第 N 页，共 M 页」` });
  });
  // In content order (-raw), the lines of a wrapped cell follow each other: a token broken at a line end reads whole.
  const printed = squeeze(rawText(pdf));
  for (const c of await cellTexts(xlsx)) {
    const missing = tokens(c.text).filter((t) => !printed.includes(t));
    if (missing.length) problems.push({ kind: 'clipped', detail: `${c.sheet}!${c.cell} 「${c.text.slice(0, 60)}」: not printed: ${missing.slice(0, 5).map((t) => `「${t}」`).join(' ')}` });
  }
  return problems;
}
