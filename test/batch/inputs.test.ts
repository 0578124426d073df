// One way in, nothing counted twice, one way out — through the spawned binary: files that are not
// read are listed by name (terminal, --json, 总览), the output folder is never read, an empty input
// is one line, duplicate branches are left out, apply enters a line once, outputs are all-or-nothing.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';
import { fillApplication, readTable } from '../helpers/fill.js';
import { say } from '../../src/batch/messages.js';

const TOWNSHIP = join(ROOT, 'fixtures', 'township');
const OLD = join(ROOT, 'fixtures', 'township-2022', '兰溪村党支部.xlsx');

beforeAll(() => ensureBuilt());

/** A folder holding the six township ledgers of 2023. */
function township(): string {
  const dir = tmp('score-inputs-');
  cpSync(TOWNSHIP, dir, { recursive: true });
  return dir;
}

/** Every file under a folder (relative), hidden ones included. */
function tree(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)]));
}

describe('one way in: every spreadsheet-like file that is not read is listed by name', () => {
  let dir: string;
  let out: string;
  let plain: ReturnType<typeof score>;
  let asJson: ReturnType<typeof score>;
  beforeAll(() => {
    dir = township();
    // .xls, .et and .xlsm are read (test/cli/xls.test.ts): one that is not a workbook is listed by what it is.
    writeFileSync(join(dir, '旧台账.xls'), 'old');
    writeFileSync(join(dir, '表格.ods'), 'ods');
    copyFileSync(OLD, join(dir, '去年的台账.xlsx'));
    const outside = tmp('score-outside-');
    copyFileSync(join(TOWNSHIP, '松山村党支部.xlsx'), join(outside, '别处.xlsx'));
    symlinkSync(join(outside, '别处.xlsx'), join(dir, '链接.xlsx'));
    writeFileSync(join(dir, '~$兰溪村党支部.xlsx'), 'lock');
    out = tmp('score-inputs-out-');
    plain = score(['grade', '--year', '2023', dir, '--out', out]);
    asJson = score(['grade', '--year', '2023', dir, '--out', tmp(), '--json']);
  });

  const expected = [
    ['旧台账.xls', '这是文本/CSV 文件（或网页），只是扩展名像 Excel 工作簿'],
    ['表格.ods', 'OpenDocument 表格（.ods）不能读取'],
    ['去年的台账.xlsx', '「说明」表的年度是 2022，不是 2023'],
    ['链接.xlsx', '快捷方式（符号链接）指向文件夹以外'],
  ];

  it('in the terminal, each with its reason and a fix; exit 1', () => {
    expect(plain.code, plain.stderr).toBe(1);
    for (const [name, reason] of expected) {
      const line = plain.stderr.split('\n').find((l) => l.startsWith(`未计入：${name} — `));
      expect(line, `${name} in\n${plain.stderr}`).toBeDefined();
      expect(line).toContain(reason);
      expect(line).toContain('处理：');
    }
    // The lock file is passed by with a note, not counted as a problem.
    expect(plain.stderr).toContain('~$兰溪村党支部.xlsx：Excel/WPS 打开文件时生成的临时锁文件');
    expect(plain.stdout).toContain('6 个支部');
  });

  it('in --json `excluded`', () => {
    expect(asJson.code).toBe(1);
    const excluded = json<{ excluded: { file: string; reason: string; fix?: string }[] }>(asJson).excluded;
    expect(excluded.map((e) => e.file.split(/[\\/]/).pop()).sort()).toEqual(expected.map((e) => e[0]).sort());
    for (const [name, reason] of expected) {
      const e = excluded.find((x) => x.file.endsWith(name!))!;
      expect(e.reason).toContain(reason);
      expect(e.fix).toBeTruthy();
    }
  });

  it('in the 总览 sheet of the 评定结果', async () => {
    const rows = await readTable(join(out, '2023年度评定结果.xlsx'), '总览', '支部');
    const notes = rows.map((r) => String(r['备注'] ?? ''));
    for (const [name, reason] of expected) {
      const note = notes.find((n) => n.includes(`（${name}）`));
      expect(note, `${name} in ${notes.join(' | ')}`).toBeDefined();
      expect(note).toContain(reason!);
      expect(note).toContain('处理：');
    }
  });
});

describe('the output folder is never read; grade with no files grades the current folder', () => {
  it('grade --year 2023 inside a folder, then validate and compute of that folder', () => {
    const dir = township();
    const g = score(['grade', '--year', '2023'], { cwd: dir });
    expect(g.code, g.stderr).toBe(0);
    expect(existsSync(join(dir, '输出', '2023年度评定结果.xlsx'))).toBe(true);
    expect(g.stdout).toContain('6 个支部');
    // A second grade, and validate / compute of the same folder, do not read 输出/.
    const again = score(['grade', '--year', '2023', '--force', '--json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(json(again).excluded).toEqual([]);
    const v = score(['validate', '.', '--json'], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    expect(json<{ files: unknown[] }>(v).files).toHaveLength(6);
    const c = score(['compute', '.', '--json', '--force'], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(json(c).excluded).toEqual([]);
  });
});

describe('an empty input is one clear line, exit 1, for every command', () => {
  const empty = tmp('score-empty-');
  const ledger = join(TOWNSHIP, '兰溪村党支部.xlsx');
  it.each([
    ['validate', ['validate', empty]],
    ['compute', ['compute', empty]],
    ['grade', ['grade', '--year', '2023', '--dir', empty]],
    ['publish', ['publish', '--period', '2023Q1', empty]],
    ['apply', ['apply', empty, '--ledger', ledger]],
  ])('%s', (_name, args) => {
    const cwd = tmp('score-empty-cwd-');
    const r = score([...args, '--out', join(cwd, '输出')], { cwd });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trim()).toBe(`没有找到台账：${empty} 中没有 .xlsx 文件`);
    expect(r.stdout).toBe('');
    expect(existsSync(join(cwd, '输出'))).toBe(false);
  });
});

describe('usage errors create nothing', () => {
  it('a usage error leaves no 输出/ folder', () => {
    const cwd = tmp('score-usage-');
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--quota-scope', 'county'], { cwd });
    expect(r.code).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
    const p = score(['publish', '--period', '2023Q9', TOWNSHIP], { cwd });
    expect(p.code).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--out naming an existing file is a usage error (exit 2), not an internal error', () => {
    const cwd = tmp('score-usage-');
    writeFileSync(join(cwd, 'x.txt'), 'a file');
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', join(cwd, 'x.txt')], { cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('用法错误');
    expect(r.stderr).toContain('是一个文件，不是文件夹');
  });
});

describe('nothing counted twice: the same branch in two files', () => {
  it('both named with size and date, the branch not graded (exit 1); validate reports it as an error', () => {
    const dir = township();
    copyFileSync(join(dir, '柳湾村党支部.xlsx'), join(dir, '柳湾村 党支部 (副本).xlsx'));
    const r = score(['grade', '--year', '2023', dir, '--out', tmp(), '--json']);
    expect(r.code).toBe(1);
    const res = json<{ members: { branch: string }[]; excluded: { file: string; reason: string }[] }>(r);
    expect(res.members.some((m) => m.branch === '柳湾村党支部')).toBe(false);
    expect(res.excluded).toHaveLength(2);
    for (const e of res.excluded) {
      expect(e.reason).toMatch(/支部「柳湾村党支部」2023 年度在本批中有 2 个台账：柳湾村 党支部 \(副本\)\.xlsx（[\d.]+ KB，\d{4}-\d\d-\d\d \d\d:\d\d 修改）、柳湾村党支部\.xlsx（[\d.]+ KB，/);
    }
    const v = score(['validate', dir, '--json']);
    expect(v.code).toBe(1);
    const dup = json<{ issues: { code: string; severity: string; file: string }[] }>(v).issues.filter((i) => i.code === 'INPUT_DUPLICATE_BRANCH');
    expect(dup.map((d) => [d.severity, d.file.split(/[\\/]/).pop()]).sort()).toEqual([
      ['error', '柳湾村 党支部 (副本).xlsx'],
      ['error', '柳湾村党支部.xlsx'],
    ]);
  });
});

describe('apply: every line marked with its source, entered once, with 项目 and 分值', () => {
  it('县 + 市 表彰 for one 项目 → only the higher counts; a second run enters nothing', async () => {
    const tplDir = tmp('score-apply-tpl-');
    expect(score(['template', '--scheme', 'township', '--year', '2023', '--out', tplDir, '--quiet']).code).toBe(0);
    const forms = tmp('score-apply-forms-');
    await fillApplication(join(tplDir, '积分申请表.xlsx'), join(forms, '沈俊琳_2023年5月.xlsx'), {
      name: '沈俊琳',
      month: '2023年5月',
      lines: [
        { item: '表彰', level: '县', project: '防汛抢险', count: 1, claimed: 2 },
        { item: '表彰', level: '市', project: '防汛抢险', count: 1, claimed: 3 },
      ],
    });
    const ledger = join(TOWNSHIP, '兰溪村党支部.xlsx');
    const out = tmp('score-apply-out-');
    const first = score(['apply', forms, '--ledger', ledger, '--out', out, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const a = json<{ approved: { project: string; points: number }[]; written: string[] }>(first);
    expect(a.approved.map((x) => [x.project, x.points])).toEqual([['防汛抢险', 2], ['防汛抢险', 3]]);
    const entered = a.written[0]!;
    const rows = (await readTable(entered, '加减分明细', '事项')).filter((r) => r['姓名'] === '沈俊琳' && r['事项'] === '表彰');
    expect(rows.map((r) => [r['级别'], r['项目'], r['分值']])).toEqual([['县', '防汛抢险', 2], ['市', '防汛抢险', 3]]);
    for (const [i, r] of rows.entries()) expect(String(r['依据'])).toBe(`来源：积分申请表 沈俊琳_2023年5月.xlsx › 积分申请表 › 第${4 + i}行`);
    // Highest level only (R3): 市 3 counts, 县 2 does not (bonus 0 before).
    const e = score(['explain', '沈俊琳', '--ledger', entered, '--json'], { cwd: tmp() });
    expect(json<{ member: { bonus: number } }>(e).member.bonus).toBe(3);
    // Again, on the ledger it wrote: every line is 已录入, nothing is written.
    const out2 = tmp('score-apply-out-');
    const second = score(['apply', forms, '--ledger', entered, '--out', out2, '--json']);
    expect(second.code, second.stderr).toBe(0);
    const b = json<{ approved: unknown[]; already: { reason: string }[]; written: string[] }>(second);
    expect(b.approved).toEqual([]);
    expect(b.already).toHaveLength(2);
    expect(b.already[0]!.reason).toMatch(/^已录入：台账加减分明细 第\d+行就是这一行/);
    expect(b.written).toEqual([]);
    expect(readdirSync(out2)).toEqual([]);
  });
});

describe('one way out: the output set is written all-or-nothing', () => {
  it('a full disk (ulimit -f) while writing the 评定结果 → neither output renamed, no temp file left', () => {
    const dir = township();
    const sizes = tmp('score-set-');
    expect(score(['grade', '--year', '2023', dir, '--out', sizes, '--quiet']).code).toBe(0);
    const pub = statSync(join(sizes, '2023年度公示名单.xlsx')).size;
    const res = statSync(join(sizes, '2023年度评定结果.xlsx')).size;
    expect(pub).toBeLessThan(res - 2048);
    // Last year's outputs stand in the folder; --force would replace both.
    const out = tmp('score-set-');
    writeFileSync(join(out, '2023年度公示名单.xlsx'), 'old list');
    writeFileSync(join(out, '2023年度评定结果.xlsx'), 'old results');
    const blocks = Math.ceil((pub + 1024) / 1024); // bash counts ulimit -f in 1024-byte blocks
    const r = spawnSync('bash', ['-c', `ulimit -f ${blocks}; exec "${process.execPath}" "${BIN}" grade --year 2023 "${dir}" --out "${out}" --force`], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '' } });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('写出');
    expect(r.stderr).toContain('本次的输出文件一个也没有写出');
    expect(readFileSync(join(out, '2023年度公示名单.xlsx'), 'utf8')).toBe('old list');
    expect(readFileSync(join(out, '2023年度评定结果.xlsx'), 'utf8')).toBe('old results');
    expect(tree(out).sort()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
  });

  it('an injected failure of the 3rd of six workbooks (SCORE_TEST_FAIL_WRITE) → none written; stale temps of a killed run are cleaned', () => {
    const dir = township();
    const out = tmp('score-set-');
    mkdirSync(out, { recursive: true });
    // A temp file a killed run left (a pid that is not running) and one of a live process.
    writeFileSync(join(out, '.兰溪村党支部_评分汇总表_2023.xlsx.999999999.0a1b2c3d.tmp'), 'stale');
    writeFileSync(join(out, `.其他.xlsx.${process.pid}.0a1b2c3d.tmp`), 'live');
    const r = score(['compute', dir, '--out', out], { env: { SCORE_TEST_FAIL_WRITE: '3' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('磁盘空间不足');
    expect(r.stderr).not.toContain('ENOSPC');
    expect(r.stderr).toContain('已清理上次中断留下的 1 个临时文件');
    expect(r.stderr).toContain(say('OUTPUT_STALE_TEMPS', { n: 1, dir: out }));
    // The workbook that failed, named with the reason in words (OUTPUT_WRITE_FAILED), and nothing written.
    const line = r.stderr.split('\n').find((l) => l.startsWith('未写出：写出 '))!;
    const target = line.slice('未写出：写出 '.length, line.indexOf(' 失败：'));
    expect(target.startsWith(out)).toBe(true);
    expect(line).toBe(`未写出：${say('OUTPUT_WRITE_FAILED', { target, why: '磁盘空间不足' })}`);
    expect(r.stderr).toContain(say('OUTPUT_NONE_WRITTEN', {}));
    expect(tree(out)).toEqual([`.其他.xlsx.${process.pid}.0a1b2c3d.tmp`]);
    const ok = score(['compute', dir, '--out', out]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(tree(out).filter((f) => f.endsWith('.xlsx'))).toHaveLength(6);
  });

  it('a target that exists without --force: nothing of the set is written', () => {
    const dir = township();
    const out = tmp('score-set-');
    writeFileSync(join(out, '2023年度评定结果.xlsx'), 'old results');
    const r = score(['grade', '--year', '2023', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2023年度评定结果.xlsx 已存在，但不是 score 写出的结果，不替换');
    expect(r.stderr).toContain(say('OUTPUT_NOT_OURS', { target: join(out, '2023年度评定结果.xlsx'), previous: '上一版' }));
    expect(tree(out)).toEqual(['2023年度评定结果.xlsx']);
  });
});
