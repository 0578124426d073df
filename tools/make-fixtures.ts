// `npm run fixtures`: deterministic sample ledgers (seeded PRNG, never Math.random).
// The generator (makeTownship) and the writer (fillLedger / writeLedger) are exported so the
// benchmark and the tests can build townships of any size with the same code.
//
//   fixtures/township/       the README demo: 6 branches, 150 members, 2023
//   fixtures/township-2022/  the same branches in 2022 (consecutive-year rule)
//   fixtures/messy/          one ledger per reader quirk, each otherwise valid
//   fixtures/invalid/        one ledger per validation code, exactly one planted problem
//   fixtures/bad/            broken files, and one good ledger
import { crc32 } from '../src/excel/lean/zip.js';
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
import { applicationForm } from '../src/excel/write/application.js';
import { colLetter } from '../src/excel/write/style.js';
import { eventColumns } from '../src/excel/write/scheme-info.js';
import { loadScheme, packageRoot } from '../src/scheme/load.js';
import type { Item, Scheme } from '../src/scheme/schema.js';
import { COMMON, entryColumn, EVALUATIONS, EVENTS, INFO_KEYS, SANCTIONS, SHEETS as FORM_SHEETS, type FormColumn } from '../src/scheme/form.js';
import { BASIS, BRANCHES, GIVEN, POSTS, PROJECTS, Rng, SURNAMES, rngFor } from './fixture-data.js';
import { invalidReadme } from './catalogue-docs.js';

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
  /** Score-sheet rows (scoreSheet components: school 基础分评分), `period` = the component's index. */
  scores?: RecordSpec[];
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
  return [...months];
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
  return Array.from({ length: opts.branches }, (_, b) => makeBranch(opts, b));
}

/**
 * The b-th branch of makeTownship(opts), generated on its own (the same result): a benchmark
 * can write a county branch by branch without holding 100,000 members in memory.
 */
export function makeBranch(opts: TownshipOptions, b: number): GeneratedLedger {
  const { scheme, year, seed } = opts;
  const cycle = cycleOf(year, scheme.cycle);
  const epm = opts.eventsPerMember ?? 0.5;
  const hasPosts = scheme.components.some((c) => c.kind === 'recorded' && c.name.includes('志愿服务岗位'));
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
  fillItemScores(spec, scheme, quality, rngFor(seed, 'item-scores', year, b));
  return spec;
}

/** The score sheets' rows: every participating member scores each entry of each scoreSheet component once. */
function fillItemScores(spec: GeneratedLedger, scheme: Scheme, quality: Map<string, Quality>, rng: Rng): void {
  scheme.components.forEach((c, period) => {
    if (!c.scoreSheet) return;
    for (const m of spec.roster) {
      if (!m.participates) continue;
      const values: Record<string, number | null> = {};
      for (const e of c.entries) values[`${c.id}.${e.id}`] = entryScore(rng, e.max, e.min, quality.get(m.key) ?? 'good');
      const r: RecordSpec = { key: m.key, name: m.name, period, values };
      if (m.id) r.id = m.id;
      (spec.scores ??= []).push(r);
    }
  });
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
      for (const c of recorded) {
        if (c.role === 'score') {
          for (const e of c.entries) values[`${c.id}.${e.id}`] = entryScore(rng, e.max, e.min, q);
          continue;
        }
        // A recorded bonus (奖励分 per quarter): mostly nothing, now and then a few points, within the cap.
        let left = c.cap ?? Infinity;
        for (const e of c.entries) {
          const v = rng.chance(0.2) ? Math.min(left, rng.int(1, Math.max(1, Math.min(e.max, 3)))) : 0;
          left -= v;
          values[`${c.id}.${e.id}`] = Math.max(e.min, v);
        }
      }
      const r: RecordSpec = { key: m.key, name: m.name, period: p, values };
      if (m.id) r.id = m.id;
      recs.set(p, r);
    }
    // Events (a 项目 only where the ledger has the column: a highest-level-per-project or shared item)
    const projectColumn = eventColumns(scheme).project;
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
        if (projectColumn && (item.highestOnly || item.levels)) {
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

/** The sheet names the template writes (the ledger form's, src/scheme/form.ts). */
export const SHEETS = { info: FORM_SHEETS.info[0], roster: FORM_SHEETS.roster[0], events: FORM_SHEETS.events[0], evaluation: FORM_SHEETS.evaluations[0], sanctions: FORM_SHEETS.sanctions[0] } as const;

/** A table's columns by key (the ledger form's), for the writer below. */
function byKey(table: readonly FormColumn[]): Record<string, FormColumn> {
  return Object.fromEntries(table.map((c) => [c.key, c]));
}
const EV = byKey(EVENTS);
const VO = byKey(EVALUATIONS);
const SA = byKey(SANCTIONS);

/** Column numbers of a header row, by normalised label (学习教育(10分) → 学习教育). */
export function headerColumns(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => {
    if (typeof cell.value === 'string') out.set(normaliseHeader(cell.value), col);
  });
  return out;
}

/** A column by a form column (any spelling the reader accepts) or, in a clerk's own layout, by its label. */
function col(cols: Map<string, number>, what: FormColumn | string, sheet: string): number {
  const labels = typeof what === 'string' ? [what] : [...what.labels, ...(what.header ? [what.header] : [])];
  for (const l of labels) {
    const c = cols.get(normaliseHeader(l));
    if (c !== undefined) return c;
  }
  throw new Error(`${sheet}: no column ${labels[0]}`);
}

/** Whether a header row has a form column (级别 and 项目 only where the scheme reads them). */
function hasCol(cols: Map<string, number>, what: FormColumn): boolean {
  return what.labels.some((l) => cols.has(normaliseHeader(l)));
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

/** Entry keys, names and form columns of the scheme's recorded columns, in template order. */
export function recordedEntries(scheme: Scheme): { key: string; name: string; max: number; min: number; column: FormColumn }[] {
  return scheme.components.filter((c) => c.kind === 'recorded').flatMap((c) => c.entries.map((e) => ({ key: `${c.id}.${e.id}`, name: e.name, max: e.max, min: e.min, column: entryColumn(c, e) })));
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
  fillScoreSheets(wb, spec, scheme);
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
  await writeFile(file, stableZip(Buffer.from(await wb.xlsx.writeBuffer())));
}

/**
 * Sets every zip entry's DOS time stamp to 1980-01-01 00:00, so that writing the same workbook
 * twice gives the same bytes (regenerated fixtures do not churn in git).
 */
export function stableZip(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const count = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let k = 0; k < count && p + 46 <= out.length && out.readUInt32LE(p) === 0x02014b50; k++) {
    out.writeUInt32LE(0x00210000, p + 12);
    const local = out.readUInt32LE(p + 42);
    if (local + 30 <= out.length && out.readUInt32LE(local) === 0x04034b50) out.writeUInt32LE(0x00210000, local + 10);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
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
    const cSeq = col(cols, COMMON.seq, sheet);
    const cName = col(cols, COMMON.name, sheet);
    const cId = col(cols, COMMON.id, sheet);
    const cTotal = col(cols, COMMON.total, sheet);
    const cNote = col(cols, COMMON.note, sheet);
    const cEntries = entries.map((e) => col(cols, e.column, sheet));
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

/** The score sheets of the template (pre-filled with the roster): each member's entry scores on their row. */
function fillScoreSheets(wb: ExcelJS.Workbook, spec: GeneratedLedger, scheme: Scheme): void {
  scheme.components.forEach((c, period) => {
    const ws = c.scoreSheet ? wb.getWorksheet(c.scoreSheet) : undefined;
    if (!ws) return;
    const sheet = c.scoreSheet!;
    const cols = headerColumns(ws, 2);
    const cId = col(cols, COMMON.id, sheet);
    const cTotal = col(cols, COMMON.total, sheet);
    const cEntries = c.entries.map((e) => col(cols, entryColumn(c, e), sheet));
    const first = Math.min(...cEntries);
    const last = Math.max(...cEntries);
    const mine = (spec.scores ?? []).filter((r) => r.period === period);
    spec.roster.forEach((m, i) => {
      const rec = mine.find((x) => x.key === m.key);
      const r = 3 + i;
      if (!rec) return;
      setTextCell(ws.getCell(r, cId), rec.id);
      c.entries.forEach((e, k) => {
        ws.getCell(r, cEntries[k]!).value = rec.values[`${c.id}.${e.id}`] ?? null;
      });
      ws.getCell(r, cTotal).value = { formula: `SUM(${colLetter(first)}${r}:${colLetter(last)}${r})`, result: exactSum(c.entries.map((e) => rec.values[`${c.id}.${e.id}`])) } as ExcelJS.CellFormulaValue;
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
    const cEntries = entries.map((e) => col(cols, e.column, ws.name));
    const cTotal = col(cols, COMMON.total, ws.name);
    const first = Math.min(...cEntries);
    const last = Math.max(...cEntries);
    // Rows in the member's own periods, one after another: a card of a member who joined in July
    // starts with 7月 (the pre-printed rows of months off the roll are deleted, as a clerk does).
    const recs = [...(byMember.get(m.key)?.values() ?? [])].sort((a, b) => a.period - b.period);
    names.forEach((_, k) => {
      const r = 6 + k;
      const rec = recs[k];
      if (!rec) {
        ws.getCell(r, 1).value = null;
        return;
      }
      ws.getCell(r, 1).value = names[rec.period]!;
      entries.forEach((e, j) => {
        ws.getCell(r, cEntries[j]!).value = rec.values[e.key] ?? null;
      });
      ws.getCell(r, cTotal).value = { formula: `SUM(${colLetter(first)}${r}:${colLetter(last)}${r})`, result: exactSum(entries.map((e) => rec.values[e.key])) } as ExcelJS.CellFormulaValue;
    });
  }
}

function fillEvents(wb: ExcelJS.Workbook, spec: GeneratedLedger): void {
  const ws = wb.getWorksheet(SHEETS.events);
  if (!ws) return;
  const cols = headerColumns(ws, 2);
  const c = (k: string): number => col(cols, EV[k]!, ws.name);
  spec.events.forEach((e, i) => {
    const r = 3 + i;
    ws.getCell(r, c('seq')).value = i + 1;
    setDateCell(ws.getCell(r, c('date')), e.date);
    ws.getCell(r, c('name')).value = e.name;
    setTextCell(ws.getCell(r, c('id')), e.id);
    ws.getCell(r, c('item')).value = e.item;
    // 级别 and 项目 are there only where the scheme reads them (an item with levels, a highest-level or shared award).
    if (hasCol(cols, EV.level!)) ws.getCell(r, c('level')).value = e.level ?? null;
    if (hasCol(cols, EV.project!)) ws.getCell(r, c('project')).value = e.project ?? null;
    ws.getCell(r, c('count')).value = e.count;
    ws.getCell(r, c('points')).value = e.points ?? null;
    ws.getCell(r, c('basis')).value = e.basis ?? null;
    ws.getCell(r, c('reviewer')).value = e.reviewer ?? null;
  });
}

function fillEvaluations(wb: ExcelJS.Workbook, spec: GeneratedLedger): void {
  const ws = wb.getWorksheet(SHEETS.evaluation);
  if (!ws) return;
  const cols = headerColumns(ws, 2);
  const c = (k: string): number => col(cols, VO[k]!, ws.name);
  for (let r = 3; r < 3 + spec.roster.length; r++) {
    ws.getCell(r, c('name')).value = null;
    ws.getCell(r, c('id')).value = null;
  }
  spec.evaluations.forEach((e, i) => {
    const r = 3 + i;
    ws.getCell(r, c('name')).value = e.name;
    setTextCell(ws.getCell(r, c('id')), e.id);
    // The sheet has only the columns the scheme reads: what the generator made for others is left out.
    const put = (k: string, v: number | string | undefined): void => {
      if (hasCol(cols, VO[k]!)) ws.getCell(r, c(k)).value = v ?? null;
    };
    put('good', e.good);
    put('fair', e.fair);
    put('poor', e.poor);
    put('voters', e.voters);
    put('grade', e.grade);
  });
}

function fillSanctions(wb: ExcelJS.Workbook, spec: GeneratedLedger): void {
  const ws = wb.getWorksheet(SHEETS.sanctions);
  if (!ws) return;
  const cols = headerColumns(ws, 2);
  const c = (k: string): number => col(cols, SA[k]!, ws.name);
  spec.sanctions.forEach((s, i) => {
    const r = 3 + i;
    setDateCell(ws.getCell(r, c('date')), s.date);
    ws.getCell(r, c('name')).value = s.name;
    setTextCell(ws.getCell(r, c('id')), s.id);
    ws.getCell(r, c('type')).value = s.type;
    ws.getCell(r, c('note')).value = s.note ?? null;
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
    const wb = fillLedger(spec, scheme);
    trimBlankRows(wb);
    await saveWb(wb, file);
    files.push(file);
  }
  return files;
}

// ───────────────────────────── fixtures/messy (reader quirks) ─────────────────────────────

/** Replaces a sheet by a fresh one of the same name at the same tab position. */
export function replaceSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const old = wb.getWorksheet(name);
  if (!old) throw new Error(`no sheet ${name}`);
  const order = orderOf(old);
  wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(name);
  setOrder(ws, order);
  return ws;
}

/** Tab position of a sheet (exceljs keeps it as orderNo; not in its typings). */
function orderOf(ws: ExcelJS.Worksheet): number {
  return (ws as unknown as { orderNo: number }).orderNo;
}

function setOrder(ws: ExcelJS.Worksheet, order: number): void {
  (ws as unknown as { orderNo: number }).orderNo = order;
}

function hasContent(v: Cell): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) return (v as ExcelJS.CellFormulaValue).result !== undefined;
  return true;
}

/** Removes the template's dropdowns and number ranges (smaller files; the readers ignore them). */
export function dropValidations(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model = {};
}

/**
 * Drops the template's styled but empty rows below the last filled row of every sheet
 * (spare roster rows, 100 blank event rows …): the committed fixtures stay small.
 */
export function trimBlankRows(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    let last = 0;
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (hasContent(cell.value)) last = Math.max(last, n);
      });
    });
    const rows = (ws as unknown as { _rows: unknown[] })._rows;
    if (rows.length > last) rows.length = last;
  }
}

type Cell = ExcelJS.CellValue;

/** One column of a hand-made record sheet. */
interface RecordColumn {
  header: string;
  value: (rec: RecordSpec, i: number, row: number) => Cell;
  width?: number;
}

interface RecordLayout {
  /** Lines above the header, each merged across the table. */
  above?: string[];
  columns: (entries: { key: string; name: string; max: number }[], cols: (header: string) => string) => RecordColumn[];
  /** A blank row after data row i (0-based). */
  blankAfter?: (i: number) => boolean;
  /** Rows after the data. */
  footer?: (recs: RecordSpec[], cols: (header: string) => string, firstRow: number, lastRow: number) => Cell[][];
}

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** Writes every record sheet of the workbook again, as a clerk's own layout would have it. */
function rewriteRecordSheets(wb: ExcelJS.Workbook, spec: GeneratedLedger, scheme: Scheme, layout: RecordLayout): void {
  const cycle = cycleOf(spec.year, scheme.cycle);
  const names = recordSheetNames(cycle, scheme.cycle.record);
  const entries = recordedEntries(scheme);
  const byPeriod = recordsByPeriod(spec);
  names.forEach((sheet, p) => {
    const ws = replaceSheet(wb, sheet);
    let columns: RecordColumn[] = [];
    const letter = (header: string): string => {
      const i = columns.findIndex((c) => c.header === header || normaliseHeader(c.header) === normaliseHeader(header));
      if (i < 0) throw new Error(`layout has no column ${header}`);
      return colLetter(i + 1);
    };
    columns = layout.columns(entries, letter);
    const width = columns.length;
    let row = 1;
    for (const line of [`${spec.branch}${spec.year}年${sheet}党员积分记录表`, ...(layout.above ?? [])]) {
      if (line !== '') {
        ws.mergeCells(row, 1, row, width);
        ws.getCell(row, 1).value = line;
        ws.getCell(row, 1).alignment = { horizontal: row === 1 ? 'center' : 'left' };
        if (row === 1) ws.getCell(row, 1).font = { name: '黑体', size: 16, bold: true };
      }
      row++;
    }
    columns.forEach((c, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = c.header;
      cell.font = { name: '宋体', bold: true };
      cell.border = THIN;
      ws.getColumn(i + 1).width = c.width ?? Math.max(8, c.header.length * 2);
    });
    const headerRow = row++;
    const recs = byPeriod.get(p) ?? [];
    recs.forEach((rec, i) => {
      columns.forEach((c, k) => {
        const cell = ws.getCell(row, k + 1);
        cell.value = c.value(rec, i, row);
        cell.border = THIN;
      });
      row++;
      if (layout.blankAfter?.(i) && i < recs.length - 1) row++;
    });
    const lastRow = row - 1;
    for (const cells of layout.footer?.(recs, letter, headerRow + 1, lastRow) ?? []) {
      cells.forEach((v, k) => {
        if (v !== null && v !== undefined) ws.getCell(row, k + 1).value = v;
      });
      row++;
    }
  });
}

const entryTotal = (rec: RecordSpec, entries: { key: string }[]): number => exactSum(entries.map((e) => rec.values[e.key]));

/** The standard record columns (序号, 姓名, 编号, entries, 合计, 依据/备注), with hooks. */
function standardColumns(
  entries: { key: string; name: string; max: number }[],
  letter: (h: string) => string,
  hooks: { value?: (rec: RecordSpec, key: string) => Cell; name?: (rec: RecordSpec, i: number) => Cell; id?: (rec: RecordSpec, i: number) => Cell; total?: (rec: RecordSpec, row: number) => Cell; header?: (label: string) => string } = {},
): RecordColumn[] {
  const h = hooks.header ?? ((l: string) => l);
  const first = entries[0]!;
  const last = entries[entries.length - 1]!;
  return [
    { header: h('序号'), value: (_r, i) => i + 1, width: 6 },
    { header: h('姓名'), value: (r, i) => (hooks.name ? hooks.name(r, i) : r.name), width: 10 },
    { header: h('编号'), value: (r, i) => (hooks.id ? hooks.id(r, i) : (r.id ?? null)), width: 10 },
    ...entries.map((e) => ({ header: h(`${e.name}(${e.max}分)`), value: (r: RecordSpec) => (hooks.value ? hooks.value(r, e.key) : r.values[e.key] ?? null) })),
    {
      header: h('合计'),
      value: (r: RecordSpec, _i: number, row: number) =>
        hooks.total ? hooks.total(r, row) : ({ formula: `SUM(${letter(`${first.name}(${first.max}分)`)}${row}:${letter(`${last.name}(${last.max}分)`)}${row})`, result: entryTotal(r, entries) } as ExcelJS.CellFormulaValue),
      width: 8,
    },
    { header: h('依据/备注'), value: (r) => r.note ?? null, width: 24 },
  ];
}

/** ８．５: ASCII digits and dot to full width. */
export function fullWidth(text: string): string {
  return text.replace(/[0-9.]/g, (ch) => (ch === '.' ? '．' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
}

/** Excel's 1900-system serial number of an ISO date. */
export function excelSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** A small valid branch for one quirk: 8 members, 2023, scheme township. */
function messyBase(seed: number, branchIndex: number, layout: 'monthly' | 'card' = 'monthly'): GeneratedLedger {
  const scheme = schemeById('township');
  const all = makeTownship({ scheme, year: 2023, branches: branchIndex + 1, membersPerBranch: 8, seed, eventsPerMember: 0.5, reserveRate: 0, exemptRate: 0, layout });
  return all[branchIndex]!;
}

export interface MessyFixture {
  file: string;
  quirk: string;
  spec: GeneratedLedger;
  build: (spec: GeneratedLedger, scheme: Scheme) => ExcelJS.Workbook;
}

/** Six bonus events of different members, so that dates can be written six ways. */
function dateEvents(spec: GeneratedLedger): void {
  const dates = ['2023-03-05', '2023-03-05', '2023-03-05', '2023-03-05', '2023-06-30', '2023-10-01'];
  const items: [string, string | undefined, number, string | undefined][] = [
    ['表彰', '县', 2, '防汛抗旱'],
    ['公益事业', undefined, 2, undefined],
    ['经济发展', undefined, 2, undefined],
    ['表彰', '镇', 1, '人居环境整治'],
    ['七一/十一活动', undefined, 2, undefined],
    ['七一/十一活动', undefined, 2, undefined],
  ];
  spec.events = spec.events.filter((e) => !['表彰', '公益事业', '经济发展', '七一/十一活动'].includes(e.item));
  dates.forEach((date, i) => {
    const m = memberAt(spec, i);
    const [item, level, points, project] = items[i]!;
    spec.events.push({ date, name: m.name, id: m.id, item, ...(level ? { level } : {}), count: 1, points, ...(project ? { project } : {}), basis: '镇党委通报', reviewer: memberAt(spec, 0).name });
  });
  spec.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function messyFixtures(): MessyFixture[] {
  const list: MessyFixture[] = [];
  const add = (file: string, quirk: string, spec: GeneratedLedger, post: (wb: ExcelJS.Workbook, spec: GeneratedLedger, scheme: Scheme) => void): void => {
    list.push({
      file,
      quirk,
      spec,
      build: (s, scheme) => {
        const wb = fillLedger(s, scheme);
        post(wb, s, scheme);
        return wb;
      },
    });
  };

  add('01-合并标题-表头在第5行.xlsx', 'merged title rows above the header; the header is on row 5', messyBase(101, 0), (wb, spec, scheme) => {
    rewriteRecordSheets(wb, spec, scheme, {
      above: [`填报单位：${spec.branch}　　　　填报人：${memberAt(spec, 0).name}`, '（单位：分；履行党员义务满分40分，志愿服务岗位贡献满分60分）', ''],
      columns: (entries, letter) => standardColumns(entries, letter),
    });
  });

  add('02-列顺序调整-多一列.xlsx', 'columns in another order and an extra column (所在小组), in the month sheets and 名册', messyBase(102, 1), (wb, spec, scheme) => {
    rewriteRecordSheets(wb, spec, scheme, {
      columns: (entries, letter) => {
        const byName = new Map(standardColumns(entries, letter).map((c) => [normaliseHeader(c.header), c]));
        const pick = (n: string): RecordColumn => byName.get(n)!;
        const totalOf = (r: RecordSpec, row: number): Cell => ({ formula: `SUM(${letter('岗位二(30分)')}${row}:${letter('岗位一(30分)')}${row},${letter('遵纪守法(10分)')}${row}:${letter('学习教育(10分)')}${row})`, result: entryTotal(r, entries) }) as ExcelJS.CellFormulaValue;
        return [
          pick('姓名'),
          pick('编号'),
          pick('岗位二'),
          pick('岗位一'),
          { header: '所在小组', value: (_r, i) => `第${(i % 4) + 1}组` },
          pick('遵纪守法'),
          pick('党费缴纳'),
          pick('组织生活'),
          pick('学习教育'),
          { header: '合计', value: (r, _i, row) => totalOf(r, row) },
          pick('依据/备注'),
          pick('序号'),
        ];
      },
    });
    const roster = replaceSheet(wb, SHEETS.roster);
    roster.mergeCells(1, 1, 1, 9);
    roster.getCell(1, 1).value = `${spec.branch}党员花名册`;
    roster.getRow(2).values = ['姓名', '党员类别', '编号', '志愿服务岗位', '职务', '积分管理', '联系电话', '性别', '序号'];
    spec.roster.forEach((m, i) => {
      roster.getRow(3 + i).values = [m.name, m.category, m.id ?? null, m.posts.join('、'), i === 0 ? '支部书记' : i === 1 ? '组织委员' : '党员', m.participates ? '参加' : '不参加', m.phone ?? null, i % 3 === 0 ? '女' : '男', i + 1];
    });
  });

  add('03-空行-合计行-签字行.xlsx', 'blank rows between members, a 合计 row and signature rows at the bottom', messyBase(103, 2), (wb, spec, scheme) => {
    rewriteRecordSheets(wb, spec, scheme, {
      columns: (entries, letter) => standardColumns(entries, letter),
      blankAfter: (i) => i % 3 === 2,
      footer: (recs, letter, first, last) => {
        const entries = recordedEntries(scheme);
        const sums = entries.map((e) => {
          const c = letter(`${e.name}(${e.max}分)`);
          return { formula: `SUM(${c}${first}:${c}${last})`, result: exactSum(recs.map((r) => r.values[e.key])) } as ExcelJS.CellFormulaValue;
        });
        return [
          ['合计', null, null, ...sums, exactSum(recs.map((r) => entryTotal(r, entries))), null],
          [],
          ['支部书记签字：', null, null, null, null, null, '填表人：', null, null],
          ['审核人：', null, null, null, null, null, '日期：', null, null],
        ];
      },
    });
    const ev = wb.getWorksheet(SHEETS.events)!;
    const last = 2 + spec.events.length;
    ev.getCell(last + 2, 1).value = '合计';
    ev.getCell(last + 2, 9).value = exactSum(spec.events.map((e) => e.points));
    ev.getCell(last + 4, 1).value = '支部书记签字：';
  });

  {
    const spec = messyBase(104, 3);
    // A few half points so that ８．５ appears.
    spec.records.filter((_r, i) => i % 7 === 0).forEach((r) => (r.values['duty.study'] = 8.5));
    add('04-文本数字-全角数字.xlsx', 'numbers typed as text, with full-width digits (８．５, １０) and stray spaces', spec, (wb, s, scheme) => {
      let n = 0;
      const text = (v: number | null): Cell => {
        if (v === null) return null;
        n++;
        return n % 3 === 0 ? fullWidth(String(v)) : n % 3 === 1 ? String(v) : ` ${v} `;
      };
      rewriteRecordSheets(wb, s, scheme, {
        columns: (entries, letter) => standardColumns(entries, letter, { value: (r, key) => text(r.values[key] ?? null), total: (r) => fullWidth(String(entryTotal(r, entries))) }),
      });
      const ev = wb.getWorksheet(SHEETS.events)!;
      const cols = headerColumns(ev, 2);
      s.events.forEach((e, i) => {
        ev.getCell(3 + i, col(cols, EV.count!, ev.name)).value = fullWidth(String(e.count));
        if (e.points !== undefined) ev.getCell(3 + i, col(cols, EV.points!, ev.name)).value = i % 2 ? fullWidth(String(e.points)) : String(e.points);
      });
    });
  }

  add('05-姓名多余空格.xlsx', 'stray spaces in names (leading, trailing, inside, full-width, no-break), rows without 编号', messyBase(105, 4), (wb, spec, scheme) => {
    const spaced = (name: string, i: number): string => [` ${name}`, `${name} `, `${name[0]} ${name.slice(1)}`, `${name[0]}\u3000${name.slice(1)}`, `${name}\u00a0`, name][i % 6]!;
    rewriteRecordSheets(wb, spec, scheme, {
      columns: (entries, letter) => standardColumns(entries, letter, { name: (r, i) => spaced(r.name, i), id: (r, i) => (i % 6 === 5 ? (r.id ?? null) : null) }),
    });
    const ev = wb.getWorksheet(SHEETS.events)!;
    const cols = headerColumns(ev, 2);
    spec.events.forEach((e, i) => {
      ev.getCell(3 + i, col(cols, COMMON.name, ev.name)).value = spaced(e.name, i);
      ev.getCell(3 + i, col(cols, COMMON.id, ev.name)).value = null;
    });
    const roster = wb.getWorksheet(SHEETS.roster)!;
    const rc = headerColumns(roster, 2);
    spec.roster.forEach((m, i) => {
      if (i % 2) roster.getCell(3 + i, col(rc, '姓名', roster.name)).value = ` ${m.name}  `;
    });
  });

  add('06-公式缓存值.xlsx', 'formulas with cached values (entries as 10+10+8, 序号 as ROW()-2, 合计 as a shared formula)', messyBase(106, 5), (wb, spec, scheme) => {
    const expr = (v: number, max: number): string => (max === 30 && v >= 20 ? `10+10+${v - 20}` : v === max ? String(v) : `${max}-${max - v}`);
    const entries = recordedEntries(scheme);
    rewriteRecordSheets(wb, spec, scheme, {
      columns: (es, letter) =>
        standardColumns(es, letter, {
          value: (r, key) => {
            const v = r.values[key];
            const max = entries.find((e) => e.key === key)!.max;
            return v === null || v === undefined ? null : ({ formula: expr(v, max), result: v } as ExcelJS.CellFormulaValue);
          },
        }).map((c) => (c.header === '序号' ? { ...c, value: (_r: RecordSpec, _i: number, row: number): Cell => ({ formula: `ROW()-2`, result: row - 2 }) as ExcelJS.CellFormulaValue } : c)),
    });
    // 合计 of 1月 as one shared formula over the rows (what Excel writes after a fill-down).
    const ws = wb.getWorksheet('1月')!;
    const cols = headerColumns(ws, 2);
    const total = col(cols, COMMON.total, ws.name);
    const recs = recordsByPeriod(spec).get(0) ?? [];
    const first = col(cols, '学习教育', ws.name);
    const last = col(cols, '岗位二', ws.name);
    const L = colLetter(total);
    for (let r = 3; r < 3 + recs.length; r++) ws.getCell(r, total).value = null;
    ws.fillFormula(`${L}3:${L}${2 + recs.length}`, `SUM(${colLetter(first)}3:${colLetter(last)}3)`, recs.map((r) => entryTotal(r, entries)));
    const ev = wb.getWorksheet(SHEETS.events)!;
    const ec = headerColumns(ev, 2);
    spec.events.forEach((e, i) => {
      if (e.points !== undefined) ev.getCell(3 + i, col(ec, '分值', ev.name)).value = { formula: `${e.points / e.count}*${col(ec, '次数', ev.name) ? colLetter(col(ec, '次数', ev.name)) : ''}${3 + i}`, result: e.points } as ExcelJS.CellFormulaValue;
    });
  });

  add('07-隐藏工作表在最前.xlsx', 'a hidden sheet first in the tab order (an old copy of the roster), and a very hidden one', messyBase(107, 6), (wb, spec) => {
    const hidden = wb.addWorksheet('旧名册(2022)', { state: 'hidden' });
    setOrder(hidden, -2);
    hidden.getRow(1).values = ['2022年度党员名册（已作废）'];
    hidden.getRow(2).values = ['序号', '姓名', '编号', '党员类别'];
    spec.roster.slice(0, 5).forEach((m, i) => (hidden.getRow(3 + i).values = [i + 1, `${m.name}`, `OLD${i + 1}`, '正式党员']));
    hidden.getRow(9).values = [6, '已故党员', 'OLD6', '正式党员'];
    const very = wb.addWorksheet('计算', { state: 'veryHidden' });
    setOrder(very, -1);
    very.getCell('A1').value = '辅助计算';
    wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 2, activeTab: 2, visibility: 'visible' }];
  });

  {
    const spec = messyBase(108, 7);
    dateEvents(spec);
    add('08-日期多种写法.xlsx', 'dates in 加减分明细 as a Date, a serial number and as text 2023-3-5, 2023/03/05, 2023年3月5日, 2023.6.30', spec, (wb, s) => {
      const ev = wb.getWorksheet(SHEETS.events)!;
      const cols = headerColumns(ev, 2);
      const c = col(cols, EV.date!, ev.name);
      s.events.forEach((e, i) => {
        const cell = ev.getCell(3 + i, c);
        const [y, m, d] = e.date.split('-').map(Number) as [number, number, number];
        const forms: Cell[] = [excelSerial(e.date), `${y}-${m}-${d}`, `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`, `${y}年${m}月${d}日`, `${y}.${m}.${d}`, excelDate(e.date)];
        cell.value = forms[i % forms.length]!;
        cell.numFmt = i % forms.length === 0 ? 'General' : i % forms.length === 5 ? 'yyyy"年"m"月"d"日"' : '@';
      });
    });
  }

  add('09-表头同义词.xlsx', 'header synonyms (党员姓名, 党员编号, 学习, 交纳党费, 第一岗位, 合计得分 …) and sheet names (党员名册, 加减分明细表, 民主评议表)', messyBase(109, 8), (wb) => {
    const synonyms: Record<string, string> = {
      姓名: '党员姓名',
      编号: '党员编号',
      '学习教育(10分)': '学习(10分)',
      '组织生活(10分)': '组织生活会(10分)',
      '党费缴纳(10分)': '交纳党费(10分)',
      '遵纪守法(10分)': '守法(10分)',
      '岗位一(30分)': '第一岗位(30分)',
      '岗位二(30分)': '第二岗位(30分)',
      合计: '合计得分',
      '依据/备注': '备注',
      党员类别: '人员类别',
      积分管理: '是否参加积分管理',
      志愿服务岗位: '服务岗位',
      联系电话: '手机号码',
      转入日期: '转入时间',
      转出日期: '转出时间',
      日期: '发生日期',
      事项: '加减分事项',
      级别: '等级',
      项目: '项目名称',
      次数: '数量',
      依据: '佐证材料',
      审核人: '审核',
      参评人数: '参加评议人数',
      类型: '处分类型',
    };
    for (const ws of wb.worksheets) {
      ws.getRow(2).eachCell((cell) => {
        if (typeof cell.value === 'string' && synonyms[cell.value]) cell.value = synonyms[cell.value]!;
      });
    }
    wb.getWorksheet(SHEETS.roster)!.name = '党员名册';
    wb.getWorksheet(SHEETS.events)!.name = '加减分明细表';
    const review = wb.getWorksheet(SHEETS.evaluation);
    if (review) review.name = '民主评议表';
  });

  add('10-记录卡版式.xlsx', 'the card layout (党员日常行为积分管理记录表: a sheet per member, a row per month)', messyBase(110, 9, 'card'), () => undefined);
  return list;
}

// ───────────────────────────── fixtures/invalid (one planted problem each) ─────────────────────────────

/** Where a planted problem is reported (and, for a problem shown at two cells, the other places). */
export interface Planted {
  sheet: string;
  cell?: string;
  also?: Planted[];
}

export interface InvalidFixture {
  code: string;
  severity: 'error' | 'warning';
  scheme: string;
  layout: 'monthly' | 'card';
  /** Extra arguments of `score validate` for this file. */
  args: string[];
  /** What was planted, in Chinese (for the README). */
  what: string;
  /** Changes to the spec before it is written. */
  prepare?: (spec: GeneratedLedger, scheme: Scheme) => void;
  /** Changes to the written workbook; returns the place when prepare alone cannot know it. */
  plant: (wb: ExcelJS.Workbook, spec: GeneratedLedger, scheme: Scheme) => Planted;
}

/** A name that no generated roster holds (欧阳 is not in the surname list). */
export const STRANGER = '欧阳晓东';

/** Row number of the first data row whose `label` column satisfies the test (header on row 2 or given). */
export function findRow(ws: ExcelJS.Worksheet, label: FormColumn | string, test: (v: Cell) => boolean, headerRow = 2): number {
  const c = col(headerColumns(ws, headerRow), label, ws.name);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) if (test(ws.getCell(r, c).value)) return r;
  throw new Error(`${ws.name}: no row with ${typeof label === 'string' ? label : label.labels[0]}`);
}

/** The first empty row under a table (header on row 2). */
function nextRow(ws: ExcelJS.Worksheet, label: FormColumn | string): number {
  const c = col(headerColumns(ws, 2), label, ws.name);
  let r = 3;
  while (hasContent(ws.getCell(r, c).value)) r++;
  return r;
}

function cellOf(ws: ExcelJS.Worksheet, row: number, label: FormColumn | string, headerRow = 2): string {
  return `${colLetter(col(headerColumns(ws, headerRow), label, ws.name))}${row}`;
}

/** Appends an event row to 加减分明细; returns its place. */
/** Adds a row to 加减分明细; the place returned is the cell of `at` (the field the diagnostic is about: 日期, 分值 …). */
function appendEvent(wb: ExcelJS.Workbook, e: Partial<EventSpec> & { name: string; item: string }, at: FormColumn | string = COMMON.name): Planted {
  const ws = wb.getWorksheet(SHEETS.events)!;
  const cols = headerColumns(ws, 2);
  const c = (k: string): number => col(cols, EV[k]!, ws.name);
  const r = nextRow(ws, EV.item!);
  ws.getCell(r, c('seq')).value = r - 2;
  setDateCell(ws.getCell(r, c('date')), e.date);
  ws.getCell(r, c('name')).value = e.name;
  if (e.id) setTextCell(ws.getCell(r, c('id')), e.id);
  ws.getCell(r, c('item')).value = e.item;
  if (e.level) ws.getCell(r, c('level')).value = e.level;
  if (e.project) ws.getCell(r, c('project')).value = e.project;
  ws.getCell(r, c('count')).value = e.count ?? 1;
  if (e.points !== undefined) ws.getCell(r, c('points')).value = e.points;
  ws.getCell(r, c('basis')).value = e.basis ?? '支委会记录';
  return { sheet: SHEETS.events, cell: `${colLetter(col(cols, at, ws.name))}${r}` };
}

/** Removes a member's bonus events (so that a planted event cannot meet a cap by accident). */
function dropBonus(spec: GeneratedLedger, scheme: Scheme, m: Member): void {
  const comps = new Map(scheme.components.map((c) => [c.id, c]));
  const items = new Map(scheme.items.map((i) => [i.name, i]));
  spec.events = spec.events.filter((e) => e.id !== m.id || comps.get(items.get(e.item)?.component ?? '')?.role !== 'bonus');
}

function recordRow(wb: ExcelJS.Workbook, sheet: string, m: Member): number {
  return findRow(wb.getWorksheet(sheet)!, COMMON.id, (v) => v === m.id);
}

function setInfo(wb: ExcelJS.Workbook, key: keyof typeof INFO_KEYS, value: Cell): void {
  const ws = wb.getWorksheet(SHEETS.info)!;
  for (let r = 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, 1).value === INFO_KEYS[key][0]) {
      ws.getCell(r, 2).value = value;
      return;
    }
  }
  throw new Error(`说明 has no ${key}`);
}

export function invalidFixtures(): InvalidFixture[] {
  const T = 'township';
  const m = (spec: GeneratedLedger, i: number): Member => memberAt(spec, i);
  return [
    {
      code: 'RECORD_UNKNOWN_MEMBER', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: `「3月」表多出一行「${STRANGER}」，名册中没有此人`,
      plant: (wb, spec) => {
        const ws = wb.getWorksheet('3月')!;
        const r = nextRow(ws, COMMON.name);
        const cols = headerColumns(ws, 2);
        const c = (l: FormColumn | string): number => col(cols, l, ws.name);
        ws.getCell(r, c(COMMON.seq)).value = r - 2;
        ws.getCell(r, c(COMMON.name)).value = STRANGER;
        const values = [10, 10, 10, 10, 27, 28];
        recordedEntries(schemeById(spec.schemeId)).forEach((e, k) => (ws.getCell(r, c(e.name)).value = values[k]!));
        ws.getCell(r, c(COMMON.total)).value = { formula: `SUM(D${r}:I${r})`, result: 95 } as ExcelJS.CellFormulaValue;
        return { sheet: '3月', cell: `${colLetter(c(COMMON.name))}${r}` };
      },
    },
    {
      code: 'RECORD_NAME_ID_MISMATCH', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '加减分明细中一行写的是第 1 名党员的姓名、第 2 名党员的编号',
      plant: (wb, spec) => appendEvent(wb, { date: '2023-10-01', name: m(spec, 0).name, id: m(spec, 1).id, item: '七一/十一活动', points: 2 }),
    },
    {
      code: 'RECORD_DUPLICATE_ROW', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '「3月」表中第 1 名党员有两行',
      plant: (wb, spec) => {
        const ws = wb.getWorksheet('3月')!;
        const r = nextRow(ws, COMMON.name);
        const cols = headerColumns(ws, 2);
        const c = (l: FormColumn | string): number => col(cols, l, ws.name);
        ws.getCell(r, c(COMMON.seq)).value = r - 2;
        ws.getCell(r, c(COMMON.name)).value = m(spec, 0).name;
        if (m(spec, 0).id) setTextCell(ws.getCell(r, c(COMMON.id)), m(spec, 0).id!);
        const values = [10, 10, 10, 10, 27, 28];
        recordedEntries(schemeById(spec.schemeId)).forEach((e, k) => (ws.getCell(r, c(e.name)).value = values[k]!));
        ws.getCell(r, c(COMMON.total)).value = { formula: `SUM(D${r}:I${r})`, result: 95 } as ExcelJS.CellFormulaValue;
        return { sheet: '3月', cell: `${colLetter(c(COMMON.name))}${r}` };
      },
    },
    {
      code: 'RECORD_MISSING_MONTH', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '第 2 名党员在「5月」表中没有记录行',
      prepare: (spec) => dropMemberData(spec, m(spec, 1).key, { records: (r) => r.period === 4, events: () => false, evaluations: false, sanctions: false }),
      plant: () => ({ sheet: '5月' }),
    },
    {
      code: 'RECORD_ABOVE_MAX', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '「6月」第 3 名党员的学习教育填了 12 分（满分 10）',
      prepare: (spec) => {
        spec.records.find((r) => r.key === m(spec, 2).key && r.period === 5)!.values['duty.study'] = 12;
      },
      plant: (wb, spec) => ({ sheet: '6月', cell: cellOf(wb.getWorksheet('6月')!, recordRow(wb, '6月', m(spec, 2)), '学习教育') }),
    },
    {
      code: 'RECORD_CAP_EXCEEDED', severity: 'warning', scheme: 'company', layout: 'monthly', args: [],
      what: '公司党支部方案（company）：「第一季度」第 1 名党员的突出贡献 5 分、其他奖励 10 分，奖励分合计 15 分，超过每季度 10 分的上限（按 10 分计）',
      prepare: (spec) => {
        const v = spec.records.find((r) => r.key === m(spec, 0).key && r.period === 0)!.values;
        Object.assign(v, { 'reward.contribution': 5, 'reward.honor': 0, 'reward.reward-other': 10 });
      },
      plant: (wb, spec) => {
        const ws = wb.getWorksheet('第一季度')!;
        const r = recordRow(wb, '第一季度', m(spec, 0));
        return { sheet: '第一季度', cell: cellOf(ws, r, '突出贡献'), also: [{ sheet: '第一季度', cell: cellOf(ws, r, '其他奖励') }] };
      },
    },
    {
      code: 'RECORD_BELOW_MIN', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '「9月」第 2 名党员的党费缴纳填了 -3 分（扣完为止，最低 0）',
      prepare: (spec) => {
        spec.records.find((r) => r.key === m(spec, 1).key && r.period === 8)!.values['duty.dues'] = -3;
      },
      plant: (wb, spec) => ({ sheet: '9月', cell: cellOf(wb.getWorksheet('9月')!, recordRow(wb, '9月', m(spec, 1)), '党费缴纳') }),
    },
    {
      code: 'RECORD_TOTAL_MISMATCH', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '「4月」第 1 名党员的合计手工填写为各项之和加 2（不是公式）',
      plant: (wb, spec) => {
        const ws = wb.getWorksheet('4月')!;
        const r = recordRow(wb, '4月', m(spec, 0));
        const rec = spec.records.find((x) => x.key === m(spec, 0).key && x.period === 3)!;
        const cell = cellOf(ws, r, COMMON.total);
        ws.getCell(cell).value = exactSum(Object.values(rec.values)) + 2;
        return { sheet: '4月', cell };
      },
    },
    {
      code: 'RECORD_BLANK', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '「8月」第 3 名党员的组织生活没有填写',
      prepare: (spec) => {
        spec.records.find((r) => r.key === m(spec, 2).key && r.period === 7)!.values['duty.org-life'] = null;
      },
      plant: (wb, spec) => ({ sheet: '8月', cell: cellOf(wb.getWorksheet('8月')!, recordRow(wb, '8月', m(spec, 2)), '组织生活') }),
    },
    {
      code: 'RECORD_BLANK_MONTHS', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '第 2 名党员 6 月转出，名册没有填转出日期：7月—12月 这名党员的一行分数都空着（一条错误，说填转出日期）',
      prepare: (spec) => {
        for (const r of spec.records) if (r.key === m(spec, 1).key && r.period >= 6) for (const k of Object.keys(r.values)) r.values[k] = null;
      },
      plant: (wb, spec) => ({ sheet: '7月', cell: cellOf(wb.getWorksheet('7月')!, recordRow(wb, '7月', m(spec, 1)), '姓名') }),
    },
    {
      code: 'RECORD_NOT_RECORDED', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '台账只有 1月—9月 的工作表（10月—12月 还没有加上），按全年检查；用 --period 2023Q3 检查则没有错误',
      plant: (wb) => {
        for (const name of ['10月', '11月', '12月']) wb.removeWorksheet(wb.getWorksheet(name)!.id);
        return { sheet: '10月' };
      },
    },
    {
      code: 'PERIOD_LATER_ROWS', severity: 'warning', scheme: T, layout: 'monthly', args: ['--period', '2023H1'],
      what: '按 --period 2023H1 检查；加减分明细有一条 2023-12-05 的公益事业加分（在上半年之后，本期不计）',
      prepare: (spec) => {
        spec.events = spec.events.filter((e) => e.date <= '2023-06-30');
        spec.sanctions = spec.sanctions.filter((x) => !x.date || x.date <= '2023-06-30');
        spec.events.push({ date: '2023-12-05', name: m(spec, 0).name, id: m(spec, 0).id, item: '公益事业', count: 1, points: 2 });
      },
      plant: () => ({ sheet: SHEETS.events }),
    },
    {
      code: 'RECORD_NOT_ON_ROLL', severity: 'warning', scheme: T, layout: 'monthly', args: [],
      what: '第 4 名党员 2023-09-30 转出，「11月」表仍有他的一行',
      prepare: (spec) => {
        const x = m(spec, 3);
        x.left = '2023-09-30';
        dropMemberData(spec, x.key, { records: (r) => r.period === 9 || r.period === 11, events: (e) => e.date > '2023-09-30', evaluations: false, sanctions: false });
      },
      plant: (wb, spec) => ({ sheet: '11月', cell: `B${recordRow(wb, '11月', m(spec, 3))}` }),
    },
    {
      code: 'MEMBER_DUPLICATE', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '名册末尾又有一名与第 1 名党员同名的党员，没有编号（不参加积分）',
      prepare: (spec) => {
        const first = m(spec, 0);
        spec.roster.push({ key: first.name, name: first.name, category: '正式党员', participates: false, posts: [], source: first.source });
      },
      plant: (_wb, spec) => ({ sheet: SHEETS.roster, cell: `B${2 + spec.roster.length}` }),
    },
    {
      code: 'MEMBER_BAD_CATEGORY', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '名册第 3 名党员的党员类别填了「流动党员」（不是本方案的类别）',
      prepare: (spec) => (m(spec, 2).category = '流动党员'),
      plant: () => ({ sheet: SHEETS.roster, cell: 'B5' }),
    },
    {
      code: 'MEMBER_BAD_OTHER_SCORE', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '名册加了一栏“另行评定得分”，第 2 名党员（参加积分管理）填了 80：本方案没有另行评定得分',
      plant: (wb) => {
        const ws = wb.getWorksheet(SHEETS.roster)!;
        const cols = headerColumns(ws, 2);
        const c = Math.max(...cols.values()) + 1;
        ws.getCell(2, c).value = '另行评定得分';
        ws.getCell(4, c).value = 80;
        return { sheet: SHEETS.roster, cell: 'B4' };
      },
    },
    {
      code: 'MEMBER_NO_TIER', severity: 'error', scheme: 'tiered-xinba', layout: 'monthly', args: [],
      what: '分层积分方案（tiered-xinba）：名册第 2 名党员没有填写层次',
      prepare: (spec) => delete m(spec, 1).tier,
      plant: () => ({ sheet: SHEETS.roster, cell: 'B4' }),
    },
    {
      code: 'MEMBER_BAD_TIER', severity: 'error', scheme: 'tiered-xinba', layout: 'monthly', args: [],
      what: '分层积分方案（tiered-xinba）：名册第 3 名党员的层次填了「普通党员」',
      prepare: (spec) => (m(spec, 2).tier = '普通党员'),
      plant: () => ({ sheet: SHEETS.roster, cell: 'B5' }),
    },
    {
      code: 'MEMBER_BAD_DIRECT_GRADE', severity: 'error', scheme: 'tiered-xinba', layout: 'monthly', args: [],
      what: '分层积分方案（tiered-xinba）：名册第 2 名党员不参加积分管理，“直接确定档次”填了「优秀」（应为 先锋型、带头型、本色型、褪色型）',
      prepare: (spec) => {
        const member = m(spec, 1);
        dropMemberData(spec, member.key);
        member.participates = false;
        member.directGrade = '优秀';
      },
      plant: () => ({ sheet: SHEETS.roster, cell: 'B4' }),
    },
    {
      code: 'MEMBER_BAD_DATES', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '名册第 4 名党员转入日期 2023-08-01，转出日期 2023-03-31（早于转入）',
      prepare: (spec) => {
        const x = m(spec, 3);
        x.joined = '2023-08-01';
        x.left = '2023-03-31';
        dropMemberData(spec, x.key, { evaluations: false });
      },
      plant: () => ({ sheet: SHEETS.roster, cell: 'B6' }),
    },
    {
      code: 'EVENT_UNKNOWN_MEMBER', severity: 'error', scheme: T, layout: 'card', args: [],
      what: `加减分明细中有一行给「${STRANGER}」加分，名册中没有此人`,
      plant: (wb) => appendEvent(wb, { date: '2023-06-30', name: STRANGER, item: '七一/十一活动', points: 2 }),
    },
    {
      code: 'EVENT_UNKNOWN_ITEM', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '加减分明细的事项写了「植树造林」（计分标准中没有）',
      plant: (wb, spec) => appendEvent(wb, { date: '2023-03-12', name: m(spec, 0).name, id: m(spec, 0).id, item: '植树造林', points: 2 }, '事项'),
    },
    {
      code: 'EVENT_UNKNOWN_LEVEL', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '表彰的级别写了「村」（只有中央、省、市、县、镇）',
      plant: (wb, spec) => appendEvent(wb, { date: '2023-04-20', name: m(spec, 0).name, id: m(spec, 0).id, item: '表彰', level: '村', project: '文明家庭创建' }, '级别'),
    },
    {
      code: 'EVENT_OUTSIDE_CYCLE', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '一条经济发展加分的日期是 2024-01-05，不在 2023 年度内',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 1)),
      plant: (wb, spec) => appendEvent(wb, { date: '2024-01-05', name: m(spec, 1).name, id: m(spec, 1).id, item: '经济发展', points: 2 }, '日期'),
    },
    {
      code: 'EVENT_NEEDS_POINTS', severity: 'error', scheme: 'vanguard', layout: 'monthly', args: [],
      what: '先锋指数方案（vanguard）：「岗位工作取得突出业绩」按情节认定分值，这一行没有填分值',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 0)),
      plant: (wb, spec) => appendEvent(wb, { date: '2023-05-10', name: m(spec, 0).name, id: m(spec, 0).id, item: '岗位工作取得突出业绩' }, '分值'),
    },
    {
      code: 'EVENT_POINTS_RANGE', severity: 'error', scheme: 'village', layout: 'monthly', args: [],
      what: '村党支部方案（village，七月周期）：「平安卫士」分值填 8（应为 3–5）',
      plant: (wb, spec) => appendEvent(wb, { date: '2023-03-15', name: m(spec, 0).name, id: m(spec, 0).id, item: '平安卫士', points: 8 }, '分值'),
    },
    {
      code: 'EVENT_POINTS_MISMATCH', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '经济发展（2 分）的分值写成 5',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 2)),
      plant: (wb, spec) => appendEvent(wb, { date: '2023-08-08', name: m(spec, 2).name, id: m(spec, 2).id, item: '经济发展', points: 5 }, '分值'),
    },
    {
      code: 'EVENT_SIGN_MISMATCH', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '加减分明细添了一列“扣分”，一条经济发展（加分）的 2 分填在了“扣分”列',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 2)),
      plant: (wb, spec) => {
        const planted = appendEvent(wb, { date: '2023-08-08', name: m(spec, 2).name, id: m(spec, 2).id, item: '经济发展' });
        const ws = wb.getWorksheet(SHEETS.events)!;
        const last = ws.getRow(2).cellCount + 1;
        ws.getCell(2, last).value = '扣分';
        ws.getCell(Number(planted.cell!.replace(/^[A-Z]+/, '')), last).value = 2;
        return planted;
      },
    },
    {
      code: 'EVENT_NO_DATE', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '一条公益事业加分没有填日期',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 0)),
      plant: (wb, spec) => appendEvent(wb, { name: m(spec, 0).name, id: m(spec, 0).id, item: '公益事业', points: 2 }, '日期'),
    },
    {
      code: 'EVENT_BAD_COUNT', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '一条公益事业加分的次数填了 1.5',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 1)),
      plant: (wb, spec) => appendEvent(wb, { date: '2023-09-09', name: m(spec, 1).name, id: m(spec, 1).id, item: '公益事业', count: 1.5, points: 2 }, '次数'),
    },
    {
      code: 'EVENT_NOT_ON_ROLL', severity: 'warning', scheme: T, layout: 'card', args: [],
      what: '第 4 名党员 2023-07-01 转入，加减分明细中有他 2023-03-10 的一条加分',
      prepare: (spec, scheme) => {
        const x = m(spec, 3);
        x.joined = '2023-07-01';
        dropMemberData(spec, x.key, { records: (r) => r.period < 6, events: (e) => e.date < '2023-07-01', evaluations: false, sanctions: false });
        dropBonus(spec, scheme, x);
      },
      plant: (wb, spec) => appendEvent(wb, { date: '2023-03-10', name: m(spec, 3).name, id: m(spec, 3).id, item: '公益事业', points: 2 }),
    },
    {
      code: 'RECORD_AMBIGUOUS', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '名册中第 3、4 名党员同名（编号不同），加减分明细中一行只写了姓名、没写编号',
      prepare: (spec) => {
        const a = m(spec, 2);
        const b = m(spec, 3);
        const old = b.name;
        b.name = a.name;
        for (const x of [...spec.records, ...spec.events, ...spec.evaluations, ...spec.sanctions]) if (x.id === b.id && x.name === old) x.name = a.name;
      },
      plant: (wb, spec) => appendEvent(wb, { date: '2023-10-01', name: m(spec, 2).name, item: '七一/十一活动', points: 2 }),
    },
    {
      code: 'CAP_EXCEEDED', severity: 'warning', scheme: T, layout: 'card', args: [],
      what: '第 2 名党员全年加分 3+2+2+2+2 = 11 分（市级、县级表彰各一项，经济发展、公益事业、七一/十一活动各一次），超过 10 分上限（警告，按 10 分计）',
      prepare: (spec, scheme) => {
        const x = m(spec, 1);
        dropBonus(spec, scheme, x);
        const base = { name: x.name, id: x.id, count: 1, basis: '镇党委通报' };
        spec.events.push(
          { ...base, date: '2023-04-12', item: '表彰', level: '市', points: 3, project: '防汛抗旱' },
          { ...base, date: '2023-05-20', item: '经济发展', points: 2 },
          { ...base, date: '2023-06-18', item: '公益事业', points: 2 },
          { ...base, date: '2023-07-01', item: '七一/十一活动', points: 2 },
          { ...base, date: '2023-09-30', item: '表彰', level: '县', points: 2, project: '文明创建' },
        );
        spec.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      },
      plant: () => ({ sheet: SHEETS.events }),
    },
    {
      code: 'EVAL_VOTES_EXCEED', severity: 'error', scheme: 'culture', layout: 'monthly', args: [],
      what: '文旅局方案（culture）：民主评议中第 2 名党员的好、一般、差票数合计比参评人数多 2',
      prepare: (spec) => {
        const e = spec.evaluations.find((x) => x.id === m(spec, 1).id)!;
        e.good = (e.voters ?? 0) + 2 - (e.fair ?? 0) - (e.poor ?? 0);
      },
      plant: (wb, spec) => {
        const ws = wb.getWorksheet(SHEETS.evaluation)!;
        return { sheet: SHEETS.evaluation, cell: `${colLetter(col(headerColumns(ws, 2), '参评人数', ws.name))}${findRow(ws, COMMON.id, (v) => v === m(spec, 1).id)}` };
      },
    },
    {
      code: 'EVAL_NO_VOTERS', severity: 'error', scheme: 'culture', layout: 'monthly', args: [],
      what: '文旅局方案（culture）：民主评议中第 2 名党员填了好、一般、差的票数，参评人数空着（评议分 ÷ 参加测评人数）',
      prepare: (spec) => {
        delete spec.evaluations.find((x) => x.id === m(spec, 1).id)!.voters;
      },
      plant: (wb, spec) => {
        const ws = wb.getWorksheet(SHEETS.evaluation)!;
        return { sheet: SHEETS.evaluation, cell: `${colLetter(col(headerColumns(ws, 2), '参评人数', ws.name))}${findRow(ws, COMMON.id, (v) => v === m(spec, 1).id)}` };
      },
    },
    {
      code: 'EVENT_SPLIT_AGAIN', severity: 'warning', scheme: 'culture', layout: 'monthly', args: [],
      what: '文旅局方案（culture）：第 1、2 名党员平分一项经验做法推广（国家级，项目「智慧文旅」），第 1 名党员又登记了同一项目一行（每人每个项目只计一份）',
      plant: (wb, spec) => {
        const row = (x: Member, date: string) => ({ date, name: x.name, id: x.id, item: '经验做法推广', level: '国家', project: '智慧文旅' });
        appendEvent(wb, row(m(spec, 0), '2023-03-01'));
        appendEvent(wb, row(m(spec, 1), '2023-03-01'));
        return appendEvent(wb, row(m(spec, 0), '2023-04-01'), '项目');
      },
    },
    {
      code: 'ITEM_CAP_EXCEEDED', severity: 'warning', scheme: T, layout: 'card', args: [],
      what: '第 3 名党员登记了两次经济发展（每年 2 分：原文“当年度”），第二行不再加分',
      prepare: (spec, scheme) => dropBonus(spec, scheme, m(spec, 2)),
      plant: (wb, spec) => {
        const x = m(spec, 2);
        appendEvent(wb, { date: '2023-03-01', name: x.name, id: x.id, item: '经济发展', points: 2 });
        return appendEvent(wb, { date: '2023-08-01', name: x.name, id: x.id, item: '经济发展', points: 2 }, '事项');
      },
    },
    {
      code: 'EVAL_UNKNOWN_MEMBER', severity: 'error', scheme: 'culture', layout: 'monthly', args: [],
      what: `文旅局方案（culture）：民主评议中多出一行「${STRANGER}」`,
      plant: (wb) => {
        const ws = wb.getWorksheet(SHEETS.evaluation)!;
        const r = nextRow(ws, COMMON.name);
        ws.getRow(r).values = [STRANGER, null, 3, 1, 0, 4];
        return { sheet: SHEETS.evaluation, cell: `A${r}` };
      },
    },
    {
      code: 'EVAL_BAD_GRADE', severity: 'error', scheme: 'vanguard', layout: 'monthly', args: [],
      what: '先锋指数方案（vanguard）：民主评议第 1 名党员的评议等次填了「良好」（应为 优秀、合格、基本合格、不合格）',
      prepare: (spec) => (spec.evaluations.find((x) => x.id === m(spec, 0).id)!.grade = '良好'),
      plant: (wb, spec) => {
        const ws = wb.getWorksheet(SHEETS.evaluation)!;
        return { sheet: SHEETS.evaluation, cell: `${colLetter(col(headerColumns(ws, 2), '评议等次', ws.name))}${findRow(ws, COMMON.id, (v) => v === m(spec, 0).id)}` };
      },
    },
    {
      code: 'SANCTION_UNKNOWN_MEMBER', severity: 'error', scheme: T, layout: 'card', args: [],
      what: `否决与处分中记录了「${STRANGER}」，名册中没有此人`,
      prepare: (spec) => spec.sanctions.push({ date: '2023-05-18', name: STRANGER, type: '违反法律法规', note: '已调离本支部' }),
      plant: () => ({ sheet: SHEETS.sanctions, cell: 'B3' }),
    },
    {
      code: 'SANCTION_UNKNOWN_TYPE', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '否决与处分的类型填了「批评教育」（看不出是哪一种一票否决情形或处分）',
      prepare: (spec) => spec.sanctions.push({ date: '2023-06-02', name: m(spec, 1).name, id: m(spec, 1).id, type: '批评教育', note: '无故缺席主题党日' }),
      // 否决与处分: 日期 姓名 编号 类型 说明 — the message points at the 类型 cell.
      plant: () => ({ sheet: SHEETS.sanctions, cell: 'D3' }),
    },
    {
      code: 'SANCTION_ALSO_EVENT', severity: 'warning', scheme: 'agency', layout: 'monthly', args: [],
      what: '政务服务中心方案（agency）：第 2 名党员的党内警告在《否决与处分》登记了，又在《加减分明细》登记了“党内处分（警告）”（只扣一次分）',
      prepare: (spec) => {
        spec.events = spec.events.filter((e) => !(e.id === m(spec, 1).id && e.item === '党内处分'));
        spec.sanctions.push({ date: '2023-06-02', name: m(spec, 1).name, id: m(spec, 1).id, type: '警告', note: '党内警告处分' });
      },
      plant: (wb, spec) => appendEvent(wb, { date: '2023-06-02', name: m(spec, 1).name, id: m(spec, 1).id, item: '党内处分', level: '警告', count: 1, points: 5 }),
    },
    {
      code: 'SANCTION_OUTSIDE_CYCLE', severity: 'error', scheme: T, layout: 'card', args: [],
      what: '否决与处分的日期是 2022-11-20，不在 2023 年度内',
      prepare: (spec) => spec.sanctions.push({ date: '2022-11-20', name: m(spec, 1).name, id: m(spec, 1).id, type: '违反法律法规', note: '上年度事项误记入本年' }),
      plant: () => ({ sheet: SHEETS.sanctions, cell: 'A3' }),
    },
    {
      code: 'EVAL_MISSING', severity: 'error', scheme: 'vanguard', layout: 'monthly', args: [],
      what: '先锋指数方案（vanguard）：第 2 名党员在民主评议表中没有一行（年度评议积分按20%计入总分）',
      prepare: (spec) => (spec.evaluations = spec.evaluations.filter((x) => x.id !== m(spec, 1).id)),
      plant: (wb, spec) => {
        const ws = wb.getWorksheet(SHEETS.roster)!;
        return { sheet: SHEETS.roster, cell: cellOf(ws, findRow(ws, COMMON.id, (v) => v === m(spec, 1).id), '姓名') };
      },
    },
    {
      code: 'EVENT_NO_PROJECT', severity: 'error', scheme: T, layout: 'monthly', args: [],
      what: '第 2 名党员有县级、市级两行「表彰」，市级这一行没有填写项目（同一项目只按最高级计分，无法判断）',
      prepare: (spec, scheme) => {
        const x = m(spec, 1);
        dropBonus(spec, scheme, x);
        spec.events.push({ date: '2023-04-12', name: x.name, id: x.id, item: '表彰', level: '县', points: 2, project: '防汛抗旱', count: 1, basis: '县委通报' });
        spec.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      },
      plant: (wb, spec) => appendEvent(wb, { date: '2023-06-18', name: m(spec, 1).name, id: m(spec, 1).id, item: '表彰', level: '市', points: 3, basis: '市委通报' }),
    },
    {
      code: 'DEDUCTION_TWICE', severity: 'warning', scheme: T, layout: 'monthly', args: [],
      what: '「3月」第 2 名党员的学习教育填了 5 分，加减分明细又登记了 3 月的「学习教育无故缺席」（扣 5 分）：同一扣分可能计了两次（警告，两处各报一次）',
      prepare: (spec, scheme) => {
        const x = m(spec, 1);
        const aimed = new Set(scheme.items.filter((i) => i.entry).map((i) => i.name));
        spec.events = spec.events.filter((e) => e.id !== x.id || !aimed.has(e.item) || !e.date.startsWith('2023-03'));
        spec.records.find((r) => r.key === x.key && r.period === 2)!.values['duty.study'] = 5;
        spec.events.push({ date: '2023-03-10', name: x.name, id: x.id, item: '学习教育无故缺席', points: 5, count: 1, basis: '3月主题党日无故缺席' });
        spec.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      },
      plant: (wb, spec) => {
        const x = m(spec, 1);
        const ev = wb.getWorksheet(SHEETS.events)!;
        const cols = headerColumns(ev, 2);
        const rows: number[] = [];
        for (let r = 3; r <= ev.rowCount; r++) {
          if (ev.getCell(r, col(cols, EV.item!, ev.name)).value === '学习教育无故缺席' && ev.getCell(r, col(cols, COMMON.id, ev.name)).value === x.id) rows.push(r);
        }
        return { sheet: '3月', cell: cellOf(wb.getWorksheet('3月')!, recordRow(wb, '3月', x), '学习教育'), also: rows.map((r) => ({ sheet: SHEETS.events, cell: cellOf(ev, r, COMMON.name) })) };
      },
    },
    {
      code: 'LEDGER_OTHER_SCHEME', severity: 'error', scheme: T, layout: 'card', args: ['--scheme', 'township'],
      what: '「说明」表的方案写的是 vanguard，按 --scheme township 检查',
      plant: (wb) => {
        setInfo(wb, 'scheme', 'vanguard');
        return { sheet: SHEETS.info };
      },
    },
    {
      code: 'LEDGER_OTHER_YEAR', severity: 'error', scheme: T, layout: 'card', args: ['--year', '2023'],
      what: '「说明」表的年度写的是 2022，按 --year 2023 检查（台账内容是 2023 年的）',
      plant: (wb) => {
        setInfo(wb, 'year', 2022);
        return { sheet: SHEETS.info };
      },
    },
  ];
}

/** Builds one invalid fixture: a small valid ledger with the one problem planted. */
export function buildInvalid(f: InvalidFixture): { wb: ExcelJS.Workbook; spec: GeneratedLedger; place: Planted } {
  const scheme = schemeById(f.scheme);
  const [spec] = makeTownship({ scheme, year: 2023, branches: 1, membersPerBranch: 4, seed: seedOfCode(f.code), eventsPerMember: 0.5, reserveRate: 0, exemptRate: 0, layout: f.layout });
  f.prepare?.(spec!, scheme);
  const wb = fillLedger(spec!, scheme);
  const place = f.plant(wb, spec!, scheme);
  trimBlankRows(wb);
  dropValidations(wb);
  return { wb, spec: spec!, place };
}

function seedOfCode(code: string): number {
  let h = 7;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

// ───────────────────────────── fixtures/bad (broken files) ─────────────────────────────

// CRC-32 comes from the lean writer's zip (src/excel/lean/zip.ts).

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Store instead of deflate. */
  store?: boolean;
  /** Lie in the central directory about the unpacked size (a zip bomb's claim). */
  claimedSize?: number;
}

/** A minimal zip writer (deflate or store, no data descriptors): enough to forge broken workbooks. */
export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const packed = p.store ? p.data : deflateRawSync(p.data, { level: 9 });
    const method = p.store ? 0 : 8;
    const crc = crc32(p.data);
    const size = p.claimedSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, packed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(0x00210000, 12);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET = `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData></worksheet>`;

/** The parts of a tiny workbook; `sheet` replaces the worksheet XML. */
function workbookParts(sheet: Buffer = Buffer.from(SHEET)): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}

/** An OLE compound file header (old .xls, or an encrypted Office file with EncryptionInfo). */
function oleFile(streams: string[], rng: Rng): Buffer {
  const header = Buffer.alloc(512, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  const dir = Buffer.alloc(512, 0);
  streams.forEach((s, i) => {
    const name = Buffer.from(s, 'utf16le');
    name.copy(dir, i * 128);
    dir.writeUInt16LE(name.length + 2, i * 128 + 64);
    dir[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir, rng.bytes(1024)]);
}

export interface BadFixture {
  file: string;
  code: string;
  what: string;
}

/** Builds the fixtures/bad folder; returns what each file should yield. */
export async function makeBad(dir: string): Promise<BadFixture[]> {
  const township = schemeById('township');
  const rng = rngFor('bad', 1);
  const out: BadFixture[] = [];
  const put = async (file: string, data: Buffer, code: string, what: string): Promise<void> => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, file), data);
    out.push({ file, code, what });
  };
  // A good ledger, also the source of the truncated copy.
  const [good] = makeTownship({ scheme: township, year: 2023, branches: 1, membersPerBranch: 5, seed: 4242, reserveRate: 0, exemptRate: 0 });
  const wb = fillLedger(good!, township);
  trimBlankRows(wb);
  dropValidations(wb);
  const goodBytes = stableZip(Buffer.from(await wb.xlsx.writeBuffer()));
  await put('正常台账.xlsx', goodBytes, '', '一份正常的台账：同一批中仍应正常读取 / a good ledger: still processed in the same batch');
  await put('空文件.xlsx', Buffer.alloc(0), 'READ_EMPTY_FILE', '0 字节 / zero bytes');
  const random = rng.bytes(4096);
  random[0] = 0x8f; // never PK, never OLE
  await put('随机字节.xlsx', random, 'READ_NOT_ZIP', '4 KB 随机字节 / random bytes');
  await put('截断.xlsx', goodBytes.subarray(0, Math.floor(goodBytes.length / 2)), 'READ_TRUNCATED', '一份真实台账只剩前一半（压缩包结尾缺失）/ a real ledger cut in half');
  await put('旧版xls.xlsx', oleFile(['Root Entry', 'Workbook', 'SummaryInformation'], rng), 'READ_EXCEL_FAILED', 'OLE 复合文档头，Workbook 流是乱码（损坏的旧版 .xls 改名；完好的 .xls 照常读取）/ an OLE header over a damaged Workbook stream (a sound .xls is read)');
  await put('加密.xlsx', oleFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage'], rng), 'READ_ENCRYPTED', 'OLE 文件，含 UTF-16LE 的 EncryptionInfo（设置了打开密码）/ OLE with EncryptionInfo: password-protected');
  const csv = '\ufeff序号,姓名,编号,学习教育,组织生活,党费缴纳,遵纪守法,岗位一,岗位二,合计\r\n1,王伟,LX0101,10,10,10,10,28,27,95\r\n2,李娜,LX0102,10,8,10,10,26,25,89\r\n';
  await put('CSV改名.xlsx', Buffer.from(csv, 'utf8'), 'READ_CSV_TEXT', 'CSV 文本改了扩展名 / a CSV renamed to .xlsx');
  await put(
    '不是工作簿的压缩包.xlsx',
    makeZip([
      { name: '[Content_Types].xml', data: Buffer.from(`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`) },
      { name: 'word/document.xml', data: Buffer.from(`${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>党员积分管理工作总结</w:t></w:r></w:p></w:body></w:document>`) },
    ]),
    'READ_NOT_WORKBOOK',
    '一个 zip，没有 xl/workbook.xml（Word 文档）/ a zip without xl/workbook.xml',
  );
  const bomb = workbookParts();
  bomb[4] = { ...bomb[4]!, claimedSize: 0xfffffff0 };
  await put('压缩炸弹.xlsx', makeZip(bomb), 'READ_ZIP_TOO_LARGE', '目录声称工作表解压后约 4 GB（文件本身不到 2 KB）/ the central directory claims a 4 GB sheet');
  const filler = Buffer.alloc(12 * 1024 * 1024, 0x20);
  const dense = Buffer.concat([Buffer.from(SHEET.replace('</worksheet>', '')), filler, Buffer.from('</worksheet>')]);
  await put('压缩炸弹-高压缩比.xlsx', makeZip(workbookParts(dense)), 'READ_ZIP_BOMB', '一个工作表 12 MB、压缩后约 12 KB（压缩比约 1000 倍）/ a 12 MB sheet packed into 12 KB');
  const noForm = new ExcelJS.Workbook();
  noForm.created = FIXED_DATE(2023);
  noForm.modified = FIXED_DATE(2023);
  const ws = noForm.addWorksheet('Sheet1');
  const words = ['会议', '通知', '安排', '下周', '材料', '报送', '村委', '检查', '落实', '整改', '情况', '汇总'];
  for (let r = 1; r <= 12; r++) ws.getRow(r).values = [rng.pick(words) + rng.pick(words), rng.pick(words) + rng.pick(words) + rng.pick(words), rng.int(1, 99)];
  await put('无法识别的表格.xlsx', stableZip(Buffer.from(await noForm.xlsx.writeBuffer())), 'READ_SHEET_MISSING', '一个正常的 xlsx，只有一张随意文字的工作表（没有“名册”等表）/ a valid xlsx with no recognisable form');
  return out;
}

// ───────────────────────────── READMEs ─────────────────────────────

function fixturesReadme(messy: MessyFixture[], bad: BadFixture[]): string {
  return [
    '# fixtures — 样例台账 / sample ledgers',
    '',
    '全部由 `tools/make-fixtures.ts` 用固定种子生成（不用 Math.random），重新生成：`npx tsc -p . && npm run fixtures`。',
    'All generated by `tools/make-fixtures.ts` from fixed seeds; regenerate with `npx tsc -p . && npm run fixtures`.',
    '',
    '## township/ — README 演示 / the README demo',
    '',
    '兰溪镇 6 个支部的 2023 年度积分台账（方案 `township`，按月记录），名册共 150 名党员：',
    '其中 1 名不参加积分管理（河口村党支部第 5 名），2 名预备党员，1 名 2023-07-01 转入（松山村党支部最后一名，只有 7–12 月的记录），',
    '1 名被一票否决（石桥村党支部第 4 名，「否决与处分」登记“违反法律法规”），1 名每月得分很低、2022 和 2023 年都不合格（柳湾村党支部第 6 名）。',
    '`score validate fixtures/township` 没有错误和警告；`score grade --year 2023 --dir fixtures/township` 正常评定。',
    '',
    'Six branch ledgers of one township for 2023 (scheme `township`), 150 members on the rosters: one exempt, two',
    'probationary (预备党员), one transferred in on 2023-07-01 (records from 7月 only), one vetoed, and one with low',
    'scores in both 2022 and 2023 (不合格 two years running). Validates with no issue; grades cleanly.',
    '',
    '## township-2022/ — 上一年度 / the year before',
    '',
    '同样的支部和党员（没有 2023 年才转入的那一名），2022 年度。先评 2022 再评 2023，连续两年不合格的党员会标记“集中学习班”：',
    'The same branches in 2022 (without the member who joined in 2023). Grading 2022 and then 2023 into the same',
    'output folder triggers the consecutive-year rule (集中学习班):',
    '',
    '```sh',
    'node bin/score.js grade --year 2022 --dir fixtures/township-2022 --out 输出',
    'node bin/score.js grade --year 2023 --dir fixtures/township --out 输出   # 往年结果取自 输出/ (--history)',
    '```',
    '',
    '## messy/ — 实际填写中的各种写法 / how clerks really keep them',
    '',
    '每个文件一种读取上的“怪癖”，其余都正确：`score validate fixtures/messy` 没有错误。',
    'One reader quirk per file, otherwise valid: `score validate fixtures/messy` reports no error.',
    '',
    '| 文件 file | 怪癖 quirk |',
    '|---|---|',
    ...messy.map((m) => `| ${m.file} | ${m.quirk} |`),
    '',
    '## invalid/ — 每个校验代码一个文件 / one file per validation code',
    '',
    '见 / see [invalid/README.md](invalid/README.md)：每个文件只埋了一个问题，附命令、代码、表和单元格。',
    '',
    '## bad/ — 坏文件 / broken files',
    '',
    '每个坏文件只得到一条带中文说明的错误，同一批中的 `正常台账.xlsx` 照常读取，整批退出码为 1：',
    'Each broken file yields exactly one error with a Chinese message; the good ledger in the same batch is still read; exit code 1:',
    '',
    '```sh',
    'node bin/score.js validate fixtures/bad --scheme township',
    '```',
    '',
    '| 文件 file | 代码 code | 内容 content |',
    '|---|---|---|',
    ...bad.map((b) => `| ${b.file} | ${b.code || '（无错误 / none）'} | ${b.what} |`),
    '',
    '（`无法识别的表格.xlsx` 还会有一条 READ_INFO_MISSING 警告；不加 `--scheme` 时另有 INPUT_NO_SCHEME。）',
    '(`无法识别的表格.xlsx` also gets a READ_INFO_MISSING warning; without `--scheme`, also INPUT_NO_SCHEME.)',
    '',
  ].join('\n');
}

// ───────────────────────────── main ─────────────────────────────

export const FIXTURES_DIR = join(packageRoot(), 'fixtures');

export async function makeAll(root: string = FIXTURES_DIR): Promise<void> {
  const township = schemeById('township');
  for (const sub of ['township', 'township-2022']) await rm(join(root, sub), { recursive: true, force: true });
  await writeSet(join(root, 'township'), townshipDemo(2023), township);
  await writeSet(join(root, 'township-2022'), townshipDemo(2022), township);
  await rm(join(root, 'messy'), { recursive: true, force: true });
  for (const f of messyFixtures()) {
    const wb = f.build(f.spec, township);
    trimBlankRows(wb);
    dropValidations(wb);
    await saveWb(wb, join(root, 'messy', f.file));
  }
  await rm(join(root, 'invalid'), { recursive: true, force: true });
  const manifest: Record<string, unknown>[] = [];
  for (const f of invalidFixtures()) {
    const { wb, place } = buildInvalid(f);
    const file = `${f.code}.xlsx`;
    await saveWb(wb, join(root, 'invalid', file));
    manifest.push({ file, code: f.code, severity: f.severity, scheme: f.scheme, args: f.args, sheet: place.sheet, cell: place.cell ?? null, ...(place.also ? { also: place.also.map((p) => ({ sheet: p.sheet, cell: p.cell ?? null })) } : {}), what: f.what });
  }
  await writeFile(join(root, 'invalid', 'expected.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(join(root, 'bad'), { recursive: true, force: true });
  const bad = await makeBad(join(root, 'bad'));
  await writeFile(join(root, 'bad', 'expected.json'), `${JSON.stringify(bad, null, 2)}\n`);
  await writeFile(join(root, 'invalid', 'README.md'), invalidReadme(manifest as unknown as Parameters<typeof invalidReadme>[0]));
  await writeFile(join(root, 'README.md'), fixturesReadme(messyFixtures(), bad) + APPLICATIONS_README);
  await rm(join(root, 'applications'), { recursive: true, force: true });
  await makeApplications(join(root, 'applications'));
}

const APPLICATIONS_README = `
## applications/ — 积分申请表 / an application form

兰溪村党支部一名党员 2023 年 5 月的积分申请表：表彰（县级，2 分）和公益事业（2 分）符合计分标准，“先进个人”不在计分标准中。
README 中 \`score apply fixtures/applications --ledger fixtures/township/兰溪村党支部.xlsx\` 的例子用它：两条通过，一条不通过。
A filled 积分申请表 for the README's \`score apply\` example: two claims pass, one is not in the catalogue.

## xls/ — 旧版格式和启用宏的副本 / old-format and macro-enabled copies

不由本生成器生成：\`tools/make-xls-fixtures.sh\` 用 LibreOffice 把 township/ 和 messy/ 另存为 Excel 97–2003（.xls），
另存一份 .xlsm（加了一个从不运行的 VBA 工程），再放一个改名为 .xls 的 Word 文档（\`不是表格.xls\`）。
\`test/cli/xls.test.ts\` 要求这些副本评定出与原件相同的 \`--json\`（文件名除外）；township/ 或 messy/ 改变后请重新运行该脚本。
Not made by this generator: \`tools/make-xls-fixtures.sh\` saves township/ and messy/ as .xls with LibreOffice, one .xlsm
(with a VBA project that never runs) and a Word document named .xls; the test grades the copies to the originals' --json.
`;

/** A filled 积分申请表 for the README's `score apply` example: two claims that pass, one that does not. */
export async function makeApplications(dir: string): Promise<string> {
  const scheme = schemeById('township');
  const spec = townshipDemo(2023)[0]!;
  const member = spec.roster.find((m) => m.participates && m.category === '正式党员')!;
  const wb = applicationForm(scheme, { branch: spec.branch, name: member.name, month: '2023年5月' });
  const ws = wb.worksheets[0]!;
  const lines: [string, string, string, number, number, string][] = [
    ['表彰', '县', '美丽乡村建设', 1, 2, '县委表彰文件'],
    ['公益事业', '', '', 1, 2, '村委会出具的捐资修路证明'],
    ['先进个人', '', '', 1, 3, '镇党委通报'],
  ];
  // Columns found by their header (序号 申报事项 级别 项目 次数 申报分值 佐证材料 认定分值).
  const headers = (ws.getRow(3).values as unknown[]).map((v) => String(v ?? ''));
  const col = (h: string): number => headers.indexOf(h);
  lines.forEach(([item, level, project, count, claimed, evidence], i) => {
    const row = ws.getRow(4 + i);
    row.getCell(col('申报事项')).value = item;
    if (level) row.getCell(col('级别')).value = level;
    if (project) row.getCell(col('项目')).value = project;
    row.getCell(col('次数')).value = count;
    row.getCell(col('申报分值')).value = claimed;
    row.getCell(col('佐证材料')).value = evidence;
  });
  for (let r = 4; r <= ws.rowCount; r++) {
    if (String(ws.getCell(r, 1).value ?? '').startsWith('审核人')) ws.getCell(r, 2).value = '李红（支部书记）';
  }
  const file = join(dir, `${spec.branch}-${member.name}-2023年5月.xlsx`);
  await saveWb(wb, file);
  return file;
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
