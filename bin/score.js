#!/usr/bin/env node
import module from 'node:module';
// The program is the bundle in dist/bundle (npm run build: tsc, then tools/bundle.ts). SCORE_DEBUG
// turns on its source maps first, so a stack trace names the src/ files.
if (process.env.SCORE_DEBUG) process.setSourceMapsEnabled(true);
// Node 22 and later (the Windows package's Node) keep the bundle's compiled code between runs in
// Node's own cache folder (the system's temp folder): each run after the first starts sooner. Node 20
// has no such cache; a cache that cannot be written is only not used (docs/performance.md, 第七轮).
module.enableCompileCache?.();
const { main } = await import('../dist/bundle/main.js');

await main(process.argv);
