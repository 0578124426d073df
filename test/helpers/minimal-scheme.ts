// The smallest valid user scheme (one category, one bonus item, three bands): the base the scheme-file
// tests patch, so each names only the field it breaks.
import { parseSchemeText, type LoadResult } from '../../src/scheme/load.js';

export const MINIMAL_SCHEME = {
  version: 1,
  id: 'my-scheme',
  name: '我的方案',
  categories: [{ name: '正式党员' }],
  components: [{ id: 'bonus', name: '加分', kind: 'accumulate', role: 'bonus', cap: 10 }],
  items: [{ id: 'deed', name: '好人好事', component: 'bonus', points: 2 }],
  bands: [
    { grade: '优秀', min: 90 },
    { grade: '合格', min: 60, max: 90 },
    { grade: '不合格', max: 60 },
  ],
};

export type RawScheme = Record<string, any>;

/** The minimal scheme with `patch` applied, parsed as the file my.json. */
export function patchedScheme(patch: (s: RawScheme) => void): LoadResult {
  const s = structuredClone(MINIMAL_SCHEME) as RawScheme;
  patch(s);
  return parseSchemeText(JSON.stringify(s), 'my.json');
}
