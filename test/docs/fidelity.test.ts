// docs/fidelity.md (issue 18, build 8): every row names a test that exists, every built-in scheme has rows,
// every sentence is the seed's own words, and the committed file is what the rows give (npm run docs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinIds } from '../../src/scheme/builtins.js';
import { EXTRA_SCOPES, FIDELITY_FILE, fidelityMarkdown, missingTest, readRows, testTitles, titleMatches, type TestTitles } from '../../tools/fidelity.js';

const ROOT = join(import.meta.dirname, '..', '..');
const rows = readRows(ROOT);
const where = (r: { scope: string; topic: string; index: number }): string => `tools/fidelity/${r.scope}/${r.topic}.json [${r.index}]`;

// The seeds sit in the shared folder beside the repository where the product is developed; they are not
// committed, so the verbatim check is skipped (and says so) where they are absent.
const SEEDS = [join(ROOT, '..', 'shared', 'seeds'), '/work/shared/seeds'].find((d) => existsSync(d));
const squash = (s: string): string => s.replace(/[\s\u3000]+/g, '');

describe('docs/fidelity.md rows', () => {
  it('every row names an existing test (file › describe › test name)', () => {
    const cache = new Map<string, TestTitles>();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [where(r), missingTest(r.test, ROOT, cache)]).filter(([, why]) => why !== undefined)).toEqual([]);
  });

  it('every built-in scheme has rows, and every row folder is a built-in scheme or the frame', () => {
    const ids = builtinIds();
    expect(ids.filter((id) => !rows.some((r) => r.scope === id))).toEqual([]);
    expect(readdirSync(join(ROOT, 'tools', 'fidelity')).filter((d) => !ids.includes(d) && !EXTRA_SCOPES.includes(d))).toEqual([]);
  });

  it.skipIf(SEEDS === undefined)('every sentence is in its seed, word for word (「……」 may stand for a cut; skipped where seeds/ is absent)', () => {
    const seedText = new Map<string, string>();
    for (const f of readdirSync(SEEDS!)) seedText.set(f.slice(0, 3), squash(readFileSync(join(SEEDS!, f), 'utf8')));
    const notFound = rows.filter((r) => {
      const text = seedText.get(r.seed.slice(0, 3));
      return text === undefined || !r.sentence.split(/…+/).every((part) => text.includes(squash(part)));
    });
    expect(notFound.map((r) => `${where(r)} seed ${r.seed}: 「${r.sentence}」`)).toEqual([]);
  });

  it('docs/fidelity.md is what the rows give (run npm run docs)', () => {
    expect(readFileSync(join(ROOT, FIDELITY_FILE), 'utf8')).toBe(fidelityMarkdown(rows));
  });
});

describe('the test-name check itself', () => {
  const titles = testTitles(
    [
      "describe('outer', () => {",
      "  it('plain name', () => {});",
      "  it.each([['a', 1]])('%s gives %i', () => {});",
      '  test(`template name`, () => {});',
      "  it.skipIf(true)('skipped name', () => {});",
      '});',
    ].join('\n'),
  );
  it('reads it, it.each, test and it.skipIf titles, and describe titles', () => {
    expect(titles).toEqual({ describes: ['outer'], tests: ['plain name', '%s gives %i', 'template name', 'skipped name'] });
  });
  it('matches it.each titles with their placeholders filled, and nothing else', () => {
    expect(titleMatches('%s gives %i', 'a gives 1')).toBe(true);
    expect(titleMatches('%s gives %i', 'a gives')).toBe(false);
    expect(titleMatches('plain name', 'plain name ')).toBe(false);
  });
  it('fails a row whose test name, describe or file does not exist', () => {
    expect(missingTest('test/docs/fidelity.test.ts > the test-name check itself > reads it, it.each, test and it.skipIf titles, and describe titles', ROOT)).toBeUndefined();
    expect(missingTest('test/docs/fidelity.test.ts > no such test', ROOT)).toMatch(/no test titled/);
    expect(missingTest('test/docs/fidelity.test.ts > no such describe > reads it, it.each, test and it.skipIf titles, and describe titles', ROOT)).toMatch(/no describe titled/);
    expect(missingTest('test/nowhere.test.ts > x', ROOT)).toMatch(/no file/);
  });
});
