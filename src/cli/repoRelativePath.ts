import { relative, resolve, sep } from 'node:path';

/** A path the user typed (relative to where they stand) as a repository path with forward slashes. */
export function repoRelativePath(root: string, cwd: string, typed: string): string {
  return relative(root, resolve(cwd, typed)).split(sep).join('/');
}
