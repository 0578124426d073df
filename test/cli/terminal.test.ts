// The command line behaves like the tools clerks and scripts already know: colour only on a
// terminal and never with NO_COLOR / --no-color, --quiet never hides errors, validate's report
// on stdout (so `score validate 台账 > 检查.txt` keeps it), problems in workbook order.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const SGR = /\x1b\[[0-9;]*m/;
const INVALID = join(ROOT, 'fixtures', 'invalid');

/** Runs score on a pseudo-terminal (util-linux `script`), as a clerk's console would. */
function onTerminal(args: string[], env: Record<string, string | undefined>): string {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const base: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', SCORE_LANG: '' };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  // A clerk's console is not a CI runner: chalk turns colour off on a terminal when CI is set (.ci/run sets it).
  delete base.CI;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...base, ...env } as NodeJS.ProcessEnv, timeout: 60_000 });
  return r.stdout;
}

describe('colour', () => {
  const args = ['validate', join(INVALID, 'RECORD_ABOVE_MAX.xlsx')];
  it('is on for a terminal, and off with NO_COLOR (any non-empty value) or --no-color on any command', () => {
    expect(onTerminal(args, {})).toMatch(SGR);
    expect(onTerminal(['schemes'], {})).toMatch(SGR);
    expect(onTerminal(args, { NO_COLOR: '1' })).not.toMatch(SGR);
    expect(onTerminal(args, { NO_COLOR: 'yes' })).not.toMatch(SGR);
    expect(onTerminal(['schemes'], { NO_COLOR: '1' })).not.toMatch(SGR);
    expect(onTerminal([...args, '--no-color'], {})).not.toMatch(SGR);
    expect(onTerminal(['schemes', '--no-color'], {})).not.toMatch(SGR);
    expect(onTerminal(['--no-color', 'scheme', 'show', 'township'], {})).not.toMatch(SGR);
  });
  it('is off when piped, forced by FORCE_COLOR even when piped, and FORCE_COLOR=0 turns it off', () => {
    const plain = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined } as NodeJS.ProcessEnv });
    expect(plain.stdout).not.toMatch(SGR);
    expect(score(args, { env: { FORCE_COLOR: '1' } }).stdout).toMatch(SGR);
    expect(onTerminal(args, { FORCE_COLOR: '0' })).not.toMatch(SGR);
    expect(score([...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(SGR);
  });
  it('every command accepts --no-color', () => {
    for (const cmd of [['schemes'], ['scheme', 'show', 'township'], ['validate', '--help'], ['compute', '--help'], ['grade', '--help'], ['publish', '--help'], ['apply', '--help'], ['explain', '--help'], ['template', '--help'], ['scheme', 'init', '--help']]) {
      const r = score([...cmd, '--no-color']);
      expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(0);
    }
  });
});

describe('validate: the report on stdout, never hidden by --quiet', () => {
  it('prints every problem and the summary on stdout; stderr holds no problem', () => {
    const r = score(['validate', join(INVALID, 'RECORD_ABOVE_MAX.xlsx'), join(INVALID, 'RECORD_UNKNOWN_MEMBER.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('RECORD_ABOVE_MAX.xlsx › 6月 › D5  错误 RECORD_ABOVE_MAX');
    expect(r.stdout).toContain('RECORD_UNKNOWN_MEMBER');
    expect(r.stdout).toContain('共检查 2 个文件：错误 2 个');
    expect(r.stderr).not.toContain('RECORD_');
  });
  it('--quiet keeps the errors and the summary', () => {
    const r = score(['validate', join(INVALID, 'RECORD_ABOVE_MAX.xlsx'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('RECORD_ABOVE_MAX.xlsx › 6月 › D5  错误 RECORD_ABOVE_MAX');
    expect(r.stdout).toContain('共检查 1 个文件：错误 1 个');
  });
  it('--quiet never hides a left-out ledger (grade, compute)', () => {
    const out = tmp('quiet-');
    const g = score(['grade', '--year', '2023', join(INVALID, 'RECORD_ABOVE_MAX.xlsx'), join(ROOT, 'fixtures', 'township', '柳湾村党支部.xlsx'), '--out', out, '--quiet']);
    expect(g.code).toBe(1);
    expect(g.stderr).toContain('未计入');
    expect(g.stderr).toContain('RECORD_ABOVE_MAX.xlsx');
    const c = score(['compute', join(INVALID, 'RECORD_ABOVE_MAX.xlsx'), join(ROOT, 'fixtures', 'township', '柳湾村党支部.xlsx'), '--out', out, '--quiet', '--period', '2023H1']); // the error is in 6月: inside H1 (a Q1 does not read 6月)
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('未计入');
  });
});

describe('problems in workbook order, at the name cell', () => {
  it('orders by the sheet tabs (2月 before 10月), then row, then column; under the cap the latest are hidden', async () => {
    const dir = tmp('order-');
    const file = join(dir, '兰溪村党支部.xlsx');
    copyFileSync(join(ROOT, 'fixtures', 'township', '兰溪村党支部.xlsx'), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // 学习教育 (column D, at most 10) too high for 20 members in 12月, 10月 and 2月: 60 problems.
    for (const month of ['12月', '10月', '2月']) for (let row = 3; row < 23; row++) wb.getWorksheet(month)!.getCell(`D${row}`).value = 12;
    await wb.xlsx.writeFile(file);
    const all: { sheet: string; cell: string; code: string }[] = json(score(['validate', file, '--json'])).issues;
    expect(all.filter((d) => d.code === 'RECORD_ABOVE_MAX')).toHaveLength(60);
    const key = (d: { sheet: string; cell: string }): number[] => [parseInt(d.sheet, 10), Number(d.cell.replace(/^[A-Z]+/, '')), d.cell.replace(/\d+$/, '').length, d.cell.charCodeAt(0)];
    const sorted = [...all].sort((x, y) => key(x).reduce((acc, v, i) => acc || v - key(y)[i]!, 0));
    expect(all.map((d) => `${d.sheet} ${d.cell}`)).toEqual(sorted.map((d) => `${d.sheet} ${d.cell}`));
    expect(all[0]).toMatchObject({ sheet: '2月', cell: 'D3' });
    const r = score(['validate', file]);
    const shown = [...r.stdout.matchAll(/› (\d+月) › ([A-Z]+\d+) {2}/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(shown).toEqual(all.slice(0, 50).map((d) => `${d.sheet} ${d.cell}`));
    expect(shown.filter((x) => x.startsWith('2月 ')).length).toBe(all.filter((d) => d.sheet === '2月').length);
    expect(shown.some((x) => x.startsWith('12月 '))).toBe(false);
    expect(r.stdout).toContain(`另有 ${all.length - 50} 个问题未显示`);
  });
  it('a row-level problem points at the 姓名 cell, not at column A (序号)', () => {
    const issues = json(score(['validate', join(INVALID, 'RECORD_UNKNOWN_MEMBER.xlsx'), join(INVALID, 'EVENT_UNKNOWN_MEMBER.xlsx'), '--json'])).issues;
    expect(issues.map((d: { sheet: string; cell: string }) => `${d.sheet} ${d.cell}`)).toEqual(['3月 B7', '加减分明细 C4']);
  });
});
