// Test helper: reads a built-in scheme JSON and parses it with the scheme schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinIds } from '../../src/scheme/builtins.js';
import { schemeSchema, type Scheme } from '../../src/scheme/schema.js';

/** Every built-in scheme, enumerated from src/scheme/builtin/ (a scheme added there is tested without editing this list). */
export const BUILTIN_IDS: readonly string[] = builtinIds();
export type BuiltinId = string;

export function rawScheme(id: string): unknown {
  const url = new URL(`../../src/scheme/builtin/${id}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
}

export function loadScheme(id: string): Scheme {
  return schemeSchema.parse(rawScheme(id));
}
