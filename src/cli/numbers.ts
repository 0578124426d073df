// Numbers in explain's lines: the core writes them exact (decimal.js, 40 digits). On screen a
// number with more than 4 decimals is shown rounded to 4 and marked ≈ (101.3333333… → ≈101.3333);
// with --exact a repeating decimal is shown as the fraction it is (461/12 = 38.41666…).
import { Dec } from '../core/decimal.js';
import { t } from '../batch/i18n.js';

const NUMBER = /\d+\.\d+/g;
export const SHOWN_PLACES = 4;

export function roundNumbers(text: string, places = SHOWN_PLACES): string {
  return text.replace(NUMBER, (s) => {
    const v = new Dec(s);
    return v.decimalPlaces() > places ? `≈${v.toDecimalPlaces(places).toFixed(places)}` : s;
  });
}

/** A fraction with a small denominator that is exactly the number (to the 40 digits kept), when there is one. */
export function asFraction(v: Dec): string | undefined {
  if (v.decimalPlaces() <= SHOWN_PLACES) return undefined;
  const [n, d] = v.toFraction(10_000) as [Dec, Dec];
  if (n.div(d).minus(v).abs().greaterThan('1e-30')) return undefined;
  return `${n.toString()}/${d.toString()}`;
}

export function exactNumbers(text: string): string {
  return text.replace(NUMBER, (s) => {
    const v = new Dec(s);
    const f = asFraction(v);
    return f ? `${f}${t('（=', ' (=')} ${v.toDecimalPlaces(8, Dec.ROUND_DOWN).toString()}…${t('）', ')')}` : s;
  });
}
