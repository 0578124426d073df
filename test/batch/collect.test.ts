// isAtOrInside: the output-folder rule compares paths with node:path (relative/resolve), so it holds
// on Windows (drive letters, either separator, any case) as on Linux — never a '/' string prefix.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../src/batch/collect.js';
import { setLang } from '../../src/batch/i18n.js';
import { leftOut } from '../../src/batch/messages.js';
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
