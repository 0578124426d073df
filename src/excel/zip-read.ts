// The one zip reader (read step): the central directory (zip64 included), and each part unpacked
// with a hard output limit and checked against the size and CRC-32 the directory gives, as Excel
// does. The sniffer, the lean reader, collect/stamp, and the tests, fuzzer and tools all read zips here.
import { crc32, inflateRawSync } from 'node:zlib';
import { formatBytes, READ_LIMITS } from './limits.js';
import type { ReadCode } from './read/catalogue.js';

export const EOCD_SIG = 0x06054b50;
export const CD_SIG = 0x02014b50;
export const LOCAL_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;

export interface ZipEntry {
  name: string;
  method: number;
  /** General-purpose flags (bit 11: the name is UTF-8). */
  flags: number;
  /** CRC-32 of the unpacked part, from the central directory. */
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Where its central directory header starts (for the tools that patch a field in place). */
  centralOffset: number;
}

/** How far a zip is trusted: a workbook gets READ_LIMITS; our own packages (tests, tools) may ask for more. */
export interface ZipLimits {
  maxZipEntries: number;
  maxPartBytes: number;
}

export type DirResult = { ok: true; entries: ZipEntry[] } | { ok: false; code: ReadCode; params?: Record<string, string | number> };

/** Parses the zip's end record and central directory (zip64 included). */
export function readCentralDirectory(buf: Buffer, limits: ZipLimits = READ_LIMITS): DirResult {
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, code: 'READ_TRUNCATED' };
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) return { ok: false, code: 'READ_TRUNCATED' };
    const z = Number(buf.readBigUInt64LE(loc + 8));
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== ZIP64_EOCD_SIG) return { ok: false, code: 'READ_TRUNCATED' };
    count = Number(buf.readBigUInt64LE(z + 32));
    cdSize = Number(buf.readBigUInt64LE(z + 40));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (cdOffset + cdSize > buf.length) return { ok: false, code: 'READ_TRUNCATED' };
  if (count > limits.maxZipEntries) {
    return { ok: false, code: 'READ_ZIP_TOO_LARGE', params: { size: `${count} entries`, limit: `${limits.maxZipEntries} entries` } };
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CD_SIG) {
      return { ok: false, code: 'READ_CORRUPT_ZIP', params: { what: 'directory' } };
    }
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // zip64 extra field: the 0xffffffff values follow in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd && e + 4 <= buf.length) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= buf.length) { uncompressedSize = Number(buf.readBigUInt64LE(q)); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= buf.length) { compressedSize = Number(buf.readBigUInt64LE(q)); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= buf.length) { localOffset = Number(buf.readBigUInt64LE(q)); }
      }
      e += 4 + size;
    }
    entries.push({ name, method, flags, crc, compressedSize, uncompressedSize, localOffset, centralOffset: p });
    p = extraEnd + commentLen;
  }
  // Two entries of one name: zip readers disagree on which one counts (exceljs takes the last, the
  // lean reader the first, Excel refuses the file). Part names are compared as Excel does (case-insensitive).
  const seen = new Set<string>();
  for (const e of entries) {
    const key = e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
    if (seen.has(key)) return { ok: false, code: 'READ_ZIP_DUPLICATE', params: { part: e.name } };
    seen.add(key);
  }
  return { ok: true, entries };
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

export type Unpacked = { ok: true; bytes: Buffer } | { ok: false; code: ReadCode; params?: Record<string, string | number> };

/** One part, unpacked and checked (its size and CRC-32 against the directory); never throws. */
export function unpack(buf: Buffer, e: ZipEntry, limits: ZipLimits = READ_LIMITS): Unpacked {
  const corrupt = (what: string, more: { method?: number; raw?: string } = {}): Unpacked => ({
    ok: false,
    code: 'READ_CORRUPT_ZIP',
    params: { part: e.name, what, ...(more.method !== undefined ? { method: more.method } : {}), ...(more.raw && process.env.SCORE_DEBUG ? { raw: more.raw } : {}) },
  });
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) return corrupt('header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) return { ok: false, code: 'READ_TRUNCATED' };
  const raw = buf.subarray(start, end);
  let bytes: Buffer;
  if (e.method === 0) bytes = raw;
  else if (e.method !== 8) return corrupt('method', { method: e.method });
  else {
    try {
      // One output buffer of the size the directory gives (no 16 KB chunks to join), still capped.
      const chunkSize = Math.max(1024, Math.min(e.uncompressedSize + 1024, 16 * 1024 * 1024));
      bytes = inflateRawSync(raw, { maxOutputLength: limits.maxPartBytes, chunkSize });
    } catch (err) {
      if (err instanceof RangeError || /larger than|maxOutputLength/i.test(String(err))) {
        return { ok: false, code: 'READ_ZIP_PART_TOO_LARGE', params: { part: e.name, size: `> ${formatBytes(limits.maxPartBytes)}`, limit: formatBytes(limits.maxPartBytes) } };
      }
      // zlib's own words ("invalid distance too far back") are kept for SCORE_DEBUG only.
      return corrupt('inflate', { raw: err instanceof Error ? err.message : String(err) });
    }
  }
  // What Excel checks too: the unpacked size and CRC-32 the directory gives (zlib.crc32, ~1 GB/s).
  if (bytes.length !== e.uncompressedSize) return corrupt('size');
  if (crc32(bytes) !== e.crc) return corrupt('crc');
  return { ok: true, bytes };
}

/** A zip we made or ship ourselves (a package, a fixture): as many entries and as large parts as it has. */
export const OWN_ZIP: ZipLimits = { maxZipEntries: Number.MAX_SAFE_INTEGER, maxPartBytes: 2 ** 31 - 1 };

/**
 * Every part of a zip, unpacked and checked, in directory order; throws on the first problem (for the
 * tests, the fuzzer and the tools, which read zips they know; the product reads through unpack).
 */
export function unzipParts(buf: Buffer, limits: ZipLimits = OWN_ZIP): { name: string; data: Buffer }[] {
  const dir = readCentralDirectory(buf, limits);
  if (!dir.ok) throw new Error(`not a readable zip: ${dir.code}${dir.params ? ` ${JSON.stringify(dir.params)}` : ''}`);
  return dir.entries.map((e) => {
    const u = unpack(buf, e, limits);
    if (!u.ok) throw new Error(`${e.name}: ${u.code}${u.params ? ` ${JSON.stringify(u.params)}` : ''}`);
    return { name: e.name, data: u.bytes };
  });
}
