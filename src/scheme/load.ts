// Loads a scheme: a built-in id or a user's JSON file, validated by the same zod schema and
// cross-field checks; problems name the field path and say how to fix it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtinDir, builtinIds } from './builtins.js';
import type { ZodIssue } from 'zod';
import { checkScheme, type SchemeProblem } from './checks.js';
import { decodeSchemeBytes, jsonErrorPlace } from './text.js';
import { schemeSchema, type Scheme } from './schema.js';

export type LoadResult = { ok: true; scheme: Scheme; builtin: boolean } | { ok: false; file: string; problems: SchemeProblem[] };

export { BUILTIN_ORDER, builtinIds, packageRoot } from './builtins.js';

const cache = new Map<string, LoadResult>();

export function loadScheme(ref: string): LoadResult {
  const hit = cache.get(ref);
  if (hit) return hit;
  const builtin = /^[a-z0-9-]+$/.test(ref) && existsSync(join(builtinDir(), `${ref}.json`));
  const file = builtin ? join(builtinDir(), `${ref}.json`) : resolve(ref);
  let result: LoadResult;
  if (!builtin && !existsSync(file)) {
    result = {
      ok: false,
      file: ref,
      problems: [{ path: '', zh: `没有名为「${ref}」的内置方案，也没有这个文件：内置方案有 ${builtinIds().join('、')}`, en: `no built-in scheme or file named ${ref}; built-in: ${builtinIds().join(', ')}` }],
    };
  } else {
    const decoded = decodeSchemeBytes(readFileSync(file));
    result = decoded.ok ? parseSchemeText(decoded.text, file, builtin) : { ok: false, file, problems: [{ path: '', zh: decoded.zh, en: decoded.en }] };
  }
  cache.set(ref, result);
  return result;
}

export function parseSchemeText(text: string, file: string, builtin = false): LoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = jsonErrorPlace(text.replace(/^\uFEFF/, ''), msg);
    return { ok: false, file, problems: [{ path: '', zh: `不是有效的 JSON${at ? `（${at.zh}）` : ''}：${msg}。请检查逗号、引号和括号`, en: `not valid JSON${at ? ` (${at.en})` : ''}: ${msg}` }] };
  }
  const parsed = schemeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, file, problems: parsed.error.issues.map(zodProblem) };
  const problems = checkScheme(parsed.data);
  if (problems.length > 0) return { ok: false, file, problems };
  return { ok: true, scheme: parsed.data, builtin };
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
