// The program as it runs (`npm run build`, after tsc): src/ bundled by esbuild into dist/bundle/,
// ES modules split into chunks. Node's ESM loader resolved, read and compiled some 130 files for a
// township grade (~70 ms of `score grade`'s start-up); the bundle is ~70 files, whitespace-minified
// (less to parse), with the packages bundled in too except those loaded only on demand (exceljs,
// SheetJS: lazily imported, they stay in node_modules). Every dynamic import stays a chunk loaded
// when it runs, so `score --help` still loads no reader, writer or scheme.
//
// Entry points: the CLI (bin/score.js), the drop-target CLI (bin/drop.js), the read worker
// (src/batch/inputs.ts starts `new URL('./read-worker.js', import.meta.url)`) and grade's write
// worker (src/batch/publication-lane.ts, './publication-worker.js'): all flat in one
// folder, so a path computed from import.meta.url (the worker, packageRoot(), the version's
// package.json) means the same in a chunk as in dist/src. The built-in schemes are read beside
// their module (src/scheme/builtins.ts): they are copied to dist/bundle/builtin/.
//
// Source maps (dist/bundle/*.map) name src/ files in a stack trace: bin/score.js turns them on
// for SCORE_DEBUG. dist/bundle.meta.json (esbuild's metafile) says which sources each chunk holds
// (test/cli/startup.test.ts counts loaded modules with it).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/scheme/builtins.js';
import { EXTERNAL_PACKAGES } from './pack/files.js';

const root = packageRoot();
const out = join(root, 'dist', 'bundle');

const ENTRY_POINTS = ['src/cli/main.ts', 'src/cli/drop.ts', 'src/batch/read-worker.ts', 'src/batch/publication-worker.ts'];

async function run(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    // node_modules is a symlink in the worktrees: keep its own paths in the maps and the metafile.
    preserveSymlinks: true,
    // Identifiers kept: an internal error's message ("x is not a function") stays readable without maps.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    sourcesContent: false,
    // The CommonJS packages bundled in (commander, cli-table3, dayjs) require Node's built-ins.
    banner: { js: 'import{createRequire as __scoreRequire}from"node:module";const require=__scoreRequire(import.meta.url);' },
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(join(out, 'builtin'), { recursive: true });
  const builtin = join(root, 'src', 'scheme', 'builtin');
  for (const f of readdirSync(builtin).filter((n) => n.endsWith('.json'))) copyFileSync(join(builtin, f), join(out, 'builtin', f));
  writeFileSync(join(root, 'dist', 'bundle.meta.json'), JSON.stringify(result.metafile));
  // A file the program starts or reads by a URL beside its module (a worker: new URL('./x.js',
  // import.meta.url)) must be in the bundle's folder too: a new one needs its own entry point above.
  for (const f of readdirSync(out).filter((n) => n.endsWith('.js'))) {
    for (const m of readFileSync(join(out, f), 'utf8').matchAll(/new URL\(["'`]\.\/([^"'`]+)["'`],\s*import\.meta\.url\)/g)) {
      if (!existsSync(join(out, m[1]!))) throw new Error(`dist/bundle/${f} starts ./${m[1]} beside it, which the bundle does not have: add its source to ENTRY_POINTS in tools/bundle.ts`);
    }
  }
}

await run();
