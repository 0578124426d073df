// Test helpers: a small inline scheme, a tmp dir, and a tiny zip writer for hand-made bad files.
import { crc32 } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { schemeSchema } from '../../src/scheme/schema.js';
import { openWorkbook } from '../../src/excel/workbook.js';

export const testScheme = schemeSchema.parse({
  version: 1,
  id: 'test-town',
  name: '测试方案',
  categories: [{ name: '正式党员' }, { name: '预备党员' }],
  components: [
    {
      id: 'duty',
      name: '履行党员义务',
      kind: 'recorded',
      entries: [
        { id: 'study', name: '学习教育', max: 10, aliases: ['学习'] },
        { id: 'meeting', name: '组织生活', max: 10 },
        { id: 'law', name: '遵纪守法', max: 10 },
        { id: 'role', name: '作用发挥', max: 10 },
      ],
    },
    { id: 'post', name: '志愿服务岗位贡献', kind: 'accumulate' },
    { id: 'bonus', name: '加分', kind: 'accumulate', role: 'bonus' },
  ],
});

export const quarterScheme = schemeSchema.parse({
  ...testScheme,
  id: 'test-quarter',
  cycle: { record: 'quarter' },
});

export function makeTmp(prefix = 'score-read-'): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function open(file: string): Promise<ExcelJS.Workbook> {
  const r = await openWorkbook(file);
  if (!r.ok) throw new Error(`cannot open ${file}: ${r.diagnostic.code}`);
  return r.wb;
}

/** Puts values in a row starting at column A. */
export function put(ws: ExcelJS.Worksheet, row: number, values: unknown[]): void {
  values.forEach((v, i) => {
    if (v !== undefined) ws.getCell(row, i + 1).value = v as ExcelJS.CellValue;
  });
}

/** A merged title over columns A..(cols). */
export function title(ws: ExcelJS.Worksheet, row: number, text: string, cols: number): void {
  ws.getCell(row, 1).value = text;
  ws.mergeCells(row, 1, row, cols);
}

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Size the central directory claims (a lie, for bomb tests). */
  claimSize?: number;
  store?: boolean;
}

// CRC-32 comes from the lean writer's zip (src/excel/lean/zip.ts).

/** A minimal zip writer (deflate or store), enough to hand-craft bad workbooks. */
export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8');
    const body = p.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const size = p.claimSize ?? raw.length;
    const crc = crc32(raw);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(p.store ? 0 : 8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(p.store ? 0 : 8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    centrals.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
export const WORKBOOK_XML = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`;
