// Spawns the real built binary (bin/score.js → the bundle in dist/bundle), as a clerk would run it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'score.js');

/** Builds dist/ and the bundle once when missing (npm test's pretest normally did it). */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs bin/score.js in a new Node process; nodeArgs are Node's own options (a launcher's, tools/pack/node-flags.ts). */
export function score(args: string[], opts: { cwd?: string; env?: Record<string, string>; nodeArgs?: readonly string[] } = {}): Run {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '', ...opts.env },
    timeout: 120_000,
    // A county's --json is megabytes (spawnSync keeps 1 MB by default and cuts the rest).
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function json<T = any>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
}

export function tmp(prefix = 'score-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
