// Loads a scheme: a built-in id or a user's JSON file, validated by the same zod schema and
// cross-field checks; problems name the field path and say how to fix it.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinDir, builtinIds } from './builtins.js';
import type { ZodIssue } from 'zod';
import { checkScheme, type SchemeProblem } from './checks.js';
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
    problems: [
      {
        path: '',
        zh: `这不是内置方案的 id。台账里只能写内置方案：${ids.join('、')}；自定义的方案文件请在命令行用 --scheme 文件名 指定`,
        en: `not a built-in scheme id. A ledger can only name a built-in scheme: ${ids.join(', ')}; give a scheme file with --scheme FILE on the command line`,
      },
    ],
  };
}

type FileRead = { ok: true; text: string } | { ok: false; problem: SchemeProblem };

/**
 * A --scheme file: a regular file (not a folder, device or pipe: checked before and after open,
 * opened non-blocking), at most MAX_SCHEME_BYTES, read once.
 */
function readSchemeFile(file: string, ref: string): FileRead {
  const problem = (zh: string, en: string): FileRead => ({ ok: false, problem: { path: '', zh, en } });
  const notRegular = (): FileRead => problem(`「${ref}」不是普通文件（是文件夹、设备或管道）：请给出方案 JSON 文件`, `${ref} is not a regular file (a folder, device or pipe): give a scheme JSON file`);
  const tooLarge = (): FileRead => problem(`方案文件超过 ${MAX_SCHEME_BYTES / 1024 / 1024} MB，不像方案文件：请检查文件名`, `the scheme file is over ${MAX_SCHEME_BYTES / 1024 / 1024} MB, which no scheme is: check the file name`);
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return problem(`没有名为「${ref}」的内置方案，也没有这个文件：内置方案有 ${builtinIds().join('、')}`, `no built-in scheme or file named ${ref}; built-in: ${builtinIds().join(', ')}`);
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
    return decoded.ok ? decoded : problem(decoded.zh, decoded.en);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return problem(`方案文件无法读取（${code ?? 'error'}）：请检查文件权限`, `the scheme file cannot be read (${code ?? 'error'}): check its permissions`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function parseSchemeText(text: string, file: string, builtin = false): LoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const at = jsonErrorPlace(text, e);
    return { ok: false, file, problems: [{ path: '', zh: `不是有效的 JSON${at.zh}。请检查逗号、引号和括号`, en: `not valid JSON${at.en}` }] };
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
function jsonErrorPlace(text: string, e: unknown): { zh: string; en: string } {
  const m = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return { zh: '', en: '' };
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  return { zh: `（第 ${line} 行第 ${col} 列附近）`, en: ` (near line ${line}, column ${col})` };
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
      if (issue.received === 'undefined') return { path, zh: `${where}：缺少这个字段，请补上（应为 ${typeZh(issue.expected)}）`, en: `${path}: required (${issue.expected})` };
      return { path, zh: `${where}：应为 ${typeZh(issue.expected)}，实际是 ${typeZh(issue.received)}`, en: `${path}: expected ${issue.expected}, got ${issue.received}` };
    case 'too_small':
      return { path, zh: `${where}：不能小于 ${String(issue.minimum)}${issue.type === 'array' ? ' 项' : issue.type === 'string' ? ' 个字符' : ''}`, en: `${path}: ${issue.message}` };
    case 'too_big':
      return { path, zh: `${where}：不能大于 ${String(issue.maximum)}`, en: `${path}: ${issue.message}` };
    case 'invalid_enum_value':
      return { path, zh: `${where}：「${String(issue.received)}」不是可选值，可选：${issue.options.join('、')}`, en: `${path}: ${issue.message}` };
    case 'unrecognized_keys':
      return { path, zh: `${where}：不认识的字段 ${issue.keys.map((k) => `「${k}」`).join('、')}，请检查拼写（方案语言第 1 版没有这个字段）`, en: `${path || '(top level)'}: unknown field(s) ${issue.keys.join(', ')}` };
    case 'invalid_literal':
      return { path, zh: `${where}：${issue.message}`, en: `${path}: expected ${String(issue.expected)}` };
    default:
      return { path, zh: `${where}：${issue.message}`, en: `${path}: ${issue.message}` };
  }
}

function typeZh(t: string): string {
  const map: Record<string, string> = { number: '数字', string: '文字', boolean: 'true/false', array: '列表 [...]', object: '对象 {...}', null: 'null', undefined: '空' };
  return map[t] ?? t;
}
