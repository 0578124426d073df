// Real-client check of what `score` computes (issue 6): filled ledgers → grade, compute,
// publish; LibreOffice opens the 评定结果 (总览, a sheet per branch, 需关注), the 评分汇总表
// and the 公示名单, and shows the same numbers as `--json`. A ledger with a wrong cached
// 合计 proves LibreOffice recalculates on load (a stored 999 would otherwise show).
import { basename, join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, tmp } from '../helpers/cli.js';
import { cjkFonts, convertMany, pdfPages, pdfText, requireSoffice, type Converted } from '../helpers/soffice.js';
import { loadScheme } from '../../src/scheme/load.js';
import { OVER_QUOTA } from '../../src/core/grade/grade.js';
import { buildLedgers, ENTRY_HEADERS, entryValues, MEMBERS, privateFields, YEAR, type Ledgers } from './ledgers.js';
import { cleanUp, expectEverySheetLoaded, expectPrintableForms, headerRow, readBook, scoreAsync, sheetXml, sheetRows, table, timed } from './support.js';

const available = requireSoffice();

interface MemberJson {
  branch: string;
  name: string;
  id: string | null;
  category: string;
  components: Record<string, number>;
  bonus: number;
  deduction: number;
  vetoed: boolean;
  total: number;
  grade: string | null;
  stars: number | null;
  rank: number | null;
  flags: string[];
}

interface ResultJson {
  scheme: string;
  period: string;
  members: MemberJson[];
  issues: { severity: string; message: string }[];
  written: string[];
}

interface PublishJson {
  from: string;
  to: string;
  days: number;
  members: { branch: string; name: string; total: number; grade: string | null; stars: number | null }[];
  written: string[];
}

const township = loadScheme('township');
if (!township.ok) throw new Error('township scheme does not load');
const PRECISION = township.scheme.precision;
/** The quarter as titles write it: PRODUCT.md says 2023年第一季度, the writers say 2023年度第一季度 (reported). */
const Q1 = `${YEAR}年度?第一季度`;

/** A computed number as LibreOffice shows it with the scheme's number format (87.5 → "87.50"). */
function shown(n: number): string {
  return new Decimal(n).toDecimalPlaces(PRECISION, Decimal.ROUND_HALF_UP).toFixed(PRECISION);
}

async function run<T>(args: string[]): Promise<T> {
  const r = await scoreAsync([...args, '--json']);
  // Our two ledgers are clean: exit 0. Bundled fixtures may include deliberately broken ledgers (exit 1, left out).
  expect([0, 1], `score ${args.join(' ')}\n${r.stderr}`).toContain(r.code);
  return JSON.parse(r.stdout) as T;
}

/** Label-keyed multiset: `branch｜name` → values, sorted (names may repeat within a branch). */
function byMember<T>(entries: [string, string, T][]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const [branch, name, v] of entries) out.set(`${branch}｜${name}`, [...(out.get(`${branch}｜${name}`) ?? []), v]);
  for (const v of out.values()) v.sort();
  return out;
}

describe.skipIf(!available)('LibreOffice: filled ledgers → grade / compute / publish outputs', () => {
  let work: string;
  let ledgers: Ledgers;
  let grade: ResultJson;
  let compute: ResultJson;
  let publish: PublishJson;
  let csv: Map<string, Converted>;
  let resultsFile: string;
  let annualList: string;
  let quarterList: string;
  let summaries: string[];
  let listPdf: string;
  const own = new Set(['第一党支部', '第二党支部']);

  beforeAll(async () => {
    ensureBuilt();
    work = tmp('score-lo-outputs-');
    ledgers = await timed('build and fill ledgers', () => buildLedgers(work));
    if (ledgers.fixtures.length) process.stderr.write(`[libreoffice] using ${ledgers.fixtures.length} ledgers from fixtures/township too\n`);
    [grade, compute, publish] = await timed('score grade + compute + publish', () =>
      Promise.all([
        run<ResultJson>(['grade', '--year', String(YEAR), '--dir', ledgers.dir, '--out', join(work, 'grade'), '--from', `${YEAR + 1}-01-08`]),
        run<ResultJson>(['compute', ledgers.dir, '--period', `${YEAR}Q1`, '--out', join(work, 'compute')]),
        run<PublishJson>(['publish', '--period', `${YEAR}Q1`, ledgers.dir, '--out', join(work, 'publish')]),
      ]),
    );
    if (!ledgers.fixtures.length) {
      expect(grade.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(compute.issues.filter((i) => i.severity === 'error')).toEqual([]);
    }
    resultsFile = grade.written.find((f) => basename(f).endsWith('评定结果.xlsx'))!;
    annualList = grade.written.find((f) => basename(f).endsWith('公示名单.xlsx'))!;
    quarterList = publish.written[0]!;
    expect([resultsFile, annualList, quarterList].every(Boolean), [...grade.written, ...publish.written].join('\n')).toBe(true);
    // Our branches' 评分汇总表, and one of the fixtures' if any.
    const ownSummaries = compute.written.filter((f) => [...own].some((b) => basename(f).startsWith(`${b}_`)));
    expect(ownSummaries.length, compute.written.join('\n')).toBe(2);
    summaries = [...ownSummaries, ...compute.written.filter((f) => !ownSummaries.includes(f)).slice(0, 1)];
    const files = [ledgers.wrongCache, resultsFile, annualList, quarterList, ...summaries];
    // Numbers as shown (number formats applied), so "87.50" is what the clerk sees.
    const converted = await timed(`${files.length} workbooks → CSV (one soffice start)`, () => convertMany(files, 'csv', join(work, 'csv'), { asShown: true }));
    csv = new Map(converted.map((c) => [c.input, c]));
    listPdf = (await timed('公示名单 → PDF', () => convertMany([quarterList], 'pdf', join(work, 'pdf'))))[0]!.path;
  });
  afterAll(() => cleanUp(work));

  describe('a ledger whose cached 合计 is wrong (Excel-saved formulas)', () => {
    it('LibreOffice recalculates every 合计 on load: the stored 999 is not shown', async () => {
      // The file really carries the wrong cached result.
      const stored = (await readBook(ledgers.wrongCache)).getWorksheet('1月')!;
      const cached: unknown[] = [];
      stored.eachRow((row) => row.eachCell((cell) => cached.push(cell.formula ? cell.result : undefined)));
      expect(cached).toContain(999);
      const c = csv.get(ledgers.wrongCache)!;
      const branchMembers = MEMBERS.map((m, i) => ({ ...m, i })).filter((m) => m.branch === '第一党支部');
      for (let month = 1; month <= 12; month++) {
        const rows = sheetRows(c, `${month}月`);
        const h = headerRow(rows, ['姓名', '合计']);
        const col = (label: string): number => rows[h]!.findIndex((x) => x.startsWith(label));
        for (const m of branchMembers) {
          const row = rows.find((r) => r[col('姓名')] === m.name);
          expect(row, `${month}月 › ${m.name}`).toBeDefined();
          const values = entryValues(m.i, month);
          expect(ENTRY_HEADERS.map((e) => Number(row![col(e)])), `${month}月 › ${m.name}: entries`).toEqual(values);
          expect(Number(row![col('合计')]), `${month}月 › ${m.name}: 合计 recalculated`).toBe(values.reduce((a, b) => a + b, 0));
        }
      }
      const jan = sheetRows(c, '1月');
      expect(jan.flat()).not.toContain('999');
    });
  });

  describe('评定结果 (grade): 总览, a sheet per branch, 需关注', () => {
    it('every sheet loads', async () => {
      const sheets = await expectEverySheetLoaded(csv.get(resultsFile)!);
      expect(sheets[0]!.name).toBe('总览');
      expect(sheets.at(-1)!.name).toBe('需关注');
      expect(sheets[1]!.name).toBe('图表');
      expect(sheets.length).toBe(new Set(grade.members.map((m) => m.branch)).size + 3);
    });

    it('frozen header, print titles and A4 on every sheet (xlsx XML), also in the 评分汇总表 and 公示名单', () => {
      for (const f of [resultsFile, ...summaries, quarterList, annualList]) expectPrintableForms(f);
      const overview = sheetXml(resultsFile).find((s) => s.name === '总览')!;
      expect(overview.frozenRows).toBe(2);
      expect(overview.orientation).toBe('landscape');
      // A quarter's 评分汇总表: title, 评分时间, the line saying quarters are not graded, header.
      expect(sheetXml(summaries[0]!)[0]!.frozenRows).toBe(4);
    });

    it('合计得分, 等次 and 排名 per member equal the --json result', () => {
      const c = csv.get(resultsFile)!;
      const shownRows: [string, string, string][] = [];
      const gradeRows: [string, string, string][] = [];
      for (const sheet of [...c.sheets.keys()].filter((n) => n !== '总览' && n !== '需关注' && n !== '图表')) {
        const rows = sheetRows(c, sheet);
        const title = rows[0]![0]!;
        const branch = [...new Set(grade.members.map((m) => m.branch))]
          .filter((b) => title.startsWith(b))
          .sort((a, b) => b.length - a.length)[0];
        expect(branch, `${sheet}: title ${title} names no branch`).toBeDefined();
        expect(title).toContain(`（${YEAR}年度）`);
        for (const r of table(rows, ['党员姓名', '合计得分'], '党员姓名')) {
          shownRows.push([branch!, r['党员姓名']!, r['合计得分']!]);
          gradeRows.push([branch!, r['党员姓名']!, `${r['等次']}｜${r['排名']}`]);
        }
      }
      const want = byMember(grade.members.map((m) => [m.branch, m.name, shown(m.total)]));
      const got = byMember(shownRows);
      for (const [key, totals] of got) expect(totals, `${key}: 合计得分 in LibreOffice vs --json total`).toEqual(want.get(key));
      // Our branches: exactly the members, nobody missing.
      const ours = (m: Map<string, unknown>): string[] => [...m.keys()].filter((k) => own.has(k.split('｜')[0]!)).sort();
      expect(ours(got)).toEqual(ours(want));
      expect(ours(got).length).toBe(MEMBERS.length);
      const wantGrades = byMember(grade.members.map((m) => [m.branch, m.name, `${m.grade ?? ''}｜${m.rank ?? ''}`]));
      for (const [key, g] of byMember(gradeRows)) expect(g, `${key}: 等次｜排名`).toEqual(wantGrades.get(key));
    });

    it('总览: a row per branch with its member count and grade counts', () => {
      const rows = sheetRows(csv.get(resultsFile)!, '总览');
      const overview = table(rows, ['支部', '党员数', '参评人数'], '支部');
      const branches = [...new Set(grade.members.map((m) => m.branch))];
      for (const b of branches) {
        const row = overview.find((r) => r['支部'] === b);
        expect(row, `总览 has no row for ${b}`).toBeDefined();
        const members = grade.members.filter((m) => m.branch === b);
        if (own.has(b)) expect(row!['党员数'], `${b}: 党员数`).toBe(String(members.length));
        const counts = new Map<string, number>();
        for (const m of members) if (m.grade) counts.set(m.grade, (counts.get(m.grade) ?? 0) + 1);
        for (const [g, n] of counts) expect(row![g], `总览 › ${b} › ${g}`).toBe(String(n));
      }
      const total = overview.find((r) => r['支部'] === '合计');
      expect(total, '总览 合计 row').toBeDefined();
      if (!ledgers.fixtures.length) expect(total!['党员数']).toBe(String(MEMBERS.length));
    });

    it('需关注: exactly the members vetoed or flagged for follow-up (not quota cuts), with their shown score', () => {
      const rows = sheetRows(csv.get(resultsFile)!, '需关注');
      expect(rows[0]![0]).toContain('需关注党员名单');
      const listed = table(rows, ['支部', '姓名', '积分', '标记'], '姓名');
      const followUp = (m: MemberJson): string[] => m.flags.filter((f) => f !== OVER_QUOTA);
      const flagged = grade.members.filter((m) => followUp(m).length > 0 || m.vetoed);
      expect(flagged.some((m) => m.name === '吴刚' && m.vetoed), 'the planted veto').toBe(true);
      const key = (m: MemberJson): string => [shown(m.total), ...followUp(m)].join('｜');
      const fromSheet = listed.map((r): [string, string, string] => {
        const m = grade.members.find((x) => x.branch === r['支部'] && x.name === r['姓名']);
        // 标记 shows every follow-up flag of the member.
        const flags = m ? followUp(m).filter((f) => r['标记']!.includes(f)) : [];
        return [r['支部']!, r['姓名']!, [r['积分'], ...flags].join('｜')];
      });
      expect(byMember(fromSheet)).toEqual(byMember(flagged.map((m) => [m.branch, m.name, key(m)])));
      const wu = listed.find((r) => r['姓名'] === '吴刚');
      expect(wu?.['标记']).toContain('一票否决');
      expect(wu?.['积分']).toBe(shown(0));
    });
  });

  describe('评分汇总表 (compute --period Q1)', () => {
    it('every sheet loads; components, 加分项, 扣分项 and 合计得分 equal the --json result', async () => {
      for (const file of summaries) {
        const c = csv.get(file)!;
        const sheets = await expectEverySheetLoaded(c);
        expect(sheets.length).toBe(1);
        expect(sheets[0]!.name).toMatch(new RegExp(`^${Q1}$`));
        const rows = sheetRows(c, sheets[0]!.name);
        expect(rows[0]![0]).toMatch(new RegExp(`党员积分管理评分汇总表（${Q1}）$`));
        const h = headerRow(rows, ['党员姓名', '合计得分']);
        const records = table(rows, ['党员姓名', '合计得分'], '党员姓名');
        const branch = basename(file).split('_评分汇总表_')[0]!;
        const members = compute.members.filter((m) => m.branch === branch || basename(file).startsWith(`${m.branch}_`));
        expect(records.length, `${basename(file)}: rows`).toBeGreaterThan(0);
        if (own.has(branch)) expect(records.length).toBe(MEMBERS.filter((m) => m.branch === branch).length);
        for (const r of records) {
          const candidates = members.filter((m) => m.name === r['党员姓名']);
          expect(candidates.length, `${branch} › ${r['党员姓名']} not in --json`).toBeGreaterThan(0);
          const want = candidates.map((m) => [
            shown(m.total),
            shown(m.bonus),
            shown(m.deduction),
            ...Object.entries(m.components).map(([k, v]) => `${k}=${shown(v)}`),
          ].join(' '));
          const componentCols = rows[h]!.filter((x) => /\(.*分\)$/.test(x));
          const got = [
            r['合计得分'],
            r['加分项'],
            r['扣分项'],
            ...componentCols.map((x) => `${x.replace(/\s*\(.*\)$/, '')}=${r[x]}`),
          ].join(' ');
          expect(want, `${branch} › ${r['党员姓名']}: LibreOffice shows ${got}`).toContain(got);
        }
      }
    });

    it('the planted county-level 表彰 (+2 in March) is in 张建国\'s Q1 加分项', () => {
      const m = compute.members.find((x) => x.branch === '第一党支部' && x.name === '张建国')!;
      expect(m.bonus).toBe(2);
      const c = csv.get(summaries[0]!)!;
      const rec = table(sheetRows(c, [...c.sheets.keys()][0]!), ['党员姓名', '合计得分'], '党员姓名').find((r) => r['党员姓名'] === '张建国');
      expect(rec?.['加分项']).toBe(shown(2));
    });
  });

  describe('公示名单 (publish --period Q1, and grade\'s annual list)', () => {
    it('every sheet loads: a sheet per branch with only the public columns', async () => {
      for (const file of [quarterList, annualList]) {
        const sheets = await expectEverySheetLoaded(csv.get(file)!);
        expect(sheets.length).toBe(new Set(grade.members.map((m) => m.branch)).size);
        for (const s of sheets) {
          const rows = sheetRows(csv.get(file)!, s.name);
          // A quarter is not graded: its list has no (empty) 等次/星级 column.
          // 标记 only says 一票否决 where a listed member's total is 0 by a veto.
          const header = rows[headerRow(rows, ['姓名', '积分'])]!;
          expect(header.filter((h) => h !== '标记'), `${basename(file)} › ${s.name}`).toEqual(['序号', '姓名', '积分', ...(file === annualList ? ['等次/星级'] : [])]);
        }
      }
    });

    it('title and 公示期 with the expected dates', () => {
      const q = csv.get(quarterList)!;
      const first = sheetRows(q, '第一党支部');
      expect(first[0]![0]!.replace(/\s+/, ' ')).toMatch(new RegExp(`^中共第一党支部委员会 ${Q1}党员积分公示$`));
      // Default start: the first working day after the quarter (Mon 3 April 2023), 7 days.
      expect(publish.from).toBe('2023-04-03');
      expect(publish.to).toBe('2023-04-09');
      expect(first.flat()).toContain('公示期：2023年4月3日至2023年4月9日');
      const annual = sheetRows(csv.get(annualList)!, '第一党支部');
      expect(annual[0]![0]!.replace(/\s+/, ' ')).toBe(`中共第一党支部委员会 ${YEAR}年度党员积分公示`);
      expect(annual.flat()).toContain('公示期：2024年1月8日至2024年1月14日');
    });

    it('积分 per member equals the computed total', () => {
      const c = csv.get(quarterList)!;
      const got: [string, string, string][] = [];
      for (const sheet of c.sheets.keys()) {
        // No 支部 column: the sheet is the branch's (its title names it).
        for (const r of table(sheetRows(c, sheet), ['姓名', '积分'], '姓名')) got.push([sheet, r['姓名']!, r['积分']!]);
      }
      expect(byMember(got)).toEqual(byMember(publish.members.map((m) => [m.branch, m.name, shown(m.total)])));
      const annual = csv.get(annualList)!;
      const gotYear: [string, string, string][] = [];
      for (const sheet of annual.sheets.keys()) {
        for (const r of table(sheetRows(annual, sheet), ['姓名', '积分'], '姓名')) gotYear.push([sheet, r['姓名']!, r['积分']!]);
      }
      const wantYear = byMember(grade.members.map((m) => [m.branch, m.name, shown(m.total)]));
      for (const [key, v] of byMember(gotYear)) expect(v, key).toEqual(wantYear.get(key));
    });

    it('no 编号, phone number or birth date of any roster member appears', async () => {
      const fields = await privateFields([...ledgers.own, ...ledgers.fixtures]);
      const planted = fields.filter((f) => ledgers.own.includes(f.file));
      expect(planted.length).toBe(MEMBERS.length);
      // The planted values really are in the ledgers' rosters, as text.
      for (const m of MEMBERS) expect(planted.find((f) => f.name === m.name)?.values).toEqual(expect.arrayContaining([m.id, m.phone]));
      for (const file of [quarterList, annualList]) {
        const c = csv.get(file)!;
        const text = [...c.sheets.keys()].map((s) => sheetRows(c, s).flat().join('\n')).join('\n');
        for (const f of fields) {
          for (const v of f.values.filter((x) => x.length >= 5)) {
            const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
            const forms = iso ? [v, `${Number(iso[1])}年${Number(iso[2])}月${iso[3] ? `${Number(iso[3])}日` : ''}`] : [v];
            for (const form of forms) expect(text.includes(form), `${basename(file)} shows ${f.name}'s private field ${form}`).toBe(false);
          }
        }
      }
    });

    it('PDF of the quarterly list: a page per branch at least, its title, an embedded CJK font', () => {
      const branches = new Set(publish.members.map((m) => m.branch)).size;
      expect(pdfPages(listPdf)).toBeGreaterThanOrEqual(branches);
      const text = pdfText(listPdf).replace(/\s+/g, '');
      expect(text).toMatch(new RegExp(`中共第一党支部委员会${Q1}党员积分公示`));
      expect(text).toContain('公示期：2023年4月3日至2023年4月9日');
      expect(cjkFonts(listPdf).map((f) => f.name), 'embedded CJK fonts (pdffonts)').not.toEqual([]);
    });
  });
});
