// The seed 003 附件2 card's own inputs in the model (issue 19 item 2): a part given by its total, the
// month's 加分项. What the spawned binary shows is in test/e2e/handmade.test.ts; here the two checks
// no built-in scheme can reach (an 该项不得分 item on a recorded part, a scheme with no bonus part).
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/core/decimal.js';
import { validateLedger } from '../../src/core/check/validate.js';
import { ledger, scheme } from '../helpers/ledger.js';

const recorded = {
  id: 'duty',
  name: '履行义务',
  kind: 'recorded' as const,
  entries: [
    { id: 'a', name: '学习', max: 10 },
    { id: 'b', name: '守法', max: 10 },
  ],
};

function cardLedger(opts: { bonus?: number; event?: string }) {
  const l = ledger({ members: ['甲'], events: opts.event ? [{ date: '2023-03-05', name: '甲', item: opts.event }] : [] });
  for (let p = 0; p < 12; p++) {
    const row = { name: '甲', period: p, values: { duty: dec(18) }, parts: ['duty'], columns: { duty: 'C', bonus: 'E' }, row: 7 + p, source: { file: l.file, sheet: '甲', cell: `A${7 + p}` } };
    l.records.push(opts.bonus !== undefined && p === 4 ? { ...row, bonus: dec(opts.bonus) } : row);
  }
  return l;
}

const codes = (s: ReturnType<typeof scheme>, l: ReturnType<typeof cardLedger>): string[] => validateLedger(s, l, { year: 2023 }).map((d) => `${d.code} ${d.sheet ?? ''} ${d.cell ?? ''}`.trim());

describe('a card that gives a part by its total', () => {
  it('an 该项不得分 row aimed at one of its items is an error at the row (the item\'s points are unknown), not skipped', () => {
    const s = scheme({ cycle: { startMonth: 1, record: 'month', aggregate: 'mean' }, components: [recorded], items: [{ id: 'zero', name: '拒不改正', component: 'duty', entry: 'a', points: 0, zeroes: true }] });
    expect(codes(s, cardLedger({ event: '拒不改正' }))).toContain('RECORD_PART_ZEROES 加减分明细 E3');
  });

  it('a part total above its items\' maxima together is an error at its cell', () => {
    const s = scheme({ cycle: { startMonth: 1, record: 'month', aggregate: 'mean' }, components: [recorded] });
    const l = cardLedger({});
    l.records[2] = { ...l.records[2]!, values: { duty: dec(21) } };
    expect(codes(s, l)).toEqual(['RECORD_ABOVE_MAX 甲 C9']);
  });

  it('a 加分项 on a card of a scheme with no bonus part is an error at the cell, never dropped', () => {
    const s = scheme({ cycle: { startMonth: 1, record: 'month', aggregate: 'mean' }, components: [recorded] });
    expect(codes(s, cardLedger({ bonus: 2 }))).toEqual(['CARD_BONUS_UNUSED 甲 E11']);
  });
});
