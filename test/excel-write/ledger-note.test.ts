// Issue #12 point 4: the ledger's 说明 sheet describes one way to enter a deduction — where 加减分明细
// items deduct from a month entry (township), the month keeps the points before the deduction.
import { describe, expect, it } from 'vitest';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { loadScheme } from '../../src/scheme/load.js';
import type { Scheme } from '../../src/scheme/schema.js';

function builtin(id: string): Scheme {
  const r = loadScheme(id);
  if (!r.ok) throw new Error(id);
  return r.scheme;
}

function notes(id: string): string[] {
  const ws = ledgerTemplate(builtin(id), { branch: '第一支部', year: 2023 }).getWorksheet('说明')!;
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && out.push(c.value)));
  return out;
}

describe('说明: one way to enter a deduction', () => {
  it('township 「无故缺席一次扣5分」: the month sheet is not reduced, the deduction is logged once', () => {
    const line = notes('township').find((t) => /^\d+\. 月（季）记录表/.test(t))!;
    expect(line).toContain('不在月表中扣');
    expect(line).toContain('只在“加减分明细”登记一行');
    expect(line).toContain('学习教育无故缺席');
    expect(line).not.toContain('扣分依据写在');
  });
  it('a scheme whose items do not deduct from month entries keeps the plain line (company)', () => {
    // The line on the month (quarter) sheets, wherever the other notes put it.
    const line = notes('company').find((t) => /^\d+\. 月（季）记录表/.test(t))!;
    expect(line).toContain('按各项满分以内填写得分');
    expect(line).not.toContain('不在月表中扣');
  });
});
