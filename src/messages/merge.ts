// User-facing text of merging and diffing notebooks: `ml-hooks merge`, `ml-hooks diff`, the
// conflict markers' labels, and what the commit hook and `check` say about unresolved conflicts.
import { usageError } from './cli.js';
import { shellQuote } from './shellQuote.js';

/** The label of the empty side of a conflict about a deleted cell: "<<<<<<< HEAD (deleted this cell)". */
export const deletedCellLabel = (label: string): string => `${label} (deleted this cell)`;
export const mergeHelp = `Usage: ml-hooks merge [options] BASE OURS THEIRS

Merges two versions of a notebook with their common base, as git's merge driver
(merge.ml-hooks.driver, set by \`ml-hooks install\` for the notebooks .gitattributes marks
merge=ml-hooks). The result replaces OURS. Exit status: 0 merged; 1 conflicts remain;
2 bad input.

How it merges:
  - cells are matched between the base and each side by id (when ids name cells, not
    positions), then by content; a cell only one side changed takes that change; cells
    inserted on either side keep their place; a cell deleted on one side and unchanged on
    the other is deleted;
  - a cell both sides edited merges line by line; where the lines overlap the cell's source
    holds git-style markers (<<<<<<< ours … ======= … >>>>>>> theirs), labelled with the
    branch names git gives (2.44 and later), sized as conflict-marker-size says, and
    showing the base too when merge.conflictStyle is diff3 or zdiff3;
  - a cell one side deleted and the other edited is kept, with markers whose empty side is
    the deletion; so is a cell each side deleted near the other's deletions: a merge never
    deletes more than one side meant;
  - outputs and execution counts never conflict: they come from the side whose source won,
    and are dropped when the source was merged from both sides; run by git, the result is
    stripped (git stores it as it is), and the working notebook git writes from it keeps the
    outputs the output store holds for either side;
  - metadata merges key by key; a real disagreement keeps ours and is listed under
    "ml-hooks-conflicts" in the notebook's metadata;
  - a notebook paired with a script is rebuilt from the script merged line by line, which is
    what git writes for the script: both files agree;
  - a version that is not a notebook ml-hooks can read (invalid JSON, nbformat 3) is merged
    as text by \`git merge-file\`, with a note.
The result is always a valid notebook. The commit hook and \`ml-hooks check\` refuse a
notebook that still holds markers or listed conflicts.

Options:
  -o, --output PATH     write the result to PATH instead of OURS ("-": to stdout)
      --path PATH       the notebook's path in the repository (git's %P), to find its pair
      --marker-size N   length of the marker runs (git's %L; default 7)
      --ours-name NAME  label after <<<<<<< (git's %X; default "ours")
      --theirs-name NAME label after >>>>>>> (git's %Y; default "theirs")
      --base-name NAME  the base's name (git's %S; accepted for git, not written)
  -h, --help            show this help

Example, outside git:
  ml-hooks merge base.ipynb mine.ipynb theirs.ipynb -o merged.ipynb
`;

export const mergeUsage = (detail: string): string => usageError('merge', detail);
export const threeFiles = 'give three files: BASE OURS THEIRS';
export const badMarkerSize = (value: string): string => `--marker-size must be a whole number of at least 1, not '${value}'`;
export const cannotRead = (path: string, reason: string): string => `ml-hooks merge: cannot read ${path}: ${reason}\n`;
export const cannotWrite = (path: string, reason: string): string => `ml-hooks merge: cannot write ${path}: ${reason}\n`;

/** The one-line note when a version is not a notebook the cell merge can read. */
export const mergedAsText = (path: string, side: string, reason: string): string =>
  `ml-hooks merge: ${path}: the ${side} version is not a notebook ml-hooks can merge (${reason}); merged as text by git merge-file.\n`;
export const textMergeFailed = (path: string, detail: string): string => `ml-hooks merge: ${path}: git merge-file failed too: ${detail.trim()}\n`;

const cellList = (cells: readonly number[]): string => {
  const names = cells.map((c) => String(c + 1));
  return names.length === 1 ? `cell ${names[0]}` : `cells ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

/** After a merge that left conflicts (git prints its own CONFLICT line). */
export function mergeConflicts(path: string, cells: readonly number[], values: readonly string[], pairedScript?: string): string {
  const parts: string[] = [];
  if (cells.length > 0) parts.push(`markers in ${cellList(cells)}`);
  if (values.length > 0) parts.push(`metadata both sides changed (${values.join(', ')}; ours kept, all three listed under "ml-hooks-conflicts")`);
  const p = shellQuote(path);
  const how = pairedScript
    ? `resolve them in ${shellQuote(pairedScript)} (merged the same way), then: ml-hooks sync --prefer script ${p} && git add ${p} ${shellQuote(pairedScript)}`
    : `resolve them in Jupyter or an editor, then: git add ${p}`;
  return `ml-hooks merge: ${path}: conflicts left (${parts.join('; ')}); ${how}\n`;
}

export const diffHelp = `Usage: ml-hooks diff [--color[=WHEN] | --no-color] A.ipynb B.ipynb

Shows how notebook B differs from notebook A as a person reads a notebook: the cells as a
percent script (\`# %%\` lines with the cell type and metadata, then the source as it is),
after stripping both as the repository strips notebooks. Outputs, execution counts, ids and
volatile metadata are not shown, so a change of outputs alone shows no diff; the notebook's
metadata is a short header, one line per key. \`git diff\`, \`git show\` and \`git log -p\` show
notebooks the same way once \`ml-hooks install\` has set the diff driver.

Options:
      --color[=WHEN]  always, never, or auto (default): auto follows git's color.diff
                      (and color.ui) on a terminal; NO_COLOR turns it off
      --no-color      same as --color=never
  -h, --help          show this help

Exit status: 0 no difference; 1 the notebooks differ; 2 bad usage or a file that cannot be read.
A file that is not a notebook is compared as it is.
`;

export const diffUsage = (detail: string): string => usageError('diff', detail);
export const twoFiles = 'give two files: A.ipynb B.ipynb';
export const badColor = (value: string): string => `--color must be always, never or auto, not '${value}'`;
export const cannotReadForDiff = (path: string, reason: string): string => `ml-hooks diff: cannot read ${path}: ${reason}\n`;
export const shownAsIs = (path: string, reason: string): string => `ml-hooks: showing ${path} as it is: ${reason}\n`;

const quoted = (excerpt: string): string => (excerpt ? ` ("${excerpt}")` : '');

/** What is left unresolved in a notebook, and how to finish (for the commit hook and `check`). */
export function unresolvedConflicts(path: string, found: { cells: ReadonlyArray<{ index: number; excerpt: string }>; values: readonly string[] }): { message: string; fix: string } {
  const parts: string[] = [];
  if (found.cells.length > 0) {
    const names = found.cells.map((c) => `${c.index + 1}${quoted(c.excerpt)}`);
    parts.push(`conflict markers in cell${names.length === 1 ? '' : 's'} ${names.join(', ')}`);
  }
  if (found.values.length > 0) parts.push(`metadata conflicts at ${found.values.join(', ')} (listed under "ml-hooks-conflicts")`);
  const steps: string[] = [];
  if (found.cells.length > 0) steps.push('in each cell keep the lines you want and delete the <<<<<<< ======= >>>>>>> lines');
  if (found.values.length > 0) steps.push('set the metadata you want and delete "ml-hooks-conflicts" from the notebook metadata');
  return { message: `unresolved merge: ${parts.join('; ')}`, fix: `${steps.join('; ')}, then git add ${shellQuote(path)}` };
}

const lineRanges = (conflicts: ReadonlyArray<{ firstLine: number; lastLine: number; complete: boolean }>): string =>
  conflicts.map((c) => (c.complete ? `lines ${c.firstLine}-${c.lastLine}` : `line ${c.firstLine} (a leftover marker)`)).join(', ');

/**
 * Conflict markers git's text merge left in the text side of a pair (for the commit hook, `sync`
 * and `check`): never read as the pair's inputs, which would put the markers into the notebook
 * and undo a resolution made there. The two ways out, as commands; only one when the notebook
 * holds markers too (`notebookMarked`): then it must be resolved as well, and keeping its inputs
 * as they are is no way out.
 */
export function unresolvedScriptConflicts(
  script: string,
  notebook: string,
  conflicts: ReadonlyArray<{ firstLine: number; lastLine: number; complete: boolean }>,
  notebookMarked = false,
): { message: string; fix: string; keepNotebook?: string } {
  const [s, nb] = [shellQuote(script), shellQuote(notebook)];
  return {
    message: `unresolved merge: conflict markers at ${lineRanges(conflicts)} (${script} is the script paired with ${notebook}, and a notebook is never rebuilt from a script holding markers)`,
    fix: `keep the lines you want in ${script} and delete the <<<<<<< ======= >>>>>>> lines, then: ml-hooks sync --prefer script ${nb} && git add ${nb} ${s}`,
    ...(notebookMarked ? {} : { keepNotebook: `ml-hooks sync --prefer notebook ${nb} && git add ${nb} ${s}` }),
  };
}

/** What `sync` and `pair` say of a pair whose script holds conflict markers (nothing written). */
export function scriptConflictsLeft(script: string, notebook: string, conflicts: ReadonlyArray<{ firstLine: number; lastLine: number; complete: boolean }>, notebookMarked = false): string {
  const found = unresolvedScriptConflicts(script, notebook, conflicts, notebookMarked);
  const lines = [`ml-hooks: cannot sync ${script}: ${found.message}; nothing was written.`, `  fix: ${found.fix}`];
  if (found.keepNotebook !== undefined) lines.push(`   or keep the notebook's inputs as they are: ${found.keepNotebook}`);
  else lines.push(`  ${notebook} holds markers too: resolve them in one of the two files first.`);
  return `${lines.join('\n')}\n`;
}

/**
 * What `sync` and `pair` say of a pair whose notebook holds conflict markers and would have
 * provided the inputs (nothing written): a script is never rebuilt from them.
 */
export function notebookConflictsLeft(notebook: string, script: string, cells: ReadonlyArray<{ index: number; excerpt: string }>, scriptMarked = false): string {
  const [s, nb] = [shellQuote(script), shellQuote(notebook)];
  const names = cells.map((c) => `${c.index + 1}${quoted(c.excerpt)}`);
  const lines = [
    `ml-hooks: cannot sync ${notebook}: unresolved merge: conflict markers in cell${names.length === 1 ? '' : 's'} ${names.join(', ')} (${script} is never rebuilt from a notebook holding markers); nothing was written.`,
    `  fix: in each cell keep the lines you want and delete the <<<<<<< ======= >>>>>>> lines, then: ml-hooks sync --prefer notebook ${nb} && git add ${nb} ${s}`,
  ];
  if (!scriptMarked) lines.push(`   or take the script's inputs as they are: ml-hooks sync --prefer script ${nb} && git add ${nb} ${s}`);
  else lines.push(`  ${script} holds markers too: resolve them in one of the two files first.`);
  return `${lines.join('\n')}\n`;
}

type Blocked = { path: string; message: string; fix: string; keepNotebook?: string | undefined; pairedScript?: string | undefined };

/** The opening words of a refusal of the commit hook (`sync --staged` says its own). */
export const NOT_COMMITTING = 'ml-hooks: not committing:';

/**
 * Conflicts stop the commit. A block already in HEAD is a quote and never counts; a new quote
 * (a Markdown cell explaining git, test data in a string) is committed once past the hook, which
 * `git commit --no-verify` skips.
 */
export function conflictsBlockCommit(notebooks: ReadonlyArray<Blocked>, scripts: ReadonlyArray<Blocked> = []): string {
  const lines = [`${NOT_COMMITTING} ${notebooks.length > 0 ? 'notebooks' : 'paired scripts'}${notebooks.length > 0 && scripts.length > 0 ? ' and paired scripts' : ''} still hold merge conflicts.`];
  for (const file of [...notebooks, ...scripts]) {
    lines.push(`  ${file.path}: ${file.message}`, `    fix: ${file.fix}`);
    if (file.keepNotebook !== undefined) lines.push(`     or keep the notebook's inputs as they are: ${file.keepNotebook}`);
    if (file.pairedScript !== undefined) {
      const [nb, s] = [shellQuote(file.path), shellQuote(file.pairedScript)];
      lines.push(`     or resolve them in ${file.pairedScript} instead, then: ml-hooks sync --prefer script ${nb} && git add ${nb} ${s}`);
    }
  }
  lines.push(
    '  Nothing was changed.',
    '  A block that quotes a conflict on purpose (Markdown explaining git, test data in a string) counts until HEAD',
    '  holds it: commit it once with `git commit --no-verify` (a paired notebook: then `ml-hooks sync NOTEBOOK`,',
    '  git add both files and commit again).',
  );
  return `${lines.join('\n')}\n`;
}

/** `sync --staged` refuses as the hook does, but commits nothing either way. */
export const asStagedSync = (block: string): string => (block.startsWith(NOT_COMMITTING) ? `ml-hooks: nothing synced:${block.slice(NOT_COMMITTING.length)}` : block);

/** The merge went through, but the working notebook's outputs could not be carried over. */
export const outputsNotKept = (path: string, reason: string): string => `ml-hooks merge: ${path}: merged, but its outputs are not kept in the working notebook (${reason}).\n`;
