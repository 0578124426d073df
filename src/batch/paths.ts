// Path questions answered with node:path, never with '/' in a string: the same code is right for
// C:\台账\输出 on Windows and /home/台账/输出 here (the tests run it with path.win32 too).
import path from 'node:path';

type PathApi = Pick<typeof path, 'relative' | 'isAbsolute' | 'resolve' | 'sep'>;

/** Whether `file` lies inside folder `dir` (not the folder itself); case follows the platform's path module. */
export function isInside(file: string, dir: string, p: PathApi = path): boolean {
  const rel = p.relative(p.resolve(dir), p.resolve(file));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
}

/** Whether `file` is the folder `dir` itself or lies inside it. */
export function isAtOrInside(file: string, dir: string, p: PathApi = path): boolean {
  return p.relative(p.resolve(dir), p.resolve(file)) === '' || isInside(file, dir, p);
}
