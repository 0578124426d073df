// Output file names through the real command (template --roster writes one ledger per branch): a
// branch name that would make a Windows device name, characters NTFS refuses, and two branches that
// differ only in case (one file on NTFS) each get a file of their own that Windows can create.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';

describe('output file names are safe on NTFS', () => {
  it('template --roster: device names, forbidden characters, branches differing only in case', async () => {
    ensureBuilt();
    const dir = tmp('score-ntfs-names-');
    const roster = join(dir, '全镇名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['所在支部', '姓名', '编号', '党员类别', '积分管理']);
    const branches = ['NUL.一组', '第一支部A', '第一支部a', '三支部<东>:"西"|?*', '四支部 . '];
    branches.forEach((b, i) => ws.addRow([b, `党员${i}`, `D00${i}`, '正式党员', '参加']));
    await wb.xlsx.writeFile(roster);
    const out = join(dir, '输出');
    const r = score(['template', '--scheme', 'township', '--year', '2023', '--roster', roster, '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const ledgers = readdirSync(out).filter((f) => f.includes('_积分台账_')).sort();
    expect(ledgers).toEqual(['_NUL.一组_积分台账_2023.xlsx', '三支部东西_积分台账_2023.xlsx', '四支部 ._积分台账_2023.xlsx', '第一支部A_积分台账_2023.xlsx', '第一支部a_积分台账_2023(2).xlsx'].sort());
    expect(json<{ written: string[] }>(r).written).toHaveLength(branches.length + 2);
  });
});
