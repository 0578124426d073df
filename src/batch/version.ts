// The program's version, on its own: `score --help` and `--version` need it without the stamp's
// hashing and zip reading (src/batch/stamp.ts re-exports it).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedVersion: string | undefined;

/** The program's version, from package.json (the repository's, or the package's app/package.json). */
export function programVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (p.name === 'score' && p.version) return (cachedVersion = p.version);
    } catch {
      // not here: one folder up
    }
    dir = dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
