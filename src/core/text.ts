// Text normalisation shared by every lookup: NFKC (full-width → half-width), no spaces.
import { Memo, MEMO_LIMIT } from './memo.js';

const normCache = new Memo<string, string>(MEMO_LIMIT);

export function norm(text: string | undefined | null): string {
  if (!text) return '';
  return normCache.get(text) ?? normCache.set(text, text.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
}

/** A lookup by id, name and aliases, all normalised. */
export class NameIndex<T> {
  private readonly map = new Map<string, T>();

  add(value: T, ...names: (string | undefined)[]): void {
    for (const n of names) {
      const k = norm(n);
      if (k && !this.map.has(k)) this.map.set(k, value);
    }
  }

  get(name: string | undefined): T | undefined {
    return this.map.get(norm(name));
  }
}
