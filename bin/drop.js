#!/usr/bin/env node
// The drag-and-drop entry (评定.cmd in the Windows package): see src/cli/drop.ts.
import { dropMain } from '../dist/src/cli/drop.js';

await dropMain(process.argv.slice(2));
