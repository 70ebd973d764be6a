// The one dialect of path rules in the configuration (notebooks, exclude, pair.notebooks,
// guard.allow), compiled once and used by every command and hook:
//   - a rule without "/" matches the file name in any folder, as in .gitignore ("*.ipynb",
//     "scratch.ipynb");
//   - a rule with "/" matches from the repository root ("notebooks/**/*.ipynb"; a leading "/"
//     only anchors, "/setup.ipynb");
//   - a rule ending in "/" is a folder: everything under it ("data/");
//   - dot-files and dot-folders match like any other (".ipynb_checkpoints/" must be excluded
//     to be left out).
// Paths are repository-relative with "/" separators. The usual "**/*.ipynb" and "*.ipynb" are a
// suffix test; minimatch is loaded only for other rules (every commit pays for what it loads).

export type PathRule = (path: string) => boolean;

const NEVER: PathRule = () => false;

/** "*.ipynb" or "**\/*.ipynb": the file-name suffix it stands for (any folder). */
function simpleSuffix(rule: string): string | undefined {
  return /^(?:\*\*\/)?\*(\.[A-Za-z0-9_.-]+)$/.exec(rule)?.[1];
}

/** The minimatch pattern and options a rule means in this dialect (pure; exported for tests). */
export function normalizeRule(rule: string): { pattern: string; matchBase: boolean } {
  let pattern = rule.trim();
  if (pattern.endsWith('/')) pattern += '**';
  const anchored = pattern.includes('/');
  pattern = pattern.replace(/^\/+/, '');
  return { pattern, matchBase: !anchored };
}

export async function compilePathRules(rules: readonly string[]): Promise<PathRule> {
  if (rules.length === 0) return NEVER;
  const suffixes: string[] = [];
  const others: string[] = [];
  for (const rule of rules) {
    const suffix = simpleSuffix(rule.trim());
    if (suffix === undefined) others.push(rule);
    else suffixes.push(suffix);
  }
  const bySuffix: PathRule = (path) => suffixes.some((s) => path.endsWith(s) && path.length > s.length && path[path.length - s.length - 1] !== '/');
  if (others.length === 0) return bySuffix;
  const { Minimatch } = await import('minimatch');
  const matchers = others.map((rule) => {
    const { pattern, matchBase } = normalizeRule(rule);
    return new Minimatch(pattern, { dot: true, matchBase });
  });
  return (path) => bySuffix(path) || matchers.some((m) => m.match(path));
}

/** `include` minus `exclude`. */
export async function compileIncludeExclude(include: readonly string[], exclude: readonly string[]): Promise<PathRule> {
  const [inc, exc] = await Promise.all([compilePathRules(include), compilePathRules(exclude)]);
  return (path) => inc(path) && !exc(path);
}
