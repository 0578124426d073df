#!/usr/bin/env node
// The drag-and-drop entry (评定.cmd in the Windows package): see src/cli/drop.ts, bundled in dist/bundle.
if (process.env.SCORE_DEBUG) process.setSourceMapsEnabled(true);
const { dropMain } = await import('../dist/bundle/drop.js');

await dropMain(process.argv.slice(2));
