// A1 addresses (src/core/a1.ts): the one implementation the readers, writers and diagnostics share.
import { describe, expect, it } from 'vitest';
import { a1, colName, colNumber, parseA1 } from '../../src/core/a1.js';

describe('A1 addresses', () => {
  it.each([
    { name: 'first column', n: 1, letters: 'A' },
    { name: 'last single letter', n: 26, letters: 'Z' },
    { name: 'first double letter', n: 27, letters: 'AA' },
    { name: 'AZ → BA', n: 53, letters: 'BA' },
    { name: 'last double letter', n: 702, letters: 'ZZ' },
    { name: 'first triple letter', n: 703, letters: 'AAA' },
    { name: "Excel's last column", n: 16_384, letters: 'XFD' },
  ])('$name: $n ⇄ $letters', ({ n, letters }) => {
    expect(colName(n)).toBe(letters);
    expect(colNumber(letters)).toBe(n);
    expect(colNumber(letters.toLowerCase())).toBe(n);
  });

  it('every column up to XFD goes there and back', () => {
    for (let n = 1; n <= 16_384; n++) expect(colNumber(colName(n))).toBe(n);
  });

  it.each([
    { name: 'a plain cell', ref: 'B7', at: { col: 2, row: 7 } },
    { name: 'absolute', ref: '$AA$10', at: { col: 27, row: 10 } },
    { name: 'lower case', ref: 'c3', at: { col: 3, row: 3 } },
    { name: 'a range', ref: 'A1:B2', at: undefined },
    { name: 'no row', ref: 'A', at: undefined },
    { name: 'empty', ref: '', at: undefined },
  ])('parseA1: $name', ({ ref, at }) => {
    expect(parseA1(ref)).toEqual(at);
  });

  it('a1 writes what parseA1 reads', () => {
    expect(a1(28, 4)).toBe('AB4');
    expect(parseA1(a1(16_384, 1_048_576))).toEqual({ col: 16_384, row: 1_048_576 });
  });
});
