// Cell styles of the lean writer: fonts, fills, thin borders, number formats and alignment,
// each registered once and referred to by its cellXfs index.
import { escapeXml } from './xml.js';

export interface Font {
  name: string;
  size: number;
  bold?: boolean;
}

export interface CellStyle {
  font?: Font;
  /** Thin black border on all four sides. */
  border?: boolean;
  /** Solid fill colour, ARGB (`FFF2F2F2`). */
  fill?: string;
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
}

/** Formats Excel knows by id; anything else gets an id from 164 up. */
const BUILTIN_FMT: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';
const THIN = '<color rgb="FF000000"/>';

/** The styles part; ids are stable once given, and the set is frozen when the book is saved. */
export class Styles {
  private readonly fonts = new Map<string, number>([[DEFAULT_FONT, 0]]);
  private readonly fills = new Map<string, number>([
    ['<fill><patternFill patternType="none"/></fill>', 0],
    ['<fill><patternFill patternType="gray125"/></fill>', 1],
  ]);
  private readonly borders = new Map<string, number>([['<border><left/><right/><top/><bottom/><diagonal/></border>', 0]]);
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Map<string, number>([['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', 0]]);
  private frozen = false;

  private static add(map: Map<string, number>, xml: string): number {
    let id = map.get(xml);
    if (id === undefined) {
      id = map.size;
      map.set(xml, id);
    }
    return id;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FMT[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** Ids by the style's fields: each sheet of a county asks again for the same few styles. */
  private readonly known = new Map<string, number>();

  /** The cellXfs index of a style (0 is the default style). */
  id(s: CellStyle): number {
    const f = s.font;
    const key = `${f ? `${f.name}\u0001${f.size}\u0001${f.bold === true}` : ''}\u0001${s.border === true}\u0001${s.fill ?? ''}\u0001${s.numFmt ?? ''}\u0001${s.horizontal ?? ''}\u0001${s.vertical ?? ''}\u0001${s.wrap === true}`;
    let id = this.known.get(key);
    if (id === undefined) {
      id = this.register(s);
      this.known.set(key, id);
    }
    return id;
  }

  private register(s: CellStyle): number {
    const fontId = s.font ? Styles.add(this.fonts, `<font>${s.font.bold ? '<b/>' : ''}<sz val="${s.font.size}"/><name val="${escapeXml(s.font.name)}"/></font>`) : 0;
    const fillId = s.fill ? Styles.add(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(s.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const borderId = s.border ? Styles.add(this.borders, `<border><left style="thin">${THIN}</left><right style="thin">${THIN}</right><top style="thin">${THIN}</top><bottom style="thin">${THIN}</bottom><diagonal/></border>`) : 0;
    const numFmtId = s.numFmt ? this.numFmtId(s.numFmt) : 0;
    let align = '';
    if (s.horizontal || s.vertical || s.wrap) {
      const v = s.vertical === 'middle' ? 'center' : s.vertical;
      align = `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ''}${v ? ` vertical="${v}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>`;
    }
    const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${align ? `>${align}</xf>` : '/>'}`;
    const known = this.xfs.get(xf);
    if (known !== undefined) return known;
    if (this.frozen) throw new Error('lean xlsx: a new cell style after the styles were written');
    return Styles.add(this.xfs, xf);
  }

  /** No new styles from now on (the styles part is being written). */
  freeze(): void {
    this.frozen = true;
  }

  xml(): string {
    const list = (tag: string, map: Map<string, number>): string => `<${tag} count="${map.size}">${[...map.keys()].join('')}</${tag}>`;
    const fmts = this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${[...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>` : '';
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      fmts +
      list('fonts', this.fonts) +
      list('fills', this.fills) +
      list('borders', this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
