// Issue 19: township ledgers a clerk made by hand (tools/make-handmade.ts, no `score template`),
// graded through the spawned binary: each grades to the totals worked out by hand, or is refused
// with an error at the header cell or row that holds the points score would otherwise drop.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDMADE, writeHandmade } from '../../tools/make-handmade.js';
import { ensureBuilt, tmp } from '../helpers/cli.js';
import { gradeAsync, startAll, type GradeOut } from './lib.js';

let dir: string;
let jobs: Record<string, Promise<{ code: number; out: GradeOut }>>;

beforeAll(async () => {
  ensureBuilt();
  dir = tmp('score-handmade-');
  await writeHandmade(dir);
  jobs = startAll(
    Object.fromEntries(
      HANDMADE.map((c) => [
        c.name,
        async () => {
          const r = await gradeAsync([join(dir, `${c.name}.xlsx`)], 2023, tmp(), ['--scheme', 'township', '--no-history']);
          return { code: r.run.code, out: r.out };
        },
      ]),
    ),
  );
}, 120_000);

describe('hand-made township ledgers', () => {
  for (const c of HANDMADE) {
    it(`${c.name}: ${c.what}`, async () => {
      const { code, out } = await jobs[c.name]!;
      const errors = out.issues.filter((i) => i.severity === 'error');
      if (c.totals) {
        expect(errors, JSON.stringify(errors)).toEqual([]);
        expect(code).toBe(0);
        expect(Object.fromEntries(out.members.map((m) => [m.name, m.total]))).toEqual(c.totals);
        for (const n of c.vetoed ?? []) expect(out.members.find((m) => m.name === n)?.vetoed, n).toBe(true);
      } else {
        const e = c.error!;
        expect(code).not.toBe(0);
        expect(errors[0], JSON.stringify(out.issues)).toMatchObject({ code: e.code, sheet: e.sheet, ...(e.cell ? { cell: e.cell } : {}) });
        expect(out.members.length).toBe(0);
      }
      for (const w of c.warnings ?? []) expect(out.issues.map((i) => i.code)).toContain(w);
    });
  }
});
