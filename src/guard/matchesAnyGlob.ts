import { minimatch } from 'minimatch';

/**
 * Whether a repository path (forward slashes, relative to the root) matches one of the globs.
 * As in .gitignore, a pattern without a slash matches the file name in any folder (`*.pt`), one
 * with a slash matches from the root (`data/**`, `models/*.onnx`).
 */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => {
    const anchored = glob.replace(/^\//, '');
    return minimatch(path, anchored, { dot: true, matchBase: !anchored.includes('/') });
  });
}
