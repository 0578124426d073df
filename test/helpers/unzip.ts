// Reads a zip with the product's own zip reader (central directory, stored or deflated entries,
// UTF-8 names, sizes and CRC-32 checked), so the package tests need no unzip program on the machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OWN_ZIP, readCentralDirectory, unpack } from '../../src/excel/zip-read.js';

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressed: number;
  utf8: boolean;
  data: () => Buffer;
}

export function zipEntries(file: string): ZipEntryInfo[] {
  const buf = readFileSync(file);
  const dir = readCentralDirectory(buf, OWN_ZIP);
  if (!dir.ok) throw new Error(`${file}: ${dir.code}`);
  return dir.entries.map((e) => ({
    name: e.name,
    size: e.uncompressedSize,
    compressed: e.compressedSize,
    utf8: (e.flags & 0x800) !== 0,
    data: () => {
      const u = unpack(buf, e, OWN_ZIP);
      if (!u.ok) throw new Error(`${file}: ${e.name}: ${u.code}`);
      return u.bytes;
    },
  }));
}

/** Extracts every entry under `dir`. */
export function unzip(file: string, dir: string): void {
  for (const e of zipEntries(file)) {
    const p = join(dir, ...e.name.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, e.data());
  }
}
