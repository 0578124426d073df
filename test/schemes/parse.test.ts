import { describe, expect, it } from 'vitest';
import { schemeSchema } from '../../src/scheme/schema.js';
import { BUILTIN_IDS, rawScheme } from './load.js';

describe('built-in schemes parse', () => {
  it.each(BUILTIN_IDS)('%s', (id) => {
    const r = schemeSchema.safeParse(rawScheme(id));
    if (!r.success) throw new Error(JSON.stringify(r.error.issues, null, 1));
    expect(r.data.id).toBe(id);
  });
});
