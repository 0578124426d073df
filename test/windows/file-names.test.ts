// Output file names that NTFS accepts: no <>:"/\|?*, no control characters, no trailing dots or
// spaces, no device names (CON, NUL, COM1 … with any extension), unique without regard to case,
// and paths within Windows' MAX_PATH.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNamer, safeFileName, WINDOWS_MAX_PATH } from '../../src/excel/write/names.js';

describe('safeFileName', () => {
  it.each([
    ['第一党支部_积分台账_2023.xlsx', '第一党支部_积分台账_2023.xlsx'],
    ['CON.xlsx', '_CON.xlsx'],
    ['con', '_con'],
    ['NUL.积分.xlsx', '_NUL.积分.xlsx'],
    ['Com1.xlsx', '_Com1.xlsx'],
    ['LPT9.xlsx', '_LPT9.xlsx'],
    ['COM¹.xlsx', '_COM¹.xlsx'],
    ['AUX .xlsx', '_AUX.xlsx'],
    ['CONSOLE.xlsx', 'CONSOLE.xlsx'],
    ['CON_积分台账_2023.xlsx', 'CON_积分台账_2023.xlsx'],
    ['一支部<A>:"B"/C\\D|E?F*.xlsx', '一支部ABCDEF.xlsx'],
    ['一支部\u0000\u0007\u001f.xlsx', '一支部.xlsx'],
    ['一支部. . ..xlsx', '一支部.xlsx'],
    ['一支部   ', '一支部'],
    ['...隐藏.xlsx', '隐藏.xlsx'],
    ['\t\n.xlsx', '未命名.xlsx'],
    ['', '未命名'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });
  it('cuts long names without splitting a character and keeps the extension', () => {
    const long = `${'𠀀'.repeat(100)}.xlsx`;
    const safe = safeFileName(long, { maxLength: 41 });
    expect(safe.endsWith('.xlsx')).toBe(true);
    expect(safe.length).toBeLessThanOrEqual(41);
    expect(safe).toBe(`${'𠀀'.repeat(18)}.xlsx`);
  });
});

describe('fileNamer', () => {
  it('makes names unique without regard to case, as NTFS compares them', () => {
    const name = fileNamer('C:\\输出');
    expect([name('一支部A_积分台账.xlsx'), name('一支部a_积分台账.xlsx'), name('一支部A?_积分台账.xlsx')]).toEqual(['一支部A_积分台账.xlsx', '一支部a_积分台账(2).xlsx', '一支部A_积分台账(3).xlsx']);
  });
  it('keeps the whole path within MAX_PATH in a deep folder', () => {
    const dir = `C:\\Users\\办公室\\${'很深的文件夹\\'.repeat(28)}输出`;
    const name = fileNamer(dir)(`${'兰溪村第一党支部'.repeat(10)}_积分台账_2023.xlsx`);
    expect(path.win32.join(dir, name).length).toBeLessThanOrEqual(WINDOWS_MAX_PATH);
    expect(name.endsWith('.xlsx')).toBe(true);
    expect(name.startsWith('兰溪村第一党支部')).toBe(true);
  });
});
