// Terminal output: text from the workbooks and the file system (names, sheet names, values, file
// and folder names) is printed with its control, escape, bidi and zero-width characters made
// visible (\x1B, \x0D, <U+202E>), so a name cannot clear the screen or a line, return the cursor,
// set the window title or reorder a line. Two layers: the renderers pass every piece of data
// through shown() before colouring it (so a file named with ESC[32m cannot fake a green line), and
// the guard on stdout/stderr escapes whatever else is not a plain colour (SGR): ESC[2K, CR, OSC.
// JSON output keeps the data exact: those characters are written as \uXXXX escapes (same string).

/** The characters never written raw: C0/C1 controls (not \t \n), CR, soft hyphen, bidi and zero-width marks, BOM; ESC unless it starts a plain colour (SGR). */
const UNSAFE = /\x1b(\[[0-9;]*m)?|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** In data every one of them is escaped, a colour and TAB and LF too. */
const UNSAFE_DATA = /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');
const escaped = (m: string): string => (m.charCodeAt(0) < 0xa0 ? `\\x${hex(m, 2)}` : `<U+${hex(m, 4)}>`);

/** A terminal line with every unsafe character shown as text (our own colours pass). */
export function visible(s: string): string {
  return s.replace(UNSAFE, (m: string, sgr?: string) => (sgr !== undefined ? m : escaped(m)));
}

/** A piece of data (a file name, a cell's text, a message naming them) as the terminal shows it: every control character escaped, colours included. */
export function shown(s: string): string {
  return s.replace(UNSAFE_DATA, escaped);
}

const rawWrites = new Map<NodeJS.WriteStream, (s: string) => boolean>();

/** Writes our own cursor control (a progress line's CR and erase) past the guard. */
export function writeRaw(stream: NodeJS.WriteStream, s: string): void {
  (rawWrites.get(stream) ?? ((x: string) => stream.write(x)))(s);
}

/** JSON text with the unsafe characters JSON.stringify leaves raw written as \uXXXX (JSON.parse gives the same data). */
export function jsonSafe(json: string): string {
  return json.replace(UNSAFE, (m: string) => [...m].map((c) => `\\u${hex(c, 4).toLowerCase()}`).join(''));
}

/** Makes every string written to stdout and stderr visible(); call once at start-up. */
export function guardTerminal(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    rawWrites.set(stream, (x) => write(x));
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? visible(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}
