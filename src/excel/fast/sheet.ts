// The lean reader's sheet: every stored cell in a few typed arrays (row by row, columns in order),
// so a 2,000-member monthly sheet is some 25,000 numbers in flat memory instead of as many objects.
// Cells are made on demand for the SheetLike interface; the readers' hot path (`read`) goes
// straight from the arrays to a cached CellRead.
import type ExcelJS from 'exceljs';
import type { CellLike, RowLike, SheetLike } from '../book.js';
import { BLANK, COVERED, readValue, type CellRead } from '../cells.js';
import { shownInstead } from '../display.js';

export class FastFormatError extends Error {}

/** What a stored cell holds. */
export const enum Kind {
  Number = 1,
  /** `strings[ref]` of the workbook's shared strings. */
  Shared = 2,
  /** `texts[ref]` of this sheet (inline strings, formula strings). */
  Text = 3,
  Bool = 4,
  /** `texts[ref]` is the error text (#DIV/0!). */
  Error = 5,
  /** A number shown with a date style: a serial day. */
  Serial = 6,
  /** `texts[ref]` is an ISO date written with t="d". */
  IsoDate = 7,
  /** Nothing: a formula without a cached value, or an empty merge master. */
  Empty = 8,
  /** A cell covered by a merge: `num` holds its master's key. */
  Covered = 9,
}

/** Flags beside the kind. */
export const FORMULA = 0x10;
export const SHARED_FORMULA = 0x20;
export const MERGE_MASTER = 0x40;
/** A number whose format may show another number (display.ts): its style is in `styles`. */
export const ODD_FORMAT = 0x80;
const KIND = 0x0f;

export const MAX_COL = 16_384;
export const MAX_ROW = 2_000_000;

const key = (row: number, col: number): number => row * (MAX_COL + 1) + col;

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

export function serialDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + Math.round(serial * 86400000));
}

/** Grows typed arrays while a sheet is scanned; `finish` orders and indexes them. */
export class CellSink {
  n = 0;
  rows: Int32Array;
  cols: Uint16Array;
  kinds: Uint8Array;
  nums: Float64Array;

  /** Room for `capacity` cells to start with (a cell takes some 30 bytes of XML: the part's size tells). */
  constructor(capacity = 1024) {
    const n = Math.max(16, Math.min(capacity, 1 << 22));
    this.rows = new Int32Array(n);
    this.cols = new Uint16Array(n);
    this.kinds = new Uint8Array(n);
    this.nums = new Float64Array(n);
  }
  texts: string[] = [];
  /** Formula text by cell, for formulas without a cached value (the text is shown in the message). */
  formulas = new Map<number, string>();
  /** Style by cell, for ODD_FORMAT cells. */
  styles = new Map<number, number>();
  /** Cells came in row, column order (the usual case): no sort needed. */
  ordered = true;
  /** Keys of places the XML gives twice (`<c r="D4">` twice): consecutive ones, seen as they come. */
  dups: number[] = [];
  private lastKey = -1;

  /**
   * Empties the sink for the next sheet, keeping its arrays (FastSheet.load copies what it keeps):
   * a county of small ledgers would otherwise allocate four arrays per sheet.
   */
  reset(capacity: number): this {
    this.n = 0;
    this.ordered = true;
    this.lastKey = -1;
    this.texts = [];
    this.formulas = new Map();
    this.styles = new Map();
    this.dups = [];
    while (this.rows.length < Math.min(capacity, 1 << 22)) this.grow();
    return this;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const g = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.rows = g(this.rows, new Int32Array(size));
    this.cols = g(this.cols, new Uint16Array(size));
    this.kinds = g(this.kinds, new Uint8Array(size));
    this.nums = g(this.nums, new Float64Array(size));
  }

  add(row: number, col: number, kind: number, num: number): number {
    if (row < 1 || row > MAX_ROW || col < 1 || col > MAX_COL) throw new FastFormatError(`cell R${row}C${col} out of range`);
    if (this.n === this.rows.length) this.grow();
    const k = key(row, col);
    if (k === this.lastKey) this.dups.push(k);
    else if (k < this.lastKey) this.ordered = false;
    this.lastKey = k;
    const i = this.n++;
    this.rows[i] = row;
    this.cols[i] = col;
    this.kinds[i] = kind;
    this.nums[i] = num;
    return i;
  }

  text(s: string): number {
    this.texts.push(s);
    return this.texts.length - 1;
  }
}

export class FastSheet implements SheetLike {
  rowCount = 0;
  /** Cells of row r are [rowStart[r], rowStart[r + 1]). */
  private rowStart = new Int32Array(2);
  private cols = new Uint16Array(0);
  private kinds = new Uint8Array(0);
  private nums = new Float64Array(0);
  private texts: string[] = [];
  private formulas = new Map<number, string>();
  private styles = new Map<number, number>();
  private readonly dateReads = new Map<number, CellRead>();
  /** [row, col] of each place the sheet's XML gives more than once (the later one is kept, as exceljs does): reported by the readers. */
  duplicates: [number, number][] = [];

  constructor(
    public name: string,
    public state: string,
    private readonly strings: string[],
    private readonly date1904: boolean,
    /** readValue of each shared string, made when first read (shared by the workbook's sheets). */
    private readonly stringReads: (CellRead | undefined)[] = [],
    /** Format codes of the styles that may show another number, by style index. */
    private readonly formatCodes: (string | undefined)[] = [],
  ) {}

  /** Takes the scanned cells and the merges ([r1, c1, r2, c2] each). */
  load(sink: CellSink, merges: number[][]): void {
    const scanned = sink.n;
    const ordered = sink.ordered;
    const dups = ordered ? [...sink.dups] : [];
    if (merges.length > 0) addMerges(sink, merges);
    // Scanned cells normally come in order; merge cells are few: sort those alone and merge them in.
    const order = ordered ? mergeOrder(sink, scanned) : sortedUnique(sink, 0, sink.n, scanned, dups);
    this.duplicates = [...new Set(dups)].map((k) => [Math.floor(k / (MAX_COL + 1)), k % (MAX_COL + 1)]);
    const n = order ? order.length : sink.n;
    let maxRow = 0;
    for (let i = 0; i < n; i++) maxRow = Math.max(maxRow, sink.rows[order ? order[i]! : i]!);
    this.rowCount = maxRow;
    this.rowStart = new Int32Array(maxRow + 2);
    this.texts = sink.texts;
    if (!order) {
      this.cols = sink.cols.slice(0, n);
      this.kinds = sink.kinds.slice(0, n);
      this.nums = sink.nums.slice(0, n);
      this.formulas = sink.formulas;
      this.styles = sink.styles;
    } else this.takeInOrder(sink, order);
    let row = 0;
    for (let i = 0; i < n; i++) {
      const r = sink.rows[order ? order[i]! : i]!;
      while (row < r) this.rowStart[++row] = i;
    }
    while (row <= maxRow) this.rowStart[++row] = n;
  }

  /**
   * The sink's cells in `order` (merge cells, or cells the XML gave out of order). A method of its own:
   * V8 compiles load() for the usual sheet, and this path, taken by some sheets only, does not make it
   * compile load() again (issue 23).
   */
  private takeInOrder(sink: CellSink, order: Int32Array | number[]): void {
    const n = order.length;
    this.cols = new Uint16Array(n);
    this.kinds = new Uint8Array(n);
    this.nums = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      this.cols[i] = sink.cols[j]!;
      this.kinds[i] = sink.kinds[j]!;
      this.nums[i] = sink.nums[j]!;
    }
    if (sink.formulas.size > 0 || sink.styles.size > 0) this.takeExtrasInOrder(sink, order);
  }

  /** The formulas and odd formats of the sink's cells, at their places in `order`. */
  private takeExtrasInOrder(sink: CellSink, order: Int32Array | number[]): void {
    const at = new Int32Array(sink.n).fill(-1);
    for (let i = 0; i < order.length; i++) at[order[i]!] = i;
    for (const [j, f] of sink.formulas) if (at[j]! >= 0) this.formulas.set(at[j]!, f);
    for (const [j, st] of sink.styles) if (at[j]! >= 0) this.styles.set(at[j]!, st);
  }

  /** Index of the stored cell at (row, col), or -1. */
  private index(row: number, col: number): number {
    if (row < 1 || row > this.rowCount) return -1;
    let lo = this.rowStart[row]!;
    let hi = this.rowStart[row + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.cols[mid]!;
      if (c === col) return mid;
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The stored index of a covered cell's merge master (its key is kept in `nums`). */
  private masterOf(i: number): number {
    const m = this.nums[i]!;
    return this.index(Math.floor(m / (MAX_COL + 1)), m % (MAX_COL + 1));
  }

  private plain(i: number): ExcelJS.CellValue {
    const num = this.nums[i]!;
    switch (this.kinds[i]! & KIND) {
      case Kind.Number:
        return num;
      case Kind.Shared:
        return this.strings[num]!;
      case Kind.Text:
        return this.texts[num]!;
      case Kind.Bool:
        return num === 1;
      case Kind.Error:
        return { error: this.texts[num]! } as ExcelJS.CellErrorValue;
      case Kind.Serial:
        return serialDate(num, this.date1904);
      case Kind.IsoDate:
        return new Date(this.texts[num]!);
      default:
        return null;
    }
  }

  private value(i: number): ExcelJS.CellValue {
    const kind = this.kinds[i]!;
    if ((kind & KIND) === Kind.Covered) return this.value(this.masterOf(i));
    const v = this.plain(i);
    if (kind & FORMULA) {
      const formula = this.formulas.get(i) || '?';
      const result = v === null ? undefined : v;
      return (kind & SHARED_FORMULA ? { sharedFormula: formula, result } : { formula, result }) as ExcelJS.CellValue;
    }
    return v;
  }

  private cell(i: number): CellLike {
    const kind = this.kinds[i]!;
    const value = this.value(i);
    if ((kind & KIND) === Kind.Covered) return { value, isMerged: true, master: this.cell(this.masterOf(i)) };
    const c: CellLike = { value, isMerged: (kind & MERGE_MASTER) !== 0, master: undefined as unknown as CellLike };
    c.master = c;
    return c;
  }

  findCell(row: number, col: number): CellLike | undefined {
    const i = this.index(row, col);
    return i < 0 ? undefined : this.cell(i);
  }

  findRow(row: number): RowLike | undefined {
    if (row < 1 || row > this.rowCount) return undefined;
    const from = this.rowStart[row]!;
    const to = this.rowStart[row + 1]!;
    if (from === to) return undefined;
    return {
      eachCell: (_opts, cb) => {
        for (let i = from; i < to; i++) {
          const v = this.value(i);
          if (v !== null && v !== undefined && v !== '') cb(this.cell(i), this.cols[i]!);
        }
      },
    };
  }

  /** The normalised content of (row, col) without making a cell: what readCell(findCell()) gives. */
  read(row: number, col: number): CellRead {
    return this.readIndex(this.index(row, col));
  }

  readStored(row: number, i: number): CellRead {
    return this.readIndex(this.rowStart[row]! + i);
  }

  /** The read of the stored cell at index i (BLANK for -1). */
  private readIndex(i: number): CellRead {
    if (i < 0) return BLANK;
    const kind = this.kinds[i]!;
    if (kind & ODD_FORMAT) return this.oddRead(i, kind & ~ODD_FORMAT);
    switch (kind) {
      case Kind.Number:
      case Kind.Number | FORMULA:
        return readValue(this.nums[i]!);
      case Kind.Shared:
      case Kind.Shared | FORMULA: {
        const s = this.nums[i]!;
        return (this.stringReads[s] ??= readValue(this.strings[s]!));
      }
      case Kind.Serial: {
        // A date column repeats its few dates down the sheet.
        const n = this.nums[i]!;
        let r = this.dateReads.get(n);
        if (r === undefined) this.dateReads.set(n, (r = readValue(this.plain(i))));
        return r;
      }
      default:
        return (kind & KIND) === Kind.Covered ? COVERED : readValue(this.value(i));
    }
  }

  /** A number in a format that may show another number: the read, with what Excel shows when it differs. */
  private oddRead(i: number, kind: number): CellRead {
    const base = readValue(this.value(i));
    const shown = (kind & KIND) === Kind.Number ? shownInstead(this.formatCodes[this.styles.get(i) ?? -1], this.nums[i]!) : undefined;
    return shown === undefined ? base : { ...base, shown };
  }

  isFormula(row: number, col: number): boolean {
    const i = this.index(row, col);
    return i >= 0 && (this.kinds[i]! & FORMULA) !== 0;
  }

  cellCount(row: number): number {
    return row < 1 || row > this.rowCount ? 0 : this.rowStart[row + 1]! - this.rowStart[row]!;
  }

  columnAt(row: number, i: number): number {
    return this.cols[this.rowStart[row]! + i]!;
  }
}

/** Merge masters get the flag (an empty master is added), covered cells are added after the scanned ones. */
function addMerges(sink: CellSink, merges: number[][]): void {
  const scanned = sink.n;
  const ordered = sink.ordered;
  let at: Map<number, number> | undefined;
  /** The scanned cell at a key: binary search when in order, else a map made once. */
  const find = (k: number): number | undefined => {
    if (ordered) {
      let lo = 0;
      let hi = scanned - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const km = key(sink.rows[mid]!, sink.cols[mid]!);
        if (km === k) return mid;
        if (km < k) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    }
    if (!at) {
      at = new Map();
      for (let i = 0; i < scanned; i++) at.set(key(sink.rows[i]!, sink.cols[i]!), i);
    }
    return at.get(k);
  };
  const masters = new Map<number, number>();
  for (const [r1, c1, r2, c2] of merges) {
    const masterKey = key(r1!, c1!);
    let m = masters.get(masterKey) ?? find(masterKey);
    if (m === undefined) m = sink.add(r1!, c1!, Kind.Empty, 0);
    masters.set(masterKey, m);
    sink.kinds[m] = sink.kinds[m]! | MERGE_MASTER;
    for (let r = r1!; r <= r2!; r++) {
      for (let c = c1!; c <= c2!; c++) if (r !== r1 || c !== c1) sink.add(r, c, Kind.Covered, masterKey);
    }
  }
}

/**
 * The order of the cells when [0, scanned) are already in order and [scanned, n) were added
 * after (merges): undefined when nothing was added. At one place the later cell wins.
 */
function mergeOrder(sink: CellSink, scanned: number): Int32Array | undefined {
  if (sink.n === scanned) return undefined;
  const extra = sortedUnique(sink, scanned, sink.n);
  const k = (i: number): number => key(sink.rows[i]!, sink.cols[i]!);
  const out = new Int32Array(scanned + extra.length);
  let n = 0;
  let a = 0;
  let b = 0;
  while (a < scanned || b < extra.length) {
    if (b >= extra.length) out[n++] = a++;
    else if (a >= scanned) out[n++] = extra[b++]!;
    else {
      const ka = k(a);
      const kb = k(extra[b]!);
      if (ka < kb) out[n++] = a++;
      else if (kb < ka) out[n++] = extra[b++]!;
      else a++; // the added cell (a covered cell) replaces the scanned one
    }
  }
  return out.subarray(0, n);
}

/** Cell indices [from, to) sorted by (row, col); of two cells at one place the later one wins, as in exceljs. */
function sortedUnique(sink: CellSink, from: number, to: number, scanned = 0, dups?: number[]): number[] {
  const idx = Array.from({ length: to - from }, (_, i) => from + i);
  const keys = new Float64Array(sink.n);
  for (const i of idx) keys[i] = key(sink.rows[i]!, sink.cols[i]!);
  idx.sort((a, b) => keys[a]! - keys[b]! || a - b);
  const out: number[] = [];
  for (let i = 0; i < idx.length; i++) {
    const next = idx[i + 1];
    if (next !== undefined && keys[next] === keys[idx[i]!]) {
      if (dups && next < scanned && idx[i]! < scanned) dups.push(keys[next]!);
      continue;
    }
    out.push(idx[i]!);
  }
  return out;
}
