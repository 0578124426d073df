// A bounded memo for the read and compute caches (texts, numbers, decimals, normalised names).
// Entries go into a young map; when it is full it becomes the old map (the previous old one is
// dropped) and a new young map starts; a hit in the old map moves back to the young one. So at most
// twice the limit is kept and what is in use stays: a county's 100,000 unique names no longer sit
// in half a dozen caches of up to 200,000 entries each (tens of MB in every read worker).
export class Memo<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(k: K): V | undefined {
    const v = this.young.get(k);
    if (v !== undefined || this.old.size === 0) return v;
    const o = this.old.get(k);
    if (o !== undefined) this.set(k, o);
    return o;
  }

  set(k: K, v: V): V {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, v);
    return v;
  }

  /** Entries kept (young and old), for tests. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/** The limit the read and compute caches use: a ledger's own names, numbers and texts, with room to spare. */
export const MEMO_LIMIT = 16_384;

/** Slots of a NumberMemo's table (a power of two). */
const SLOTS = 4096;

/** A number's slot: its integer part and first binary fraction digits mixed (scores are 8.5, 0.25; millionths are whole). */
function slotOf(k: number): number {
  const x = k * 1024;
  return ((x | 0) ^ ((x / 65536) | 0)) & (SLOTS - 1);
}

/**
 * A Memo for number keys with a direct-mapped table in front: a hit is one array read and one
 * comparison, where a Map hashes the double and walks its bucket (the memos' look-ups were 6 % of a
 * read worker's time on a county of small ledgers). A miss asks the Memo; keys compare as a Map's
 * do (0 and −0 alike; NaN is never in the table, so it is always asked of the Memo).
 */
export class NumberMemo<V> extends Memo<number, V> {
  private readonly keys = new Float64Array(SLOTS).fill(Number.NaN);
  private readonly values = new Array<V | undefined>(SLOTS).fill(undefined);

  override get(k: number): V | undefined {
    const i = slotOf(k);
    if (this.keys[i] === k) return this.values[i];
    const v = super.get(k);
    if (v !== undefined) {
      this.keys[i] = k;
      this.values[i] = v;
    }
    return v;
  }

  override set(k: number, v: V): V {
    const i = slotOf(k);
    this.keys[i] = k;
    this.values[i] = v;
    return super.set(k, v);
  }
}
