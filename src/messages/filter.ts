// User-facing text of the git filter and the diff driver.
import { usageError } from './cli.js';
import { displayPath, shellQuote } from './shellQuote.js';
import { formatSize } from './formatSize.js';

export const filterProtocolError = (detail: string) => `ml-hooks filter-process: git did not speak the filter protocol (${detail}). This command is run by git (filter.ml-hooks.process), not by hand.\n`;

export const filterPassThrough = (path: string, reason: string) =>
  `ml-hooks: ${displayPath(path)} was added as it is, not stripped: ${reason}. The commit hook will stop until it is fixed (check: ml-hooks strip --verify ${shellQuote(path)}).\n`;

export const tooLargeToStrip = (size: number, limit: number, why: string) =>
  `it is ${formatSize(size)} and needs the full parse (${why}), which holds at most ${formatSize(limit)} in memory`;

export function filterRequestFailed(command: string, path: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `ml-hooks: ${displayPath(path)}: the ${command} filter failed (${reason.split('\n')[0]}), so git got the file as it was sent. Please report this at https://github.com/ml-hooks/ml-hooks/issues.\n`;
}

export const filterConfigInvalid = (errors: readonly string[]) =>
  `ml-hooks: the configuration is invalid, so notebooks are added without stripping:\n${errors.map((e) => `  ${e}\n`).join('')}`;

export const filterHelp = `Usage: ml-hooks filter-process

git's long-running filter for notebooks (filter.ml-hooks.process, installed by
\`ml-hooks install\`). git starts it once per command, so \`git add\` and \`git status\` over
hundreds of notebooks start one process.

clean (working tree -> git): strips with the repository's settings, like the commit hook and
  \`ml-hooks strip\`, and remembers the working notebook (with its outputs) in this clone's
  output store, under the id of the stripped blob. A file that is not a valid notebook is
  passed through unchanged, with a warning; the commit hook then stops the commit.
smudge (git -> working tree): when the output store remembers a notebook that strips to
  exactly the blob being written, writes that notebook (outputs back after checkout, stash
  pop, reset, rebase); otherwise writes the blob exactly as stored. It never fails.
`;

export const textconvHelp = `Usage: ml-hooks textconv FILE

Prints FILE as \`git diff\`, \`git show\` and \`git log -p\` show it (diff.ml-hooks.textconv,
installed by \`ml-hooks install\`): stripped with the repository's strip settings, then its
cells as a percent script with plain sources (see \`ml-hooks diff --help\`). A file that is
not a valid notebook is printed as it is.
`;

export const textconvUsage = (detail: string) => usageError('textconv', detail);

export const filterSkipped = 'ml-hooks: ML_HOOKS=0, adding notebooks without stripping them.\n';
