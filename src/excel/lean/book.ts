// The lean workbook model: sheets whose rows are produced when the book is saved (so a big sheet
// never exists as objects, only as XML chunks on their way into the zip), and the XML of every part.
import { Styles, type CellStyle } from './styles.js';
import { cellText, cleanSheetName, escapeXml } from './xml.js';
import { colName } from '../../core/a1.js';
import type { ChunkPool } from './zip.js';
import { CHART_CONTENT_TYPE, CHART_REL, DRAWING_CONTENT_TYPE, DRAWING_REL, chartXml, drawingXml, relsXml, type ChartSpec } from './chart.js';

export type Value = string | number | boolean | null | undefined;

export interface Row {
  /** 1-based row number; default the row after the previous one. Rows must ascend. */
  r?: number;
  cells: readonly Value[];
  /** Style id for every cell, or one per cell (0 or missing: default style). */
  style?: number | readonly (number | undefined)[];
  /** Row height in points. */
  height?: number;
  /** Column of the first cell (1-based, default 1). */
  firstCol?: number;
}

export interface PageSetup {
  orientation?: 'portrait' | 'landscape';
  /** A4 (9) by default. */
  paperSize?: number;
  /** Fit to one page wide, as many pages tall as needed (default true). */
  fitToWidth?: boolean;
  horizontalCentered?: boolean;
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

type RowSource = Iterable<Row> | (() => Iterable<Row>);

export class Sheet {
  /** Column widths by 1-based column (index 0 unused). */
  readonly widths: (number | undefined)[] = [];
  /** Rows 1..n frozen above the scrolling part (0: none). */
  frozenRows = 0;
  /** Rows 1..n repeated on every printed page (0: none). */
  printTitleRows = 0;
  page: PageSetup | undefined;
  /** Footer text with Excel's codes (&P page, &N pages), printed on every page when the sheet has a page setup. */
  footer: string | undefined;
  /** Merged ranges, `A1:L1`. */
  readonly merges: string[] = [];
  /** `A1:L39`, when the writer knows the used range up front. */
  dimension: string | undefined;
  /** Native charts drawn on the sheet (src/excel/lean/chart.ts). */
  readonly charts: ChartSpec[] = [];
  /** Manual page breaks: a new printed page starts after each of these rows. */
  readonly rowBreaks: number[] = [];
  private readonly sources: RowSource[] = [];
  /**
   * Lays the sheet out when it is about to be written (Book.addLazySheet): a county's branch sheets
   * are made one at a time from the branch expanded for them, and dropped once written.
   */
  private layout: ((sheet: Sheet) => void) | undefined;

  constructor(readonly name: string, layout?: (sheet: Sheet) => void) {
    this.layout = layout;
  }

  /** Runs the lazy layout, if any (once). */
  prepare(): void {
    const layout = this.layout;
    this.layout = undefined;
    layout?.(this);
  }

  /** Drops the rows once written (what they refer to, a branch's members, can be collected). */
  release(): void {
    this.sources.length = 0;
    this.merges.length = 0;
  }

  /** Sets the width of 1-based column `col`. */
  width(col: number, width: number | undefined): this {
    this.widths[col] = width;
    return this;
  }

  merge(ref: string): this {
    this.merges.push(ref);
    return this;
  }

  /** Appends one row. */
  row(row: Row): this {
    this.sources.push([row]);
    return this;
  }

  /** Appends rows produced lazily, when the book is saved (a function is called then; an iterable is iterated then). */
  rows(source: RowSource): this {
    this.sources.push(source);
    return this;
  }

  /**
   * The worksheet XML in UTF-8 chunks of about `chunk` bytes (the rows are produced as it goes).
   * Rows are written straight into the chunk's buffer: no long string is ever built (a county's
   * summary would otherwise leave megabytes of flattened strings for the old generation to collect).
   * With a shared-strings table, text cells refer to it; without, text is written inline.
   */
  *xml(strings?: SharedStrings, pool?: ChunkPool): Generator<string | Buffer> {
    const chunk = pool?.size ?? 1 << 18;
    const fresh = (): Buffer => (pool ? pool.get() : Buffer.allocUnsafe(chunk));
    let out =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
    const fit = this.page && this.page.fitToWidth !== false;
    if (fit) out += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
    if (this.dimension) out += `<dimension ref="${this.dimension}"/>`;
    if (this.frozenRows > 0) {
      const top = `A${this.frozenRows + 1}`;
      out += `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${this.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`;
    } else {
      out += '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    }
    out += '<sheetFormatPr defaultRowHeight="15"/>';
    const cols: string[] = [];
    for (let c = 1; c < this.widths.length; c++) {
      const w = this.widths[c];
      if (w === undefined || !Number.isFinite(w) || w < 0) continue;
      let end = c;
      while (end + 1 < this.widths.length && this.widths[end + 1] === w) end++;
      cols.push(`<col min="${c}" max="${end}" width="${w}" customWidth="1"/>`);
      c = end;
    }
    if (cols.length) out += `<cols>${cols.join('')}</cols>`;
    out += '<sheetData>';
    let buf = fresh();
    let used = 0;
    // The head, the rows and the tail go into the same chunk when they fit: a small sheet (a
    // branch's, of a county's thousands) is one buffer, deflated without being copied.
    if (out.length * 3 > chunk) yield out;
    else used = buf.write(out, 0, 'utf8');
    out = '';
    let last = 0;
    for (const source of this.sources) {
      for (const row of typeof source === 'function' ? source() : source) {
        const r = row.r ?? last + 1;
        if (!Number.isInteger(r) || r <= last || r > 1_048_576) throw new Error(`lean xlsx: sheet ${this.name}: row ${r} after row ${last}`);
        last = r;
        const xml = rowXml(r, row, strings);
        // At most 3 bytes a UTF-16 unit: a row that might not fit starts the next chunk.
        if (used > 0 && used + xml.length * 3 > chunk) {
          yield buf.subarray(0, used);
          buf = fresh();
          used = 0;
        }
        if (xml.length * 3 > chunk) yield Buffer.from(xml, 'utf8');
        else used += buf.write(xml, used, 'utf8');
      }
    }
    out += '</sheetData>';
    if (this.merges.length) out += `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
    if (this.page) {
      const p = this.page;
      const m = p.margins ?? { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
      if (p.horizontalCentered) out += '<printOptions horizontalCentered="1"/>';
      out += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
      out += `<pageSetup paperSize="${p.paperSize ?? 9}" orientation="${p.orientation ?? 'portrait'}"${fit ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`;
      // CT_Worksheet: headerFooter follows pageSetup (ECMA-376 Part 1, 18.3.1.99).
      if (this.footer) out += `<headerFooter><oddFooter>${escapeXml(this.footer)}</oddFooter></headerFooter>`;
    }
    if (this.rowBreaks.length) {
      out += `<rowBreaks count="${this.rowBreaks.length}" manualBreakCount="${this.rowBreaks.length}">${this.rowBreaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>`;
    }
    // CT_Worksheet: drawing follows the page setup and breaks; the sheet's only relationship is its drawing.
    if (this.charts.length) out += '<drawing r:id="rId1"/>';
    out += '</worksheet>';
    if (used + out.length * 3 <= chunk) {
      used += buf.write(out, used, 'utf8');
      yield buf.subarray(0, used);
      return;
    }
    if (used > 0) yield buf.subarray(0, used);
    else pool?.release(buf);
    yield out;
  }
}

/** The shared-strings table: each distinct text once, cells refer to it by index. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  /** References, for the `count` attribute. */
  count = 0;

  id(text: string): number {
    this.count++;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.index.size;
      this.index.set(text, id);
    }
    return id;
  }

  get size(): number {
    return this.index.size;
  }

  /** The sharedStrings part in chunks. */
  *xml(chunk = 1 << 18): Generator<string> {
    let out = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.index.size}">`;
    for (const text of this.index.keys()) {
      out += `<si>${textElement(text)}</si>`;
      if (out.length >= chunk) {
        yield out;
        out = '';
      }
    }
    yield `${out}</sst>`;
  }
}

/** `<t>` with the escaped text, keeping leading/trailing spaces and line breaks. */
function textElement(text: string): string {
  const x = escapeXml(text);
  const keep = x.charCodeAt(0) <= 32 || x.charCodeAt(x.length - 1) <= 32 || x.indexOf('\n') >= 0;
  return keep ? `<t xml:space="preserve">${x}</t>` : `<t>${x}</t>`;
}

/** `<c r="B` by column, and ` s="7"` by style id: the pieces every cell repeats, made once. */
const CELL_OPEN: string[] = [];
const STYLE_ATTR: string[] = [''];

function cellOpen(col: number): string {
  return (CELL_OPEN[col] ??= `<c r="${colName(col)}`);
}

function styleAttr(s: number): string {
  return (STYLE_ATTR[s] ??= ` s="${s}"`);
}

function rowXml(r: number, row: Row, strings: SharedStrings | undefined): string {
  const height = row.height !== undefined && Number.isFinite(row.height) && row.height > 0 ? ` ht="${row.height}" customHeight="1"` : '';
  let out = `<row r="${r}"${height}>`;
  const first = row.firstCol ?? 1;
  const cells = row.cells;
  const style = row.style;
  const one = typeof style === 'number' ? style : 0;
  for (let i = 0; i < cells.length; i++) {
    const s = typeof style === 'object' ? (style[i] ?? 0) : one;
    const v = cells[i];
    const ref = cellOpen(first + i) + r;
    const sa = s ? styleAttr(s) : '';
    if (typeof v === 'number') {
      if (Number.isFinite(v)) out += `${ref}"${sa}><v>${v}</v></c>`;
      else if (s) out += `${ref}"${sa}/>`;
    } else if (typeof v === 'string' && v !== '') {
      const text = cellText(v);
      if (strings) out += `${ref}"${sa} t="s"><v>${strings.id(text)}</v></c>`;
      else out += `${ref}"${sa} t="inlineStr"><is>${textElement(text)}</is></c>`;
    } else if (typeof v === 'boolean') {
      out += `${ref}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
    } else if (s) {
      out += `${ref}"${sa}/>`;
    }
  }
  return `${out}</row>`;
}

/** A workbook for the lean writer: sheets, and the styles their cells use. */
export class Book {
  readonly styles = new Styles();
  readonly sheets: Sheet[] = [];
  creator = 'score';
  /** The 备注 (dc:description) property: score's stamp (src/batch/stamp.ts). */
  description: string | undefined;
  /** The created/modified time written (default: when it is saved). */
  date: Date | undefined;
  /** Text cells through a shared-strings table (written after the sheets) rather than inline. */
  sharedStrings = true;

  /** A new sheet; the name is made valid (Excel's rules) and unique (case-insensitively) if needed. */
  addSheet(name: string): Sheet {
    return this.addLazySheet(name);
  }

  /**
   * A new sheet named now and laid out by `layout` only when the book is saved, right before its XML
   * is written (sheets are written in order, so a layout may use what earlier sheets' layouts left).
   */
  addLazySheet(name: string, layout?: (sheet: Sheet) => void): Sheet {
    const base = cleanSheetName(name);
    let unique = base;
    for (let n = 2; this.taken.has(unique.toLowerCase()); n++) {
      const suffix = `(${n})`;
      unique = `${base.slice(0, 31 - suffix.length).replace(/[\ud800-\udbff]$/, '')}${suffix}`;
    }
    const sheet = new Sheet(unique, layout);
    this.sheets.push(sheet);
    this.taken.add(unique.toLowerCase());
    return sheet;
  }

  /** The sheet names in use, lowercased (a county's 评定结果 has thousands of sheets: no list scans). */
  private readonly taken = new Set<string>();

  /** Whether a sheet of this name (compared case-insensitively, as Excel does) exists. */
  hasSheetName(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  getSheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** A style id for cells of this book. */
  style(s: CellStyle): number {
    return this.styles.id(s);
  }

  /** The package parts other than the sheets and styles, in writing order. */
  parts(date = this.date ?? new Date()): { name: string; xml: string }[] {
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const n = this.sheets.length;
    const sheetIds = this.sheets.map((_, i) => i + 1);
    const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;
    const drawn = this.drawingParts();
    const defined = this.sheets
      .map((s, i) => (s.printTitleRows > 0 ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoted(s.name)}!$1:$${s.printTitleRows}`)}</definedName>` : ''))
      .join('');
    return [
      {
        name: '[Content_Types].xml',
        xml:
          head +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          (this.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
          sheetIds.map((id) => `<Override PartName="/xl/worksheets/sheet${id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
          drawn.types.map((t) => `<Override PartName="/${t.name}" ContentType="${t.type}"/>`).join('') +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
          '</Types>',
      },
      {
        name: '_rels/.rels',
        xml:
          head +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
          '</Relationships>',
      },
      {
        name: 'docProps/app.xml',
        xml:
          head +
          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
          `<Application>score</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
          `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${this.sheets.map((s) => `<vt:lpstr>${escapeXml(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
          '</Properties>',
      },
      {
        name: 'docProps/core.xml',
        xml:
          head +
          '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          `<dc:creator>${escapeXml(this.creator)}</dc:creator>` +
          (this.description ? `<dc:description>${escapeXml(this.description)}</dc:description>` : '') +
          `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
          '</cp:coreProperties>',
      },
      {
        name: 'xl/workbook.xml',
        xml:
          head +
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<workbookPr/><bookViews><workbookView/></bookViews>' +
          `<sheets>${this.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
          (defined ? `<definedNames>${defined}</definedNames>` : '') +
          '<calcPr calcId="191029"/>' +
          '</workbook>',
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        xml:
          head +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          sheetIds.map((id) => `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${id}.xml"/>`).join('') +
          `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
          (this.sharedStrings ? `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : '') +
          '</Relationships>',
      },
      ...drawn.parts,
    ];
  }

  /** The drawing, chart and sheet-relationship parts of the sheets that carry charts. */
  private drawingParts(): { parts: { name: string; xml: string }[]; types: { name: string; type: string }[] } {
    const parts: { name: string; xml: string }[] = [];
    const types: { name: string; type: string }[] = [];
    let drawing = 0;
    let chart = 0;
    this.sheets.forEach((sheet, i) => {
      if (!sheet.charts.length) return;
      drawing++;
      const drawingName = `xl/drawings/drawing${drawing}.xml`;
      parts.push({ name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`, xml: relsXml([{ type: DRAWING_REL, target: `../drawings/drawing${drawing}.xml` }]) });
      parts.push({ name: drawingName, xml: drawingXml(sheet.charts) });
      types.push({ name: drawingName, type: DRAWING_CONTENT_TYPE });
      const targets: { type: string; target: string }[] = [];
      for (const spec of sheet.charts) {
        chart++;
        const chartName = `xl/charts/chart${chart}.xml`;
        parts.push({ name: chartName, xml: chartXml(spec) });
        types.push({ name: chartName, type: CHART_CONTENT_TYPE });
        targets.push({ type: CHART_REL, target: `../charts/chart${chart}.xml` });
      }
      parts.push({ name: `xl/drawings/_rels/drawing${drawing}.xml.rels`, xml: relsXml(targets) });
    });
    return { parts, types };
  }
}
