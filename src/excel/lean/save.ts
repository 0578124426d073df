// Writing a lean book: the package parts, the styles, then sheet by sheet (each sheet's XML is
// produced, deflated and written in chunks, then dropped), into a temporary file that is renamed
// into place. Same contract as saveWorkbook: no overwrite without force, a result, never a throw.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SharedStrings, type Book } from './book.js';
import { ChunkPool, ZipWriter, type ZipWriterOptions } from './zip.js';

export type SaveResult =
  | { ok: true; path: string }
  | { ok: false; reason: 'exists'; path: string }
  | { ok: false; reason: 'error'; path: string; message: string };

export interface SaveOptions {
  /** Replace an existing file. */
  force?: boolean;
}

/** Writes the book as an .xlsx file at `file` (created or truncated). Throws on failure. */
export async function writeBook(book: Book, file: string, opts: ZipWriterOptions = {}): Promise<void> {
  if (book.sheets.length === 0) book.addSheet('Sheet1');
  const fh = await fs.open(file, 'w');
  const zip = new ZipWriter(fh, { level: 1, ...opts });
  try {
    const strings = book.sharedStrings ? new SharedStrings() : undefined;
    const pool = new ChunkPool(1 << 18);
    // [Content_Types].xml first (tools tell an xlsx by its first entry), then the sheets: a lazy sheet
    // is laid out just before it is written (its styles and print titles are known only then) and its
    // rows dropped right after; the other parts follow.
    const types = book.parts(opts.date)[0]!;
    await zip.add(types.name, [types.xml]);
    for (let i = 0; i < book.sheets.length; i++) {
      const sheet = book.sheets[i]!;
      sheet.prepare();
      await zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheet.xml(strings, pool), pool);
      sheet.release();
    }
    // After the sheets, as Excel itself stores it: only then is every text known.
    if (strings) await zip.add('xl/sharedStrings.xml', strings.xml());
    book.styles.freeze();
    await zip.add('xl/styles.xml', [book.styles.xml()]);
    const [typesAfter, ...parts] = book.parts(opts.date);
    // A lazy layout may not add a chart or a part: the content types were written before it ran.
    if (typesAfter!.xml !== types.xml) throw new Error('lean xlsx: a lazy sheet changed the package parts');
    for (const p of parts) await zip.add(p.name, [p.xml]);
    await zip.finish();
  } finally {
    await zip.abandon(); // after a failure: the entries still on the thread pool, before the file is closed
    await fh.close();
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The project's temporary output name, beside the target: `.<target name>.<pid>.<8 hex>.tmp`. */
export function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Makes a folder one level at a time (Node's recursive mkdir loops forever under /proc). */
export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !(await exists(d)) && path.dirname(d) !== d; d = path.dirname(d)) missing.unshift(d);
  for (const m of missing) {
    await fs.mkdir(m).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
}

/**
 * Writes through `write(tmp)` to a temporary file next to `target`, then moves it into place:
 * renamed over the target with force, else hard-linked (which fails if the target appeared
 * meanwhile: no silent overwrite in a race) or renamed where links are not supported.
 */
export async function saveAtomically(target: string, options: SaveOptions, write: (tmp: string) => Promise<void>): Promise<SaveResult> {
  const dir = path.dirname(target);
  if (!options.force && (await exists(target))) return { ok: false, reason: 'exists', path: target };
  const tmp = tempName(target);
  try {
    await makeDir(dir);
    await write(tmp);
    if (options.force) {
      await fs.rename(tmp, target);
    } else {
      try {
        await fs.link(tmp, target);
        await fs.unlink(tmp);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || (await exists(target))) {
          await fs.rm(tmp, { force: true });
          return { ok: false, reason: 'exists', path: target };
        }
        await fs.rename(tmp, target); // file systems without hard links
      }
    }
    return { ok: true, path: target };
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    return { ok: false, reason: 'error', path: target, message: message(err) };
  }
}

/** Saves a lean book to `target` (temp file + rename); an existing file is kept unless forced. */
export function saveBook(book: Book, target: string, options: SaveOptions = {}): Promise<SaveResult> {
  return saveAtomically(target, options, (tmp) => writeBook(book, tmp));
}
