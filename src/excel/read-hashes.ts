// SHA-256 of each workbook file as it was read (its bytes are in memory then): the stamp of a run's
// outputs names its inputs by these hashes without reading every input a second time, and the hash
// is that of the bytes the results were made from.
import { createHash } from 'node:crypto';

const hashes = new Map<string, string>();

/** Notes the hash of the bytes read from `file` (the last read wins). */
export function noteRead(file: string, bytes: Uint8Array): void {
  hashes.set(file, createHash('sha256').update(bytes).digest('hex'));
}

/** The SHA-256 (hex) of `file` as this process (or a read worker, see setReadHash) last read it. */
export function readHash(file: string): string | undefined {
  return hashes.get(file);
}

/** A hash a read worker made of a file it read. */
export function setReadHash(file: string, sha256: string): void {
  hashes.set(file, sha256);
}
