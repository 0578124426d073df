// Exit codes, all of them (ESLint's convention plus one for a run that did not finish). The README's
// 退出码 line says the same; main.ts and the drop window set them only through these names.
/** Done: every input read and every output written. */
export const EXIT_OK = 0;
/** Problems in the input: errors, ledgers left out (未计入), outputs that exist and were not replaced. */
export const EXIT_INPUT = 1;
/** Wrong usage: an unknown option, a value that does not parse, a missing file or folder. */
export const EXIT_USAGE = 2;
/** Internal: a bug, or processing that stopped before it finished (a damaged workbook inside a library). */
export const EXIT_INTERNAL = 3;

/** A usage error raised by option parsing; main turns it into exit 2 with the message. */
export class UsageError extends Error {}

/** Raises the exit code (never lowers it: input problems stay reported after a later success). */
export function setExit(code: number): void {
  if (code > Number(process.exitCode ?? 0)) process.exitCode = code;
}
