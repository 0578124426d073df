// Big batches are read on worker threads: the results must be identical to the main thread's,
// and a workbook that exceeds a worker's memory cap is left out while the batch goes on.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const args = (out: string) => ['grade', '--year', '2023', '--dir', join(ROOT, 'fixtures', 'township'), '--out', out, '--json'];

describe('worker threads', () => {
  it('give exactly the main thread results', () => {
    const main = json(score(args(tmp()), { env: { SCORE_WORKERS: '0' } }));
    const workers = json(score(args(tmp()), { env: { SCORE_WORKERS: '2' } }));
    expect(workers.members).toEqual(main.members);
    expect(workers.members.length).toBe(149);
    expect(workers.issues).toEqual(main.issues);
  });

  it('--json is byte for byte the same in-process, with one worker and with two (township, township-2022)', () => {
    for (const dir of ['township', 'township-2022']) {
      const run = (workers: string): string => {
        const out = tmp();
        const r = score(['grade', '--year', dir === 'township' ? '2023' : '2022', '--dir', join(ROOT, 'fixtures', dir), '--out', out, '--json'], { env: { SCORE_WORKERS: workers } });
        expect(r.stdout.length, r.stderr).toBeGreaterThan(100);
        // The output folder and the run's time stamp are the only things that may differ between the runs.
        return r.stdout.split(out).join('<out>').replace(/"time": "[^"]*"/g, '"time": "<time>"');
      };
      const inProcess = run('0');
      expect(run('1')).toBe(inProcess);
      expect(run('2')).toBe(inProcess);
    }
  });

  it('a township quota gives the same grades branch by branch (workers: packed branches) as over the whole batch (in-process)', () => {
    const run = (workers: string, scope: string, kept?: string): string => {
      const out = tmp();
      const r = score([...args(out), '--quota-scope', scope], { env: { SCORE_WORKERS: workers, ...(kept ? { SCORE_KEPT_MEMBERS: kept } : {}) } });
      expect(r.stdout.length, r.stderr).toBeGreaterThan(100);
      return r.stdout.split(out).join('<out>').replace(/"time": "[^"]*"/g, '"time": "<time>"');
    };
    const township = run('0', 'township');
    expect(run('2', 'township')).toBe(township);
    // No branch kept open between the passes: each is expanded and graded again for every output.
    expect(run('2', 'township', '0')).toBe(township);
    // Some kept, then the batch outgrows the bound and none is: the same.
    expect(run('2', 'township', '60')).toBe(township);
    // The scope matters on this batch (the test can fail): a member over the township's quota keeps 优秀 in the branch.
    const branch = run('0', 'branch');
    expect(branch).not.toBe(township);
    expect(run('2', 'branch')).toBe(branch);
    expect(run('2', 'branch', '0')).toBe(branch);
    const overQuota = (text: string): string[] => JSON.parse(text).members.filter((m: { flags: string[] }) => m.flags.includes('超出优秀名额')).map((m: { name: string }) => m.name);
    expect(overQuota(township)).not.toEqual(overQuota(branch));
  });

  it('a worker that runs out of memory leaves that workbook out with a reason; the batch goes on', () => {
    const r = score([...args(tmp()), '--quiet'], { env: { SCORE_WORKERS: '2', SCORE_WORKER_HEAP_MB: '1' } });
    // With a 1 MB heap no worker can read anything: every ledger is left out, nothing crashes.
    expect(r.code).toBe(1);
    const res = json(r);
    expect(res.excluded.length).toBe(6);
    expect(res.excluded[0].reason).toMatch(/内存上限|工作簿无法解析/);
    // Each left out with the diagnostic that says why (its fix too), as a file the main thread cannot read.
    const codes = res.issues.map((i: { code: string }) => i.code);
    expect(codes.length).toBe(6);
    expect(codes.every((c: string) => c === 'INPUT_READ_OUT_OF_MEMORY' || c === 'READ_EXCEL_FAILED')).toBe(true);
    expect(res.excluded[0].fix).toBeTruthy();
  });
});
