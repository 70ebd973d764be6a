// Pure edits of the text files `install` touches in a user's repository. Each returns the new
// text, or undefined when the file already has what we need (so a second install changes nothing).
// Uninstall puts back the exact bytes recorded before the edit when the file is unchanged since;
// otherwise it removes our lines from the current text (see the remove* functions).

export const ATTRIBUTES_LINE = '*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks';
export const HUSKY_BEGIN = '# >>> ml-hooks';
export const HUSKY_END = '# <<< ml-hooks';
export const STUB_MARKER = 'ml-hooks hook (installed as pre-commit and pre-push by `ml-hooks install`';

const appendLines = (text: string | undefined, lines: string): string =>
  text === undefined || text === '' ? lines : `${text}${text.endsWith('\n') ? '' : '\n'}${lines}`;

/** Adds our line to .gitattributes unless a line already sets filter=ml-hooks and merge=ml-hooks for notebooks. */
export function addAttributesLine(text: string | undefined): string | undefined {
  if (text !== undefined && /^\S*\.ipynb\s(?=.*filter=ml-hooks).*merge=ml-hooks/m.test(text)) return undefined;
  return appendLines(text, `${ATTRIBUTES_LINE}\n`);
}

export function removeAttributesLine(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((line) => line.replace(/\r?\n$/, '') !== ATTRIBUTES_LINE)
    .join('');
}

/** The lines added to a husky hook file (.husky/pre-commit): committed, so no absolute path. */
export function huskyBlock(hook: string): string {
  return [
    `${HUSKY_BEGIN}: added by \`ml-hooks install\`; \`ml-hooks uninstall\` removes this block`,
    'ml_hooks_run="$(git rev-parse --git-common-dir)/ml-hooks/run"',
    `if [ "$ML_HOOKS" = 0 ]; then echo "ml-hooks: ML_HOOKS=0, skipping the ${hook} hook." >&2`,
    `elif [ -f "$ml_hooks_run" ]; then sh "$ml_hooks_run" hook ${hook} "$@" || exit $?`,
    'else echo "ml-hooks: not installed in this clone: run \\`npx ml-hooks install\\` (or skip once with ML_HOOKS=0)" >&2; exit 1; fi',
    HUSKY_END,
    '',
  ].join('\n');
}

export function addHuskyBlock(text: string | undefined, hook: string): string | undefined {
  if (text !== undefined && text.includes(HUSKY_BEGIN)) return undefined;
  return appendLines(text, huskyBlock(hook));
}

export function removeHuskyBlock(text: string): string {
  const start = text.indexOf(HUSKY_BEGIN);
  if (start === -1) return text;
  const endMarker = text.indexOf(HUSKY_END, start);
  if (endMarker === -1) return text;
  const end = text.indexOf('\n', endMarker);
  return text.slice(0, start) + text.slice(end === -1 ? text.length : end + 1);
}

/** Does pyproject.toml hold ml-hooks settings (a [tool.ml-hooks] table or one of its sub-tables)? */
export const hasMlHooksTable = (pyproject: string | undefined): boolean => pyproject !== undefined && /^\s*\[tool\.ml-hooks(\.|\])/m.test(pyproject);

/** Appends the commented [tool.ml-hooks] template to pyproject.toml. */
export function addPyprojectTemplate(text: string, template: string): string {
  return appendLines(text, template);
}

/**
 * `.git/info/attributes` overrides `.gitattributes`, and `nbstripout --install` writes its filter
 * and diff driver there (`*.ipynb filter=nbstripout`, `*.ipynb diff=ipynb`). Returns the text
 * without the notebook lines that name only nbstripout's drivers (undefined: none there), and the
 * other lines that still route notebooks to a filter or diff driver not ours.
 */
export function takeOverInfoAttributes(text: string): { text: string | undefined; others: string[] } {
  const kept: string[] = [];
  const others: string[] = [];
  let removed = false;
  for (const line of text.split(/(?<=\n)/)) {
    const [pattern = '', ...attrs] = line.trim().split(/\s+/);
    const routes = attrs.filter((a) => /^(filter|diff|merge)=/.test(a) && !a.endsWith('=ml-hooks'));
    if (!pattern.startsWith('#') && /\.ipynb$/.test(pattern) && routes.length > 0) {
      if (attrs.every((a) => a === 'filter=nbstripout' || a === 'diff=ipynb')) {
        removed = true;
        continue;
      }
      others.push(line.replace(/\r?\n$/, ''));
    }
    kept.push(line);
  }
  return { text: removed ? kept.join('') : undefined, others };
}
