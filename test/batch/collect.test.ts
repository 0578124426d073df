// isAtOrInside: the output-folder rule compares paths with node:path (relative/resolve), so it holds
// on Windows (drive letters, either separator, any case) as on Linux — never a '/' string prefix.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs, collectOne } from '../../src/batch/collect.js';
import { UsageError } from '../../src/batch/exit.js';
import { setLang } from '../../src/batch/i18n.js';
import { leftOut, say } from '../../src/batch/messages.js';
import { PREVIOUS_DIR } from '../../src/batch/stamp.js';
import { zip } from '../../src/excel/lean/zip.js';
import { isAtOrInside } from '../../src/batch/paths.js';

describe('isAtOrInside (the output-folder rule of collect.ts)', () => {
  it.each([
    ['C:\\台账\\输出', 'C:\\台账\\输出', true],
    ['C:\\台账\\输出', 'C:\\台账\\输出\\2023', true],
    ['C:\\台账\\输出', 'c:\\台账\\输出\\x.xlsx', true],
    ['C:\\台账\\输出', 'C:/台账/输出/x.xlsx', true],
    ['C:\\台账\\输出', 'C:\\台账\\输出2', false],
    ['C:\\台账\\输出', 'C:\\台账', false],
    ['C:\\台账\\输出', 'D:\\台账\\输出', false],
    ['C:\\台账\\输出', 'C:\\台账\\..输出', false],
  ])('win32: %s contains %s → %s', (parent, child, want) => {
    expect(isAtOrInside(child, parent, path.win32)).toBe(want);
  });
  it.each([
    ['/data/台账/输出', '/data/台账/输出/a.xlsx', true],
    ['/data/台账/输出', '/data/台账/输出', true],
    ['/data/台账/输出', '/data/台账/输出2/a.xlsx', false],
    ['/data/台账/输出', '/data/台账/..输出/a.xlsx', false],
    ['/data/台账/输出/', '/data/台账/输出/../a.xlsx', false],
  ])('posix: %s contains %s → %s', (parent, child, want) => {
    expect(isAtOrInside(child, parent, path.posix)).toBe(want);
  });
});

// Files a folder holds that are not read: each left out with its catalogue code, reason and fix
// (src/batch/messages.ts), in process: collectInputs over a made-up folder.
describe('files left out of a folder, by code', () => {
  const made = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-collect-'));
    const outside = mkdtempSync(join(tmpdir(), 'score-collect-outside-'));
    writeFileSync(join(dir, '表格.ods'), 'ods');
    writeFileSync(join(dir, '台账.xlsx '), 'x');
    writeFileSync(join(dir, '.台账.xlsx'), 'x');
    symlinkSync(join(dir, 'gone.xlsx'), join(dir, '断链.xlsx'));
    writeFileSync(join(outside, '别处.xlsx'), 'x');
    symlinkSync(join(outside, '别处.xlsx'), join(dir, '链接.xlsx'));
    // A socket named like a workbook: a file that is not a regular file (as a pipe or a device is).
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'f.xlsx'), resolve));
    return { dir, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  };
  it.each([
    { code: 'INPUT_OTHER_FORMAT', file: '表格.ods', reason: 'OpenDocument 表格（.ods）不能读取', fix: '用 Excel 或 WPS 打开「表格.ods」' },
    { code: 'INPUT_NAME_TRAILING', file: '台账.xlsx ', reason: '文件名末尾有空格或句点', fix: '把文件重命名为「台账.xlsx」' },
    { code: 'INPUT_HIDDEN_FILE', file: '.台账.xlsx', reason: '隐藏文件', fix: '去掉名称开头的「.」' },
    { code: 'INPUT_LINK_BROKEN', file: '断链.xlsx', reason: '指向的文件不存在', fix: '删除这个链接' },
    { code: 'INPUT_LINK_OUTSIDE', file: '链接.xlsx', reason: '指向文件夹以外', fix: '把台账本身复制到文件夹里' },
    { code: 'INPUT_NOT_REGULAR', file: 'f.xlsx', reason: '不是普通文件（管道、设备或套接字）', fix: '作为普通文件保存' }, // a socket
  ])('$code: $file', async ({ code, file, reason, fix }) => {
    setLang('zh');
    const { dir, close } = await made();
    const got = (await collectInputs([dir])).excluded.find((e) => e.file.endsWith(`/${file}`));
    await close();
    expect(got, file).toBeDefined();
    expect(got?.code).toBe(code);
    expect(got?.reason).toContain(reason);
    expect(got?.fix).toContain(fix);
  });
});

// Ledgers a batch leaves out after reading: another year, another scheme (gather.ts, split.ts).
describe('ledgers left out of a batch, by code', () => {
  it.each([
    { code: 'INPUT_OTHER_YEAR' as const, params: { found: 2022, want: 2023 }, reason: '「说明」表的年度是 2022，不是 2023', fix: '这是 2022 年度的台账：移到别的文件夹，或用 --year 2022 单独处理' },
    {
      code: 'INPUT_OTHER_SCHEME' as const,
      params: { scheme: 'vanguard', own: 1, batchScheme: 'township', batch: 5 },
      reason: '使用的方案是 vanguard（本批 1 个台账），与本批评定所用的 township（5 个台账）不同：一批只按一个方案评定',
      fix: '请把 vanguard 的台账放到另一个文件夹单独处理，或改正其「说明」表的方案',
    },
  ])('$code', ({ code, params, reason, fix }) => {
    setLang('zh');
    expect(leftOut('x.xlsx', code, params)).toEqual({ file: 'x.xlsx', code, reason, fix });
    setLang('en');
    expect(leftOut('x.xlsx', code, params).reason).not.toMatch(/[\u4e00-\u9fff]{3}/);
    setLang('zh');
  });
});

// Files and folders passed by with a note (no action needed), and the usage errors of the paths
// given: each text is its catalogue entry's (src/batch/messages.ts), in both languages.
describe('notes and usage errors of the paths given, by code', () => {
  const made = () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-notes-'));
    mkdirSync(join(dir, '输出'));
    mkdirSync(join(dir, 'own'));
    mkdirSync(join(dir, PREVIOUS_DIR));
    writeFileSync(join(dir, '~$台账.xlsx'), 'lock');
    writeFileSync(join(dir, '台账.xlsx'), 'x');
    symlinkSync(join(dir, '台账.xlsx'), join(dir, '快捷.xlsx'));
    // A workbook score wrote (its docProps/app.xml names score), in the output folder read as the input.
    writeFileSync(join(dir, 'own', '评定结果.xlsx'), zip([{ name: 'docProps/app.xml', data: Buffer.from('<Properties><Application>score</Application></Properties>') }]));
    return dir;
  };
  it.each([
    { code: 'INPUT_NOTE_LOCK_FILE' as const, params: (d: string) => ({ file: join(d, '~$台账.xlsx') }), zh: '临时锁文件' },
    { code: 'INPUT_NOTE_OUTPUT_FOLDER' as const, params: (d: string) => ({ dir: join(d, '输出') }), zh: '不读取输出文件夹' },
    { code: 'INPUT_NOTE_PREVIOUS_FOLDER' as const, params: (d: string) => ({ dir: join(d, PREVIOUS_DIR) }), zh: '上一版输出' },
    { code: 'INPUT_NOTE_LINK' as const, params: (d: string) => ({ link: join(d, '快捷.xlsx'), target: join(realpathSync(d), '台账.xlsx') }), zh: '按原文件读取一次' },
  ])('$code', async ({ code, params, zh }) => {
    const dir = made();
    for (const l of ['zh', 'en'] as const) {
      setLang(l);
      const notes = (await collectInputs([dir], { outDir: join(dir, '输出') })).notes;
      expect(notes).toContain(say(code, params(dir)));
    }
    setLang('zh');
    expect(say(code, params(dir))).toContain(zh);
  });

  it('INPUT_NOTE_OWN_RESULT: a result score wrote, in the output folder read as the input', async () => {
    const dir = made();
    setLang('zh');
    const c = await collectInputs([join(dir, 'own')], { outDir: join(dir, 'own') });
    expect(c.files).toEqual([]);
    expect(c.notes).toEqual([say('INPUT_NOTE_OWN_RESULT', { file: join(dir, 'own', '评定结果.xlsx') })]);
    expect(c.notes[0]).toContain('本程序写出的结果，不是台账');
  });

  it('INPUT_PATH_NOT_FOUND and INPUT_OPTION_IS_FOLDER are usage errors (exit 2) with the entry\'s text', async () => {
    const dir = made();
    for (const l of ['zh', 'en'] as const) {
      setLang(l);
      const missing = await collectInputs([join(dir, '没有.xlsx')]).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(UsageError);
      expect((missing as Error).message).toBe(say('INPUT_PATH_NOT_FOUND', { path: join(dir, '没有.xlsx') }));
      const folder = await collectOne(dir, '--ledger').catch((e: unknown) => e);
      expect(folder).toBeInstanceOf(UsageError);
      expect((folder as Error).message).toBe(say('INPUT_OPTION_IS_FOLDER', { option: '--ledger', file: dir }));
    }
    setLang('zh');
    expect(say('INPUT_PATH_NOT_FOUND', { path: 'x' })).toBe('找不到文件或文件夹：x');
  });
});
