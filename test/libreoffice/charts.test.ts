// The 图表 sheet of 评定结果 as LibreOffice draws it (issue 22): grade the sample township, print
// the results to PDF, and look at the chart pages — the titles and branch labels are where the
// charts are, and the bars are drawn in the grade colours (pixels of the rasterised page).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';
import { convert, pdfPages, pdfText, requireSoffice } from '../helpers/soffice.js';

const available = requireSoffice();

/** Pixels of a page (rasterised at `dpi`) within `tolerance` of each RRGGBB colour. */
function colourPixels(pdf: string, page: number, colours: string[], dpi = 40, tolerance = 40): number[] {
  const out = join(tmp(), 'page');
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
  const ppm = readFileSync(`${out}.ppm`);
  // P6 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
  const start = header[0].length;
  const want = colours.map((c) => [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16)));
  const counts = colours.map(() => 0);
  for (let p = start; p + 2 < ppm.length; p += 3) {
    for (let k = 0; k < want.length; k++) {
      const w = want[k]!;
      if (Math.abs(ppm[p]! - w[0]!) + Math.abs(ppm[p + 1]! - w[1]!) + Math.abs(ppm[p + 2]! - w[2]!) <= tolerance) counts[k]!++;
    }
  }
  return counts;
}

describe.skipIf(!available)('LibreOffice draws the 图表 sheet of 评定结果', () => {
  let pdf: string;
  let branches: string[];
  let chartPages: number[];

  beforeAll(async () => {
    ensureBuilt();
    const out = tmp();
    const r = score(['grade', '--year', '2023', '--dir', join(ROOT, 'fixtures', 'township'), '--out', out, '--json']);
    expect(r.code).toBe(0);
    branches = [...new Set(json<{ members: { branch: string }[] }>(r).members.map((m) => m.branch))];
    pdf = (await convert(join(out, '2023年度评定结果.xlsx'), 'pdf', join(out, 'pdf'))).path;
    const pages = pdfPages(pdf);
    chartPages = [];
    for (let p = 1; p <= pages; p++) if (pdfText(pdf, { first: p, last: p }).includes('积分评定图表') || /各支部.*占比与名额上限|积分分布/.test(pdfText(pdf, { first: p, last: p }))) chartPages.push(p);
  }, 180_000);

  it('prints the three charts with their Chinese titles, after the 总览', () => {
    expect(chartPages.length).toBeGreaterThan(0);
    expect(chartPages[0]).toBeGreaterThan(1);
    const text = chartPages.map((p) => pdfText(pdf, { first: p, last: p })).join('\n').replace(/\s+/g, '');
    for (const title of ['2023年度各支部等次分布', '2023年度积分分布', '2023年度各支部优秀占比与名额上限', '人数', '上限20%']) expect(text).toContain(title);
    for (const b of branches) expect(text).toContain(b);
  });

  it('draws the bars in the grade colours and the cap line in red', () => {
    // 优秀 green, 合格 blue, 基本合格 amber, the cap line red (src/excel/write/charts.ts PALETTE).
    const [green, blue, amber, red] = chartPages.map((p) => colourPixels(pdf, p, ['2E7D32', '1565C0', 'F9A825', 'C62828'])).reduce((a, b) => a.map((x, i) => x + b[i]!));
    expect(green).toBeGreaterThan(300);
    expect(blue).toBeGreaterThan(300);
    expect(amber).toBeGreaterThan(50);
    expect(red).toBeGreaterThan(20);
  });

  it('a page without a chart has none of those colours (the check can fail)', () => {
    const [green = 0, blue = 0] = colourPixels(pdf, 1, ['2E7D32', '1565C0']);
    expect(green + blue).toBeLessThan(20);
  });
});

describe.skipIf(!available)('LibreOffice draws the 图表 of a multi-period 评分汇总表', () => {
  it('the branch average per period as a solid blue line, the periods on the axis', async () => {
    ensureBuilt();
    const out = tmp();
    const r = score(['compute', join(ROOT, 'fixtures', 'township'), '--period', '2023Q1,2023Q2,2023Q3,2023Q4', '--out', out]);
    expect(r.code).toBe(0);
    const file = readdirSync(out).find((f) => f.startsWith('兰溪村党支部_评分汇总表_'))!;
    const pdf = (await convert(join(out, file), 'pdf', join(out, 'pdf'))).path;
    const last = pdfPages(pdf);
    const text = pdfText(pdf, { first: last, last }).replace(/\s+/g, '');
    for (const want of ['兰溪村党支部各期平均积分', '2023年第一季度', '2023年第四季度', '全部支部平均分']) expect(text).toContain(want);
    const [blue] = colourPixels(pdf, last, ['1565C0']);
    expect(blue).toBeGreaterThan(30);
  }, 180_000);
});
