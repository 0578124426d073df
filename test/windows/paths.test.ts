// Path rules with Windows' own path module (path.win32) as well as this platform's: the output
// folder is never read as input, the drag-and-drop entry writes 输出 beside the folder.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside } from '../../src/batch/paths.js';
import { chooseYear, outputBeside } from '../../src/cli/drop.js';

describe('isInside (the output folder filter)', () => {
  it.each([
    ['C:\\台账\\输出\\2023年度评定结果.xlsx', 'C:\\台账\\输出', true],
    ['C:\\台账\\输出\\子\\a.xlsx', 'C:\\台账\\输出', true],
    ['c:\\台账\\输出\\A.XLSX', 'C:\\台账\\输出\\', true], // drive letters and names: no case on NTFS
    ['C:\\台账\\输出 2\\a.xlsx', 'C:\\台账\\输出', false],
    ['C:\\台账\\输出.xlsx', 'C:\\台账\\输出', false],
    ['C:\\台账\\第一支部.xlsx', 'C:\\台账\\输出', false],
    ['C:\\台账\\输出', 'C:\\台账\\输出', false],
    ['D:\\台账\\输出\\a.xlsx', 'C:\\台账\\输出', false],
    ['C:\\台账\\输出\\..\\a.xlsx', 'C:\\台账\\输出', false],
    ['C:\\台账\\输出\\..报表.xlsx', 'C:\\台账\\输出', true],
    ['\\\\server\\share\\台账\\输出\\a.xlsx', '\\\\server\\share\\台账\\输出', true],
  ])('win32: %s in %s → %s', (file, dir, inside) => {
    expect(isInside(file, dir, path.win32)).toBe(inside);
  });
  it.each([
    ['/home/台账/输出/a.xlsx', '/home/台账/输出', true],
    ['/home/台账/输出/', '/home/台账/输出', false],
    ['/home/台账/输出2/a.xlsx', '/home/台账/输出', false],
    ['/home/台账/a.xlsx', '/home/台账/输出', false],
  ])('posix: %s in %s → %s', (file, dir, inside) => {
    expect(isInside(file, dir, path.posix)).toBe(inside);
  });
});

describe('the drag-and-drop entry', () => {
  it('writes 输出 beside the dropped folder (Windows paths, spaces and Chinese)', () => {
    expect(outputBeside(['D:\\资料\\2023年 台账'], path.win32)).toBe('D:\\资料\\输出');
    expect(outputBeside(['D:\\资料\\2023年 台账\\第一支部.xlsx'], path.win32)).toBe('D:\\资料\\2023年 台账\\输出');
    expect(outputBeside(['/home/u/台账'], path.posix)).toBe('/home/u/输出');
  });
  it.each([
    [[2023, 2023, undefined], 2023, 'ledgers'],
    [[2022, 2023, 2023], 2023, 'latest'],
    [[undefined, undefined], 2026, 'none'],
    [[], 2026, 'none'],
  ] as const)('years %j → %i (%s)', (years, year, why) => {
    const c = chooseYear([...years], new Date(2026, 11, 1));
    expect(c.year).toBe(year);
    expect(c.why).toBe(why);
  });
});
