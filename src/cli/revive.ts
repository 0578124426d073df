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

export function thaw<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map((v) => thaw(v)) as T;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$d === 'string' && Object.keys(o).length === 1) return new Dec(o.$d) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = thaw(v);
    return out as T;
  }
  return value as T;
}
