// A period inside the cycle: the rows dated after it (加减分明细, 否决与处分) are not counted, and
// compute and publish say so on the terminal (the warnings are in --json's issues too).
import type { Diagnostic } from '../core/diagnostics.js';
import { placeText } from '../core/diagnostics.js';
import { lang } from '../batch/i18n.js';
import { note, type Verbosity } from './output.js';

export function noteLaterRows(issues: readonly Diagnostic[], opts: Verbosity): void {
  if (opts.json) return;
  for (const d of issues) if (d.code === 'PERIOD_LATER_ROWS') note(opts, `${placeText(d)}：${d.message[lang()]}`);
}
