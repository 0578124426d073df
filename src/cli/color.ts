// Colour in the terminal, the way other tools do it: --no-color and NO_COLOR (any non-empty value,
// https://no-color.org) turn it off, FORCE_COLOR (1/2/3, or 0/false) forces it, otherwise colour
// only when stdout is a terminal. chalk's level is set once, before any command runs.
import chalk, { type ColorSupportLevel } from 'chalk';

export function colorLevel(argv: readonly string[], env: NodeJS.ProcessEnv, isTTY: boolean): ColorSupportLevel {
  const args = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined);
  if (args.includes('--no-color')) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const n = Number.parseInt(force, 10);
    if (Number.isInteger(n)) return Math.max(0, Math.min(3, n)) as ColorSupportLevel;
  }
  if (env.NO_COLOR) return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return Math.max(chalk.level, 1) as ColorSupportLevel;
}

export function setupColor(argv: readonly string[]): void {
  chalk.level = colorLevel(argv, process.env, Boolean(process.stdout.isTTY));
}

/** Whether this run writes colour (tables follow chalk). */
export function colorOn(): boolean {
  return chalk.level > 0;
}

/** Colours only when this run writes colour (a terminal, not NO_COLOR / --no-color): a piped table stays plain text. */
export function tableStyle(): { head: string[]; border: string[] } {
  return colorOn() ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] };
}
