// Issue #20: every row counted once and for the right person, rows below gaps read, what the
// file cannot mean refused at its cell. Each finding is a workbook made here from a real fixture
// (河口村), graded in a batch with two good ledgers: the good ledgers' --json stays byte-identical
// to the batch without it, the hostile one is left out with its code at its cell, and the run
// stays under 512 MB peak memory (/usr/bin/time).
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { measured } from '../helpers/measure.js';
import { goodDir, goodPart, gradeArgs, HOSTILE_BASE, hostileParts, write } from '../helpers/hostile.js';
import { editSheet, zipParts, type ZipPart } from '../helpers/zip-parts.js';

let baseline: string;

beforeAll(async () => {
  ensureBuilt();
  const r = await measured(gradeArgs([goodDir()]));
  expect(r.code).toBe(0);
  baseline = goodPart(r.stdout);
}, 60_000);

const row = (r: number, cells: string): string => `<row r="${r}">${cells}</row>`;

/** Row `from` of a sheet's XML, moved or copied to row `to`. */
function rowAs(xml: string, from: number, to: number): string {
  const m = new RegExp(`<row r="${from}"[^>]*>.*?</row>`).exec(xml);
  if (!m) throw new Error(`no row ${from}`);
  return m[0].replace(`<row r="${from}"`, `<row r="${to}"`).replace(new RegExp(`r="([A-Z]+)${from}"`, 'g'), `r="$1${to}"`);
}

function edited(edit: (parts: ZipPart[]) => void): (dir: string) => string {
  return (dir) => {
    const parts = hostileParts();
    edit(parts);
    return write(dir, zipParts(parts));
  };
}

const sheet = (name: string, f: (xml: string) => string) => edited((parts) => editSheet(parts, name, f));

interface Case {
  name: string;
  make: (dir: string) => string;
  code: string;
  /** The place the diagnostic names: sheet › cell. */
  sheet?: string;
  cell?: string;
  /** Words the message must hold (both members named …). */
  message?: RegExp;
}

// In 河口村: 名册 row 3 is 刘龙 (HK0201), row 4 胡娟 (HK0202); shared strings 12/36 and 41/42.
const CASES: Case[] = [
  {
    name: '否决与处分: 刘龙 with 胡娟\'s 编号',
    make: sheet('否决与处分', (x) => x.replace('</sheetData>', `${row(3, '<c r="A3"><v>44953</v></c><c r="B3" t="s"><v>12</v></c><c r="C3" t="s"><v>42</v></c><c r="D3" t="inlineStr"><is><t>违反政治纪律</t></is></c>')}</sheetData>`)),
    code: 'RECORD_NAME_ID_MISMATCH',
    sheet: '否决与处分',
    cell: 'B3',
    message: /刘龙.*HK0202.*胡娟/,
  },
  {
    name: '加减分明细: a bonus row with another member\'s 编号',
    make: sheet('加减分明细', (x) => x.replace('<c r="D3" s="9" t="s"><v>125</v></c>', '<c r="D3" s="9" t="s"><v>42</v></c>')),
    code: 'RECORD_NAME_ID_MISMATCH',
    sheet: '加减分明细',
    cell: 'C3',
    message: /胡娟/,
  },
  {
    name: '1月: one member twice',
    make: sheet('1月', (x) => x.replace('</sheetData>', `${rowAs(x, 3, 40)}</sheetData>`)),
    code: 'RECORD_DUPLICATE_ROW',
    sheet: '1月',
    cell: 'B40',
    message: /刘龙.*B3/,
  },
  {
    name: '1月: <c r="D4"> twice',
    make: sheet('1月', (x) => x.replace('<c r="D4" s="13"><v>10</v></c>', '<c r="D4" s="13"><v>10</v></c><c r="D4" s="13"><v>2</v></c>')),
    code: 'READ_CELL_DUPLICATE',
    sheet: '1月',
    cell: 'D4',
  },
  {
    name: '1月: a second 学习教育 column',
    make: sheet('1月', (x) => x.replace('<c r="K2" s="7" t="s"><v>154</v></c>', '<c r="K2" s="7" t="s"><v>147</v></c>')),
    code: 'READ_COLUMN_DUPLICATE',
    sheet: '1月',
    cell: 'K2',
  },
  {
    name: '1月: a member below the 合计 row',
    make: sheet('1月', (x) => {
      const moved = rowAs(x, 3, 50);
      return x.replace(/<row r="3"[^>]*>.*?<\/row>/, '').replace('</sheetData>', `${row(45, '<c r="B45" t="inlineStr"><is><t>合计</t></is></c>')}${moved}</sheetData>`);
    }),
    code: 'READ_ROWS_AFTER_TOTAL',
    sheet: '1月',
    cell: 'A50',
  },
  {
    name: 'row 1048577',
    make: sheet('1月', (x) => x.replace('</sheetData>', `${row(1048577, '<c r="A1048577"><v>1</v></c>')}</sheetData>`)),
    code: 'READ_CELL_OUTSIDE_GRID',
    message: /1月.*A1048577/,
  },
  {
    name: 'a shared-string index out of range',
    make: sheet('1月', (x) => x.replace('<c r="B4" s="8" t="s"><v>41</v></c>', '<c r="B4" s="8" t="s"><v>99999</v></c>')),
    code: 'READ_SHARED_STRING_MISSING',
    message: /1月.*B4/,
  },
];

describe('a finding of issue 20 in a batch with two good ledgers', () => {
  it.each(CASES)('$name', async (c) => {
    const dir = goodDir();
    c.make(dir);
    const r = await measured(gradeArgs([dir]));
    expect(r.code, r.stderr).toBe(1);
    expect(r.peakMb).toBeLessThan(512);
    expect(goodPart(r.stdout)).toBe(baseline);
    const res = JSON.parse(r.stdout) as { excluded: { file: string }[]; issues: { file: string; code: string; sheet?: string; cell?: string; message: string }[] };
    expect(res.excluded.map((e) => e.file.split(/[\\/]/).pop())).toEqual(['hostile.xlsx']);
    const hit = res.issues.find((i) => i.file.endsWith('hostile.xlsx') && i.code === c.code);
    expect(hit, JSON.stringify(res.issues.filter((i) => i.file.endsWith('hostile.xlsx')))).toBeDefined();
    if (c.sheet) expect(hit!.sheet).toBe(c.sheet);
    if (c.cell) expect(hit!.cell).toBe(c.cell);
    if (c.message) expect(hit!.message).toMatch(c.message);
  }, 60_000);
});

describe('blank rows separate nothing', () => {
  it('a member entered below ten blank rows is read and graded as before', () => {
    const dir = tmp('gap-');
    const file = sheet('1月', (x) => {
      const moved = rowAs(x, 3, 60);
      return x.replace(/<row r="3"[^>]*>.*?<\/row>/, '').replace('</sheetData>', `${moved}</sheetData>`);
    })(dir);
    const v = score(['validate', '--year', '2023', file, '--json']);
    expect(v.code, v.stdout).toBe(0);
    const moved = json(score(['grade', '--year', '2023', file, '--out', tmp(), '--json']));
    const before = json(score(['grade', '--year', '2023', HOSTILE_BASE, '--out', tmp(), '--json']));
    const liu = (r: { members: { name: string; total: number }[] }) => r.members.find((m) => m.name === '刘龙')!.total;
    expect(liu(moved)).toBe(liu(before));
    expect(moved.members.length).toBe(before.members.length);
  }, 60_000);
});
