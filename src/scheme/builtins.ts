// The built-in schemes on disk: where they are, their ids in SCHEMES.md order, and the few fields
// `score schemes` lists. They sit beside this module (tsc copies src/scheme/builtin/*.json into
// dist, see tsconfig's include), so a package without src/ still carries them. No zod here: listing
// the schemes stays within the start-up budget (the built-ins are validated by the tests and by
// loadScheme whenever one is used).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root (holds package.json), found from this module whether run from src or dist (looked up once). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (root = dir);
}

export const builtinDir = (): string => join(dirname(fileURLToPath(import.meta.url)), 'builtin');

/** Built-in ids in the order SCHEMES.md gives them. */
export const BUILTIN_ORDER = ['township', 'vanguard', 'vanguard-school', 'agency', 'bureau', 'culture', 'company', 'school', 'village', 'tiered-xinba', 'tiered-baiyanghe', 'it-bureau', 'demolition'];

let ids: readonly string[] | undefined;

/** Built-in ids: the package's own folder, listed once per process (every ledger names its scheme: 2,800 listings on a county). */
export function builtinIds(): readonly string[] {
  if (ids) return ids;
  const present = new Set(
    existsSync(builtinDir())
      ? readdirSync(builtinDir())
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -5))
      : [],
  );
  ids = Object.freeze([...BUILTIN_ORDER.filter((id) => present.has(id)), ...[...present].filter((id) => !BUILTIN_ORDER.includes(id)).sort()]);
  return ids;
}

/** The fields `score schemes` shows, read from the built-in's JSON; undefined when it cannot be read. */
export function builtinSummary(id: string): { id: string; name: string; source: string; summary: string } | undefined {
  try {
    const j = JSON.parse(readFileSync(join(builtinDir(), `${id}.json`), 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const text = (k: string): string => (typeof j[k] === 'string' ? (j[k] as string) : '');
    return { id, name: text('name'), source: text('source'), summary: text('summary') };
  } catch {
    return undefined;
  }
}
