// A user's scheme file: rejected with messages that name the field path and the fix.
import { describe, expect, it } from 'vitest';
import { parseSchemeText } from '../../src/scheme/load.js';
import { patchedScheme } from '../helpers/minimal-scheme.js';

const load = patchedScheme;
const problems = (r: ReturnType<typeof load>) => (r.ok ? [] : r.problems.map((p) => `${p.path} | ${p.zh}`));

describe('user scheme files', () => {
  it('accepts a valid file', () => {
    expect(load(() => {}).ok).toBe(true);
  });
  it.each([
    ['a gap in the bands names the uncovered range', (s: any) => (s.bands[1].max = 80), 'bands[0].min', '[80, 90)'],
    ['an overlap names the doubled range', (s: any) => (s.bands[1].max = 95), 'bands[0].min', '[90, 95)'],
    ['baiyanghe as written: 70–90 then ≥100', (s: any) => (s.bands = [{ grade: '优秀', min: 100 }, { grade: '合格', min: 70, max: 90 }, { grade: '不合格', max: 70 }]), 'bands[0].min', '[90, 100)'],
    ['an unknown component reference', (s: any) => (s.items[0].component = 'bonsu'), 'items[0].component', '不存在的组成部分「bonsu」'],
    ['a negative cap', (s: any) => (s.components[0].cap = -5), 'components[0].cap', '不能小于 0'],
    ['a wrong version', (s: any) => (s.version = 2), 'version', 'version 必须是 1'],
    ['an unknown kind', (s: any) => (s.components[0].kind = 'sum'), 'components[0].kind', '可选：recorded'],
    ['a missing name', (s: any) => delete s.name, 'name', '缺少这个字段'],
    ['a misspelt field is rejected, not ignored', (s: any) => (s.components[0].cpa = 10), 'components[0]', '不认识的字段 「cpa」'],
    ['a misspelt top-level field', (s: any) => (s.bandz = []), '', '不认识的字段 「bandz」'],
    ['an unknown grade in the quota', (s: any) => (s.quota = { grade: '先锋', pct: 0.2, fallback: '合格' }), 'quota.grade', '等次「先锋」不在 bands 中'],
  ])('%s', (_n, patch, path, text) => {
    const ps = problems(load(patch));
    expect(ps.some((p) => p.startsWith(`${path} |`) && p.includes(text)), ps.join('\n')).toBe(true);
  });
  it('the version and id rules read in the language asked for (catalogue, not the zod schema)', () => {
    const both = (patch: (s: any) => void) => (load(patch) as { problems: { zh: string; en: string }[] }).problems[0]!;
    expect(both((s) => (s.version = 2))).toEqual({ code: 'SCHEME_FIELD_LITERAL', path: 'version', zh: 'version：version 必须是 1（本版本只认识方案语言第 1 版）', en: 'version: expected 1' });
    expect(both((s) => (s.id = 'My Scheme'))).toEqual({ code: 'SCHEME_FIELD_INVALID', path: 'id', zh: 'id：id 只能用小写字母、数字和连字符，例如 my-township', en: 'id: only lowercase letters, digits and hyphens, e.g. my-township' });
  });
  it('reports broken JSON without a stack trace', () => {
    const r = parseSchemeText('{ "version": 1, ', 'x.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.zh).toMatch(/不是有效的 JSON/);
  });
});

describe('built-in schemes', () => {
  it('every one loads, and `score schemes` lists the name, source and summary it has', async () => {
    const { builtinIds, builtinSummary } = await import('../../src/scheme/builtins.js');
    const { loadScheme } = await import('../../src/scheme/load.js');
    expect(builtinIds().length).toBeGreaterThanOrEqual(12);
    for (const id of builtinIds()) {
      const r = loadScheme(id);
      expect(r.ok, id).toBe(true);
      if (!r.ok) continue;
      expect(builtinSummary(id)).toEqual({ id, name: r.scheme.name, source: r.scheme.source, summary: r.scheme.summary });
    }
    expect(builtinSummary('no-such-scheme')).toBeUndefined();
  });
});
