// Paper a clerk posts and signs (issue 22), through the real binary: the 公示 carries the quota
// footnote exactly where the quota moved someone, the 评分汇总表 carries its signature block, and
// the printed forms (计分标准 of every built-in scheme, 评定结果, 公示名单) carry no program words:
// no diagnostic codes, no rule codes, no command names, no 「（决定）」 markers.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OVER_QUOTA, TIE_AT_CUT } from '../../src/core/grade/grade.js';
import { SIGNATURE_DATE, SIGNATURE_LINE } from '../../src/excel/write/summary.js';
import { builtinIds } from '../../src/scheme/builtins.js';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';
import { allCellTexts } from '../helpers/fill.js';

/** What must never be printed for members: codes, command names, decision markers. */
const PROGRAM_WORDS: { name: string; re: RegExp }[] = [
  { name: 'diagnostic code', re: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/ },
  { name: 'rule code', re: /(^|[^A-Za-z0-9])R\d{1,2}(?![0-9])/ },
  { name: 'command', re: /\bscore\s+(validate|compute|grade|publish|template|apply|explain)\b/ },
  { name: 'decision marker', re: /（决定）/ },
];

function programWords(texts: { sheet: string; cell: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const t of texts) for (const w of PROGRAM_WORDS) if (w.re.test(t.text)) found.push(`${t.sheet}!${t.cell} ${w.name}: ${t.text.slice(0, 80)}`);
  return found;
}

interface Member {
  branch: string;
  name: string;
  flags: string[];
}

let out: string;
let members: Member[];

beforeAll(() => {
  ensureBuilt();
  out = tmp();
  const r = score(['grade', '--year', '2023', '--dir', join(ROOT, 'fixtures', 'township'), '--out', out, '--json']);
  expect(r.code).toBe(0);
  members = json<{ members: Member[] }>(r).members;
});

describe('公示名单', () => {
  it('carries the quota footnote on exactly the branches where the quota moved someone', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '2023年度公示名单.xlsx'));
    const cut = new Set(members.filter((m) => m.flags.includes(OVER_QUOTA) || m.flags.includes(TIE_AT_CUT)).map((m) => m.branch));
    // The sample has both kinds of branch, so both halves of the check bite.
    expect(cut.size).toBeGreaterThan(0);
    expect(cut.size).toBeLessThan(wb.worksheets.length);
    for (const ws of wb.worksheets) {
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
      const note = texts.find((t) => t.startsWith('注：优秀等次按不超过参评党员 20% 的名额评定'));
      if (cut.has(ws.name)) expect(note, ws.name).toContain('评为合格');
      else expect(note, ws.name).toBeUndefined();
    }
  });
});

describe('--quota-scope on paper', () => {
  /** Each sheet's cell texts, by sheet name. */
  const sheets = async (file: string): Promise<Map<string, string[]>> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const by = new Map<string, string[]>();
    for (const ws of wb.worksheets) {
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
      by.set(ws.name, texts);
    }
    return by;
  };
  const footnotes = (by: Map<string, string[]>): string[] => [...by.values()].flatMap((t) => t.filter((x) => x.startsWith('注：优秀等次')));

  it('the 公示 footnote and the 总览 名额 say the scope the grading used, not the scheme\'s default', async () => {
    // The scheme's default (township.json: 以党支部为单位), as graded in beforeAll.
    const own = footnotes(await sheets(join(out, '2023年度公示名单.xlsx')));
    expect(own.length).toBeGreaterThan(0);
    for (const n of own) expect(n).toContain('（以党支部为单位，');
    const whole = tmp();
    expect(score(['grade', '--year', '2023', '--dir', join(ROOT, 'fixtures', 'township'), '--out', whole, '--quota-scope', 'township']).code).toBe(0);
    const notes = footnotes(await sheets(join(whole, '2023年度公示名单.xlsx')));
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n).toContain('（全镇（乡）统一，');
    // 总览: with one township quota the 名额 is judged on the 合计 row, not branch by branch.
    const overview = async (dir: string): Promise<ExcelJS.Worksheet> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, '2023年度评定结果.xlsx'));
      return wb.getWorksheet('总览')!;
    };
    const quotaColumn = (ws: ExcelJS.Worksheet): { branches: string[]; total: string } => {
      let col = 0;
      let header = 0;
      ws.eachRow((row, r) => row.eachCell((c, k) => {
        if (c.value === '名额') [col, header] = [k, r];
      }));
      const branches: string[] = [];
      let total = '';
      ws.eachRow((row, r) => {
        if (r <= header) return;
        const v = String(row.getCell(col).value ?? '');
        if (row.getCell(2).value === '合计') total = v;
        else branches.push(v);
      });
      return { branches, total };
    };
    const perBranch = quotaColumn(await overview(out));
    expect(perBranch.branches.filter((v) => v === '符合' || v === '超出').length).toBeGreaterThan(0);
    expect(perBranch.total).toBe('');
    const township = quotaColumn(await overview(whole));
    expect(township.branches.every((v) => v === '')).toBe(true);
    expect(['符合', '超出']).toContain(township.total);
  });
});

describe('no program words on paper', () => {
  it('评定结果 and 公示名单 of the sample township', async () => {
    for (const f of ['2023年度评定结果.xlsx', '2023年度公示名单.xlsx']) expect(programWords(await allCellTexts(join(out, f))), f).toEqual([]);
  });

  it('the check bites on a code, a rule code, a command and a marker', () => {
    const bad = ['见 EVENT_NO_PROJECT', 'R17 对考核为不合格', 'score validate 报错', '同一项目以最高级计分（决定）'].map((text, i) => ({ sheet: 's', cell: `A${i}`, text }));
    expect(programWords(bad)).toHaveLength(4);
    expect(programWords([{ sheet: 's', cell: 'A1', text: '2023年度 RANK 第1名 ★★★' }])).toEqual([]);
  });

  it.each(builtinIds().map((id) => ({ id })))('计分标准 of $id', async ({ id }) => {
    const dir = tmp();
    expect(score(['template', '--scheme', id, '--out', dir]).code).toBe(0);
    const file = readdirSync(dir).find((f) => f.endsWith('计分标准.xlsx'))!;
    const texts = await allCellTexts(join(dir, file));
    expect(programWords(texts)).toEqual([]);
    // Sections numbered without a gap: 一、二、三 … as they appear.
    const sections = texts.map((t) => /^([一二三四五六七八九十])、/.exec(t.text)?.[1]).filter(Boolean);
    expect([...new Set(sections)]).toEqual(['一', '二', '三', '四', '五', '六', '七'].slice(0, new Set(sections).size));
  });
});

describe('评分汇总表', () => {
  it('is signed: 评分人, 审核人, 支部书记, 盖章 and the date under every branch table', async () => {
    const dir = tmp();
    expect(score(['compute', join(ROOT, 'fixtures', 'township'), '--out', dir]).code).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const texts = (await allCellTexts(join(dir, f))).map((t) => t.text);
      expect(texts, f).toContain(SIGNATURE_LINE);
      expect(texts, f).toContain(SIGNATURE_DATE);
      expect(SIGNATURE_LINE).toMatch(/评分人.*审核人.*支部书记.*盖章/);
      expect(texts.some((t) => t.includes('尚未记录') || t.includes('不读取')), f).toBe(false);
    }
  });
});

describe('积分申请表', () => {
  it('has rows a pen fits in, a boxed 申报月份 row, and 申报人签字, 支委初评, 审核人, 日期', async () => {
    const dir = tmp();
    expect(score(['template', '--scheme', 'township', '--out', dir]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '积分申请表.xlsx'));
    const ws = wb.getWorksheet('积分申请表')!;
    const claimRows: number[] = [];
    ws.eachRow((row, n) => {
      if (typeof row.getCell(1).value === 'number') claimRows.push(n);
    });
    expect(claimRows).toHaveLength(10);
    for (const n of claimRows) expect(ws.getRow(n).height, `row ${n}`).toBeGreaterThanOrEqual(28);
    const labels = claimRows.length ? [...Array(8).keys()].map((i) => String(ws.getCell(claimRows.at(-1)! + 1 + i, 1).value ?? '')).filter(Boolean) : [];
    expect(labels).toEqual(['申报人签字：', '支委初评：', '审核人：', '日期：']);
    // The cell above 认定分值 (row 2, last column) is boxed.
    const last = ws.getRow(3).cellCount;
    expect(ws.getCell(3, last).value).toBe('认定分值');
    expect(ws.getCell(2, last).border?.top).toBeDefined();
  });
});
