// Batches are read on worker threads, and a township on the main thread beside them: the results
// must be identical to the main thread's alone, and a workbook that exceeds a worker's memory cap
// is left out while the batch goes on.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lanePlan } from '../../src/batch/inputs.js';
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

  // Five runs a fixture: slow on a loaded machine.
  it.each(['township', 'township-2022'])('--json is byte for byte the same in-process, with one worker, with two, and the main thread beside one or two (%s)', (dir) => {
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
    expect(run('+1')).toBe(inProcess);
    expect(run('+2')).toBe(inProcess);
  }, 240_000);

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
    // A bound the batch just fits in (the fixture's 名册 hold 150 members), and one it just misses: the same.
    expect(run('2', 'township', '150')).toBe(township);
    expect(run('2', 'township', '149')).toBe(township);
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

describe('who reads a batch (lanePlan)', () => {
  const KB = 1024;
  const MB = 1024 * KB;
  const many = (n: number, size: number): number[] => Array.from({ length: n }, () => size);

  it('one ledger, a small batch or one core: the main thread alone (no worker start-up)', () => {
    expect(lanePlan([2 * MB], 4, undefined)).toEqual({ workers: 0, main: true });
    expect(lanePlan(many(6, 52 * KB), 4, undefined)).toEqual({ workers: 0, main: true });
    expect(lanePlan(many(56, 73 * KB), 1, undefined)).toEqual({ workers: 0, main: true });
    expect(lanePlan(many(50, 2 * MB), 1, undefined)).toEqual({ workers: 0, main: true });
  });

  it('a township (56 small ledgers): the main thread and a worker per spare core, from one queue', () => {
    // Two cores: the main thread and V8's compiler already keep both busy (measured): no worker.
    expect(lanePlan(many(56, 73 * KB), 2, undefined)).toEqual({ workers: 0, main: true });
    expect(lanePlan(many(56, 73 * KB), 4, undefined)).toEqual({ workers: 2, main: true });
    expect(lanePlan(many(56, 73 * KB), 16, undefined)).toEqual({ workers: 3, main: true });
    // Each worker must have its start-up's worth of reading: 20 ledgers (1.4 MB) pay for one only.
    expect(lanePlan(many(20, 73 * KB), 4, undefined)).toEqual({ workers: 1, main: true });
  });

  it('a county (a big batch): workers only, the main thread answers them', () => {
    expect(lanePlan(many(50, 2 * MB), 2, undefined)).toEqual({ workers: 2, main: false });
    expect(lanePlan(many(2800, 72 * KB), 8, undefined)).toEqual({ workers: 4, main: false });
  });

  it('SCORE_WORKERS forces a plan: 0, N workers, +N beside the main thread', () => {
    expect(lanePlan(many(56, 73 * KB), 4, '0')).toEqual({ workers: 0, main: true });
    expect(lanePlan(many(6, 52 * KB), 2, '1')).toEqual({ workers: 1, main: false });
    expect(lanePlan(many(6, 52 * KB), 2, '2')).toEqual({ workers: 2, main: false });
    expect(lanePlan(many(6, 52 * KB), 2, '+1')).toEqual({ workers: 1, main: true });
    expect(lanePlan(many(2, 52 * KB), 2, '+4')).toEqual({ workers: 1, main: true });
    expect(lanePlan([52 * KB], 2, '2')).toEqual({ workers: 0, main: true });
  });
});
