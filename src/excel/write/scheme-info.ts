// What the writers read off a scheme: the recorded entry columns, component maxima,
// catalogue names for dropdowns. Pure functions of the scheme.
import type { Component, Entry, Scheme } from '../../scheme/schema.js';
import { distinct } from './validation.js';
import { entryColumn, fmt, type FormColumn } from '../../scheme/form.js';

export { evaluationColumns, eventColumns, fmt } from '../../scheme/form.js';

export interface EntryColumn {
  component: Component;
  entry: Entry;
  /** `学习教育(10分)` — the header the ledger reader matches. */
  header: string;
  /** The entry's column in the ledger form. */
  column: FormColumn;
}

/** One column per entry of every `recorded` component, in scheme order. */
export function recordedColumns(scheme: Scheme): EntryColumn[] {
  return scheme.components.filter((c) => c.kind === 'recorded').flatMap(entryColumns);
}

/** One column per entry of a component (a record sheet's or a score sheet's). */
export function entryColumns(component: Component): EntryColumn[] {
  return component.entries.map((entry) => {
    const column = entryColumn(component, entry);
    return { component, entry, header: column.header ?? column.labels[0], column };
  });
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

