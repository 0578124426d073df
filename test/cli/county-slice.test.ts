// Issue 23: the results of a county-size ledger are the same however the batch is read — in-process,
// by one or two read workers (their branches packed until written), beside the main thread, with
// nothing kept expanded between the outputs, and with or without the Node options the packages'
// launchers give (tools/pack/node-flags.ts). The workbooks too: grade's 公示名单 written by the
// write worker (src/batch/publication-lane.ts) is the one the main thread writes, part for part.
// The township fixtures are small ledgers (test/cli/workers.test.ts); these are 700 members each.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, schemeById, writeLedger } from '../../tools/make-fixtures.js';
import { NODE_FLAGS } from '../../tools/pack/node-flags.js';
import { ensureBuilt, score, tmp } from '../helpers/cli.js';
import { zipEntries } from '../helpers/unzip.js';

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

  /** The parts of each workbook grade wrote (the stamp's time, in docProps/core.xml, left out). */
  const written = (env: Record<string, string>, extra: string[] = []): { parts: Map<string, Map<string, string>>; stderr: string; code: number } => {
    const out = tmp();
    const r = score(['grade', '--year', '2023', '--dir', dir, '--out', out, '--quiet', ...extra], { env });
    const parts = new Map<string, Map<string, string>>();
    for (const f of readdirSync(out).filter((n) => n.endsWith('.xlsx'))) {
      parts.set(f, new Map(zipEntries(join(out, f)).filter((e) => e.name !== 'docProps/core.xml').map((e) => [e.name, e.data().toString('latin1')])));
    }
    return { parts, stderr: r.stderr, code: r.code };
  };

  it('the 公示名单 the write worker writes is the main thread\'s, part for part (branch and township quota); a worker that cannot run leaves it to the main thread', () => {
    for (const extra of [[], ['--quota-scope', 'township']]) {
      const here = written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '0' }, extra);
      expect([...here.parts.keys()].sort(), here.stderr).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
      const inProcess = written({ SCORE_WORKERS: '0' }, extra);
      expect(inProcess.parts).toEqual(here.parts);
      expect(written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '1' }, extra).parts).toEqual(here.parts);
      expect(written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '1', SCORE_KEPT_MEMBERS: '0' }, extra).parts).toEqual(here.parts);
      expect(written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '1', SCORE_TEST_WRITE_WORKER: 'exit' }, extra).parts).toEqual(here.parts);
    }
  }, 300_000);

  it('a full disk met by the write worker: named at the 公示名单, and nothing of the set written', () => {
    const r = written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '1', SCORE_TEST_WRITE_WORKER: 'full' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/未写出：.*2023年度公示名单\.xlsx/);
    expect(r.stderr).toContain('磁盘');
    expect(r.parts.size).toBe(0);
  }, 120_000);

  it('with last year\'s results (--history): the worker\'s 公示名单 and the 评定结果 are the main thread\'s, and the consecutive-year rule is applied', async () => {
    // 2022 ledgers of the same members (the roster does not depend on the year), graded into a history folder.
    const scheme = schemeById('township');
    const before = tmp('score-county-2022-');
    const opts = { scheme, year: 2022, branches: LEDGERS, membersPerBranch: MEMBERS, seed: 23, eventsPerMember: 5 };
    for (let i = 0; i < LEDGERS; i++) await writeLedger(makeBranch(opts, i), join(before, `${i + 1}.xlsx`), scheme);
    const history = tmp('score-history-');
    expect(score(['grade', '--year', '2022', '--dir', before, '--out', history, '--quiet'], { env: { SCORE_WORKERS: '0' } }).code).toBe(0);
    const args = ['--history', history];
    const here = written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '0' }, args);
    expect(here.code, here.stderr).toBe(0);
    expect(written({ SCORE_WORKERS: '2', SCORE_WRITE_WORKER: '1' }, args).parts).toEqual(here.parts);
    // The history was read: members 不合格 both years are sent to the 集中学习班 (township.json), named in the 评定结果.
    const strings = here.parts.get('2023年度评定结果.xlsx')!.get('xl/sharedStrings.xml')!;
    expect(Buffer.from(strings, 'latin1').toString('utf8')).toContain('集中学习');
  }, 300_000);
});
