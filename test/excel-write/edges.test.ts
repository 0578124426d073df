import { afterAll, describe, expect, it } from 'vitest';
import { gradeWorkbook } from '../../src/excel/write/results.js';
import { publicationList } from '../../src/excel/write/publication.js';
import { ledgerTemplate } from '../../src/excel/write/template.js';
import { schemeSchema } from '../../src/scheme/schema.js';
import { branchOne, roundTrip, scheme, sheetNames, tmp, yearResult } from './fixtures.js';

const t = tmp();
afterAll(() => t.done());

describe('writers on unusual input', () => {
  const plain = schemeSchema.parse({ ...scheme, bands: [], quota: undefined, precision: 0, items: [], vetoTypes: [], overrides: [] });

  it('grades without bands or quota, with precision 0 and awkward branch names', async () => {
    const result = {
      ...yearResult,
      branches: [
        { ...branchOne, branch: 'History' },
        { ...branchOne, branch: '总览' },
        { ...branchOne, branch: "'a/b:c*'", members: [] },
      ],
    };
    const wb = await roundTrip(gradeWorkbook(plain, result, { excluded: [] }), t.file('plain.xlsx'));
    expect(sheetNames(wb)).toEqual(['总览', '图表', 'History(1)', '总览(2)', 'abc', '需关注']);
    const ov = wb.getWorksheet('总览')!;
    expect((ov.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '支部', '党员数', '参评人数', '平均分', '备注']);
    const s = wb.getWorksheet('History(1)')!;
    expect(s.getCell('H4').value).toBe(100); // 99.5 rounded half-up to 0 places
    expect(s.getCell('H4').numFmt).toBe('0');
  });

  it('writes a template without dropdown lists for an empty catalogue, and publishes an empty result', async () => {
    const wb = await roundTrip(ledgerTemplate(plain, { branch: '第一支部', year: 2024 }), t.file('plain-ledger.xlsx'));
    // No catalogue item: nothing could be logged, so the template has no 加减分明细 (no sheet the scheme does not read).
    expect(wb.getWorksheet('加减分明细')).toBeUndefined();
    expect(wb.getWorksheet('_lists')).toBeUndefined();
    const pub = await roundTrip(publicationList(plain, { ...yearResult, branches: [] }, { from: '2024-01-02' }), t.file('empty-pub.xlsx'));
    expect(sheetNames(pub)).toEqual(['公示名单']);
  });
});
