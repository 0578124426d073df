// "A message is written only in the catalogue" (CONTRIBUTING.md, issue 24 build 1): a diagnostic, a
// scheme problem or a coded warning is put together only from an entry of a layer's catalogue. This
// scans src/ for the shapes that build one by hand, and shows on made-up lines that each shape is caught.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** The catalogues, one a layer at most, and the module that defines an entry and a diagnostic. */
const CATALOGUES = ['src/scheme/messages.ts', 'src/core/messages.ts', 'src/excel/read/catalogue.ts', 'src/batch/messages.ts', 'src/cli/messages.ts'];
const DIAGNOSTICS = 'src/core/diagnostics.ts';
const CATALOGUE_NAMES = ['SCHEME_MESSAGES', 'CHECK_MESSAGES', 'HISTORY_MESSAGES', 'CLAIM_MESSAGES', 'READ_CATALOGUE', 'INPUT_MESSAGES', 'CLI_MESSAGES'];

interface Rule {
  name: string;
  /** Files where the shape is the catalogue's own business. */
  home: string[];
  /** Only files under this folder (a rule of one layer); all of src/ when not given. */
  under?: string;
  find: (text: string) => string[];
}

const all = (re: RegExp) => (text: string) => [...text.matchAll(re)].map((m) => m[0].slice(0, 80));

const RULES: Rule[] = [
  // message('error', [...], zh, en, fixZh, fixEn) anywhere else is a second catalogue.
  { name: 'an entry made outside a catalogue', home: CATALOGUES, find: all(/\bmessage\(\s*'(?:error|warning)'/g) },
  // { severity: 'error', … } or { message: { zh … } }: a Diagnostic not from makeDiagnostic (a type 'error' | 'warning' is not one).
  { name: 'a diagnostic put together by hand', home: [...CATALOGUES, DIAGNOSTICS], find: all(/\bseverity:\s*'(?:error|warning)'(?!\s*\|)|\b(?:message|fix):\s*\{\s*zh\b/g) },
  // { path, zh: …, en: … }: a scheme problem not from schemeProblem.
  { name: 'a scheme problem put together by hand', home: ['src/scheme/messages.ts'], find: all(/\{\s*path\b[^;]*?\bzh:/g) },
  // { code: 'HISTORY_…', …, message: t(…) }: a coded warning whose text is not an entry's.
  { name: 'a coded message written inline', home: CATALOGUES, find: all(/\bcode:\s*'[A-Z]+_[A-Z0-9_]+'[^{}]*?\bmessage:\s*(?:t\(|`|')/g) },
  // makeDiagnostic(SOMETHING, …) with a table that is not one of the catalogues.
  {
    name: 'a diagnostic from a table that is not a catalogue',
    home: [DIAGNOSTICS],
    find: (text) => [...text.matchAll(/\bmakeDiagnostic\(\s*([A-Za-z_]+)/g)].filter((m) => !CATALOGUE_NAMES.includes(m[1]!)).map((m) => m[0]),
  },
  // new UsageError(t(…)) or a literal, in any layer: a usage error whose text is not an entry (usageError in
  // src/cli/messages.ts, usage in src/batch/messages.ts).
  { name: 'a usage error written inline', home: ['src/cli/messages.ts', 'src/batch/messages.ts'], find: all(/\bnew UsageError\(\s*(?:t\(|`|')/g) },
  // libraryReason(e).split(' / ')[0]: a message that carries both languages in one string, split by the caller.
  { name: 'two languages in one string, split by the caller', home: [], find: all(/\.split\(\s*' \/ '\s*\)/g) },
  // t(`…`) with Chinese pushed onto notes or problems, or returned as a refusal: a note or a problem not from an entry (say).
  { name: 'a note or a problem written inline', home: CATALOGUES, find: all(/\b(?:notes|problems)\.push\(\s*t\(|\breturn t\(\s*`[^`]*(?:不替换|失败|无法)/g) },
  // reason: { zh: … }, no(`…`, `…`) or { ok: false, zh: '…' }: an apply decision's reason or an apply-write refusal not
  // from an entry (claimReason, src/core/messages.ts; applyWriteText, src/excel/read/catalogue.ts).
  { name: 'an apply reason written inline', home: CATALOGUES, find: all(/\breason:\s*\{\s*zh:(?!\s*string\b)|\bno\(\s*(?:`|'(?![A-Z]+_))|\bok:\s*false,\s*zh:\s*[`']/g) },
  // fail(ctx, t(…)), () => t(…) or () => ({ message: t(…) }): an option's error (zod, src/cli/options.ts) not from an entry (cliText).
  { name: 'an option error written inline', home: ['src/cli/messages.ts'], under: 'src/cli/', find: all(/\bfail\(\s*ctx,\s*(?:t\(|`|')|\(\)\s*=>\s*(?:\(\{\s*message:\s*)?t\(/g) },
  // process.stderr.write(`${t(`…${x}…`)}`) in any layer: an error line with its data written inline.
  { name: 'a stderr line with data written inline', home: CATALOGUES, find: all(/\bstderr\.write\(\s*`\$\{\s*(?:\w+ \? )?t\(\s*`[^`]*\$\{/g) },
  // stderr.write(`${t(`…${x}…`, …)}`): an error line with its data written inline (cliText); a plain label t('未计入', …) may stay.
  { name: 'an error line written inline', home: ['src/cli/messages.ts'], under: 'src/cli/', find: all(/\bstderr\.write\(\s*(?:`\$\{\s*)?(?:shown\()?t\(\s*`/g) },
];

/**
 * Inline reason/fix pairs (files a batch leaves out, with the fix) written outside the catalogue: none
 * left (they are INPUT_ entries made by leftOut); a new one fails here.
 */
const INLINE_REASONS: Record<string, number> = {};
const inlineReasons = (text: string): number => [...text.matchAll(/\b(?:reason|fix):\s*t\(/g)].length;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const SOURCES = files(join(ROOT, 'src')).map((f) => ({ path: relative(ROOT, f).split('\\').join('/'), text: readFileSync(f, 'utf8') }));

describe('a message is written only in the catalogue', () => {
  it.each(RULES.map((r) => ({ ...r })))('no $name in src/', ({ home, under, find }) => {
    const hits = SOURCES.filter((s) => !home.includes(s.path) && s.path.startsWith(under ?? 'src/')).flatMap((s) => find(s.text).map((h) => `${s.path}: ${h}`));
    expect(hits).toEqual([]);
  });

  it('each rule catches what it forbids (made-up lines)', () => {
    const made: Record<string, string> = {
      'an entry made outside a catalogue': "const X = { A_B: message('error', [], () => '坏', () => 'bad', () => '改', () => 'fix') };",
      'a diagnostic put together by hand': "out.push({ severity: 'warning', code: 'X_Y', file, message: { zh: '坏', en: 'bad' } });",
      'a scheme problem put together by hand': "out.push({ path: 'items[0]', zh: '坏', en: 'bad' });",
      'a coded message written inline': "warnings.push({ code: 'HISTORY_NEW', file: f, message: t('坏', 'bad') });",
      'a diagnostic from a table that is not a catalogue': "makeDiagnostic(MY_TABLE, 'X_Y', place)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a made-up source line
      'a usage error written inline': "throw new UsageError(t(`--out ${dir} 不对`, `--out ${dir} is wrong`));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a made-up source line
      'an error line written inline': "process.stderr.write(`${t(`找不到：${p}`, `not found: ${p}`)}\\n`);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a made-up source line
      'an apply reason written inline': "if (!item) return no(`事项「${claim.item}」不在计分标准中`, `item ${claim.item} is not in the scheme`); return { claim, ok: true, reason: { zh: '符合', en: 'ok' } }; if (!rows) return { ok: false, zh: '找不到表', en: 'no sheet' };",
      'an option error written inline': "if (!ok) return fail(ctx, t('--days 应为整数', '--days is a whole number')); const o = oneOf(['a', 'b'], () => t('只能是 a 或 b', 'a or b'));",
      'two languages in one string, split by the caller': "const zh = libraryReason(e).split(' / ')[0];",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a made-up source line
      'a note or a problem written inline': "out.notes.push(t(`跳过 ${p}：锁文件`, `passed by ${p}: a lock file`)); this.problems.push(t(`${target} 出现两次`, `${target} twice`));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a made-up source line
      'a stderr line with data written inline': "process.stderr.write(`${t(`已清理 ${n} 个临时文件`, `removed ${n} temporary files`)}\\n`);",
    };
    for (const r of RULES) {
      expect(r.find(made[r.name]!), r.name).not.toEqual([]);
      // and the catalogue's own ways of raising one pass
      // biome-ignore lint/suspicious/noTemplateCurlyInString: made-up source lines
      expect(r.find("add('EVENT_NO_DATE', place); makeDiagnostic(CHECK_MESSAGES, code, place, params); schemeProblem('SCHEME_ITEM_RANGE', path, { item }); throw usageError('CLI_OUT_IS_FILE', { dir }); process.stderr.write(`${cliText('CLI_STOPPED', {})}`); return fail(ctx, cliText('CLI_DAYS_RANGE', {})); if (!item) return no('CLAIM_ITEM_UNKNOWN', { item }); return { claim, ok: true, reason: claimReason('CLAIM_MATCHES', {}) }; if (!rows) return { ok: false, ...applyWriteText('APPLY_NO_EVENT_SHEET', {}) }; process.stderr.write(`${t('未计入', 'left out')}：${f}`);"), r.name).toEqual([]);
    }
  });

  it('every catalogue named here exists and makes its entries with message()', () => {
    for (const c of CATALOGUES) {
      const text = SOURCES.find((s) => s.path === c)?.text ?? '';
      expect(text, c).toMatch(/\bmessage\(\s*'(?:error|warning)'/);
    }
  });

  it('no inline reason/fix pair for a left-out file (use leftOut, src/batch/messages.ts)', () => {
    const now = Object.fromEntries(SOURCES.filter((s) => !CATALOGUES.includes(s.path)).map((s) => [s.path, inlineReasons(s.text)] as const).filter(([, n]) => n > 0));
    expect(now).toEqual(INLINE_REASONS);
  });
});
