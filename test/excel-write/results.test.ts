import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Book } from '../../src/excel/lean/book.js';
import { summarySheet } from '../../src/excel/write/summary.js';
import { gradeWorkbook } from '../../src/excel/write/results.js';
import { quotaCap } from '../../src/core/grade/grade.js';
import { publicationList, committeeName } from '../../src/excel/write/publication.js';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { ID_NUMBER, PHONE, allText, branchOne, quarterResult, roster, roundTrip, scheme, sheetNames, tmp, yearResult } from './fixtures.js';
import type { PeriodResult } from '../../src/core/result.js';

const t = tmp();
afterAll(() => t.done());

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1);
}

describe('summarySheet', async () => {
  const wb = new Book();
  summarySheet(wb, scheme, yearResult, branchOne, '2023年度', { date: '2024-01-05' });
  const back = await roundTrip(wb, t.file('summary.xlsx'));
  const ws = back.getWorksheet('2023年度')!;

  it('has the seed 附件3 title, date line and header', () => {
    expect(ws.getCell('A1').value).toBe('第一支部党员积分管理评分汇总表（2023年度）');
    expect(ws.getCell('A2').value).toBe('评分时间：2024年1月5日　积分按 1月—12月 的记录计算');
    expect(rowValues(ws, 3)).toEqual(['序号', '党员姓名', '志愿服务岗位', '履行党员义务\n(40分)', '志愿服务岗位贡献\n(60分)', '加分项', '扣分项', '合计得分', '等次', '星级', '排名', '标记']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
  });

  it('orders by rank, writes rounded numbers and stars, exempt left out, vetoed last', () => {
    expect(rowValues(ws, 4)).toEqual([1, '张三', '政策宣传、治安巡逻', 38.5, 57.12, 4, 0, 99.5, '优秀', '★★★★★', 1, '转入党员，按在册月份计分']);
    expect(ws.getCell('H4').numFmt).toBe('0.00');
    expect(typeof ws.getCell('H4').value).toBe('number');
    expect(ws.getCell('B5').value).toBe('李四');
    expect(ws.getCell('J5').value).toBe('★★★★');
    expect(ws.getCell('B6').value).toBe('王五');
    expect(ws.getCell('L6').value).toBe('延长预备期；预备党员：计分，不评定等次');
    expect(ws.getCell('B7').value).toBe('孙七');
    expect(ws.getCell('H7').value).toBe(0);
    expect(ws.getCell('L7').value).toBe('一票否决；一票否决：违反政治纪律');
    // The exempt member is no row, only named under the table with the reason.
    expect(String(ws.getCell('A9').value)).toMatch(/^注：合计得分 = /);
    expect(ws.getCell('A10').value).toBe('不参加积分管理：不计分、不评定等次，不计入人数：赵六（1 人）。');
    const rowsNaming: number[] = [];
    back.eachSheet((sheet) => sheet.eachRow((row, n) => row.eachCell((c) => String(c.value).includes('赵六') && !rowsNaming.includes(n) && rowsNaming.push(n))));
    expect(rowsNaming).toEqual([10]);
  });
});

describe('gradeWorkbook', async () => {
  const wb = await roundTrip(
    gradeWorkbook(scheme, yearResult, { excluded: [{ file: '第三支部.xlsx', branch: '第三支部', reason: '文件已损坏' }], date: '2024-01-05' }),
    t.file('grade.xlsx'),
  );

  it('has 总览, a sheet per branch and 需关注', () => {
    expect(sheetNames(wb)).toEqual(['总览', '图表', '第一支部', '兰溪村党支部', '需关注']);
  });

  it('counts grades per branch, checks the quota and lists excluded ledgers', () => {
    const ws = wb.getWorksheet('总览')!;
    expect(ws.getCell('A1').value).toBe('2023年度党员积分评定结果总览（未完整：1 个台账未计入）');
    expect(rowValues(ws, 2)).toEqual(['序号', '支部', '党员数', '参评人数', '平均分', '优秀', '合格', '基本合格', '不合格', '优秀占比', '名额', '备注']);
    // 第一支部: 4 take part (赵六 exempt), 3 graded (王五 预备); 张三 优秀, 李四 合格, 孙七 不合格
    expect(rowValues(ws, 3).slice(0, 11)).toEqual([1, '第一支部', 4, 3, 57.17, 1, 1, 0, 1, 0.3333, '符合']);
    // 兰溪村: 2 of 3 优秀 > floor(3 × 0.2) = 1
    expect(rowValues(ws, 4).slice(0, 11)).toEqual([2, '兰溪村党支部', 3, 3, 70.33, 2, 0, 0, 1, 0.6667, '超出']);
    expect(ws.getCell('L5').value).toBe('未计入：文件已损坏（第三支部.xlsx）');
    expect(ws.getCell('B5').value).toBe('第三支部');
    expect(ws.getCell('B6').value).toBe('合计');
    expect(ws.getCell('C6').value).toBe(7);
    expect(ws.getCell('J3').numFmt).toBe('0.0%');
  });

  it('writes the branch summaries and the 需关注 list', () => {
    expect(wb.getWorksheet('兰溪村党支部')!.getCell('A1').value).toBe('兰溪村党支部党员积分管理评分汇总表（2023年度）');
    const ws = wb.getWorksheet('需关注')!;
    expect(rowValues(ws, 2)).toEqual(['序号', '支部', '姓名', '等次', '积分', '标记', '依据规则']);
    const names = [3, 4, 5].map((r) => ws.getCell(r, 3).value);
    expect(names).toEqual(['张三', '王五', '孙七']);
    expect(ws.getCell('E4').value).toBe(58);
  });

  it('computes the quota cap as floor(n × pct), at least 1', () => {
    expect([quotaCap(0, 0.2), quotaCap(3, 0.2), quotaCap(10, 0.2), quotaCap(14, 0.2)]).toEqual([0, 1, 2, 2]);
  });
});

describe('publicationList', async () => {
  const wb = await roundTrip(publicationList(scheme, quarterResult, { from: '2023-04-03', days: 7 }), t.file('publish.xlsx'));

  it('has a sheet per branch with title, header and the window', () => {
    expect(sheetNames(wb)).toEqual(['第一支部', '兰溪村党支部']);
    const ws = wb.getWorksheet('第一支部')!;
    expect(ws.getCell('A1').value).toBe('中共第一支部委员会\n2023年第一季度党员积分公示');
    // A member of the fixture is vetoed: 标记 says so on the wall (not why).
    expect(rowValues(ws, 2)).toEqual(['序号', '姓名', '积分', '等次/星级', '标记']);
    expect(rowValues(ws, 3)).toEqual([1, '张三', 99.5, '优秀 ★★★★★']);
    const text = allText(wb);
    expect(text).toContain('公示期：2023年4月3日至2023年4月9日');
    expect(text).toContain('如有异议，请在公示期内向党支部反映。');
    expect(wb.getWorksheet('兰溪村党支部')!.getCell('A1').value).toBe('中共兰溪村党支部委员会\n2023年第一季度党员积分公示');
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
  });

  it('leaves exempt members out and never leaks private fields', async () => {
    // A result whose members carry the roster's IDs: none of them may appear.
    const leaky: PeriodResult = {
      ...quarterResult,
      branches: [{ ...branchOne, members: branchOne.members.map((m, i) => ({ ...m, id: roster[i]?.id ?? ID_NUMBER, key: roster[i]?.id ?? m.key })) }],
    };
    const back = await roundTrip(publicationList(scheme, leaky, { from: '2023-12-29', days: 7 }), t.file('publish-leak.xlsx'));
    const cells = allText(back);
    const joined = cells.join('\n');
    for (const m of roster) {
      if (m.phone) expect(joined).not.toContain(m.phone);
      if (m.id) expect(joined).not.toContain(m.id);
    }
    expect(joined).not.toContain(PHONE);
    expect(joined).not.toContain(ID_NUMBER);
    expect(joined).not.toContain('1980');
    expect(joined).not.toContain('D002');
    expect(joined).not.toContain('赵六');
    expect(joined).toContain('公示期：2023年12月29日至2024年1月4日');
    // The ledger holding those private fields does carry them (the scan itself works).
    const ledger = allText(await roundTrip(ledgerTemplate(scheme, { branch: '第一支部', year: 2023, roster }), t.file('ledger.xlsx')));
    expect(ledger).toContain(PHONE);
  });

  it('names the committee', () => {
    expect(committeeName('第一支部')).toBe('中共第一支部委员会');
    expect(committeeName('兰溪村党支部')).toBe('中共兰溪村党支部委员会');
    expect(committeeName('兰溪村')).toBe('中共兰溪村支部委员会');
  });
});
