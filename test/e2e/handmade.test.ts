// Issue 19: township ledgers a clerk made by hand (tools/make-handmade.ts, no `score template`),
// graded through the spawned binary: each grades to the totals worked out by hand, or is refused
// with an error at the header cell or row that holds the points score would otherwise drop.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDMADE, writeHandmade } from '../../tools/make-handmade.js';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { gradeAsync, startAll, type GradeOut } from './lib.js';

let dir: string;
let jobs: Record<string, Promise<{ code: number; out: GradeOut }>>;

beforeAll(async () => {
  ensureBuilt();
  dir = tmp('score-handmade-');
  await writeHandmade(dir);
  jobs = startAll(
    Object.fromEntries(
      HANDMADE.map((c) => [
        c.name,
        async () => {
          const r = await gradeAsync([join(dir, `${c.name}.xlsx`)], 2023, tmp(), ['--scheme', 'township', '--no-history']);
          return { code: r.run.code, out: r.out };
        },
      ]),
    ),
  );
}, 120_000);

describe('hand-made township ledgers', () => {
  for (const c of HANDMADE) {
    it(`${c.name}: ${c.what}`, async () => {
      const { code, out } = await jobs[c.name]!;
      const errors = out.issues.filter((i) => i.severity === 'error');
      if (c.totals) {
        expect(errors, JSON.stringify(errors)).toEqual([]);
        expect(code).toBe(0);
        expect(Object.fromEntries(out.members.map((m) => [m.name, m.total]))).toEqual(c.totals);
        for (const n of c.vetoed ?? []) expect(out.members.find((m) => m.name === n)?.vetoed, n).toBe(true);
      } else {
        const e = c.error!;
        expect(code).not.toBe(0);
        expect(errors[0], JSON.stringify(out.issues)).toMatchObject({ code: e.code, ...(e.sheet ? { sheet: e.sheet } : {}), ...(e.cell ? { cell: e.cell } : {}) });
        expect(out.members.length).toBe(0);
        // The first error is the cause: no 合计 advice that would lead into dropping the points.
        expect(out.issues.map((i) => i.code)).not.toContain('RECORD_TOTAL_MISMATCH');
      }
      for (const w of c.warnings ?? []) expect(out.issues.map((i) => i.code)).toContain(w);
    });
  }
});

// The seed sentences these ledgers prove (tools/fidelity/township/reader-layouts.json).
describe('seed 003 through hand-made ledgers', () => {
  it('扣分项 veto: a 类型 written as a clerk writes it (违法（酒驾被行政拘留）) vetoes by its meaning', async () => {
    const { out } = await jobs['否决类型按原话填写']!;
    const m = out.members.find((x) => x.name === '乙')!;
    expect({ vetoed: m.vetoed, total: m.total }).toEqual({ vetoed: true, total: 0 });
  });

  it('加分项 kept in a log with 加分 and 扣分 columns under another name is counted', async () => {
    const { out } = await jobs['加分扣分分两列']!;
    expect(out.members.find((x) => x.name === '甲')?.bonus).toBe(2);
  });
});

describe('the codes the hand-made ledgers show', () => {
  it('each new reader code has a hand-made case that raises it', () => {
    const shown = new Set(HANDMADE.flatMap((c) => [...(c.error ? [c.error.code] : []), ...(c.warnings ?? [])]));
    for (const code of [
      'READ_EVENT_BOTH_SIGNS',
      'READ_POINTS_COLUMN_UNUSED',
      'READ_POINTS_SHEET_UNUSED',
      'READ_SHEET_READ_AS',
      'READ_SHEET_SAME_PERIOD',
      'READ_SHEET_UNPLACED',
      'READ_ROSTER_FROM_RECORDS',
      'READ_PART_TOTALS',
      'READ_CARD_TOTAL_ROW',
      'READ_CARD_DEDUCTION_POINTS',
      'CARD_BONUS_TWICE',
      'READ_SUMMARY_INPUT',
      'READ_SUMMARY_TOTAL',
      'READ_SUMMARY_NO_VETO',
      'READ_SUMMARY_MISSING',
      'INPUT_SUMMARY_FORM',
      'EVENT_SIGN_MISMATCH',
      'SANCTION_UNKNOWN_TYPE',
    ]) expect(shown.has(code), code).toBe(true);
  });
});

describe("seed 003 附件3 评分汇总表 as a branch's only input", () => {
  it('a month or quarter cannot be computed from it: SUMMARY_CYCLE_ONLY at the file, not a made-up quarter', () => {
    const r = score(['validate', join(dir, '附件3-评分汇总表.xlsx'), '--scheme', 'township', '--period', '2023Q1', '--json']);
    expect(r.code).toBe(1);
    const issues = json(r).issues as { code: string; sheet?: string; cell?: string; severity: string }[];
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.sheet ?? ''}`)).toEqual(['SUMMARY_CYCLE_ONLY Sheet1']);
  });

  it('without a scheme it says to name one (INPUT_SUMMARY_FORM), not that the file is broken', () => {
    const r = score(['validate', join(dir, '附件3-评分汇总表.xlsx'), '--year', '2023', '--json']);
    expect(r.code).toBe(1);
    const issues = json(r).issues as { code: string; fix: string }[];
    expect(issues.map((i) => i.code)).toEqual(['INPUT_SUMMARY_FORM']);
    expect(issues[0]!.fix).toContain('--scheme');
  });

  it('READ_SUMMARY_INPUT names what the summary cannot show, at the file', async () => {
    const { out } = await jobs['附件3-评分汇总表']!;
    const w = out.issues.find((i) => i.code === 'READ_SUMMARY_INPUT')!;
    expect(w.severity).toBe('warning');
    expect(w.message).toContain('每月记录');
    expect(w.message).toContain('经济发展');
  });
});

// The seed sentences these prove (tools/fidelity/township/seed-forms.json).
describe('seed 003 附件2 card and 附件3 summary through hand-made ledgers', () => {
  const totals = (out: GradeOut): Record<string, number> => Object.fromEntries(out.members.map((m) => [m.name, m.total]));

  it('附件2 card as printed (part totals, 加分项, 合计 row): 甲 95 + 2 = 97, 乙 88; the missing items said once', async () => {
    const { out } = await jobs['记录卡-附件2原样']!;
    expect(totals(out)).toEqual({ 甲: 97, 乙: 88 });
    expect(out.issues.filter((i) => i.code === 'READ_PART_TOTALS').length).toBe(1);
  });

  it('附件2 card with 加分项 3 every month (36): 加分项 capped at 10 a year, then 百分制 (甲 100)', async () => {
    const { out } = await jobs['记录卡-附件2-加分超上限']!;
    expect(totals(out)).toEqual({ 甲: 100, 乙: 88 });
  });

  it('附件2 card with part totals: a 加减分明细 deduction comes off that month\'s part, the year is the months\' mean (乙 87.58)', async () => {
    const { out } = await jobs['记录卡-附件2-明细扣分']!;
    expect(totals(out)).toEqual({ 甲: 95, 乙: 87.58 });
  });

  it('附件3 评分汇总表 as the only input: graded from its part totals (甲 97, 乙 88), READ_SUMMARY_INPUT at the file', async () => {
    const { out } = await jobs['附件3-评分汇总表']!;
    expect(totals(out)).toEqual({ 甲: 97, 乙: 88 });
    expect(out.issues.find((i) => i.code === 'READ_SUMMARY_INPUT')).toMatchObject({ severity: 'warning', sheet: 'Sheet1' });
    expect(out.issues.find((i) => i.code === 'READ_SUMMARY_INPUT')?.cell).toBeUndefined();
  });
});

// Issue 19 item 3: the card's 加分项 / 扣分项 columns in month sheets, read by the card's code (tools/fidelity/township/month-bonus.json).
describe('加分项 and 扣分项 columns in month sheets', () => {
  it('加分项 before 合计, the 合计 including it: 甲 95 + 2 = 97, the bonus 2, no 合计 mismatch', async () => {
    const { out } = await jobs['月表合计前加分项列']!;
    expect(out.members.find((x) => x.name === '甲')).toMatchObject({ total: 97, bonus: 2 });
    expect(out.issues.map((i) => i.code)).not.toContain('RECORD_TOTAL_MISMATCH');
  });

  it('加分项 3 every month in the month sheets: capped at 10 a year like the card (甲 100), 扣分项 text vetoes (乙 0)', async () => {
    expect((await jobs['月表加分项超上限']!).out.members.find((x) => x.name === '甲')?.bonus).toBe(10);
    expect((await jobs['月表扣分项写类型']!).out.members.find((x) => x.name === '乙')).toMatchObject({ vetoed: true, total: 0 });
  });
});

// Issue 19 item 3 for the one-sheet layouts (tools/fidelity/township/layouts-bonus.json).
describe('加分项 and 扣分项 columns in the one-sheet layouts', () => {
  it('months stacked with a 月份 column: 加分项 read for its row\'s month (甲 95 + 2 = 97), 扣分项 text vetoes (乙 0)', async () => {
    const { out } = await jobs['一张表-月份列-加分项扣分项']!;
    expect(out.members.find((x) => x.name === '甲')).toMatchObject({ total: 97, bonus: 2 });
    expect(out.members.find((x) => x.name === '乙')).toMatchObject({ vetoed: true, total: 0 });
    expect(out.issues.map((i) => i.code)).not.toContain('RECORD_TOTAL_MISMATCH');
  });

  it('months as columns: a 加分项 column is refused at its header, the fix pointing to 加减分明细 or the month sheets', async () => {
    const { out } = await jobs['一张表-月份为列-加分项']!;
    const e = out.issues.find((i) => i.code === 'READ_POINTS_COLUMN_UNUSED') as { sheet?: string; cell?: string; fix?: string };
    expect(e).toMatchObject({ sheet: '全年积分', cell: 'BW1' });
    expect(e.fix).toContain('加减分明细');
    expect(e.fix).toContain('每月一张表');
  });
});
