// Issue 23: the results of a county-size ledger are the same however the batch is read — in-process,
// by one or two read workers (their branches packed until written), beside the main thread, with
// nothing kept expanded between the outputs, and with or without the Node options the packages'
// launchers give (tools/pack/node-flags.ts).
// The township fixtures are small ledgers (test/cli/workers.test.ts); these are 700 members each.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, schemeById, writeLedger } from '../../tools/make-fixtures.js';
import { NODE_FLAGS } from '../../tools/pack/node-flags.js';
import { ensureBuilt, score, tmp } from '../helpers/cli.js';

const LEDGERS = 3;
const MEMBERS = 700;
let dir = '';

beforeAll(async () => {
  ensureBuilt();
  dir = tmp('score-county-');
  const scheme = schemeById('township');
  const opts = { scheme, year: 2023, branches: LEDGERS, membersPerBranch: MEMBERS, seed: 23, eventsPerMember: 5 };
  for (let i = 0; i < LEDGERS; i++) await writeLedger(makeBranch(opts, i), join(dir, `${i + 1}.xlsx`), scheme);
}, 240_000);

describe('a county slice (3 ledgers × 700 members)', () => {
  it('--json is byte for byte the same in-process, with one worker, two, beside the main thread, unkept, and with the launchers’ Node options', () => {
    const run = (env: Record<string, string>, nodeArgs: readonly string[] = []): string => {
      const out = tmp();
      const r = score(['grade', '--year', '2023', '--dir', dir, '--out', out, '--json'], { env, nodeArgs });
      expect(r.stdout.length, r.stderr).toBeGreaterThan(1000);
      // The output folder and the run's time stamp are the only things that may differ between the runs.
      return r.stdout.split(out).join('<out>').replace(/"time": "[^"]*"/g, '"time": "<time>"');
    };
    const inProcess = run({ SCORE_WORKERS: '0' });
    const members = (JSON.parse(inProcess) as { members: unknown[] }).members;
    // The roll: the generator moves a few members in or out during the year.
    expect(members.length).toBeGreaterThan(LEDGERS * MEMBERS - 50);
    expect(run({ SCORE_WORKERS: '1' })).toBe(inProcess);
    expect(run({ SCORE_WORKERS: '2' })).toBe(inProcess);
    expect(run({ SCORE_WORKERS: '+1' })).toBe(inProcess);
    expect(run({ SCORE_WORKERS: '2', SCORE_KEPT_MEMBERS: '0' })).toBe(inProcess);
    expect(run({ SCORE_WORKERS: '0' }, NODE_FLAGS)).toBe(inProcess);
    expect(run({ SCORE_WORKERS: '2' }, NODE_FLAGS)).toBe(inProcess);
  }, 300_000);
});
