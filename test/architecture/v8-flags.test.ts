// V8's flags are given on Node's command line (tools/pack/node-flags.ts), never changed by the
// program: set at run time with v8.setFlagsFromString, the inlining limit changed under a compile
// job on V8's background thread and V8 ended the process (CI, 2026-12-07, the drop entry running
// main() twice). This scans the program (src/, bin/) for the call, and shows on made-up lines that
// each way of writing it is caught.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** setFlagsFromString however it is reached: a named import, v8.…, or require('v8'). */
const CHANGES_FLAGS = /\bsetFlagsFromString\b/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(?:ts|js|mjs|cjs)$/.test(name) ? [p] : [];
  });
}

describe('the program never changes V8 flags at run time', () => {
  it('no file of src/ or bin/ calls setFlagsFromString', () => {
    const found = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'bin'))].filter((f) => CHANGES_FLAGS.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(found).toEqual([]);
  });

  it('catches each way of writing the call', () => {
    for (const line of ["import { setFlagsFromString } from 'node:v8';", 'v8.setFlagsFromString("--max-inlined-bytecode-size=40");', "require('v8').setFlagsFromString('--no-opt')"]) {
      expect(CHANGES_FLAGS.test(line), line).toBe(true);
    }
    expect(CHANGES_FLAGS.test("import { getHeapStatistics } from 'node:v8';")).toBe(false);
  });
});
