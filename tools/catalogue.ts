// npm run catalogue: writes fixtures/invalid/README.md and the README's refusals table from the message
// catalogues (tools/catalogue-docs.ts). `--check` writes nothing and exits 1 when a file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/scheme/builtins.js';
import { catalogueDocs } from './catalogue-docs.js';

const root = packageRoot();
const stale: string[] = [];
for (const [path, text] of catalogueDocs(root)) {
  const file = join(root, path);
  if (readFileSync(file, 'utf8') === text) continue;
  stale.push(path);
  if (!process.argv.includes('--check')) writeFileSync(file, text);
}
if (process.argv.includes('--check') && stale.length > 0) {
  process.stderr.write(`out of date (run npm run catalogue): ${stale.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'catalogue docs are up to date\n');
