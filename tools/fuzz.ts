// `npm run fuzz [N]`: a mutation fuzzer over the real fixture workbooks. Each case mutates one
// workbook (flipped bytes, truncation, shuffled or duplicated zip entries, damaged sheet XML, huge
// numbers and odd strings in cells, stored zips with flipped bytes, sheet names that read alike or
// hidden, odd zip entry names, wrong CRCs) and feeds it through read → check → compute → grade. A
// case fails on a throw, an unhandled rejection, or taking longer than the per-case limit.
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zip } from '../src/excel/lean/zip.js';
import { loadOne } from '../src/batch/inputs.js';
import { evaluate } from '../src/core/engine.js';
import { readCentralDirectory, unzipParts } from '../src/excel/zip-read.js';
import { packageRoot } from '../src/scheme/load.js';
import { Rng } from './fixture-data.js';

interface Part {
  name: string;
  data: Buffer;
}

const unzip = (buf: Buffer): Part[] => unzipParts(buf);

const ODD = ['1e308', '-1e308', 'NaN', 'Infinity', '８５．５', '  12 ', '=1/0', '#REF!', '\u0000\u0001', '𠀀😀', '<x>&amp;', "'; DROP", '9'.repeat(400), '-0', '0x1F', '1,5', '85分', '２０２３年１３月４０日'];

type Mutation = (buf: Buffer, rng: Rng) => Buffer;

const MUTATIONS: [string, Mutation][] = [
  ['flip bytes', (buf, rng) => {
    const b = Buffer.from(buf);
    for (let i = 0, n = rng.int(1, 20); i < n; i++) b[rng.int(0, b.length - 1)]! ^= 1 << rng.int(0, 7);
    return b;
  }],
  ['truncate', (buf, rng) => buf.subarray(0, rng.int(0, buf.length - 1))],
  ['shuffle entries', (buf, rng) => {
    const parts = unzip(buf);
    return zip(rng.sample(parts, parts.length));
  }],
  ['drop an entry', (buf, rng) => {
    const parts = unzip(buf);
    parts.splice(rng.int(0, parts.length - 1), 1);
    return zip(parts);
  }],
  ['damage sheet xml', (buf, rng) => {
    const parts = unzip(buf);
    const sheets = parts.filter((p) => /worksheets\/sheet\d+\.xml$|sharedStrings|workbook\.xml$/.test(p.name));
    const p = rng.pick(sheets);
    const s = p.data.toString('utf8');
    const at = rng.int(0, s.length - 1);
    const cut = rng.int(1, 200);
    const kinds = [s.slice(0, at) + s.slice(at + cut), s.slice(0, at) + s.slice(at, at + cut).repeat(3) + s.slice(at + cut), s.replace(/ r="[A-Z]+\d+"/g, ''), s.replace(/<v>[^<]*<\/v>/, `<v>${rng.pick(ODD)}</v>`)];
    p.data = Buffer.from(rng.pick(kinds), 'utf8');
    return zip(parts);
  }],
  ['odd cell values', (buf, rng) => {
    const parts = unzip(buf);
    const sheets = parts.filter((p) => /worksheets\/sheet\d+\.xml$/.test(p.name));
    for (let k = 0, n = rng.int(1, 6); k < n; k++) {
      const p = rng.pick(sheets);
      let s = p.data.toString('utf8');
      const cells = [...s.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
      if (cells.length === 0) continue;
      const c = rng.pick(cells);
      const value = rng.pick(ODD).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[\u0000-\u0008]/g, '');
      const repl = rng.int(0, 1) ? `<c r="${c[1]}" t="inlineStr"><is><t>${value}</t></is></c>` : `<c r="${c[1]}"><v>${rng.pick(['1e308', '-5', '1e-320', '123456789012345678', '0.1'])}</v></c>`;
      s = s.slice(0, c.index) + repl + s.slice(c.index! + c[0].length);
      p.data = Buffer.from(s, 'utf8');
    }
    return zip(parts);
  }],
  ['stored zip, bytes flipped', (buf, rng) => {
    // Uncompressed: a flipped byte is a changed character, not a broken deflate stream; the CRC-32 must catch it.
    const b = zip(unzip(buf), { store: true });
    for (let i = 0, n = rng.int(0, 6); i < n; i++) b[rng.int(0, b.length - 1)]! ^= 1 << rng.int(0, 7);
    return b;
  }],
  ['sheet names', (buf, rng) => {
    const parts = unzip(buf);
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    const s = wb.data.toString('utf8');
    const names = [...s.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]!);
    if (names.length === 0) return zip(parts);
    const target = rng.pick(names);
    const other = rng.pick(names);
    const odd = [`${target} `, ` ${target}`, target.normalize('NFKC').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), `${target}\u200b`, `\u202e${target}`, other, '', target.toUpperCase(), `${target}&#x1b;`];
    let out = s.replace(`name="${target}"`, `name="${rng.pick(odd)}"`);
    if (rng.int(0, 1)) out = out.replace(new RegExp(`(<sheet\\b[^>]*name="${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*?)state="visible"`), `$1state="${rng.pick(['hidden', 'veryHidden'])}"`);
    wb.data = Buffer.from(out, 'utf8');
    return zip(parts);
  }],
  ['zip entry names', (buf, rng) => {
    const parts = unzip(buf);
    const p = rng.pick(parts);
    const kind = rng.int(0, 3);
    if (kind === 0) parts.push({ name: p.name, data: Buffer.from(p.data) }); // duplicate
    else if (kind === 1) parts.push({ name: p.name.toUpperCase(), data: Buffer.from(p.data) }); // duplicate by case
    else if (kind === 2) p.name = `/${p.name}`;
    else p.name = p.name.replace(/\//g, '\\');
    return zip(parts);
  }],
  ['crc', (buf, rng) => {
    // A wrong CRC-32 in the central directory (and the local header) of one entry.
    const b = Buffer.from(buf);
    const dir = readCentralDirectory(b);
    if (!dir.ok || dir.entries.length === 0) return b;
    const e = rng.pick(dir.entries);
    const crc = (e.crc ^ (1 << rng.int(0, 31))) >>> 0;
    b.writeUInt32LE(crc, e.localOffset + 14);
    b.writeUInt32LE(crc, e.centralOffset + 16);
    return b;
  }],
];

export interface FuzzReport {
  cases: number;
  crashes: { mutation: string; source: string; error: string }[];
  hangs: { mutation: string; source: string; ms: number }[];
  unhandled: number;
  byMutation: Record<string, number>;
  readErrors: number;
  clean: number;
}

export async function runFuzz(cases: number, seed = 1, limitMs = 5000): Promise<FuzzReport> {
  const root = packageRoot();
  const sources = ['township', 'messy', 'township-2022'].flatMap((d) =>
    readdirSync(join(root, 'fixtures', d))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(root, 'fixtures', d, f)),
  );
  const bytes = new Map(sources.map((s) => [s, readFileSync(s)]));
  const dir = mkdtempSync(join(tmpdir(), 'score-fuzz-'));
  const report: FuzzReport = { cases: 0, crashes: [], hangs: [], unhandled: 0, byMutation: {}, readErrors: 0, clean: 0 };
  const onUnhandled = (): void => {
    report.unhandled++;
  };
  process.on('unhandledRejection', onUnhandled);
  const rng = new Rng(seed);
  try {
    for (let i = 0; i < cases; i++) {
      const source = rng.pick(sources);
      const [name, mutate] = rng.pick(MUTATIONS);
      report.byMutation[name] = (report.byMutation[name] ?? 0) + 1;
      const file = join(dir, `case-${i}.xlsx`);
      const t0 = Date.now();
      try {
        writeFileSync(file, mutate(bytes.get(source)!, rng));
        const item = await loadOne(file, {});
        if (item.excluded) report.readErrors++;
        else {
          report.clean++;
          evaluate({ scheme: item.scheme!, ledgers: [item.ledger!], year: item.year! });
        }
      } catch (e) {
        report.crashes.push({ mutation: name, source, error: e instanceof Error ? `${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e) });
      }
      const ms = Date.now() - t0;
      if (ms > limitMs) report.hangs.push({ mutation: name, source, ms });
      rmSync(file, { force: true });
      report.cases++;
    }
  } finally {
    process.off('unhandledRejection', onUnhandled);
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

if (process.argv[1]?.endsWith('fuzz.js')) {
  const n = Number(process.argv[2] ?? 10000);
  const t0 = Date.now();
  const r = await runFuzz(n, Number(process.env.FUZZ_SEED ?? 1));
  console.log(JSON.stringify({ ...r, crashes: r.crashes.length, hangs: r.hangs.length, seconds: (Date.now() - t0) / 1000 }));
  for (const c of r.crashes.slice(0, 10)) console.error(`CRASH [${c.mutation}] ${c.source}\n${c.error}`);
  for (const h of r.hangs.slice(0, 10)) console.error(`SLOW [${h.mutation}] ${h.source}: ${h.ms} ms`);
  process.exitCode = r.crashes.length || r.hangs.length || r.unhandled ? 1 : 0;
}
