// User-facing text of `ml-hooks strip`. The error wording for bad notebooks follows nbstripout's
// ("No valid notebook detected in 'FILE'") so scripts that grep for it keep working.
import { namedPath, shellQuote } from './shellQuote.js';
import { formatSize } from './formatSize.js';
import { leftSymbolicLinkAlone, usageError as cliUsageError } from './cli.js';

export const help = `Usage: ml-hooks strip [options] [FILE|FOLDER ...]

Removes outputs, execution counts and noisy metadata from Jupyter notebooks, byte for byte
as nbstripout 0.9 does. Files are rewritten in place (atomically; a file that would not
change is left untouched). Folders are searched for *.ipynb and *.zpln files. With no file,
or "-", the notebook is read from stdin and the stripped notebook written to stdout.

Modes:
  -t, --textconv            print the stripped notebook to stdout, leave the file alone
                            (what \`git diff\` uses through the diff driver)
      --dry-run             print which files would be stripped, change nothing
      --verify              like --dry-run, and exit 1 when anything would change (for CI)
  -f, --force               also process files without a .ipynb/.zpln extension
  -m, --mode MODE           jupyter (default) or zeppelin (.zpln files use zeppelin anyway)
      --pre-commit-mode     as a fixing hook of the pre-commit framework: strip the given
                            notebooks in place, name each one rewritten and exit 1 when any
                            was (a notebook the clone's ml-hooks filter already stores
                            stripped keeps its outputs)
      --staged              strip the staged notebooks in the index only, as the commit hook
                            does: working files keep their outputs (no FILE, no other flag;
                            the repository's settings apply)
      --unix-newlines       accepted for nbstripout's sake: ml-hooks always writes LF line
                            endings, on every system (nbstripout without it writes CRLF on
                            Windows)
      --version             print the version of ml-hooks

What is kept (by default outputs, execution counts and volatile metadata are removed):
      --keep-output         keep outputs (a cell's keep_output metadata or tag still wins;
                            without this flag, the notebook's metadata.keep_output decides)
      --keep-count          keep execution counts
      --keep-id             keep cell ids (default: renumber them "0", "1", ...)
      --max-size SIZE       keep outputs whose text is at most SIZE (e.g. 50, 10k, 1M)
      --keep-output-type T [T ...]
                            keep only outputs of these types, e.g. stream:stdout execute_result
                            (as in nbstripout, every following word is a type: name files
                            before the option or after --)
      --drop-output-type T [T ...]
                            remove outputs of these types from what is kept
      --strip-init-cells    strip the outputs of init_cell cells too
      --extra-keys KEYS     more metadata to remove, space separated,
                            e.g. "metadata.language_info cell.metadata.tags"
      --keep-metadata-keys KEYS
                            take keys off the removal list, e.g. "cell.metadata.collapsed"
      --drop-empty-cells    remove cells whose source is empty or whitespace
      --drop-tagged-cells TAGS
                            remove cells carrying any of these tags (space separated)

Always removed: metadata.signature, metadata.widgets, and on every cell metadata.collapsed,
ExecuteTime, execution, heading_collapsed, hidden, scrolled and trusted.

Options set in the repository's configuration ([tool.ml-hooks.strip] in pyproject.toml, or
.ml-hooks.json) apply here too, so this command, the commit hook and the git filter agree;
flags add to them. nbstripout's git config keys filter.nbstripout.extrakeys and
keepmetadatakeys are honoured as well.

nbstripout's --install, --uninstall, --is-installed and --status are commands of their own:
\`ml-hooks install\`, \`ml-hooks uninstall\` and \`ml-hooks status\` (these flags print which, exit 2).
A flag given twice keeps its last value, as in nbstripout.

Exit status: 0 done; 1 a file could not be stripped, or --verify found changes;
2 bad usage. Bad files are reported one line each and the others are still processed.

Examples:
  ml-hooks strip analysis.ipynb            strip in place
  ml-hooks strip notebooks/                every notebook below notebooks/
  ml-hooks strip --verify .                CI: fail when a notebook is not stripped
  cat nb.ipynb | ml-hooks strip > out.ipynb
`;

/** strip's usage errors: the one usage message (src/messages/cli.ts). */
export const usageError = (detail: string): string => cliUsageError('strip', detail);
export const preCommitModeRewrites = '--pre-commit-mode rewrites files: it cannot be combined with --dry-run, --verify or --textconv';
export const stagedTakesNothing = (flags: readonly string[]): string =>
  `--staged strips every staged notebook with the repository's settings: give no FILE${flags.length > 0 ? ` and no other flag (got --${flags.join(', --')})` : ''}`;
export const strippedForPreCommit = (paths: readonly string[]): string =>
  paths.map((p) => `ml-hooks: ${p} still had outputs or volatile metadata: stripped it in place\n`).join('') +
  `  Stage the result (git add ${paths.map(shellQuote).join(' ')}) and commit again.\n`;
export const badMode = (mode: string): string => `--mode must be jupyter or zeppelin, not '${mode}'`;
export const badMaxSize = (value: string): string => `--max-size takes a number with an optional k, M or G (e.g. 10k), not '${value}'`;
const INSTALL_COMMANDS = {
  install: 'ml-hooks install',
  uninstall: 'ml-hooks uninstall',
  'is-installed': 'ml-hooks status',
  status: 'ml-hooks status',
} as const;

export const useInstallCommand = (flag: keyof typeof INSTALL_COMMANDS, everyRepository: boolean): string =>
  `ml-hooks strip: nbstripout's --${flag} is a command of its own here: run \`${INSTALL_COMMANDS[flag]}\`` +
  (flag === 'is-installed' ? ' (exit status 1 when something is missing)' : '') +
  (everyRepository ? '. ml-hooks is set up per clone (there is no --global or --system): run it in each repository' : '') +
  '.\n';
export const expectedValues = (flag: string): string => `argument ${flag}: expected at least one argument`;
export const fileTakenAsOutputType = (value: string): string =>
  `ml-hooks strip: '${value}' is taken as an output type, as nbstripout does (the option takes every word up to the next option); to strip the file, name it before the option or after \`--\`\n`;
export const tooLargeForFullParse = (size: number, limit: number, why: string): string =>
  `is ${formatSize(size)}, and it needs the full parse (${why}), which holds at most ${formatSize(limit)} in memory`;
export const invalidExtraKey = (key: string): string => `ml-hooks strip: ignoring invalid extra key \`${key}\` (keys start with "metadata." or "cell.")\n`;
/** A file name as nbstripout quotes it ('nb.ipynb'); one with bytes that are not UTF-8 or control characters spelled out ("lat\xe9.ipynb"). */

export const couldNotStrip = (path: string, reason: string): string => `Could not strip ${namedPath(path)}: ${reason}\n`;
export const noValidNotebookIn = (path: string) => (reason: string): string => `No valid notebook detected in ${namedPath(path)}: ${reason}\n`;
export const noValidNotebookOnStdin = (reason: string): string => `No valid notebook detected on stdin: ${reason}\n`;
export const dryRunWouldStrip = (what: string): string => `Dry run: would have stripped ${what}\n`;
export const textconvFallback = (path: string, reason: string): string => `ml-hooks: showing ${namedPath(path)} unstripped: ${reason}\n`;
export const skippedNotNotebook = (path: string): string =>
  `ml-hooks strip: skipped ${namedPath(path)}: not a .ipynb or .zpln file (use --force to strip it anyway)\n`;
export const skippedSymbolicLink = (path: string, target: string | undefined): string => `ml-hooks strip: skipped ${namedPath(path)}: ${leftSymbolicLinkAlone(target)}\n`;
export const noNotebooksInFolder = (path: string): string => `ml-hooks strip: no notebooks found in ${namedPath(path)}\n`;

/** A RangeError from V8 as the reason a notebook was not stripped: its size, or (a stack overflow, which the codec's nesting limit should prevent) its nesting. */
export const rangeErrorReason = (message: string): string =>
  /call stack/.test(message) ? 'nested too deeply to process' : `too large to process in memory (${message})`;
