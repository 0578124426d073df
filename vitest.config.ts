import { defineConfig } from 'vitest/config';

/**
 * Two projects (issue 24). `unit`: in-process tests of the engine, readers, writers and schemes; runs in
 * seconds (`npm test -- --project unit`). `slow`: everything that spawns the built binary, LibreOffice
 * or Wine, or writes very large workbooks. A test file belongs to `slow` when it is listed here;
 * test/architecture/projects.test.ts fails when a `unit` file spawns anything, so a new slow file
 * cannot slip into the fast project.
 */
export const SLOW = [
  'test/cli/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/libreoffice/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/install.test.ts',
  'test/readme.test.ts',
  'test/batch/inputs.test.ts',
  'test/excel-lean/big.test.ts',
  'test/excel-read/fast.test.ts', // both readers over every committed fixture workbook
  'test/fixtures/fixtures.test.ts',
  'test/windows/drop.test.ts',
  'test/windows/output-names.test.ts',
  'test/windows/package.test.ts',
  'test/architecture/inlining.test.ts', // spawns node to read V8's bytecode length
];

const shared = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
  // A test that asserts nothing fails (skip it explicitly, with the reason, instead).
  expect: { requireAssertions: true },
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { test: { ...shared, name: 'slow', include: SLOW } },
    ],
  },
});
