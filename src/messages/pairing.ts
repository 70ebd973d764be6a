// User-facing text of pairing: `ml-hooks convert`, `pair`, `sync` and the pre-commit step.
import { displayPath, namedPath, shellQuote } from './shellQuote.js';

export const convertHelp = `Usage: ml-hooks convert FILE --to FORMAT [-o PATH|-]

Converts a notebook to a script, or a script to a notebook, once (like \`jupytext --to\`).
The script is what Jupytext 1.19 writes, without the jupytext_version line.

  --to FORMAT      py:percent, py:light, R:percent, jl:percent, … ; "percent" or "light"
                   alone picks the extension from the notebook's language; "ipynb" turns a
                   script into a notebook (an existing notebook keeps its outputs)
  -o, --output P   where to write (default: next to FILE, with the format's extension);
                   "-" writes to stdout
  -f, --force      replace a script that is neither FILE's pair nor a text version of a
                   notebook (a module or a script of your own: refused without this flag)

Files that would not change are not rewritten. Exit status: 0 done; 1 bad input (nothing
written); 2 bad usage.

Examples:
  ml-hooks convert analysis.ipynb --to py:percent      writes analysis.py
  ml-hooks convert analysis.py --to ipynb              writes analysis.ipynb
  ml-hooks convert model.ipynb --to light -o -         prints the script
`;

export const pairHelp = `Usage: ml-hooks pair NOTEBOOK.ipynb... [--format FORMAT] [--prefer notebook|script] [--force]

Pairs notebooks with scripts: records the pair in the notebook's metadata.jupytext.formats
(as Jupytext does, so Jupyter with Jupytext opens either file) and writes the script. From
then on the pre-commit hook and \`ml-hooks sync\` keep both sides in agreement.

  --format FORMAT  script format: py:percent (default, or [tool.ml-hooks.pair] format),
                   py:light, R:percent, jl:percent, scripts//py:percent (scripts/ folder),
                   or a full Jupytext value such as notebooks///ipynb,scripts///py:percent
  --prefer SIDE    when the script already exists and differs: keep the inputs of SIDE
  -f, --force      replace a file at the script's path that is not the notebook's script
                   (neither its pair nor a text version of a notebook: a module of the same
                   name, a script of your own; refused without this flag, as by convert)

Examples:
  ml-hooks pair analysis.ipynb
  ml-hooks pair notebooks/*.ipynb --format py:light
`;

export const syncHelp = `Usage: ml-hooks sync [PATH...] [--prefer notebook|script] [--check]

Brings paired notebooks and scripts up to date. The side that changed since the last commit
provides the inputs; the notebook keeps its outputs (cells whose source did not change keep
theirs). When both sides changed and disagree, nothing is written for that pair and the
command says how to resolve it. With no PATH, every pair in the repository is synced.

Pairs come from the notebook's metadata.jupytext.formats, from [tool.ml-hooks.pair] in
pyproject.toml (notebooks globs + format), or from Jupytext's own settings (jupytext.toml,
[tool.jupytext] formats).

  --prefer SIDE    take the inputs of SIDE (notebook or script) whenever the two differ;
                   never a side that holds conflict markers
  --check          change nothing; exit 1 when a pair is out of sync
  --staged         what the pre-commit hook runs: sync the pairs of staged files in the
                   index (the other side is regenerated and staged; HEAD is the baseline);
                   exit 1, with nothing changed, when both sides were edited and disagree
  --pre-commit-mode
                   as a fixing hook of the pre-commit framework: sync the pairs of the given
                   files in the working tree (files that are not paired are skipped), name
                   each file written and exit 1 when any was

Exit status: 0 all pairs in sync; 1 a conflict, bad file or (--check) a pair out of sync;
2 bad usage.
`;

export const missingTo = 'missing --to FORMAT (e.g. --to py:percent, or --to ipynb)';
export const oneFile = 'give exactly one FILE';
export const noFiles = 'give at least one notebook';
export const badPrefer = (v: string): string => `--prefer takes notebook or script, not '${v}'`;

export const cannotConvert = (path: string, reason: string): string => `ml-hooks convert: cannot convert ${namedPath(path)}: ${reason}\n`;
/** pair.format in the configuration is no format ml-hooks pairs with (`where`: the file and key). */
export const badConfiguredFormat = (where: string, value: string, reason: string): string => `${where} = ${JSON.stringify(value)}: ${reason}`;
/** A format option that does not parse (a usage error's detail): `--to xyz: 'xyz' is neither …`. */
export const badFormat = (option: string, value: string, reason: string): string => `${option} ${value}: ${reason}`;
export const wrote = (path: string): string => `Wrote ${displayPath(path)}\n`;
/** A pair left alone: `reason` follows the file's name (see leftSymbolicLinkAlone). */
export const pairLeftAlone = (path: string, reason: string): string => `ml-hooks: left the pair of ${displayPath(path)} alone: it ${reason}\n`;
/** The path a script would go to holds a file that is not the notebook's (see isTextOfNotebook): nothing was written. */
const notTheScriptOf = (command: string, file: string, outPath: string, elsewhere: string, replace: string): string =>
  `ml-hooks ${command}: ${displayPath(outPath)} already exists and is not the script of ${displayPath(file)} (not its pair, and no Jupytext header): nothing was written.\n` +
  `  Write it elsewhere:  ${elsewhere}\n` +
  `  Or replace it:       ${replace}\n`;
export const wouldOverwrite = (file: string, outPath: string, to: string): string =>
  notTheScriptOf('convert', file, outPath, `ml-hooks convert ${shellQuote(file)} --to ${shellQuote(to)} -o OTHER`, `ml-hooks convert ${shellQuote(file)} --to ${shellQuote(to)} --force`);
/** `pair`: the same refusal; `elsewhere` is a --format value that puts the script in another place, `format` the one refused. */
export const pairWouldOverwrite = (notebook: string, script: string, elsewhere: string, format: string): string =>
  notTheScriptOf('pair', notebook, script, `ml-hooks pair ${shellQuote(notebook)} --format ${shellQuote(elsewhere)}   (or another --format)`, `ml-hooks pair ${shellQuote(notebook)} --format ${shellQuote(format)} --force`);
export const unchanged = (path: string): string => `${displayPath(path)} is up to date\n`;
export const noLanguage = 'the notebook does not say its language (no kernelspec or language_info): give an extension, e.g. --to py:percent';
export const notANotebookOrScript = 'not a notebook (.ipynb) or a script with a known extension (.py, .R, .jl, …)';

export const cannotPair = (path: string, reason: string): string => `ml-hooks pair: cannot pair ${namedPath(path)}: ${reason}\n`;
export const paired = (notebook: string, script: string, formats: string): string => `Paired ${displayPath(notebook)} with ${displayPath(script)} (jupytext.formats: ${formats})\n`;

export const updated = (target: string, source: string): string => `Updated ${displayPath(target)} from ${displayPath(source)}\n`;
export const created = (target: string, source: string): string => `Created ${displayPath(target)} from ${displayPath(source)}\n`;
export const outOfSync = (notebook: string, script: string): string => `${displayPath(notebook)} and ${displayPath(script)} are out of sync (run \`ml-hooks sync ${shellQuote(notebook)}\`)\n`;
export const badSide = (path: string, reason: string): string => `ml-hooks: cannot sync ${namedPath(path)}: ${reason}\n`;
export const notPaired = (path: string): string =>
  `ml-hooks sync: ${namedPath(path)} is not paired (pair it with \`ml-hooks pair ${shellQuote(path)}\`, or list it in [tool.ml-hooks.pair] notebooks)\n`;

/** Both sides edited: says which files, why nothing was written, and the commands that resolve it. */
export function conflict(notebook: string, script: string, reason: 'both-changed' | 'no-baseline', atCommit = false): string {
  const why =
    reason === 'both-changed'
      ? `${displayPath(notebook)} and ${displayPath(script)} were both edited since the last commit and their inputs disagree`
      : `${displayPath(notebook)} and ${displayPath(script)} disagree and neither has a committed version to tell which one was edited`;
  const lines = [
    `ml-hooks: ${why}; ${atCommit ? 'commit blocked, ' : ''}nothing was overwritten.`,
    `  Look at both edits:            git diff -- ${shellQuote(notebook)} ${shellQuote(script)}`,
    `  Keep the notebook's inputs:    ml-hooks sync --prefer notebook ${shellQuote(notebook)}`,
    `  Keep the script's inputs:      ml-hooks sync --prefer script ${shellQuote(script)}`,
  ];
  lines.push(`  Or keep both edits: redo one side's edit in the other file so they agree, then sync again.`);
  if (atCommit) lines.push(`  Then stage both and commit:    git add ${shellQuote(notebook)} ${shellQuote(script)} && git commit`);
  return lines.join('\n') + '\n';
}
export const workingCopyKept = (path: string): string =>
  `ml-hooks: staged an updated ${displayPath(path)}; your working copy has other unstaged changes and was left as it is (compare with \`git diff -- ${shellQuote(path)}\`)\n`;
export const scriptMoved = (from: string, to: string): string => `ml-hooks: moved ${displayPath(from)} to ${displayPath(to)} with its notebook\n`;
export const unstagedOtherSide = (dirty: string, staged: string): string =>
  [
    `ml-hooks: ${displayPath(staged)} is staged, but ${displayPath(dirty)} also has unstaged edits; commit blocked so that neither edit is lost.`,
    `  Commit both together:   git add ${shellQuote(dirty)} && git commit   (if they disagree you are told how to reconcile them)`,
    `  Or set the edits aside: git stash push --keep-index -- ${shellQuote(dirty)}`,
  ].join('\n') + '\n';
export const syncedForPreCommit = (paths: readonly string[]): string =>
  `  Stage the updated files (git add ${paths.map(shellQuote).join(' ')}) and commit again.\n`;
/** Both sides exist and disagree, but nothing says the script is the notebook's (a module of the same name). */
export const notItsScript = (notebook: string, script: string): string =>
  [
    `ml-hooks: ${displayPath(script)} is not the script of ${displayPath(notebook)}: they were not committed together and ${displayPath(script)} does not declare the pair (a Jupytext header with formats), so pairing them would overwrite a file the pair does not own. Commit blocked, nothing was changed.`,
    `  ${displayPath(script)} is another file: move it out of the way:  git mv ${shellQuote(script)} OTHER   (mv, if it is not tracked)`,
    `  or give the notebook another name:           git mv ${shellQuote(notebook)} OTHER.ipynb`,
    `  ${displayPath(script)} is its script after all:  ml-hooks sync --prefer notebook ${shellQuote(notebook)}   (or --prefer script), then git add ${shellQuote(notebook)} ${shellQuote(script)}`,
  ].join('\n') + '\n';

/** The side to be regenerated exists in the working tree but is not in the index: it would be shadowed. */
export const untrackedSide = (path: string, other: string): string =>
  [
    `ml-hooks: ${displayPath(path)} exists but is not staged, and differs from what ${displayPath(other)} gives; committing a generated ${displayPath(path)} beside it would hide your file. Commit blocked, nothing was changed.`,
    `  It is the pair's file:  git add ${shellQuote(path)} && git commit`,
    `  It is another file:     mv ${shellQuote(path)} OTHER, then commit`,
  ].join('\n') + '\n';

/** The notebook was deleted in this commit: what happens to its script. */
export const scriptUnpaired = (notebook: string, script: string, unpaired: boolean): string =>
  unpaired
    ? `ml-hooks: ${displayPath(notebook)} is deleted in this commit, so ${displayPath(script)} is no longer paired with it: the formats line of its header was taken out (staged and in your working copy). To pair again: ml-hooks pair ${shellQuote(notebook)}\n`
    : `ml-hooks: ${displayPath(notebook)} is deleted in this commit; ${displayPath(script)} stays, as a script of its own.\n`;

/** The script was deleted in this commit: the notebook no longer declares it. */
export const notebookUnpaired = (script: string, notebook: string, formats: string | undefined): string =>
  `ml-hooks: ${displayPath(script)} is deleted in this commit, so ${displayPath(notebook)} is no longer paired with it: its metadata.jupytext.formats ${formats !== undefined ? `now says ${formats}` : 'was taken out'} (staged and in your working copy). To pair again: ml-hooks pair ${shellQuote(notebook)}\n`;

/** The script of a pair the configuration declares was deleted: it would come back at the next commit. */
export const configuredScriptDeleted = (script: string, notebook: string, declaredIn: string): string =>
  [
    `ml-hooks: ${displayPath(script)} is deleted in this commit, but the configuration (${declaredIn}) pairs ${displayPath(notebook)} with it, so it would be written again at the next commit. Commit blocked, nothing was changed.`,
    `  Keep the script:         git restore --staged --worktree --source=HEAD -- ${shellQuote(script)}`,
    `  Delete both:             git rm ${shellQuote(notebook)}`,
    `  Or stop pairing ${displayPath(notebook)} there, then commit.`,
  ].join('\n') + '\n';

export const staged = (path: string): string => `ml-hooks: staged ${displayPath(path)} (paired file updated)\n`;
export const droppedKeys = (path: string, keys: readonly string[]): string =>
  `ml-hooks convert: ${displayPath(path)}: metadata ${keys.map((k) => JSON.stringify(k)).join(', ')} cannot be written in a script (keys use letters, digits and _.@/- only); it stays in the .ipynb only\n`;

/** A pair that names a format ml-hooks does not write (one line; nothing is blocked). */
export const formatNotSupported = (path: string, format: string, declaredIn: string, invalid?: string): string =>
  invalid !== undefined
    ? `ml-hooks: ${displayPath(path)}: the pairing formats '${format}' in ${declaredIn} cannot be read (${invalid}); the pair is left alone, stripping, size checks and other pairs go on\n`
    : `ml-hooks: ${displayPath(path)}: pairing format '${format}' (${declaredIn}) is not supported by ml-hooks; that pair is left alone (edit it with Jupytext), stripping, size checks and other pairs go on. Supported: py:percent, py:light (and other script languages), md, md:myst, Rmd\n`;

export const unsupportedTarget = (format: string): string =>
  `'${format}' is a Jupytext format that ml-hooks does not write; use py:percent, py:light (or another script extension), md, md:myst, Rmd or ipynb`;
