// Every kind of workbook score writes, printed by LibreOffice to A4 PDF and read back with poppler
// (issue 14): no two words' boxes overlap (wrapped text never runs into the next row), every page
// carries 「第 N 页，共 M 页」, and no word of a cell's text is missing (clipped at the cell edge).
// The templates of every built-in scheme, the 计分标准 and 积分申请表, the 评定结果 and 公示名单 of
// grade, compute's 评分汇总表, publish's quarter list, validate's 问题清单 and apply's ledger —
// converted in one soffice start. A deliberately bad workbook in the same batch proves the checks bite.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, tmp } from '../helpers/cli.js';
import { convertMany, requireSoffice } from '../helpers/soffice.js';
import { cleanUp, pool, scoreAsync, timed } from './support.js';
import { printProblems, rawText, type PrintProblem } from './print-check.js';

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
    const schemes = json<{ id: string }[]>(await scoreAsync(['schemes', '--json'])).map((s) => s.id);
    expect(schemes.length).toBeGreaterThan(10);
    const township = fixture('township');
    const runs: [string, string, string[]][] = [
      ...schemes.map((id): [string, string, string[]] => [`template-${id}`, `template ${id}`, ['template', '--scheme', id, '--branch', '兰溪村党支部', '--year', '2023']]),
      ['template-card', 'template township card', ['template', '--scheme', 'township', '--branch', '第一', '--year', '2023', '--layout', 'card']],
      ['grade', 'grade', ['grade', '--year', '2023', '--dir', township]],
      ['compute', 'compute Q1', ['compute', join(township, '兰溪村党支部.xlsx'), join(township, '镇直机关党支部.xlsx'), '--period', '2023Q1']],
      ['publish', 'publish Q1', ['publish', '--period', '2023Q1', township, '--from', '2023-04-03']],
      ['validate', 'validate --report', ['validate', fixture('invalid'), '--report']],
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

  it('a blank ledger prints blank and ruled: no 合计 0 on empty rows, every row of 加减分明细', () => {
    const pdf = pdfOf.get([...kinds].find(([, k]) => k === 'template township: 兰溪村党支部_积分台账_2023.xlsx')![0])!;
    const pages = rawText(pdf).split('\f');
    const jan = pages.find((p) => p.includes('2023年1月 党员积分记录'))!;
    expect(jan.split('\n').filter((l) => /^\s*0(\.0+)?\s*$/.test(l))).toEqual([]);
    // 100 ruled rows of 15 pt do not fit one A4 landscape page: the print area holds them all.
    expect(pages.filter((p) => p.includes('党员积分加减分明细')).length).toBeGreaterThanOrEqual(2);
  });

  it('the checks catch each fault in a form laid out the old way', () => {
    const list = problems.get(bad)!;
    expect(list.some((p) => p.kind === 'overlap'), JSON.stringify(list)).toBe(true);
    expect(list.some((p) => p.kind === 'page-number'), JSON.stringify(list)).toBe(true);
    expect(list.some((p) => p.kind === 'clipped' && p.detail.includes('支委初评')), JSON.stringify(list)).toBe(true);
  });
});

