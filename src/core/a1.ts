// A1 addresses, the one implementation: column letters ⇄ numbers and `$B$7` ⇄ { col, row }. The
// readers place every value at one, the writers write them, diagnostics sort by them. Pure, so it
// lives at the bottom layer (core) where every layer may use it.

const LETTERS: string[] = [''];

/** Column letters of a 1-based column number (1 → A, 27 → AA); cached, it is on the readers' hot path. */
export function colName(n: number): string {
  if (n < LETTERS.length) return LETTERS[n]!;
  for (let i = LETTERS.length; i <= n; i++) {
    let s = '';
    for (let k = i; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    LETTERS.push(s);
  }
  return LETTERS[n]!;
}

/** The 1-based number of column letters, either case (A → 1, aa → 27); 0 for no letters. */
export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}

const A1 = /^\$?([A-Za-z]+)\$?(\d+)$/;

/** `B7`, `$B$7` → { col: 2, row: 7 }; undefined when it is not one cell's address. */
export function parseA1(ref: string): { col: number; row: number } | undefined {
  const m = A1.exec(ref);
  return m ? { col: colNumber(m[1]!), row: Number(m[2]) } : undefined;
}

/** { col: 2, row: 7 } → `B7`. */
export function a1(col: number, row: number): string {
  return `${colName(col)}${row}`;
}
