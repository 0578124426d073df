// Native Excel charts for the lean writer: a DrawingML chart part (ECMA-376 Part 1, 21.2,
// `c:chartSpace`) per chart, anchored on its sheet by a drawing part. exceljs cannot write charts.
// Each series refers to the cells that hold its numbers and carries a cache of them, so Excel,
// WPS and LibreOffice draw it without recalculating.
import { escapeXml } from './xml.js';
import { colName } from '../../core/a1.js';

export interface ChartSeries {
  /** Legend text. */
  name: string;
  /** The cell range holding the values, e.g. `'图表'!$C$4:$C$9`. */
  ref: string;
  values: readonly (number | null)[];
  /** Fill or line colour, RRGGBB. */
  color?: string;
  /** Drawn as a line over the bars (e.g. the 20 % cap). */
  line?: boolean;
}

export interface ChartSpec {
  title: string;
  /** Columns (vertical bars), bars (horizontal) or lines. */
  kind: 'column' | 'bar' | 'line';
  stacked?: boolean;
  /** Range and text of the category labels (x axis). */
  categoriesRef: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  xTitle?: string;
  yTitle?: string;
  /** Value axis number format, e.g. `0%`. */
  valueFormat?: string;
  valueMin?: number;
  valueMax?: number;
  /** Where the chart sits: 0-based top-left cell and size in cells. */
  anchor: { col: number; row: number; cols: number; rows: number };
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const FONT = '<a:latin typeface="宋体"/><a:ea typeface="宋体"/>';
const CAT_AXIS = 500001;
const VAL_AXIS = 500002;

export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
export const CHART_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';

/** Rich text of a title (chart or axis), bold at `size` hundredths of a point. */
function richTitle(text: string, size: number): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1">${FONT}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="${size}" b="1">${FONT}</a:rPr><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title>'
  );
}

/** Axis and legend text properties: Chinese labels in 宋体. */
function textProps(size: number): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}">${FONT}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
}

function strCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: readonly (number | null)[], format: string): string {
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function fill(color: string | undefined, line: boolean, dashed: boolean): string {
  if (!color) return '';
  return line
    ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${dashed ? '<a:prstDash val="dash"/>' : ''}</a:ln></c:spPr>`
    : `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
}

/** One `c:ser`, in the element order of CT_BarSer / CT_LineSer. */
function seriesXml(spec: ChartSpec, s: ChartSeries, index: number, asLine: boolean): string {
  const format = spec.valueFormat ?? 'General';
  const tx = `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
  const cat = `<c:cat><c:strRef><c:f>${escapeXml(spec.categoriesRef)}</c:f>${strCache(spec.categories)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${escapeXml(s.ref)}</c:f>${numCache(s.values, format)}</c:numRef></c:val>`;
  const head = `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${tx}${fill(s.color, asLine, s.line === true)}`;
  if (asLine) return `${head}<c:marker><c:symbol val="${s.line ? 'none' : 'circle'}"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
  return `${head}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
}

const axisIds = `<c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/>`;

/** The chart part's XML. */
export function chartXml(spec: ChartSpec): string {
  const bars = spec.kind === 'line' ? [] : spec.series.filter((s) => !s.line);
  const lines = spec.kind === 'line' ? spec.series : spec.series.filter((s) => s.line);
  let index = 0;
  let plot = '<c:layout/>';
  if (bars.length) {
    const grouping = spec.stacked ? 'stacked' : 'clustered';
    plot +=
      `<c:barChart><c:barDir val="${spec.kind === 'bar' ? 'bar' : 'col'}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>` +
      bars.map((s) => seriesXml(spec, s, index++, false)).join('') +
      `<c:gapWidth val="60"/>${spec.stacked ? '<c:overlap val="100"/>' : ''}${axisIds}</c:barChart>`;
  }
  if (lines.length) {
    plot +=
      '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
      lines.map((s) => seriesXml(spec, s, index++, true)).join('') +
      `<c:marker val="1"/>${axisIds}</c:lineChart>`;
  }
  const horizontal = spec.kind === 'bar';
  const scaling =
    '<c:scaling><c:orientation val="minMax"/>' +
    (spec.valueMax !== undefined ? `<c:max val="${spec.valueMax}"/>` : '') +
    (spec.valueMin !== undefined ? `<c:min val="${spec.valueMin}"/>` : '') +
    '</c:scaling>';
  plot +=
    `<c:catAx><c:axId val="${CAT_AXIS}"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/>${spec.xTitle ? richTitle(spec.xTitle, 1000) : ''}` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `${textProps(900)}<c:crossAx val="${VAL_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AXIS}"/>${scaling}<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/>` +
    `${spec.yTitle ? richTitle(spec.yTitle, 1000) : ''}<c:numFmt formatCode="${escapeXml(spec.valueFormat ?? 'General')}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProps(900)}` +
    `<c:crossAx val="${CAT_AXIS}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `${HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:lang val="zh-CN"/><c:roundedCorners val="0"/>' +
    `<c:chart>${richTitle(spec.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea>${plot}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(900)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    '</c:chartSpace>'
  );
}

/** The drawing part of a sheet: one anchored frame per chart, chart i related as rId{i+1}. */
export function drawingXml(charts: readonly ChartSpec[]): string {
  const anchors = charts.map((c, i) => {
    const a = c.anchor;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from><xdr:col>${a.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${a.col + a.cols}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row + a.rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="图表 ${i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`;
}

/** A relationships part. */
export function relsXml(rels: readonly { type: string; target: string }[]): string {
  return (
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('') +
    '</Relationships>'
  );
}

/** `'图表'!$C$4:$C$9` for a column's rows on a sheet (1-based). */
export function columnRef(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const c = colName(col);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${firstRow}:$${c}$${lastRow}`;
}
