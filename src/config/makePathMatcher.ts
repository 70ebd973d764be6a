// Which staged paths are notebooks to strip: `notebooks` globs minus `exclude` globs.
// A glob without "/" matches the file name in any folder, as in .gitattributes ("*.ipynb");
// dot-folders are included (".ipynb_checkpoints/x.ipynb" is excluded only if you say so).
// Every commit pays for this: the usual "**/*.ipynb" / "*.ipynb" is a suffix test, and minimatch
// is loaded only for other globs.

type Matcher = (path: string) => boolean;

/** "**\/*.ipynb" or "*.ipynb" (no other glob syntax): the file-name suffix it stands for. */
function simpleSuffix(pattern: string): string | undefined {
  const m = /^(?:\*\*\/)?\*(\.[A-Za-z0-9_.-]+)$/.exec(pattern);
  return m ? m[1] : undefined;
}

async function compile(patterns: readonly string[]): Promise<Matcher> {
  const suffixes: string[] = [];
  const globs: string[] = [];
  for (const p of patterns) {
    const suffix = simpleSuffix(p);
    if (suffix === undefined) globs.push(p);
    else suffixes.push(suffix);
  }
  let globMatch: Matcher = () => false;
  if (globs.length > 0) {
    const { minimatch } = await import('minimatch');
    const opts = { dot: true, matchBase: true };
    globMatch = (path) => globs.some((g) => minimatch(path, g, opts));
  }
  return (path) => suffixes.some((s) => path.endsWith(s) && !path.endsWith(`/${s}`) && path !== s) || globMatch(path);
}

export async function makePathMatcher(include: readonly string[], exclude: readonly string[]): Promise<Matcher> {
  const [inc, exc] = await Promise.all([compile(include), compile(exclude)]);
  return (path) => inc(path) && !exc(path);
}
