// `grade --dir` over an archive that holds several years: ledgers of other years are passed by
// with a note, not reported as errors.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('grade --dir over several years', () => {
  it('grades the year asked and skips the others', () => {
    const archive = tmp('archive-');
    cpSync(join(ROOT, 'fixtures', 'township'), join(archive, '2023'), { recursive: true });
    cpSync(join(ROOT, 'fixtures', 'township-2022'), join(archive, '2022'), { recursive: true });
    const r = score(['grade', '--year', '2023', '--dir', archive, '--out', tmp(), '--json']);
    expect(r.code).toBe(0);
    const res = json(r);
    expect(res.members).toHaveLength(149);
    expect(res.excluded).toEqual([]);
    const plain = score(['grade', '--year', '2022', '--dir', archive, '--out', tmp()]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('跳过 6 个其他年度的台账');
  });
});
