// Issue #13, the rest: special files and paths, --scheme files, a single-file command on a workbook
// only exceljs would read (bounded, never an abort), terminal escapes, CDATA and hidden sheets read
// as Excel shows them by both readers, and one batch one scheme.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitBatch } from '../../src/batch/split.js';
import type { LoadedLedger } from '../../src/batch/inputs.js';
import { loadScheme } from '../../src/scheme/load.js';
import { ensureBuilt, tmp } from '../helpers/cli.js';
import { fallbackWorkbook, GOOD, goodDir, goodPart, gradeArgs, HOSTILE_BASE, hostileParts, write } from '../helpers/hostile.js';
import { measured } from '../helpers/measure.js';
import { editSharedString, setText, text, zipParts } from '../helpers/zip-parts.js';

let baseline: string;

beforeAll(async () => {
  ensureBuilt();
  baseline = goodPart((await measured(gradeArgs([goodDir()]))).stdout);
}, 60_000);

const quick = (r: { cpuSeconds: number; ms: number; peakMb: number }): void => {
  expect(r.cpuSeconds).toBeLessThan(5);
  expect(r.ms).toBeLessThan(20_000);
  expect(r.peakMb).toBeLessThan(512);
};

describe('special files and paths', () => {
  it('a FIFO named f.xlsx given directly is refused by its type, without blocking; the batch goes on', async () => {
    const dir = goodDir();
    execFileSync('mkfifo', [join(dir, 'f.xlsx')]);
    const r = await measured(gradeArgs([...GOOD.map((g) => join(dir, g)), join(dir, 'f.xlsx')]));
    expect(r.code).toBe(1);
    quick(r);
    expect(goodPart(r.stdout)).toBe(baseline);
    const res = JSON.parse(r.stdout);
    expect(res.excluded.map((e: { file: string }) => e.file.split('/').pop())).toEqual(['f.xlsx']);
    expect(res.issues.find((i: { file: string }) => i.file.endsWith('f.xlsx')).message).toMatch(/管道/);
    const v = await measured(['validate', join(dir, 'f.xlsx')]);
    expect(v.code).toBe(1);
    quick(v);
  }, 60_000);

  it('a device (/dev/zero) given as a workbook is refused by its type', async () => {
    const r = await measured(['validate', '/dev/zero']);
    expect(r.code).toBe(1);
    quick(r);
    expect(r.stdout + r.stderr).toMatch(/设备/);
  }, 30_000);

  it.each(['/proc/x', '/sys/x/y', '/dev/x'])('--out %s is a usage error (exit 2), never a loop', async (out) => {
    const r = await measured(['grade', '--year', '2023', '--dir', goodDir(), '--out', out]);
    expect(r.code).toBe(2);
    quick(r);
    expect(r.stderr).toMatch(/用法错误.*系统目录/);
  }, 30_000);

  it('scheme init --out under /proc ends with a message, never a loop (its save makes folders one level at a time too)', async () => {
    const r = await measured(['scheme', 'init', '--out', '/proc/x/我的方案.json']);
    expect(r.code).toBe(1);
    quick(r);
    expect(r.stderr).toMatch(/写出失败/);
  }, 30_000);

  it.each([
    ['/dev/zero', /不是普通文件/],
    ['/dev/stdin', /不是普通文件/],
    ['/proc/self/environ', /不是有效的 JSON/],
    ['/etc/passwd', /不是有效的 JSON/],
  ])('--scheme %s: a usage error naming the file, its content never quoted', async (file, why) => {
    const r = await measured(['grade', '--year', '2023', '--dir', goodDir(), '--out', tmp(), '--scheme', file]);
    expect(r.code).toBe(2);
    quick(r);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).not.toMatch(/root:|IS_SANDBOX|PATH=|HOME=|Unexpected token/);
  }, 30_000);

  it('--scheme with a file over 1 MB is refused by its size, and a real scheme file is still used', async () => {
    const big = join(tmp(), 'big.json');
    writeFileSync(big, ' '.repeat(1024 * 1024 + 1));
    const r = await measured(['grade', '--year', '2023', '--dir', goodDir(), '--out', tmp(), '--scheme', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/超过 1 MB/);
    const ok = await measured(['grade', '--year', '2023', '--dir', goodDir(), '--out', tmp(), '--json', '--scheme', 'src/scheme/builtin/township.json']);
    expect(ok.code).toBe(0);
    expect(goodPart(ok.stdout)).toBe(baseline);
  }, 60_000);
});

describe('a single-file command on a workbook only exceljs would read', () => {
  it.each(['validate', 'compute'])('%s: refused with a reason, under 512 MB, no abort', async (command) => {
    const file = write(tmp(), fallbackWorkbook(70_000));
    const r = await measured([command, file, ...(command === 'compute' ? ['--period', '2023'] : [])]);
    expect(r.code).toBe(1);
    quick(r);
    expect(r.stdout + r.stderr).toMatch(/READ_TOO_LARGE_FOR_EXCELJS|完整读取的上限/);
    expect(r.stderr).not.toMatch(/FATAL|heap out of memory/);
  }, 60_000);
});

describe('terminal output', () => {
  const NAME = '胡\u202e娟\u200b';
  let file: string;
  beforeAll(() => {
    const parts = hostileParts();
    editSharedString(parts, '胡娟', NAME);
    file = write(tmp(), zipParts(parts));
  });

  it.each([
    ['compute', (f: string) => ['compute', f, '--period', '2023']],
    ['explain', (f: string) => ['explain', NAME, '--ledger', f]],
    ['validate', (f: string) => ['validate', f]],
  ])('%s shows bidi and zero-width characters escaped, with a warning at the cell', async (_, args) => {
    const r = await measured(args(file));
    const all = r.stdout + r.stderr;
    expect(all).not.toMatch(/[\u202e\u200b\x1b]/);
    expect(all).toMatch(/<U\+202E>/);
  }, 30_000);

  it('--json keeps the name exact', async () => {
    const r = await measured(['compute', file, '--period', '2023', '--json']);
    const res = JSON.parse(r.stdout);
    expect(res.members.map((m: { name: string }) => m.name)).toContain('胡\u202e娟'); // the reader trims zero-width characters at the ends, as before
    expect(res.issues.map((i: { code: string }) => i.code)).toContain('READ_NAME_INVISIBLE');
    expect(r.stdout).not.toMatch(/[\u202e\u200b]/);
  }, 30_000);
});

describe('what Excel shows, in both readers', () => {
  const original = async (env: Record<string, string>): Promise<unknown> => JSON.parse((await measured(gradeArgs([HOSTILE_BASE]), env)).stdout).members;

  it.each<Record<string, string>>([{}, { SCORE_READER: 'exceljs' }])('a CDATA name is read as its text (%o)', async (env) => {
    const parts = hostileParts();
    editSharedString(parts, '胡娟', '<![CDATA[胡娟]]>');
    const r = await measured(gradeArgs([write(tmp(), zipParts(parts))]), env);
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout).members)).toBe(JSON.stringify(await original({})));
  }, 60_000);

  it.each<Record<string, string>>([{}, { SCORE_READER: 'exceljs' }])('a record sheet that exists only hidden is read, with a warning saying so (%o)', async (env) => {
    const parts = hostileParts();
    setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace('name="1月" state="visible"', 'name="1月" state="hidden"'));
    const r = await measured(gradeArgs([write(tmp(), zipParts(parts))]), env);
    const res = JSON.parse(r.stdout);
    expect(JSON.stringify(res.members)).toBe(JSON.stringify(await original({})));
    expect(res.issues).toContainEqual(expect.objectContaining({ code: 'READ_SHEET_HIDDEN', sheet: '1月', severity: 'warning' }));
  }, 60_000);
});

describe('one batch, one scheme', () => {
  it('a ledger of another scheme is left out, and the reason names both schemes and how many use each', () => {
    const township = loadScheme('township');
    const village = loadScheme('village');
    if (!township.ok || !village.ok) throw new Error('built-ins');
    const item = (file: string, scheme: typeof township.scheme): LoadedLedger => ({ file, scheme, diagnostics: [], ledger: { file, branch: file, info: {}, members: [], records: [], events: [], evaluations: [], sanctions: [] } });
    const b = splitBatch([item('a', township.scheme), item('b', township.scheme), item('c', village.scheme)], township.scheme);
    expect(b.ledgers.map((l) => l.file)).toEqual(['a', 'b']);
    expect(b.excluded).toHaveLength(1);
    expect(b.excluded[0]!.reason).toMatch(/village（本批 1 个台账）.*township（2 个台账）/);
  });
});


describe('hidden sheets in the other forms', () => {
  const form = (state: string): string => {
    const parts = [
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>') },
      { name: 'xl/workbook.xml', data: Buffer.from(`<workbook xmlns:r="r"><sheets><sheet name="申请表" sheetId="1" state="${state}" r:id="rId1"/></sheets></workbook>`) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>胡娟</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>申报事项</t></is></c><c r="B2" t="inlineStr"><is><t>申报分值</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>公益事业</t></is></c><c r="B3"><v>2</v></c></row></sheetData></worksheet>') },
    ];
    return write(tmp(), zipParts(parts), 'form.xlsx');
  };

  it.each(['hidden', 'veryHidden'])('a %s application sheet is named and not read', async (state) => {
    const { openForReading } = await import('../../src/excel/workbook.js');
    const { readApplication } = await import('../../src/excel/read/application.js');
    const visible = await openForReading(form('visible'));
    const hidden = await openForReading(form(state));
    if (!visible.ok || !hidden.ok) throw new Error('open');
    expect(readApplication('form.xlsx', visible.wb).applications).toHaveLength(1);
    const r = readApplication('form.xlsx', hidden.wb);
    expect(r.applications).toHaveLength(0);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['READ_NO_FORM', 'READ_SHEET_HIDDEN_SKIPPED']);
  });
});
