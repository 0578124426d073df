// A clerk's desk (issue 21): the output set under locks and failed renames (all old or all new),
// re-runs that replace score's own outputs and keep the previous in 上一版/, foreign files never
// replaced, a partial run never replacing a complete one, reports named by period, history read
// only from stamped results (one per year). All through the spawned binary.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ROOT, ensureBuilt, json, score, tmp } from '../helpers/cli.js';
import { fillApplication, readTable } from '../helpers/fill.js';
import { INPUT_MESSAGES, say } from '../../src/batch/messages.js';

const TOWNSHIP = join(ROOT, 'fixtures', 'township');
const hash = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');
const RESULT = '2023年度评定结果.xlsx';
const LIST = '2023年度公示名单.xlsx';

beforeAll(() => ensureBuilt());

/** A township output folder graded once; returns it and the hashes of its two outputs. */
function gradedOnce(): { out: string; before: Record<string, string> } {
  const out = tmp('desk-out-');
  const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return { out, before: { [RESULT]: hash(join(out, RESULT)), [LIST]: hash(join(out, LIST)) } };
}

describe('the output set under locks and failed renames', () => {
  it('a rename that fails after the first one puts the earlier versions back: all old, in Chinese, no errno', () => {
    const { out, before } = gradedOnce();
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--quiet'], { env: { SCORE_TEST_FAIL_RENAME: '2' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('已恢复原来的文件');
    expect(r.stderr).toContain(say('OUTPUT_RESTORED', {}));
    expect(r.stderr).toContain('文件正被其他程序（如 Excel、WPS）占用');
    // The target whose rename failed, named with the reason in words.
    const why = '文件正被其他程序（如 Excel、WPS）占用，或没有权限';
    expect([RESULT, LIST].filter((f) => r.stderr.includes(say('OUTPUT_REPLACE_FAILED', { target: join(out, f), why })))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPERM|operation not permitted|rename '/);
    expect({ [RESULT]: hash(join(out, RESULT)), [LIST]: hash(join(out, LIST)) }).toEqual(before);
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(out, '上一版')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // SCORE_DEBUG=1 adds Node's own words.
    const debug = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--quiet'], { env: { SCORE_TEST_FAIL_RENAME: '1', SCORE_DEBUG: '1' } });
    expect(debug.stderr).toContain('EPERM');
  });

  it('on a volume without hard links the previous version is moved to 上一版/ (not copied), and a failed rename still puts all back', () => {
    const { out, before } = gradedOnce();
    const inode = statSync(join(out, RESULT)).ino;
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--quiet'], { env: { SCORE_TEST_NO_LINK: '1' } });
    expect(r.code, r.stderr).toBe(0);
    // Moved: the same file (inode), not a copy of it.
    expect(statSync(join(out, '上一版', RESULT)).ino).toBe(inode);
    expect({ [RESULT]: hash(join(out, '上一版', RESULT)), [LIST]: hash(join(out, '上一版', LIST)) }).toEqual(before);
    const now = { [RESULT]: hash(join(out, RESULT)), [LIST]: hash(join(out, LIST)) };
    // A new file took its place (two runs in the same second write the same bytes: compare the files, not their hashes).
    expect(statSync(join(out, RESULT)).ino).not.toBe(inode);
    // The second target moved aside, its new version not yet renamed in: every step is undone.
    const failed = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--quiet'], { env: { SCORE_TEST_NO_LINK: '1', SCORE_TEST_FAIL_RENAME: '2' } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('已恢复原来的文件');
    expect({ [RESULT]: hash(join(out, RESULT)), [LIST]: hash(join(out, LIST)) }).toEqual(now);
    expect({ [RESULT]: hash(join(out, '上一版', RESULT)), [LIST]: hash(join(out, '上一版', LIST)) }).toEqual(before);
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(out, '上一版')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a target open in another program (LibreOffice\'s lock file) → nothing renamed, the file named, closing it fixes it', () => {
    const { out, before } = gradedOnce();
    writeFileSync(join(out, `.~lock.${RESULT}#`), 'lock');
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${RESULT} 正在被 Excel 或 WPS 打开，无法替换。关闭这个文件后再运行一次`);
    expect(r.stderr).toContain(say('OUTPUT_OPEN_ELSEWHERE', { file: join(out, RESULT) }));
    expect(r.stderr).toContain(say('OUTPUT_NONE_WRITTEN', {}));
    expect({ [RESULT]: hash(join(out, RESULT)), [LIST]: hash(join(out, LIST)) }).toEqual(before);
    expect(existsSync(join(out, '上一版'))).toBe(false);
  });
});

describe('re-runs', () => {
  it('replace score\'s own output, keep the previous in 上一版/, and carry a stamp (workbook and --json)', async () => {
    const { out, before } = gradedOnce();
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const stamp = json(r).stamp;
    expect(stamp).toMatchObject({ tool: 'score', scheme: 'township', period: '2023', complete: true, excluded: [] });
    expect(stamp.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(stamp.inputs).toHaveLength(6);
    expect(stamp.inputs[0].sha256).toBe(hash(stamp.inputs[0].file));
    expect(hash(join(out, '上一版', RESULT))).toBe(before[RESULT]);
    expect(hash(join(out, '上一版', LIST))).toBe(before[LIST]);
    // The stamp is in the workbook's 备注 (docProps/core.xml), the same as --json's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, RESULT));
    expect(wb.description?.startsWith('score-stamp:')).toBe(true);
    expect(JSON.parse(wb.description!.slice('score-stamp:'.length))).toMatchObject({ ...stamp, kind: '2023年度评定结果' });
    // 上一版 is never read as input: validating the output folder's parent skips it, said so.
    const v = score(['validate', out]);
    expect(v.stderr).toContain('上一版');
  });

  it('says that the previous set moved to 上一版/, except under --quiet', () => {
    const { out } = gradedOnce();
    const loud = score(['grade', '--year', '2023', TOWNSHIP, '--out', out]);
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toContain('同名的上一版结果已移到');
    expect(loud.stderr).toContain(say('OUTPUT_PREVIOUS_MOVED', { dir: join(out, '上一版') }));
    const quiet = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--quiet']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain('上一版');
    expect(existsSync(join(out, '上一版', RESULT))).toBe(true);
  });

  it('an output changed and saved again in a spreadsheet program is not replaced without --force', async () => {
    const { out } = gradedOnce();
    const file = join(out, RESULT);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.worksheets[0]!.getCell('A1').value = '手工改过的标题';
    // What Excel or WPS does on saving: the 修改时间 property becomes the time of the save.
    wb.modified = new Date(Date.now() + 60_000);
    await wb.xlsx.writeFile(file);
    const edited = hash(file);
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('是 score 写出的，但之后又在 Excel 或 WPS 里修改、保存过');
    expect(r.stderr).toContain(INPUT_MESSAGES.OUTPUT_EDITED.zh({ target: join(out, RESULT) }).split('（')[0]);
    expect(hash(file)).toBe(edited);
    const forced = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--force', '--quiet']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(hash(join(out, '上一版', RESULT))).toBe(edited);
  });

  it('a foreign file at a target is not replaced without --force; nothing of the set is written', () => {
    const out = tmp('desk-foreign-');
    writeFileSync(join(out, LIST), 'made by hand');
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不是 score 写出的结果，不替换');
    expect(readdirSync(out)).toEqual([LIST]);
  });

  it('validate --report names the period in the file and the title; the next month writes its own', () => {
    const out = tmp('desk-report-');
    const bad = tmp('desk-bad-');
    cpSync(join(ROOT, 'fixtures', 'invalid'), bad, { recursive: true });
    const a = score(['validate', bad, '--period', '2023-02', '--report', '--out', out, '--json']);
    expect(json(a).report).toBe(join(out, '2023年2月问题清单.xlsx'));
    const b = score(['validate', bad, '--period', '2023-03', '--report', '--out', out, '--json']);
    expect(json(b).report).toBe(join(out, '2023年3月问题清单.xlsx'));
    // The same month again: replaced without --force.
    const c = score(['validate', bad, '--period', '2023-03', '--report', '--out', out]);
    expect(c.stderr).not.toContain('--force');
    expect(existsSync(join(out, '上一版', '2023年3月问题清单.xlsx'))).toBe(true);
  });
});

describe('a partial run', () => {
  it('does not replace a complete set without --force, and says it is partial in the title', () => {
    const dir = tmp('desk-partial-');
    cpSync(TOWNSHIP, dir, { recursive: true });
    const out = join(dir, '输出');
    expect(score(['grade', '--year', '2023', dir, '--out', out, '--quiet']).code).toBe(0);
    const before = hash(join(out, RESULT));
    writeFileSync(join(dir, '坏台账.xlsx'), 'not a workbook');
    const r = score(['grade', '--year', '2023', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('全部台账计入的结果；本次有 1 个文件未计入，不用不完整的结果替换它');
    expect(r.stderr).toMatch(/\d{4}-\d\d-\d\d 全部台账/);
    const date = /(\d{4}-\d\d-\d\d) 全部台账/.exec(r.stderr)![1];
    expect(r.stderr).toContain(say('OUTPUT_COMPLETE_KEPT', { target: join(out, LIST), date, n: 1 }));
    expect(hash(join(out, RESULT))).toBe(before);
    // Each left-out file is printed once.
    expect(r.stderr.split('坏台账.xlsx').length - 1).toBe(1);
    const forced = score(['grade', '--year', '2023', dir, '--out', out, '--force', '--json']);
    expect(json(forced).stamp).toMatchObject({ complete: false, excluded: [join(dir, '坏台账.xlsx')] });
  });
});

describe('history', () => {
  it('is read only from stamped results, one per year: a copy is a warning naming both, the real one used', () => {
    const out = tmp('desk-history-');
    const g = score(['grade', '--year', '2022', join(ROOT, 'fixtures', 'township-2022'), '--out', out, '--quiet', '--no-history']);
    expect(g.code, g.stderr).toBe(0);
    const real = join(out, '2022年度评定结果.xlsx');
    const copy = join(out, '2022年度评定结果 - 副本.xlsx');
    cpSync(real, copy);
    writeFileSync(join(out, '2021年度评定结果.xlsx'), 'hand-made');
    const r = score(['grade', '--year', '2023', TOWNSHIP, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = json(r);
    expect(j.history).toEqual([real]);
    const second = j.historyWarnings.find((w: { code: string }) => w.code === 'HISTORY_SECOND_CANDIDATE');
    expect(second.message).toContain(real);
    expect(second.message).toContain(copy);
    expect(second.message).toContain('使用 2022年度评定结果.xlsx');
    expect(j.historyWarnings.some((w: { code: string; file: string }) => w.code === 'HISTORY_NOT_STAMPED' && w.file.endsWith('2021年度评定结果.xlsx'))).toBe(true);
  });
});

describe('every word in Chinese', () => {
  it('a usage error and a missing argument are in Chinese (English under --lang en); --version is package.json\'s', () => {
    const missing = score(['validate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('用法错误：缺少参数「台账文件或文件夹」');
    expect(missing.stderr).not.toMatch(/missing|argument|files/);
    const unknown = score(['grade', '--year', '2023', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('用法错误：没有「--bogus」这个选项');
    const help = score(['validate', '--help']);
    expect(help.stdout).toMatch(/^用法：score validate \[选项\] <台账文件或文件夹\.\.\.>/);
    expect(help.stdout).not.toMatch(/\[options\]|<year>|<period>/);
    expect(score(['validate', '--lang', 'en']).stderr).toContain("error: missing required argument 'files'");
    expect(score(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('explain suggests the nearest roster name, speaks in rule names and cites the cells holding the numbers', () => {
    const ledger = join(TOWNSHIP, '柳湾村党支部.xlsx');
    const near = score(['explain', '胡林', '--ledger', ledger, '--no-history']);
    expect(near.code).toBe(2);
    expect(near.stderr).toContain('台账中没有「胡林」。是不是「胡林文」？');
    const r = score(['explain', '胡林文', '--ledger', ledger, '--no-history']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/累计记分 +履行党员义务（1月）：40　← 柳湾村党支部\.xlsx › 1月 › [A-Z]+5:[A-Z]+5\n/);
    expect(r.stdout).not.toMatch(/^\s+R\d+ /m);
    expect(r.stdout).not.toContain('未折算');
    expect(r.stdout).toContain('扣分项（从总分中减去）：0');
    const codes = score(['explain', '胡林文', '--ledger', ledger, '--no-history', '--codes']);
    expect(codes.stdout).toMatch(/^ {2}R2 +履行党员义务（1月）/m);
  });

  it('a 公示期 already past is a warning naming --from', () => {
    const r = score(['publish', '--period', '2023Q1', TOWNSHIP, '--out', tmp('desk-pub-')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/警告：公示期 2023-04-03 至 2023-04-09 已经过去.*--from/);
    const given = score(['publish', '--period', '2023Q1', TOWNSHIP, '--out', tmp('desk-pub-'), '--from', '2023-04-03']);
    expect(given.stderr).not.toContain('已经过去');
  });
});

describe('apply during the year', () => {
  it('on a ledger filled to September: checks 1–9月 only, grants a fixed item at its value with a note, --in-place keeps a dated backup', async () => {
    const dir = tmp('desk-apply-');
    const ledger = join(dir, '兰溪村党支部.xlsx');
    // The sample ledger as it stands in October: 10–12月 not there yet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(TOWNSHIP, '兰溪村党支部.xlsx'));
    for (const m of ['10月', '11月', '12月']) wb.removeWorksheet(wb.getWorksheet(m)!.id);
    await wb.xlsx.writeFile(ledger);
    const tplDir = tmp('desk-apply-tpl-');
    expect(score(['template', '--scheme', 'township', '--year', '2023', '--out', tplDir, '--quiet']).code).toBe(0);
    const forms = tmp('desk-apply-forms-');
    await fillApplication(join(tplDir, '积分申请表.xlsx'), join(forms, '沈俊琳_2023年9月.xlsx'), {
      name: '沈俊琳',
      month: '2023年9月',
      lines: [{ item: '公益事业', count: 1, claimed: 3 }],
    });
    const before = hash(ledger);
    const r = score(['apply', forms, '--ledger', ledger, '--in-place', '--out', join(dir, '输出')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('申报 3 分，按计分标准认定 2 分');
    expect(r.stdout).toContain('已更新台账');
    const backups = readdirSync(join(dir, '上一版'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^兰溪村党支部_\d{4}-\d{2}-\d{2}_\d{6}_录入申请之前\.xlsx$/);
    expect(hash(join(dir, '上一版', backups[0]!))).toBe(before);
    const rows = (await readTable(ledger, '加减分明细', '事项')).filter((x) => x['姓名'] === '沈俊琳' && x['事项'] === '公益事业');
    expect(rows.map((x) => x['分值'])).toContain(2);
    expect(rows.some((x) => String(x['依据']).includes('申报 3 分，按计分标准认定 2 分'))).toBe(true);
    // Again: 已录入 said once, nothing written, the ledger (read as the folder's only ledger) still validates to 9月.
    const again = score(['apply', forms, '--ledger', ledger, '--in-place', '--out', join(dir, '输出')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('已录入：');
    expect(again.stdout).not.toContain('已录入：已录入');
    expect(readdirSync(join(dir, '上一版'))).toHaveLength(1);
    const v = score(['validate', dir, '--period', '2023-09']);
    expect(v.code, v.stdout).toBe(0);
  });
});
