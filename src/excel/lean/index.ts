// The lean xlsx writer: dependency-free (XML strings + node:zlib), for the big outputs of
// `grade`, `compute` and `publish`. Templates and forms with data validation stay on exceljs.
export { Book, Sheet, type Row, type Value, type PageSetup } from './book.js';
export { Styles, type CellStyle, type Font } from './styles.js';
export { addTable, FONT_BODY, FONT_HEADER, FONT_TITLE, type BodyRow, type LeanTable, type TableColumn, type TableLine, type TableSpec } from './table.js';
export { saveBook, saveAtomically, writeBook, type SaveOptions, type SaveResult } from './save.js';
export { zip, crc32, ZipWriter, ZipLimitError, ZIP_LIMITS, type ZipPart } from './zip.js';
export { escapeXml, cleanSheetName, colName, rangeRef } from './xml.js';
