// `npm run fixtures`: deterministic sample ledgers (seeded PRNG, never Math.random).
// The generator (makeTownship) and the writer (fillLedger / writeLedger) are exported so the
// benchmark and the tests can build townships of any size with the same code.
//
//   fixtures/township/       the README demo: 6 branches, 150 members, 2023
//   fixtures/township-2022/  the same branches in 2022 (consecutive-year rule)
//   fixtures/messy/          one ledger per reader quirk, each otherwise valid
//   fixtures/invalid/        one ledger per validation code, exactly one planted problem
//   fixtures/bad/            broken files, and one good ledger
//
// One module per form kind under tools/fixtures/ (spec, ledger, township, messy, invalid, bad, readmes,
// applications); this file is the entry point and re-exports them for the benchmark and the tests.
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/scheme/load.js';
import { schemeById } from './fixtures/spec.js';
import { saveWb, dropValidations, trimBlankRows } from './fixtures/ledger.js';
import { townshipDemo, writeSet } from './fixtures/township.js';
import { messyFixtures } from './fixtures/messy.js';
import { buildInvalid, invalidFixtures } from './fixtures/invalid.js';
import { makeBad } from './fixtures/bad.js';
import { fixturesReadme, invalidReadme } from './fixtures/readmes.js';
import { APPLICATIONS_README, makeApplications } from './fixtures/applications.js';

export * from './fixtures/spec.js';
export * from './fixtures/ledger.js';
export * from './fixtures/township.js';
export * from './fixtures/messy.js';
export * from './fixtures/invalid.js';
export * from './fixtures/bad.js';
export * from './fixtures/readmes.js';
export * from './fixtures/applications.js';

// ───────────────────────────── main ─────────────────────────────

export const FIXTURES_DIR = join(packageRoot(), 'fixtures');

export async function makeAll(root: string = FIXTURES_DIR): Promise<void> {
  const township = schemeById('township');
  for (const sub of ['township', 'township-2022']) await rm(join(root, sub), { recursive: true, force: true });
  await writeSet(join(root, 'township'), townshipDemo(2023), township);
  await writeSet(join(root, 'township-2022'), townshipDemo(2022), township);
  await rm(join(root, 'messy'), { recursive: true, force: true });
  for (const f of messyFixtures()) {
    const wb = f.build(f.spec, township);
    trimBlankRows(wb);
    dropValidations(wb);
    await saveWb(wb, join(root, 'messy', f.file));
  }
  await rm(join(root, 'invalid'), { recursive: true, force: true });
  const manifest: Record<string, unknown>[] = [];
  for (const f of invalidFixtures()) {
    const { wb, place } = buildInvalid(f);
    const file = `${f.code}.xlsx`;
    await saveWb(wb, join(root, 'invalid', file));
    manifest.push({ file, code: f.code, severity: f.severity, scheme: f.scheme, args: f.args, sheet: place.sheet, cell: place.cell ?? null, ...(place.also ? { also: place.also.map((p) => ({ sheet: p.sheet, cell: p.cell ?? null })) } : {}), what: f.what });
  }
  await writeFile(join(root, 'invalid', 'expected.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(join(root, 'bad'), { recursive: true, force: true });
  const bad = await makeBad(join(root, 'bad'));
  await writeFile(join(root, 'bad', 'expected.json'), `${JSON.stringify(bad, null, 2)}\n`);
  await writeFile(join(root, 'invalid', 'README.md'), invalidReadme(manifest as unknown as Parameters<typeof invalidReadme>[0]));
  await writeFile(join(root, 'README.md'), fixturesReadme(messyFixtures(), bad) + APPLICATIONS_README);
  await rm(join(root, 'applications'), { recursive: true, force: true });
  await makeApplications(join(root, 'applications'));
}

const invoked = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === invoked) {
  makeAll().then(
    () => process.stdout.write(`fixtures written to ${FIXTURES_DIR}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
