// What a portable package carries: the built program (dist/src, never the tests or tools), the
// templates it reads, a trimmed package.json, and only the runtime dependencies the lockfile names
// (no dev dependencies), without what Node never loads (type declarations, source maps, docs,
// exceljs's browser bundles). Paths inside the package always use '/'.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface PackFile {
  /** Path inside the package, '/'-separated. */
  name: string;
  /** The file on disk. */
  source: string;
}

/** Files Node never loads at run time (by their kind only: exceljs keeps code in lib/doc/); LICENSE files stay. */
const UNUSED = /(\.d\.[cm]?ts|\.map|\.md|\.markdown|\.ts|\.tsbuildinfo)$|(^|\/)\.[^/]+(\/|$)/i;
/** Browser bundles a Node program never loads (package.json "browser" points into them). */
const BROWSER_ONLY = new Set(['node_modules/exceljs/dist']);

export function walk(root: string, dir: string, keep: (rel: string) => boolean = () => true): PackFile[] {
  const out: PackFile[] = [];
  const visit = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(abs, e.name);
      const rel = relative(root, p).split(sep).join('/');
      if (!keep(rel)) continue;
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.push({ name: rel, source: p });
    }
  };
  visit(join(root, dir));
  return out;
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  os?: string[] | string;
}

/** The runtime packages of the lockfile: not dev, and not the platform binaries the package brings itself. */
export function runtimePackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([key, e]) => key.startsWith('node_modules/') && !e.dev && !(e.optional && e.os !== undefined))
    .map(([key]) => key)
    .sort();
}

/** The program's own files and its runtime dependencies, as they go into the package's app/ folder. */
export function appFiles(root: string): PackFile[] {
  const files: PackFile[] = [
    { name: 'bin/score.js', source: join(root, 'bin', 'score.js') },
    { name: 'bin/drop.js', source: join(root, 'bin', 'drop.js') },
    ...walk(root, 'dist/src', (rel) => !rel.endsWith('.map')),
    ...walk(root, 'templates'),
  ];
  for (const pkg of runtimePackages(root)) {
    if (!statSync(join(root, pkg), { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${pkg} is in the lockfile but not installed: run npm ci first`);
    files.push(
      ...walk(root, pkg, (rel) => {
        const inside = rel.slice(pkg.length + 1);
        // nested node_modules are lockfile entries of their own
        return !inside.startsWith('node_modules') && !BROWSER_ONLY.has(rel) && !UNUSED.test(inside);
      }),
    );
  }
  return files;
}

/** package.json as the package needs it: what Node reads (type, bin, dependencies), no scripts or dev tools. */
export function trimmedPackageJson(root: string): Buffer {
  const p = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const keep = ['name', 'version', 'description', 'type', 'bin', 'engines', 'license', 'dependencies'];
  return Buffer.from(`${JSON.stringify(Object.fromEntries(keep.filter((k) => k in p).map((k) => [k, p[k]])), null, 2)}\n`);
}
