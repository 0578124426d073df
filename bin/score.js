#!/usr/bin/env node
// The program is the bundle in dist/bundle (npm run build: tsc, then tools/bundle.ts). SCORE_DEBUG
// turns on its source maps first, so a stack trace names the src/ files.
if (process.env.SCORE_DEBUG) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/bundle/main.js');

await main(process.argv);
