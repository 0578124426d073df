// Messages of the read step (opening files, finding headers, reading cells): one catalogue,
// each code with what happened and what to do, in Chinese and English.
import type { Catalogue, MessageDef, Params, Severity } from '../../core/diagnostics.js';

const s = (p: Params, k: string): string => String(p[k] ?? '');

function def(severity: Severity, zh: (p: Params) => string, en: (p: Params) => string, fixZh: (p: Params) => string, fixEn: (p: Params) => string): MessageDef {
  return { severity, zh, en, fixZh, fixEn };
}

const SAVE_AS_ZH = '请用 Excel 或 WPS 打开后“另存为” Excel 工作簿（.xlsx）';
const SAVE_AS_EN = 'open it in Excel or WPS and "Save As" an Excel workbook (.xlsx)';

export const READ_CATALOGUE = {
  READ_FILE_UNREADABLE: def('error', (p) => `无法读取文件：${s(p, 'reason')}`, (p) => `cannot read the file: ${s(p, 'reason')}`, () => '请检查文件路径是否正确、文件是否被其他程序占用', () => 'check the path and that no other program locks the file'),
  READ_EMPTY_FILE: def('error', () => '文件是空的（0 字节）', () => 'the file is empty (0 bytes)', () => '文件可能在复制或下载时损坏，请重新获取原文件', () => 'the file was probably damaged when copied or downloaded; get the original again'),
  READ_FILE_TOO_LARGE: def('error', (p) => `文件太大（${s(p, 'size')}），超过上限 ${s(p, 'limit')}`, (p) => `the file is too large (${s(p, 'size')}), the limit is ${s(p, 'limit')}`, () => '请删除无关的工作表、图片后再保存，或按支部拆分为多个工作簿', () => 'remove unrelated sheets and pictures, or split the workbook by branch'),
  READ_OLD_XLS: def('error', () => '这是旧版 Excel（.xls）或 WPS 表格（.et）文件，不是 .xlsx 工作簿', () => 'this is an old Excel (.xls) or WPS (.et) file, not an .xlsx workbook', () => `${SAVE_AS_ZH}，再重新运行`, () => `${SAVE_AS_EN} and run again`),
  READ_ENCRYPTED: def('error', () => '工作簿设置了打开密码，无法读取', () => 'the workbook is password-protected and cannot be read', () => '请先在 Excel/WPS 中取消密码保护（文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码）后另存为 .xlsx', () => 'remove the password in Excel/WPS (File › Info › Protect Workbook › Encrypt with Password, clear it) and save as .xlsx'),
  READ_CSV_TEXT: def('error', () => '这是文本/CSV 文件，只是扩展名被改成了 .xlsx', () => 'this is a text/CSV file renamed to .xlsx', () => `${SAVE_AS_ZH}（不要只改扩展名）`, () => `${SAVE_AS_EN} (renaming the file is not enough)`),
  READ_NOT_ZIP: def('error', () => '文件不是 Excel 工作簿（内容无法识别）', () => 'the file is not an Excel workbook (unrecognised content)', () => '请确认选择了正确的文件；如文件已损坏，请重新获取原文件', () => 'check that this is the right file; if it is damaged, get the original again'),
  READ_TRUNCATED: def('error', () => '文件不完整（压缩包结尾缺失），可能下载或复制时被截断', () => 'the file is incomplete (the end of the zip archive is missing); it was probably cut off while downloading or copying', () => '请重新下载或复制原文件，确认文件大小与原文件一致', () => 'download or copy the file again and check its size matches the original'),
  READ_CORRUPT_ZIP: def('error', (p) => `文件已损坏：${s(p, 'reason')}`, (p) => `the file is damaged: ${s(p, 'reason')}`, () => '请用 Excel/WPS 打开并尝试修复后另存为 .xlsx，或重新获取原文件', () => 'open it in Excel/WPS, let it repair the file and save as .xlsx, or get the original again'),
  READ_NOT_WORKBOOK: def('error', () => '这是压缩包或其他 Office 文件（如 Word），不是 Excel 工作簿（缺少 xl/workbook.xml）', () => 'this is a zip or another Office file (e.g. Word), not an Excel workbook (xl/workbook.xml is missing)', () => '请确认选择了正确的台账文件（.xlsx）', () => 'check that you chose the right ledger file (.xlsx)'),
  READ_XLSB: def('error', () => '这是 Excel 二进制工作簿（.xlsb），不是 .xlsx', () => 'this is an Excel binary workbook (.xlsb), not .xlsx', () => `${SAVE_AS_ZH}`, () => `${SAVE_AS_EN}`),
  READ_ZIP_TOO_LARGE: def('error', (p) => `解压后内容太大（${s(p, 'size')}），超过上限 ${s(p, 'limit')}，可能是恶意构造的“压缩炸弹”`, (p) => `the unpacked content is too large (${s(p, 'size')}, limit ${s(p, 'limit')}); it may be a "zip bomb"`, () => '请删除无关的工作表和大量空白格式后再保存，或按支部拆分工作簿', () => 'remove unrelated sheets and formatting of empty cells, or split the workbook by branch'),
  READ_ZIP_PART_TOO_LARGE: def('error', (p) => `工作簿中的部件 ${s(p, 'part')} 解压后太大（${s(p, 'size')}），超过上限 ${s(p, 'limit')}`, (p) => `the part ${s(p, 'part')} is too large unpacked (${s(p, 'size')}, limit ${s(p, 'limit')})`, () => '请删除无关的工作表、图片和大量空白格式后再保存', () => 'remove unrelated sheets, pictures and formatting of empty cells'),
  READ_ZIP_BOMB: def('error', (p) => `工作簿中的部件 ${s(p, 'part')} 压缩比异常（${s(p, 'ratio')} 倍），疑似“压缩炸弹”`, (p) => `the part ${s(p, 'part')} has an abnormal compression ratio (${s(p, 'ratio')}×); it looks like a "zip bomb"`, () => '不要处理来历不明的文件；如文件可信，请在 Excel/WPS 中清除大量空白格式后另存', () => 'do not process files of unknown origin; if it is trusted, clear the formatting of empty cells in Excel/WPS and save again'),
  READ_MERGE_TOO_LARGE: def('error', (p) => `工作表 ${s(p, 'part')} 的合并单元格范围过大（${s(p, 'ref')}，共 ${s(p, 'cells')} 个单元格）`, (p) => `sheet part ${s(p, 'part')} merges too many cells (${s(p, 'ref')}, ${s(p, 'cells')} cells)`, (p) => `请取消该合并单元格，只合并标题所需的几个单元格（上限 ${s(p, 'limit')} 个）`, (p) => `unmerge it and merge only the few cells a title needs (limit ${s(p, 'limit')} cells)`),
  READ_SHEET_TOO_LARGE: def('error', (p) => `工作表 ${s(p, 'part')} 行数过多（${s(p, 'rows')} 行，上限 ${s(p, 'limit')} 行）`, (p) => `sheet part ${s(p, 'part')} has too many rows (${s(p, 'rows')}, limit ${s(p, 'limit')})`, () => '请删除表格下方的大量空行或格式（选中多余行 › 删除），或拆分工作表', () => 'delete the many empty or formatted rows below the table, or split the sheet'),
  READ_EXCEL_FAILED: def('error', (p) => `工作簿无法解析：${s(p, 'reason')}`, (p) => `the workbook cannot be parsed: ${s(p, 'reason')}`, () => '请用 Excel/WPS 打开该文件，确认能正常打开后重新“另存为” .xlsx', () => 'open the file in Excel/WPS, check it opens correctly and "Save As" .xlsx again'),
  READ_SHEET_MISSING: def('error', (p) => `缺少工作表“${s(p, 'sheet')}”`, (p) => `the sheet "${s(p, 'sheet')}" is missing`, (p) => `请按模板添加名为“${s(p, 'sheet')}”的工作表（可用 score template 生成空白台账）${p.found ? `；现有工作表：${s(p, 'found')}` : ''}`, (p) => `add a sheet named "${s(p, 'sheet')}" as in the template (score template writes a blank ledger)${p.found ? `; sheets found: ${s(p, 'found')}` : ''}`),
  READ_INFO_MISSING: def('warning', () => '缺少“说明”工作表，无法从台账得知方案、支部和年度', () => 'the 说明 sheet is missing, so the scheme, branch and year are not known from the ledger', () => '请添加“说明”工作表（A 列填 方案、支部、年度，B 列填值），或在命令中用 --scheme 指定方案', () => 'add a 说明 sheet (keys 方案, 支部, 年度 in column A, values in column B), or pass --scheme'),
  READ_BAD_YEAR: def('error', () => '“年度”不是有效的年份', () => '年度 is not a valid year', () => '请填写四位年份，例如 2023', () => 'write a four-digit year, e.g. 2023'),
  READ_HEADER_NOT_FOUND: def('error', (p) => `在前 ${s(p, 'rows')} 行中找不到表头（需要：${s(p, 'labels')}）`, (p) => `no header row found in the first ${s(p, 'rows')} rows (needed: ${s(p, 'labels')})`, () => '请保留模板中的表头行，列名如“姓名”不要改写或删除', () => 'keep the header row of the template; do not rename or delete column labels such as 姓名'),
  READ_COLUMN_MISSING: def('error', (p) => `表头中缺少“${s(p, 'label')}”列`, (p) => `the header has no "${s(p, 'label')}" column`, (p) => `请在表头中添加“${s(p, 'label')}”列（列的顺序不限）`, (p) => `add a "${s(p, 'label')}" column to the header (any position)`),
  READ_NOT_A_NUMBER: def('error', () => '这里应当是数字，但填写的内容无法识别为数字', () => 'a number is expected here, but the content is not a number', () => '请只填写数字（如 8 或 8.5），不要带文字、单位或多个小数点', () => 'write only a number (e.g. 8 or 8.5), without words, units or extra dots'),
  READ_FORMULA_NO_CACHE: def('error', () => '单元格是公式，但文件中没有保存计算结果', () => 'the cell holds a formula but the file has no saved result for it', () => '请用 Excel/WPS 打开文件，按 F9 重新计算后保存；或把公式换成数值', () => 'open the file in Excel/WPS, recalculate (F9) and save; or replace the formula by its value'),
  READ_FORMULA_ERROR: def('error', (p) => `单元格的公式计算出错（${s(p, 'error')}）`, (p) => `the cell's formula gives an error (${s(p, 'error')})`, () => '请检查公式引用的单元格（如除数为 0、引用已删除），改正后保存', () => 'check the cells the formula uses (division by zero, deleted references) and save again'),
  READ_BAD_DATE: def('error', () => '日期无法识别', () => 'the date cannot be read', () => '请写成 2023-03-05、2023/3/5、2023.3.5 或 2023年3月5日，或使用 Excel 日期格式', () => 'write it as 2023-03-05, 2023/3/5, 2023.3.5 or 2023年3月5日, or use an Excel date'),
  READ_ID_PRECISION: def('warning', () => '编号/身份证号以数字形式保存，超过 15 位的数字已被 Excel 截断', () => 'the ID is stored as a number; Excel keeps only 15 digits, so digits were lost', () => '请先把该列设为“文本”格式，再重新输入完整编号（或在编号前加英文单引号）', () => 'format the column as Text and type the full ID again (or start it with an apostrophe)'),
  READ_TOO_MANY_ROWS: def('error', (p) => `数据行超过上限 ${s(p, 'limit')} 行，其后的行未读取`, (p) => `more than ${s(p, 'limit')} data rows; the rest was not read`, () => '请删除多余的行，或按支部拆分为多个工作簿', () => 'delete the extra rows or split the workbook by branch'),
  READ_ROW_NO_NAME: def('warning', () => '该行填写了分值但没有姓名，已跳过', () => 'this row has values but no name; it was skipped', () => '请补填姓名（与“名册”一致），或删除该行', () => 'add the name (as in 名册) or delete the row'),
  READ_BAD_PERIOD: def('error', (p) => `“${s(p, 'label')}”不是本周期的记录期（应为 ${s(p, 'expected')} 之一）`, (p) => `"${s(p, 'label')}" is not a record period of this cycle (expected one of ${s(p, 'expected')})`, () => '请在“月份”列写 1月、2月 … 这样的月份', () => 'write months such as 1月, 2月 … in the 月份 column'),
  READ_CARD_NO_NAME: def('error', () => '积分管理记录表中找不到“姓名”', () => 'the record card has no 姓名 (name)', () => '请在表头上方填写“姓名”及其后的党员姓名', () => 'write 姓名 and the member name above the table'),
  READ_HISTORY_NO_YEAR: def('warning', () => '无法确定该评定结果属于哪一年度，已跳过', () => 'cannot tell which cycle this result belongs to; skipped', () => '请在标题中写明年度（如“2022年度党员积分评定结果”），或在“说明”表中填写 年度', () => 'put the year in the title (e.g. 2022年度…) or a 年度 key in a 说明 sheet'),
  READ_NO_FORM: def('error', (p) => `工作簿中找不到${s(p, 'form')}（没有含“${s(p, 'labels')}”表头的工作表）`, (p) => `no ${s(p, 'form')} found in the workbook (no sheet with a header containing ${s(p, 'labels')})`, () => '请确认选择了正确的文件，并保留表格的表头行', () => 'check you chose the right file and kept the header row'),
} satisfies Catalogue;

export type ReadCode = keyof typeof READ_CATALOGUE;
