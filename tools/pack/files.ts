// What a portable package carries: the built program (the bundle dist/bundle, never dist/src, the
// tests or tools), the templates it reads, a trimmed package.json, and of the runtime dependencies
// the lockfile names only those the bundle leaves outside (EXTERNAL_PACKAGES and what they need),
// without what Node never loads (type declarations, source maps, docs, exceljs's browser bundles).
// Paths inside the package always use '/'.
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

/**
 * The packages tools/bundle.ts leaves outside the bundle: loaded only on demand (an old .xls, the
 * exceljs fallback), they stay in node_modules and are not parsed at start-up. Everything else the
 * program imports is inside dist/bundle.
 */
export const EXTERNAL_PACKAGES = ['exceljs', '@e965/xlsx'];

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  os?: string[] | string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The runtime packages the bundle needs at run time: EXTERNAL_PACKAGES and, through the lockfile,
 * everything they depend on (Node's lookup: the nearest node_modules/<name> up from the dependent),
 * never dev packages or the platform binaries the package brings itself.
 */
export function runtimePackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const usable = (key: string): boolean => {
    const e = lock.packages[key];
    return e !== undefined && !e.dev && !(e.optional && e.os !== undefined);
  };
  const found = new Set<string>();
  const visit = (key: string): void => {
    if (found.has(key)) return;
    found.add(key);
    const e = lock.packages[key]!;
    for (const name of Object.keys({ ...e.dependencies, ...e.optionalDependencies })) {
      // node_modules/a/node_modules/b, then node_modules/b
      let at = key;
      for (;;) {
        const candidate = `${at}/node_modules/${name}`;
        if (usable(candidate)) {
          visit(candidate);
          break;
        }
        const up = at.lastIndexOf('/node_modules/');
        if (up < 0) {
          if (usable(`node_modules/${name}`)) visit(`node_modules/${name}`);
          break;
        }
        at = at.slice(0, up);
      }
    }
  };
  for (const name of EXTERNAL_PACKAGES) {
    if (!usable(`node_modules/${name}`)) throw new Error(`${name} is not a runtime dependency in package-lock.json`);
    visit(`node_modules/${name}`);
  }
  return [...found].sort();
}

/** The program's own files and its runtime dependencies, as they go into the package's app/ folder. */
export function appFiles(root: string): PackFile[] {
  const files: PackFile[] = [
    { name: 'bin/score.js', source: join(root, 'bin', 'score.js') },
    { name: 'bin/drop.js', source: join(root, 'bin', 'drop.js') },
    ...walk(root, 'dist/bundle', (rel) => !rel.endsWith('.map')),
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
