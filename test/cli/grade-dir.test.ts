// `grade --dir` over an archive that holds several years: the year asked is graded; the ledgers
// of other years are listed by name (left out, exit 1), never silently read or dropped.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, ROOT, score, tmp } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('grade --dir over several years', () => {
  it('grades the year asked and lists the others by name', () => {
    const archive = tmp('archive-');
    cpSync(join(ROOT, 'fixtures', 'township'), join(archive, '2023'), { recursive: true });
    cpSync(join(ROOT, 'fixtures', 'township-2022'), join(archive, '2022'), { recursive: true });
    const r = score(['grade', '--year', '2023', '--dir', archive, '--out', tmp(), '--json']);
    expect(r.code).toBe(1);
    const res = json(r);
    expect(res.members).toHaveLength(149);
    expect(res.excluded).toHaveLength(6);
    for (const e of res.excluded) {
      expect(e.file).toContain(join(archive, '2022'));
      expect(e.reason).toBe('「说明」表的年度是 2022，不是 2023');
      expect(e.fix).toContain('--year 2022');
    }
    const plain = score(['grade', '--year', '2022', '--dir', archive, '--out', tmp()]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('未计入：兰溪村党支部.xlsx — 「说明」表的年度是 2023，不是 2022');
  });
});
