// Documented limits of every workbook score reads (the README's limits table says the same), and how
// a size is shown in a message. Read step; used by the zip reader, the sniffer and the readers.

/** Documented limits of every workbook `score` reads. */
export const READ_LIMITS = {
  /** Size of the .xlsx file itself. */
  maxFileBytes: 50 * 1024 * 1024,
  /**
   * Size of an old binary workbook (.xls/.et, BIFF8): SheetJS, which reads it, holds some 500
   * bytes of heap per cell (a 9.6 MB .xls of 660,000 cells took 360 MB), so this keeps a read
   * worker within its 384 MB and parsing within seconds; a 2,000-member ledger of twelve months
   * (264,000 cells) is about 4 MB. The same workbook saved as .xlsx has no such limit.
   */
  maxBiffBytes: 6 * 1024 * 1024,
  /** Sum of the unpacked sizes of all parts (from the central directory, checked again while unpacking sheets). */
  maxUncompressedBytes: 300 * 1024 * 1024,
  /**
   * Sum of the unpacked parts exceljs (the fallback reader, and the writer that updates a ledger)
   * is given: it holds ~20 bytes per byte of XML (a 15 MB workbook took 425 MB), so this keeps any
   * single-file command under 512 MB; the lean reader has no such need.
   */
  maxExcelJsBytes: 16 * 1024 * 1024,
  /** Unpacked size of one part (a sheet, the shared strings …). */
  maxPartBytes: 200 * 1024 * 1024,
  /** Unpacked / packed size of one part, checked for parts above `ratioCheckMinBytes`. */
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 10 * 1024 * 1024,
  /** Entries in the zip. */
  maxZipEntries: 10_000,
  /** Cells covered by the merged ranges of one sheet (a title merges a dozen). */
  maxMergedCells: 100_000,
  /** `<row>` elements in one sheet's XML before exceljs is even asked. */
  maxSheetRowsHard: 200_000,
  /** Data rows a reader reads from one sheet. */
  maxRowsPerSheet: 20_000,
  /**
   * Rows holding any value in one sheet (counted by the lean reader as it scans, before the cells
   * cost memory): more than any form's title, header, 20,000 data rows and footer. Every row of the
   * used range is read (blank rows separate nothing), so a sheet of junk rows is refused here.
   */
  maxUsedRowsPerSheet: 21_000,
  /** Cells holding a value in one sheet (some 15 bytes each in the lean reader). */
  maxCellsPerSheet: 2_000_000,
  /** A header row is searched in the first rows only. */
  headerSearchRows: 10,
} as const;

export const MAX_ROWS = READ_LIMITS.maxRowsPerSheet;

/** 12.3 KB, 4.0 MB: a size in a message. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
