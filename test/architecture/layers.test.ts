// STYLE.md habit 1, as rules: imports flow cli → batch → excel / scheme → core, never back; the pure core
// touches no files, no exceljs, no terminal and no process; the batch layer draws no terminal; no cycles.
// The rules live in .dependency-cruiser.cjs (also `npm run deps`); this test runs them over src/, tools/
// and test/, and shows on a made-up tree that each rule does catch what it forbids.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

async function violations(dirs: string[], baseDir = ROOT): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(ROOT, 'tsconfig.json'));
  const r = await cruise(dirs, { ...options, validate: true, baseDir }, {}, { tsConfig });
  const out = r.output as ICruiseResult;
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('hold for src/ (npm run deps also checks tools/ and test/): no layer imported upward, no cycle', async () => {
    expect(await violations(['src'])).toEqual([]);
  }, 60_000);

  it('catch each forbidden import on a made-up tree', async () => {
    const base = join(tmpdir(), `score-layers-${process.pid}-${Date.now()}`);
    const put = (path: string, text: string): void => {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), text);
    };
    put('src/core/up.ts', "import { b } from '../excel/b.js';\nexport const up = b;\n");
    put('src/core/fs.ts', "import { readFileSync } from 'node:fs';\nexport const fs = readFileSync;\n");
    put('src/core/scheme-code.ts', "import { s } from '../scheme/s.js';\nexport const x = s;\n");
    put('src/core/scheme-type.ts', "import type { S } from '../scheme/s.js';\nexport const y = (v: S) => v;\n");
    put('src/excel/b.ts', 'export const b = 1;\n');
    put('src/excel/up.ts', "import { c } from '../batch/c.js';\nexport const e = c;\n");
    put('src/scheme/s.ts', 'export const s = 1;\nexport type S = number;\n');
    put('src/batch/c.ts', "import { m } from '../cli/m.js';\nexport const c = m;\n");
    put('src/cli/m.ts', "import { n } from './n.js';\nexport const m = 1;\nexport const mm = n;\n");
    put('src/cli/n.ts', "import { m } from './m.js';\nexport const n = m;\n");
    // A step imports no other step: check/ and grade/ share what they need with compute/ through rules/.
    put('src/core/compute/unit.ts', 'export const unit = 1;\n');
    put('src/core/rules/unit.ts', 'export const ruleUnit = 1;\n');
    put('src/core/check/uses-compute.ts', "import { unit } from '../compute/unit.js';\nexport const u = unit;\n");
    put('src/core/grade/uses-rules.ts', "import { ruleUnit } from '../rules/unit.js';\nexport const r = ruleUnit;\n");
    const found = (await violations(['src'], base)).map((v) => v.split(':')[0]);
    expect(new Set(found)).toEqual(new Set(['core-is-the-bottom', 'core-is-pure', 'core-uses-scheme-types-only', 'excel-below-batch', 'batch-below-cli', 'no-circular', 'no-circular-types', 'core-steps-in-order']));
    expect(found.filter((r) => r === 'core-steps-in-order')).toHaveLength(1); // check/ → compute/; grade/ → rules/ is allowed
    expect(found.filter((r) => r === 'core-uses-scheme-types-only')).toHaveLength(1); // the `import type` one is allowed
  }, 60_000);

  it('every src/ module is in a known layer (a new folder must be placed in the rules)', () => {
    expect([...new Set(files(SRC).map((f) => relative(SRC, f).split(/[\\/]/)[0]))].sort()).toEqual(['batch', 'cli', 'core', 'excel', 'scheme']);
  });

  it('core/ touches no process and no console (globals no import rule can see)', () => {
    const bad = files(join(SRC, 'core')).filter((f) => /\bprocess\.|console\./.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
