// Test helper: reads a built-in scheme JSON and parses it with the scheme schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemeSchema, type Scheme } from '../../src/scheme/schema.js';

export const BUILTIN_IDS = [
  'township',
  'vanguard',
  'vanguard-school',
  'agency',
  'bureau',
  'culture',
  'company',
  'school',
  'village',
  'tiered-xinba',
  'tiered-baiyanghe',
  'it-bureau',
  'demolition',
] as const;
export type BuiltinId = (typeof BUILTIN_IDS)[number];

export function rawScheme(id: string): unknown {
  const url = new URL(`../../src/scheme/builtin/${id}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
}

export function loadScheme(id: string): Scheme {
  return schemeSchema.parse(rawScheme(id));
}
