// User-facing text of `ml-hooks check`.
import { shellQuote } from './shellQuote.js';
import { sizeOverLimit, dvcCommands, GITHUB_LIMIT_NOTE, lfsCommands, unstrippedFix } from './guard.js';
import type { Oversized, PushedOversized, RepoStorage, UnstrippedNotebook } from '../guard/findings.js';

export const help = `Usage: ml-hooks check [options] [PATH ...]

Verifies the repository (or the given files and folders) without changing anything:
notebooks that are not stripped, paired scripts out of sync, files over the size limits,
and with --history, large files and unstripped notebooks in past commits.
Use it in CI, where hooks cannot be skipped.

Options:
      --format FORMAT   human (default; colour only on a terminal, NO_COLOR honoured),
                        json (see schemas/check-report.schema.json), or
                        github (workflow annotations on the files)
      --history RANGE   also scan the commits in RANGE, e.g. origin/main..HEAD
  -h, --help            show this help

Exit status: 0 nothing found; 1 something to fix; 2 usage or configuration error.

Examples:
  ml-hooks check                                  the whole repository
  ml-hooks check notebooks/                       one folder
  ml-hooks check --format github --history origin/main..HEAD
`;

export const badFormat = (value: string): string => `--format must be human, json or github, not '${value}'`;

export const notebookNotStripped = (path: string): { message: string; fix: string } => ({
  message: 'notebook has outputs or metadata that ml-hooks strips',
  fix: `ml-hooks strip ${shellQuote(path)}`,
});

/** With the filter: the working notebook is fine, but its index entry has outputs (staged while the filter was off). */
export const stagedWithOutputs = (path: string): { message: string; fix: string } => ({
  message: 'notebook staged with its outputs (added while the clean filter was off: ML_HOOKS=0, or another clone)',
  fix: `git add --renormalize ${shellQuote(path)} (restages it stripped; the file keeps its outputs)`,
});

/** `notJson`: the file is not JSON, which is what a merge conflict left in it looks like. */
export const notebookUnreadable = (path: string, reason: string, notJson = false): { message: string; fix: string } => ({
  message: `not a valid notebook: ${reason}`,
  fix: `repair or remove ${shellQuote(path)}${notJson ? ' (is it a merge conflict left in the file?)' : ''}`,
});

export const progress = (done: number, total: number): string => `\rml-hooks check: ${done}/${total} files`;


export const badHistory = (range: string, detail: string): string => `--history ${range}: not a range git knows (${detail.trim()})`;

export function fileTooLarge(file: Oversized, storage: RepoStorage): { message: string; fix: string } {
  const p = shellQuote(file.path);
  const move = storage.dvc && !storage.lfs ? dvcCommands(file.path) : lfsCommands(file.path);
  return {
    message: `${sizeOverLimit(file)}; ${GITHUB_LIMIT_NOTE}`,
    fix: [`git rm --cached --ignore-unmatch ${p}`, ...move].join(' && '),
  };
}

export function historyFileTooLarge(file: PushedOversized): { message: string; fix: string } {
  return {
    message: sizeOverLimit(file, ` committed${file.subject ? ` in "${file.subject}"` : ''}`),
    fix: `git lfs migrate import --include=${shellQuote(file.path)} (rewrites those commits), or reset and re-commit without it`,
  };
}

export function historyUnstripped(nb: UnstrippedNotebook): { message: string; fix: string } {
  const fix = unstrippedFix(nb);
  return {
    message: `notebook committed without stripping${nb.subject ? ` in "${nb.subject}"` : ''} (made with --no-verify, or before the hooks were installed)`,
    fix: `${fix.intro}: ${fix.steps.join(' && ')}`,
  };
}
