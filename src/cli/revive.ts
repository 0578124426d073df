// Crossing a worker boundary: exact decimals become {$d: "12.5"} and back, nothing else changes.
import { Dec } from '../core/decimal.js';

export function freeze(value: unknown): unknown {
  if (value instanceof Dec) return { $d: value.toString() };
  if (Array.isArray(value)) return value.map(freeze);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = freeze(v);
    return out;
  }
  return value;
}

/**
 * Strings and decimals that repeat across members (file, branch, category, component names, 10, 0.8 …)
 * arrive as fresh copies from every worker message: they are shared again here, which keeps a
 * county's results several hundred MB smaller.
 */
const interned = new Map<string, string>();
const decimals = new Map<string, Dec>();

function intern(s: string): string {
  if (s.length > 80) return s;
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size > 500_000) interned.clear();
  interned.set(s, s);
  return s;
}

export function thaw<T>(value: unknown): T {
  if (typeof value === 'string') return intern(value) as T;
  if (Array.isArray(value)) return value.map((v) => thaw(v)) as T;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$d === 'string' && Object.keys(o).length === 1) {
      let d = decimals.get(o.$d);
      if (d === undefined) {
        d = new Dec(o.$d);
        if (decimals.size > 500_000) decimals.clear();
        decimals.set(o.$d, d);
      }
      return d as T;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[intern(k)] = thaw(v);
    return out as T;
  }
  return value as T;
}
