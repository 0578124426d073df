// Start-up (issue 23): `score --help` and `score schemes` load no command's readers, writers or
// scheme loader, and a command loads its own module only. Counted by the modules Node loads (a
// loader hook lists them), not timed: the time follows from what is loaded. The program runs as a
// bundle (tools/bundle.ts): a loaded chunk stands for the sources esbuild's metafile says it holds.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, ensureBuilt, tmp } from '../helpers/cli.js';

let register = '';
/** dist/bundle/<chunk>.js → the sources in it (src/….js as tsc would name them, packages by name). */
let chunks = new Map<string, string[]>();

beforeAll(() => {
  ensureBuilt();
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  chunks = new Map(Object.entries(meta.outputs).map(([file, o]) => [file.replace(/^dist\/bundle\//, ''), Object.keys(o.inputs).map(source)]));
  const dir = tmp('score-startup-');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function load(url, context, next) { process._rawDebug('loaded ' + url); return next(url, context); }\n");
  register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

/** A source as the checks name it: src/….js, or a package's name. */
const source = (path: string): string => {
  const pkg = /(?:^|\/)node_modules\/((@[^/]+\/)?[^/]+)\//.exec(path);
  return pkg ? pkg[1]! : path.replace(/^.*?\/?src\//, 'src/').replace(/\.ts$/, '.js');
};

/** The program's own modules (src/…, out of the bundle's chunks) and packages a run loads, and what it printed. */
function loaded(args: string[]): { modules: string[]; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', register, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '' } });
  expect(r.status).toBe(0);
  const files = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('loaded file:'))
    .map((l) => l.slice('loaded '.length));
  // bin/score.js runs the bundle, never tsc's dist/src (which the tools use).
  expect(files.filter((url) => url.includes('/dist/src/'))).toEqual([]);
  const modules = files.flatMap((url) => {
    const inBundle = /\/dist\/bundle\/([^/]+\.js)$/.exec(url);
    if (!inBundle) return [source(url)];
    const inside = chunks.get(inBundle[1]!);
    if (!inside) throw new Error(`${url} is not in dist/bundle.meta.json: rebuild`);
    return inside;
  });
  return { modules: [...new Set(modules)], stdout: r.stdout };
}

describe('start-up', () => {
  it('score --help loads no command module, reader, writer, scheme loader, zod or decimal.js', () => {
    const { modules, stdout } = loaded(['--help']);
    expect(stdout).toContain('grade [选项] [台账文件或文件夹...]');
    expect(modules).toContain('src/cli/main.js');
    expect(modules.filter((m) => /^src\/(excel|scheme|core\/(compute|check|grade))\/|^src\/cli\/commands\/(?!index)|^(zod|decimal\.js|exceljs|cli-table3|dayjs)$/.test(m))).toEqual([]);
  });

  it('score schemes loads its own module, not the scheme loader, the readers or the other commands', () => {
    const { modules, stdout } = loaded(['schemes']);
    expect(stdout).toContain('township');
    expect(modules).toContain('src/cli/commands/schemes.js');
    expect(modules.filter((m) => /^src\/(excel|core\/(compute|check|grade))\/|^src\/scheme\/(load|schema)\.js$|^src\/cli\/commands\/(?!index|schemes\.js)|^(decimal\.js|exceljs|dayjs)$/.test(m))).toEqual([]);
  });

  it('a command loads only its own command module (score grade --help, score help explain)', () => {
    const grade = loaded(['--lang', 'en', 'grade', '--help']);
    expect(grade.stdout).toMatch(/^Usage: score grade \[options\] \[files\.\.\.\]/);
    expect(grade.modules.filter((m) => m.startsWith('src/cli/commands/'))).toEqual(['src/cli/commands/index.js', 'src/cli/commands/grade.js']);
    const explain = loaded(['help', 'explain']);
    expect(explain.stdout).toMatch(/^用法：score explain \[选项\] <姓名>/);
    expect(explain.modules.filter((m) => m.startsWith('src/cli/commands/'))).toEqual(['src/cli/commands/index.js', 'src/cli/commands/explain.js']);
  });
});
