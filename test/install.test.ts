// `score` on PATH: the packed tarball installs into a temporary prefix (npm install -g --prefix)
// and `score --version` runs from there (tools/install-check.sh, the step the README describes).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('install on PATH', () => {
  it('npm pack → npm install -g --prefix TMP → TMP/bin/score --version, schemes and templates shipped', () => {
    const r = spawnSync('bash', [join(ROOT, 'tools', 'install-check.sh')], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('score 0.1.0 installed');
  }, 600_000);
});
