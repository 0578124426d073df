// docs/schemes.md, the scheme reference explain points at, is generated from the schemes: this
// fails when it is stale (run `npm run docs`) or when the core cites a rule code it does not explain.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FILE, schemeReference } from '../../src/scheme/reference.js';
import { RULES } from '../../src/scheme/rules.js';
import { builtinIds } from '../../src/scheme/builtins.js';
import { ROOT } from '../helpers/cli.js';

describe('docs/schemes.md', () => {
  it('is what npm run docs writes from the current schemes (run npm run docs when this fails)', () => {
    const current = readFileSync(join(ROOT, REFERENCE_FILE), 'utf8');
    expect(current === schemeReference(), `${REFERENCE_FILE} is out of date: run npm run docs`).toBe(true);
  });
  it('has every built-in scheme and every rule code', () => {
    const text = schemeReference();
    for (const id of builtinIds()) expect(text).toContain(`### \`${id}\``);
    for (const r of RULES) expect(text).toContain(`| ${r.code} |`);
  });
  it('explains every rule code the core cites in a trace', () => {
    const dir = join(ROOT, 'src', 'core');
    const cited = new Set<string>();
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(R\d+)'/g)) cited.add(m[1]!);
    }
    expect(cited.size).toBeGreaterThan(5);
    const known = new Set(RULES.map((r) => r.code));
    expect([...cited].filter((c) => !known.has(c))).toEqual([]);
  });
  it('is the reference the README and explain point at; no SCHEMES.md is cited that the repository lacks', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(REFERENCE_FILE);
    expect(readme).not.toMatch(/(?<!shared\/)SCHEMES\.md/);
    expect(readFileSync(join(ROOT, 'src', 'cli', 'commands', 'explain.ts'), 'utf8')).toContain('docs/schemes.md');
  });
});
