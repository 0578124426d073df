// Dependency rules (STYLE.md habit 1; issue 24): imports flow cli → batch → excel / scheme → core, never
// back; the pure core touches no files, no exceljs, no terminal; the batch layer draws no terminal; and
// nothing imports itself back through a cycle. `npm run deps` checks them; test/architecture/layers.test.ts
// runs the same rules inside the test suite.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A run-time cycle makes load order matter and hides which module owns what: break it by moving the shared piece down.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-types',
      severity: 'error',
      // Known exceptions, type-only (they vanish at run time): book.ts ↔ cells.ts (SheetLike.read returns
      // a CellRead; cells reads SheetLike) and read/common.ts ↔ read/text-checks.ts (the checks take the
      // ReadContext). Moving those types is left to the catalogue/homes work of issue 24 (build 1, 4), so as
      // not to move types other branches are changing. Any other cycle, even type-only, fails.
      comment: 'A cycle through type imports still ties two modules together: move the shared type down.',
      from: { pathNot: '^src/excel/(book|cells|read/common|read/text-checks)\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'core/ is pure: it imports only core/ (and, type-only, the scheme types, which vanish at run time).',
      from: { path: '^src/core/' },
      to: { path: '^src/(cli|batch|excel)/' },
    },
    {
      name: 'core-steps-in-order',
      severity: 'error',
      comment:
        'core/ by pipeline step (issue 24 item 4): compute/, check/ and grade/ never import one another; what two steps share (unit points, months on the roll, which periods a component counts in) is a rule primitive in rules/.',
      from: { path: '^src/core/(compute|check|grade)/' },
      to: { path: '^src/core/(compute|check|grade)/', pathNot: '^src/core/$1/' },
    },
    {
      name: 'core-primitives-below-steps',
      severity: 'error',
      comment: 'The shared primitives (src/core/*.ts, rules/) sit below the steps; only engine.ts, the public API, runs compute → grade.',
      from: { path: '^src/core/(rules/|[^/]+\\.ts$)', pathNot: '^src/core/engine\\.ts$' },
      to: { path: '^src/core/(check|compute|grade)/' },
    },
    {
      name: 'core-uses-scheme-types-only',
      severity: 'error',
      comment: 'core/ may name the scheme types, never run scheme code: use `import type`.',
      from: { path: '^src/core/' },
      to: { path: '^src/scheme/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core/ reads no files and draws nothing: no Node built-ins, and of the packages only decimal.js and dayjs.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/(decimal\\.js|dayjs)/' },
    },
    {
      name: 'scheme-below-excel',
      severity: 'error',
      comment: 'scheme/ sits beside excel/ and above core/ only.',
      from: { path: '^src/scheme/' },
      to: { path: '^src/(cli|batch|excel)/' },
    },
    {
      name: 'excel-below-batch',
      severity: 'error',
      comment: 'excel/ reads and writes workbooks for the batch and the cli; it never imports them.',
      from: { path: '^src/excel/' },
      to: { path: '^src/(cli|batch)/' },
    },
    {
      name: 'batch-below-cli',
      severity: 'error',
      comment: 'batch/ is what every command shares below the commander code: it never imports the cli.',
      from: { path: '^src/batch/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'batch-draws-no-terminal',
      severity: 'error',
      comment: 'batch/ draws nothing on the terminal: colours, tables and option parsing belong to cli/.',
      from: { path: '^src/batch/' },
      to: { path: '(^|/)node_modules/(chalk|cli-table3|commander)/' },
    },
    {
      name: 'src-stands-alone',
      severity: 'error',
      comment: 'The product never imports tests or tools.',
      from: { path: '^src/' },
      to: { path: '^(test|tools)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
