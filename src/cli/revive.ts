// Crossing a worker boundary: an exact decimal travels as a marked string ("\u0001" + digits) and
// comes back as a decimal; a string that happens to start with a marker is escaped ("\u0002" + it).
// Nothing else changes.
import { Dec } from '../core/decimal.js';

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
    if (Object.prototype.hasOwnProperty.call(value, k)) out[k] = freeze((value as Record<string, unknown>)[k]);
  }
  return out;
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

function decimal(text: string): Dec {
  // Long decimals (a mean of 38.0833…) are each member's own: sharing them would only cost a map entry.
  if (text.length > 12) return new Dec(text);
  let d = decimals.get(text);
  if (d === undefined) {
    d = new Dec(text);
    if (decimals.size > 500_000) decimals.clear();
    decimals.set(text, d);
  }
  return d;
}

export function thaw<T>(value: unknown): T {
  if (typeof value === 'string') {
    const c = value.charCodeAt(0);
    if (c === 1) return decimal(value.slice(1)) as T;
    return (c === 2 ? value.slice(1) : intern(value)) as T;
  }
  if (value === null || typeof value !== 'object') return value as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = thaw(value[i]);
    return value as T;
  }
  const o = value as Record<string, unknown>;
  for (const k in o) o[k] = thaw(o[k]);
  return o as T;
}
