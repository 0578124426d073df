// The text of a scheme file as users save it on Windows: UTF-8 with or without a BOM, Notepad's
// "Unicode" (UTF-16 with a BOM); text in another encoding (ANSI/GBK) is refused with the fix.
import { type SchemeProblem, schemeProblem } from './messages.js';

export type SchemeText = { ok: true; text: string } | { ok: false; problem: SchemeProblem };

/** Decodes a scheme file's bytes; text that is not UTF-8 (e.g. saved as GBK/ANSI) is refused with the fix. */
export function decodeSchemeBytes(buf: Uint8Array): SchemeText {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf) };
  } catch {
    return { ok: false, problem: schemeProblem('SCHEME_NOT_UTF8', '') };
  }
}
