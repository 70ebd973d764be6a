// User-facing text of the git filter and the diff driver.
import { shellQuote } from './shellQuote.js';

export const filterProtocolError = (detail: string) => `ml-hooks filter-process: git did not speak the filter protocol (${detail}). This command is run by git (filter.ml-hooks.process), not by hand.\n`;

export const filterPassThrough = (path: string, reason: string) =>
  `ml-hooks: ${path} was added as it is, not stripped: ${reason}. The commit hook will stop until it is fixed (check: ml-hooks strip --verify ${shellQuote(path)}).\n`;

export const filterConfigInvalid = (errors: string[]) =>
  `ml-hooks: the configuration is invalid, so notebooks are added without stripping:\n${errors.map((e) => `  ${e}\n`).join('')}`;

export const filterHelp = `Usage: ml-hooks filter-process

git's long-running clean filter for notebooks (filter.ml-hooks.process, installed by
\`ml-hooks install\`). git starts it once per command and sends it every notebook it adds,
so \`git add\` and \`git status\` over hundreds of notebooks start one process.
It applies the repository's strip settings, like the commit hook and \`ml-hooks strip\`.
A file that is not a valid notebook is passed through unchanged, with a warning.
`;

export const textconvHelp = `Usage: ml-hooks textconv FILE

Prints FILE stripped with the repository's strip settings, for \`git diff\`
(diff.ml-hooks.textconv, installed by \`ml-hooks install\`). A file that is not a valid
notebook is printed as it is.
`;

export const textconvUsage = (detail: string) => `ml-hooks textconv: ${detail}\nUsage: ml-hooks textconv FILE\n`;

export const filterSkipped = 'ml-hooks: ML_HOOKS=0, adding notebooks without stripping them.\n';
