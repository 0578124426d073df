// Reads a zip the way an unzip tool does (central directory, stored or deflated entries, UTF-8
// names), so the package tests need no unzip program on the machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import zlib from 'node:zlib';

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressed: number;
  utf8: boolean;
  data: () => Buffer;
}

export function zipEntries(file: string): ZipEntryInfo[] {
  const buf = readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file}: no end of central directory`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central header ${i}`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({
      name,
      size,
      compressed,
      utf8: (flags & 0x800) !== 0,
      data: () => {
        const raw = buf.subarray(dataAt, dataAt + compressed);
        return method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw);
      },
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Extracts every entry under `dir`. */
export function unzip(file: string, dir: string): void {
  for (const e of zipEntries(file)) {
    const p = join(dir, ...e.name.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, e.data());
  }
}
