// `npm run fixtures`: deterministic sample ledgers (seeded PRNG, never Math.random).
// The generator (makeTownship) and the writer (fillLedger / writeLedger) are exported so the
// benchmark and the tests can build townships of any size with the same code.
//
//   fixtures/township/       the README demo: 6 branches, 150 members, 2023
//   fixtures/township-2022/  the same branches in 2022 (consecutive-year rule)
//   fixtures/messy/          one ledger per reader quirk, each otherwise valid
//   fixtures/invalid/        one ledger per validation code, exactly one planted problem
//   fixtures/bad/            broken files, and one good ledger
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { activeMonths } from '../src/core/compute.js';
import { addDays, cycleOf, monthRange, recordSheetNames, type Cycle } from '../src/core/cycle.js';
import { Dec } from '../src/core/decimal.js';
import type { Member } from '../src/core/model.js';
import { normaliseHeader } from '../src/excel/header.js';
import { ledgerTemplate } from '../src/excel/write/template.js';
import { colLetter } from '../src/excel/write/style.js';
import { loadScheme, packageRoot } from '../src/scheme/load.js';
import type { Item, Scheme } from '../src/scheme/schema.js';
import { BASIS, BRANCHES, GIVEN, POSTS, PROJECTS, Rng, SURNAMES, rngFor } from './fixture-data.js';

// ───────────────────────────── the in-memory spec ─────────────────────────────

/** One member's points in one record period (1月…12月, or 第一季度…). */
export interface RecordSpec {
  /** Member key (编号, else the name). */
  key: string;
  name: string;
  id?: string;
  /** 0-based record period of the cycle. */
  period: number;
  /** Values keyed `componentId.entryId`; null = left blank. */
  values: Record<string, number | null>;
  note?: string;
}

export interface EventSpec {
  /** ISO date. */
  date: string;
  name: string;
  id?: string;
  /** 事项 as written (the catalogue item name). */
  item: string;
  level?: string;
  count: number;
  /** 分值 as written (unit × count for fixed items, the judged points for range items). */
  points?: number;
  project?: string;
  basis?: string;
  reviewer?: string;
}

export interface EvaluationSpec {
  name: string;
  id?: string;
  good?: number;
  fair?: number;
  poor?: number;
  voters?: number;
  grade?: string;
}

export interface SanctionSpec {
  date?: string;
  name: string;
  id?: string;
  type: string;
  note?: string;
}

/** A branch ledger for one cycle, before it is written. */
export interface GeneratedLedger {
  branch: string;
  schemeId: string;
  year: number;
  layout: 'monthly' | 'card';
  roster: Member[];
  records: RecordSpec[];
  events: EventSpec[];
  evaluations: EvaluationSpec[];
  sanctions: SanctionSpec[];
}

export interface TownshipOptions {
  scheme: Scheme;
  year: number;
  branches: number;
  /** One number for every branch, or one per branch. */
  membersPerBranch: number | number[];
  seed: number;
  /** Expected number of 加减分明细 rows per member (default 0.5). */
  eventsPerMember?: number;
  /** Share of 预备党员 (default 0.04) and of members not taking part (default 0.01). */
  reserveRate?: number;
  exemptRate?: number;
  layout?: 'monthly' | 'card';
}

type Quality = 'good' | 'fair' | 'weak';

const FIXED_DATE = (year: number): Date => new Date(Date.UTC(year, 0, 1));

/** Branch name and 编号 prefix of the i-th branch (beyond the list: 兰溪村第二党支部 …). */
export function branchName(i: number): { name: string; prefix: string } {
  const [name, prefix] = BRANCHES[i % BRANCHES.length]!;
  const round = Math.floor(i / BRANCHES.length);
  if (round === 0) return { name, prefix };
  const cn = ['', '', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];
  const nth = cn[round + 1] ?? `第${round + 1}`;
  return { name: name.replace(/党支部$/, `${nth}党支部`), prefix };
}

function personName(rng: Rng, taken: Set<string>): string {
  for (let tries = 0; ; tries++) {
    const given = rng.chance(0.7) || tries > 50 ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
    const name = rng.pick(SURNAMES) + given;
    if (!taken.has(name) || tries > 200) {
      taken.add(name);
      return name;
    }
  }
}

function recordPeriodCount(scheme: Scheme): number {
  if (!scheme.components.some((c) => c.kind === 'recorded' && c.entries.length > 0)) return 0;
  return scheme.cycle.record === 'month' ? 12 : scheme.cycle.record === 'quarter' ? 4 : 0;
}

/** Record periods (0-based) in which the member belongs to the branch. */
export function activePeriods(scheme: Scheme, member: Member, cycle: Cycle): number[] {
  const months = activeMonths(member, cycle);
  if (recordPeriodCount(scheme) === 0) return [];
  if (scheme.cycle.record === 'quarter') return [...new Set(months.map((m) => Math.floor(m / 3)))];
  return months;
}

function recordOfMonth(scheme: Scheme, month: number): number {
  return scheme.cycle.record === 'quarter' ? Math.floor(month / 3) : month;
}

const half = (x: number): number => Math.round(x * 2) / 2;

/** A plausible score for an entry worth `max`: mostly full marks for small entries, a band for large ones. */
function entryScore(rng: Rng, max: number, min: number, q: Quality): number {
  let v: number;
  if (max <= 10) {
    const [full, eight] = q === 'good' ? [0.9, 0.08] : q === 'fair' ? [0.75, 0.18] : [0.45, 0.3];
    const x = rng.next();
    v = x < full ? max : x < full + eight ? half(max * 0.8) : half(max * 0.5);
  } else {
    const [lo, hi] = q === 'good' ? [0.8, 1] : q === 'fair' ? [0.5, 0.8] : [0.35, 0.65];
    v = rng.int(Math.ceil(max * lo), Math.ceil(max * hi));
  }
  return Math.max(min, Math.min(max, v));
}

function dateIn(rng: Rng, start: string, end: string): string {
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  return addDays(start, rng.int(0, days));
}

/** Level keys from most to least common: lower levels more often; aliases of the same points once. */
function levelChoices(item: Item): [string, number][] {
  const seen = new Set<number>();
  const keys: [string, number][] = [];
  for (const [k, v] of Object.entries(item.levels ?? {})) {
    if (seen.has(v)) continue;
    seen.add(v);
    keys.push([k, v]);
  }
  keys.sort((a, b) => a[1] - b[1]);
  return keys.map(([k], i) => [k, 1 / (i + 1) ** 2]);
}

function unitPoints(item: Item, level: string | undefined, points: number | undefined): number {
  if (item.levels) return item.levels[level ?? ''] ?? 0;
  if (item.range) return points ?? 0;
  return item.points ?? points ?? 0;
}

/** Items an event may name at random: not vetoes (planted by hand), not splits, not 该项不得分. */
function eventItems(scheme: Scheme): { bonus: Item[]; minus: Item[] } {
  const comps = new Map(scheme.components.map((c) => [c.id, c]));
  const bonus: Item[] = [];
  const minus: Item[] = [];
  for (const it of scheme.items) {
    const c = comps.get(it.component);
    if (!c || it.veto || it.split || it.zeroes) continue;
    if (c.kind === 'recorded' || c.kind === 'deduct' || c.role === 'deduction') minus.push(it);
    else bonus.push(it);
  }
  return { bonus, minus };
}

/**
 * Generates the branch ledgers of a township for one cycle. The roster depends on the seed
 * only (the same members every year); scores and events depend on the seed and the year.
 */
export function makeTownship(opts: TownshipOptions): GeneratedLedger[] {
  const { scheme, year, seed } = opts;
  const cycle = cycleOf(year, scheme.cycle);
  const epm = opts.eventsPerMember ?? 0.5;
  const out: GeneratedLedger[] = [];
  const hasPosts = scheme.components.some((c) => c.kind === 'recorded' && c.name.includes('志愿服务岗位'));
  for (let b = 0; b < opts.branches; b++) {
    const n = Array.isArray(opts.membersPerBranch) ? (opts.membersPerBranch[b] ?? opts.membersPerBranch[opts.membersPerBranch.length - 1]!) : opts.membersPerBranch;
    const { name: branch, prefix } = branchName(b);
    const rr = rngFor(seed, 'roster', b);
    const taken = new Set<string>();
    const width = Math.max(2, String(n).length);
    const roster: Member[] = [];
    const quality = new Map<string, Quality>();
    for (let i = 0; i < n; i++) {
      const name = personName(rr, taken);
      const id = `${prefix}${String(b + 1).padStart(2, '0')}${String(i + 1).padStart(width, '0')}`;
      const reserve = rr.chance(opts.reserveRate ?? 0.04);
      const exempt = !reserve && rr.chance(opts.exemptRate ?? 0.01);
      const born = rr.int(1950, 2000);
      const m: Member = {
        key: id,
        name,
        id,
        category: reserve ? '预备党员' : '正式党员',
        participates: !exempt,
        posts: hasPosts ? rr.sample(POSTS, 2) : [],
        phone: `1${rr.pick(['3', '5', '8', '9'])}${String(rr.int(0, 999_999_999)).padStart(9, '0')}`,
        birth: `${reserve ? Math.max(born, 1990) : born}-${String(rr.int(1, 12)).padStart(2, '0')}`,
        source: { file: `${branch}.xlsx`, sheet: '名册' },
      };
      if (scheme.tiers.length > 0) m.tier = rr.weighted(scheme.tiers.map((t, k) => [t.name, k === 0 ? 1 : k === 1 ? 2 : 4] as const));
      roster.push(m);
      quality.set(id, rr.weighted([['good', 35], ['fair', 52], ['weak', 13]] as const));
    }
    const spec: GeneratedLedger = { branch, schemeId: scheme.id, year, layout: opts.layout ?? 'monthly', roster, records: [], events: [], evaluations: [], sanctions: [] };
    fillScores(spec, scheme, cycle, quality, rngFor(seed, 'scores', year, b), epm);
    out.push(spec);
  }
  return out;
}

/** Records, events and evaluations of one branch (the roster is given). */
function fillScores(spec: GeneratedLedger, scheme: Scheme, cycle: Cycle, quality: Map<string, Quality>, rng: Rng, epm: number): void {
  const recorded = scheme.components.filter((c) => c.kind === 'recorded');
  const comps = new Map(scheme.components.map((c) => [c.id, c]));
  const { bonus, minus } = eventItems(scheme);
  const secretary = spec.roster[0]?.name ?? '';
  const participating = spec.roster.filter((m) => m.participates);
  const gradeKeys = [...new Set([...scheme.components.flatMap((c) => Object.keys(c.gradePoints ?? {})), ...Object.keys(scheme.conversion?.factors ?? {})])];
  for (const m of spec.roster) {
    const q = quality.get(m.key) ?? 'good';
    const periods = m.participates ? activePeriods(scheme, m, cycle) : [];
    const recs = new Map<number, RecordSpec>();
    for (const p of periods) {
      const values: Record<string, number | null> = {};
      for (const c of recorded) for (const e of c.entries) values[`${c.id}.${e.id}`] = entryScore(rng, e.max, e.min, q);
      const r: RecordSpec = { key: m.key, name: m.name, period: p, values };
      if (m.id) r.id = m.id;
      recs.set(p, r);
    }
    // Events
    const months = activeMonths(m, cycle);
    const trials = Math.ceil(epm * 2);
    const used = new Map<string, number>();
    const projects = new Set<string>();
    if (m.participates && months.length > 0 && trials > 0) {
      for (let t = 0; t < trials; t++) {
        if (!rng.chance(epm / trials)) continue;
        const pool = bonus.length && (minus.length === 0 || rng.chance(q === 'weak' ? 0.3 : 0.65)) ? bonus : minus;
        if (pool.length === 0) continue;
        const item = rng.pick(pool);
        const comp = comps.get(item.component)!;
        let month = rng.pick(months);
        let date = dateIn(rng, monthRange(cycle, month).start, monthRange(cycle, month).end);
        if (/七一|十一/.test(item.name)) {
          const y = Number(monthRange(cycle, month).end.slice(0, 4));
          const fixed = rng.chance(0.5) ? `${y}-07-01` : `${y}-09-30`;
          const mi = months.find((k) => monthRange(cycle, k).start <= fixed && fixed <= monthRange(cycle, k).end);
          if (mi !== undefined) {
            month = mi;
            date = fixed;
          }
        }
        const ev: EventSpec = { date, name: m.name, item: item.name, count: 1, basis: rng.pick(BASIS), reviewer: secretary };
        if (m.id) ev.id = m.id;
        if (item.levels) ev.level = rng.weighted(levelChoices(item));
        if (item.range) {
          const lo = Math.max(item.range.min, 1);
          ev.points = Math.min(item.range.max, rng.int(lo, lo + 2));
        }
        if (item.highestOnly || item.levels) {
          const free = PROJECTS.filter((p) => !projects.has(p));
          if (free.length === 0) continue;
          ev.project = rng.pick(free);
        }
        if (comp.kind === 'recorded' && item.entry && rng.chance(0.15) && (item.points ?? 0) * 2 <= (comp.entries.find((e) => e.id === item.entry)?.max ?? 0)) ev.count = 2;
        const unit = unitPoints(item, ev.level, ev.points);
        const amount = unit * ev.count;
        // Caps: the component's (per cycle or per record period) and the item's.
        const capKey = comp.capPer === 'record' ? `${comp.id}@${recordOfMonth(scheme, month)}` : comp.id;
        if (comp.cap !== undefined && (used.get(capKey) ?? 0) + amount > comp.cap) continue;
        if (item.cap !== undefined && (used.get(`item:${item.id}`) ?? 0) + amount > item.cap) continue;
        if (comp.kind === 'recorded' && item.entry) {
          // The deduction is taken from a full entry of that month's record.
          const rec = recs.get(recordOfMonth(scheme, month));
          const entry = comp.entries.find((e) => e.id === item.entry);
          if (!rec || !entry || amount > entry.max - entry.min || rec.note) continue;
          rec.values[`${comp.id}.${entry.id}`] = entry.max;
          rec.note = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日${item.name}${ev.count > 1 ? `${ev.count}次` : ''}`;
        }
        used.set(capKey, (used.get(capKey) ?? 0) + amount);
        used.set(`item:${item.id}`, (used.get(`item:${item.id}`) ?? 0) + amount);
        if (ev.project) projects.add(ev.project);
        if (!item.range) ev.points = amount;
        spec.events.push(ev);
      }
    }
    spec.records.push(...[...recs.values()].sort((a, b) => a.period - b.period));
    // 民主评议: everyone who takes part votes on everyone.
    if (m.participates) {
      const voters = Math.max(3, participating.length);
      const share = q === 'good' ? 0.8 + rng.next() * 0.18 : q === 'fair' ? 0.55 + rng.next() * 0.25 : 0.3 + rng.next() * 0.25;
      const good = Math.round(voters * share);
      const poor = Math.min(voters - good, q === 'weak' ? rng.int(1, 3) : rng.chance(0.2) ? 1 : 0);
      const ev: EvaluationSpec = { name: m.name, good, fair: voters - good - poor, poor, voters };
      if (m.id) ev.id = m.id;
      if (gradeKeys.length > 0) {
        const want = q === 'good' ? (rng.chance(0.6) ? '优秀' : '合格') : q === 'fair' ? '合格' : '基本合格';
        ev.grade = gradeKeys.includes(want) ? want : gradeKeys[0]!;
      }
      spec.evaluations.push(ev);
    }
  }
  spec.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ───────────────────────────── spec editing helpers ─────────────────────────────

export function memberAt(spec: GeneratedLedger, i: number): Member {
  const m = spec.roster[i];
  if (!m) throw new Error(`${spec.branch}: no member ${i}`);
  return m;
}

/** Drops a member's records, events, evaluations and sanctions matching `keep` = false. */
export function dropMemberData(spec: GeneratedLedger, key: string, what: { records?: (r: RecordSpec) => boolean; events?: (e: EventSpec) => boolean; evaluations?: boolean; sanctions?: boolean } = {}): void {
  const m = spec.roster.find((x) => x.key === key);
  if (!m) throw new Error(`no member ${key}`);
  const mine = (x: { name: string; id?: string }): boolean => (m.id ? x.id === m.id : x.name === m.name);
  const recs = what.records ?? (() => true);
  const evs = what.events ?? (() => true);
  spec.records = spec.records.filter((r) => !(mine(r) && recs(r)));
  spec.events = spec.events.filter((e) => !(mine(e) && evs(e)));
  if (what.evaluations ?? true) spec.evaluations = spec.evaluations.filter((e) => !mine(e));
  if (what.sanctions ?? true) spec.sanctions = spec.sanctions.filter((s) => !mine(s));
}

export function removeMember(spec: GeneratedLedger, key: string): void {
  dropMemberData(spec, key);
  spec.roster = spec.roster.filter((m) => m.key !== key);
}

// ───────────────────────────── the writer ─────────────────────────────

export const SHEETS = { info: '说明', roster: '名册', events: '加减分明细', evaluation: '民主评议', sanctions: '否决与处分' } as const;

/** Column numbers of a header row, by normalised label (学习教育(10分) → 学习教育). */
export function headerColumns(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => {
    if (typeof cell.value === 'string') out.set(normaliseHeader(cell.value), col);
  });
  return out;
}

function col(cols: Map<string, number>, label: string, sheet: string): number {
  const c = cols.get(normaliseHeader(label));
  if (c === undefined) throw new Error(`${sheet}: no column ${label}`);
  return c;
}

export function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function setDateCell(cell: ExcelJS.Cell, iso: string | undefined): void {
  if (!iso) return;
  cell.value = excelDate(iso);
  cell.numFmt = 'yyyy-mm-dd';
}

function setTextCell(cell: ExcelJS.Cell, text: string | undefined): void {
  cell.numFmt = '@';
  cell.value = text ?? null;
}

/** Exact sum of the non-blank values (decimal, not float). */
export function exactSum(values: (number | null | undefined)[]): number {
  return values.reduce<InstanceType<typeof Dec>>((s, v) => (v === null || v === undefined ? s : s.plus(v)), new Dec(0)).toNumber();
}

/** Entry keys and names of the scheme's recorded columns, in template order. */
export function recordedEntries(scheme: Scheme): { key: string; name: string; max: number; min: number }[] {
  return scheme.components.filter((c) => c.kind === 'recorded').flatMap((c) => c.entries.map((e) => ({ key: `${c.id}.${e.id}`, name: e.name, max: e.max, min: e.min })));
}

/** The standard ledger template, filled with the spec. */
export function fillLedger(spec: GeneratedLedger, scheme: Scheme): ExcelJS.Workbook {
  const wb = ledgerTemplate(scheme, { branch: spec.branch, year: spec.year, roster: spec.roster, layout: spec.layout, recorder: spec.roster[0]?.name });
  wb.created = FIXED_DATE(spec.year);
  wb.modified = FIXED_DATE(spec.year);
  const cycle = cycleOf(spec.year, scheme.cycle);
  const names = recordSheetNames(cycle, scheme.cycle.record);
  if (spec.layout === 'card') fillCards(wb, spec, scheme, names);
  else fillRecordSheets(wb, spec, scheme, names);
  fillEvents(wb, spec);
  fillEvaluations(wb, spec);
  fillSanctions(wb, spec);
  return wb;
}

export async function writeLedger(spec: GeneratedLedger, file: string, scheme: Scheme): Promise<void> {
  await saveWb(fillLedger(spec, scheme), file);
}

export async function saveWb(wb: ExcelJS.Workbook, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

function recordsByPeriod(spec: GeneratedLedger): Map<number, RecordSpec[]> {
  const order = new Map(spec.roster.map((m, i) => [m.key, i]));
  const out = new Map<number, RecordSpec[]>();
  for (const r of spec.records) {
    const list = out.get(r.period) ?? [];
    list.push(r);
    out.set(r.period, list);
  }
  for (const list of out.values()) list.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));
  return out;
}

function fillRecordSheets(wb: ExcelJS.Workbook, spec: GeneratedLedger, scheme: Scheme, names: string[]): void {
  const entries = recordedEntries(scheme);
  const byPeriod = recordsByPeriod(spec);
  names.forEach((sheet, p) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) return;
    const cols = headerColumns(ws, 2);
    const cSeq = col(cols, '序号', sheet);
    const cName = col(cols, '姓名', sheet);
    const cId = col(cols, '编号', sheet);
    const cTotal = col(cols, '合计', sheet);
    const cNote = col(cols, '依据/备注', sheet);
    const cEntries = entries.map((e) => col(cols, e.name, sheet));
    const first = Math.min(...cEntries);
    const last = Math.max(...cEntries);
    // The template pre-fills every roster member: clear, then write the rows that exist.
    for (let r = 3; r < 3 + spec.roster.length; r++) {
      ws.getCell(r, cSeq).value = null;
      ws.getCell(r, cName).value = null;
      ws.getCell(r, cId).value = null;
    }
    (byPeriod.get(p) ?? []).forEach((rec, i) => {
      const r = 3 + i;
      ws.getCell(r, cSeq).value = i + 1;
      ws.getCell(r, cName).value = rec.name;
      setTextCell(ws.getCell(r, cId), rec.id);
      entries.forEach((e, k) => {
        ws.getCell(r, cEntries[k]!).value = rec.values[e.key] ?? null;
      });
      ws.getCell(r, cTotal).value = { formula: `SUM(${colLetter(first)}${r}:${colLetter(last)}${r})`, result: exactSum(entries.map((e) => rec.values[e.key])) } as ExcelJS.CellFormulaValue;
      if (rec.note) ws.getCell(r, cNote).value = rec.note;
    });
  });
}

function fillCards(wb: ExcelJS.Workbook, spec: GeneratedLedger, scheme: Scheme, names: string[]): void {
  const entries = recordedEntries(scheme);
  const cards = new Map<string, ExcelJS.Worksheet>();
  for (const ws of wb.worksheets) {
    if (ws.getCell('A3').value !== '姓名') continue;
    cards.set(`${String(ws.getCell('B3').value ?? '')}|${String(ws.getCell('D3').value ?? '')}`, ws);
  }
  const byMember = new Map<string, Map<number, RecordSpec>>();
  for (const r of spec.records) {
    const m = byMember.get(r.key) ?? new Map<number, RecordSpec>();
    m.set(r.period, r);
    byMember.set(r.key, m);
  }
  for (const m of spec.roster) {
    const ws = cards.get(`${m.name}|${m.id ?? ''}`);
    if (!ws) throw new Error(`no card for ${m.name}`);
    const cols = headerColumns(ws, 5);
    const cEntries = entries.map((e) => col(cols, e.name, ws.name));
    const cTotal = col(cols, '合计', ws.name);
    const first = Math.min(...cEntries);
    const last = Math.max(...cEntries);
    const recs = byMember.get(m.key);
    names.forEach((_, p) => {
      const r = 6 + p;
      const rec = recs?.get(p);
      if (!rec) {
        ws.getCell(r, 1).value = null; // not on the roll (or exempt): no row for this month
        return;
      }
      entries.forEach((e, k) => {
        ws.getCell(r, cEntries[k]!).value = rec.values[e.key] ?? null;
      });
      ws.getCell(r, cTotal).value = { formula: `SUM(${colLetter(first)}${r}:${colLetter(last)}${r})`, result: exactSum(entries.map((e) => rec.values[e.key])) } as ExcelJS.CellFormulaValue;
    });
  }
}

function fillEvents(wb: ExcelJS.Workbook, spec: GeneratedLedger): void {
  const ws = wb.getWorksheet(SHEETS.events);
  if (!ws) return;
  const cols = headerColumns(ws, 2);
  const c = (l: string): number => col(cols, l, ws.name);
  spec.events.forEach((e, i) => {
    const r = 3 + i;
    ws.getCell(r, c('序号')).value = i + 1;
    setDateCell(ws.getCell(r, c('日期')), e.date);
    ws.getCell(r, c('姓名')).value = e.name;
    setTextCell(ws.getCell(r, c('编号')), e.id);
    ws.getCell(r, c('事项')).value = e.item;
    ws.getCell(r, c('级别')).value = e.level ?? null;
    ws.getCell(r, c('项目')).value = e.project ?? null;
    ws.getCell(r, c('次数')).value = e.count;
    ws.getCell(r, c('分值')).value = e.points ?? null;
    ws.getCell(r, c('依据')).value = e.basis ?? null;
    ws.getCell(r, c('审核人')).value = e.reviewer ?? null;
  });
}

function fillEvaluations(wb: ExcelJS.Workbook, spec: GeneratedLedger): void {
  const ws = wb.getWorksheet(SHEETS.evaluation);
  if (!ws) return;
  const cols = headerColumns(ws, 2);
  const c = (l: string): number => col(cols, l, ws.name);
  for (let r = 3; r < 3 + spec.roster.length; r++) {
    ws.getCell(r, c('姓名')).value = null;
    ws.getCell(r, c('编号')).value = null;
  }
  spec.evaluations.forEach((e, i) => {
    const r = 3 + i;
    ws.getCell(r, c('姓名')).value = e.name;
    setTextCell(ws.getCell(r, c('编号')), e.id);
    ws.getCell(r, c('好')).value = e.good ?? null;
    ws.getCell(r, c('一般')).value = e.fair ?? null;
    ws.getCell(r, c('差')).value = e.poor ?? null;
    ws.getCell(r, c('参评人数')).value = e.voters ?? null;
    ws.getCell(r, c('评议等次')).value = e.grade ?? null;
  });
}

function fillSanctions(wb: ExcelJS.Workbook, spec: GeneratedLedger): void {
  const ws = wb.getWorksheet(SHEETS.sanctions);
  if (!ws) return;
  const cols = headerColumns(ws, 2);
  const c = (l: string): number => col(cols, l, ws.name);
  spec.sanctions.forEach((s, i) => {
    const r = 3 + i;
    setDateCell(ws.getCell(r, c('日期')), s.date);
    ws.getCell(r, c('姓名')).value = s.name;
    setTextCell(ws.getCell(r, c('编号')), s.id);
    ws.getCell(r, c('类型')).value = s.type;
    ws.getCell(r, c('说明')).value = s.note ?? null;
  });
}

// ───────────────────────────── scheme helper ─────────────────────────────

export function schemeById(id: string): Scheme {
  const r = loadScheme(id);
  if (!r.ok) throw new Error(`scheme ${id}: ${r.problems.map((p) => p.en).join('; ')}`);
  return r.scheme;
}

// ───────────────────────────── fixtures/township (the README demo) ─────────────────────────────

export const DEMO = {
  seed: 20230701,
  sizes: [30, 28, 26, 24, 22, 20],
  /** [branch, member] of each planted member. */
  reserve: [[0, 6], [2, 9]] as [number, number][],
  exempt: [1, 4] as [number, number],
  transfer: [3, 23] as [number, number],
  veto: [4, 3] as [number, number],
  failing: [5, 5] as [number, number],
} as const;

/** The demo township for 2023 (or 2022: the same branches, without the July 2023 transfer and veto). */
export function townshipDemo(year: number): GeneratedLedger[] {
  const scheme = schemeById('township');
  const specs = makeTownship({ scheme, year, branches: DEMO.sizes.length, membersPerBranch: [...DEMO.sizes], seed: DEMO.seed, eventsPerMember: 0.6, reserveRate: 0, exemptRate: 0 });
  const at = ([b, i]: readonly [number, number]): { spec: GeneratedLedger; m: Member } => ({ spec: specs[b]!, m: memberAt(specs[b]!, i) });
  for (const p of DEMO.reserve) at(p).m.category = '预备党员';
  {
    const { spec, m } = at(DEMO.exempt);
    m.participates = false;
    dropMemberData(spec, m.key);
  }
  {
    const { spec, m } = at(DEMO.transfer);
    if (year === 2023) {
      m.joined = '2023-07-01';
      dropMemberData(spec, m.key, { records: (r) => r.period < 6, events: (e) => e.date < '2023-07-01', evaluations: false, sanctions: false });
    } else {
      removeMember(spec, m.key);
    }
  }
  if (year === 2023) {
    const { spec, m } = at(DEMO.veto);
    spec.sanctions.push({ date: '2023-05-18', name: m.name, id: m.id, type: '违反法律法规', note: '酒后驾驶机动车，受到行政拘留处罚' });
  }
  {
    // Low monthly scores in both years: 不合格 in 2022 and 2023 (the consecutive-year rule).
    const { spec, m } = at(DEMO.failing);
    const rng = rngFor(DEMO.seed, 'failing', year);
    dropMemberData(spec, m.key, { records: () => false, events: () => true, evaluations: false, sanctions: false });
    for (const r of spec.records) {
      if (r.key !== m.key) continue;
      for (const k of Object.keys(r.values)) r.values[k] = k.startsWith('post.') ? rng.int(10, 16) : rng.pick([5, 5, 5, 8]);
      delete r.note;
    }
    const ev = spec.evaluations.find((e) => e.id === m.id);
    if (ev) {
      ev.good = Math.round((ev.voters ?? 10) * 0.3);
      ev.poor = 3;
      ev.fair = (ev.voters ?? 10) - ev.good - ev.poor;
    }
  }
  return specs;
}

async function writeSet(dir: string, specs: GeneratedLedger[], scheme: Scheme): Promise<string[]> {
  const files: string[] = [];
  for (const spec of specs) {
    const file = join(dir, `${spec.branch}.xlsx`);
    await writeLedger(spec, file, scheme);
    files.push(file);
  }
  return files;
}

// ───────────────────────────── main ─────────────────────────────

export const FIXTURES_DIR = join(packageRoot(), 'fixtures');

export async function makeAll(root: string = FIXTURES_DIR): Promise<void> {
  const township = schemeById('township');
  for (const sub of ['township', 'township-2022']) await rm(join(root, sub), { recursive: true, force: true });
  await writeSet(join(root, 'township'), townshipDemo(2023), township);
  await writeSet(join(root, 'township-2022'), townshipDemo(2022), township);
}

const invoked = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === invoked) {
  makeAll().then(
    () => process.stdout.write(`fixtures written to ${FIXTURES_DIR}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
