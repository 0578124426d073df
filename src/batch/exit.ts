// Exit codes (ESLint's convention): 0 done, 1 problems in the input, 2 wrong usage.
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** A usage error raised by option parsing; main turns it into exit 2 with the message. */
export class UsageError extends Error {}

export function setExit(code: number): void {
  if (code > Number(process.exitCode ?? 0)) process.exitCode = code;
}
