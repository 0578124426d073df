// `npm run forms`: the picture of every form a clerk posts, signs or hands out (docs/forms/*.png,
// shown in the README), made the way a clerk makes them — the built binary on the sample township —
// then printed by LibreOffice to PDF and the first page of the form rendered by poppler.
// Needs soffice and pdftoppm (Debian: libreoffice-calc fonts-wqy-zenhei poppler-utils).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/scheme/load.js';

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'score.js');
const OUT = join(ROOT, 'docs', 'forms');

interface Form {
  /** PNG name in docs/forms. */
  png: string;
  /** The workbook written by score. */
  path: string;
  /** 1-based page of the PDF to show. */
  page: number;
}

/** Runs the built binary; `ok`: the exit codes that are not a failure (validate exits 1 on the problems it lists). */
function score(args: string[], cwd: string, ok: number[] = [0]): void {
  try {
    execFileSync(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, FORCE_COLOR: '0' } });
  } catch (e) {
    if (!ok.includes((e as { status?: number }).status ?? -1)) throw e;
  }
}

function pdfPage(xlsx: string, page: number, png: string, work: string): void {
  const profile = mkdtempSync(join(tmpdir(), 'score-lo-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], { stdio: 'ignore', timeout: 180_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = join(work, xlsx.split('/').pop()!.replace(/\.xlsx$/, '.pdf'));
  const base = join(work, 'page');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  copyFileSync(`${base}.png`, join(OUT, png));
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'score-forms-'));
  const township = join(ROOT, 'fixtures', 'township');
  score(['grade', '--year', '2023', '--dir', township, '--out', join(work, 'year'), '--no-history'], work);
  score(['compute', township, '--period', '2023Q1,2023Q2,2023Q3,2023Q4', '--out', join(work, 'quarters')], work);
  score(['publish', '--period', '2023Q1', township, '--out', join(work, 'q1')], work);
  score(['template', '--scheme', 'township', '--branch', '兰溪村党支部', '--year', '2023', '--out', join(work, 'template')], work);
  // A 问题清单 as a township sends it back: ledgers named as branches name them, with problems on
  // member rows, on whole sheets, warnings, and one branch sent in two files.
  const ledgers = join(work, 'ledgers');
  mkdirSync(ledgers);
  const invalid = join(ROOT, 'fixtures', 'invalid');
  copyFileSync(join(invalid, 'DEDUCTION_TWICE.xlsx'), join(ledgers, '兰溪村党支部.xlsx'));
  copyFileSync(join(invalid, 'CAP_EXCEEDED.xlsx'), join(ledgers, '兰溪村党支部（补报）.xlsx'));
  copyFileSync(join(invalid, 'RECORD_ABOVE_MAX.xlsx'), join(ledgers, '兰溪村党支部（重报）.xlsx'));
  score(['validate', ledgers, '--report', '--period', '2023Q4', '--out', join(work, 'check')], work, [0, 1]);
  const find = (dir: string, test: (f: string) => boolean): string => {
    const f = readdirSync(join(work, dir)).find(test);
    if (!f) throw new Error(`forms: nothing in ${dir}`);
    return join(work, dir, f);
  };
  mkdirSync(OUT, { recursive: true });
  const forms: Form[] = [
    { png: '评定结果-总览.png', page: 1, path: find('year', (f) => f.endsWith('评定结果.xlsx')) },
    { png: '评定结果-图表.png', page: 2, path: find('year', (f) => f.endsWith('评定结果.xlsx')) },
    { png: '公示名单.png', page: 1, path: find('q1', (f) => f.endsWith('公示名单.xlsx')) },
    { png: '评分汇总表.png', page: 1, path: find('quarters', (f) => f.startsWith('兰溪村党支部_评分汇总表')) },
    { png: '计分标准.png', page: 1, path: find('template', (f) => f.endsWith('计分标准.xlsx')) },
    { png: '积分申请表.png', page: 1, path: find('template', (f) => f.endsWith('积分申请表.xlsx')) },
    { png: '积分台账-说明.png', page: 1, path: find('template', (f) => f.includes('积分台账')) },
    { png: '积分台账-月表.png', page: 3, path: find('template', (f) => f.includes('积分台账')) },
    { png: '问题清单.png', page: 2, path: find('check', (f) => f.endsWith('问题清单.xlsx')) },
    { png: '问题清单-多个台账.png', page: 1, path: find('check', (f) => f.endsWith('问题清单.xlsx')) },
  ];
  for (const f of forms) {
    pdfPage(f.path, f.page, f.png, work);
    process.stdout.write(`docs/forms/${f.png}\n`);
  }
  rmSync(work, { recursive: true, force: true });
}

main();
