// The drag-and-drop entry behind 评定.cmd (bin/drop.js), run for real on this platform: the year
// its ledgers name (the latest when they name several, said out loud), 输出 beside the folder,
// and a usage line when nothing was dropped. test/windows/package.test.ts runs it under Wine.
import { cliText } from '../../src/cli/messages.js';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../tools/pack/node-flags.js';
import { ROOT, ensureBuilt, tmp } from '../helpers/cli.js';

const DROP = join(ROOT, 'bin', 'drop.js');
// As 评定.cmd runs it: Node with the launchers' options (tools/pack/node-flags.ts).
const drop = (args: string[], cwd: string) => spawnSync(process.execPath, [...NODE_FLAGS, DROP, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '' }, timeout: 120_000 });

describe('评定.cmd (bin/drop.js)', () => {
  ensureBuilt();
  it('grades the latest year the ledgers name, says so, and writes 输出 beside the folder', () => {
    const where = tmp('score-drop-');
    const folder = join(where, '台账 混合');
    mkdirSync(folder);
    cpSync(join(ROOT, 'fixtures', 'township'), folder, { recursive: true });
    cpSync(join(ROOT, 'fixtures', 'township-2022', '石桥村党支部.xlsx'), join(folder, '石桥村党支部（2022）.xlsx'));
    const elsewhere = tmp('score-drop-cwd-');
    const r = drop([folder], elsewhere);
    // The other year's ledger is left out by name like any file not graded (exit 1), the rest graded.
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('（7 个工作簿）');
    expect(r.stdout).toContain('年度：2023（台账写了几个年度（2023 年度 6 个，2022 年度 1 个），取最近的；其他年度的台账不计入）');
    expect(r.stdout).toContain(`结果写到：${join(where, '输出')}`);
    expect(r.stderr).toContain('未计入：石桥村党支部（2022）.xlsx — 「说明」表的年度是 2022，不是 2023');
    expect(r.stdout).toContain('有问题，见上面的说明');
    expect(r.stdout).toContain(cliText('CLI_DROP_FAILED', {}));
    expect(r.stdout).toContain(cliText('CLI_DROP_YEAR_SEVERAL', { named: '2023 年度 6 个，2022 年度 1 个' }));
    // The window writes the 问题清单 itself (a drop user cannot run validate), and prints each problem once.
    expect(r.stdout).toMatch(/问题清单已写出：.*问题清单\.xlsx/);
    expect(r.stderr).not.toContain('score validate');
    expect(r.stderr.split('石桥村党支部（2022）.xlsx').length - 1).toBe(1);
    const outputs = (): string[] => readdirSync(join(where, '输出')).filter((n) => !n.includes('问题清单')).sort();
    expect(outputs()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
    expect(existsSync(join(elsewhere, '输出'))).toBe(false);
    // dropped again (after fixing a ledger): the earlier results are replaced, as the first run said
    const again = drop([folder], elsewhere);
    expect(again.status, again.stderr).toBe(1);
    expect(outputs()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx', '上一版']);
  });
  it('a partial drop after a complete one does not replace it (nobody to answer the question: not replaced)', () => {
    const where = tmp('score-drop-partial-');
    const folder = join(where, '台账 全部');
    mkdirSync(folder);
    cpSync(join(ROOT, 'fixtures', 'township'), folder, { recursive: true });
    expect(drop([folder], where).status).toBe(0);
    const result = join(where, '输出', '2023年度评定结果.xlsx');
    const before = readFileSync(result);
    writeFileSync(join(folder, '河口村党支部 - 副本.xlsx'), 'broken');
    const r = drop([folder], where);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('要用这次不完整的结果替换「输出」里所有台账都计入的结果吗');
    expect(r.stdout).toContain('按“不替换”处理');
    expect(readFileSync(result).equals(before)).toBe(true);
  });

  it('月度检查.cmd checks up to the last month recorded; 季度公示.cmd publishes the last full quarter', () => {
    const where = tmp('score-drop-year-');
    const folder = join(where, '台账 九月');
    mkdirSync(folder);
    // A ledger filled to September (10–12月 not yet there) with one error in 6月.
    cpSync(join(ROOT, 'fixtures', 'invalid', 'RECORD_NOT_RECORDED.xlsx'), join(folder, '兰溪村党支部.xlsx'));
    const check = drop(['--mode=check', folder], where);
    expect(check.stdout).toContain('检查到：9月');
    expect(check.status, check.stderr).toBe(0);
    const pub = drop(['--mode=publish', folder], where);
    expect(pub.status, pub.stderr).toBe(0);
    expect(pub.stdout).toContain('公示：第三季度');
    expect(readdirSync(join(where, '输出'))).toContain('2023年第三季度公示名单.xlsx');
    const bad = join(where, '台账 有错');
    mkdirSync(bad);
    cpSync(join(ROOT, 'fixtures', 'invalid', 'RECORD_ABOVE_MAX.xlsx'), join(bad, '松山村党支部.xlsx'));
    const c2 = drop(['--mode=check', bad], where);
    expect(c2.status).toBe(1);
    expect(readdirSync(join(where, '输出')).some((n) => /^2023年\d+月问题清单_松山村党支部\.xlsx$/.test(n))).toBe(true);
  });

  it('a folder without workbooks: one line naming it, exit 1, no 输出 made', () => {
    const where = tmp('score-drop-empty-');
    mkdirSync(join(where, '空 文件夹'));
    const r = drop([join(where, '空 文件夹')], where);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('没有找到台账');
    expect(r.stderr).toContain('空 文件夹');
    expect(readdirSync(where)).toEqual(['空 文件夹']);
  });
  it('double-clicked (nothing dropped): one usage line, exit 2, nothing written', () => {
    const cwd = tmp('score-drop-none-');
    const r = drop([], cwd);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('把台账文件夹拖到「评定.cmd」上');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
