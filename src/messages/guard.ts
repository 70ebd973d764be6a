// User-facing text of the large-file guard (commit hook, push hook and `ml-hooks check-size`).
import { displayPath, shellQuote } from './shellQuote.js';
import { formatSize, formatSizeAndLimit } from './formatSize.js';
import { assignmentIn, keyIn } from './config.js';
import type { ConfigFileInUse } from '../config/mlHooksConfig.js';
import type { Limit, SettingSource } from '../guard/sizePolicy.js';
import type { Oversized, PushedOversized, RepoStorage, UnstrippedNotebook } from '../guard/findings.js';


export const GITHUB_LIMIT_NOTE = 'GitHub rejects files over 100 MB';




/** "set in pyproject.toml [tool.ml-hooks.guard] max-binary-size", or the default and where to change it. */
export function describeSource(source: SettingSource): string {
  if (source.file === undefined) {
    const config = source.changeIn;
    if (config?.format === 'json') return `the default ${source.key}; change it with ${keyIn(config, 'guard', source.key)}`;
    return `the default ${source.key}; change it in [tool.ml-hooks.guard] of ${config?.file ?? 'pyproject.toml'}`;
  }
  if (source.label !== undefined) return `set in ${source.file} ${source.label}`;
  if (source.file.endsWith('.json')) return `set in ${source.file} guard.${source.key}`;
  return `set in ${source.file} [tool.ml-hooks.guard] ${source.key}`;
}

/** "the 1.0 MB limit for binary files (the default max-binary-size; …)". */
export function describeLimit(limit: Limit, kind: 'binary' | 'file', decimals = 1): string {
  const what = kind === 'binary' ? 'binary files' : 'any file';
  return `the ${formatSize(limit.bytes, decimals)} limit for ${what} (${describeSource(limit.source)})`;
}

/** "10.000001 MB, over the 10.000000 MB limit for any file (…)": the two numbers always differ. */
export function sizeOverLimit(file: Oversized, where = ''): string {
  const shown = formatSizeAndLimit(file.size, file.limit.bytes);
  return `${shown.size}${where}, over ${describeLimit(file.limit, file.limitKind, shown.decimals)}`;
}

const indent = (lines: string[]): string => lines.map((l) => `  ${l}\n`).join('');

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** The pattern for `git lfs track`: every file with this extension, or the path itself. */
export function lfsTrackPattern(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const m = /^[^.].*\.([A-Za-z0-9_+-]+)$/.exec(name);
  return m ? `"*.${m[1]}"` : shellQuote(path);
}

export function dvcCommands(path: string): string[] {
  return [`dvc add ${shellQuote(path)}`, `git add ${shellQuote(`${path}.dvc`)} ${shellQuote(`${dirOf(path)}.gitignore`)}`];
}

export function lfsCommands(path: string): string[] {
  return [`git lfs track ${lfsTrackPattern(path)}`, `git add .gitattributes ${shellQuote(path)}`];
}

/** The commands that take a staged file out of git and into DVC or LFS, as the repository prefers. */
export function stagedFix(path: string, storage: RepoStorage): string {
  let text = `Keep it out of git:\n${indent([`git rm --cached ${shellQuote(path)}`])}`;
  if (storage.dvc && !storage.lfs) return text + indent(dvcCommands(path));
  if (storage.lfs && !storage.dvc) return text + indent(lfsCommands(path));
  text += `then, with DVC:\n${indent(dvcCommands(path))}`;
  text += `or, with Git LFS (set up once with \`git lfs install\`):\n${indent(lfsCommands(path))}`;
  return text;
}

function sizeLine(file: Oversized, where: string): string {
  return `${displayPath(file.path)} is ${sizeOverLimit(file, where)}. ${GITHUB_LIMIT_NOTE}.\n`;
}

const allowHint = (path: string, config: ConfigFileInUse): string =>
  `If it belongs in git, allow it: add ${JSON.stringify(path)} to ${keyIn(config, 'guard', 'allow')}.\n`;

/** `config`: the configuration file in use (GuardPolicy.configFile), named in the hint that allows a file. */
export function commitBlocked(files: readonly Oversized[], storage: RepoStorage, config: ConfigFileInUse, prefix = 'ml-hooks: commit blocked'): string {
  const n = files.length;
  let text = `${prefix}: ${n} staged file${n === 1 ? '' : 's'} over the size limit.\n`;
  for (const file of files) {
    text += `\n${sizeLine(file, ' staged')}${stagedFix(file.path, storage)}${allowHint(file.path, config)}`;
  }
  return text;
}

export function workingTreeOversized(files: readonly Oversized[]): string {
  const n = files.length;
  let text = `ml-hooks check-size: ${n} file${n === 1 ? '' : 's'} over the size limit.\n`;
  for (const file of files) text += sizeLine(file, '');
  return text;
}

export const allUnderLimit = (count: number, staged: boolean): string =>
  `ml-hooks check-size: ${count} ${staged ? 'staged ' : ''}file${count === 1 ? '' : 's'} checked, none over the size limit.\n`;


/** "refs/tags/v1" → "v1", "refs/heads/main" → "main": the name git commands take. */
const shortRef = (ref: string): string => ref.replace(/^refs\/(heads|tags)\//, '');

function rewriteFix(file: PushedOversized): string {
  if (file.path === '') {
    // A tag (or other ref) pointing at the blob itself: no commit to rewrite.
    const tag = file.localRef.startsWith('refs/tags/') ? shortRef(file.localRef) : undefined;
    return `It is in no commit: ${file.localRef} points at the file itself. Push without that ref${tag !== undefined ? `, or delete the tag:\n${indent([`git tag -d ${shellQuote(tag)}`])}` : '.\n'}`;
  }
  const include = `--include=${shellQuote(file.path)}`;
  // The ref goes as an argument, not --include-ref: any --include-ref or --exclude-ref drops
  // git-lfs's default exclusion of every remote-tracking ref, and the migration would rewrite
  // commits the remote already has (a merged branch, the branch's pushed part). Given this way,
  // git-lfs fetches and leaves out whatever any remote has (tested with git-lfs 3.3).
  // With no remote-tracking refs (a push to a URL) there is nothing for that default to leave
  // out: the commits the remote has are named (--exclude-ref takes a commit id too).
  const branchRef = file.localRef.startsWith('refs/') ? file.localRef : undefined;
  const ref = file.remoteHas !== undefined && file.remoteHas.length > 0 && branchRef !== undefined
    ? ` --include-ref=${shellQuote(branchRef)}${file.remoteHas.map((sha) => ` --exclude-ref=${sha}`).join('')}`
    : branchRef !== undefined ? ` -- ${shellQuote(branchRef)}` : '';
  let text = `Rewrite the commits before pushing; either move the file to Git LFS in the commits not pushed yet:\n`;
  text += indent([`git lfs migrate import ${include}${ref}`]);
  if (file.commit !== undefined) {
    const short = file.commit.slice(0, 12);
    const undo = file.hasParent ? `git reset --soft ${short}~1` : 'git update-ref -d HEAD   # it is the first commit';
    text += `or undo the commits since ${short} (their changes stay staged) and commit again without it:\n`;
    text += indent([undo, `git rm --cached ${shellQuote(file.path)}`, 'git commit']);
  }
  return text;
}

/** What the push names: the path, or for a blob in no commit, the blob and the ref pointing at it. */
const pushedName = (file: PushedOversized): string => (file.path === '' ? `the blob ${file.oid.slice(0, 12)} (${file.localRef})` : displayPath(file.path));

export function pushBlocked(files: readonly PushedOversized[], remote: string): string {
  const n = files.length;
  let text = `ml-hooks: push to ${remote} blocked: ${n} file${n === 1 ? '' : 's'} over the size limit in the commits being pushed.\n`;
  for (const file of files) {
    text += `\n${pushedName(file)} is ${sizeOverLimit(file)}. ${GITHUB_LIMIT_NOTE}.\n`;
    if (file.commit !== undefined) {
      text += `  added in commit ${file.commit.slice(0, 12)}${file.subject ? ` "${file.subject}"` : ''} (${file.localRef})\n`;
    }
    text += rewriteFix(file);
  }
  return text;
}


/**
 * How to take the outputs out of the commit that holds an unstripped notebook. With this clone's
 * filter, `git add --renormalize` restages the working file through it (stored stripped, the file
 * untouched); without it, the file itself must be stripped, and loses its outputs.
 */
export function unstrippedFix(nb: UnstrippedNotebook): { intro: string; steps: string[] } {
  const p = shellQuote(nb.path);
  const amend = `${nb.filtered ? `git add --renormalize ${p}` : `ml-hooks strip ${p} && git add ${p}`} && git commit --amend --no-edit`;
  const keeps = nb.filtered
    ? `your ${displayPath(nb.path)} keeps its outputs: the filter restages it stripped`
    : `this removes the outputs from your working ${displayPath(nb.path)} too: the filter that would keep them is not set up for it in this clone`;
  const short = nb.commit?.slice(0, 12);
  if (nb.isHead || short === undefined) {
    return { intro: `${nb.filtered ? 'Restage it' : 'Strip it'} and amend the commit (${keeps}; edits to it since that commit go in too)`, steps: [amend] };
  }
  // Naming the branch makes rebase switch to it first: the commit may be on a branch not checked out.
  const branch = nb.localRef.startsWith('refs/heads/') ? ` ${shellQuote(nb.localRef.slice('refs/heads/'.length))}` : '';
  // The rebase checks out that commit's version of the file and leaves it, or a stripped one, in
  // the working tree; the output store keeps one working notebook per stripped blob, so the
  // user's (re-run) notebook is copied aside first and put back at the end, byte for byte.
  // --autostash: a dirty tree would stop the rebase. ML_HOOKS=0 for the start: with the filter on,
  // a committed unstripped notebook always looks changed (its blob is not what the filter would
  // store), and git refuses to start. At the stop the commit may predate .gitattributes (committed
  // before install), so the file is stripped by ml-hooks itself, not through the filter.
  const keep = shellQuote(`${nb.path}.ml-hooks-keep`);
  // (a branch not checked out: the working tree holds another branch's files, left to --autostash)
  const copies = branch === '' || nb.onCheckedOutBranch === true;
  const rebase = `${copies ? `cp ${p} ${keep} && ` : ''}ML_HOOKS=0 git rebase -i --autostash ${nb.hasParent ? `${short}~1` : '--root'}${branch}`;
  const aside = copies
    ? `a copy of your working ${displayPath(nb.path)} is put back at the end, and --autostash puts your other uncommitted work aside`
    : '--autostash puts your uncommitted work aside and gives it back at the end';
  return {
    intro: `Strip it in that commit (${aside}): run \`${rebase}\`, mark ${short} "edit", then`,
    // (ML_HOOKS=0 again to go on: a later step may check out another notebook committed unstripped)
    steps: [`ml-hooks strip ${p} && git add ${p} && git commit --amend --no-edit`, 'ML_HOOKS=0 git rebase --continue', ...(copies ? [`mv -f ${keep} ${p}`] : [])],
  };
}

export function unstrippedNotebooks(notebooks: readonly UnstrippedNotebook[], remote: string, block: boolean, config: ConfigFileInUse): string {
  const n = notebooks.length;
  let text = block
    ? `ml-hooks: push to ${remote} blocked: ${n} notebook${n === 1 ? '' : 's'} committed without stripping (made with --no-verify, or before the hooks were installed).\n`
    : `ml-hooks: warning: ${n} notebook${n === 1 ? '' : 's'} in the commits pushed to ${remote} ${n === 1 ? 'is' : 'are'} not stripped (made with --no-verify, or before the hooks were installed).\n`;
  for (const nb of notebooks) {
    const short = nb.commit?.slice(0, 12);
    text += `\n${displayPath(nb.path)} has outputs or metadata that ml-hooks strips${short ? `, in commit ${short}${nb.subject ? ` "${nb.subject}"` : ''}` : ''} (${nb.localRef}).\n`;
    const fix = unstrippedFix(nb);
    text += `${fix.intro}:\n${indent(fix.steps)}`;
  }
  if (block) text += `\nTo let such pushes through with a warning, set ${assignmentIn(config, 'guard', 'unstripped-notebooks', 'warn')}.\n`;
  return text;
}

export const remoteNotAsked = (remote: string, error: string): string =>
  `ml-hooks: could not ask ${remote} which branches it has (${error.split('\n')[0]}), so what only its remote-tracking refs reach was checked as new. If ${remote} has it already: git push --no-verify\n`;

export const configError = (file: string, key: string, expected: string): string =>
  `${file}: ${key} must be ${expected}`;

export const checkSizeHelp = `Usage: ml-hooks check-size [options] [PATH ...]

Checks file sizes against the large-file guard's limits, the same test the commit hook runs:
binaries (a NUL byte in the first 8000 bytes) over max-binary-size (default 1 MB) and any file
over max-file-size (default 10 MB). Git LFS pointers and paths matching allow pass; notebooks
are measured after stripping.

With no PATH, checks what is staged (the blobs in the index, not the working files).
With PATHs (files or folders), checks those working-tree files instead.

Options:
      --staged     check the staged files (the default when no PATH is given)
      --json       print a JSON report on stdout
  -h, --help       show this help

Limits are set in pyproject.toml:
  [tool.ml-hooks.guard]
  max-binary-size = "1MB"
  max-file-size = "10MB"
  allow = ["assets/*.png"]
or in .ml-hooks.json:
  {"guard": {"max-binary-size": "1MB", "max-file-size": "10MB", "allow": ["assets/*.png"]}}

Exit status: 0 nothing over; 1 something over the limit; 2 usage or configuration error.

Examples:
  ml-hooks check-size                 what the next commit would add
  ml-hooks check-size data/ models/   files in the working tree
`;

