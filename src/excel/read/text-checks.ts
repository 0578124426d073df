// Read step: names and other texts the way Excel shows them. A name with U+FFFD (damaged bytes),
// control characters or nothing visible in it, or longer than any real one, is reported at its
// cell; bidi and zero-width marks are a warning (the name is kept exact, and printed escaped).
import type { SourceRef } from '../../core/model.js';
import type { ReadContext } from './common.js';

/** Longest text Excel keeps in a cell. */
export const EXCEL_CELL_CHARS = 32_767;

/**
 * Field lengths from the forms: a member's name (the longest Chinese names, with a transliterated
 * ethnic name and ·, are some 30 characters) and a branch's full name (中共…委员会, under 60).
 */
export const TEXT_LIMITS = { name: 50, branch: 100 } as const;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** Checks a name-like field (a member, a branch); true when it is usable. */
export function checkName(ctx: ReadContext, place: SourceRef, value: string, kind: keyof typeof TEXT_LIMITS): boolean {
  const limit = TEXT_LIMITS[kind];
  // Characters (code points) counted only for a short text: spreading a 1 MB one took 2 s of GC.
  if (value.length > limit && (value.length > 2 * limit || [...value].length > limit)) {
    ctx.report('READ_NAME_TOO_LONG', place, { limit, length: value.length > 2 * limit ? value.length : [...value].length });
    return false;
  }
  const shown = value.replace(INVISIBLE_ALL, '').trim();
  if (value.includes('\ufffd')) ctx.report('READ_NAME_DAMAGED', place, {}, value);
  else if (CONTROL.test(value)) ctx.report('READ_NAME_CONTROL', place, {}, value);
  else if (shown === '') ctx.report('READ_NAME_EMPTY', place, {}, value);
  else {
    if (INVISIBLE.test(value)) ctx.report('READ_NAME_INVISIBLE', place, {}, value);
    return true;
  }
  return false;
}

/** A text cell longer than Excel can hold: the file was not written by Excel. */
export function checkLength(ctx: ReadContext, place: SourceRef, value: string): boolean {
  if (value.length <= EXCEL_CELL_CHARS) return true;
  ctx.report('READ_TEXT_TOO_LONG', place, { limit: EXCEL_CELL_CHARS, length: value.length });
  return false;
}
