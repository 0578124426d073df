// Step "check", part 3: the forms' own inputs — the score sheets of scoreSheet components (school
// 基础分评分, bureau 日常行为评分) and a discipline entered in both sheets (overrides[].deduct). Pure.
import type { Scheme } from '../../scheme/schema.js';
import { catalogueOf, type MemberIndex } from '../catalogue.js';
import { firstRowMember, type Add } from './inputs.js';
import { compare, dec, sum, type Dec } from '../decimal.js';
import { recordCell, type Ledger, type Sanction, type SourceRef } from '../model.js';
import { linkSanctions, type LinkedEvent } from '../rules/sanction-links.js';

/** The score sheets (scoreSheet components): every participating scored member has a row, every cell is filled and within 0…max. */
export function checkScores(scheme: Scheme, ledger: Ledger, index: MemberIndex, add: Add): void {
  const cat = catalogueOf(scheme);
  scheme.components.forEach((c, ci) => {
    if (!c.scoreSheet) return;
    const sheet = c.scoreSheet;
    const rows = (ledger.scores ?? []).filter((r) => r.period === ci);
    const seen = new Map<string, SourceRef>();
    for (const r of rows) {
      const member = firstRowMember(index, seen, r, sheet, add);
      if (!member) continue;
      const parts: Dec[] = [];
      for (const e of c.entries) {
        const key = `${c.id}.${e.id}`;
        const v = r.values[key];
        if (v === null || v === undefined) {
          if (member.participates) add('RECORD_BLANK', recordCell(r, key), { name: r.name, entry: e.name, max: e.max });
          continue;
        }
        parts.push(v);
        if (compare(v, dec(e.max)) > 0) add('RECORD_ABOVE_MAX', recordCell(r, key), { entry: e.name, found: v.toString(), max: e.max }, v.toString());
        else if (compare(v, dec(e.min)) < 0) add('RECORD_BELOW_MIN', recordCell(r, key), { entry: e.name, found: v.toString(), min: e.min }, v.toString());
      }
      if (r.writtenTotal && compare(r.writtenTotal, sum(parts)) !== 0) {
        add('RECORD_TOTAL_MISMATCH', recordCell(r, 'total'), { found: r.writtenTotal.toString(), want: sum(parts).toString() }, r.writtenTotal.toString());
      }
    }
    // A ledger without the sheet is already an error of the reader (READ_SHEET_MISSING).
    if (!ledger.scores) return;
    for (const mem of ledger.members) {
      if (!mem.participates || cat.category(mem.category)?.scored === false || seen.has(mem.key)) continue;
      add('RECORD_MISSING_MONTH', { file: ledger.file, sheet }, { name: mem.name, sheet });
    }
  });
}

/** overrides[].deduct: a sanction entered in both 否决与处分 and 加减分明细 counts once; say so at the 明细 row. */
export function checkLinkedSanctions(scheme: Scheme, ledger: Ledger, index: MemberIndex, add: Add): void {
  if (!scheme.overrides.some((o) => o.deduct)) return;
  const cat = catalogueOf(scheme);
  const byMember = new Map<string, { events: LinkedEvent[]; sanctions: Sanction[] }>();
  const of = (name: string, id: string | undefined) => {
    const { member } = index.resolve(name, id);
    if (!member) return undefined;
    let g = byMember.get(member.key);
    if (!g) byMember.set(member.key, (g = { events: [], sanctions: [] }));
    return g;
  };
  for (const row of ledger.events) {
    const item = cat.item(row.item);
    if (item) of(row.name, row.id)?.events.push({ item, row });
  }
  for (const s of ledger.sanctions) of(s.name, s.id)?.sanctions.push(s);
  for (const g of byMember.values()) {
    for (const { sanction, event } of linkSanctions(cat, g.events, g.sanctions).doubled) {
      add('SANCTION_ALSO_EVENT', event.row.source, { name: sanction.name, type: sanction.type, event: `${event.item.name}${event.row.level ? `（${event.row.level}）` : ''}` });
    }
  }
}
