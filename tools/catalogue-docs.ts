// What the message catalogues document (issue 24, build 1): fixtures/invalid/README.md (each planted
// problem with its code's severity, message and fix as the catalogue has them) and the README's table
// "score 拒绝什么，为什么" (each case with the codes that say it). `npm run catalogue` writes both;
// test/docs/catalogue.test.ts fails when either differs from what this writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INPUT_MESSAGES, type InputCode } from '../src/batch/messages.js';
import type { Catalogue, MessageDef } from '../src/core/diagnostics.js';
import { CHECK_MESSAGES, type CheckCode, HISTORY_MESSAGES } from '../src/core/messages.js';
import { READ_CATALOGUE, type ReadCode } from '../src/excel/read/catalogue.js';
import { SCHEME_MESSAGES, type SchemeCode } from '../src/scheme/messages.js';

/** Every catalogue, one per layer, lowest first. */
export const CATALOGUES = [
  { layer: 'scheme', module: 'src/scheme/messages.ts', entries: SCHEME_MESSAGES },
  { layer: 'core', module: 'src/core/messages.ts', entries: CHECK_MESSAGES },
  { layer: 'core', module: 'src/core/messages.ts', entries: HISTORY_MESSAGES },
  { layer: 'excel', module: 'src/excel/read/catalogue.ts', entries: READ_CATALOGUE },
  { layer: 'batch', module: 'src/batch/messages.ts', entries: INPUT_MESSAGES },
] as const satisfies readonly { layer: string; module: string; entries: Catalogue }[];

type AnyCode = SchemeCode | CheckCode | ReadCode | InputCode;

/** The entry of a code, in whichever catalogue has it. */
export function entryOf(code: string): MessageDef<string> | undefined {
  for (const c of CATALOGUES) {
    const e = (c.entries as Catalogue)[code];
    if (e) return e as MessageDef<string>;
  }
  return undefined;
}

/** An entry's text with each parameter shown as ‹name› (the template a reader of the docs needs). */
export function template(def: MessageDef<string>, part: 'zh' | 'en' | 'fixZh' | 'fixEn'): string {
  const p = Object.fromEntries(def.params.map((k) => [k, `‹${k}›`]));
  return def[part](p).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const severityText = (s: string): string => (s === 'error' ? '错误 error' : '警告 warning');

export interface InvalidRow {
  file: string;
  code: string;
  severity: string;
  scheme: string;
  args: string[];
  sheet: string;
  cell: string | null;
  what: string;
}

/** fixtures/invalid/README.md from its expected.json and the catalogue. */
export function invalidReadme(rows: readonly InvalidRow[]): string {
  const lines = [
    '# fixtures/invalid — 每个文件只有一个问题 / one planted problem per file',
    '',
    '<!-- 由 npm run catalogue 从 expected.json 和信息目录（src/core/messages.ts）生成，请勿手改 / written by npm run catalogue from expected.json and the catalogue: do not edit -->',
    '',
    '每个文件是一份小而正确的台账（4 名党员，2023 年度），只埋了一个问题，文件名就是 `score validate` 应报告的代码。',
    '检查时除了这一条，不应再有任何错误或警告。`expected.json` 是同一张表的机器可读版本（测试用它）。',
    '',
    'Each file is a small valid ledger (4 members, cycle 2023) with exactly one planted problem; the file is named',
    'after the code `score validate` must report, at the sheet and cell below, and nothing else.',
    '`expected.json` holds the same table for the tests. Regenerate with `npx tsc -p . && npm run fixtures`.',
    '',
    '注意 / note: `LEDGER_OTHER_SCHEME.xlsx` 的「说明」写的是 vanguard，须用 `--scheme township` 检查；',
    '`LEDGER_OTHER_YEAR.xlsx` 的「说明」写的是 2022，须用 `--year 2023` 检查。其余文件不需要额外参数（方案和年度取自「说明」）。',
    '',
    '| 文件 file | 命令 command | 代码 code | 级别 | 表 sheet | 单元格 cell | 埋入的问题 what was planted |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const def = entryOf(r.code);
    if (!def) throw new Error(`fixtures/invalid/${r.file}: ${r.code} is in no catalogue`);
    const cmd = ['node bin/score.js validate', `fixtures/invalid/${r.file}`, ...r.args].join(' ');
    lines.push(`| ${r.file} | \`${cmd}\` | ${r.code} | ${severityText(def.severity)} | ${r.sheet} | ${r.cell ?? '—'} | ${r.what}${r.scheme !== 'township' && !r.what.includes(r.scheme) ? `（方案 ${r.scheme}）` : ''} |`);
  }
  lines.push('', '单元格为“—”的问题指向整张表（如「5月」缺少某人的一行、「说明」表的方案或年度、全年加分合计）。', 'A “—” cell means the problem is about the whole sheet.', '');
  lines.push(
    '## 信息与处理办法 / message and fix',
    '',
    '每个代码在信息目录 `src/core/messages.ts` 中的原文；‹…› 是运行时填入的值（姓名、表、分数……）。',
    'Each code as the catalogue words it; ‹…› is filled in at run time.',
    '',
    '| 代码 code | 信息 message | 处理办法 fix |',
    '|---|---|---|',
  );
  for (const r of rows) {
    const def = entryOf(r.code)!;
    lines.push(`| ${r.code} | ${template(def, 'zh')}<br>${template(def, 'en')} | ${template(def, 'fixZh')}<br>${template(def, 'fixEn')} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The README's refusals: each case, what score does, and the codes that say so (none: a usage error or no message). */
export const REFUSALS: readonly { case: string; handling: string; codes: readonly AnyCode[] }[] = [
  { case: '空文件、随机字节、CSV 改名为 .xlsx', handling: '说明真实原因，请用 Excel/WPS 另存为 .xlsx', codes: ['READ_EMPTY_FILE', 'READ_NOT_ZIP', 'READ_CSV_TEXT'] },
  {
    case: '旧版 .xls / WPS .et（OLE 格式）',
    handling: '直接读取（读到的值与另存为 .xlsx 后逐格相同）；大于 6 MB 的拒绝（读取它要约 40 倍的内存，另存为 .xlsx 则没有这个限制）；`score apply` 不能写回这种格式：退出码 1，请另存为 .xlsx 后再录入',
    codes: ['READ_FILE_TOO_LARGE', 'READ_OLD_XLS'],
  },
  { case: '改名为 .xls/.et 的 Word、PowerPoint 等其他 OLE 文件', handling: '说明它实际是什么文件，拒绝', codes: ['READ_OLE_NOT_WORKBOOK'] },
  { case: '设了打开密码的工作簿', handling: '请先取消密码保护后另存', codes: ['READ_ENCRYPTED'] },
  { case: '截断或损坏的压缩包、内部某个部分损坏', handling: '指出损坏的部分；从不“静默成功”', codes: ['READ_TRUNCATED', 'READ_CORRUPT_ZIP'] },
  {
    case: '文件大于 50 MB；解压后总量大于 300 MB 或单个部分大于 200 MB；压缩比大于 200（≥10 MB 的部分）；超过 10,000 个压缩条目',
    handling: '视为压缩炸弹或异常文件，拒绝',
    codes: ['READ_FILE_TOO_LARGE', 'READ_ZIP_TOO_LARGE', 'READ_ZIP_PART_TOO_LARGE', 'READ_ZIP_BOMB'],
  },
  { case: '一张表超过 200,000 行，或合并单元格覆盖超过 100,000 格（如 `A1:XFD1048576`）', handling: '解析前拒绝（否则会耗尽内存）', codes: ['READ_SHEET_TOO_LARGE', 'READ_MERGE_TOO_LARGE'] },
  { case: '一张表的数据超过 20,000 行', handling: '读前 20,000 行并报告', codes: ['READ_TOO_MANY_ROWS'] },
  {
    case: '一张表填了内容的行超过 21,000 行或单元格超过 2,000,000 个（表格下方的大量杂乱内容）',
    handling: '读取时边读边数，超过即拒绝，指出工作表；单个文件的命令峰值内存不超过 512 MB（测试中用 `/usr/bin/time` 测量：空行之后 160,000 行杂乱内容约 190–260 MB）',
    codes: ['READ_SHEET_TOO_MANY_USED_ROWS', 'READ_SHEET_TOO_MANY_CELLS'],
  },
  { case: '表格中间的空行（无论多少行）', handling: '不分隔表格：空行下面的行照常读取；合计行、签字行下面还有填了数字的行时在该行报错', codes: ['READ_ROWS_AFTER_TOTAL'] },
  { case: '一行的姓名和编号不是名册中的同一名党员', handling: '在该行报错，同时写出两人，不按编号或姓名猜是谁', codes: ['RECORD_NAME_ID_MISMATCH'] },
  {
    case: '同一党员在同一月（季）表有两行；同一单元格在文件中写了两次（`<c r="D4">` 两次）；表头有两列同名',
    handling: '在该单元格报错，不静默取其中之一',
    codes: ['RECORD_DUPLICATE_ROW', 'READ_CELL_DUPLICATE', 'READ_CELL_DUPLICATE_PART', 'READ_COLUMN_DUPLICATE'],
  },
  {
    case: '单元格在 Excel 的表格范围之外（第 1,048,577 行）、引用了不存在的共享文字、文件名不是 UTF-8 编码',
    handling: '拒绝，指出工作表和单元格（或说明文件名编码），而不是“文件不存在”',
    codes: ['READ_CELL_OUTSIDE_GRID', 'READ_SHARED_STRING_MISSING', 'READ_FILE_NAME_ENCODING'],
  },
  {
    case: '数字格式让单元格显示成另一个数（`"8"`）或不显示（`;;;`）；设了“打开时重新计算”的工作簿中公式保存的旧结果',
    handling: '在该单元格警告，写明按哪个数计分；这种工作簿的合计列由 score 重新相加',
    codes: ['READ_SHOWN_OTHER', 'READ_FORMULA_RECALC'],
  },
  { case: '`apply` 的台账写入程序打不开，或读出的内容与计分时不同', handling: '拒绝（退出码 1），说明原因，不写出新台账，也不报“通过”', codes: [] },
  { case: '表头不在前 10 行', handling: '报告找不到表头', codes: ['READ_HEADER_NOT_FOUND'] },
  {
    case: '「说明」表的方案写的是文件路径（`台账/说明.json`、`/dev/zero`、`/etc/passwd`）或任何不是内置方案 id 的内容',
    handling: '在该单元格报错并列出内置方案 id；该台账未计入，其余支部不受影响。方案文件只能用命令行 `--scheme 文件` 给出',
    codes: ['INPUT_BAD_SCHEME', 'SCHEME_NOT_BUILTIN'],
  },
  {
    case: '`--scheme` 给的不是普通文件（设备、管道、文件夹）、超过 1 MB，或不是有效的 JSON',
    handling: '用法错误（退出码 2）；只说第几行第几列，从不引用文件内容',
    codes: ['SCHEME_FILE_NOT_REGULAR', 'SCHEME_FILE_TOO_LARGE', 'SCHEME_BAD_JSON'],
  },
  { case: '一批台账写了不同的方案', handling: '按多数的方案评定；其余台账未计入，理由里写明两个方案和各有几个台账', codes: [] },
  { case: '两张工作表的名称看起来相同（「1月」与「1月 」「１月」、完全重名，含隐藏表）', handling: '在工作簿报错，不猜用哪一张；隐藏的表从不顶替可见的表', codes: ['READ_SHEET_SAME_NAME'] },
  { case: '记录表只以隐藏表存在', handling: '照常读取并警告“这张工作表是隐藏的”', codes: ['READ_SHEET_HIDDEN'] },
  { case: '压缩包里有两个同名部件（不区分大小写）', handling: '拒绝（不同程序会读到不同的那份）', codes: ['READ_ZIP_DUPLICATE'] },
  { case: '某个部件的 CRC-32 或解压后大小与目录不符（如未压缩的 zip 被改了几个字节）', handling: '拒绝，指出该部件', codes: ['READ_CORRUPT_ZIP'] },
  { case: '数字写成 Excel 不会写的样子（`<v>0x0A</v>`、`Infinity`、`1_000`）', handling: '在该单元格报“不是数字”，两种读取器一致', codes: ['READ_NOT_A_NUMBER'] },
  { case: '文字放在 CDATA 里', handling: '按文字读取（两种读取器一致）', codes: [] },
  {
    case: '姓名含 U+FFFD（�）或控制字符、只有空格或看不见的字符、超过 50 个字符；支部超过 100 个字符',
    handling: '在该单元格报错',
    codes: ['READ_NAME_DAMAGED', 'READ_NAME_CONTROL', 'READ_NAME_EMPTY', 'READ_NAME_TOO_LONG'],
  },
  { case: '姓名含文字方向控制符或零宽字符', handling: '警告；数据原样保留，终端里显示成 `<U+202E>` 这样的可见形式，`--json` 中写成 `\\u202e`', codes: ['READ_NAME_INVISIBLE'] },
  { case: '任何单元格超过 32,767 个字符（Excel 的上限）', handling: '在该单元格报错；写出的工作簿也从不超过这个长度（拼接的长文字截断并注明“已截断”）', codes: ['READ_TEXT_TOO_LONG'] },
  {
    case: '精简读取器读不了、且解压后超过 16 MB 的工作簿（exceljs 需要约 20 倍内存）',
    handling: '拒绝，单个文件的命令峰值内存不超过 512 MB；批量读取时每个读取线程另有 384 MB 上限',
    codes: ['READ_TOO_LARGE_FOR_EXCELJS'],
  },
  { case: '名为 `f.xlsx` 的管道（FIFO）、设备、套接字', handling: '打开前按类型拒绝，不会卡住', codes: ['READ_FILE_UNREADABLE'] },
  { case: '`--out` 在 `/proc`、`/sys`、`/dev` 下（含经由符号链接）', handling: '用法错误，不创建任何东西', codes: [] },
  {
    case: '压缩库和 exceljs 的原始报错（「invalid distance too far back」「Out of bounds. Invalid column letter: XFE」等）',
    handling: '译成一行中文原因和处理办法；原文只在设了 `SCORE_DEBUG=1` 时附上',
    codes: ['READ_EXCEL_FAILED', 'READ_CORRUPT_ZIP'],
  },
];

export const REFUSALS_START = '<!-- refusals: 由 npm run catalogue 从 tools/catalogue-docs.ts 生成，代码取自信息目录 / written by npm run catalogue -->';
export const REFUSALS_END = '<!-- /refusals -->';

/** The refusals table, between its markers. */
export function refusalsTable(): string {
  const lines = [REFUSALS_START, '', '| 情况 | 处理 | 代码 code |', '|---|---|---|'];
  for (const r of REFUSALS) {
    for (const c of r.codes) if (!entryOf(c)) throw new Error(`refusals: ${c} is in no catalogue`);
    lines.push(`| ${r.case} | ${r.handling} | ${r.codes.length ? r.codes.map((c) => `\`${c}\``).join(' ') : '—'} |`);
  }
  lines.push('', REFUSALS_END);
  return lines.join('\n');
}

/** README.md with its refusals table rewritten (the table found by its markers, or by its header the first time). */
export function withRefusals(readme: string): string {
  const start = readme.indexOf(REFUSALS_START);
  if (start >= 0) {
    const end = readme.indexOf(REFUSALS_END, start);
    if (end < 0) throw new Error(`README.md: ${REFUSALS_START} without ${REFUSALS_END}`);
    return readme.slice(0, start) + refusalsTable() + readme.slice(end + REFUSALS_END.length);
  }
  const head = readme.indexOf('| 情况 | 处理 |');
  if (head < 0) throw new Error('README.md: no refusals table (| 情况 | 处理 |)');
  let end = head;
  while (end < readme.length && readme[end] === '|') end = readme.indexOf('\n', end) + 1;
  return `${readme.slice(0, head)}${refusalsTable()}\n${readme.slice(end)}`;
}

/** The files this writes, as they should be: path (from the root) → text. */
export function catalogueDocs(root: string): Map<string, string> {
  const rows = JSON.parse(readFileSync(join(root, 'fixtures', 'invalid', 'expected.json'), 'utf8')) as InvalidRow[];
  return new Map([
    ['fixtures/invalid/README.md', invalidReadme(rows)],
    ['README.md', withRefusals(readFileSync(join(root, 'README.md'), 'utf8'))],
  ]);
}
