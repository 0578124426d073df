// The stamp: what score writes into every workbook it makes (the workbook's 备注 property,
// dc:description in docProps/core.xml, and the --json output): the program's version, the scheme,
// the period, the run time, whether every ledger was counted, and the input files with their SHA-256.
// A file at an output path that carries a stamp is score's own and may be replaced by a re-run (its
// previous version is kept in 上一版/); any other file is never replaced without --force. History is
// read only from stamped 评定结果.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readHash } from '../excel/read-hashes.js';
import { readCentralDirectory, unpack } from '../excel/zip-read.js';

export interface StampInput {
  file: string;
  sha256: string;
}

export interface Stamp {
  tool: 'score';
  version: string;
  /** What the workbook is: 评定结果, 公示名单, 评分汇总表, 问题清单, 积分申请表, 台账模板… */
  kind: string;
  scheme: string | null;
  period: string | null;
  /** The run time, ISO (also the workbook's created/modified time when written). */
  time: string;
  /** false: some ledgers were 未计入 (left out). */
  complete: boolean;
  excluded: string[];
  inputs: StampInput[];
}

const PREFIX = 'score-stamp:';

export { programVersion } from './version.js';

export async function sha256(file: string): Promise<string> {
  // Only regular files: a FIFO or a device among the inputs (refused by the reader) would block or never end.
  if (!(await stat(file)).isFile()) return '';
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function hashInputs(files: readonly string[]): Promise<StampInput[]> {
  const out: StampInput[] = [];
  // Inputs this process read are hashed already (their bytes, as read); any other file is read now.
  for (const f of files) out.push({ file: f, sha256: readHash(f) ?? (await sha256(f).catch(() => '')) });
  return out;
}

/** The text stored in the workbook's 备注 (dc:description). */
export function stampText(s: Stamp): string {
  return `${PREFIX}${JSON.stringify(s)}`;
}

export interface ReadStamp {
  stamp: Stamp;
  /** dcterms:modified: differs from the stamp's time when the file was saved again (edited) after score wrote it. */
  modified: string | undefined;
  /** Saved again by another program (Excel, WPS) after score wrote it. */
  edited: boolean;
}

const MAX_STAMP_READ = 256 * 1024 * 1024;

function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name.toLowerCase()] ?? '';
  });
}

/** The stamp of a workbook score wrote; undefined for any other file (or one that cannot be read). */
export async function readStamp(file: string): Promise<ReadStamp | undefined> {
  let buf: Buffer;
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      if (size > MAX_STAMP_READ) return undefined;
      buf = Buffer.alloc(size);
      await fh.read(buf, 0, size, 0);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
  const dir = readCentralDirectory(buf);
  if (!dir.ok) return undefined;
  const entry = dir.entries.find((e) => e.name === 'docProps/core.xml');
  if (!entry) return undefined;
  const part = unpack(buf, entry);
  if (!part.ok) return undefined;
  const xml = part.bytes.toString('utf8');
  const desc = /<(?:[\w.-]+:)?description\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?description>/.exec(xml)?.[1];
  if (!desc) return undefined;
  const text = decode(desc).trim();
  if (!text.startsWith(PREFIX)) return undefined;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(text.slice(PREFIX.length)) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp?.tool !== 'score' || typeof stamp.time !== 'string') return undefined;
  const modified = /<(?:[\w.-]+:)?modified\b[^>]*>([^<]*)</.exec(xml)?.[1]?.trim();
  const edited = modified !== undefined && Math.abs(Date.parse(modified) - Date.parse(stamp.time)) > 2000;
  return { stamp, modified, edited };
}

/** The folder inside an output folder where a re-run keeps the previous version of each output it replaces. */
export const PREVIOUS_DIR = '上一版';

/** The path the previous version of `target` is kept at. */
export function previousPath(target: string): string {
  return join(dirname(target), PREVIOUS_DIR, basename(target));
}
