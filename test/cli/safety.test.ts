// Inputs are never modified; an interrupted run leaves no half-written output under the final
// name; outputs are not overwritten without --force.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

describe('inputs are never modified', () => {
  it('by any command, on good, messy, invalid and bad files', () => {
    const inputs = tmp('inputs-');
    for (const d of ['township', 'messy', 'invalid', 'bad']) cpSync(join(ROOT, 'fixtures', d), join(inputs, d), { recursive: true });
    const before = hashes(inputs);
    const out = tmp('out-');
    const ledger = join(inputs, 'township', readdirSync(join(inputs, 'township'))[0]!);
    const runs = [
      ['validate', inputs, '--report', '--out', out],
      ['compute', join(inputs, 'township'), '--period', '2023Q1,2023', '--out', out],
      ['grade', '--year', '2023', '--dir', inputs, '--out', out],
      ['publish', '--period', '2023Q1', join(inputs, 'township'), '--out', out],
      ['explain', '胡林文', '--ledger', ledger],
      ['apply', join(inputs, 'bad'), '--ledger', ledger, '--out', out],
    ];
    for (const args of runs) {
      const r = score([...args, '--quiet']);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at .+\.js:\d+/);
      expect([0, 1, 2], args.join(' ')).toContain(r.code);
    }
    expect(hashes(inputs)).toEqual(before);
  });
});

describe('outputs', () => {
  it('score\'s own outputs are replaced by a re-run (the previous kept in 上一版/); a foreign file only with --force', () => {
    const out = tmp('out-');
    const args = ['grade', '--year', '2023', '--dir', join(ROOT, 'fixtures', 'township'), '--out', out, '--quiet'];
    expect(score(args).code).toBe(0);
    const file = join(out, '2023年度评定结果.xlsx');
    const first = createHash('sha256').update(readFileSync(file)).digest('hex');
    const again = score(args);
    expect(again.code, again.stderr).toBe(0);
    expect(createHash('sha256').update(readFileSync(join(out, '上一版', '2023年度评定结果.xlsx'))).digest('hex')).toBe(first);
    // A file score did not write stands at the target: never replaced without --force.
    writeFileSync(file, 'a clerk\'s own workbook');
    const foreign = score(args);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('不是 score 写出的结果，不替换');
    expect(foreign.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('a clerk\'s own workbook');
    expect(score([...args, '--force']).code).toBe(0);
    expect(readFileSync(join(out, '上一版', '2023年度评定结果.xlsx'), 'utf8')).toBe('a clerk\'s own workbook');
  });

  it('an interrupted run leaves no half-written workbook under the final name', { timeout: 180_000 }, async () => {
    for (const delay of [150, 300, 450, 600, 800, 1000]) {
      const out = tmp('kill-');
      const child = spawn(process.execPath, [BIN, 'grade', '--year', '2023', '--dir', join(ROOT, 'fixtures', 'township'), '--out', out, '--quiet'], { stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      // Only final names and the run's own temporary files, whenever it was killed.
      const names = existsSync(out) ? readdirSync(out) : [];
      expect(names.filter((n) => !/^2023年度(评定结果|公示名单)\.xlsx$|^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(n)), String(delay)).toEqual([]);
      for (const name of ['2023年度评定结果.xlsx', '2023年度公示名单.xlsx']) {
        const p = join(out, name);
        if (!existsSync(p)) continue;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(p); // a complete workbook, or nothing at all
        expect(wb.worksheets.length).toBeGreaterThan(1);
      }
    }
  });
});
