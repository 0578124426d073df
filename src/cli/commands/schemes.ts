// `score schemes`: the built-in schemes (id, 名称, seed source).
import type { Command } from 'commander';
import Table from 'cli-table3';
import { builtinIds, builtinSummary } from '../../scheme/builtins.js';
import { t } from '../../batch/i18n.js';
import { optionsWithoutScheme, parseOptions, withCommon } from '../common-options.js';
import { printJson } from '../output.js';
import { tableStyle } from '../color.js';

export function collectSchemes(): { id: string; name: string; source: string; summary: string }[] {
  return builtinIds().flatMap((id) => builtinSummary(id) ?? []);
}

export function registerSchemes(cmd: Command): void {
  withCommon(cmd, { out: false, scheme: false }).action((raw: unknown) => {
    const opts = parseOptions(optionsWithoutScheme, raw);
    const list = collectSchemes();
    if (opts.json) return printJson(list);
    const table = new Table({ head: [t('方案 id', 'id'), t('名称', 'name'), t('来源', 'source')], wordWrap: true, colWidths: [18, 40, 44], style: tableStyle() });
    for (const s of list) table.push([s.id, s.name, s.source]);
    process.stdout.write(`${table.toString()}\n`);
    if (!opts.quiet) process.stdout.write(`${t(`共 ${list.length} 个内置方案。查看细则：score scheme show <id>`, `${list.length} built-in schemes. Details: score scheme show <id>`)}\n`);
  });
}
