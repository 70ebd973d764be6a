import { Minimatch } from 'minimatch';

/**
 * A test for repository paths (forward slashes, relative to the root) against globs, compiled once
 * (a history scan asks it for every blob). As in .gitignore, a pattern without a slash matches the
 * file name in any folder (`*.pt`), one with a slash matches from the root (`data/**`).
 */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map((glob) => {
    const anchored = glob.replace(/^\//, '');
    const matcher = new Minimatch(anchored, { dot: true, matchBase: !anchored.includes('/') });
    // `**/*.ipynb`, `*.pt`: a path that does not end in the extension cannot match; say so cheaply.
    const suffix = /(?:^|\/)\*(\.[A-Za-z0-9_-]+)$/.exec(anchored)?.[1];
    return suffix ? (path: string) => path.endsWith(suffix) && matcher.match(path) : (path: string) => matcher.match(path);
  });
  if (matchers.length === 0) return () => false;
  return (path) => matchers.some((match) => match(path));
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return compileGlobs(globs)(path);
}
