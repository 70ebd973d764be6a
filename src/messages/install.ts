// User-facing text of `ml-hooks install`, `uninstall` and `status`.
import type { StatusItem } from '../install/hooksStatus.js';
import { displayPath, shellQuote } from './shellQuote.js';
import type { ConfigKey } from '../config/validateConfig.js';

/** The list of keys in `install --help`, from the validator's own table (so it cannot drift). */
function configKeysHelp(keys: readonly ConfigKey[]): string {
  const width = Math.max(...keys.map((k) => k.key.length)) + 2;
  return keys.map((k) => `  ${k.key.padEnd(width)}${k.expected}; default ${k.default}`).join('\n');
}

/** `keys`: configKeys(), the validator's table. */
export const installHelp = (keys: readonly ConfigKey[]): string => `Usage: ml-hooks install [--ci] [--quiet]

Sets up ml-hooks in this clone (run it in each clone; running it twice changes nothing):
  - pre-commit and pre-push hooks, in the hooks folder git uses
    (\`git rev-parse --git-path hooks\`: worktrees and submodules work). A hook already there
    (your own, git-lfs's, DVC's, pre-commit's) is kept as HOOK.ml-hooks-chained and still runs.
    With husky (core.hooksPath .husky/_), our command is added to .husky/pre-commit and
    .husky/pre-push instead.
  - the notebook clean filter (filter.ml-hooks.process, one process for all files; not
    required: without node git passes notebooks through, and the commit hook strips them)
    the diff driver (diff.ml-hooks.textconv: notebooks diff as cells) and the merge driver
    (merge.ml-hooks.driver: \`ml-hooks merge\`, cell by cell), in this clone's .git/config;
  - the line "*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks" in .gitattributes (commit
    it; it holds no path, so it is valid in every clone);
  - a commented default configuration: [tool.ml-hooks] appended to pyproject.toml, or
    .ml-hooks.json when there is no pyproject.toml (only when neither has one).

Hooks find their program without PATH: node's path and a copy of ml-hooks are kept in
$(git rev-parse --git-common-dir)/ml-hooks/, so they work from GUI clients and after npm clears
the npx cache. Hooks never run npx.

Configuration precedence (lowest first): defaults < pyproject.toml [tool.ml-hooks]
  < .ml-hooks.json < git config filter.nbstripout.extrakeys/keepmetadatakeys (appended)
  < flags of \`ml-hooks strip\`.

Configuration keys, as in .ml-hooks.json ({"strip": {"keep-output": true}}); in pyproject.toml
a key SECTION.KEY is KEY in the table [tool.ml-hooks.SECTION] (what each does: README,
"Configuration"):
${configKeysHelp(keys)}

Skip every ml-hooks hook for one command with ML_HOOKS=0, e.g. ML_HOOKS=0 git commit.
With --ci, also sets up the CI side, where the rules cannot be skipped:
  - .github/workflows/ml-hooks.yml: runs \`ml-hooks check --format github --history …\` on
    pull requests (annotations on the files);
  - .pre-commit-config.yaml: the ml-hooks entries for the pre-commit framework.
  A file that already exists is left alone and the snippet to add is printed instead.
With --quiet (for npm's prepare script, so every clone is set up by \`npm ci\`): prints nothing,
does nothing in CI (CI set) or outside a git work tree, and never fails \`npm ci\` (a clone it
cannot set up gets one line on stderr; its hooks then say what to run).

Undo with \`ml-hooks uninstall\`; see what is installed with \`ml-hooks status\`.
`;

export const uninstallHelp = `Usage: ml-hooks uninstall

Removes what \`ml-hooks install\` added to this clone: our hooks (the hooks they chained to are
put back byte for byte), the filter, diff and merge driver settings in .git/config, the lines
taken over in .git/info/attributes (put back), and the clone's ml-hooks folder (the runner, the
copy of ml-hooks, the output store: $(git rev-parse --git-common-dir)/ml-hooks).

Uninstall is per clone. Files in the work tree that install wrote (the .gitattributes line, the
default configuration in .ml-hooks.json or pyproject.toml, the husky lines) are the project's
once git tracks them (committed or staged): those are left as they are, and uninstall prints how
to remove ml-hooks from them for everyone (e.g. \`git rm .ml-hooks.json\`, or the line to delete
from .gitattributes, then a commit). Such a file that git does not track, which only this clone
has, is undone: unchanged since install, it gets its earlier bytes back (or is removed, when
install created it); edited since, it loses only the lines ml-hooks added.
`;

export const statusHelp = `Usage: ml-hooks status

Says what ml-hooks has installed in this clone and where, which node and ml-hooks the hooks
will run, and anything broken, with the command that fixes it. Exit status 0 when everything
is in place, 1 when something is missing or broken.
`;

/** The status line of the output store: `3 notebooks, 12.0 kB of 1.0 GB in .git/ml-hooks/outputs` (sizes formatted). */
export const outputStoreUsage = (entries: number, size: string, limit: string, where: string) =>
  `${entries} ${entries === 1 ? 'notebook' : 'notebooks'}, ${size} of ${limit} in ${displayPath(where)}`;
/** `origin`: where `enabled = false` is set (describeOrigin). */
export const outputStoreOff = (origin: string) => `off (${origin}): checkouts write notebooks without outputs, as nbstripout does`;

export const copiedCli = (where: string) => `copied ml-hooks into ${displayPath(where)} (hooks use this copy, never npx)`;
export const wroteRunner = (where: string, node: string) => `wrote ${displayPath(where)} (runs ${node})`;
export const installedHook = (hook: string, where: string, chained?: string) =>
  `installed the ${hook} hook: ${displayPath(where)}${chained ? ` (the hook that was there is kept as ${displayPath(chained)} and still runs)` : ''}`;
export const updatedHook = (hook: string, where: string) => `updated the ${hook} hook: ${displayPath(where)}`;
export const addedHuskyBlock = (where: string) => `added the ml-hooks command to ${displayPath(where)} (husky; commit this file)`;
export const setGitConfig = (key: string, value: string) => `git config ${key} = ${value}`;
export const addedAttributes = (where: string) => `added "*.ipynb filter=ml-hooks diff=ml-hooks merge=ml-hooks" to ${displayPath(where)} (commit this file)`;
export const wroteConfig = (where: string) => `wrote a commented default configuration to ${displayPath(where)}`;
export const cannotChain = (hook: string, chained: string) =>
  `${displayPath(hook)} is not ours and ${displayPath(chained)} already exists, so the hook was left alone: move one of them away and run \`ml-hooks install\` again.`;
export const customHooksPath = (path: string) => `core.hooksPath is ${displayPath(path)}: the hooks were installed there (commit them if that folder is versioned).`;
export const preCommitFrameworkSnippet = `This repository uses the pre-commit framework. Its hook now runs after ours. To have
pre-commit run ml-hooks instead (each hook works on its own, in clones that never ran install), add:
  - repo: https://github.com/ml-hooks/ml-hooks
    rev: v0.1.0
    hooks:
      - id: ml-hooks-strip        # notebooks stripped in place, as nbstripout's hook
      - id: ml-hooks-sync         # paired scripts kept in sync, as Jupytext's
      - id: ml-hooks-check-size   # staged files over the size limits blocked
      - id: ml-hooks-push         # pushed commits scanned; run \`pre-commit install -t pre-push\``;

export const installDone = (done: string[], notes: string[]) =>
  (done.length === 0 ? 'ml-hooks is already installed here; nothing changed.\n' : `ml-hooks installed:\n${done.map((d) => `  ${d}\n`).join('')}`) +
  notes.map((n) => `note: ${n}\n`).join('');

export const restoredHook = (where: string) => `put back the earlier hook ${displayPath(where)}`;
export const removedHook = (where: string) => `removed the hook ${displayPath(where)}`;
export const hookNotOurs = (where: string) => `${displayPath(where)} is no longer the ml-hooks hook, so it was left as it is.`;
export const restoredFile = (where: string) => `restored ${displayPath(where)} as it was before install`;
export const removedCreatedFile = (where: string) => `removed ${displayPath(where)} (install created it, and git does not track it)`;
/** What takes ml-hooks out of a project file: the whole file, a line, a block between two markers, its tables. */
export type MlHooksPart = { whole: true } | { line: string } | { from: string; to: string } | { tables: '[tool.ml-hooks]' };

/**
 * A work-tree file that sets up ml-hooks and that git tracks: the project's, left alone by
 * uninstall (per clone), with what removes ml-hooks from it for everyone. `husky`: the file is a
 * husky hook, whose ml-hooks lines go on running in this clone.
 */
export function leftTrackedFile(where: string, part: MlHooksPart, husky: boolean): string {
  const q = shellQuote(where);
  const commit = `git commit ${q} -m 'Stop using ml-hooks'`;
  const shown = displayPath(where);
  const edit =
    'whole' in part
      ? `git rm ${q} && git commit -m 'Stop using ml-hooks'`
      : 'line' in part
        ? `delete the line "${part.line}" from ${shown}, then ${commit}`
        : 'from' in part
          ? `delete the lines from "${part.from}" to "${part.to}" in ${shown}, then ${commit}`
          : `delete the ${part.tables} tables from ${shown}, then ${commit}`;
  const stops = where.endsWith('pre-push') ? 'pushes' : 'commits';
  const stillRuns = husky ? ` Until then its ml-hooks lines stop ${stops} in this clone ("not installed in this clone"; skip once with ML_HOOKS=0).` : '';
  return `${shown} is tracked by git, so it was left as it is: uninstall changes only this clone, and changing a committed file would take ml-hooks away from everyone at the next commit.${stillRuns}\n  To stop using ml-hooks in the whole project: ${edit}`;
}
export const removedOurLines = (where: string) => `removed the ml-hooks lines from ${displayPath(where)}`;
export const fileChangedSinceInstall = (where: string) => `${displayPath(where)} changed since install and holds no ml-hooks lines we can remove safely: left as it is.`;
export const unsetGitConfig = (key: string) => `removed git config ${key}`;
export const removedStateDir = (where: string) => `removed ${displayPath(where)}`;
export const uninstallDone = (done: string[], notes: string[]) =>
  (done.length === 0 ? 'ml-hooks was not installed here; nothing changed.\n' : `ml-hooks uninstalled:\n${done.map((d) => `  ${d}\n`).join('')}`) +
  notes.map((n) => `note: ${n}\n`).join('');
/**
 * What makes install possible under a shared core.hooksPath: this repository's own hooks folder
 * (local config wins over global), as an absolute path: a relative `.git/hooks` is taken from
 * each worktree's top, and in a linked worktree `.git` is a file.
 */
export const OWN_HOOKS_FOLDER = 'git config --local core.hooksPath "$(git rev-parse --path-format=absolute --git-common-dir)/hooks"';
export const ownHooksFolderFix = `${OWN_HOOKS_FOLDER} && npx ml-hooks install`;
export const hooksPathNotAFolder = (path: string, hooksDir: string) =>
  `ml-hooks install: core.hooksPath is ${displayPath(path)}, which names ${displayPath(hooksDir)} here, and that cannot be a folder (a part of it is a file: in a linked worktree .git is a file), so git runs no hook in this worktree and nothing was installed.\n` +
  `  Point it at this repository's hooks folder with an absolute path: ${ownHooksFolderFix}\n`;
export const seeHooksPath = 'see "hooks path" above';
/** `status` under a shared core.hooksPath; `origin`: the config file that sets it. */
export const sharedHooksPathStatus = (path: string, origin: string | undefined, ours: boolean) =>
  `core.hooksPath is ${displayPath(path)}${origin !== undefined ? ` (set in ${displayPath(origin)})` : ''}, a folder outside this repository, shared by your other repositories: git runs the hooks there instead of .git/hooks, ` +
  (ours
    ? "and its pre-commit and pre-push are ml-hooks' (so they run in every repository that uses the folder)"
    : 'so ml-hooks is not set up here: its hooks would run in every repository that uses the folder, and install does not write into it');
export const sharedHooksPath = (path: string) =>
  `ml-hooks install: core.hooksPath is ${displayPath(path)}, a hooks folder outside this repository (shared by your other repositories), so nothing was installed.\n` +
  `  Either give this repository its own hooks folder: ${ownHooksFolderFix}\n` +
  `  or call ml-hooks from your shared hooks: sh "$(git rev-parse --git-common-dir)/ml-hooks/run" hook pre-commit (after installing once with a local hooks folder).\n`;

export const ciTemplateWritten = (target: string): string => `wrote ${target} (commit it: CI enforces what hooks on a laptop can skip)\n`;
export const ciTemplateExists = (target: string, content: string): string =>
  `${target} exists, so it was left alone; add this to it:\n\n${content.replace(/^/gm, '    ')}\n`;

/** `ml-hooks status`: one line per item, with the fix under a broken one. */
export function formatStatus(items: readonly StatusItem[], top: string): string {
  const lines = [`ml-hooks in ${displayPath(top)}:`];
  for (const item of items) {
    lines.push(`  ${item.ok ? 'ok     ' : 'BROKEN '} ${item.label.padEnd(24)} ${item.detail}`);
    if (item.fix) lines.push(`          ${''.padEnd(24)} fix: ${item.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
export const cloneMoved = (from: string, to: string) => `this clone was at ${displayPath(from)} when ml-hooks was installed; it is now at ${displayPath(to)}, and the record of what install changed follows it.`;
export const tookOverNbstripout = (where: string) =>
  `took over nbstripout's lines in ${displayPath(where)} (\`nbstripout --install\`; they override .gitattributes): ml-hooks strips the same bytes, and uninstall puts them back`;
export const infoAttributesOverride = (where: string, line: string) =>
  `${displayPath(where)} has "${line}", which overrides .gitattributes for notebooks: remove that line so ml-hooks' filter, diff and merge drivers apply.`;
export const runByOtherTool = (where: string, tool: string, stub: string) => `${displayPath(where)} is the ${tool}'s hook; it runs the ml-hooks hook kept as ${displayPath(stub)} first.`;
export const chainedLfs = (hook: string, chained: string) => `git-lfs's hooks written by \`git lfs update\`; its pre-push is kept as ${displayPath(chained)} and runs after ${displayPath(hook)}`;
export const lfsRunByStub = (hook: string) =>
  `git-lfs is used here, and ${displayPath(hook)} already chains another hook: ml-hooks' pre-push runs \`git lfs pre-push\` itself, so LFS objects are uploaded.`;
export const lfsUpdateFailed = (detail: string) => `\`git lfs update\` did not write all of git-lfs's hooks: ${detail}`;
export const bareRepository = (command: string, gitDir: string) =>
  `ml-hooks ${command}: ${gitDir} is a bare repository (no working tree: nobody commits here, so commit hooks and notebook filters have nothing to do).\n` +
  `  Run it in a clone instead: git clone ${gitDir} work && cd work && npx ml-hooks install\n` +
  `  To enforce the rules on what is pushed here, run \`ml-hooks check --history\` in CI.\n`;
export const hookChangedSinceInstall = (where: string) =>
  `ml-hooks uninstall: ${displayPath(where)} was changed after install (it is no longer the hook ml-hooks wrote), so nothing was uninstalled: deleting it would lose your lines.\n` +
  `  Move your lines to another hook file (or into ${displayPath(`${where}.ml-hooks-chained`)}, which runs after it), then run \`ml-hooks uninstall\` again;\n` +
  `  or, to drop your changes, remove the file: rm ${shellQuote(where)} && ml-hooks uninstall\n`;
export const removedRenamedStub = (where: string, owner: string) => `removed the ml-hooks hook ${displayPath(where)} (${owner} ran it)`;
export const movedChainedBack = (from: string, to: string) => `put back the earlier hook ${displayPath(from)} as ${displayPath(to)}, where it still runs`;
export const droppedStaleCopy = (where: string, of: string) => `removed ${displayPath(where)}, a copy of ${displayPath(of)} as it is now`;
export const leftChained = (where: string) => `${displayPath(where)} is the hook that ran before ml-hooks, but another tool's hook is in its place now: it was left as it is (rename it back by hand if you want it).`;
export const cloneMovedStatus = (from: string) => `moved here from ${displayPath(from)} since install; the hooks, filter and drivers find everything relative to the clone, and uninstall follows it`;
export const nbstripoutOverrides = (where: string) =>
  `${displayPath(where)} routes notebooks to nbstripout (\`nbstripout --install\`), which overrides .gitattributes: notebooks do not use the ml-hooks filter, diff and merge drivers`;
export const lfsMissingStatus = 'this clone uses Git LFS, but git-lfs is not on PATH: LFS objects are not uploaded at push';
export const lfsNotInHusky = (where: string) => `this clone uses Git LFS, but ${displayPath(where)} does not run \`git lfs pre-push\`: LFS objects are not uploaded at push`;
export const lfsHooksMissingStatus =
  "this clone uses Git LFS, but git-lfs's hooks are not installed (`git lfs install` stops at ours: \"Hook already exists\"); ml-hooks' pre-push uploads LFS objects itself, git-lfs's post-checkout, post-commit and post-merge (file locking) are missing";
export const stubEditedLeft = (where: string) =>
  `${displayPath(where)} is the ml-hooks hook with lines of yours added, so it was left as it is (an update would lose them): move your lines to ${displayPath(`${where}.ml-hooks-chained`)}, which runs after it, and run \`ml-hooks install\` again.`;
