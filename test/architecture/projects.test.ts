// The `unit` project stays fast: no file in it spawns the binary, LibreOffice or Wine (those belong in
// vitest.config.ts's SLOW list), and every test file is in exactly one project.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOW } from '../../vitest.config.js';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.test.ts') ? [relative(ROOT, p).split('\\').join('/')] : [];
  });
}

const glob = (g: string): RegExp => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.*/)?').replace(/\*/g, '[^/]*')}$`);
const isSlow = (f: string): boolean => SLOW.some((g) => glob(g).test(f));

/** What makes a test slow: the spawned binary (helpers that build and run it), child processes, LibreOffice, Wine. */
const SPAWNS = /\bensureBuilt\b|\bscoreAsync\b|\bspawn(Sync)?\(|\bexecFile(Sync)?\(|\bfork\(|helpers\/soffice|e2e\/lib|fixtures\/cli|\bwine64\b|import \{[^}]*\bscore\b[^}]*\} from '\.\.\/helpers\/cli\.js'/;

describe('test projects', () => {
  const all = files(join(ROOT, 'test'));
  it('every SLOW entry matches a test file (no stale entry)', () => {
    expect(SLOW.filter((g) => !all.some((f) => glob(g).test(f)))).toEqual([]);
  });
  it('no `unit` test file spawns the binary, LibreOffice or Wine', () => {
    const unit = all.filter((f) => !isSlow(f));
    expect(unit.length).toBeGreaterThan(20);
    expect(unit.filter((f) => SPAWNS.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
