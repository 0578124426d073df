// Files as they arrive: .xls (Excel 97–2003), WPS .et and .xlsm read directly, sniffed by their
// first bytes and not by their names — through the spawned binary, on LibreOffice's own .xls
// copies of fixtures/township and fixtures/messy (tools/make-xls-fixtures.sh), graded to the same
// --json as the originals apart from the file names.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as X from '@e965/xlsx';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';
import { scoreAsync } from '../e2e/lib.js';

const FIX = join(ROOT, 'fixtures');
const XLS = join(FIX, 'xls');

beforeAll(() => ensureBuilt());

/** A run's --json with every file name reduced to its stem and folder names dropped: what must not differ is everything else. */
function comparable(stdout: string, dirs: string[]): unknown {
  let s = stdout;
  for (const d of dirs) s = s.split(JSON.stringify(d).slice(1, -1)).join('DIR');
  s = s.replace(/\.(xlsx|xlsm|xls|et)(?=["\\ ）)])/g, '');
  // The files written are named after the run's own --out folder; the stamp names the run's time
  // and each input's bytes (an .xls is other bytes than its .xlsx by design): its file list stays.
  const { written: _written, ...rest } = JSON.parse(s) as Record<string, unknown>;
  const stamp = rest.stamp as { time?: string; inputs?: { file: string; sha256?: string }[] } | undefined;
  if (stamp) {
    delete stamp.time;
    stamp.inputs = stamp.inputs?.map((i) => ({ file: i.file }));
  }
  return rest;
}

function copyAs(from: string, names: [string, string][]): string {
  const dir = tmp('score-xls-');
  for (const [src, dst] of names) copyFileSync(join(from, src), join(dir, dst));
  return dir;
}

describe('the committed copies are of the current fixtures', () => {
  it('SOURCES.sha256 matches fixtures/township and fixtures/messy (else run tools/make-xls-fixtures.sh)', () => {
    const lines = readFileSync(join(XLS, 'SOURCES.sha256'), 'utf8').trim().split('\n');
    const sources = [...readdirSync(join(FIX, 'township')), ...readdirSync(join(FIX, 'messy'))].filter((f) => f.endsWith('.xlsx'));
    expect(lines).toHaveLength(sources.length);
    for (const line of lines) {
      const [hash, file] = line.split(/\s+/);
      const now = createHash('sha256').update(readFileSync(join(FIX, file!))).digest('hex');
      expect(now, `${file} changed since fixtures/xls was made: run tools/make-xls-fixtures.sh`).toBe(hash);
      expect(existsSync(join(XLS, file!.replace(/\.xlsx$/, '.xls'))), file).toBe(true);
    }
  });

  it('the .xls copies are BIFF8 in an OLE2 file, not renamed .xlsx', () => {
    for (const f of readdirSync(join(XLS, 'township'))) {
      expect(readFileSync(join(XLS, 'township', f)).subarray(0, 8).toString('hex'), f).toBe('d0cf11e0a1b11ae1');
    }
  });
});

describe('.xls copies of fixtures/township grade to the same --json as the originals', () => {
  let original: ReturnType<typeof score>;
  beforeAll(() => {
    original = score(['grade', '--year', '2023', '--json', '--out', tmp(), join(FIX, 'township')]);
    expect(original.code, original.stderr).toBe(0);
  });

  it('.xls (Excel 97–2003, as LibreOffice saves them)', () => {
    const r = score(['grade', '--year', '2023', '--json', '--out', tmp(), join(XLS, 'township')]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).excluded).toEqual([]);
    expect(comparable(r.stdout, [join(XLS, 'township')])).toEqual(comparable(original.stdout, [join(FIX, 'township')]));
  });

  it('.et (WPS: BIFF8 or OOXML under another name) and .xls that is really .xlsx, mixed in one folder', () => {
    const names = readdirSync(join(FIX, 'township'));
    const dir = tmp('score-et-');
    // Alternate: a BIFF8 .et, an OOXML .et, an OOXML .xls, a BIFF8 .xls, an .xlsm, an .xlsx.
    names.forEach((n, i) => {
      const stem = n.replace(/\.xlsx$/, '');
      const [src, ext] = ([[join(XLS, 'township', `${stem}.xls`), '.et'], [join(FIX, 'township', n), '.et'], [join(FIX, 'township', n), '.xls'], [join(XLS, 'township', `${stem}.xls`), '.xls'], [join(FIX, 'township', n), '.xlsm'], [join(FIX, 'township', n), '.xlsx']] as const)[i % 6]!;
      copyFileSync(src, join(dir, stem + ext));
    });
    const r = score(['grade', '--year', '2023', '--json', '--out', tmp(), dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).map((f) => f.split('.').pop()).sort()).toEqual(['et', 'et', 'xls', 'xls', 'xlsm', 'xlsx']);
    expect(comparable(r.stdout, [dir])).toEqual(comparable(original.stdout, [join(FIX, 'township')]));
  });

  it('validate of the .xls copies: no error, no warning, as the originals', () => {
    const r = score(['validate', '--json', join(XLS, 'township')]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).issues).toEqual([]);
    expect(json(r).files).toHaveLength(6);
  });
});

describe('.xls copies of fixtures/messy: text numbers, dates in five spellings, formulas, hidden sheets read cell for cell alike', () => {
  it('validate --json of the folder', () => {
    const a = score(['validate', '--json', join(FIX, 'messy')]);
    const b = score(['validate', '--json', join(XLS, 'messy')]);
    expect(a.code, a.stderr).toBe(0);
    expect(readdirSync(join(XLS, 'messy'))).toHaveLength(10);
    expect(comparable(b.stdout, [join(XLS, 'messy')])).toEqual(comparable(a.stdout, [join(FIX, 'messy')]));
  });

  // Two of them are one branch's ledgers: computed one file at a time (spawned without blocking the test worker).
  it.each(readdirSync(join(FIX, 'messy')).filter((f) => f.endsWith('.xlsx')))('compute --json of %s', async (f) => {
    const a = await scoreAsync(['compute', '--period', '2023', '--json', '--out', tmp(), join(FIX, 'messy', f)]);
    const b = await scoreAsync(['compute', '--period', '2023', '--json', '--out', tmp(), join(XLS, 'messy', f.replace(/\.xlsx$/, '.xls'))]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(comparable(b.stdout, [join(XLS, 'messy')])).toEqual(comparable(a.stdout, [join(FIX, 'messy')]));
  });

  it('the text numbers of 04 are said for the .xls as for the .xlsx (the same warning, the same cell)', () => {
    const f = '04-文本数字-全角数字';
    const a = json(score(['validate', '--json', join(FIX, 'messy', `${f}.xlsx`)]));
    const b = json(score(['validate', '--json', join(XLS, 'messy', `${f}.xls`)]));
    const codes = (j: { issues: { code: string; sheet?: string; cell?: string }[] }) => j.issues.map((i) => `${i.code} ${i.sheet} ${i.cell}`);
    expect(codes(b)).toEqual(codes(a));
  });
});

describe('.xlsm: the same OOXML with a macro-enabled content type and a VBA project, read by the lean reader, macros never run', () => {
  it('grades as the .xlsx it was saved from, with both readers', () => {
    const a = score(['compute', '--period', '2023', '--json', '--out', tmp(), join(FIX, 'township', '柳湾村党支部.xlsx')]);
    expect(a.code, a.stderr).toBe(0);
    for (const env of [{}, { SCORE_READER: 'exceljs' }] as Record<string, string>[]) {
      const b = score(['compute', '--period', '2023', '--json', '--out', tmp(), join(XLS, '柳湾村党支部.xlsm')], { env });
      expect(b.code, b.stderr).toBe(0);
      expect(comparable(b.stdout, [XLS])).toEqual(comparable(a.stdout, [join(FIX, 'township')]));
    }
  });

  it('the fixture really holds a macro-enabled workbook and a VBA project', () => {
    const zip = readFileSync(join(XLS, '柳湾村党支部.xlsm')).toString('latin1');
    expect(zip).toContain('xl/vbaProject.bin');
    expect(zip).toContain('xl/workbook.xml');
  });
});

describe('OLE2 files that are not workbooks, and the limits', () => {
  it('a Word document named .xls is refused by what it is, exit 1', () => {
    const r = score(['validate', join(XLS, '不是表格.xls')]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('READ_OLE_NOT_WORKBOOK');
    expect(r.stdout + r.stderr).toContain('这是Word 文档（.doc），不是 Excel 工作簿');
    const en = score(['validate', '--lang', 'en', join(XLS, '不是表格.xls')]);
    expect(en.stdout + en.stderr).toContain('this is a Word document (.doc), not an Excel workbook');
  });

  it('a report per branch is named after the file without its .xls', () => {
    const out = tmp('score-xls-report-');
    const r = score(['validate', '--report-per-branch', '--out', out, '--json', join(XLS, '不是表格.xls')]);
    expect(r.code).toBe(1);
    // (the report's name starts with the date of the run)
    const names = readdirSync(out).filter((f) => f.endsWith('.xlsx'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/问题清单_不是表格\.xlsx$/);
  });

  it('in a folder, it is listed as not counted with its reason; the ledgers beside it are graded', () => {
    const dir = copyAs(join(XLS, 'township'), readdirSync(join(XLS, 'township')).map((f) => [f, f]));
    copyFileSync(join(XLS, '不是表格.xls'), join(dir, '不是表格.xls'));
    const r = score(['grade', '--year', '2023', '--out', tmp(), dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/未计入：不是表格\.xls — 这是Word 文档/);
    expect(r.stdout).toContain('6 个支部');
  });

  it('an .xls over the size limit is refused before it is parsed', () => {
    const dir = tmp('score-xls-big-');
    const big = Buffer.alloc(7 * 1024 * 1024);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(big);
    writeFileSync(join(dir, '大.xls'), big);
    const r = score(['validate', '--json', join(dir, '大.xls')]);
    expect(r.code).toBe(1);
    expect(json(r).issues[0]).toMatchObject({ code: 'READ_FILE_TOO_LARGE' });
    expect(json(r).issues[0].message).toContain('6.0 MB');
  });

  it('an .xls whose merges cover more than the limit is refused, as for an .xlsx', () => {
    const dir = tmp('score-xls-merge-');
    const ws = X.utils.aoa_to_sheet([['名册'], ['序号', '姓名']]);
    ws['!merges'] = [X.utils.decode_range('A3:IV65536')];
    const wb = X.utils.book_new();
    X.utils.book_append_sheet(wb, ws, '名册');
    writeFileSync(join(dir, '合并.xls'), X.write(wb, { type: 'buffer', bookType: 'biff8' }));
    const r = score(['validate', '--json', join(dir, '合并.xls')]);
    expect(r.code).toBe(1);
    expect(json(r).issues[0]).toMatchObject({ code: 'READ_MERGE_TOO_LARGE' });
  });

  it('a password-protected .xls is said to be one', () => {
    // An OLE2 file with an EncryptionInfo stream (how an encrypted .xlsx is stored) and one with an RC4 FilePass workbook.
    const dir = tmp('score-xls-enc-');
    const cfb = X.CFB.utils.cfb_new();
    X.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(64));
    X.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(512));
    writeFileSync(join(dir, '加密.xls'), X.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const r = score(['validate', '--json', join(dir, '加密.xls')]);
    expect(r.code).toBe(1);
    expect(json(r).issues[0]).toMatchObject({ code: 'READ_ENCRYPTED' });
  });
});

describe('score apply on an .xls ledger: it cannot write BIFF, so it says so and writes nothing', () => {
  it('exit 1, the Chinese fix, no 「已写出」 and no file', () => {
    const out = tmp('score-xls-apply-');
    const r = score(['apply', join(FIX, 'applications'), '--ledger', join(XLS, 'township', '兰溪村党支部.xls'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法写出新台账：这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件：score 能读取，但不能写回这种格式');
    expect(r.stderr).toContain('另存为 .xlsx 后重新运行');
    expect(r.stdout + r.stderr).not.toContain('已写出');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    const j = json(score(['apply', join(FIX, 'applications'), '--ledger', join(XLS, 'township', '兰溪村党支部.xls'), '--out', out, '--json']));
    expect(j.written).toEqual([]);
    expect(j.refused).toContain('不能写回这种格式');
  });

  it('an .xlsm ledger: the new ledger is an .xlsx (its macros are not kept)', () => {
    const dir = tmp('score-xlsm-apply-');
    copyFileSync(join(FIX, 'township', '兰溪村党支部.xlsx'), join(dir, '兰溪村党支部.xlsm'));
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = score(['apply', join(FIX, 'applications'), '--ledger', join(dir, '兰溪村党支部.xlsm'), '--out', out, '--json']);
    expect(json(r).written.map((w: string) => basename(w))).toEqual(['兰溪村党支部_已录入申请.xlsx']);
  });
});
