// npm run docs: writes docs/fidelity.md, the traceability table of issue 18 (build 8): for each built-in
// scheme, every seed sentence that changes a number, a grade, a list or a flag → the rule or decision that
// implements it → the test that proves it. The rows live in tools/fidelity/<scheme-id>/<topic>.json (one
// file per engineer and scheme, so that branches never conflict), each a JSON array of
//   { "seed": "003", "sentence": "<the seed's own words>", "rule": "<as scheme show names it>",
//     "test": "test/e2e/fidelity.test.ts > <describe > …> <exact test name>" }
// `--check` writes nothing and exits 1 when docs/fidelity.md differs from what the rows give.
// test/docs/fidelity.test.ts fails when a row names a test that does not exist, when a built-in scheme has
// no row, when a sentence is not in its seed (where the seeds are at hand), or when the file is stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { builtinIds, builtinSummary, packageRoot } from '../src/scheme/builtins.js';

export const FIDELITY_FILE = 'docs/fidelity.md';
/** Row folders that are not built-in schemes but may carry rows: the county frame (templates/frame.scheme.json). */
export const EXTRA_SCOPES = ['frame'];

const rowSchema = z
  .object({
    seed: z.string().regex(/^\d{3}( 篇\d)?$/, 'seed: three digits, e.g. "003" (optionally "000 篇4")'),
    sentence: z.string().min(2),
    rule: z.string().min(2),
    test: z.string().regex(/^test\/\S+\.test\.ts > .+/, 'test: "test/<file>.test.ts > <test name>"'),
  })
  .strict();
export type FidelityRow = z.infer<typeof rowSchema> & { scope: string; topic: string; index: number };

export const rowsDir = (root = packageRoot()): string => join(root, 'tools', 'fidelity');

/** Every row of every file, in scheme order; throws naming the file when one is malformed. */
export function readRows(root = packageRoot()): FidelityRow[] {
  const dir = rowsDir(root);
  if (!existsSync(dir)) return [];
  const out: FidelityRow[] = [];
  for (const scope of readdirSync(dir).sort()) {
    const sub = join(dir, scope);
    const topics = readdirSync(sub)
      .filter((f) => f.endsWith('.json'))
      .sort((a, b) => (a === 'base.json' ? -1 : b === 'base.json' ? 1 : a.localeCompare(b)));
    for (const f of topics) {
      const file = join('tools', 'fidelity', scope, f);
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(sub, f), 'utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        throw new Error(`${file}: not JSON (${(e as Error).message})`);
      }
      const parsed = z.array(rowSchema).safeParse(data);
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`);
      parsed.data.forEach((r, index) => out.push({ ...r, scope, topic: f.slice(0, -5), index }));
    }
  }
  return out;
}

/** The parts of a row's test reference: the file, then describe titles, the last being the test's own title. */
export function splitTest(ref: string): { file: string; path: string[] } {
  const [file, ...path] = ref.split(' > ');
  return { file: file!, path };
}

export interface TestTitles {
  describes: string[];
  tests: string[];
}

/** The describe and it/test titles written in a test file (string literals; `it.each` titles keep their %s). */
export function testTitles(text: string, fileName = 'x.test.ts'): TestTitles {
  const src = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const out: TestTitles = { describes: [], tests: [] };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      let callee: ts.Expression = n.expression;
      while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
      const title = n.arguments[0];
      if (ts.isIdentifier(callee) && title && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title)) && !ts.isCallExpression(n.parent)) {
        if (callee.text === 'describe') out.describes.push(title.text);
        else if (callee.text === 'it' || callee.text === 'test') out.tests.push(title.text);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

/** A title as written matches a name as given: equal, or equal once `it.each`'s %s / $name placeholders are filled. */
export function titleMatches(written: string, given: string): boolean {
  if (written === given) return true;
  if (!/%[sdifjoO#%]|\$\w/.test(written)) return false;
  const re = written
    .split(/(%[sdifjoO#]|\$[\w.]+)/)
    .map((part, i) => (i % 2 === 1 ? '.+?' : part.replace(/%%/g, '%').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 's').test(given);
}

/** Why a row's test reference does not name an existing test, or undefined when it does. */
export function missingTest(ref: string, root = packageRoot(), cache = new Map<string, TestTitles>()): string | undefined {
  const { file, path } = splitTest(ref);
  const full = join(root, file);
  if (!existsSync(full)) return `no file ${file}`;
  let titles = cache.get(file);
  if (!titles) cache.set(file, (titles = testTitles(readFileSync(full, 'utf8'), file)));
  const name = path[path.length - 1] ?? '';
  if (!titles.tests.some((w) => titleMatches(w, name))) return `no test titled 「${name}」 in ${file}`;
  for (const d of path.slice(0, -1)) if (!titles.describes.some((w) => titleMatches(w, d))) return `no describe titled 「${d}」 in ${file}`;
  return undefined;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** docs/fidelity.md as the rows give it. */
export function fidelityMarkdown(rows: FidelityRow[], ids = builtinIds()): string {
  const scopes = [...ids, ...EXTRA_SCOPES.filter((s) => rows.some((r) => r.scope === s))];
  const lines: string[] = [
    '# 原文 → 规则 → 测试 / Fidelity: seed sentence → rule → test',
    '',
    '<!-- Generated by `npm run docs` (tools/fidelity.ts) from tools/fidelity/<scheme>/<topic>.json: edit those, not this file. -->',
    '',
    'For each built-in scheme: every seed sentence that changes a number, a grade, a list or a flag, the rule or decision',
    'that implements it (as `score scheme show` names it), and the test that proves it (file › describe › test).',
    '`test/docs/fidelity.test.ts` fails when a row names a test that does not exist, when a sentence is not in its seed,',
    'when a built-in scheme has no row, or when this file is not what the rows give. Seeds: `seeds/NNN_*.txt`.',
    '',
    '| 方案 / scheme | 原文条数 / sentences |',
    '|---|---|',
    ...scopes.map((s) => `| [${s}](#${s}) | ${rows.filter((r) => r.scope === s).length} |`),
    '',
  ];
  for (const scope of scopes) {
    const mine = rows.filter((r) => r.scope === scope);
    const name = builtinSummary(scope)?.name ?? (scope === 'frame' ? '县委 加强党员积分管理的工作意见（通用框架）' : scope);
    lines.push(`<a id="${scope}"></a>`, `## ${scope} — ${name}`, '');
    if (mine.length === 0) {
      lines.push('（还没有条目 / no rows yet）', '');
      continue;
    }
    lines.push('| # | 原文 / seed sentence | 规则或决定 / rule or decision | 测试 / test |', '|---|---|---|---|');
    mine.forEach((r, i) => {
      const { file, path } = splitTest(r.test);
      lines.push(`| ${i + 1} | 「${cell(r.sentence)}」（${r.seed}） | ${cell(r.rule)} | \`${file}\` › ${cell(path.join(' › '))} |`);
    });
    lines.push('');
  }
  return lines.join('\n');
}

function main(): void {
  const root = packageRoot();
  const target = join(root, FIDELITY_FILE);
  const text = fidelityMarkdown(readRows(root));
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${FIDELITY_FILE} is out of date: run npm run docs\n`);
      process.exit(1);
    }
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote ${FIDELITY_FILE}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
