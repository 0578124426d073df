// fixtures/invalid/README.md and the README's refusals table are written from the message catalogues
// (tools/catalogue-docs.ts, `npm run catalogue`): this fails when either file differs from what the
// catalogue and fixtures/invalid/expected.json say now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueDocs, entryOf, invalidReadme, REFUSALS, withRefusals } from '../../tools/catalogue-docs.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('docs written from the catalogue (npm run catalogue)', () => {
  it.each([...catalogueDocs(ROOT)].map(([path, text]) => ({ path, text })))('$path is up to date', ({ path, text }) => {
    expect(readFileSync(join(ROOT, path), 'utf8') === text, `${path} is stale: run npm run catalogue`).toBe(true);
  });

  it('a row of fixtures/invalid takes its severity, message and fix from the catalogue', () => {
    const row = { file: 'EVENT_NO_DATE.xlsx', code: 'EVENT_NO_DATE', severity: 'warning', scheme: 'township', args: [], sheet: '加减分明细', cell: 'B4', what: '没有日期' };
    const text = invalidReadme([row]);
    expect(text).toContain('| EVENT_NO_DATE | 错误 error | 加减分明细 | B4 |'); // the catalogue's severity, not the row's
    expect(text).toContain(`| EVENT_NO_DATE | ${entryOf('EVENT_NO_DATE')!.zh({})}<br>`);
    expect(() => invalidReadme([{ ...row, code: 'EVENT_NO_SUCH' }])).toThrow(/in no catalogue/);
  });

  it('the refusals table is found by its markers and rewritten whole; every code it names is in a catalogue', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const broken = readme.replace('`READ_ENCRYPTED`', '`READ_ENCRYPTED_OLD`');
    expect(broken).not.toBe(readme);
    expect(withRefusals(broken)).toBe(readme);
    for (const r of REFUSALS) for (const c of r.codes) expect(entryOf(c), c).toBeDefined();
  });
});
