// Crossing a worker boundary: an exact decimal travels as a marked string ("\u0001" + digits) and
// comes back as a decimal; a string that happens to start with a marker is escaped ("\u0002" + it).
// Nothing else changes.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { dec, Dec, fromScaled, scaled, ZERO } from '../core/decimal.js';
import { Memo, MEMO_LIMIT } from '../core/memo.js';
import type { BranchResult, ComponentValue, MemberResult } from '../core/result.js';

const DECIMAL = '\u0001';
const ESCAPED = '\u0002';

export function freeze(value: unknown): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) <= 2 && value !== '' ? ESCAPED + value : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Dec) return DECIMAL + value.toString();
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = freeze(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (Object.hasOwn(value, k)) out[k] = freeze((value as Record<string, unknown>)[k]);
  }
  return out;
}

/**
 * Strings and decimals that repeat across members (file, branch, category, component names, 10, 0.8 …)
 * arrive as fresh copies from every worker message: they are shared again here, which keeps a
 * county's results several hundred MB smaller.
 */
const interned = new Memo<string, string>(MEMO_LIMIT);

function intern(s: string): string {
  if (s.length > 80) return s;
  return interned.get(s) ?? interned.set(s, s);
}

export function thaw<T>(value: unknown): T {
  if (typeof value === 'string') {
    const c = value.charCodeAt(0);
    if (c === 1) return dec(value.slice(1)) as T;
    return (c === 2 ? value.slice(1) : intern(value)) as T;
  }
  if (value === null || typeof value !== 'object') return value as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = thaw(value[i]);
    return value as T;
  }
  // A fresh object, not the one the message made: those are slow dictionaries, twice the size.
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = thaw(o[k]);
  return out as T;
}

/**
 * A branch's members cross as rows of plain values: the components' names, roles and weights (the
 * scheme's, the same for every member) and the branch and file once per branch. On arrival each
 * member is built as one object literal — a county's 100,000 members in the main thread take about
 * half the memory of generically rebuilt objects, and the message is a fraction of the size.
 */
const MEMBER_KEYS = ['branch', 'file', 'name', 'id', 'key', 'category', 'tier', 'posts', 'participates', 'components', 'bonus', 'deduction', 'vetoed', 'vetoReason', 'total', 'exactTotal', 'graded', 'grade', 'stars', 'rank', 'flags', 'sanctions', 'trace', 'evaluationGrade', 'scoredElsewhere', 'transferredOut'] as const;
/** Fails to compile when MemberResult gains a field the rows do not carry. */
const everyKey: Record<Exclude<keyof MemberResult, (typeof MEMBER_KEYS)[number]>, never> = {};
void everyKey;

type Row = unknown[];
interface PackedBranch {
  $members: { branch: string; file: string; components: { id: string; name: string; role: ComponentValue['role']; weight: string }[]; rows: Row[] };
}

/** A decimal in a row: its whole millionths when the fast path holds it (a number parses faster and needs no text), else its text. */
const pack = (d: Dec): number | string => scaled(d) ?? d.toString();
const unpack = (v: number | string): Dec => (typeof v === 'number' ? fromScaled(v) : dec(v));

/**
 * A branch result as UTF-8 JSON of its rows, deflated: outside the JS heap, and moved (not copied)
 * to the main thread. The JSON is some 250 bytes a member (a mean's 40 digits, posts' names);
 * deflated (level 1: 5 ms a 2,000-member branch in the worker, 1.5 ms to inflate) about 35, so
 * grade keeps a county's branches packed until each is written (src/batch/graded.ts) and
 * compute expands them once the workers are gone: peak memory is not the sum of the phases.
 */
export function branchToBytes(b: BranchResult): Uint8Array {
  // A copy of its own: a small result may sit in Node's shared buffer pool, which must not be transferred.
  return new Uint8Array(deflateRawSync(JSON.stringify(packBranch(b)), { level: 1 }));
}

export function branchFromBytes(bytes: Uint8Array): BranchResult {
  return unpackBranch(JSON.parse(inflateRawSync(bytes).toString('utf8')));
}

/** The components' names, roles and weights a branch's rows share (its first member's). */
type RowMeta = PackedBranch['$members']['components'];

/**
 * The member has the first member's branch, file and components (names, roles, weights): its row
 * can leave them out. Functions of the module, not closures made for each branch: V8 keeps what it
 * compiled of them from one ledger to the next (a closure's compiled code went with it, issue 23).
 */
function sameShape(m: MemberResult, first: MemberResult, meta: RowMeta): boolean {
  if (m.branch !== first.branch || m.file !== first.file || m.components.length !== meta.length) return false;
  for (let i = 0; i < meta.length; i++) {
    const c = m.components[i]!;
    const k = meta[i]!;
    if (c.id !== k.id || c.name !== k.name || c.role !== k.role || c.weight.toString() !== k.weight) return false;
  }
  return true;
}

/** A member as a row of plain values (MEMBER_KEYS but branch and file); an absent component (no value in this period) travels as null. */
function packedRow(m: MemberResult): Row {
  const values = new Array<number | string | null>(m.components.length);
  for (let i = 0; i < values.length; i++) {
    const c = m.components[i]!;
    values[i] = c.absent ? null : pack(c.value);
  }
  return [
    m.name, m.id, m.key, m.category, m.tier, freeze(m.posts), m.participates, values,
    pack(m.bonus), pack(m.deduction), m.vetoed, m.vetoReason, pack(m.total), m.exactTotal && pack(m.exactTotal), m.graded,
    m.grade, m.stars, m.rank, freeze(m.flags), freeze(m.sanctions), freeze(m.trace), m.evaluationGrade, m.scoredElsewhere, m.transferredOut,
  ];
}

export function packBranch(b: BranchResult): unknown {
  const first = b.members[0];
  const meta: RowMeta = first?.components.map((c) => ({ id: c.id, name: c.name, role: c.role, weight: c.weight.toString() })) ?? [];
  if (!first) return freeze(b);
  const rows = new Array<Row>(b.members.length);
  for (let i = 0; i < rows.length; i++) {
    const m = b.members[i]!;
    if (!sameShape(m, first, meta)) return freeze(b);
    rows[i] = packedRow(m);
  }
  return { ...(freeze({ ...b, members: [] }) as object), $members: { branch: first.branch, file: first.file, components: meta, rows } };
}

export function unpackBranch(value: unknown): BranchResult {
  const packed = (value as PackedBranch).$members;
  if (!packed) return thaw<BranchResult>(value);
  const { $members: _rows, ...rest } = value as PackedBranch & Record<string, unknown>;
  const b = thaw<BranchResult>(rest);
  const branch = intern(packed.branch);
  const file = intern(packed.file);
  const meta = packed.components.map((c) => ({ id: intern(c.id), name: intern(c.name), role: c.role, weight: dec(c.weight) }));
  const u: Unpacking = {
    branch,
    file,
    meta,
    absent: meta.map((c) => ({ id: c.id, name: c.name, role: c.role, value: ZERO, weight: c.weight, absent: true })),
    shared: meta.map(() => new Map<number | string, ComponentEntry>()),
  };
  const members = new Array<MemberResult>(packed.rows.length);
  for (let i = 0; i < members.length; i++) members[i] = unpackedMember(u, packed.rows[i]!);
  b.members = members;
  return b;
}

type ComponentEntry = MemberResult['components'][number];

/** What a branch's rows share as they are unpacked: its branch and file, its components, and their value objects. */
interface Unpacking {
  branch: string;
  file: string;
  meta: { id: string; name: string; role: ComponentValue['role']; weight: Dec }[];
  /** A component with no value in this period, one object per component. */
  absent: ComponentEntry[];
  /**
   * A component's value object is shared by the members with the same value (never changed once
   * made): a county's members repeat a few dozen values, and each object was some 80 bytes a member.
   */
  shared: Map<number | string, ComponentEntry>[];
}

function sharedComponent(u: Unpacking, i: number, v: number | string | null): ComponentEntry {
  if (v === null) return u.absent[i]!;
  let c = u.shared[i]!.get(v);
  if (!c) {
    const m = u.meta[i]!;
    u.shared[i]!.set(v, (c = { id: m.id, name: m.name, role: m.role, value: unpack(v), weight: m.weight }));
  }
  return c;
}

/** A member of a packed row (packedRow), built as one object literal. */
function unpackedMember(u: Unpacking, r: Row): MemberResult {
  const values = r[7] as (number | string | null)[];
  const components = new Array<ComponentEntry>(u.meta.length);
  for (let i = 0; i < components.length; i++) components[i] = sharedComponent(u, i, values[i] ?? null);
  const m: MemberResult = {
    branch: u.branch,
    file: u.file,
    // A member's own name and key are unique: sharing them would only cost a map entry each.
    name: r[0] as string,
    key: r[2] as string,
    category: intern(r[3] as string),
    posts: thaw<string[]>(r[5]),
    participates: r[6] as boolean,
    components,
    bonus: unpack(r[8] as number | string),
    deduction: unpack(r[9] as number | string),
    vetoed: r[10] as boolean,
    total: unpack(r[12] as number | string),
    graded: r[14] as boolean,
    flags: thaw<string[]>(r[18]),
    sanctions: thaw<string[]>(r[19]),
    trace: thaw<MemberResult['trace']>(r[20]),
  };
  if (r[1] != null) m.id = r[1] as string;
  if (r[4] != null) m.tier = intern(r[4] as string);
  if (r[11] != null) m.vetoReason = r[11] as string;
  if (r[13] != null) m.exactTotal = unpack(r[13] as number | string);
  if (r[15] != null) m.grade = r[15] as string;
  if (r[16] != null) m.stars = r[16] as number;
  if (r[17] != null) m.rank = r[17] as number;
  if (r[21] != null) m.evaluationGrade = r[21] as string;
  if (r[22] != null) m.scoredElsewhere = r[22] as boolean;
  if (r[23] != null) m.transferredOut = r[23] as string;
  return m;
}
