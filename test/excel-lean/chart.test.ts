// Native charts of the lean writer (issue 22): the chart part follows the element order of the
// ECMA-376 chart schema (the sequences below are copied from dml-chart.xsd for every element we
// write), the package relates sheet → drawing → chart, and 评定结果 carries a 图表 sheet whose
// charts refer to its own data cells.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/excel/lean/book.js';
import { chartXml, columnRef, type ChartSpec } from '../../src/excel/lean/chart.js';
import { writeBook } from '../../src/excel/lean/save.js';
import { distribution } from '../../src/excel/write/charts.js';
import { loadBuiltinScheme } from '../../src/scheme/load.js';
import { unzip } from '../libreoffice/support.js';
import { tmp } from '../helpers/cli.js';

/** Child sequences of the complex types we write (ECMA-376 Part 1, dml-chart.xsd), in schema order. */
const SEQUENCES: Record<string, string[]> = {
  'c:chartSpace': ['c:date1904', 'c:lang', 'c:roundedCorners', 'c:style', 'c:clrMapOvr', 'c:pivotSource', 'c:protection', 'c:chart', 'c:spPr', 'c:txPr', 'c:externalData', 'c:printSettings', 'c:userShapes'],
  'c:chart': ['c:title', 'c:autoTitleDeleted', 'c:pivotFmts', 'c:view3D', 'c:floor', 'c:sideWall', 'c:backWall', 'c:plotArea', 'c:legend', 'c:plotVisOnly', 'c:dispBlanksAs'],
  'c:title': ['c:tx', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr'],
  'c:plotArea': ['c:layout', 'c:barChart', 'c:lineChart', 'c:catAx', 'c:valAx', 'c:dTable', 'c:spPr'],
  'c:barChart': ['c:barDir', 'c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:gapWidth', 'c:overlap', 'c:serLines', 'c:axId'],
  'c:lineChart': ['c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:dropLines', 'c:hiLowLines', 'c:upDownBars', 'c:marker', 'c:smooth', 'c:axId'],
  'c:catAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:auto', 'c:lblAlgn', 'c:lblOffset', 'c:noMultiLvlLbl'],
  'c:valAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:crossBetween', 'c:majorUnit'],
  'c:scaling': ['c:logBase', 'c:orientation', 'c:max', 'c:min'],
  'c:legend': ['c:legendPos', 'c:legendEntry', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr'],
  'c:numRef': ['c:f', 'c:numCache'],
  'c:strRef': ['c:f', 'c:strCache'],
  'c:numCache': ['c:formatCode', 'c:ptCount', 'c:pt'],
  'c:strCache': ['c:ptCount', 'c:pt'],
};
/** CT_BarSer and CT_LineSer differ, so c:ser is checked by its parent. */
const SER: Record<string, string[]> = {
  'c:barChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:invertIfNegative', 'c:pictureOptions', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:shape'],
  'c:lineChart': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:smooth'],
};
const REQUIRED: Record<string, string[]> = {
  'c:chartSpace': ['c:chart'],
  'c:chart': ['c:plotArea'],
  'c:barChart': ['c:barDir', 'c:axId'],
  'c:catAx': ['c:axId', 'c:scaling', 'c:axPos', 'c:crossAx'],
  'c:valAx': ['c:axId', 'c:scaling', 'c:axPos', 'c:crossAx'],
};

interface Node {
  name: string;
  children: Node[];
}

/** A small XML tree of element names (enough for order checks; text and attributes are skipped). */
function tree(xml: string): Node {
  const root: Node = { name: '#root', children: [] };
  const stack = [root];
  for (const m of xml.replace(/<\?xml[^>]*>/, '').matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (close) {
      expect(stack.pop()!.name, `closing ${name}`).toBe(name);
      continue;
    }
    const node = { name: name!, children: [] };
    stack[stack.length - 1]!.children.push(node);
    if (!self) stack.push(node);
  }
  expect(stack).toHaveLength(1);
  return root.children[0]!;
}

/** Every element we know the sequence of lists its children in that order; returns what it checked. */
function checkOrder(node: Node, parent?: Node): number {
  let checked = 0;
  const seq = node.name === 'c:ser' ? SER[parent!.name] : SEQUENCES[node.name];
  if (seq) {
    const names = node.children.map((c) => c.name);
    const positions = names.map((n) => seq.indexOf(n));
    expect(positions, `${node.name}: ${names.join(' ')}`).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b), `${node.name}: ${names.join(' ')}`).toEqual(positions);
    for (const r of REQUIRED[node.name] ?? []) expect(names, `${node.name} needs ${r}`).toContain(r);
    checked++;
  }
  for (const c of node.children) checked += checkOrder(c, node);
  return checked;
}

const spec: ChartSpec = {
  title: '各支部优秀占比与名额上限',
  kind: 'column',
  categoriesRef: columnRef('图表', 1, 4, 5),
  categories: ['第一支部', '第二支部'],
  series: [
    { name: '优秀占比', ref: columnRef('图表', 2, 4, 5), values: [0.2, 0.25], color: '2E7D32' },
    { name: '上限 20%', ref: columnRef('图表', 3, 4, 5), values: [0.2, 0.2], color: 'C62828', line: true },
  ],
  yTitle: '占比',
  valueFormat: '0%',
  valueMin: 0,
  valueMax: 0.4,
  anchor: { col: 0, row: 2, cols: 8, rows: 18 },
};

describe('chart part', () => {
  it.each([
    { name: 'columns with a cap line', spec },
    { name: 'stacked horizontal bars', spec: { ...spec, kind: 'bar' as const, stacked: true, series: spec.series.filter((s) => !s.line) } },
    { name: 'lines only', spec: { ...spec, kind: 'line' as const } },
  ])('$name: every element in the schema order', ({ spec: s }) => {
    const root = tree(chartXml(s));
    expect(root.name).toBe('c:chartSpace');
    expect(checkOrder(root)).toBeGreaterThan(10);
  });

  it('refers to the data cells and caches their values, titles in Chinese', () => {
    const xml = chartXml(spec);
    expect(xml).toContain("<c:f>'图表'!$B$4:$B$5</c:f>");
    expect(xml).toContain('<c:pt idx="1"><c:v>0.25</c:v></c:pt>');
    expect(xml).toContain('<c:pt idx="0"><c:v>第一支部</c:v></c:pt>');
    expect(xml).toContain('<a:t>各支部优秀占比与名额上限</a:t>');
    expect(xml).toContain('<c:lineChart>');
    expect(xml).toContain('<c:max val="0.4"/>');
  });

  it('relates sheet → drawing → chart in the package, with content types', async () => {
    const book = new Book();
    book.addSheet('总览').row({ cells: ['a'] });
    const sheet = book.addSheet('图表');
    sheet.row({ r: 4, cells: ['第一支部', 0.2, 0.2] }).row({ r: 5, cells: ['第二支部', 0.25, 0.2] });
    sheet.charts.push(spec, { ...spec, title: '第二个' });
    sheet.rowBreaks.push(20);
    const file = join(tmp(), 'chart.xlsx');
    await writeBook(book, file);
    const parts = unzip(file);
    const types = parts.get('[Content_Types].xml')!.toString();
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    expect(types).toContain('<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(parts.get('xl/worksheets/_rels/sheet2.xml.rels')!.toString()).toContain('Target="../drawings/drawing1.xml"');
    expect(parts.has('xl/worksheets/_rels/sheet1.xml.rels')).toBe(false);
    const drawingRels = parts.get('xl/drawings/_rels/drawing1.xml.rels')!.toString();
    expect(drawingRels).toContain('Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml"');
    const sheetXml = parts.get('xl/worksheets/sheet2.xml')!.toString();
    // CT_Worksheet: … headerFooter, rowBreaks, colBreaks, … drawing.
    expect(sheetXml.indexOf('<rowBreaks')).toBeGreaterThan(sheetXml.indexOf('</sheetData>'));
    expect(sheetXml.indexOf('<drawing r:id="rId1"/>')).toBeGreaterThan(sheetXml.indexOf('<rowBreaks'));
    expect(tree(parts.get('xl/drawings/drawing1.xml')!.toString()).children).toHaveLength(2);
  });
});

describe('score distribution buckets (图表)', () => {
  const loaded = loadBuiltinScheme('township');
  if (!loaded.ok) throw new Error('township scheme');
  const township = loaded.scheme;
  it.each([
    { name: 'one per 10 points and per grade line, a vetoed 0 in the bucket under the lowest line', scores: [0, 55, 59.5, 60, 69, 70, 85, 100], want: { '40以下': [0, 0, 0, 1], '50–55': [0, 0, 0, 0], '55–60': [0, 0, 0, 2], '60–70': [0, 0, 2, 0], '70–80': [0, 1, 0, 0], '80–90': [1, 0, 0, 0], '90–100': [0, 0, 0, 0], '100及以上': [1, 0, 0, 0] } },
    { name: 'no low bucket when nobody is under the lines', scores: [72, 91], want: { '70–80': [0, 1, 0, 0], '80–90': [0, 0, 0, 0], '90及以上': [1, 0, 0, 0] } },
  ])('$name', ({ scores, want }) => {
    const d = distribution(township, scores);
    expect(d.series).toEqual(['优秀', '合格', '基本合格', '不合格']);
    const got = Object.fromEntries(d.buckets.map((b) => [b.label, b.counts]));
    for (const [label, counts] of Object.entries(want)) expect(got[label], label).toEqual(counts);
    expect(d.buckets.reduce((s, b) => s + b.counts.reduce((x, y) => x + y, 0), 0)).toBe(scores.length);
  });

  it('a county of 400,000 scores (county-x4): counted, no call-stack overflow', () => {
    const scores = Array.from({ length: 400_000 }, (_, i) => 50 + (i % 51));
    const d = distribution(township, scores);
    expect(d.buckets.reduce((s, b) => s + b.counts.reduce((x, y) => x + y, 0), 0)).toBe(400_000);
    expect(d.buckets[d.buckets.length - 1]!.label).toBe('100及以上');
  });
});
