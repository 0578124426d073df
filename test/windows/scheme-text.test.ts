// Scheme files as Windows editors save them: CRLF, a UTF-8 BOM, Notepad's "Unicode" (UTF-16LE),
// ANSI/GBK refused with the fix; JSON errors placed by line and column.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheme } from '../../src/scheme/load.js';
import { MINIMAL_SCHEME } from '../helpers/minimal-scheme.js';

const scheme = MINIMAL_SCHEME;
const crlf = JSON.stringify(scheme, null, 2).replace(/\n/g, '\r\n');
const dir = mkdtempSync(join(tmpdir(), 'score-scheme-text-'));
const file = (name: string, bytes: Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('scheme files saved on Windows', () => {
  it.each([
    ['CRLF', Buffer.from(crlf, 'utf8')],
    ['CRLF with a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')])],
    ['UTF-16LE with a BOM (Notepad "Unicode")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')])],
  ])('loads %s', (what, bytes) => {
    const r = loadScheme(file(`${what.replace(/\W/g, '_')}.json`, bytes));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scheme.name).toBe('我的方案');
  });
  it('refuses GBK (ANSI) text with the fix, not garbled names', () => {
    const gbk = Buffer.from(crlf.replace('我的方案', 'XX'), 'utf8');
    const bytes = Buffer.concat([gbk.subarray(0, 20), Buffer.from([0xce, 0xd2, 0xb5, 0xc4]), gbk.subarray(20)]);
    const r = loadScheme(file('gbk.json', bytes));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.zh).toContain('另存为');
  });
  it('places a JSON error by line and column, CRLF counted as one line end', () => {
    const broken = crlf.replace('"name": "我的方案",', '"name": "我的方案"');
    const r = loadScheme(file('broken.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(broken, 'utf8')])));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.zh).toContain('第 5 行第 3 列');
  });
});
