// Terminal output: text from the workbooks (names, sheet names, values) is printed with its
// control, escape, bidi and zero-width characters made visible (\x1B, <U+202E>), so a name cannot
// clear the screen, set the window title or reorder a line. Our own colours (SGR) pass.
// JSON output keeps the data exact: those characters are written as \uXXXX escapes (same string).

/** The characters never written raw: C0/C1 controls (not \t \n \r), soft hyphen, bidi and zero-width marks, BOM. */
const UNSAFE = /\x1b(\[[0-9;]*[mK])?|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');

/** A terminal line with every unsafe character shown as text. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (m: string, sgr?: string) => (sgr !== undefined ? m : m.charCodeAt(0) < 0xa0 ? `\\x${hex(m, 2)}` : `<U+${hex(m, 4)}>`));
}

/** JSON text with the unsafe characters JSON.stringify leaves raw written as \uXXXX (JSON.parse gives the same data). */
export function jsonSafe(json: string): string {
  return json.replace(UNSAFE, (m: string) => [...m].map((c) => `\\u${hex(c, 4).toLowerCase()}`).join(''));
}

/** Makes every string written to stdout and stderr visible(); call once at start-up. */
export function guardTerminal(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? visible(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}
