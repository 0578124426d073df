// The tar half of `npm run dist`: a ustar writer (with pax records for long or non-ASCII names)
// for the Linux tar.gz, and a reader that takes one file out of an npm package's .tgz.
import zlib from 'node:zlib';

export interface TarEntry {
  name: string;
  data: Buffer;
  /** 0o644 unless given (0o755 for launchers). */
  mode?: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mode: number, mtime: number, type: string): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

function padded(data: Buffer): Buffer[] {
  const rest = data.length % BLOCK;
  return rest === 0 ? [data] : [data, Buffer.alloc(BLOCK - rest)];
}

/** A pax "path" record: its length counts its own digits. */
function paxPath(name: string): Buffer {
  const body = ` path=${name}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len++;
  return Buffer.from(`${len}${body}`, 'utf8');
}

/** A gzip-compressed tar of the entries (regular files; folders are made by tar when extracting). */
export function tarGz(entries: TarEntry[], mtime = new Date()): Buffer {
  const secs = Math.floor(mtime.getTime() / 1000);
  const out: Buffer[] = [];
  for (const e of entries) {
    const plain = /^[\x20-\x7e]{1,99}$/.test(e.name);
    if (!plain) {
      const pax = paxPath(e.name);
      out.push(header('PaxHeader', pax.length, 0o644, secs, 'x'), ...padded(pax));
    }
    const short = plain ? e.name : e.name.replace(/[^\x20-\x7e]/g, '_').slice(-99);
    out.push(header(short, e.data.length, e.mode ?? 0o644, secs, '0'), ...padded(e.data));
  }
  out.push(Buffer.alloc(BLOCK * 2));
  return zlib.gzipSync(Buffer.concat(out), { level: 6 });
}

/** One file out of a .tgz (as npm packs them: package/…), or undefined when it is not there. */
export function fileInTgz(tgz: Buffer, name: string): Buffer | undefined {
  const tar = zlib.gunzipSync(tgz);
  let paxName: string | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const field = (from: number, len: number): string => h.toString('utf8', from, from + len).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const entry = paxName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    paxName = undefined;
    if (type === 'x') paxName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
    else if ((type === '0' || type === '') && entry === name) return Buffer.from(data);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}
