// Who a row names (MemberIndex): resolveRows gives, for a whole list of rows, what resolve gives row
// by row (the checks and the computation share these answers instead of looking each row up again).
import { describe, expect, it } from 'vitest';
import { MemberIndex } from '../../src/core/catalogue.js';
import type { Member } from '../../src/core/model.js';

const member = (name: string, id?: string): Member => ({ key: id ?? name, name, ...(id ? { id } : {}), category: '正式党员', participates: true, posts: [], source: { file: 'a.xlsx', sheet: '名册' } });

describe('MemberIndex.resolveRows', () => {
  const members = [member('张三', '001'), member('李四'), member('王五'), member('王五')];
  const rows = [
    { name: '张三' },
    { name: '张三', id: '001' },
    { name: '李四', id: '001' }, // the 编号 is 张三's: a conflict
    { name: '王五' }, // two members of that name: ambiguous
    { name: '赵六' }, // not on the roll
    { name: ' 李四 ' },
    { name: '', id: '001' },
  ];

  it('answers each row as resolve does, in order', () => {
    const index = new MemberIndex(members);
    const all = index.resolveRows(rows);
    expect(all).toHaveLength(rows.length);
    rows.forEach((r, i) => expect(all[i]).toEqual(index.resolve(r.name, r.id)));
    expect(all.map((r) => r.member?.name ?? (r.conflict ? 'conflict' : r.ambiguous ? 'ambiguous' : 'none'))).toEqual(['张三', '张三', 'conflict', 'ambiguous', 'none', '李四', '张三']);
  });

  it('works a list out once: the same list gives the same answers, another list its own', () => {
    const index = new MemberIndex(members);
    const first = index.resolveRows(rows);
    expect(index.resolveRows(rows)).toBe(first);
    const other = rows.slice(0, 2);
    expect(index.resolveRows(other)).not.toBe(first);
    expect(index.resolveRows(other)).toEqual(first.slice(0, 2));
    // A list that grew is answered again, its new row too.
    other.push({ name: '李四' });
    expect(index.resolveRows(other).map((r) => r.member?.name)).toEqual(['张三', '张三', '李四']);
  });
});
