// Messages of the scheme layer: every problem a scheme file can have (its bytes, its JSON, its shape,
// its cross-field references) is one entry here, with a stable SCHEME_ code, built by the one
// constructor of every catalogue (core/diagnostics.ts `message`). A problem names the field path;
// its text is the message and, after a colon, the fix.
import { type Args, type ArgsOf, type MessageDef, message, str } from '../core/diagnostics.js';

const none = (): string => '';
/** 「a」、「b」 from a list given as "a, b". */
const quoted = (v: Args<string>[string]): string =>
  str(v)
    .split(', ')
    .map((k) => `「${k}」`)
    .join('、');

/**
 * What a field of the shape must be, by the key the zod schema gives as its message (schema.ts): the
 * text is written here, in both languages; zod's own message (English) is shown for any other check.
 */
const FIELD_RULES: Record<string, readonly [string, string]> = {
  'version-1': ['version 必须是 1（本版本只认识方案语言第 1 版）', 'version must be 1 (this release reads version 1 of the scheme language)'],
  'id-format': ['id 只能用小写字母、数字和连字符，例如 my-township', 'only lowercase letters, digits and hyphens, e.g. my-township'],
};
const fieldRule = (detail: unknown, lang: 0 | 1): string => FIELD_RULES[String(detail ?? '')]?.[lang] ?? String(detail ?? '');

export const SCHEME_MESSAGES = {
  // The file: read only from the command line (--scheme FILE); a ledger names a built-in id.
  SCHEME_NOT_BUILTIN: message('error', ['ids', 'idsEn'], (p) => `这不是内置方案的 id。台账里只能写内置方案：${p.ids}；自定义的方案文件请在命令行用 --scheme 文件名 指定`, (p) => `not a built-in scheme id. A ledger can only name a built-in scheme: ${p.idsEn}; give a scheme file with --scheme FILE on the command line`, none, none),
  SCHEME_NOT_FOUND: message('error', ['ref', 'ids', 'idsEn'], (p) => `没有名为「${p.ref}」的内置方案，也没有这个文件`, (p) => `no built-in scheme or file named ${p.ref}; built-in: ${p.idsEn}`, (p) => `内置方案有 ${p.ids}`, none),
  SCHEME_FILE_NOT_REGULAR: message('error', ['ref'], (p) => `「${p.ref}」不是普通文件（是文件夹、设备或管道）`, (p) => `${p.ref} is not a regular file (a folder, device or pipe)`, () => '请给出方案 JSON 文件', () => 'give a scheme JSON file'),
  SCHEME_FILE_TOO_LARGE: message('error', ['mb'], (p) => `方案文件超过 ${p.mb} MB，不像方案文件`, (p) => `the scheme file is over ${p.mb} MB, which no scheme is`, () => '请检查文件名', () => 'check the file name'),
  SCHEME_FILE_UNREADABLE: message('error', ['code'], (p) => `方案文件无法读取（${p.code}）`, (p) => `the scheme file cannot be read (${p.code})`, () => '请检查文件权限', () => 'check its permissions'),
  SCHEME_NOT_UTF8: message('error', [], () => '不是 UTF-8 编码的文本（可能是用“ANSI/GBK”保存的）', () => 'not UTF-8 text (saved as ANSI/GBK?)', () => '请用记事本打开，“另存为”时编码选 UTF-8', () => 'open it in Notepad and "Save as" with encoding UTF-8'),
  SCHEME_BAD_JSON: message('error', ['line', 'col'], (p) => `不是有效的 JSON${p.line ? `（第 ${p.line} 行第 ${p.col} 列附近）` : ''}。请检查逗号、引号和括号`, (p) => `not valid JSON${p.line ? ` (near line ${p.line}, column ${p.col})` : ''}`, none, none),

  // The shape (the zod schema): `where` is the field path, or 顶层 for the whole file.
  SCHEME_FIELD_MISSING: message('error', ['where', 'path', 'expected', 'expectedZh'], (p) => `${p.where}：缺少这个字段，请补上（应为 ${p.expectedZh}）`, (p) => `${p.path}: required (${p.expected})`, none, none),
  SCHEME_FIELD_TYPE: message('error', ['where', 'path', 'expected', 'expectedZh', 'received', 'receivedZh'], (p) => `${p.where}：应为 ${p.expectedZh}，实际是 ${p.receivedZh}`, (p) => `${p.path}: expected ${p.expected}, got ${p.received}`, none, none),
  SCHEME_FIELD_TOO_SMALL: message('error', ['where', 'path', 'minimum', 'type', 'detail'], (p) => `${p.where}：不能小于 ${p.minimum}${p.type === 'array' ? ' 项' : p.type === 'string' ? ' 个字符' : ''}`, (p) => `${p.path}: ${p.detail}`, none, none),
  SCHEME_FIELD_TOO_BIG: message('error', ['where', 'path', 'maximum', 'detail'], (p) => `${p.where}：不能大于 ${p.maximum}`, (p) => `${p.path}: ${p.detail}`, none, none),
  SCHEME_FIELD_NOT_OPTION: message('error', ['where', 'path', 'received', 'options', 'detail'], (p) => `${p.where}：「${p.received}」不是可选值，可选：${p.options}`, (p) => `${p.path}: ${p.detail}`, none, none),
  SCHEME_FIELD_UNKNOWN: message('error', ['where', 'path', 'keys'], (p) => `${p.where}：不认识的字段 ${quoted(p.keys)}，请检查拼写（方案语言第 1 版没有这个字段）`, (p) => `${p.path || '(top level)'}: unknown field(s) ${p.keys}`, none, none),
  SCHEME_FIELD_LITERAL: message('error', ['where', 'path', 'expected', 'detail'], (p) => `${p.where}：${fieldRule(p.detail, 0)}`, (p) => `${p.path}: expected ${p.expected}`, none, none),
  SCHEME_FIELD_INVALID: message('error', ['where', 'path', 'detail'], (p) => `${p.where}：${fieldRule(p.detail, 0)}`, (p) => `${p.path}: ${fieldRule(p.detail, 1)}`, none, none),

  // Bands (R12): they tile the whole line, no gap, no overlap.
  SCHEME_BAND_EMPTY: message('error', ['grade', 'min', 'max'], (p) => `等次「${p.grade}」的下限 ${p.min} 不小于上限 ${p.max}`, (p) => `band ${p.grade}: min ${p.min} is not below max ${p.max}`, none, none),
  SCHEME_BANDS_NO_LOWEST: message('error', ['range', 'min'], (p) => `分数 ${p.range} 没有等次`, (p) => `scores below ${p.min} have no band`, () => '最低一档请去掉 min', () => 'drop min on the lowest band'),
  SCHEME_BANDS_NO_HIGHEST: message('error', ['range', 'max'], (p) => `分数 ${p.range} 没有等次`, (p) => `scores above ${p.max} have no band`, () => '最高一档请去掉 max', () => 'drop max on the top band'),
  SCHEME_BANDS_OPEN_INSIDE: message('error', ['lower', 'upper'], (p) => `等次「${p.lower}」与「${p.upper}」重叠`, (p) => `bands ${p.lower} and ${p.upper} overlap`, () => '中间的档必须同时写 min 和 max', () => 'inner bands need both min and max'),
  SCHEME_BANDS_GAP: message('error', ['range', 'lower', 'upper'], (p) => `分数 ${p.range} 没有等次（「${p.lower}」与「${p.upper}」之间有空档）`, (p) => `scores ${p.range} have no band (gap between ${p.lower} and ${p.upper})`, () => '请让相邻两档首尾相接', none),
  SCHEME_BANDS_OVERLAP: message('error', ['range', 'lower', 'upper'], (p) => `分数 ${p.range} 同时属于「${p.lower}」和「${p.upper}」（重叠）`, (p) => `scores ${p.range} fall in both ${p.lower} and ${p.upper} (overlap)`, () => '请让相邻两档首尾相接', none),

  // References between fields.
  SCHEME_DUPLICATE: message('error', ['what', 'path', 'key'], (p) => `${p.what}「${p.key}」重复`, (p) => `duplicate ${p.path} ${p.key}`, () => '请改成唯一的名称', none),
  SCHEME_ITEM_UNKNOWN_COMPONENT: message('error', ['item', 'component', 'options'], (p) => `事项「${p.item}」引用了不存在的组成部分「${p.component}」`, (p) => `item ${p.item}: unknown component ${p.component}`, (p) => `可选 ${p.options}`, none),
  SCHEME_ITEM_UNKNOWN_ENTRY: message('error', ['item', 'component', 'componentId', 'entry'], (p) => `事项「${p.item}」引用了「${p.component}」中不存在的子项「${p.entry}」`, (p) => `item ${p.item}: unknown entry ${p.entry} in ${p.componentId}`, none, none),
  SCHEME_ITEM_UNKNOWN_GROUP: message('error', ['item', 'group'], (p) => `事项「${p.item}」引用了不存在的分类「${p.group}」`, (p) => `item ${p.item}: unknown group ${p.group}`, none, none),
  SCHEME_ITEM_NO_POINTS: message('error', ['item'], (p) => `事项「${p.item}」没有分值`, (p) => `item ${p.item} has no points, levels or range`, () => '请写 points、levels 或 range 之一', none),
  SCHEME_ITEM_RANGE: message('error', ['item'], (p) => `事项「${p.item}」的分值范围下限大于上限`, (p) => `item ${p.item}: range min above max`, none, none),
  SCHEME_COMPONENT_NO_ENTRIES: message('error', ['component', 'kind'], (p) => `组成部分「${p.component}」（${p.kind}）至少要有一个子项（entries）`, (p) => `component ${p.component} needs entries`, none, none),
  SCHEME_EVALUATION_NO_VOTES: message('error', ['component'], (p) => `民主评议「${p.component}」需要 votes（票数公式）或 gradePoints（等次分值）`, (p) => `evaluation ${p.component} needs votes or gradePoints`, none, none),
  SCHEME_SCORE_SHEET_KIND: message('error', ['component', 'kind'], (p) => `只有带子项的倒扣记分组成部分（deduct）可以设 scoreSheet：「${p.component}」是 ${p.kind}`, (p) => `scoreSheet needs a deduct component with entries (${p.component} is ${p.kind})`, none, none),
  SCHEME_SCORE_SHEET_RESERVED: message('error', ['sheet', 'component'], (p) => `评分表名「${p.sheet}」与台账固定工作表重名`, (p) => `scoreSheet ${p.sheet} clashes with a ledger sheet`, (p) => `请换一个名称，例如「${p.component}评分」`, none),
  SCHEME_ENTRY_RANGE: message('error', ['entry', 'min', 'max'], (p) => `子项「${p.entry}」的下限 ${p.min} 大于满分 ${p.max}`, (p) => `entry ${p.entry}: min above max`, none, none),
  SCHEME_RECORD_NONE: message('error', [], () => '方案有按期记录的组成部分（recorded），cycle.record 不能是 none', () => 'recorded components need cycle.record month or quarter', () => '请改为 month 或 quarter', none),
  SCHEME_UNKNOWN_GRADE: message('error', ['grade', 'options'], (p) => `等次「${p.grade}」不在 bands 中`, (p) => `grade ${p.grade} is not in bands`, (p) => `可选 ${p.options}`, none),
  SCHEME_CONDITION_UNKNOWN_COMPONENT: message('error', ['component'], (p) => `条件引用了不存在的组成部分「${p.component}」`, (p) => `unknown component ${p.component}`, none, none),
  SCHEME_FLAG_UNKNOWN_CATEGORY: message('error', ['category'], (p) => `标记规则引用了不存在的党员类别「${p.category}」`, (p) => `unknown category ${p.category}`, none, none),
  SCHEME_FLAG_UNKNOWN_COMPONENT: message('error', ['component'], (p) => `标记规则引用了不存在的组成部分「${p.component}」`, (p) => `unknown component ${p.component}`, none, none),
  SCHEME_FLAG_UNKNOWN_REPLACES: message('error', ['flag', 'replaces'], (p) => `标记「${p.flag}」要取代的「${p.replaces}」不是本方案的标记`, (p) => `flag ${p.flag} replaces unknown flag ${p.replaces}`, none, none),
  SCHEME_OVERRIDE_UNKNOWN_ITEM: message('error', ['type', 'item'], (p) => `处分「${p.type}」的扣分引用了不存在的事项「${p.item}」（写事项的 id）`, (p) => `override ${p.type}: unknown item ${p.item}`, none, none),
  SCHEME_OVERRIDE_UNKNOWN_LEVEL: message('error', ['type', 'level', 'item', 'itemId', 'options'], (p) => `处分「${p.type}」的扣分级别「${p.level}」不在事项「${p.item}」的级别中`, (p) => `override ${p.type}: level not in item ${p.itemId}`, (p) => `可选 ${p.options}`, none),
  SCHEME_APPLICATION_ENTRY: message('error', ['key'], (p) => `积分申请表可申报的记录项「${p.key}」不是本方案记录表中的一项（写“组成部分id.项id”，组成部分须为 recorded）`, (p) => `application entry ${p.key} is not a recorded entry (componentId.entryId)`, none, none),
  SCHEME_DIRECT_GRADES_NO_BANDS: message('error', [], () => '直接确定档次（directGrades）要从 bands 的等次中选择', () => 'directGrades needs bands', () => '请先写 bands', none),
  SCHEME_CATEGORY_NOT_SCORED: message('error', ['category'], (p) => `党员类别「${p.category}」不计分（scored: false），不能评定等次或参加排名`, (p) => `category ${p.category} is not scored, so it cannot be graded or ranked`, () => '请把 graded、ranked 改为 false', none),
  SCHEME_CATEGORY_QUOTA: message(
    'error',
    ['category', 'grade', 'graded'],
    (p) => (p.graded === 'true' ? `党员类别「${p.category}」评定等次，能评为「${p.grade}」，必须计入名额基数（名额按能评为该等次的全部党员计）` : `党员类别「${p.category}」不评定等次，不能计入「${p.grade}」的名额基数`),
    (p) => `category ${p.category}: countsForQuota must equal graded (${p.graded}): a quota counts everyone who can receive ${p.grade}`,
    (p) => `请把 countsForQuota 改为 ${p.graded}，或删去这一项`,
    none,
  ),
  SCHEME_CATEGORY_FLAGS: message(
    'error',
    ['category', 'extra', 'missing', 'expected', 'diff'],
    (p) => `党员类别「${p.category}」写明的标记与规则不符：${p.extra ? `规则不会给出 ${p.extra}` : ''}${p.extra && p.missing ? '；' : ''}${p.missing ? `漏写 ${p.missing}` : ''}。按规则应为：${p.expected || '（无）'}`,
    (p) => `category ${p.category}: stated flags differ from the rules (${p.diff})`,
    none,
    none,
  ),
  SCHEME_OTHER_SCORE_AND_DIRECT: message('error', [], () => '不参加积分的党员只能有一种另行评定方式：直接确定档次（directGrades）或另行评定得分（exempt.otherScore），请删去其中一个', () => 'exempt.otherScore and directGrades exclude each other', none, none),
  SCHEME_RANK_UNKNOWN_COMPONENT: message('error', ['component'], (p) => `排名规则引用了不存在的组成部分「${p.component}」`, (p) => `unknown component ${p.component}`, none, none),
};

/** Every code of the scheme layer. */
export type SchemeCode = keyof typeof SCHEME_MESSAGES;

/** One problem of a scheme: its code, the field path ('' for the whole file) and the text in both languages. */
export interface SchemeProblem {
  code: SchemeCode;
  path: string;
  zh: string;
  en: string;
}

/** The one way a scheme problem is made: the entry's message and, after a colon, its fix. */
export function schemeProblem<K extends SchemeCode>(code: K, path: string, params: ArgsOf<(typeof SCHEME_MESSAGES)[K]> = {} as ArgsOf<(typeof SCHEME_MESSAGES)[K]>): SchemeProblem {
  const def = SCHEME_MESSAGES[code] as MessageDef<string>;
  const p = params as Args<string>;
  const join = (text: string, fix: string, sep: string): string => (fix ? `${text}${sep}${fix}` : text);
  return { code, path, zh: join(def.zh(p), def.fixZh(p), '：'), en: join(def.en(p), def.fixEn(p), ': ') };
}
