// The drag-and-drop entry behind 评定.cmd (bin/drop.js), run for real on this platform: the year
// its ledgers name (the latest when they name several, said out loud), 输出 beside the folder,
// and a usage line when nothing was dropped. test/windows/package.test.ts runs it under Wine.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, tmp } from '../helpers/cli.js';

const DROP = join(ROOT, 'bin', 'drop.js');
const drop = (args: string[], cwd: string) => spawnSync(process.execPath, [DROP, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', SCORE_LANG: '' }, timeout: 120_000 });

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
    expect(readdirSync(join(where, '输出')).sort()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
    expect(existsSync(join(elsewhere, '输出'))).toBe(false);
    // dropped again (after fixing a ledger): the earlier results are replaced, as the first run said
    const again = drop([folder], elsewhere);
    expect(again.status, again.stderr).toBe(1);
    expect(readdirSync(join(where, '输出')).sort()).toEqual(['2023年度公示名单.xlsx', '2023年度评定结果.xlsx']);
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
