// npm run docs: writes docs/schemes.md from the built-in schemes (src/scheme/reference.ts).
// `--check` writes nothing and exits 1 when the file in the repository differs (the test runs it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../src/scheme/builtins.js';
import { REFERENCE_FILE, schemeReference } from '../src/scheme/reference.js';

const target = join(packageRoot(), REFERENCE_FILE);
const text = schemeReference();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    process.stderr.write(`${REFERENCE_FILE} is out of date: run npm run docs\n`);
    process.exit(1);
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${REFERENCE_FILE}\n`);
}
