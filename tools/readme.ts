// npm run readme: runs the README's example commands in order, in a temporary copy of fixtures/,
// and rewrites their output blocks with what they really print. `--check` writes nothing and
// exits 1 when the README differs (test/readme.test.ts runs it).
//
// What it reads in README.md:
// - a fenced block with lines starting with `$ ` is an example: each `$ command` is run (bash, with
//   `score` on PATH, NO_COLOR=1, in the temporary folder) and the lines after it, up to the next
//   `$ ` line, are its output (stdout and stderr, as a terminal shows them);
// - an output with a line `……` keeps only as many first and last lines as the README shows around it;
// - `(exit N)` after an output is written when the command exits non-zero, or when the README shows it;
// - `<!-- readme: COMMAND -->` outside a block runs COMMAND there, unshown (setting up an example).
// Only what truly varies is normalised: the temporary folder's path, and the fixtures' file times
// (set to one fixed time in the copy).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/scheme/builtins.js';

const ELLIPSIS = '……';
const EXIT = /^\(exit (\d+)\)$/;
const SETUP = /^<!-- readme: (.*) -->$/;

interface Run {
  output: string[];
  code: number;
}

function sandbox(root: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'score-readme-'));
  cpSync(join(root, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  // Files' modification times are shown in some messages (two ledgers of one branch): a fixed time, not the copy's.
  const fixed = new Date('2024-01-05T01:00:00Z');
  const touch = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) touch(p);
      utimesSync(p, fixed, fixed);
    }
  };
  touch(join(dir, 'fixtures'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'score'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin', 'score.js')}" "$@"\n`);
  chmodSync(join(bin, 'score'), 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', SCORE_LANG: '', LANG: 'C.UTF-8', TZ: 'Asia/Shanghai' };
  delete env.FORCE_COLOR;
  delete env.SCORE_TIMING;
  delete env.SCORE_DEBUG;
  return { dir, env };
}

function run(command: string, dir: string, env: NodeJS.ProcessEnv): Run {
  const r = spawnSync('bash', ['-c', `{\n${command}\n} 2>&1`], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  const text = (r.stdout ?? '').split(dir + '/').join('').split(dir).join('.');
  const output = text.replace(/\s+$/, '').split('\n');
  return { output: output.length === 1 && output[0] === '' ? [] : output, code: r.status ?? -1 };
}

/** The shown lines: everything, or the README's first and last lines around its `……`. */
function shown(real: string[], before: number, after: number | undefined): string[] {
  if (after === undefined || real.length <= before + after + 1) return real;
  return [...real.slice(0, before), ELLIPSIS, ...(after > 0 ? real.slice(real.length - after) : [])];
}

export function renderReadme(text: string, root = packageRoot()): string {
  const { dir, env } = sandbox(root);
  try {
    const lines = text.split('\n');
    const out: string[] = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      const setup = SETUP.exec(line.trim());
      if (setup) {
        const r = run(setup[1]!, dir, env);
        if (r.code !== 0) throw new Error(`README setup failed (exit ${r.code}): ${setup[1]}\n${r.output.join('\n')}`);
        out.push(line);
        i++;
        continue;
      }
      if (!line.startsWith('```')) {
        out.push(line);
        i++;
        continue;
      }
      // A fenced block: find its end.
      let end = i + 1;
      while (end < lines.length && !lines[end]!.startsWith('```')) end++;
      const body = lines.slice(i + 1, end);
      if (!body.some((l) => l.startsWith('$ '))) {
        out.push(...lines.slice(i, end + 1));
        i = end + 1;
        continue;
      }
      out.push(line);
      let k = 0;
      while (k < body.length && !body[k]!.startsWith('$ ')) out.push(body[k++]!); // text before the first command
      const groups: string[][] = [];
      while (k < body.length) {
        const command = body[k]!;
        k++;
        const old: string[] = [];
        while (k < body.length && !body[k]!.startsWith('$ ')) old.push(body[k++]!);
        while (old.length > 0 && old[old.length - 1] === '') old.pop();
        const exitShown = old.length > 0 && EXIT.test(old[old.length - 1]!);
        if (exitShown) old.pop();
        const cut = old.indexOf(ELLIPSIS);
        const r = run(command.slice(2), dir, env);
        const group = [command, ...shown(r.output, Math.max(cut, 0), cut < 0 ? undefined : old.length - cut - 1)];
        if (r.code !== 0 || exitShown) group.push(`(exit ${r.code})`);
        groups.push(group);
      }
      groups.forEach((g, n) => {
        if (n > 0 && (groups[n - 1]!.length > 1)) out.push('');
        out.push(...g);
      });
      out.push(lines[end] ?? '```');
      i = end + 1;
    }
    return out.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const root = packageRoot();
  const file = join(root, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = renderReadme(current, root);
  if (process.argv.includes('--check')) {
    if (next === current) return;
    const a = current.split('\n');
    const b = next.split('\n');
    const diffs: string[] = [];
    for (let n = 0; n < Math.max(a.length, b.length) && diffs.length < 40; n++) {
      if (a[n] !== b[n]) diffs.push(`README.md:${n + 1}\n  README:  ${a[n] ?? '(end)'}\n  printed: ${b[n] ?? '(end)'}`);
    }
    process.stderr.write(`README.md differs from what its examples print (run npm run readme):\n${diffs.join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  if (next !== current) writeFileSync(file, next);
  process.stdout.write(next === current ? 'README.md is up to date\n' : 'README.md: example outputs rewritten\n');
}

if (process.argv[1] && /readme\.(js|ts)$/.test(process.argv[1])) main();
