// Spawns the real binary under /usr/bin/time: exit code, output, wall time, CPU seconds and peak
// memory (RSS). Asynchronous, so a vitest worker stays responsive while a slow run goes on.
import { spawn } from 'node:child_process';
import { BIN, ROOT } from './cli.js';

export interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  cpuSeconds: number;
  peakMb: number;
}

/** The real binary under /usr/bin/time (peak RSS in KB, user and system seconds on the last stderr line); async, so the test worker stays responsive. */
export function measured(args: string[], env: Record<string, string> = {}, opts: { cwd?: string } = {}): Promise<Measured> {
  const t0 = Date.now();
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', process.execPath, BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '', ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = Buffer.concat(err).toString('utf8').trimEnd().split('\n');
      const [kb, user, sys] = lines.pop()!.split(' ').map(Number) as [number, number, number];
      done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: lines.join('\n'), ms: Date.now() - t0, cpuSeconds: user + sys, peakMb: kb / 1024 });
    });
  });
}

