// One damaged part inside an otherwise fine zip (exceljs' streaming reader would wait forever and
// the process exit 0 with no output): reported by name, exit 1, the rest of the batch graded.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCentralDirectory } from '../../src/excel/zip-read.js';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

/** Flips 40 bytes in the middle of one compressed part, leaving the zip structure intact. */
function damagePart(src: string, dst: string, part: string): void {
  const buf = Buffer.from(readFileSync(src));
  const dir = readCentralDirectory(buf);
  if (!dir.ok) throw new Error('not a zip');
  const e = dir.entries.find((x) => x.name === part)!;
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  for (let i = 0; i < 40; i++) buf[start + Math.floor(e.compressedSize / 2) + i]! ^= 0x5a;
  writeFileSync(dst, buf);
}

describe('a damaged part inside the zip', () => {
  it.each(['xl/worksheets/sheet3.xml', 'xl/sharedStrings.xml'])('%s: one clear error, the batch goes on', (part) => {
    const dir = tmp('damaged-');
    const good = join(ROOT, 'fixtures', 'township', '松山村党支部.xlsx');
    copyFileSync(join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), join(dir, 'good.xlsx'));
    damagePart(good, join(dir, 'damaged.xlsx'), part);
    const r = score(['grade', '--year', '2023', '--dir', dir, '--out', tmp(), '--json']);
    expect(r.code).toBe(1);
    const res = json(r);
    expect(res.excluded.map((e: { file: string }) => e.file.split(/[\\/]/).pop())).toEqual(['damaged.xlsx']);
    expect(res.excluded[0].reason).toMatch(/损坏|无法解析/);
    expect(res.members.length).toBe(30);
  });
});
