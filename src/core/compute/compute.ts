// Step "compute" of read → check → compute → grade → write: turns one branch ledger into
// per-member totals for one period, with a trace of every rule applied. Pure: no I/O.
// The parts by component kind live beside this file (recorded, deduct, accumulate, evaluation, base),
// with the gathering (collect), the vetoes and sanctions, the exempt members and the one result builder.
import type { Scheme } from '../../scheme/schema.js';
import { catalogueOf } from '../catalogue.js';
import type { Cycle, Period } from '../cycle.js';
import type { HistoryLookup, Ledger } from '../model.js';
import type { BranchResult, MemberResult, OffRoll } from '../result.js';
import { onRollIn } from '../rules/roll.js';
import { collect } from './collect.js';
import { type BranchContext, emptyData } from './context.js';
import { directResult, otherScoreResult } from './exempt.js';
import { computeMember } from './member.js';

/** Computes one branch for one period: each member on the roll, exempt members listed, members off the roll said. */
export function computeBranch(scheme: Scheme, ledger: Ledger, cycle: Cycle, period: Period, history: HistoryLookup, opts: { trace?: boolean } = {}): BranchResult {
  const ctx: BranchContext = { scheme, cat: catalogueOf(scheme), ledger, cycle, period, history, trace: opts.trace ?? true };
  const data = collect(ctx);
  const members: MemberResult[] = [];
  const offRoll: OffRoll[] = [];
  const exempt: string[] = [];
  for (const m of ledger.members) {
    // R20: a period lists only the members on the roll in it (joined in May: not in Q1; left in February: not in Q3).
    if (!onRollIn(m, cycle, period)) {
      offRoll.push({ name: m.name, ...(m.joined ? { joined: m.joined } : {}), ...(m.left ? { left: m.left } : {}) });
      continue;
    }
    if (!m.participates) {
      if (scheme.directGrades && m.directGrade) members.push(directResult(ctx, m));
      else if (scheme.exempt?.otherScore && m.otherScore && period.kind === 'cycle') members.push(otherScoreResult(ctx, m, m.otherScore));
      else exempt.push(m.name);
      continue;
    }
    const category = ctx.cat.category(m.category);
    if (category && !category.scored) continue;
    members.push(computeMember(ctx, m, data.get(m.key) ?? emptyData()));
  }
  const out: BranchResult = { branch: ledger.branch, file: ledger.file, schemeId: scheme.id, members };
  if (offRoll.length > 0) out.offRoll = offRoll;
  if (exempt.length > 0) out.exempt = exempt;
  return out;
}
