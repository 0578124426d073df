// The README's examples are what the commands print: tools/readme.ts runs them in order in a
// temporary copy of fixtures/ and compares (run `npm run readme` to rewrite the outputs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('README.md', () => {
  it('shows what its example commands print, run in README order (npm run readme rewrites it)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'tools', 'readme.js'), '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    expect(r.stderr, r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 600_000);
});
