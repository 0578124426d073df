// Real-client check of `score template` (issue 6): every template of every built-in scheme
// opens in LibreOffice headless, every sheet exports, the headers are there in Chinese;
// the printable 计分标准 exports to PDF with its title and an embedded CJK font. Frozen
// panes and print titles are checked in the xlsx XML (a headless round trip drops them).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, tmp } from '../helpers/cli.js';
import { cjkFonts, convertMany, pdfPages, pdfText, requireSoffice, type Converted } from '../helpers/soffice.js';
import { loadScheme } from '../../src/scheme/load.js';
import { cleanUp, dataValidations, expectEverySheetLoaded, expectPrintableForms, headerRow, pool, scoreAsync, sheetRows, sheetXml, timed } from './support.js';

const available = requireSoffice();

async function template(args: string[], out: string): Promise<string[]> {
  const r = await scoreAsync(['template', '--year', '2023', '--json', '--out', out, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return json<{ written: string[] }>(r).written;
}

function recordedEntries(id: string): string[] {
  const r = loadScheme(id);
  if (!r.ok) throw new Error(`scheme ${id} does not load`);
  return r.scheme.components.filter((c) => c.kind === 'recorded').flatMap((c) => c.entries.map((e) => e.name));
}

describe.skipIf(!available)('LibreOffice: township template (ledger, 计分标准, 积分申请表)', () => {
  let dir: string;
  let ledger: string;
  let standard: string;
  let application: string;
  let csv: Map<string, Converted>;
  let pdf: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = tmp('score-lo-template-');
    const written = await template(['--scheme', 'township', '--branch', '第一党支部'], join(dir, 'out'));
    ledger = written.find((f) => basename(f) === '第一党支部_积分台账_2023.xlsx')!;
    standard = written.find((f) => f.endsWith('_计分标准.xlsx'))!;
    application = written.find((f) => basename(f) === '积分申请表.xlsx')!;
    expect([ledger, standard, application].every(Boolean), written.join('\n')).toBe(true);
    const converted = await timed('township template: 3 workbooks → CSV', () => convertMany([ledger, standard, application], 'csv', join(dir, 'csv')));
    csv = new Map(converted.map((c) => [c.input, c]));
    pdf = (await timed('township 计分标准 → PDF', () => convertMany([standard], 'pdf', join(dir, 'pdf'))))[0]!.path;
  });
  afterAll(() => cleanUp(dir));

  it('the ledger: every sheet loads, 1月 has the scheme entries with their maxima', async () => {
    const c = csv.get(ledger)!;
    const sheets = await expectEverySheetLoaded(c);
    expect(sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['说明', '名册', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '加减分明细', '否决与处分']),
    );
    const jan = sheetRows(c, '1月');
    expect(jan[0]![0]).toBe('第一党支部 2023年1月 党员积分记录');
    const h = headerRow(jan, ['姓名', '合计']);
    expect(jan[h]).toEqual(['序号', '姓名', '编号', '学习教育(10分)', '组织生活(10分)', '党费缴纳(10分)', '遵纪守法(10分)', '岗位一(30分)', '岗位二(30分)', '合计', '依据/备注']);
    // Blank rows: the 合计 formula recalculates to blank in LibreOffice (no 0 on paper, no error value).
    const total = jan[h]!.indexOf('合计');
    expect(jan[h + 1]![total]).toBe('');
    expect(jan.slice(h + 1).every((r) => !/^(#|Err:)/.test(r[total] ?? ''))).toBe(true);
    const roster = sheetRows(c, '名册');
    expect(roster[headerRow(roster, ['姓名'])]).toEqual(expect.arrayContaining(['姓名', '编号', '党员类别', '积分管理', '志愿服务岗位', '联系电话']));
    const info = sheetRows(c, '说明');
    expect(info).toEqual(expect.arrayContaining([['方案', 'township'], ['支部', '第一党支部'], ['年度', '2023'], ['周期起止', '2023-01-01 至 2023-12-31']]));
    expect(headerRow(sheetRows(c, '加减分明细'), ['日期', '姓名', '事项', '级别', '分值'])).toBeGreaterThan(0);
  });

  it('the 计分标准 and the 积分申请表: every sheet loads with its headers', async () => {
    const std = csv.get(standard)!;
    await expectEverySheetLoaded(std);
    const rows = sheetRows(std, '计分标准');
    expect(rows[0]![0]).toBe('浠水县兰溪镇党员积分管理 计分标准');
    expect(rows[1]).toEqual(['项目', '计分标准', '分值/上限', '评分方式']);
    const text = rows.flat().join('\n');
    for (const s of ['履行党员义务(40分)', '志愿服务岗位贡献(60分)', '表彰', '一票否决']) expect(text).toContain(s);
    const app = csv.get(application)!;
    await expectEverySheetLoaded(app);
    const form = sheetRows(app, '积分申请表');
    expect(form[0]![0]).toBe('党员积分申请表');
    expect(form[1]).toEqual(expect.arrayContaining(['姓名', '所在支部', '申报月份']));
    expect(form[headerRow(form, ['申报事项'])]).toEqual(['序号', '申报事项', '级别', '项目', '次数', '申报分值', '佐证材料', '认定分值']);
  });

  it('the 计分标准 PDF: pages, title, an embedded CJK font', () => {
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    const first = pdfText(pdf, { first: 1, last: 1 }).replace(/\s+/g, '');
    expect(first).toContain('浠水县兰溪镇党员积分管理计分标准');
    expect(first).toContain('履行党员义务');
    // pdftotext reads the text layer even when the glyphs are boxes: the font is the proof.
    expect(cjkFonts(pdf).map((f) => f.name), 'embedded CJK fonts (pdffonts)').not.toEqual([]);
  });

  it('frozen header and repeated print titles, in the xlsx XML', () => {
    const expected: Record<string, Record<string, number>> = {
      [ledger]: { 说明: 1, 名册: 2, '1月': 2, '12月': 2, 加减分明细: 2, 否决与处分: 2 },
      [standard]: { 计分标准: 2 },
      [application]: { 积分申请表: 3 },
    };
    for (const [file, rows] of Object.entries(expected)) {
      // Every visible form sheet: header frozen, the same rows repeated on each printed A4 page.
      const sheets = expectPrintableForms(file);
      for (const [name, n] of Object.entries(rows)) {
        expect(sheets.find((s) => s.name === name)?.frozenRows, `${basename(file)} › ${name}`).toBe(n);
      }
    }
  });
});

describe.skipIf(!available)('LibreOffice: templates of every built-in scheme, monthly and card layouts', () => {
  interface Case {
    label: string;
    files: string[];
  }
  const cases: Case[] = [];
  let converted: Map<string, Converted>;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = tmp('score-lo-schemes-');
    const list = json<{ id: string }[]>(await scoreAsync(['schemes', '--json']));
    expect(list.length).toBeGreaterThan(1);
    const runs: [string, string[]][] = list.map((s) => [s.id, ['--scheme', s.id]]);
    runs.push(['township-card', ['--scheme', 'township', '--layout', 'card']]);
    // soffice starts once for all of them, so every output needs a distinct name.
    const flat = join(dir, 'all');
    mkdirSync(flat);
    const written = await timed(`score template × ${runs.length}`, () => pool(runs, 2, ([label, args]) => template(args, join(dir, label))));
    runs.forEach(([label], i) => {
      expect(written[i]!.length, label).toBe(3);
      const files = written[i]!.map((f) => {
        const to = join(flat, `${label}～${basename(f)}`);
        copyFileSync(f, to);
        return to;
      });
      cases.push({ label, files });
    });
    expect(readdirSync(flat).length).toBe(runs.length * 3);
    const out = await timed(`${cases.length} schemes' templates: ${runs.length * 3} workbooks → CSV (one soffice start)`, () =>
      convertMany(cases.flatMap((c) => c.files), 'csv', join(dir, 'csv')),
    );
    converted = new Map(out.map((c) => [c.input, c]));
  });
  afterAll(() => cleanUp(dir));

  it('every scheme: ledger, 计分标准 and 积分申请表 open with every sheet', async () => {
    for (const c of cases) {
      for (const f of c.files) await expectEverySheetLoaded(converted.get(f)!);
    }
  });

  it('every scheme: the record sheets show the scheme\'s entry headers and a recalculating 合计', async () => {
    for (const c of cases.filter((x) => x.label !== 'township-card')) {
      const ledger = converted.get(c.files.find((f) => f.includes('_积分台账_'))!)!;
      const entries = recordedEntries(c.label);
      const records = [...ledger.sheets.keys()].filter((n) => /^(\d+月|第[一二三四]季度)$/.test(n));
      if (entries.length === 0) {
        expect(records, `${c.label}: no recorded entries, no record sheets`).toEqual([]);
        continue;
      }
      expect(records.length, `${c.label}: record sheets`).toBeGreaterThan(0);
      for (const name of records) {
        const rows = sheetRows(ledger, name);
        const h = headerRow(rows, ['姓名', '合计']);
        const header = rows[h]!.join('|');
        for (const e of entries) expect(header, `${c.label} › ${name}`).toContain(e);
        const total = rows[h]!.indexOf('合计');
        // IF(COUNT(…)=0,"",SUM(…)): a blank row's 合计 is blank on paper, not 0.
        expect(rows[h + 1]![total], `${c.label} › ${name}: 合计 of a blank row`).toBe('');
      }
    }
  });

  it('every scheme: frozen header, print titles and A4 on every visible sheet (xlsx XML)', () => {
    for (const c of cases) for (const f of c.files) expectPrintableForms(f);
  });

  it('dropdowns and number ranges survive LibreOffice (saved back as xlsx), lists on the hidden _lists sheet too', async () => {
    const pick = (label: string, part: string): string => cases.find((c) => c.label === label)!.files.find((f) => f.includes(part))!;
    const files = [pick('township', '_积分台账_'), pick('township-card', '_积分台账_'), pick('agency', '_积分台账_'), pick('agency', '积分申请表')];
    const saved = await timed(`${files.length} templates → xlsx through LibreOffice`, () => convertMany(files, 'xlsx', join(dir, 'roundtrip')));
    let usesLists = false;
    for (const c of saved) {
      const before = dataValidations(c.input);
      const after = dataValidations(c.path);
      expect(before.size, `${basename(c.input)}: validations written`).toBeGreaterThan(0);
      usesLists ||= [...before.values()].some((v) => v.startsWith('list _lists!'));
      expect(Object.fromEntries(after), basename(c.input)).toEqual(Object.fromEntries(before));
      expect(sheetXml(c.path).map((s) => `${s.name}:${s.state}`), basename(c.input)).toEqual(sheetXml(c.input).map((s) => `${s.name}:${s.state}`));
    }
    expect(usesLists, 'a list long enough for the _lists sheet is among them').toBe(true);
    const jan = dataValidations(files[0]!).get('1月!D3');
    expect(jan).toMatch(/^decimal between 0 10 \| /);
  });

  it('card layout: a 记录卡 sheet with a row per month and a 合计 that recalculates', () => {
    const c = cases.find((x) => x.label === 'township-card')!;
    const ledger = converted.get(c.files.find((f) => f.includes('_积分台账_'))!)!;
    const card = [...ledger.sheets.keys()].find((n) => n.startsWith('记录卡'));
    expect(card, [...ledger.sheets.keys()].join(', ')).toBeDefined();
    const rows = sheetRows(ledger, card!);
    expect(rows[0]![0]).toContain('党员日常行为积分管理记录表');
    const h = headerRow(rows, ['月份', '合计']);
    expect(rows.slice(h + 1, h + 13).map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}月`));
    const total = rows[h]!.indexOf('合计');
    expect(rows.slice(h + 1, h + 13).every((r) => r[total] === '')).toBe(true);
  });
});
