// The one zip reader (src/excel/zip-read.ts), as the tests, fuzzer and tools use it.
import { describe, expect, it } from 'vitest';
import { zip } from '../../src/excel/lean/zip.js';
import { readCentralDirectory, unpack, unzipParts } from '../../src/excel/zip-read.js';

const parts = [
  { name: 'a.xml', data: Buffer.from('<a>'.repeat(1000)) },
  { name: '中文/名.txt', data: Buffer.from('党员积分') },
];

describe('zip-read', () => {
  it.each([
    { name: 'deflated', store: false },
    { name: 'stored', store: true },
  ])('reads back every part of a $name zip, in order', ({ store }) => {
    const back = unzipParts(zip(parts, { store }));
    expect(back.map((p) => p.name)).toEqual(['a.xml', '中文/名.txt']);
    expect(back.map((p) => p.data.toString())).toEqual(parts.map((p) => p.data.toString()));
  });

  it('gives the flags of each entry (the UTF-8 name flag the writer sets)', () => {
    const buf = zip(parts);
    buf.writeUInt16LE(0, buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    const dir = readCentralDirectory(buf);
    expect(dir.ok && dir.entries.map((e) => (e.flags & 0x800) !== 0)).toEqual([false, true]);
  });

  it('a changed byte fails the CRC-32 check: unpack says so, unzipParts throws', () => {
    const buf = zip(parts, { store: true });
    const dir = readCentralDirectory(buf);
    if (!dir.ok) throw new Error('not a zip');
    const e = dir.entries[1]!;
    const at = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    buf[at] = buf[at]! ^ 1;
    const u = unpack(buf, e);
    expect(u.ok).toBe(false);
    expect(!u.ok && u.code).toBe('READ_CORRUPT_ZIP');
    expect(() => unzipParts(buf)).toThrow(/READ_CORRUPT_ZIP/);
  });

  it('a workbook is held to READ_LIMITS (entries); our own zips are not', () => {
    const many = zip(Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: Buffer.from('x') })), { store: true });
    const dir = readCentralDirectory(many);
    expect(!dir.ok && dir.code).toBe('READ_ZIP_TOO_LARGE');
    expect(unzipParts(many)).toHaveLength(10_001);
  });
});
