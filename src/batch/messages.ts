// Messages of the batch layer (what a file is to the batch: a ledger without scheme or year, another
// form, a branch twice): the layer's one catalogue, built by the one constructor (`message`,
// core/diagnostics.ts). Each code: severity, parameters, what is wrong and what to do, in both languages.
import { type ArgsOf, type MessageDef, message, str } from '../core/diagnostics.js';
import { UsageError } from './exit.js';
import { t } from './i18n.js';

/** Why one of two results of a year is used (HISTORY_SECOND_CANDIDATE): `why` names the rule that chose it. */
type Why = { why?: string | number; usedName?: string | number; droppedName?: string | number; time?: string | number };
const whyZh = (p: Why): string =>
  p.why === 'edited' ? `${p.droppedName} 在 score 写出后又被修改过` : p.why === 'named' ? `${p.usedName} 是 score 写出时的文件名` : p.why === 'complete' ? `${p.droppedName} 有台账未计入` : `${p.usedName} 是较晚的一次运行（${p.time}）`;
const whyEn = (p: Why): string =>
  p.why === 'edited' ? `${p.droppedName} was changed after score wrote it` : p.why === 'named' ? `${p.usedName} has the name score gave it` : p.why === 'complete' ? `${p.droppedName} left ledgers out` : `${p.usedName} is the later run (${p.time})`;

/** Spreadsheets of other programs, by extension (INPUT_OTHER_FORMAT `kind`). */
export const OTHER_FORMATS: Record<string, readonly [string, string]> = {
  '.xlsb': ['Excel 二进制工作簿（.xlsb）不能读取', 'binary workbooks (.xlsb) are not read'],
  '.xltx': ['Excel 模板（.xltx）不读取', 'Excel templates (.xltx) are not read'],
  '.xltm': ['Excel 模板（.xltm）不读取', 'Excel templates (.xltm) are not read'],
  '.ett': ['WPS 表格模板（.ett）不能读取', 'WPS templates (.ett) are not read'],
  '.csv': ['CSV 文本文件不是台账工作簿', 'a CSV text file is not a ledger workbook'],
  '.ods': ['OpenDocument 表格（.ods）不能读取', 'OpenDocument spreadsheets (.ods) are not read'],
  '.numbers': ['Numbers 表格不能读取', 'Numbers spreadsheets are not read'],
};

const none = (): string => '';

/** A file system error in words a clerk understands (OUTPUT_WRITE_FAILED, OUTPUT_REPLACE_FAILED `why`), by errno. */
export const FILE_ERRORS: Record<string, readonly [string, string]> = {
  ENOSPC: ['磁盘空间不足', 'the disk is full'],
  EDQUOT: ['磁盘配额已用完', 'the disk quota is used up'],
  EFBIG: ['文件超过了允许的大小', 'the file exceeds the size allowed'],
  EACCES: ['没有写入这个文件夹的权限', 'no permission to write there'],
  EPERM: ['文件正被其他程序（如 Excel、WPS）占用，或没有权限', 'the file is in use by another program (Excel, WPS) or not permitted'],
  EBUSY: ['文件正被其他程序（如 Excel、WPS）占用', 'the file is in use by another program (Excel, WPS)'],
  EROFS: ['磁盘是只读的', 'the disk is read-only'],
  ENOENT: ['文件夹不存在或已被移走', 'the folder does not exist or was moved'],
  ENOTDIR: ['路径中有一段不是文件夹', 'a part of the path is not a folder'],
  ENAMETOOLONG: ['路径太长', 'the path is too long'],
  EMFILE: ['同时打开的文件太多', 'too many open files'],
  other: ['无法写入', 'could not be written'],
};

/** A file named with its size and time (12.3 KB, 2023-03-01 09:30), as INPUT_DUPLICATE_BRANCH lists copies. */
export const fileWithDate = (name: string, size: string, when: string): string => t(`${name}（${size}，${when} 修改）`, `${name} (${size}, modified ${when})`);

export const INPUT_MESSAGES = {
  INPUT_NO_SCHEME: message('error', [], () => '没有指定计分方案：「说明」表中没有「方案」，也没有 --scheme', () => 'no scheme: the 说明 sheet names none and --scheme was not given', () => '在「说明」表填写方案（如 township），或加 --scheme township', () => 'fill 方案 in 说明 or pass --scheme'),
  INPUT_BAD_SCHEME: message('error', ['found', 'why'], (p) => `「说明」表中的方案「${p.found}」无法使用：${p.why}`, (p) => `scheme ${p.found} named in 说明 cannot be used: ${p.why}`, () => '改为内置方案 id（score schemes 列出），或加 --scheme', () => 'use a built-in id (score schemes) or --scheme'),
  INPUT_APPLICATION_FORM: message('error', [], () => '这是积分申请表，不是积分台账', () => 'this is an application form (积分申请表), not a ledger', () => '用 score apply 申请表.xlsx --ledger 台账.xlsx 审核并录入；台账和申请表请放在不同的文件夹', () => 'use score apply FORM --ledger LEDGER; keep forms and ledgers in separate folders'),
  INPUT_SUMMARY_FORM: message('error', ['why'], (p) => (p.why === 'several' ? '这是多个支部的评分汇总（如 score grade 写出的评定结果），不是一个支部报送的台账或评分汇总表' : '这是评分汇总表（附件3：每人全年各部分的合计），没有“说明”表写明方案，也没有用 --scheme 指定：不知道按哪个方案的各部分读取'), (p) => (p.why === 'several' ? 'this holds the summaries of several branches (such as the results score grade writes), not one branch\'s ledger or 评分汇总表' : 'this is a 评分汇总表 (the seed\'s 附件3: each member\'s yearly part totals) and neither a 说明 sheet nor --scheme names the scheme: its parts cannot be read'), (p) => (p.why === 'several' ? '把它移出台账文件夹（score grade 写出的结果可用来核对，不作为输入）；每个支部报送自己的台账或评分汇总表' : '用 --scheme 指定方案（如 --scheme township），按汇总表评定年度积分；需要核对每月记分时，请支部报送积分台账（score template 可生成空白台账）'), (p) => (p.why === 'several' ? 'move it out of the ledgers folder (results score wrote are for checking, not input); each branch sends its own ledger or summary' : 'pass --scheme (e.g. --scheme township) to grade the year from the summary; to check the months, ask the branch for its ledger')),
  INPUT_DUPLICATE_BRANCH: message('error', ['branch', 'files', 'n', 'year'], 
    (p) => `支部「${p.branch}」${p.year} 年度在本批中有 ${p.n} 个台账：${p.files}；同一支部同一年度只能有一个，否则会重复计分，该支部暂不计入`,
    (p) => `branch ${p.branch} has ${p.n} ledgers for ${p.year} in this batch: ${p.files}; it would be counted twice and is left out`,
    () => '保留正确的一个，把其他文件移出文件夹后再运行（录入积分申请后写出的 …_已录入申请.xlsx 是新台账：用它替换原台账）',
    () => 'keep the right one and move the others out of the folder (a …_已录入申请.xlsx from score apply replaces the original)',
  ),
  INPUT_NO_YEAR: message('error', [], () => '不知道是哪个年度：「说明」表没有「年度」，命令也没有给出', () => 'unknown cycle: no 年度 in 说明 and none given', () => '在「说明」表填写年度，或加 --year / --period', () => 'fill 年度 in 说明 or pass --year / --period'),
  INPUT_READ_OUT_OF_MEMORY: message('error', ['mb'], (p) => `文件内容太多，读取时超过 ${p.mb} MB 内存上限`, (p) => `the workbook needs more than ${p.mb} MB to read`, () => '请按支部拆分后再处理', () => 'split it by branch'),
  // Files a folder holds that are not read (listed as 未计入 with the fix).
  INPUT_OTHER_FORMAT: message('error', ['kind', 'name'], (p) => (OTHER_FORMATS[str(p.kind)] ?? OTHER_FORMATS['.csv']!)[0], (p) => (OTHER_FORMATS[str(p.kind)] ?? OTHER_FORMATS['.csv']!)[1], (p) => `用 Excel 或 WPS 打开「${p.name}」，另存为「Excel 工作簿（*.xlsx）」后再运行`, (p) => `open ${p.name} in Excel or WPS and save it as an Excel workbook (*.xlsx)`),
  INPUT_NAME_TRAILING: message('error', ['clean'], () => '文件名末尾有空格或句点（Windows 下无法正常打开）', () => 'the name ends with a space or dot (Windows cannot open it)', (p) => `把文件重命名为「${p.clean}」`, (p) => `rename it to ${p.clean}`),
  INPUT_HIDDEN_FILE: message('error', [], () => '隐藏文件（名称以「.」开头，常见于 Mac 拷贝留下的副本）', () => 'a hidden file (the name starts with a dot, often a Mac copy artefact)', () => '如果它是台账，去掉名称开头的「.」；否则删除它', () => 'if it is a ledger, remove the leading dot; else delete it'),
  INPUT_FOLDER_UNREADABLE: message('error', ['reason'], (p) => `文件夹无法打开：${p.reason}`, (p) => `the folder cannot be opened: ${p.reason}`, () => '检查文件夹的访问权限', () => 'check the folder permissions'),
  INPUT_NOT_REGULAR: message('error', [], () => '不是普通文件（管道、设备或套接字）', () => 'not a regular file (a pipe, device or socket)', () => '把台账作为普通文件保存到文件夹里', () => 'save the ledger as a regular file in the folder'),
  INPUT_LINK_BROKEN: message('error', [], () => '快捷方式（符号链接）指向的文件不存在', () => 'a symbolic link to a file that does not exist', () => '删除这个链接，把台账本身放进文件夹', () => 'delete the link and put the ledger itself in the folder'),
  INPUT_LINK_OUTSIDE: message('error', ['target'], (p) => `快捷方式（符号链接）指向文件夹以外：${p.target}`, (p) => `a symbolic link pointing outside the folder: ${p.target}`, () => '把台账本身复制到文件夹里，或在命令中直接写出它的路径', () => 'copy the ledger itself into the folder, or give its path on the command line'),
  INPUT_OTHER_YEAR: message('error', ['found', 'want'], (p) => `「说明」表的年度是 ${p.found}，不是 ${p.want}`, (p) => `its 说明 says ${p.found}, not ${p.want}`, (p) => `这是 ${p.found} 年度的台账：移到别的文件夹，或用 --year ${p.found} 单独处理`, (p) => `a ${p.found} ledger: move it to another folder, or run with --year ${p.found}`),
  INPUT_OTHER_SCHEME: message(
    'error',
    ['scheme', 'own', 'batchScheme', 'batch'],
    (p) => `使用的方案是 ${p.scheme}（本批 ${p.own} 个台账），与本批评定所用的 ${p.batchScheme}（${p.batch} 个台账）不同：一批只按一个方案评定`,
    (p) => `uses scheme ${p.scheme} (${p.own} ledgers of this batch), not ${p.batchScheme} (${p.batch} ledgers), which this batch is graded by: one batch, one scheme`,
    (p) => `请把 ${p.scheme} 的台账放到另一个文件夹单独处理，或改正其「说明」表的方案`,
    (p) => `put the ${p.scheme} ledgers in another folder, or correct 方案 in their 说明 sheet`,
  ),
  // Earlier results (--history): files passed by, with the reason.
  HISTORY_NOT_STAMPED: message('warning', ['file'], (p) => `${p.file} 不是 score 写出的评定结果（没有 score 的标记），不作为往年结果`, (p) => `${p.file} was not written by score (no score stamp): not used as earlier results`, () => '往年结果请用 score grade 写出的评定结果文件（不要另存或重新制作）', () => 'give the results file score grade wrote (not a copy saved by hand)'),
  HISTORY_SECOND_CANDIDATE: message(
    'warning',
    ['year', 'used', 'dropped', 'usedName', 'droppedName', 'why', 'time'],
    (p) => `${p.year} 年度有两份评定结果：${p.used} 和 ${p.dropped}；使用 ${p.usedName}（${whyZh(p)}），不使用 ${p.droppedName}`,
    (p) => `two results for ${p.year}: ${p.used} and ${p.dropped}; ${p.usedName} is used (${whyEn(p)}), ${p.droppedName} is not`,
    (p) => `每个年度只保留一份评定结果：把 ${p.droppedName} 移出文件夹`,
    (p) => `keep one result per year: move ${p.droppedName} out of the folder`,
  ),
  // Usage errors of the files given (exit 2): the text says what to do, the fix is empty.
  INPUT_PATH_NOT_FOUND: message('error', ['path'], (p) => `找不到文件或文件夹：${p.path}`, (p) => `no such file or folder: ${p.path}`, none, none),
  INPUT_OPTION_IS_FOLDER: message('error', ['option', 'file'], (p) => `${p.option} 应是一个工作簿文件，「${p.file}」是文件夹`, (p) => `${p.option} takes a workbook file; ${p.file} is a folder`, none, none),
  // Notes on files and folders passed by that need no action (said unless --quiet).
  INPUT_NOTE_LOCK_FILE: message('warning', ['file'], (p) => `跳过 ${p.file}：Excel/WPS 打开文件时生成的临时锁文件`, (p) => `passed by ${p.file}: a lock file Excel/WPS makes while a file is open`, none, none),
  INPUT_NOTE_OUTPUT_FOLDER: message('warning', ['dir'], (p) => `不读取输出文件夹 ${p.dir}（本程序写出的结果）`, (p) => `not reading the output folder ${p.dir}`, none, none),
  INPUT_NOTE_PREVIOUS_FOLDER: message('warning', ['dir'], (p) => `不读取 ${p.dir}（重新运行时保存的上一版输出，不作为台账或往年结果）`, (p) => `not reading ${p.dir} (previous outputs kept by a re-run; never input or history)`, none, none),
  INPUT_NOTE_OWN_RESULT: message('warning', ['file'], (p) => `不读取 ${p.file}（本程序写出的结果，不是台账）`, (p) => `not reading ${p.file} (a result score wrote, not a ledger)`, none, none),
  INPUT_NOTE_LINK: message('warning', ['link', 'target'], (p) => `${p.link} 是指向 ${p.target} 的链接：按原文件读取一次`, (p) => `${p.link} links to ${p.target}: read once as the original`, none, none),
  // Writing the outputs (all or none, src/batch/write.ts): why a set is not written; each text says what to do.
  OUTPUT_NOT_OURS: message('error', ['target', 'previous'], (p) => `${p.target} 已存在，但不是 score 写出的结果，不替换。要替换它请加 --force（原文件会保留在「${p.previous}」文件夹），或用 --out 换一个输出文件夹`, (p) => `${p.target} exists and was not written by score: not replaced. Use --force to replace it (the file is kept in ${p.previous}) or another --out folder`, none, none),
  OUTPUT_EDITED: message('error', ['target', 'modified', 'previous'], (p) => `${p.target} 是 score 写出的，但之后又在 Excel 或 WPS 里修改、保存过（${p.modified ?? ''}），不替换，以免丢掉改动。要替换它请加 --force（原文件会保留在「${p.previous}」文件夹），或用 --out 换一个输出文件夹`, (p) => `${p.target} was written by score but changed and saved since (${p.modified ?? ''}): not replaced, so no change is lost. Use --force to replace it (kept in ${p.previous}) or another --out folder`, none, none),
  OUTPUT_COMPLETE_KEPT: message('error', ['target', 'date', 'n'], (p) => `${p.target} 是 ${p.date} 全部台账计入的结果；本次有 ${p.n} 个文件未计入，不用不完整的结果替换它。改好未计入的文件后再运行；确实要替换请加 --force`, (p) => `${p.target} is a complete result of ${p.date}; ${p.n} file(s) were left out this time, so it is not replaced by a partial one. Fix them and run again, or use --force`, none, none),
  OUTPUT_TWICE: message('error', ['target'], (p) => `${p.target} 在本次输出中出现两次`, (p) => `${p.target} appears twice in this output`, none, none),
  OUTPUT_WRITE_FAILED: message('error', ['target', 'why'], (p) => `写出 ${p.target} 失败：${p.why}`, (p) => `writing ${p.target} failed: ${p.why}`, none, none),
  OUTPUT_OPEN_ELSEWHERE: message('error', ['file'], (p) => `${p.file} 正在被 Excel 或 WPS 打开，无法替换。关闭这个文件后再运行一次`, (p) => `${p.file} is open in Excel or WPS and cannot be replaced: close it and run again`, none, none),
  OUTPUT_REPLACE_FAILED: message('error', ['target', 'why'], (p) => `未写出：替换 ${p.target} 时失败（${p.why}）`, (p) => `not written: replacing ${p.target} failed (${p.why})`, none, none),
  OUTPUT_RESTORED: message('error', [], () => '已恢复原来的文件：本次的输出文件一个也没有写出（要么全部写出，要么都不写）。关闭正在使用这些文件的程序后再运行一次', () => "the earlier files are back in place: none of this run's outputs was written (all or none). Close any program using these files and run again", none, none),
  OUTPUT_RESTORE_FAILED: message('error', ['dir', 'previous'], (p) => `恢复原来的文件时也失败了：请查看 ${p.dir} 和其中的「${p.previous}」文件夹`, (p) => `restoring the earlier files failed too: check ${p.dir} and its ${p.previous} folder`, none, none),
  OUTPUT_NONE_WRITTEN: message('error', [], () => '本次的输出文件一个也没有写出（要么全部写出，要么都不写）', () => "none of this run's outputs was written (all or none)", none, none),
  OUTPUT_STALE_TEMPS: message('warning', ['n', 'dir'], (p) => `已清理上次中断留下的 ${p.n} 个临时文件（${p.dir}）`, (p) => `removed ${p.n} temporary file(s) left by an interrupted run (${p.dir})`, none, none),
  OUTPUT_PREVIOUS_MOVED: message('warning', ['dir'], (p) => `同名的上一版结果已移到 ${p.dir}`, (p) => `the previous results of the same names were moved to ${p.dir}`, none, none),
};

/** Every code of the batch layer. */
export type InputCode = keyof typeof INPUT_MESSAGES;

/** An entry's message in the interface language (a coded warning that is not at a cell: history, batch notes). */
export function say<K extends InputCode>(code: K, params: ArgsOf<(typeof INPUT_MESSAGES)[K]>): string {
  const def = INPUT_MESSAGES[code] as MessageDef<string>;
  return t(def.zh(params), def.en(params));
}

/** A usage error (exit 2) whose text is the entry's. */
export function usage<K extends InputCode>(code: K, params: ArgsOf<(typeof INPUT_MESSAGES)[K]>): UsageError {
  return new UsageError(say(code, params));
}

/** A file left out of the batch (未计入): the entry's code, reason and fix in the interface language. */
export function leftOut<K extends InputCode>(file: string, code: K, params: ArgsOf<(typeof INPUT_MESSAGES)[K]>): { file: string; code: K; reason: string; fix: string } {
  const def = INPUT_MESSAGES[code] as MessageDef<string>;
  return { file, code, reason: t(def.zh(params), def.en(params)), fix: t(def.fixZh(params), def.fixEn(params)) };
}
