// Read step: a library's own error text (zlib, jszip, exceljs, sax) turned into what went wrong, as
// a key of the read catalogue's READ_EXCEL_FAILED (src/excel/read/catalogue.ts words it in both
// languages); the raw text is kept only for SCORE_DEBUG. No imports: cheap to load.

/** What a library's error says went wrong (READ_EXCEL_FAILED `why`). */
export type LibraryWhy = 'inflate' | 'zip' | 'address' | 'sameName' | 'missing' | 'xml' | 'malformed' | 'noSheets' | 'oldMalformed';

/** A library's error (zlib, jszip, exceljs, sax) as READ_EXCEL_FAILED's parameters; its own text only with SCORE_DEBUG. */
export function libraryReason(err: unknown): { why: LibraryWhy; raw?: string } {
  const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
  const known: [RegExp, LibraryWhy][] = [
    [/invalid (distance|block type|stored block|code lengths|literal)|incorrect header check|unexpected end of file|too far back/i, 'inflate'],
    [/uncompressed data size mismatch|crc32|corrupted zip|end of data|central directory|invalid signature|zip/i, 'zip'],
    [/invalid column letter|out of bounds|invalid address|invalid row/i, 'address'],
    [/already exists|worksheet name/i, 'sameName'],
    [/cannot read propert|undefined|null/i, 'missing'],
    [/tag|xml|attribute|character|entity|root/i, 'xml'],
  ];
  const why = known.find(([re]) => re.test(raw))?.[1] ?? 'malformed';
  return process.env.SCORE_DEBUG ? { why, raw } : { why };
}
