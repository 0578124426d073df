// The interface language: Chinese by default, English with --lang en or SCORE_LANG=en.
import type { Lang } from '../core/diagnostics.js';

let current: Lang = detect(process.argv, process.env.SCORE_LANG);

export function detect(argv: readonly string[], env: string | undefined): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? env : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
}

/** Picks the text of the current language. */
export function t(zh: string, en: string): string {
  return current === 'en' ? en : zh;
}
