// What the writers read off a scheme: the recorded entry columns, component maxima,
// catalogue names for dropdowns. Pure functions of the scheme.
import type { Component, Entry, Scheme } from '../../scheme/schema.js';
import { distinct } from './validation.js';
import { evaluationGrades } from '../../core/catalogue.js';

export interface EntryColumn {
  component: Component;
  entry: Entry;
  /** `学习教育(10分)` — the header the ledger reader matches. */
  header: string;
}

/** One column per entry of every `recorded` component, in scheme order. */
export function recordedColumns(scheme: Scheme): EntryColumn[] {
  return scheme.components.filter((c) => c.kind === 'recorded').flatMap(entryColumns);
}

/** One column per entry of a component (a record sheet's or a score sheet's). */
export function entryColumns(component: Component): EntryColumn[] {
  return component.entries.map((entry) => ({ component, entry, header: `${entry.name}(${fmt(entry.max)}分)` }));
}

/** The component's maximum: its cap, else the sum of its entries' max; undefined when unknown. */
export function componentMax(c: Component): number | undefined {
  if (c.cap !== undefined) return c.cap;
  if (c.entries.length) return c.entries.reduce((s, e) => s + e.max, 0);
  if (c.kind === 'evaluation' && c.votes) return c.votes.scale;
  if (c.kind === 'evaluation' && c.gradePoints) {
    const v = Object.values(c.gradePoints);
    return v.length ? Math.max(...v) : undefined;
  }
  return undefined;
}

/** Header of a component column: `履行党员义务(40分)`, or the bare name when the max is unknown. */
export function componentHeader(c: Component): string {
  const max = componentMax(c);
  return max === undefined ? c.name : `${c.name}(${fmt(max)}分)`;
}

export function itemNames(scheme: Scheme): string[] {
  return distinct(scheme.items.map((i) => i.name));
}

export function levelNames(scheme: Scheme): string[] {
  return distinct(scheme.items.flatMap((i) => Object.keys(i.levels ?? {})));
}

export function sanctionTypes(scheme: Scheme): string[] {
  return distinct([...scheme.vetoTypes, ...scheme.overrides.map((o) => o.type)]);
}

/** Grade names in band order, each once. */
export function gradeNames(scheme: Scheme): string[] {
  return distinct(scheme.bands.map((b) => b.grade));
}

/** A scheme number as people write it: 10, 0.5. */
export function fmt(n: number): string {
  return String(Number(n.toFixed(6)));
}

/**
 * The 民主评议 columns a scheme reads (SCHEMES.md "Every input the forms ask for is read"): votes
 * where an evaluation has a votes formula, 参评人数 where it divides by the voters, 评议等次 where a
 * grade maps to points, converts the total or raises a flag, 评议得分 where an evaluation component
 * takes a typed score. None: the template has no 民主评议 sheet.
 */
export function evaluationColumns(scheme: Scheme): { votes: boolean; voters: boolean; grade: boolean; score: boolean } {
  const comps = scheme.components.filter((c) => c.kind === 'evaluation');
  return {
    votes: comps.some((c) => c.votes),
    voters: comps.some((c) => c.votes?.divisor === 'voters'),
    grade: evaluationGrades(scheme).length > 0,
    score: comps.length > 0,
  };
}

/** The 加减分明细 columns a scheme reads beyond 日期, 姓名, 编号, 事项, 次数, 分值: 级别 and 项目. */
export function eventColumns(scheme: Scheme): { level: boolean; project: boolean } {
  return {
    level: scheme.items.some((i) => i.levels),
    project: scheme.items.some((i) => (i.highestOnly && i.highestPer === 'project') || i.split),
  };
}
