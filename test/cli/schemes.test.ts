// `score schemes`, `scheme show`, `scheme init`, languages and exit codes, through the real binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, score, tmp } from '../helpers/cli.js';

const ALL = ['township', 'vanguard', 'vanguard-school', 'agency', 'bureau', 'culture', 'company', 'school', 'village', 'tiered-xinba', 'tiered-baiyanghe', 'it-bureau', 'demolition'];

beforeAll(() => ensureBuilt());

describe('score schemes', () => {
  it('lists all thirteen built-in ids (table and --json)', () => {
    const r = score(['schemes']);
    expect(r.code).toBe(0);
    for (const id of ALL) expect(r.stdout).toContain(id);
    const list = json<{ id: string; name: string; source: string }[]>(score(['schemes', '--json']));
    expect(list.map((s) => s.id)).toEqual(ALL);
    expect(list.every((s) => s.name && /^《[^》]+》/.test(s.source) && !/seed|种子/.test(s.source))).toBe(true);
  });
  it('answers in English with --lang en and SCORE_LANG=en', () => {
    expect(score(['schemes', '--lang', 'en']).stdout).toContain('built-in schemes');
    expect(score(['schemes'], { env: { SCORE_LANG: 'en' } }).stdout).toContain('built-in schemes');
    expect(score(['--help', '--lang', 'en']).stdout).toContain('validate');
  });
});

describe('score scheme show', () => {
  it('prints the township rules with the 百分制 clamp decision and the star bands', () => {
    const r = score(['scheme', 'show', 'township']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('百分制');
    expect(r.stdout).toContain('★★★★★');
    expect(r.stdout).toMatch(/20%/);
  });
  it('prints the full definition as JSON', () => {
    const s = json(score(['scheme', 'show', 'tiered-baiyanghe', '--json']));
    expect(s.id).toBe('tiered-baiyanghe');
    expect(s.bands.length).toBeGreaterThanOrEqual(4);
  });
  it('wrong usage exits 2 with a Chinese message, no stack trace', () => {
    const r = score(['scheme', 'show', 'no-such-scheme']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有名为「no-such-scheme」的内置方案');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const unknown = score(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有「frobnicate」这个命令');
    const missing = score(['grade']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少必需的选项 --year');
    expect(score(['grade', '--lang', 'en']).stderr).toContain("required option '--year <year>' not specified");
    expect(score(['compute', '--help']).stdout).toMatch(/^用法：score compute/);
  });
});

describe('score scheme init', () => {
  it('writes an editable copy with $schema that loads again; refuses to overwrite without --force', () => {
    const dir = tmp();
    const file = join(dir, 'my.json');
    expect(score(['scheme', 'init', '--from', 'township', '--out', file]).code).toBe(0);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    expect(s.$schema).toBe('./score-scheme.schema.json');
    expect(s.id).toBe('township-custom');
    const schema = JSON.parse(readFileSync(join(dir, 'score-scheme.schema.json'), 'utf8'));
    expect(schema.definitions.ScoreScheme.properties.version.const).toBe(1);
    expect(schema.definitions.ScoreScheme.additionalProperties).toBe(false);
    expect(score(['scheme', 'show', file]).stdout).toContain('百分制');
    expect(score(['scheme', 'init', '--from', 'township', '--out', file]).code).toBe(1);
    expect(score(['scheme', 'init', '--from', 'township', '--out', file, '--force']).code).toBe(0);
  });
  it('without --from writes the general frame of the county committee, and says it wrote the schema beside it', () => {
    const file = join(tmp(), 'frame.json');
    const r = score(['scheme', 'init', '--out', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('score-scheme.schema.json');
    expect(readFileSync(file, 'utf8')).toContain('《加强党员积分管理的工作意见》');
    expect(score(['scheme', 'show', file]).code).toBe(0);
  });
  it('an edited file with a gap in its bands is rejected naming the field and the range', () => {
    const file = join(tmp(), 'gap.json');
    score(['scheme', 'init', '--from', 'township', '--out', file]);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    s.bands[1].min = 72;
    writeFileSync(file, JSON.stringify(s));
    const r = score(['scheme', 'show', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bands\[\d\]\.min/);
    expect(r.stderr).toContain('[70, 72)');
  });
});

