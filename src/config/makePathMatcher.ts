// Which staged paths are notebooks to strip: `notebooks` globs minus `exclude` globs.
// A glob without "/" matches the file name in any folder, as in .gitattributes ("*.ipynb");
// dot-folders are included (".ipynb_checkpoints/x.ipynb" is excluded only if you say so).
import { minimatch } from 'minimatch';

export function makePathMatcher(include: readonly string[], exclude: readonly string[]): (path: string) => boolean {
  const opts = { dot: true, matchBase: true };
  const matches = (patterns: readonly string[], path: string) => patterns.some((p) => minimatch(path, p, opts));
  return (path) => matches(include, path) && !matches(exclude, path);
}
