// Read step, what Excel shows: a number format that shows no digits of the number — `"8"` shows 8
// whatever the cell holds, `;;;` shows nothing — makes the cell look like another value than the
// one graded. Both readers ask here; the field reports it at its cell (READ_SHOWN_OTHER).
import { Memo, MEMO_LIMIT } from '../core/memo.js';

/**
 * Built-in format ids that show a date or time: the international ones (14–22, 45–47) and the
 * locale ones Excel and WPS write for zh-CN, zh-TW, ja-JP, ko-KR (27–36, 50–58) and th-TH (71–81),
 * whose codes are not in the file.
 */
export const BUILTIN_DATE_FORMATS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

/** The zh-CN codes of the locale date ids (as Excel writes them in a zh-CN workbook), for exceljs, which has none. */
export const ZH_CN_DATE_CODES: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
  71: 'd/m/yyyy',
  72: 'd-mmm-yy',
  73: 'd-mmm',
  74: 'mmm-yy',
  75: 'h:mm',
  76: 'h:mm:ss',
  77: 'd/m/yyyy h:mm',
  78: 'mm:ss',
  79: '[h]:mm:ss',
  80: 'mm:ss.0',
  81: 'd/m/yyyy',
};

/** The sections of a format code (split at `;` outside quotes, brackets and escapes). */
function sections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      const stop = end < 0 ? code.length : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += code.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A section's literal text when it shows no digit of the number; undefined when it shows the number (or a date). */
function literalOf(section: string): string | undefined {
  let text = '';
  let rest = '';
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      text += section.slice(i + 1, stop);
      i = stop;
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      // [h] [mm] [ss] are elapsed time: a date-like section, the number is shown.
      if (/^[hms]+$/i.test(inner)) return undefined;
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      text += section[i + 1] ?? '';
      i++;
    } else if (ch === '_') {
      text += ' ';
      i++;
    } else if (ch === '*') i++;
    else {
      rest += ch;
      text += ch;
    }
  }
  // Digits placeholders, General, text (@), exponent, dates and times all show the value.
  if (/[0#?@]|general|[ymdhsbe]/i.test(rest)) return undefined;
  return text.trim();
}

const shownCache = new Memo<string, (string | undefined)[] | null>(MEMO_LIMIT);

/**
 * What Excel shows for `value` in `code` when it is not the number: '' (hidden, `;;;`) or the
 * literal text (`"8"`); undefined when the number is shown. A zero is never reported (`0;-0;;@`
 * hides zeros, which read as 0 either way); a section with a condition ([>5]) is not judged.
 */
export function shownInstead(code: string | undefined, value: number): string | undefined {
  if (!code || value === 0 || !Number.isFinite(value)) return undefined;
  let parsed = shownCache.get(code);
  if (parsed === undefined) {
    const s = sections(code);
    parsed = s.some((x) => /\[[<>=]/.test(x)) ? null : [literalOf(s[0] ?? ''), s.length > 1 ? literalOf(s[1]!) : undefined, s.length > 1 ? 'neg' : undefined];
    shownCache.set(code, parsed);
  }
  if (parsed === null) return undefined;
  // One section serves every number; a second one serves the negatives (shown without the sign).
  const shown = value < 0 && parsed[2] === 'neg' ? parsed[1] : parsed[0];
  if (shown === undefined) return undefined;
  const plain = String(Math.abs(value));
  return shown === plain || shown === String(value) ? undefined : shown;
}

/** Whether a format may show another number than the cell's (worth remembering the cell's style). */
export function mayHide(code: string | undefined): boolean {
  return shownInstead(code, 1) !== undefined || shownInstead(code, -1) !== undefined;
}
