// `score template` also writes the printable 计分标准 (seed 003 附件1): every rule of the
// scheme in one table — components, catalogue items, vetoes, grades, quota, decisions.
import ExcelJS from 'exceljs';
import type { Band, Component, Item, Scheme } from '../../scheme/schema.js';
import { BORDER, FONT_BODY, FONT_HEADER, freezeBelow, printSetup, styleCell, writeHeader, writeTitle, type Column } from './style.js';
import { componentMax, fmt } from './scheme-info.js';
import { fitForPrint } from './fit-rows.js';

const COLUMNS: Column[] = [
  { header: '项目', width: 20 },
  { header: '计分标准', width: 64, align: 'left' },
  { header: '分值/上限', width: 16 },
  { header: '评分方式', width: 26, align: 'left' },
];

type Row = [string, string, string, string];

export function scoringStandard(scheme: Scheme): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'score';
  const ws = wb.addWorksheet('计分标准');
  writeTitle(ws, `${scheme.name} 计分标准`, COLUMNS.length);
  writeHeader(ws, 2, COLUMNS);
  let r = 3;
  const put = (row: Row): void => {
    row.forEach((text, i) => {
      const cell = ws.getCell(r, i + 1);
      styleCell(cell, COLUMNS[i]);
      cell.value = text || null;
    });
    r++;
  };
  // Sections are numbered as they appear (a scheme without 分层 has no gap after 一、).
  let sections = 0;
  const section = (title: string): void => {
    ws.mergeCells(r, 1, r, COLUMNS.length);
    const cell = ws.getCell(r, 1);
    cell.value = `${SECTION_NUMBERS[sections++] ?? sections}、${title}`;
    cell.font = FONT_HEADER;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'left', vertical: 'middle' };
    r++;
  };

  section('计分项目');
  for (const c of scheme.components) {
    put(componentRow(scheme, c));
    for (const item of scheme.items.filter((i) => i.component === c.id)) put(itemRow(c, item));
  }
  if (scheme.tiers.length) {
    section('分层基础分');
    for (const t of scheme.tiers) put([t.name, `${t.name}基础分`, `${fmt(t.base)}分`, '按名册“层次”确定']);
  }
  if (scheme.vetoTypes.length || scheme.overrides.length) {
    section(scheme.vetoTypes.length ? (scheme.overrides.length ? '一票否决与处分' : '一票否决') : '直接定等次的情形');
    if (scheme.vetoTypes.length) put(['一票否决', `${scheme.vetoTypes.join('、')}的，年度积分为零`, '0分', '在“否决与处分”表登记类型']);
    for (const o of scheme.overrides) put([o.type, o.note ?? `有“${o.type}”情形的，当年评为${o.grade}`, o.grade, '按情形直接定等次']);
  }
  if (scheme.bands.length || scheme.quota || scheme.gradeConditions.length) {
    section('等次评定');
    for (const b of scheme.bands) put([b.grade, bandRange(b), b.stars ? '★'.repeat(b.stars) : b.stars === 0 ? '无星' : '', b.note ?? '']);
    for (const g of scheme.gradeConditions) {
      const c = scheme.components.find((x) => x.id === g.component);
      put([g.grade, `另需${c?.name ?? g.component}不低于${fmt(g.min)}分，否则评为${g.fallback}`, '', g.note ?? '']);
    }
    if (scheme.quota) {
      const q = scheme.quota;
      const scope = q.scope === 'branch' ? '以支部为单位' : '全镇（乡）统一';
      put(['名额', `${q.grade}不超过参评党员的${fmt(q.pct * 100)}%（${scope}，按排名确定），超出名额的评为${q.fallback}`, `${fmt(q.pct * 100)}%`, q.note ?? '']);
    }
  }
  const notes = scheme.flags.filter((f) => f.note);
  if (notes.length) {
    section('标注');
    for (const f of notes) put([f.flag, f.note ?? '', '', '']);
  }
  if (scheme.decisions.length || scheme.clamp) {
    section('说明');
    if (scheme.clamp) put(['总分范围', clampText(scheme.clamp), '', scheme.clamp.note ?? '']);
    for (const d of scheme.decisions) put([d.about, printable(d.text), '', '']);
  }
  r++;
  ws.getCell(r, 1).value = '党员签字：';
  ws.getCell(r, 3).value = '支部书记签字：';
  ws.getCell(r, 1).font = FONT_BODY;
  ws.getCell(r, 3).font = FONT_BODY;
  freezeBelow(ws, 2);
  printSetup(ws, { orientation: 'landscape', titleRows: 2 });
  fitForPrint(wb);
  return wb;
}

/** Whether events of the item take points away (recorded/deduct entries, 扣分项). */
function subtracts(c: Component): boolean {
  return c.kind === 'recorded' || c.kind === 'deduct' || c.role === 'deduction';
}

/** A command named in a decision, as the printed sheet says it: when it happens, not what to type. */
const COMMAND_WHEN: Record<string, string> = { validate: '检查时', compute: '计分时', grade: '评定时', publish: '公示时用 ', template: '生成台账时', apply: '录入申请时', explain: '查询明细时' };

const KIND_TEXT: Record<Component['kind'], string> = {
  recorded: '按记录期纪实评分，每项扣完为止',
  deduct: '从满分起扣，扣完为止',
  accumulate: '按事项累计计分',
  evaluation: '民主评议计分',
  'tier-base': '按层次确定基础分',
};

function componentRow(scheme: Scheme, c: Component): Row {
  const max = componentMax(c);
  const per = scheme.cycle.record === 'quarter' ? '每季度' : '每月';
  const entries = c.entries.map((e, i) => `${i + 1}.${e.name}${fmt(e.max)}分${e.note ? `。${e.note}` : ''}`);
  const lines = [...(c.note ? [c.note] : []), ...entries];
  if (c.votes) {
    const w = c.votes.weights;
    const by = c.votes.divisor === 'votes' ? '总票数' : '参评人数';
    lines.push(`测评得分 =（好×${fmt(w.good)} + 一般×${fmt(w.fair)} + 差×${fmt(w.poor)}）÷ ${by} × ${fmt(c.votes.scale)}`);
  }
  if (c.gradePoints) lines.push(Object.entries(c.gradePoints).map(([g, p]) => `${g} ${fmt(p)}分`).join('；'));
  if (c.fromHistory) lines.push(`自第二年起，基础分取上年度积分的${fmt(c.fromHistory.pct * 100)}%`);
  if (c.base !== undefined) lines.push(`基础分${fmt(c.base)}分`);
  if (Number(c.weight) !== 1) lines.push(`计入总分时按${fmt(c.weight * 100)}%折算`);
  let value = '';
  if (c.cap !== undefined) value = `${c.capPer === 'record' ? (scheme.cycle.record === 'quarter' ? '每季度' : '每月') : '每年度'}不超过${fmt(c.cap)}分`;
  else if (max !== undefined) value = c.kind === 'recorded' ? `${per}${fmt(max)}分` : `${fmt(max)}分`;
  const head = max !== undefined ? `${c.name}(${fmt(max)}分)` : c.name;
  // 「扣完为止」 only where something deducts from the recorded entries (township 学习教育); points typed as earned have no floor to speak of.
  const deducts = c.kind !== 'recorded' || scheme.items.some((it) => it.component === c.id && it.entry !== undefined);
  const how = c.scoreSheet ? `在《${c.scoreSheet}》表逐项评分，每项不超过其分值` : deducts ? KIND_TEXT[c.kind] : '按记录期纪实评分';
  // A 扣分项 whose every item is a veto sets the year to zero; it deducts nothing.
  const items = scheme.items.filter((i) => i.component === c.id);
  const allVeto = items.length > 0 && items.every((i) => i.veto);
  const role = allVeto ? '一票否决：发生即年度积分为零' : c.role === 'deduction' ? '从总分中扣减' : how;
  return [head, printable(lines.join('\n')), value, role];
}

function itemRow(c: Component, item: Item): Row {
  const sign = subtracts(c) ? '扣' : '加';
  const entry = item.entry ? c.entries.find((e) => e.id === item.entry)?.name : undefined;
  const group = item.group ? c.groups.find((g) => g.id === item.group) : undefined;
  let value = '';
  if (item.veto) value = '年度积分为零';
  else if (item.levels) value = levelsText(item.levels);
  else if (item.range) value = `${sign}${fmt(item.range.min)}–${fmt(item.range.max)}分`;
  else if (item.points !== undefined) value = `每次${sign}${fmt(item.points)}分`;
  const how: string[] = [];
  if (item.veto) how.push('一票否决');
  if (item.zeroes) how.push('该项不得分');
  if (item.highestOnly) how.push(item.highestPer === 'category' ? '同类别不重复加分，只计最高的一次' : '同一项目按最高级计分，不累计（须填写项目）');
  if (item.split) how.push('多人共同完成的平均分配');
  if (item.cap !== undefined) how.push(`本项每年不超过${fmt(item.cap)}分`);
  if (group?.cap !== undefined) how.push(`${group.name}合计不超过${fmt(group.cap)}分`);
  if (item.beyondCap) how.push('不受加分上限限制');
  const text = item.note ?? `${item.name}${entry ? `（${entry}）` : ''}`;
  return [`  ${item.name}`, printable(text), value, how.join('；')];
}

const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Levels grouped by their points, highest first: 「中央、国家、省4分；市3分；县2分；镇、乡1分」 (two names of one level are not two levels). */
export function levelsText(levels: Record<string, number>): string {
  const byPoints = new Map<number, string[]>();
  for (const [level, points] of Object.entries(levels)) byPoints.set(points, [...(byPoints.get(points) ?? []), level]);
  return [...byPoints].sort((a, b) => b[0] - a[0]).map(([p, names]) => `${names.join('、')}${fmt(p)}分`).join('；');
}

/**
 * Scheme text as it is printed for members: no diagnostic codes, no command names and no
 * 「（决定）」 markers (those are for `scheme show`, where a decision is told from the seed's text).
 */
export function printable(text: string): string {
  return text
    .replace(/SCHEMES\.md\s*(R\d+)?\s*[：:]?\s*/g, '')
    .replace(/（\s*）|\(\s*\)/g, '')
    .replace(/(^|[^A-Za-z0-9])R\d{1,2}(?![0-9])\s*/g, '$1')
    .replace(/（决定）|\(决定\)/g, '')
    .replace(/[（(]\s*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\s*[)）]/g, '')
    .replace(/\bscore\s+(validate|compute|grade|publish|template|apply|explain)\b\s*/g, (_, cmd: string) => COMMAND_WHEN[cmd] ?? '检查时')
    .replace(/\bscore\s*/g, '')
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, '')
    .replace(/检查时在/g, '检查时会在');
}

function bandRange(b: Band): string {
  if (b.min !== undefined && b.max !== undefined) {
    return `${fmt(b.min)}分${b.minInclusive ? '（含）' : '（不含）'}至${fmt(b.max)}分${b.maxInclusive ? '（含）' : '（不含）'}`;
  }
  if (b.min !== undefined) return `${fmt(b.min)}分${b.minInclusive ? '及以上' : '以上'}`;
  if (b.max !== undefined) return `${b.maxInclusive ? `${fmt(b.max)}分及以下` : `低于${fmt(b.max)}分`}`;
  return '其余';
}

function clampText(clamp: NonNullable<Scheme['clamp']>): string {
  const parts: string[] = [];
  if (clamp.max !== undefined) parts.push(`超过${fmt(clamp.max)}分的按${fmt(clamp.max)}分计`);
  if (clamp.min !== undefined) parts.push(`低于${fmt(clamp.min)}分的按${fmt(clamp.min)}分计`);
  return parts.join('；');
}
