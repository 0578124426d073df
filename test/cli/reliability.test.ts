// Issue #20: every row counted once and for the right person, rows below gaps read, what the
// file cannot mean refused at its cell. Each finding is a workbook made here from a real fixture
// (河口村), graded in a batch with two good ledgers: the good ledgers' --json stays byte-identical
// to the batch without it, the hostile one is left out with its code at its cell, and the run
// stays under 512 MB peak memory (/usr/bin/time).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';
import { measured } from '../helpers/measure.js';
import { goodDir, goodPart, gradeArgs, HOSTILE_BASE, hostileParts, TOWNSHIP, write } from '../helpers/hostile.js';
import { editSharedString, editSheet, setText, text, unzipFile, zipParts, type ZipPart } from '../helpers/zip-parts.js';

let baseline: string;
let baselineRun: string;

/** The good ledgers' members and issues of a batch whose hostile ledger is graded too (its members left out). */
function goodOnly(stdout: string): string {
  const r = JSON.parse(stdout) as { members: { branch: string }[] };
  return goodPart(JSON.stringify({ ...r, members: r.members.filter((m) => m.branch !== '河口村党支部') }));
}

beforeAll(async () => {
  ensureBuilt();
  const r = await measured(gradeArgs([goodDir()]));
  expect(r.code).toBe(0);
  baseline = goodPart(r.stdout);
  baselineRun = r.stdout;
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

/** The fixture's shared strings: a case names a text, never an index that the next fixture regeneration moves. */
const SHARED = [...text(hostileParts(), 'xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

function si(s: string): number {
  const i = SHARED.indexOf(s);
  if (i < 0) throw new Error(`河口村 has no shared string ${s}`);
  return i;
}

/** Cell `ref` of a sheet's XML set to shared string `index`; throws when the cell is not there (an edit that changes nothing would let the case pass for the wrong reason). */
function setShared(xml: string, ref: string, index: number): string {
  const re = new RegExp(`<c r="${ref}"([^>]*?) t="s"><v>\\d+</v></c>`);
  if (!re.test(xml)) throw new Error(`no shared-string cell ${ref}`);
  return xml.replace(re, `<c r="${ref}"$1 t="s"><v>${index}</v></c>`);
}

// In 河口村: 名册 row 3 is 刘龙 (HK0201), row 4 胡娟 (HK0202).
const CASES: Case[] = [
  {
    name: '否决与处分: 刘龙 with 胡娟\'s 编号',
    make: sheet('否决与处分', (x) => x.replace('</sheetData>', `${row(3, `<c r="A3"><v>44953</v></c><c r="B3" t="s"><v>${si('刘龙')}</v></c><c r="C3" t="s"><v>${si('HK0202')}</v></c><c r="D3" t="inlineStr"><is><t>违反政治纪律</t></is></c>`)}</sheetData>`)),
    code: 'RECORD_NAME_ID_MISMATCH',
    sheet: '否决与处分',
    cell: 'B3',
    message: /刘龙.*HK0202.*胡娟/,
  },
  {
    name: '加减分明细: a bonus row with another member\'s 编号',
    make: sheet('加减分明细', (x) => setShared(x, 'D3', si('HK0202'))),
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
    name: '1月: <c r="D4"> twice, read by the exceljs fallback (a processing instruction sends it there)',
    make: sheet('1月', (x) => x.replace('<sheetData>', '<sheetData><?score pi?>').replace('<c r="D4" s="13"><v>10</v></c>', '<c r="D4" s="13"><v>10</v></c><c r="D4" s="13"><v>2</v></c>')),
    code: 'READ_CELL_DUPLICATE_PART',
    message: /D4/,
  },
  {
    name: '1月: a second 学习教育 column',
    make: sheet('1月', (x) => setShared(x, 'K2', si('学习教育(10分)'))),
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
    make: sheet('1月', (x) => setShared(x, 'B4', 99999)),
    code: 'READ_SHARED_STRING_MISSING',
    message: /1月.*B4/,
  },
  ...(
    [
      ['a <row> never closed', (x: string) => x.replace(/(<row r="4"[^>]*>.*?)<\/row>/, '$1')],
      ['text between two rows', (x: string) => x.replace('<row r="5"', 'junk<row r="5"')],
      ['a cell never closed', (x: string) => x.replace('<c r="D4" s="13"><v>10</v></c>', '<c r="D4" s="13"><v>10</v>')],
      ['an end tag of another name', (x: string) => x.replace(/(<row r="6"[^>]*>.*?)<\/row>/, '$1</rows>')],
      ['the sheet cut after </sheetData>', (x: string) => x.slice(0, x.indexOf('</sheetData>') + '</sheetData>'.length)],
    ] as const
  ).map(([name, edit]) => ({ name: `malformed XML: ${name}`, make: sheet('1月', edit), code: 'READ_XML_MALFORMED', message: /1月/ })),
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

/** `n` rows of junk after a gap below the 1月 table: ten numbers each, or ten inline strings each. */
function junk(kind: 'numbers' | 'text', n: number) {
  return sheet('1月', (x) => {
    const rows: string[] = [];
    for (let r = 40; r < 40 + n; r++) {
      const cells = [...'ABCDEFGHIJ'].map((c) => (kind === 'numbers' ? `<c r="${c}${r}"><v>${r % 97}</v></c>` : `<c r="${c}${r}" t="inlineStr"><is><t>junk${r}${c}</t></is></c>`));
      rows.push(row(r, cells.join('')));
    }
    return x.replace('</sheetData>', `${rows.join('')}</sheetData>`);
  });
}

describe('a sheet of junk rows after a gap: refused by a cheap count, under the 512 MB the README promises', () => {
  it.each(['numbers', 'text'] as const)('160,000 rows of %s (single-file validate and grade, /usr/bin/time)', async (kind) => {
    const file = junk(kind, 160_000)(tmp('junk-'));
    for (const args of [['validate', '--year', '2023', file, '--json'], ['grade', '--year', '2023', file, '--out', tmp(), '--json']]) {
      const r = await measured(args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.peakMb, args[0]).toBeLessThan(512);
      expect(r.stdout).toContain('READ_SHEET_TOO_MANY_USED_ROWS');
      expect(r.stdout).toMatch(/1月.*21,?000|21000/);
    }
  }, 120_000);
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

/** Adds a cell style with a custom number format to styles.xml; returns its index. */
function addStyle(parts: ZipPart[], id: number, code: string): number {
  const xml = text(parts, 'xl/styles.xml');
  const count = Number(/<cellXfs count="(\d+)"/.exec(xml)![1]);
  setText(
    parts,
    'xl/styles.xml',
    xml
      .replace('</numFmts>', `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/></numFmts>`)
      .replace(`<cellXfs count="${count}">`, `<cellXfs count="${count + 1}">`)
      .replace('</cellXfs>', `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`),
  );
  return count;
}

interface Warned {
  name: string;
  edit: (parts: ZipPart[]) => void;
  code: string;
  cell: string;
  message: RegExp;
}

const WARNED: Warned[] = [
  {
    name: 'a 10 shown as "8" by its number format',
    edit: (parts) => {
      const s = addStyle(parts, 170, '"8"');
      editSheet(parts, '1月', (x) => x.replace('<c r="D3" s="13"><v>10</v></c>', `<c r="D3" s="${s}"><v>10</v></c>`));
    },
    code: 'READ_SHOWN_OTHER',
    cell: 'D3',
    message: /10.*「8」/,
  },
  {
    name: 'a score hidden by ;;;',
    edit: (parts) => {
      const s = addStyle(parts, 171, ';;;');
      editSheet(parts, '1月', (x) => x.replace('<c r="E3" s="13"><v>10</v></c>', `<c r="E3" s="${s}"><v>10</v></c>`));
    },
    code: 'READ_SHOWN_OTHER',
    cell: 'E3',
    message: /不显示/,
  },
  {
    name: 'a stale cached value in a workbook marked fullCalcOnLoad',
    edit: (parts) => {
      setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace('<calcPr calcId="171027"/>', '<calcPr calcId="171027" fullCalcOnLoad="1"/>'));
      // The cache says 10 (what Excel would show too); the 合计 beside it (a SUM) is added up by score, never compared.
      editSheet(parts, '1月', (x) => x.replace('<c r="D4" s="13"><v>10</v></c>', '<c r="D4" s="13"><f>5+5</f><v>10</v></c>'));
    },
    code: 'READ_FORMULA_RECALC',
    cell: 'D4',
    message: /重新计算/,
  },
];

describe('what Excel shows: warnings at the cell, in both readers', () => {
  it.each(WARNED.flatMap((w) => [{ ...w, reader: 'lean' }, { ...w, reader: 'exceljs' }]))('$name ($reader)', async (c) => {
    const dir = goodDir();
    edited(c.edit)(dir);
    const r = await measured(gradeArgs([dir]), c.reader === 'exceljs' ? { SCORE_READER: 'exceljs' } : {});
    expect(r.code, r.stderr).toBe(0);
    expect(goodOnly(r.stdout)).toBe(goodOnly(baselineRun));
    const res = JSON.parse(r.stdout) as { issues: { file: string; code: string; sheet?: string; cell?: string; message: string; severity: string }[] };
    const hostile = res.issues.filter((i) => i.file.endsWith('hostile.xlsx'));
    expect(hostile.map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual([`${c.code} 1月!${c.cell}`]);
    expect(hostile[0]!.severity).toBe('warning');
    expect(hostile[0]!.message).toMatch(c.message);
  }, 60_000);
});

/** The 河口村 ledger saved in the 1904 date system with the zh-CN built-in date formats (ids 57 and 31): every date cell moved by 1,462 days. */
function as1904(parts: ZipPart[]): void {
  setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace(/<workbookPr /, '<workbookPr date1904="1" '));
  const styles = text(parts, 'xl/styles.xml');
  setText(parts, 'xl/styles.xml', styles.replace(/<numFmts count="2">.*?<\/numFmts>/, '').replace('<xf numFmtId="164"', '<xf numFmtId="57"').replace('<xf numFmtId="165"', '<xf numFmtId="31"'));
  for (const p of parts) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(p.name)) continue;
    p.data = Buffer.from(p.data.toString('utf8').replace(/(<c r="[A-Z]+\d+" s="1[01]"[^>]*>)<v>(\d+)<\/v>/g, (_, open: string, v: string) => `${open}<v>${Number(v) - 1462}</v>`));
  }
}

describe('the 1904 date system and the zh-CN built-in date formats', () => {
  it.each(['lean', 'exceljs'])('read right by the %s reader: graded exactly as the 1900 original', (reader) => {
    const env: Record<string, string> = reader === 'exceljs' ? { SCORE_READER: 'exceljs' } : {};
    const dir = tmp('d1904-');
    const file = edited(as1904)(dir);
    expect(text(hostileParts(), 'xl/workbook.xml')).not.toContain('date1904');
    const v = score(['validate', '--year', '2023', file, '--json'], { env });
    expect(v.code, v.stdout).toBe(0);
    const moved = json(score(['grade', '--year', '2023', file, '--out', tmp(), '--json'], { env }));
    const before = json(score(['grade', '--year', '2023', HOSTILE_BASE, '--out', tmp(), '--json'], { env }));
    const strip = (ms: { file?: string }[]) => JSON.stringify(ms.map(({ file: _f, ...m }) => m));
    expect(strip(moved.members)).toBe(strip(before.members));
    expect(moved.issues).toEqual(before.issues.map((i: { file: string }) => ({ ...i, file: file })));
  }, 60_000);
});

/** 兰溪村's ledger as other writers save it: the spreadsheetml namespace under a prefix (x:row, x:c …), rows and cells without r=, or over exceljs' 16 MB. */
function ledgerKind(kind: 'plain' | 'prefix' | 'no-r' | 'big', dir: string): string {
  const parts = unzipFile(join(TOWNSHIP, '兰溪村党支部.xlsx'));
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  for (const p of parts) {
    let x = p.data.toString('utf8');
    const sheetXml = /^xl\/worksheets\/sheet\d+\.xml$/.test(p.name);
    if (kind === 'prefix' && (sheetXml || ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'].includes(p.name))) {
      x = x.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, '<$1x:$2');
    }
    if (kind === 'no-r' && sheetXml) x = x.replace(/(<row[^>]*?) r="\d+"/g, '$1').replace(/(<c[^>]*?) r="[A-Z]+\d+"/g, '$1');
    p.data = Buffer.from(x);
  }
  // 17 MB of text that does not compress (random hex): not a zip bomb, over what exceljs may be given.
  if (kind === 'big') parts.push({ name: 'docProps/pad.xml', data: Buffer.from(`<pad>${randomBytes(8.5 * 1024 * 1024).toString('hex')}</pad>`) });
  const file = join(dir, `兰溪村党支部-${kind}.xlsx`);
  writeFileSync(file, zipParts(parts));
  return file;
}

describe('apply on each ledger kind the grading reader opens', () => {
  const FORMS = join(ROOT, 'fixtures', 'applications');
  it.each(['plain', 'prefix', 'no-r'] as const)('%s: the new ledger is written and holds the two approved lines', (kind) => {
    const dir = tmp('apply-kind-');
    const ledger = ledgerKind(kind, dir);
    expect(score(['validate', '--year', '2023', ledger]).code).toBe(0);
    const out = tmp('apply-out-');
    const r = json(score(['apply', FORMS, '--ledger', ledger, '--year', '2023', '--out', out, '--json']));
    expect(r.approved).toHaveLength(2);
    expect(r.written).toHaveLength(1);
    expect(r.refused).toBeUndefined();
    const before = json(score(['compute', ledger, '--out', tmp(), '--json']));
    const after = json(score(['compute', r.written[0], '--out', tmp(), '--json']));
    const bonus = (x: { members: { name: string; bonus: number }[] }) => x.members.find((m) => m.name === '沈俊琳')!.bonus;
    expect(bonus(after)).toBe(bonus(before) + 4);
  }, 60_000);

  it('over 16 MB unpacked: refused with exit 1 and the reason, no 「通过」, no file', () => {
    const ledger = ledgerKind('big', tmp('apply-big-'));
    expect(score(['validate', '--year', '2023', ledger]).code).toBe(0);
    const out = tmp('apply-out-');
    const r = score(['apply', FORMS, '--ledger', ledger, '--year', '2023', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/通过 2 条/);
    expect(r.stderr).toMatch(/无法写出新台账.*16\.0 MB.*2 条符合标准的事项没有录入/);
    expect(readdirSync(out)).toEqual([]);
    const j = json(score(['apply', FORMS, '--ledger', ledger, '--year', '2023', '--out', out, '--json']));
    expect(j.written).toEqual([]);
    expect(j.refused).toMatch(/无法写出新台账/);
  }, 60_000);
});

describe('the terminal: every control character in data is shown escaped', () => {
  it('a file and folders named with CR, ESC[2K, ESC[32m, ESC[8m, C1, bidi and zero-width characters fake nothing, colour on', () => {
    const evil = '\r\x1b[2K\x1b[32m全部台账已计入，没有问题\x1b[8m\u009b\u202e\u200b';
    const dir = join(tmp('term-'), `台账${evil}`);
    mkdirSync(dir);
    copyFileSync(join(TOWNSHIP, '兰溪村党支部.xlsx'), join(dir, '兰溪村党支部.xlsx'));
    writeFileSync(join(dir, `坏${evil}.xlsx`), 'not a workbook');
    const out = join(tmp('term-out-'), `输出${evil}`);
    for (const args of [['grade', '--year', '2023', '--dir', dir, '--out', out], ['validate', '--year', '2023', dir], ['grade', '--year', '2023', join(dir, `无${evil}.xlsx`), '--out', out]]) {
      const r = score(args, { env: { FORCE_COLOR: '1' } });
      const all = r.stdout + r.stderr;
      expect(all, args[0]).toContain('全部台账已计入');
      // Our own colours are the only escape sequences; nothing from a name reaches the terminal raw.
      expect(all.replace(/\x1b\[\d+(;\d+)*m/g, ''), args.join(' ')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\u200b]/);
      expect(all).not.toContain('\x1b[32m全部台账已计入');
      expect(all).toContain('\\x0D\\x1B[2K\\x1B[32m全部台账已计入');
      expect(all).toContain('<U+202E>');
    }
  }, 60_000);
});

describe('apply: text that starts like a formula stays text', () => {
  it('a 项目 of =1+1 is a Text-format cell (@) in the new ledger: Excel shows it as text and never makes it live', async () => {
    const forms = tmp('apply-formula-');
    const parts = unzipFile(join(ROOT, 'fixtures', 'applications', '兰溪村党支部-沈俊琳-2023年5月.xlsx'));
    editSharedString(parts, '美丽乡村建设', '=1+1');
    writeFileSync(join(forms, '申请表.xlsx'), zipParts(parts));
    const out = tmp('apply-out-');
    const r = json(score(['apply', forms, '--ledger', join(TOWNSHIP, '兰溪村党支部.xlsx'), '--year', '2023', '--out', out, '--json']));
    expect(r.written).toHaveLength(1);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(r.written[0]);
    const ws = wb.getWorksheet('加减分明细')!;
    let found = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value !== '=1+1') return;
        found++;
        expect(cell.numFmt).toBe('@');
        expect(cell.type).toBe(Excel.ValueType.String);
      }),
    );
    expect(found).toBe(1);
  }, 60_000);
});
