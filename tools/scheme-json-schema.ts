// Writes templates/score-scheme.schema.json (the JSON Schema editors use for `$schema`)
// from the zod scheme schema, so the two never drift. Run: npm run schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { schemeSchema } from '../src/scheme/schema.js';
import { packageRoot } from '../src/scheme/load.js';

const json = zodToJsonSchema(schemeSchema, { name: 'ScoreScheme', $refStrategy: 'none' });
writeFileSync(join(packageRoot(), 'templates', 'score-scheme.schema.json'), `${JSON.stringify(json, null, 2)}\n`);
