import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asDate, asId, asNumber, cellAddress, normaliseText, parseDateText, readValue, serialToIso } from '../../src/excel/cells.js';
import { headerMax, normaliseHeader } from '../../src/excel/header.js';
import { nameCellAddress } from '../../src/excel/read/common.js';

describe('readValue', () => {
  it.each([
    [85, '85', '85'],
    ['８５．５', '85.5', '85.5'],
    ['  9 ', '9', '9'],
    ['1,234.5', '1,234.5', '1234.5'],
    ['−2', '-2', '-2'],
    ['8分', '8分', '8'],
    [0.1 + 0.2, '0.30000000000000004', '0.3'],
    [{ formula: 'SUM(D3:G3)', result: 38 }, '38', '38'],
    [{ sharedFormula: 'D3', result: '７' }, '7', '7'],
    [{ richText: [{ text: '１' }, { text: '0' }] }, '10', '10'],
  ])('%j → text %s, number %s', (value, text, number) => {
    const c = readValue(value as never);
    expect(c.text).toBe(text);
    expect(c.number?.toString()).toBe(number);
  });

  it.each([
    [{ richText: [{ text: '张 ' }, { text: '  三' }] }, '张 三'],
    [{ text: '链接  文字', hyperlink: 'https://x' }, '链接 文字'],
    ['  党员\n 姓名 ', '党员 姓名'],
    [true, 'TRUE'],
    [null, ''],
  ])('%j → text %s', (value, text) => {
    const c = readValue(value as never);
    expect(c.text).toBe(text);
    expect(c.number).toBeUndefined();
  });

  it('flags formulas without a cached value and formula errors', () => {
    expect(readValue({ formula: 'SUM(D3:G3)' } as never)).toMatchObject({ problem: 'formula-no-cache', detail: '=SUM(D3:G3)' });
    expect(readValue({ formula: 'D3/0', result: { error: '#DIV/0!' } } as never)).toMatchObject({ problem: 'formula-error', detail: '#DIV/0!' });
    expect(readValue({ error: '#REF!' } as never)).toMatchObject({ problem: 'formula-error', text: '#REF!' });
  });
});

describe('asNumber', () => {
  it('blank is null, text is a problem', () => {
    expect(asNumber(readValue(null))).toEqual({ value: null });
    expect(asNumber(readValue('abc'))).toEqual({ value: null, problem: 'not-a-number' });
    expect(asNumber(readValue('8.5.1'))).toEqual({ value: null, problem: 'not-a-number' });
    expect(asNumber(readValue({ formula: 'A1' } as never)).problem).toBe('formula-no-cache');
  });
});

describe('dates', () => {
  it.each([
    [new Date(Date.UTC(2023, 2, 5)), '2023-03-05'],
    [new Date(Date.UTC(2023, 2, 4, 23, 59, 59, 800)), '2023-03-05'],
    [45000, '2023-03-15'],
    [44995, '2023-03-10'],
    ['2023-3-5', '2023-03-05'],
    ['2023/03/05', '2023-03-05'],
    ['2023.3.5', '2023-03-05'],
    ['2023年3月5日', '2023-03-05'],
    ['２０２３年３月５日', '2023-03-05'],
    ['2023-03-05 00:00:00', '2023-03-05'],
    ['20230305', '2023-03-05'],
    [{ formula: 'TODAY()', result: new Date(Date.UTC(2023, 0, 9)) }, '2023-01-09'],
  ])('%j → %s', (value, iso) => {
    expect(asDate(readValue(value as never))).toEqual({ value: iso });
  });

  it.each(['2023-13-01', '2023-02-30', '三月五日', '2023', 'abc'])('%s is a bad date', (text) => {
    expect(asDate(readValue(text)).problem).toBe('bad-date');
  });

  it('serials follow Excel', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(parseDateText('2024.2.29')).toBe('2024-02-29');
    expect(parseDateText('2023.2.29')).toBeUndefined();
  });
});

describe('ids', () => {
  it('keeps IDs as text and warns when a long number lost digits', () => {
    expect(asId(readValue('110101199001011234'))).toEqual({ value: '110101199001011234' });
    expect(asId(readValue('D001'))).toEqual({ value: 'D001' });
    expect(asId(readValue(1001))).toEqual({ value: '1001' });
    // biome-ignore lint/correctness/noPrecisionLoss: the point: an 18-digit ID stored as a number has lost its digits
    const lost = asId(readValue(110101199001011234));
    expect(lost.problem).toBe('id-precision');
  });
});

describe('header text', () => {
  it.each([
    ['学习教育(10分)', '学习教育'],
    ['学习教育（10分）', '学习教育'],
    ['遵纪守法\n（40分）', '遵纪守法'],
    ['党员 姓名', '党员姓名'],
    ['姓名：', '姓名'],
    ['依据/备注', '依据/备注'],
    ['(10分)', '(10分)'],
  ])('%s → %s', (raw, norm) => {
    expect(normaliseHeader(raw)).toBe(norm);
  });

  // normaliseHeader gives names (Chinese characters only) and scores (ASCII digits, letters, . and -)
  // back without its memo or its regular expressions: the same answer as the full normalisation.
  it('gives names, scores and any text the same answer as the full normalisation', () => {
    const full = (s: string): string => {
      let t = s.normalize('NFKC').replace(/[\s\u3000\u200B-\u200D\uFEFF]+/g, '');
      for (;;) {
        const next = t.replace(/\([^()]*\)$/, '').replace(/[:：*＊]+$/, '').replace(/(?<=[^\d.])(?:满分)?\d+(?:\.\d+)?分$/u, '');
        if (next === t || next === '') break;
        t = next;
      }
      return t;
    };
    const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
    const ascii = fc.constantFrom(...'0123456789.-abcXYZ'.split(''));
    const other = fc.constantFrom('分', '满', '(', ')', '（', '）', ':', '：', '*', ' ', '\u3000', '８', 'Ａ', '\uF900', '\u2F00');
    const text = fc.array(fc.oneof(cjk, ascii, other), { maxLength: 8 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(fc.array(cjk, { maxLength: 6 }).map((a) => a.join('')), fc.array(ascii, { maxLength: 8 }).map((a) => a.join('')), text), (s) => normaliseHeader(s) === full(s)), { numRuns: 3000 });
    for (const s of ['学习教育10分', '学习教育（10分）', '姓名', '张三', '85.5', '-3', '10分', '\uF900']) expect(normaliseHeader(s)).toBe(full(s));
  });

  it('reads the maximum in a header', () => {
    expect(headerMax('履行党员义务（40分）')).toBe(40);
    expect(headerMax('加分项')).toBeUndefined();
  });

  it('addresses', () => {
    expect(cellAddress(7, 4)).toBe('D7');
    expect(cellAddress(1, 27)).toBe('AA1');
    expect(cellAddress(3, 702)).toBe('ZZ3');
    expect(normaliseText('\u3000 a  b ')).toBe('a b');
  });
});

describe('nameCellAddress (the rows\' places, kept)', () => {
  it('is cellAddress for any row and column, within the kept ones and past them', () => {
    // Rows past the sheet limit and more columns than are kept take the plain path; asked twice, the same text.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_048_576 }), fc.integer({ min: 1, max: 40 }), (row, col) => {
        expect(nameCellAddress(row, col)).toBe(cellAddress(row, col));
        expect(nameCellAddress(row, col)).toBe(cellAddress(row, col));
      }),
      { numRuns: 2000 },
    );
  });
});
