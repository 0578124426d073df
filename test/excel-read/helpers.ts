// Test helpers: a small inline scheme, a tmp dir, and hand-made bad zips (through the one zip writer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zip } from '../../src/excel/lean/zip.js';
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

/** A zip of hand-crafted parts (text or bytes) through the one writer (src/excel/lean/zip.ts): enough to forge bad workbooks. */
export function makeZip(parts: ZipPart[]): Buffer {
  return zip(parts.map((p) => ({ name: p.name, data: Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), ...(p.store ? { store: true } : {}), ...(p.claimSize !== undefined ? { claimedSize: p.claimSize } : {}) })));
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
export const WORKBOOK_XML = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`;
