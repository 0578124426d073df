// Issue #13: one branch's file cannot change another branch's result. Each hostile workbook is
// made here from a real fixture and graded in a batch with two good ledgers: the good ledgers'
// --json is byte-identical to the batch without it, the hostile one is left out with its code,
// and the run exits 1 within 5 s of CPU under 512 MB peak memory (/usr/bin/time). Wall time is
// only bounded loosely (20 s): eight engineers share two cores, and a hang is what it must catch.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, tmp } from '../helpers/cli.js';
import { measured } from '../helpers/measure.js';
import { fallbackWorkbook, forceFallback, goodDir, goodPart, gradeArgs, HOSTILE_BASE, hostileParts, write } from '../helpers/hostile.js';
import { editSharedString, editSheet, sheetPart, setText, text, zipParts, type ZipPart } from '../helpers/zip-parts.js';

let baseline: string;

beforeAll(async () => {
  ensureBuilt();
  const r = await measured(gradeArgs([goodDir()]));
  expect(r.code).toBe(0);
  baseline = goodPart(r.stdout);
  expect(JSON.parse(r.stdout).members.length).toBeGreaterThan(40);
}, 60_000);

/** Adds a sheet (a copy of `copyOf` with its scores changed) at the start of the workbook. */
function addSheet(parts: ZipPart[], name: string, copyOf: string, state: 'visible' | 'hidden' | 'veryHidden'): void {
  const part = sheetPart(parts, copyOf);
  setText(parts, 'xl/worksheets/sheet99.xml', text(parts, part).replace(/<v>(\d+)<\/v><\/c><c r="E/g, '<v>0</v></c><c r="E'));
  setText(parts, 'xl/_rels/workbook.xml.rels', text(parts, 'xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'));
  setText(parts, '[Content_Types].xml', text(parts, '[Content_Types].xml').replace('</Types>', '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'));
  setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace('<sheets>', `<sheets><sheet sheetId="99" name="${name}" state="${state}" r:id="rId99"/>`));
}

/** A stored (uncompressed) zip of `parts` with bytes of `part` changed in place: the CRC no longer matches. */
function storedWithChangedBytes(parts: ZipPart[], part: string, from: string, to: string): Buffer {
  const buf = zipParts(parts, true);
  const data = parts.find((p) => p.name === part)!.data;
  const at = buf.indexOf(data);
  const inPart = data.indexOf(Buffer.from(from));
  expect(at).toBeGreaterThan(0);
  expect(inPart).toBeGreaterThan(0);
  Buffer.from(to).copy(buf, at + inPart);
  return buf;
}

interface Case {
  name: string;
  make: (dir: string) => void;
  /** The diagnostic code the hostile file is reported with (or a reason for left-out files without one). */
  code?: string;
  reason?: RegExp;
  /** Text that must appear nowhere in the output (a quoted file, a raw library error). */
  never?: RegExp;
  env?: Record<string, string>;
}

const withScheme = (scheme: string) => (dir: string): void => {
  const parts = hostileParts();
  editSharedString(parts, 'township', scheme);
  write(dir, zipParts(parts));
};

const attackerScheme = (): string => {
  const d = tmp('scheme-');
  const s = JSON.parse(readFileSync(join(ROOT, 'src', 'scheme', 'builtin', 'township.json'), 'utf8'));
  mkdirSync(join(d, '台账'));
  writeFileSync(join(d, '台账', '说明.json'), JSON.stringify({ ...s, grading: { ...s.grading, quota: undefined } }));
  return join(d, '台账', '说明.json');
};

const name = (to: string) => (dir: string): void => {
  const parts = hostileParts();
  editSharedString(parts, '胡娟', to);
  write(dir, zipParts(parts));
};

const CASES: Case[] = [
  { name: '说明 names a scheme file (a copy of township)', make: (dir) => withScheme(attackerScheme())(dir), code: 'INPUT_BAD_SCHEME' },
  { name: '说明 names /dev/zero', make: withScheme('/dev/zero'), code: 'INPUT_BAD_SCHEME' },
  { name: '说明 names /dev/stdin', make: withScheme('/dev/stdin'), code: 'INPUT_BAD_SCHEME' },
  { name: '说明 names /proc/self/environ', make: withScheme('/proc/self/environ'), code: 'INPUT_BAD_SCHEME', never: /IS_SANDBOX|PATH=|HOME=/ },
  { name: '说明 names /etc/passwd', make: withScheme('/etc/passwd'), code: 'INPUT_BAD_SCHEME', never: /root:|Unexpected token/ },
  ...(['1月 ', '１月', '1月'] as const).flatMap((n) =>
    (['hidden', 'veryHidden', 'visible'] as const).map((state) => ({
      name: `a ${state} sheet 「${n}」 before 1月`,
      make: (dir: string) => {
        const parts = hostileParts();
        addSheet(parts, n, '1月', state);
        write(dir, zipParts(parts));
      },
      code: 'READ_SHEET_SAME_NAME',
    })),
  ),
  {
    name: 'a duplicate zip entry for a sheet (the last copy changed)',
    make: (dir) => {
      const parts = hostileParts();
      const p = sheetPart(parts, '1月');
      parts.push({ name: p, data: Buffer.from(text(parts, p).replace(/<v>8<\/v>/g, '<v>10</v>')) });
      write(dir, zipParts(parts));
    },
    code: 'READ_ZIP_DUPLICATE',
  },
  {
    name: 'a stored zip with two digits of a score changed (CRC-32 no longer matches)',
    make: (dir) => {
      const parts = hostileParts();
      write(dir, storedWithChangedBytes(parts, sheetPart(parts, '3月'), '<v>8</v>', '<v>9</v>'));
    },
    code: 'READ_CORRUPT_ZIP',
  },
  {
    name: 'a stored zip with a byte of a name flipped (would read 「�」)',
    make: (dir) => {
      const parts = hostileParts();
      const buf = zipParts(parts, true);
      const at = buf.indexOf(Buffer.from('胡娟'));
      buf[at]! ^= 0x40;
      write(dir, buf);
    },
    code: 'READ_CORRUPT_ZIP',
  },
  { name: 'a name holding U+FFFD', make: name('胡\ufffd娟'), code: 'READ_NAME_DAMAGED' },
  { name: 'a name with ANSI and OSC escapes', make: name('胡娟&#27;[2J&#27;]0;pwned&#7;'), code: 'READ_NAME_CONTROL', never: /\x1b|\x07/ },
  { name: 'a name of zero-width characters only', make: name('\u200b\u200d'), code: 'READ_NAME_EMPTY' },
  { name: 'a name of 51 characters', make: name('胡'.repeat(51)), code: 'READ_NAME_TOO_LONG' },
  { name: 'a name of 40,000 characters (over Excel’s 32,767)', make: name('胡'.repeat(40_000)), code: 'READ_TEXT_TOO_LONG' },
  {
    name: 'a 支部 of 1 MB',
    make: (dir) => {
      const parts = hostileParts();
      editSharedString(parts, '河口村党支部', '河'.repeat(1024 * 1024));
      write(dir, zipParts(parts));
    },
    code: 'READ_NAME_TOO_LONG',
  },
  {
    name: 'a 依据 of 40,000 characters (over Excel’s 32,767)',
    make: (dir) => {
      const parts = hostileParts();
      editSharedString(parts, '群众反映核实', 'x'.repeat(40_000));
      write(dir, zipParts(parts));
    },
    code: 'READ_TEXT_TOO_LONG',
  },
  ...['0x0A', 'Infinity', '1_000'].map((v) => ({
    name: `a score written <v>${v}</v>`,
    make: (dir: string) => {
      const parts = hostileParts();
      editSheet(parts, '2月', (x) => x.replace('<v>8</v>', `<v>${v}</v>`));
      write(dir, zipParts(parts));
    },
    code: 'READ_NOT_A_NUMBER',
  })),
  ...['0x0A', 'Infinity'].map((v) => ({
    name: `a score written <v>${v}</v> in a workbook only exceljs reads (a processing instruction in every sheet)`,
    make: (dir: string) => {
      const parts = hostileParts();
      for (const p of parts) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(p.name)) p.data = Buffer.from(p.data.toString('utf8').replace('<sheetData>', '<sheetData><?score pi?>'));
      editSheet(parts, '2月', (x) => x.replace('<v>8</v>', `<v>${v}</v>`));
      write(dir, zipParts(parts));
    },
    code: 'READ_NOT_A_NUMBER',
  })),
  {
    name: 'a damaged deflate stream (zlib: invalid distance too far back)',
    make: (dir) => {
      const buf = Buffer.from(readFileSync(HOSTILE_BASE));
      const at = buf.indexOf(Buffer.from('xl/sharedStrings.xml')) + 40;
      for (let i = 0; i < 30; i++) buf[at + 200 + i]! ^= 0x55;
      write(dir, buf);
    },
    code: 'READ_CORRUPT_ZIP',
    never: /invalid|distance|too far/i,
  },
  {
    name: 'a cell at column XFE read by exceljs (「Out of bounds. Invalid column letter」)',
    make: (dir) => {
      const parts = hostileParts();
      editSheet(parts, '名册', (x) => x.replace('<sheetData>', '<sheetData><?pi forces the fallback?>').replace('</row>', '<c r="XFE2"><v>1</v></c></row>'));
      write(dir, zipParts(parts));
    },
    code: 'READ_EXCEL_FAILED',
    never: /Out of bounds|Invalid column|Cannot read/,
  },
  {
    name: 'a 20 MB (unpacked) workbook only exceljs would read (the heap-exhausting case)',
    make: (dir) => write(dir, fallbackWorkbook(70_000)),
    code: 'READ_TOO_LARGE_FOR_EXCELJS',
  },
];

/** The same attacks read by the exceljs fallback (the lean reader gives up on the hostile file): both readers agree. */
const FALLBACK = CASES.filter((c) => /sheet 「|name|支部|依据/.test(c.name) && !/stored/.test(c.name)).map((c) => ({
  ...c,
  name: `${c.name}, read by exceljs`,
  make: (dir: string) => {
    c.make(dir);
    forceFallback(join(dir, 'hostile.xlsx'));
  },
  // &#27; is not allowed in XML 1.0: exceljs (and Excel) refuse the whole file, the lean reader the name.
  ...(c.code === 'READ_NAME_CONTROL' ? { code: 'READ_EXCEL_FAILED' } : {}),
}));

describe('a hostile file in a batch with two good ledgers', () => {
  it.each([...CASES, ...FALLBACK])('$name', async (c) => {
    const dir = goodDir();
    c.make(dir);
    const r = await measured(gradeArgs([dir]), c.env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.cpuSeconds).toBeLessThan(5);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.peakMb).toBeLessThan(512);
    expect(goodPart(r.stdout)).toBe(baseline);
    const res = JSON.parse(r.stdout) as { excluded: { file: string; reason: string }[]; issues: { file: string; code: string }[] };
    expect(res.excluded.map((e) => e.file.split(/[\\/]/).pop())).toEqual(['hostile.xlsx']);
    if (c.code) expect(res.issues.filter((i) => i.file.endsWith('hostile.xlsx')).map((i) => i.code)).toContain(c.code);
    if (c.reason) expect(res.excluded[0]!.reason).toMatch(c.reason);
    if (c.never) expect(r.stdout + r.stderr).not.toMatch(c.never);
    expect(r.stderr).not.toMatch(/\n\s+at |FATAL|heap out of memory/);
  }, 60_000);
});
