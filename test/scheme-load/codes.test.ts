// Every problem a scheme can have has a stable SCHEME_ code (src/scheme/messages.ts): one named case
// per code makes it, at its field path, in both languages with every parameter filled in. A new code
// without a case here fails the last test.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinScheme, loadScheme, MAX_SCHEME_BYTES, parseSchemeText, type LoadResult } from '../../src/scheme/load.js';
import { patchedScheme, type RawScheme } from '../helpers/minimal-scheme.js';
import { SCHEME_MESSAGES, type SchemeCode } from '../../src/scheme/messages.js';

type Raw = RawScheme;
const patched = patchedScheme;
const dir = mkdtempSync(join(tmpdir(), 'score-scheme-codes-'));
const file = (name: string, bytes: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const deduct = (more: Raw = {}): Raw => ({ id: 'd', name: '扣分', kind: 'deduct', entries: [{ id: 'a', name: '学习', max: 10 }], ...more });

interface Case {
  code: SchemeCode;
  name: string;
  load: () => LoadResult;
  path: string;
}

const CASES: Case[] = [
  { code: 'SCHEME_NOT_BUILTIN', name: 'a ledger names a path, not a built-in id', load: () => loadBuiltinScheme('台账/说明.json'), path: '' },
  { code: 'SCHEME_NOT_FOUND', name: 'no built-in and no file of that name', load: () => loadScheme(join(dir, 'nothing.json')), path: '' },
  { code: 'SCHEME_FILE_NOT_REGULAR', name: 'a folder given as the scheme', load: () => loadScheme(dir), path: '' },
  { code: 'SCHEME_FILE_TOO_LARGE', name: 'a file over the size cap', load: () => loadScheme(file('big.json', Buffer.alloc(MAX_SCHEME_BYTES + 1, 0x20))), path: '' },
  { code: 'SCHEME_FILE_UNREADABLE', name: 'a file that fails to read (EIO)', load: () => loadScheme('/proc/self/mem'), path: '' },
  { code: 'SCHEME_NOT_UTF8', name: 'a file saved as GBK', load: () => loadScheme(file('gbk.json', Buffer.from([0x7b, 0xc4, 0xe3, 0xba, 0xc3, 0x7d]))), path: '' },
  { code: 'SCHEME_BAD_JSON', name: 'broken JSON', load: () => parseSchemeText('{ "version": 1, ', 'x.json'), path: '' },
  { code: 'SCHEME_FIELD_MISSING', name: 'a required field left out', load: () => patched((s) => delete s.name), path: 'name' },
  { code: 'SCHEME_FIELD_TYPE', name: 'a number where text belongs', load: () => patched((s) => (s.name = 5)), path: 'name' },
  { code: 'SCHEME_FIELD_TOO_SMALL', name: 'a negative cap', load: () => patched((s) => (s.components[0].cap = -5)), path: 'components[0].cap' },
  { code: 'SCHEME_FIELD_TOO_BIG', name: 'a precision of 9 places', load: () => patched((s) => (s.precision = 9)), path: 'precision' },
  { code: 'SCHEME_FIELD_NOT_OPTION', name: 'an unknown component kind', load: () => patched((s) => (s.components[0].kind = 'sum')), path: 'components[0].kind' },
  { code: 'SCHEME_FIELD_UNKNOWN', name: 'a misspelt field', load: () => patched((s) => (s.components[0].cpa = 10)), path: 'components[0]' },
  { code: 'SCHEME_FIELD_LITERAL', name: 'version 2', load: () => patched((s) => (s.version = 2)), path: 'version' },
  { code: 'SCHEME_FIELD_INVALID', name: 'an id with capitals and a space', load: () => patched((s) => (s.id = 'My Scheme')), path: 'id' },
  { code: 'SCHEME_BAND_EMPTY', name: 'a band whose min is above its max', load: () => patched((s) => (s.bands[1] = { grade: '合格', min: 95, max: 90 })), path: 'bands[1]' },
  { code: 'SCHEME_BANDS_NO_LOWEST', name: 'the lowest band has a min', load: () => patched((s) => (s.bands[2].min = 0)), path: 'bands[2].min' },
  { code: 'SCHEME_BANDS_NO_HIGHEST', name: 'the top band has a max', load: () => patched((s) => (s.bands[0].max = 100)), path: 'bands[0].max' },
  { code: 'SCHEME_BANDS_OPEN_INSIDE', name: 'an inner band without a max', load: () => patched((s) => delete s.bands[1].max), path: 'bands[0]' },
  { code: 'SCHEME_BANDS_GAP', name: 'a gap between two bands', load: () => patched((s) => (s.bands[1].max = 80)), path: 'bands[0].min' },
  { code: 'SCHEME_BANDS_OVERLAP', name: 'two bands overlap', load: () => patched((s) => (s.bands[1].max = 95)), path: 'bands[0].min' },
  { code: 'SCHEME_DUPLICATE', name: 'two items with one id', load: () => patched((s) => s.items.push({ id: 'deed', name: '另一件', component: 'bonus', points: 1 })), path: 'items[1]' },
  { code: 'SCHEME_ITEM_UNKNOWN_COMPONENT', name: 'an item in a component that does not exist', load: () => patched((s) => (s.items[0].component = 'bonsu')), path: 'items[0].component' },
  { code: 'SCHEME_ITEM_UNKNOWN_ENTRY', name: 'an item on an entry that does not exist', load: () => patched((s) => (s.items[0].entry = 'study')), path: 'items[0].entry' },
  { code: 'SCHEME_ITEM_UNKNOWN_GROUP', name: 'an item in a group that does not exist', load: () => patched((s) => (s.items[0].group = 'public')), path: 'items[0].group' },
  { code: 'SCHEME_ITEM_NO_POINTS', name: 'an item worth nothing', load: () => patched((s) => delete s.items[0].points), path: 'items[0]' },
  { code: 'SCHEME_ITEM_RANGE', name: 'an item range upside down', load: () => patched((s) => (s.items[0].range = { min: 5, max: 1 })), path: 'items[0].range' },
  { code: 'SCHEME_COMPONENT_NO_ENTRIES', name: 'a recorded component without entries', load: () => patched((s) => s.components.push({ id: 'rec', name: '记录', kind: 'recorded' })), path: 'components[1].entries' },
  { code: 'SCHEME_EVALUATION_NO_VOTES', name: 'an evaluation without votes or grade points', load: () => patched((s) => s.components.push({ id: 'ev', name: '评议', kind: 'evaluation' })), path: 'components[1]' },
  { code: 'SCHEME_SCORE_SHEET_KIND', name: 'a score sheet on an accumulating component', load: () => patched((s) => (s.components[0].scoreSheet = '加分评分')), path: 'components[0].scoreSheet' },
  { code: 'SCHEME_SCORE_SHEET_RESERVED', name: 'a score sheet named 名册', load: () => patched((s) => s.components.push(deduct({ scoreSheet: '名册' }))), path: 'components[1].scoreSheet' },
  { code: 'SCHEME_ENTRY_RANGE', name: 'an entry whose floor is above its maximum', load: () => patched((s) => s.components.push(deduct({ entries: [{ id: 'a', name: '学习', max: 10, min: 20 }] }))), path: 'components[1].entries[0].min' },
  {
    code: 'SCHEME_RECORD_NONE',
    name: 'recorded parts with no record period',
    load: () => patched((s) => ((s.cycle = { record: 'none' }), s.components.push({ id: 'rec', name: '记录', kind: 'recorded', entries: [{ id: 'a', name: '学习', max: 10 }] }))),
    path: 'cycle.record',
  },
  { code: 'SCHEME_UNKNOWN_GRADE', name: 'a quota of a grade not in bands', load: () => patched((s) => (s.quota = { grade: '先锋', pct: 0.2, fallback: '合格' })), path: 'quota.grade' },
  { code: 'SCHEME_CONDITION_UNKNOWN_COMPONENT', name: 'a grade condition on a missing component', load: () => patched((s) => (s.gradeConditions = [{ grade: '优秀', component: 'study', min: 1, fallback: '合格' }])), path: 'gradeConditions[0].component' },
  { code: 'SCHEME_FLAG_UNKNOWN_CATEGORY', name: 'a flag for a missing category', load: () => patched((s) => (s.flags = [{ flag: '提醒', categories: ['流动党员'] }])), path: 'flags[0].categories' },
  { code: 'SCHEME_FLAG_UNKNOWN_COMPONENT', name: 'a flag on points of a missing component', load: () => patched((s) => (s.flags = [{ flag: '提醒', hasPointsIn: 'study' }])), path: 'flags[0].hasPointsIn' },
  { code: 'SCHEME_FLAG_UNKNOWN_REPLACES', name: 'a flag replacing one that does not exist', load: () => patched((s) => (s.flags = [{ flag: '提醒', replaces: '警示' }])), path: 'flags[0].replaces' },
  { code: 'SCHEME_OVERRIDE_UNKNOWN_ITEM', name: 'a sanction deducting a missing item', load: () => patched((s) => (s.overrides = [{ type: '警告', grade: '不合格', deduct: { item: 'fine' } }])), path: 'overrides[0].deduct.item' },
  {
    code: 'SCHEME_OVERRIDE_UNKNOWN_LEVEL',
    name: 'a sanction deducting at a level the item lacks',
    load: () => patched((s) => ((s.items[0] = { id: 'deed', name: '好人好事', component: 'bonus', levels: { 县: 2 } }), (s.overrides = [{ type: '警告', grade: '不合格', deduct: { item: 'deed', level: '省' } }]))),
    path: 'overrides[0].deduct.level',
  },
  { code: 'SCHEME_APPLICATION_ENTRY', name: 'an application form entry that is not a recorded entry', load: () => patched((s) => (s.application = { entries: ['bonus.deed'] })), path: 'application.entries[0]' },
  { code: 'SCHEME_DIRECT_GRADES_NO_BANDS', name: 'direct grades without bands', load: () => patched((s) => ((s.bands = []), (s.directGrades = {}))), path: 'directGrades' },
  { code: 'SCHEME_CATEGORY_NOT_SCORED', name: 'an unscored category that is graded', load: () => patched((s) => (s.categories[0].scored = false)), path: 'categories[0]' },
  { code: 'SCHEME_CATEGORY_QUOTA', name: 'a graded category left out of the quota', load: () => patched((s) => ((s.quota = { grade: '优秀', pct: 0.2, fallback: '合格' }), (s.categories[0].countsForQuota = false))), path: 'categories[0].countsForQuota' },
  { code: 'SCHEME_CATEGORY_FLAGS', name: 'stated flags no rule raises', load: () => patched((s) => (s.categories[0].flags = ['延长预备期'])), path: 'categories[0].flags' },
  { code: 'SCHEME_OTHER_SCORE_AND_DIRECT', name: 'two ways to grade exempt members', load: () => patched((s) => ((s.exempt = { basis: { decision: '另行评定' }, otherScore: { flag: '另行评定' } }), (s.directGrades = {}))), path: 'exempt.otherScore' },
  { code: 'SCHEME_RANK_UNKNOWN_COMPONENT', name: 'a ranking by a missing component', load: () => patched((s) => (s.rankRules = [{ position: 'top', count: 1, flag: '之星', by: 'study' }])), path: 'rankRules[0].by' },
];

describe('scheme problem codes', () => {
  it.each(CASES)('$code: $name', ({ code, load, path }) => {
    const r = load();
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    const hit = problems.find((p) => p.code === code);
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit?.path).toBe(path);
    // Every parameter the texts use was given: no "undefined" in either language.
    expect(`${hit?.zh}\n${hit?.en}`).not.toMatch(/undefined|NaN|\[object/);
  });

  it('every SCHEME_ code has a case above', () => {
    expect(CASES.map((c) => c.code).sort()).toEqual(Object.keys(SCHEME_MESSAGES).sort());
  });
});
