// The one way in: the files and folders a command is given → the workbooks to read (.xlsx, .xlsm, .xls, .et), and
// every file that looks like a spreadsheet but is not read, by name, with a reason and a fix.
// Folders are searched recursively; the output folder inside them is never read.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { leftOut, OTHER_FORMATS, say, usage } from './messages.js';
import type { Excluded } from './split.js';
import { isAtOrInside } from './paths.js';
import { PREVIOUS_DIR } from './stamp.js';
import { readCentralDirectory, unpack } from '../excel/zip-read.js';

/**
 * A workbook score itself wrote (评定结果, 公示名单, 评分汇总表: the lean writer's docProps/app.xml
 * says <Application>score</Application>; a ledger never does, Excel and WPS write their own name).
 */
async function writtenByScore(file: string): Promise<boolean> {
  try {
    const buf = await fs.readFile(file);
    const dir = readCentralDirectory(buf);
    const e = dir.ok ? dir.entries.find((x) => x.name === 'docProps/app.xml') : undefined;
    const u = e && e.uncompressedSize < 65_536 ? unpack(buf, e) : undefined;
    return u?.ok === true && /<Application>score<\/Application>/.test(u.bytes.toString('utf8'));
  } catch {
    return false;
  }
}

export interface Collected {
  /** The workbooks to read, absolute paths, in folder order, each once. */
  files: string[];
  /** Spreadsheet-like files that are not read: listed to the user, exit 1. */
  excluded: Excluded[];
  /** Files passed by that need no action (Excel's ~$ lock files, the output folder): said, not errors. */
  notes: string[];
}

export interface CollectOptions {
  /** The command's output folder: never read when met inside a folder given. */
  outDir?: string;
  /** The output folder when it is read as the input: the results score wrote in it are passed by. */
  ownOutputs?: string;
}

/** The extension of a name, ignoring trailing spaces and dots (which Windows drops and Linux keeps). */
const looseExt = (name: string): string => path.extname(name.replace(/[\s.]+$/u, '')).toLowerCase();

/**
 * The workbooks read: .xlsx, .xlsm (its macros are never run or kept), .xls and .et. Which
 * reader reads one is decided by its first bytes, not by its name (an .xls that is really an
 * .xlsx, an .et that is BIFF8 or OOXML).
 */
const READ_EXTS = new Set(['.xlsx', '.xlsm', '.xls', '.et']);

const looksLikeSpreadsheet = (name: string): boolean => READ_EXTS.has(looseExt(name)) || looseExt(name) in OTHER_FORMATS;

/** Why a spreadsheet-like file name is not read (undefined: it is read). */
function nameProblem(file: string): Excluded | 'note' | undefined {
  const name = path.basename(file);
  if (name.startsWith('~$')) return 'note';
  const ext = looseExt(name);
  if (ext in OTHER_FORMATS) return leftOut(file, 'INPUT_OTHER_FORMAT', { kind: ext, name });
  if (/[\s.]$/u.test(name)) {
    const clean = name.replace(/[\s.]+$/u, '');
    return leftOut(file, 'INPUT_NAME_TRAILING', { clean });
  }
  if (name.startsWith('.')) return leftOut(file, 'INPUT_HIDDEN_FILE', {});
  return undefined;
}

/** Files given directly, and the workbooks under the folders given; never throws for a file it cannot use. */
export async function collectInputs(args: string[], opts: CollectOptions = {}): Promise<Collected> {
  const out: Collected = { files: [], excluded: [], notes: [] };
  for (const a of args) {
    const p = path.resolve(a);
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) throw usage('INPUT_PATH_NOT_FOUND', { path: a });
    if (st.isDirectory()) {
      // Reading the output folder itself (or a folder inside it) is asked for: then it is read.
      const skip = opts.outDir && !isAtOrInside(p, opts.outDir) ? opts.outDir : undefined;
      // The output folder read as the input (--out equal to it): what score wrote there is passed by with a note, never 未计入.
      const own = opts.outDir && !skip ? opts.outDir : undefined;
      await walk(p, await fs.realpath(p), { ...(skip ? { outDir: skip } : {}), ...(own ? { ownOutputs: own } : {}) }, out);
    }
    else {
      const problem = nameProblem(p);
      if (problem === 'note') out.notes.push(say('INPUT_NOTE_LOCK_FILE', { file: path.basename(p) }));
      else if (problem && !READ_EXTS.has(looseExt(p))) out.excluded.push(problem);
      else out.files.push(p);
    }
  }
  out.files = [...new Set(out.files)];
  return out;
}

async function walk(dir: string, realRoot: string, opts: CollectOptions, out: Collected): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.excluded.push(leftOut(dir, 'INPUT_FOLDER_UNREADABLE', { reason: (e as Error).message }));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (opts.outDir && isAtOrInside(p, opts.outDir)) out.notes.push(say('INPUT_NOTE_OUTPUT_FOLDER', { dir: p }));
      else if (e.name === PREVIOUS_DIR) out.notes.push(say('INPUT_NOTE_PREVIOUS_FOLDER', { dir: p }));
      else await walk(p, realRoot, opts, out);
    } else if (e.isSymbolicLink()) await link(p, realRoot, opts, out);
    else if (e.isFile()) {
      if (!looksLikeSpreadsheet(e.name)) continue;
      const problem = nameProblem(p);
      if (problem === 'note') out.notes.push(say('INPUT_NOTE_LOCK_FILE', { file: p }));
      else if (problem) out.excluded.push(problem);
      else if (opts.ownOutputs && isAtOrInside(p, opts.ownOutputs) && (await writtenByScore(p))) out.notes.push(say('INPUT_NOTE_OWN_RESULT', { file: p }));
      else out.files.push(p);
    } else {
      out.excluded.push(leftOut(p, 'INPUT_NOT_REGULAR', {}));
    }
  }
}

/** A symbolic link met in a folder: followed only when it stays inside the folder given. */
async function link(p: string, realRoot: string, opts: CollectOptions, out: Collected): Promise<void> {
  const target = await fs.realpath(p).catch(() => undefined);
  const st = target ? await fs.stat(target).catch(() => undefined) : undefined;
  const name = path.basename(p);
  if (!target || !st) {
    if (looksLikeSpreadsheet(name)) out.excluded.push(leftOut(p, 'INPUT_LINK_BROKEN', {}));
    return;
  }
  if (!st.isDirectory() && !looksLikeSpreadsheet(name) && !looksLikeSpreadsheet(target)) return;
  if (!isAtOrInside(target, realRoot)) {
    out.excluded.push(leftOut(p, 'INPUT_LINK_OUTSIDE', { target }));
    return;
  }
  // Inside the folder: the file or folder it points to is read where it is, once.
  if (st.isDirectory()) return;
  if (opts.outDir && isAtOrInside(target, opts.outDir)) return;
  out.notes.push(say('INPUT_NOTE_LINK', { link: p, target }));
}

/**
 * A single workbook option (--ledger, --roster) through the same rules: a folder is a usage
 * error; a file that is not read comes back as `excluded`, for the caller to list (exit 1).
 */
export async function collectOne(file: string, option: string): Promise<{ file?: string; excluded: Excluded[]; notes: string[] }> {
  const st = await fs.stat(path.resolve(file)).catch(() => undefined);
  if (st?.isDirectory()) throw usage('INPUT_OPTION_IS_FOLDER', { option, file });
  const c = await collectInputs([file]);
  return { ...(c.files[0] ? { file: c.files[0] } : {}), excluded: c.excluded, notes: c.notes };
}
