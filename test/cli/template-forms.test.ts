// `score template` (spawned): a sheet only where the scheme uses it, with the scheme's own
// dropdowns (否决与处分's 类型, the score sheets' entries), and `--roster` carries every roster column.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { tableOf } from '../helpers/fill.js';
import { BUILTIN_IDS, loadScheme } from '../schemes/load.js';

async function ledgerOf(id: string, extra: string[] = []): Promise<{ wb: ExcelJS.Workbook; written: string[] }> {
  const out = tmp(`score-template-${id}-`);
  const r = score(['template', '--scheme', id, '--year', '2023', '--out', out, '--json', '--quiet', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const written = json<{ written: string[] }>(r).written;
  const file = written.find((f) => f.includes('_积分台账_'))!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, written };
}

/** The values a list validation offers: an inline list, or the range of the hidden _lists sheet. */
function listValues(wb: ExcelJS.Workbook, v: ExcelJS.DataValidation | undefined): string[] {
  const f = v?.formulae?.[0];
  if (typeof f !== 'string') return [];
  if (f.startsWith('"')) return f.slice(1, -1).split(',');
  const m = /^'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(f);
  if (!m) return [];
  const ws = wb.getWorksheet(m[1]!)!;
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[4]); r++) out.push(String(ws.getCell(`${m[2]}${r}`).value));
  return out;
}

describe('否决与处分: only where the scheme has veto or discipline types, with those types as its 类型 list', () => {
  beforeAll(() => ensureBuilt());
  it.each(BUILTIN_IDS.map((id) => [id]))('%s', async (id) => {
    const s = loadScheme(id);
    const types = [...new Set([...s.vetoTypes, ...s.overrides.map((o) => o.type)])];
    const { wb } = await ledgerOf(id, ['--branch', '第一支部']);
    const ws = wb.getWorksheet('否决与处分');
    if (types.length === 0) {
      // vanguard, company, village and both tiered schemes: nothing typed there would count.
      expect(ws, `${id} has no veto or discipline type`).toBeUndefined();
      expect(String(wb.getWorksheet('说明')!.getColumn(2).values.join(''))).toContain('不设否决与处分表');
      return;
    }
    expect(ws).toBeDefined();
    expect(listValues(wb, ws!.getCell('D3').dataValidation)).toEqual(types);
  });

  it('the schemes without a sanction sheet are exactly the five of issue #12, and the school variant (seed 000 篇1 has none)', () => {
    const without = BUILTIN_IDS.filter((id) => {
      const s = loadScheme(id);
      return s.vetoTypes.length === 0 && s.overrides.length === 0;
    });
    expect(without).toEqual(['vanguard', 'vanguard-school', 'company', 'village', 'tiered-xinba', 'tiered-baiyanghe']);
  });
});

describe('score sheets: school 基础分评分 and bureau 日常行为评分 have a column per item with its points and a 0…max check', () => {
  it.each([
    ['school', '基础分评分', 16, '讲政治(3)学习业务知识(5分)', 5],
    ['bureau', '日常行为评分', 5, '带头遵纪守法(20分)', 20],
  ] as [string, string, number, string, number][])('%s → %s', async (id, sheet, count, header, max) => {
    const { wb } = await ledgerOf(id, ['--branch', '第一支部']);
    const ws = wb.getWorksheet(sheet)!;
    expect(ws).toBeDefined();
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 3)).toEqual(['序号', '姓名', '编号']);
    expect(headers.slice(3, 3 + count)).toContain(header);
    expect(headers.slice(3 + count)).toEqual(['合计', '依据/备注']);
    const col = headers.indexOf(header) + 1;
    expect(ws.getCell(3, col).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, max] });
  });
});

describe('template --roster carries every roster column', () => {
  it('性别, 出生年月, 民族, 学历, 入党时间, 备注 … come through to each branch ledger', async () => {
    ensureBuilt();
    const dir = tmp('score-roster-');
    const file = join(dir, '全镇名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['所在支部', '姓名', '编号', '性别', '出生年月', '民族', '学历', '入党时间', '党员类别', '积分管理', '联系电话', '备注']);
    ws.addRow(['第一支部', '张三', 'D001', '男', '1980-05', '汉族', '大专', new Date(Date.UTC(2005, 6, 1)), '正式党员', '参加', '13900000001', '村会计']);
    ws.addRow(['第二支部', '李四', 'D002', '女', '1992-11', '回族', '本科', '2015年6月', '预备党员', '参加', '', '']);
    await wb.xlsx.writeFile(file);
    const out = join(dir, 'out');
    const r = score(['template', '--scheme', 'township', '--year', '2023', '--roster', file, '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const ledgers = json<{ written: string[] }>(r).written.filter((f) => f.includes('_积分台账_'));
    expect(ledgers).toHaveLength(2);
    const rows = async (branch: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(ledgers.find((f) => f.includes(branch))!);
      return tableOf(book.getWorksheet('名册')!, '姓名').filter((x) => x['姓名']);
    };
    const [a] = await rows('第一支部');
    expect(a).toMatchObject({ 姓名: '张三', 编号: 'D001', 性别: '男', 民族: '汉族', 学历: '大专', 党员类别: '正式党员', 联系电话: '13900000001', 备注: '村会计' });
    expect(a!['入党时间']).toEqual(new Date(Date.UTC(2005, 6, 1)));
    const [b] = await rows('第二支部');
    expect(b).toMatchObject({ 姓名: '李四', 性别: '女', 民族: '回族', 学历: '本科', 入党时间: '2015年6月', 党员类别: '预备党员' });
  });
});
