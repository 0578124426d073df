// Loads a scheme: a built-in id or a user's JSON file, validated by the same zod schema and
// cross-field checks; problems name the field path and say how to fix it.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinDir, builtinIds } from './builtins.js';
import type { ZodIssue } from 'zod';
import { checkScheme } from './checks.js';
import { type SchemeProblem, schemeProblem } from './messages.js';
import { decodeSchemeBytes } from './text.js';
import { schemeSchema, type Scheme } from './schema.js';

export type LoadResult = { ok: true; scheme: Scheme; builtin: boolean } | { ok: false; file: string; problems: SchemeProblem[] };

export { BUILTIN_ORDER, builtinIds, packageRoot } from './builtins.js';

const cache = new Map<string, LoadResult>();

/** A scheme file given with --scheme is read only up to this size (the largest built-in is ~40 KB). */
export const MAX_SCHEME_BYTES = 1024 * 1024;

/**
 * A scheme by a built-in id or (from the command line only) a file. A ledger's 说明 goes through
 * loadBuiltinScheme instead: a branch's file never picks a file on disk.
 */
export function loadScheme(ref: string): LoadResult {
  const hit = cache.get(ref);
  if (hit) return hit;
  const builtin = /^[a-z0-9-]+$/.test(ref) && existsSync(join(builtinDir(), `${ref}.json`));
  const file = builtin ? join(builtinDir(), `${ref}.json`) : resolve(ref);
  let result: LoadResult;
  if (builtin) result = parseSchemeText(readFileSync(file, 'utf8'), file, true);
  else {
    const read = readSchemeFile(file, ref);
    result = read.ok ? parseSchemeText(read.text, file, false) : { ok: false, file: ref, problems: [read.problem] };
  }
  cache.set(ref, result);
  return result;
}

/** The scheme a ledger's 说明 names: a built-in id and nothing else (never a path). */
export function loadBuiltinScheme(name: string): LoadResult {
  const id = name.normalize('NFKC').trim();
  if (/^[a-z0-9-]+$/.test(id) && builtinIds().includes(id)) return loadScheme(id);
  const ids = builtinIds();
  return {
    ok: false,
    file: name,
    problems: [schemeProblem('SCHEME_NOT_BUILTIN', '', { ids: ids.join('、'), idsEn: ids.join(', ') })],
  };
}

type FileRead = { ok: true; text: string } | { ok: false; problem: SchemeProblem };

/**
 * A --scheme file: a regular file (not a folder, device or pipe: checked before and after open,
 * opened non-blocking), at most MAX_SCHEME_BYTES, read once.
 */
function readSchemeFile(file: string, ref: string): FileRead {
  const problem = (p: SchemeProblem): FileRead => ({ ok: false, problem: p });
  const notRegular = (): FileRead => problem(schemeProblem('SCHEME_FILE_NOT_REGULAR', '', { ref }));
  const tooLarge = (): FileRead => problem(schemeProblem('SCHEME_FILE_TOO_LARGE', '', { mb: MAX_SCHEME_BYTES / 1024 / 1024 }));
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return problem(schemeProblem('SCHEME_NOT_FOUND', '', { ref, ids: builtinIds().join('、'), idsEn: builtinIds().join(', ') }));
  }
  if (!st.isFile()) return notRegular();
  if (st.size > MAX_SCHEME_BYTES) return tooLarge();
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return notRegular();
    // Read once, up to one byte over the cap (a /proc file says size 0 and still has content).
    const buf = Buffer.alloc(MAX_SCHEME_BYTES + 1);
    let got = 0;
    for (let n = 1; n > 0 && got < buf.length; got += n) n = readSync(fd, buf, got, buf.length - got, null);
    if (got > MAX_SCHEME_BYTES) return tooLarge();
    const decoded = decodeSchemeBytes(buf.subarray(0, got));
    return decoded.ok ? decoded : problem(decoded.problem);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return problem(schemeProblem('SCHEME_FILE_UNREADABLE', '', { code: code ?? 'error' }));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function parseSchemeText(text: string, file: string, builtin = false): LoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, file, problems: [schemeProblem('SCHEME_BAD_JSON', '', jsonErrorPlace(text, e))] };
  }
  const parsed = schemeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, file, problems: parsed.error.issues.map(zodProblem) };
  const problems = checkScheme(parsed.data);
  if (problems.length > 0) return { ok: false, file, problems };
  return { ok: true, scheme: parsed.data, builtin };
}

/**
 * Where JSON.parse stopped, as line and column, and never the text itself: the file may be
 * anything (a mistyped path to /etc/passwd must not be echoed).
 */
function jsonErrorPlace(text: string, e: unknown): { line?: number; col?: number } {
  const m = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return {};
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  return { line, col };
}

export function pathText(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** A zod issue in the user's words: the field path, what is wrong, what is expected. */
function zodProblem(issue: ZodIssue): SchemeProblem {
  const path = pathText(issue.path);
  const where = path || '（顶层）';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return schemeProblem('SCHEME_FIELD_MISSING', path, { where, path, expected: issue.expected, expectedZh: typeZh(issue.expected) });
      return schemeProblem('SCHEME_FIELD_TYPE', path, { where, path, expected: issue.expected, expectedZh: typeZh(issue.expected), received: issue.received, receivedZh: typeZh(issue.received) });
    case 'too_small':
      return schemeProblem('SCHEME_FIELD_TOO_SMALL', path, { where, path, minimum: String(issue.minimum), type: issue.type, detail: issue.message });
    case 'too_big':
      return schemeProblem('SCHEME_FIELD_TOO_BIG', path, { where, path, maximum: String(issue.maximum), detail: issue.message });
    case 'invalid_enum_value':
      return schemeProblem('SCHEME_FIELD_NOT_OPTION', path, { where, path, received: String(issue.received), options: issue.options.join('、'), detail: issue.message });
    case 'unrecognized_keys':
      return schemeProblem('SCHEME_FIELD_UNKNOWN', path, { where, path, keys: issue.keys.join(', ') });
    case 'invalid_literal':
      return schemeProblem('SCHEME_FIELD_LITERAL', path, { where, path, expected: String(issue.expected), detail: issue.message });
    default:
      return schemeProblem('SCHEME_FIELD_INVALID', path, { where, path, detail: issue.message });
  }
}

function typeZh(t: string): string {
  const map: Record<string, string> = { number: '数字', string: '文字', boolean: 'true/false', array: '列表 [...]', object: '对象 {...}', null: 'null', undefined: '空' };
  return map[t] ?? t;
}
