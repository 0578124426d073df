// Builds in-memory ledgers for engine tests: terse input, full model out.
import { dec } from '../../src/core/decimal.js';
import type { Ledger, Member } from '../../src/core/model.js';
import { schemeSchema, type Scheme, type SchemeInput } from '../../src/scheme/schema.js';
import { checkScheme } from '../../src/scheme/checks.js';

export function scheme(input: Partial<SchemeInput>): Scheme {
  const s = schemeSchema.parse({ version: 1, id: 'test', name: '测试方案', categories: [{ name: '正式党员' }, { name: '预备党员', graded: false, countsForQuota: false }], components: [], ...input });
  const problems = checkScheme(s);
  if (problems.length) throw new Error(problems.map((p) => `${p.path}: ${p.en}`).join('\n'));
  return s;
}

export interface MemberSpec extends Partial<Omit<Member, 'source' | 'key' | 'posts'>> {
  name: string;
}

export interface LedgerSpec {
  branch?: string;
  members: (MemberSpec | string)[];
  /** name → record period index → { 'comp.entry': value } ; a number applies to every entry… no: explicit only. */
  records?: Record<string, Record<number, Record<string, number | null>>>;
  events?: { date: string; name: string; item: string; level?: string; count?: number; points?: number; project?: string }[];
  evaluations?: { name: string; good?: number; fair?: number; poor?: number; voters?: number; grade?: string; score?: number }[];
  sanctions?: { name: string; type: string; date?: string }[];
  /** Score-sheet rows (scoreSheet components): name → { 'comp.entry': value }, for the component at index `scoresOf` (default 0). */
  scores?: Record<string, Record<string, number | null>>;
  scoresOf?: number;
}

/** Score-sheet values at every entry's max for a scoreSheet component, with per-member overrides merged on top. */
export function fullScores(s: Scheme, names: string[], overrides: Record<string, Record<string, number | null>> = {}): Record<string, Record<string, number | null>> {
  const c = s.components.find((x) => x.scoreSheet)!;
  const full = Object.fromEntries(c.entries.map((e) => [`${c.id}.${e.id}`, e.max]));
  return Object.fromEntries(names.map((n) => [n, { ...full, ...(overrides[n] ?? {}) }]));
}

export function ledger(spec: LedgerSpec): Ledger {
  const file = `${spec.branch ?? '第一支部'}.xlsx`;
  const members: Member[] = spec.members.map((m, i) => {
    const s = typeof m === 'string' ? { name: m } : m;
    return {
      key: s.id ?? s.name,
      name: s.name,
      ...(s.id ? { id: s.id } : {}),
      category: s.category ?? '正式党员',
      ...(s.tier ? { tier: s.tier } : {}),
      participates: s.participates ?? true,
      ...(s.directGrade ? { directGrade: s.directGrade } : {}),
      posts: [],
      ...(s.joined ? { joined: s.joined } : {}),
      ...(s.left ? { left: s.left } : {}),
      source: { file, sheet: '名册', cell: `B${i + 3}` },
    };
  });
  return {
    file,
    branch: spec.branch ?? '第一支部',
    info: {},
    members,
    records: Object.entries(spec.records ?? {}).flatMap(([name, byPeriod]) =>
      Object.entries(byPeriod).map(([p, values]) => ({
        name,
        period: Number(p),
        values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? null : dec(v)])),
        source: { file, sheet: `${Number(p) + 1}月`, cell: 'A1' },
      })),
    ),
    events: (spec.events ?? []).map((e, i) => ({
      date: e.date,
      name: e.name,
      item: e.item,
      ...(e.level ? { level: e.level } : {}),
      count: dec(e.count ?? 1),
      ...(e.points !== undefined ? { points: dec(e.points) } : {}),
      ...(e.project ? { project: e.project } : {}),
      source: { file, sheet: '加减分明细', cell: `E${i + 3}` },
    })),
    evaluations: (spec.evaluations ?? []).map((e) => ({
      name: e.name,
      ...(e.good !== undefined ? { good: dec(e.good) } : {}),
      ...(e.fair !== undefined ? { fair: dec(e.fair) } : {}),
      ...(e.poor !== undefined ? { poor: dec(e.poor) } : {}),
      ...(e.voters !== undefined ? { voters: dec(e.voters) } : {}),
      ...(e.grade ? { grade: e.grade } : {}),
      ...(e.score !== undefined ? { score: dec(e.score) } : {}),
      source: { file, sheet: '民主评议' },
    })),
    sanctions: (spec.sanctions ?? []).map((s) => ({ name: s.name, type: s.type, ...(s.date ? { date: s.date } : {}), source: { file, sheet: '否决与处分' } })),
    ...(spec.scores
      ? {
          scores: Object.entries(spec.scores).map(([name, values], i) => ({
            name,
            period: spec.scoresOf ?? 0,
            values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? null : dec(v)])),
            columns: Object.fromEntries(Object.keys(values).map((k, j) => [k, String.fromCharCode(68 + j)])),
            row: i + 3,
            source: { file, sheet: '评分表' },
          })),
        }
      : {}),
  };
}

/** Twelve monthly records with the same values. */
export function everyMonth(values: Record<string, number>, months = 12): Record<number, Record<string, number>> {
  return Object.fromEntries([...Array(months).keys()].map((m) => [m, values]));
}
