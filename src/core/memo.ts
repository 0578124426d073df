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
