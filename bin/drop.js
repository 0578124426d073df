#!/usr/bin/env node
import module from 'node:module';
// The drag-and-drop entry (评定.cmd in the Windows package): see src/cli/drop.ts, bundled in dist/bundle.
if (process.env.SCORE_DEBUG) process.setSourceMapsEnabled(true);
// Node 22 and later (the Windows package's Node) keep the bundle's compiled code between runs in
// Node's own cache folder (the system's temp folder): each run after the first starts sooner. Node 20
// has no such cache; a cache that cannot be written is only not used (docs/performance.md, 第七轮).
module.enableCompileCache?.();
const { dropMain } = await import('../dist/bundle/drop.js');

await dropMain(process.argv.slice(2));
