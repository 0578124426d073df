// Titles name the organisation once: no 「兰溪村党支部1党支部」, no 「中共中共…」.
import { describe, expect, it } from 'vitest';
import { branchTitle, committeeName } from '../../src/excel/write/titles.js';
import { cellPoints, lineCount, rowHeight, textEm, widthFor } from '../../src/excel/fit.js';

describe('branchTitle', () => {
  it.each([
    ['第一', '第一党支部'],
    ['兰溪村党支部', '兰溪村党支部'],
    ['兰溪村党支部1', '兰溪村党支部1'],
    ['镇直机关党总支', '镇直机关党总支'],
    ['第一支部', '第一支部'],
    [' 松山村 ', '松山村党支部'],
  ])('%s → %s', (name, title) => expect(branchTitle(name)).toBe(title));
});

describe('committeeName', () => {
  it.each([
    ['第一支部', '中共第一支部委员会'],
    ['兰溪村', '中共兰溪村支部委员会'],
    ['兰溪村党支部', '中共兰溪村党支部委员会'],
    ['中共兰溪村党支部', '中共兰溪村党支部委员会'],
    ['中共兰溪村党支部委员会', '中共兰溪村党支部委员会'],
    ['兰溪村党支部1', '中共兰溪村党支部1'],
  ])('%s → %s', (name, title) => {
    expect(committeeName(name)).toBe(title);
    expect(committeeName(name)).not.toMatch(/中共.*中共|党支部.*党支部|委员会委员会/);
  });
});

describe('row heights from the text', () => {
  it('counts a CJK character as one em and Latin as about half', () => {
    expect(textEm('中文')).toBe(2);
    expect(textEm('ab12')).toBeCloseTo(2.24);
  });
  it.each([
    // text, column width, lines at 11 pt
    ['三留守关心关爱', 22, 1],
    ['三留守关心关爱、信访矛盾化解、公共设施维护', 22, 3],
    ['第一行\n第二行', 30, 2],
  ])('「%s」 in width %d takes %d line(s)', (text, width, lines) => {
    expect(lineCount(text, cellPoints([width]), 11)).toBe(lines);
  });
  it('grows a row only when a wrapped cell needs more than the default height', () => {
    const points = cellPoints([10]);
    expect(rowHeight([{ text: '张三', points, size: 11, wrap: true }])).toBeUndefined();
    expect(rowHeight([{ text: '政策宣传、治安巡逻、环境卫生维护', points, size: 11, wrap: true }])).toBeGreaterThan(40);
    expect(rowHeight([{ text: '政策宣传、治安巡逻、环境卫生维护', points, size: 11, wrap: false }])).toBeUndefined();
  });
  it('widthFor gives a column that holds the label on one line', () => {
    const w = widthFor('支委初评：', 11);
    expect(lineCount('支委初评：', cellPoints([w]), 11)).toBe(1);
    expect(lineCount('支委初评：', cellPoints([6]), 11)).toBeGreaterThan(1);
  });
});
