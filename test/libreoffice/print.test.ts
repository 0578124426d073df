// Every kind of workbook score writes, printed by LibreOffice to A4 PDF and read back with poppler
// (issue 14): no two words' boxes overlap (wrapped text never runs into the next row), every page
// carries 「第 N 页，共 M 页」, and no word of a cell's text is missing (clipped at the cell edge).
// The templates of every built-in scheme, the 计分标准 and 积分申请表, the 评定结果 and 公示名单 of
// grade, compute's 评分汇总表, publish's quarter list, validate's 问题清单 and apply's ledger —
// converted in one soffice start. A deliberately bad workbook in the same batch proves the checks bite.
// Issue 22: no page of any of them shows a program word (a diagnostic or rule code, a command name,
// a 「（决定）」 marker); a blank ledger prints one page per table; the signature block of a
// two-page 评分汇总表 is on its last page only.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, tmp } from '../helpers/cli.js';
import { convertMany, requireSoffice } from '../helpers/soffice.js';
import { cleanUp, pool, scoreAsync, timed } from './support.js';
import { printProblems, rawText, type PrintProblem } from './print-check.js';
import { fillLedger, MONTHS } from '../helpers/fill.js';

/** What must never be printed for members or clerks: codes, command names, decision markers. */
const PROGRAM_WORDS: { name: string; re: RegExp }[] = [
  { name: 'diagnostic code', re: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/ },
  { name: 'rule code', re: /(^|[^A-Za-z0-9])R\d{1,2}(?![0-9])/ },
  { name: 'command', re: /\bscore\s+(validate|compute|grade|publish|template|apply|explain|scheme|schemes)\b/ },
  { name: 'decision marker', re: /（决定）/ },
];

/** Lines of a page's text with a program word on them. */
function programWords(page: string): string[] {
  return page.split('\n').filter((line) => PROGRAM_WORDS.some((w) => w.re.test(line)));
}

/** A ledger of `n` members with every month of the first quarter full: its 评分汇总表 runs over a page. */
async function bigLedger(dir: string, n: number): Promise<string> {
  const r = await scoreAsync(['template', '--scheme', 'township', '--branch', '大湾村党支部', '--year', '2023', '--out', join(dir, 'big-template')]);
  expect(r.code, r.stderr).toBe(0);
  const template = join(dir, 'big-template', readdirSync(join(dir, 'big-template')).find((f) => f.includes('积分台账'))!);
  const members = [...Array(n).keys()].map((i) => ({ name: `党员${String(i + 1).padStart(2, '0')}`, category: '正式党员' }));
  const full = { 学习教育: 10, 组织生活: 10, 党费缴纳: 10, 遵纪守法: 10, 岗位一: 30, 岗位二: 30 };
  const records = Object.fromEntries(MONTHS.slice(0, 3).map((m) => [m, Object.fromEntries(members.map((x, i) => [x.name, { ...full, 岗位二: 20 + (i % 11) }]))]));
  const out = join(dir, 'big', '大湾村党支部.xlsx');
  mkdirSync(join(dir, 'big'), { recursive: true });
  return fillLedger(template, out, { members, records });
}

const available = requireSoffice();
const fixture = (...p: string[]): string => join(ROOT, 'fixtures', ...p);

/** A form as score wrote it before issue 14: a 15 pt row under wrapped text, a clipped label, no footer. */
async function badWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 12;
  ws.getCell('A1').value = '支委初评：';
  ws.getCell('A1').alignment = { horizontal: 'right' };
  ws.getCell('B1').value = '签字';
  ws.getCell('B2').value = '三留守关心关爱、信访矛盾化解、公共设施维护、环境卫生维护';
  ws.getCell('B2').alignment = { wrapText: true, vertical: 'middle' };
  ws.getCell('B3').value = '流动党员';
  ws.getCell('B4').value = '政策宣传';
  await wb.xlsx.writeFile(file);
}

describe.skipIf(!available)('LibreOffice: every output prints on A4 without overlapping or clipped text, with page numbers', () => {
  let dir: string;
  let flat: string;
  const kinds = new Map<string, string>();
  const problems = new Map<string, PrintProblem[]>();
  const pdfOf = new Map<string, string>();
  let bad: string;

  /** Runs score, copies what it wrote into the flat folder under `label～name`, records the kind. */
  async function run(label: string, kind: string, args: string[]): Promise<void> {
    const out = join(dir, 'runs', label);
    const r = await scoreAsync([...args, '--out', out, '--json']);
    expect([0, 1], `score ${args.join(' ')}\n${r.stderr}`).toContain(r.code);
    const files = readdirSync(out).filter((f) => f.endsWith('.xlsx'));
    expect(files.length, `score ${args.join(' ')} wrote nothing\n${r.stdout}\n${r.stderr}`).toBeGreaterThan(0);
    for (const f of files) {
      const to = join(flat, `${label}～${f}`);
      copyFileSync(join(out, f), to);
      kinds.set(to, `${kind}: ${f}`);
    }
  }

  beforeAll(async () => {
    ensureBuilt();
    dir = tmp('score-print-');
    flat = join(dir, 'all');
    mkdirSync(flat, { recursive: true });
    const invalidCopies = join(dir, 'invalid');
    mkdirSync(invalidCopies);
    readdirSync(fixture('invalid'))
      .filter((f) => f.endsWith('.xlsx'))
      .forEach((f, i) => copyFileSync(fixture('invalid', f), join(invalidCopies, `第${i + 1}支部台账.xlsx`)));
    const schemes = json<{ id: string }[]>(await scoreAsync(['schemes', '--json'])).map((s) => s.id);
    expect(schemes.length).toBeGreaterThan(10);
    const township = fixture('township');
    const runs: [string, string, string[]][] = [
      ...schemes.map((id): [string, string, string[]] => [`template-${id}`, `template ${id}`, ['template', '--scheme', id, '--branch', '兰溪村党支部', '--year', '2023']]),
      ['template-card', 'template township card', ['template', '--scheme', 'township', '--branch', '第一', '--year', '2023', '--layout', 'card']],
      ['grade', 'grade', ['grade', '--year', '2023', '--dir', township]],
      ['compute', 'compute Q1', ['compute', join(township, '兰溪村党支部.xlsx'), join(township, '镇直机关党支部.xlsx'), '--period', '2023Q1']],
      ['publish', 'publish Q1', ['publish', '--period', '2023Q1', township, '--from', '2023-04-03']],
      // The invalid fixtures are named after their codes: copies named as a township names its files.
      ['validate', 'validate --report', ['validate', invalidCopies, '--report']],
      ['compute-big', 'compute Q1 of a branch of 70', ['compute', await bigLedger(dir, 70), '--period', '2023Q1']],
      ['apply', 'apply', ['apply', fixture('applications'), '--ledger', join(township, '兰溪村党支部.xlsx')]],
    ];
    await timed(`score × ${runs.length}`, () => pool(runs, 2, ([label, kind, args]) => run(label, kind, args)));
    bad = join(flat, 'bad～clipped-and-overlapping.xlsx');
    await badWorkbook(bad);
    const files = readdirSync(flat).map((f) => join(flat, f));
    const pdfs = await timed(`${files.length} workbooks → PDF (one soffice start)`, () => convertMany(files, 'pdf', join(dir, 'pdf'), { timeoutMs: 900_000 }));
    await timed('pdftotext checks', async () => {
      for (const p of pdfs) {
        pdfOf.set(p.input, p.path);
        problems.set(p.input, await printProblems(p.input, p.path));
      }
    });
  }, 1_200_000);
  afterAll(() => cleanUp(dir));

  it('renders every kind of output', () => {
    const all = [...kinds.values()].join('\n');
    for (const needle of ['积分台账', '计分标准', '积分申请表', '评定结果', '公示名单', '评分汇总表', '问题清单', '已录入申请']) expect(all, needle).toContain(needle);
  });

  it.each(['overlap', 'page-number', 'clipped'] as const)('no %s problem on any page of any output', (kind) => {
    const found: string[] = [];
    for (const [file, list] of problems) {
      if (file === bad) continue;
      for (const p of list.filter((x) => x.kind === kind)) found.push(`${kinds.get(file)}: ${p.detail}`);
    }
    expect(found.slice(0, 30), `${found.length} ${kind} problem(s)`).toEqual([]);
  });

  it('a blank ledger prints blank and ruled, one page per table: no 合计 0 on empty rows, no page of empty grid', () => {
    const pdf = pdfOf.get([...kinds].find(([, k]) => k === 'template township: 兰溪村党支部_积分台账_2023.xlsx')![0])!;
    const pages = rawText(pdf).split('\f').filter((p) => p.trim());
    const jan = pages.filter((p) => p.includes('2023年1月 党员积分记录'));
    expect(jan).toHaveLength(1);
    expect(jan[0]!.split('\n').filter((l) => /^\s*0(\.0+)?\s*$/.test(l))).toEqual([]);
    // 说明, 名册, 12 months, 加减分明细 and 否决与处分: a page each.
    for (const title of ['积分台账说明', '党员名册', '党员积分加减分明细', '一票否决与党纪处分记录']) expect(pages.filter((p) => p.includes(title)), title).toHaveLength(1);
    expect(pages).toHaveLength(16);
    // The 说明 names the scheme and its regulation, not its id or a command.
    const info = pages.find((p) => p.includes('积分台账说明'))!;
    expect(info).toContain('浠水县兰溪镇党员积分管理');
    expect(info).not.toMatch(/township|score/);
  });

  it('no program word on any page of any output (codes, rule codes, command names, 「（决定）」)', () => {
    const found: string[] = [];
    for (const [file, pdf] of pdfOf) {
      // apply's ledger is the clerk's own workbook with the approved lines added: its 说明 is the
      // one the clerk received (the sample's was written by an older template), not score's words.
      if (file === bad || kinds.get(file)!.startsWith('apply')) continue;
      rawText(pdf)
        .split('\f')
        .forEach((page, i) => {
          for (const line of programWords(page)) found.push(`${kinds.get(file)} p.${i + 1}: ${line.slice(0, 100)}`);
        });
    }
    // Every kind of printed form was looked at.
    const all = [...kinds.values()].join('\n');
    for (const needle of ['评定结果', '公示名单', '评分汇总表', '计分标准', '积分申请表', '积分台账', '问题清单']) expect(all, needle).toContain(needle);
    expect(found.slice(0, 30), `${found.length} line(s)`).toEqual([]);
  });

  it('the program-word check bites', () => {
    expect(programWords('见 EVENT_NO_PROJECT\nR17 对考核为不合格\n可用 score scheme show township 查看\n同一项目以最高级计分（决定）')).toHaveLength(4);
    expect(programWords('2023年度 第1名 ★★★ 90.5 分')).toEqual([]);
  });

  it('a two-page 评分汇总表 carries its signature block on the last page only', () => {
    const file = [...kinds].find(([, k]) => k.startsWith('compute Q1 of a branch of 70') && k.includes('评分汇总表'))![0];
    const pages = rawText(pdfOf.get(file)!).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const signed = (p: string): boolean => ['评分人', '审核人', '支部书记'].every((w) => p.includes(w));
    expect(signed(pages.at(-1)!)).toBe(true);
    for (const p of pages.slice(0, -1)) expect(['评分人', '审核人', '支部书记'].some((w) => p.includes(w))).toBe(false);
    // Every member is on paper, the 70th on the signed page.
    expect(pages.at(-1)).toMatch(/^70 /m);
  });

  it('the checks catch each fault in a form laid out the old way', () => {
    const list = problems.get(bad)!;
    expect(list.some((p) => p.kind === 'overlap'), JSON.stringify(list)).toBe(true);
    expect(list.some((p) => p.kind === 'page-number'), JSON.stringify(list)).toBe(true);
    expect(list.some((p) => p.kind === 'clipped' && p.detail.includes('支委初评')), JSON.stringify(list)).toBe(true);
  });
});

