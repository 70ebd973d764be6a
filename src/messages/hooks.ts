// User-facing text of the git hooks and the filter.
import { usageError } from './cli.js';
import { displayPath, shellQuote } from './shellQuote.js';

export const skipped = (hook: string) => `ml-hooks: ML_HOOKS=0, skipping the ${hook} hook.\n`;

export const hookHelp = `Usage: ml-hooks hook pre-commit
       ml-hooks hook pre-push REMOTE URL   (ref lines on stdin, as git gives them)

Runs ml-hooks' part of a git hook. The hook scripts that \`ml-hooks install\` writes call
this; you do not need to run it yourself, but you can, to see what the hook would do.

pre-commit strips outputs and volatile metadata from the staged notebooks (the blobs in the
index, never your working files: they keep their outputs and any unstaged edits).
A staged notebook that is not valid JSON stops the commit.

Set ML_HOOKS=0 to skip every ml-hooks hook for one command: ML_HOOKS=0 git commit ...
`;

export const hookUsage = (detail: string) => usageError('hook', detail);

export function strippedStaged(paths: readonly string[]): string {
  const shown = paths.length <= 5 ? `: ${paths.map(displayPath).join(', ')}` : '';
  return `ml-hooks: stripped outputs from ${paths.length} staged notebook${paths.length === 1 ? '' : 's'}${shown} (your working files keep them).\n`;
}

export function invalidStagedNotebooks(problems: readonly { path: string; reason: string }[]): string {
  const lines = problems.map((p) => `ml-hooks: cannot commit ${displayPath(p.path)}: ${p.reason}\n`);
  const first = problems[0]!.path;
  return `${lines.join('')}  Nothing was changed. Fix the notebook and \`git add\` it again, or leave it out: git restore --staged ${shellQuote(first)}\n  (to commit it anyway: ML_HOOKS=0 git commit ...)\n`;
}

export function nothingLeftToCommit(paths: readonly string[]): string {
  return (
    `ml-hooks: nothing left to commit: the staged changes to ${paths.map(shellQuote).join(', ')} were only outputs or metadata that ml-hooks strips.\n` +
    `  The commit was stopped; your working files still hold everything (outputs included).\n` +
    `  To make the commit anyway, without those changes: git commit --allow-empty ...\n` +
    `  To commit the outputs themselves: ML_HOOKS=0 git commit ...\n`
  );
}

const MEANT = { merge: 'it concludes a merge', amend: 'it amends the last commit', 'allow-empty': 'it was made with --allow-empty' } as const;

/** The commit stripping emptied goes on, as asked: one line saying what happened to the changes. */
export function emptiedButMeant(paths: readonly string[], why: keyof typeof MEANT): string {
  return `ml-hooks: the staged changes to ${paths.map(shellQuote).join(', ')} were only outputs or metadata that ml-hooks strips; the commit goes on without them, as ${MEANT[why]}.\n`;
}

export const notUtf8 = 'the staged file is not UTF-8 text';

export const indexChangedDuringHook = (paths: readonly string[]) =>
  `ml-hooks: the index changed while the hook was updating it (${paths.map(displayPath).join(', ')}): another git command staged ${paths.length === 1 ? 'it' : 'them'} meanwhile (an editor's git add?).\n  Nothing was changed and the commit was stopped, so that change is kept. Run the commit again.\n`;

export const indexLockedDuringHook = (lock: string) =>
  `ml-hooks: cannot update the index: ${lock} exists, so another git process is changing it.\n  Nothing was changed and the commit was stopped. Run the commit again when that process is done\n  (if no git is running, a crashed one left the lock behind: rm ${shellQuote(lock)}).\n`;

export const removedLocksOfKilledGit = (locks: readonly string[]) =>
  `ml-hooks: git was killed during the hook; removed the locks it left (${locks.join(', ')}), so the index is as it was before the commit.\n`;
