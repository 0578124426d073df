// Read step: a library's own error text (zlib, jszip, exceljs, sax) turned into the clerk's words,
// in Chinese and English; the raw text is kept only for SCORE_DEBUG. No imports: cheap to load.

/** A library's error (zlib, jszip, exceljs, sax) in the clerk's words; its own text only with SCORE_DEBUG. */
export function libraryReason(err: unknown): string {
  const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
  const known: [RegExp, string][] = [
    [/invalid (distance|block type|stored block|code lengths|literal)|incorrect header check|unexpected end of file|too far back/i, '压缩数据损坏，无法解压 / the compressed data is damaged'],
    [/uncompressed data size mismatch|crc32|corrupted zip|end of data|central directory|invalid signature|zip/i, '压缩包结构损坏 / the zip structure is damaged'],
    [/invalid column letter|out of bounds|invalid address|invalid row/i, '单元格地址超出 Excel 的范围（最大为 XFD1048576）/ a cell address is beyond Excel\'s range (XFD1048576)'],
    [/already exists|worksheet name/i, '有两张同名的工作表 / two sheets have the same name'],
    [/cannot read propert|undefined|null/i, '工作簿内部缺少必需的部件或属性 / a required part or attribute is missing inside the workbook'],
    [/tag|xml|attribute|character|entity|root/i, '工作表的 XML 格式错误 / the XML of a sheet is malformed'],
  ];
  const zh = known.find(([re]) => re.test(raw))?.[1] ?? '工作簿内部结构有误（不是 Excel 或 WPS 保存的格式）/ the workbook is malformed inside (not as Excel or WPS saves it)';
  return process.env.SCORE_DEBUG ? `${zh} (${raw})` : zh;
}
