// STYLE.md habit 1, as a rule: imports flow cli → batch → excel / scheme → core, never back, and the pure
// core touches no files, no exceljs, no terminal and no process. The batch layer (inputs, workers,
// the left-out list, writing outputs, language and exit codes) is what every command shares below
// the commander code: it never imports the cli, and it draws nothing on the terminal (no chalk or tables). Type-only imports of the scheme
// types into core are allowed (they vanish at run time).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm), ...text.matchAll(/await import\('([^']+)'\)/g)].map((m) =>
    m[3] !== undefined ? { spec: m[3], typeOnly: Boolean(m[2]) } : { spec: m[1]!, typeOnly: false },
  );
}

const layerOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0]!;

describe('layers', () => {
  const all = files(SRC);
  it('every layer is known (a new folder must be placed in the rule)', () => {
    expect([...new Set(all.map(layerOf))].sort()).toEqual(['batch', 'cli', 'core', 'excel', 'scheme']);
  });
  it.each(all.map((f) => [relative(SRC, f), f]))('%s imports only downward', (_name, file) => {
    const layer = layerOf(file);
    for (const { spec, typeOnly } of imports(file)) {
      if (spec.startsWith('.')) {
        const target = relative(SRC, join(file, '..', spec)).split(/[\\/]/)[0]!;
        const allowed: Record<string, string[]> = {
          core: typeOnly ? ['core', 'scheme'] : ['core'],
          scheme: ['scheme', 'core'],
          excel: ['excel', 'core', 'scheme'],
          batch: ['batch', 'excel', 'scheme', 'core'],
          cli: ['cli', 'batch', 'excel', 'scheme', 'core'],
        };
        expect(allowed[layer] ?? [], `${relative(SRC, file)} imports ${spec}`).toContain(target);
      } else if (layer === 'batch') {
        expect(['chalk', 'cli-table3', 'commander'], `the batch layer draws no terminal: ${relative(SRC, file)} imports ${spec}`).not.toContain(spec);
      } else if (layer === 'core') {
        expect(['decimal.js', 'dayjs', 'dayjs/plugin/utc.js'], `core must stay pure: ${relative(SRC, file)} imports ${spec}`).toContain(spec);
      }
    }
    if (layer === 'core') expect(readFileSync(file, 'utf8')).not.toMatch(/\bprocess\.|console\./);
  });
});
