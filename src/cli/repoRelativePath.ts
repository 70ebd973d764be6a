import { relative, resolve, sep } from 'node:path';
import { resolveTypedName } from '../fs/resolveTypedName.js';

/**
 * A path the user typed (relative to where they stand) as a repository path with forward slashes
 * (a name whose bytes are not UTF-8 found as resolveTypedName finds it).
 */
export function repoRelativePath(root: string, cwd: string, typed: string): string {
  return relative(root, resolve(cwd, resolveTypedName(typed, cwd))).split(sep).join('/');
}
