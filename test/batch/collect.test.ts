// isAtOrInside: the output-folder rule compares paths with node:path (relative/resolve), so it holds
// on Windows (drive letters, either separator, any case) as on Linux — never a '/' string prefix.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
