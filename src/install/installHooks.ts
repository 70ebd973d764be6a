// `ml-hooks install`: hooks, filter, diff driver, attributes and a default configuration, fitted
// into whatever the repository already has (husky, foreign hooks, git-lfs, pre-commit).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runGit, git } from '../git/runGit.js';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';
import { hooksFolderIsShared, locateRepo, type RepoLocation } from './locateRepo.js';
import { emptyState, movedFrom, readInstallState, rebaseState, writeInstallState, type FileEdit, type InstallState } from './installState.js';
import { addAttributesLine, addHuskyBlock, addPyprojectTemplate, hasMlHooksTable, takeOverInfoAttributes } from './editTextFiles.js';
import { CHAINED_SUFFIX, HOOKS, hookSlot, isStub, readText, renderStub, runsLfsPrePush, stubVariants, type HookName } from './hookFiles.js';
import { syncDir, syncFile } from './syncDir.js';
import { JSON_CONFIG, PYPROJECT } from '../settings/loadSettings.js';
import { shellQuote } from '../messages/shellQuote.js';
import * as msg from '../messages/install.js';

export { CHAINED_SUFFIX, HOOKS };

/**
 * The git config this clone gets. The commands find the runner through git, so they survive a
 * moved clone, and they are short: git prints the command when a filter fails.
 *
 * `required` is false on purpose. git has one `required` flag for both directions, and a
 * required filter that cannot run (node missing, the runner deleted) makes git die in the middle
 * of a checkout, leaving files deleted. So the filter is an optimisation and an output keeper,
 * never a gate: smudge falls back to the stored blob, and a clean that could not run lets the
 * unstripped notebook into the index, where the pre-commit hook strips it (or stops the commit
 * with the reason) and the pre-push scan catches what `--no-verify` let through.
 */
/** A filter handshake announcing no capabilities (git then filters nothing), as printf text. */
const FILTER_PASS_THROUGH = '0016git-filter-server\\n000eversion=2\\n00000000';

export const GIT_CONFIG: readonly (readonly [string, string])[] = [
  [
    'filter.ml-hooks.process',
    // Short, because git prints it twice when the filter dies. The fallback runs only when the
    // runner is gone (its folder deleted): the no-capability handshake, so git passes files
    // through instead of dying mid-checkout. A runner that starts and then fails never reaches it.
    `r=$(git rev-parse --git-common-dir)/ml-hooks/run; [ -f "$r" ] && exec sh "$r" filter-process; printf '${FILTER_PASS_THROUGH}'; cat>/dev/null`,
  ],
  ['filter.ml-hooks.required', 'false'],
  ['diff.ml-hooks.textconv', 'sh "$(git rev-parse --git-common-dir)/ml-hooks/run" textconv'],
  // Hunk headers name the cell (the textconv writes cells as `# %%` lines).
  ['diff.ml-hooks.xfuncname', '^# %%.*$'],
  // git's placeholders: %O base, %A ours (the result goes there), %B theirs, %L marker size,
  // %P path; %S %X %Y the revisions' names since git 2.44 (left as they are before: ignored).
  // Without the runner, git's own text merge, as if no driver were set.
  [
    'merge.ml-hooks.driver',
    'r="$(git rev-parse --git-common-dir)/ml-hooks/run"; if [ -f "$r" ]; then sh "$r" merge --marker-size %L --path %P --base-name %S --ours-name %X --theirs-name %Y %O %A %B; else git merge-file --marker-size=%L %A %O %B; fi',
  ],
];

export interface InstallOptions {
  /** node's absolute path, recorded for hooks started with a minimal PATH. */
  node: string;
  /** The ml-hooks package to copy into the clone (dist/, hooks/, templates/, package.json). */
  packageRoot: string;
}

export interface InstallReport {
  done: string[];
  notes: string[];
  location: RepoLocation;
}

export async function installHooks(cwd: string, env: NodeJS.ProcessEnv, options: InstallOptions): Promise<InstallReport> {
  const loc = await locateRepo(cwd, env);
  const done: string[] = [];
  const notes: string[] = [];
  if (hooksFolderIsShared(loc)) {
    // A hooks folder shared by every repository (core.hooksPath in ~/.gitconfig): our hook there
    // would run in repositories without ml-hooks. Leave it to the user.
    throw new InstallRefused(msg.sharedHooksPath(loc.hooksPath));
  }
  if (loc.hooksPath !== undefined && !canBeFolder(loc.hooksDir)) throw new InstallRefused(msg.hooksPathNotAFolder(loc.hooksPath, loc.hooksDir));
  const recorded = readInstallState(loc.stateDir);
  const moved = recorded && movedFrom(recorded, loc);
  if (moved) notes.push(msg.cloneMoved(moved.top, loc.top));
  const state: InstallState = recorded ? rebaseState(recorded, loc) : { ...emptyState(options.node), top: loc.top, commonDir: loc.commonDir };
  const rel = (path: string) => relative(loc.top, path) || '.';
  mkdirSync(loc.stateDir, { recursive: true });

  // 1. A self-contained copy of the CLI, so hooks keep working when npx's cache is cleared.
  const pkg = join(loc.stateDir, 'pkg');
  const earlierTemplate = readText(join(pkg, 'hooks', 'ml-hooks-hook'));
  if (options.packageRoot !== pkg) {
    let copied = false;
    for (const part of ['dist', 'hooks', 'templates']) copied = syncDir(join(options.packageRoot, part), join(pkg, part)) || copied;
    copied = syncFile(join(options.packageRoot, 'package.json'), join(pkg, 'package.json'), 0o644) || copied;
    if (copied) done.push(msg.copiedCli(rel(pkg)));
  }
  const runner = readFileSync(join(options.packageRoot, 'hooks', 'run'), 'utf8').replace('__NODE__', shellQuote(options.node));
  if (readText(join(loc.stateDir, 'run')) !== runner || state.node !== options.node) {
    writeFileAtomic(join(loc.stateDir, 'run'), runner);
    chmodSync(join(loc.stateDir, 'run'), 0o755);
    done.push(msg.wroteRunner(rel(join(loc.stateDir, 'run')), options.node));
  }
  state.node = options.node;

  // 2. The hooks.
  const template = readFileSync(join(options.packageRoot, 'hooks', 'ml-hooks-hook'), 'utf8');
  // A stub we can rewrite: one we wrote (any version). One edited since is the user's now. With no
  // record of what we wrote (the state folder deleted), any stub counts as ours.
  const ours = recorded || earlierTemplate !== undefined ? stubVariants(state.hooks.map((h) => h.written), [earlierTemplate, template]) : undefined;
  for (const hook of HOOKS) {
    if (loc.huskyDir) {
      const path = join(loc.huskyDir, hook);
      const before = readText(path);
      const after = addHuskyBlock(before, hook);
      if (after === undefined) continue;
      writeFileAtomic(path, after);
      if (before === undefined) chmodSync(path, 0o755);
      recordFile(state, { path, before: before ?? null, after, kind: 'husky' });
      done.push(msg.addedHuskyBlock(rel(path)));
      continue;
    }
    mkdirSync(loc.hooksDir, { recursive: true });
    installHookFile(loc.hooksDir, hook, renderStub(template, hook), ours, state, done, notes, rel);
  }
  if (!loc.huskyDir) await chainLfsHooks(loc, cwd, env, state, done, notes, rel);

  // 3. The clean filter and the diff driver (this clone's .git/config only).
  for (const [key, value] of GIT_CONFIG) {
    const r = await runGit(['config', '--local', '--get', key], { cwd, env });
    const previous = r.code === 0 ? r.stdout.toString('utf8').replace(/\n$/, '') : null;
    if (previous === value) continue;
    await git(['config', '--local', key, value], { cwd, env });
    if (!state.gitConfig.some((c) => c.key === key)) state.gitConfig.push({ key, value, previous });
    done.push(msg.setGitConfig(key, value));
  }

  // 4. .gitattributes: committed, so every clone that installs ml-hooks agrees on what is a notebook.
  const attributes = join(loc.top, '.gitattributes');
  const attrBefore = readText(attributes);
  const attrAfter = addAttributesLine(attrBefore);
  if (attrAfter !== undefined) {
    writeFileAtomic(attributes, attrAfter);
    recordFile(state, { path: attributes, before: attrBefore ?? null, after: attrAfter, kind: 'attributes' });
    done.push(msg.addedAttributes(rel(attributes)));
  }

  // 4b. `nbstripout --install` routes notebooks to its filter from .git/info/attributes, which wins
  // over .gitattributes: take those lines over (uninstall puts them back).
  const info = join(loc.commonDir, 'info', 'attributes');
  const infoBefore = readText(info);
  if (infoBefore !== undefined) {
    const { text: infoAfter, others } = takeOverInfoAttributes(infoBefore);
    if (infoAfter !== undefined) {
      writeFileAtomic(info, infoAfter);
      recordFile(state, { path: info, before: infoBefore, after: infoAfter, kind: 'info-attributes' });
      done.push(msg.tookOverNbstripout(rel(info)));
    }
    for (const line of others) notes.push(msg.infoAttributesOverride(rel(info), line));
  }

  // 5. A commented default configuration, when the repository has none.
  const pyprojectPath = join(loc.top, PYPROJECT);
  const pyproject = readText(pyprojectPath);
  const hasConfig = existsSync(join(loc.top, JSON_CONFIG)) || hasMlHooksTable(pyproject);
  if (!hasConfig) {
    if (pyproject !== undefined) {
      const after = addPyprojectTemplate(pyproject, readFileSync(join(options.packageRoot, 'templates', 'pyproject-ml-hooks.toml'), 'utf8'));
      writeFileAtomic(pyprojectPath, after);
      recordFile(state, { path: pyprojectPath, before: pyproject, after, kind: 'config' });
      done.push(msg.wroteConfig(`${PYPROJECT} [tool.ml-hooks]`));
    } else {
      const path = join(loc.top, JSON_CONFIG);
      const after = readFileSync(join(options.packageRoot, 'templates', 'ml-hooks.json'), 'utf8');
      writeFileAtomic(path, after);
      recordFile(state, { path, before: null, after, kind: 'config' });
      done.push(msg.wroteConfig(JSON_CONFIG));
    }
  }

  if (existsSync(join(loc.top, '.pre-commit-config.yaml'))) notes.push(msg.preCommitFrameworkSnippet);
  if (loc.hooksPath && !loc.huskyDir) notes.push(msg.customHooksPath(loc.hooksPath));
  writeInstallState(loc.stateDir, state);
  return { done, notes, location: loc };
}

export class InstallRefused extends Error {}

/** Whether a folder exists at `path` or could be made there: its nearest existing ancestor is a folder. */
function canBeFolder(path: string): boolean {
  for (let at = path; ; at = dirname(at)) {
    try {
      return statSync(at).isDirectory();
    } catch {
      if (dirname(at) === at) return false;
    }
  }
}

/** Puts our stub in `hook`'s place, keeping what was there as HOOK.ml-hooks-chained. */
function installHookFile(hooksDir: string, hook: HookName, stub: string, ours: Set<string> | undefined, state: InstallState, done: string[], notes: string[], rel: (p: string) => string): void {
  const slot = hookSlot(hooksDir, hook);
  const path = slot.path;
  const record = (at: string, chained: boolean) => {
    state.hooks = state.hooks.filter((h) => h.path !== at && h.path !== path);
    state.hooks.push({ path: at, chained, written: stub });
  };
  if (slot.stub !== undefined) {
    // Ours already, under its own name or as the pre-commit framework's HOOK.legacy (which it runs).
    const previous = state.hooks.find((h) => h.path === slot.stub || h.path === path);
    const current = readText(slot.stub) ?? '';
    if (current !== stub && ours && !ours.has(current)) {
      notes.push(msg.stubEditedLeft(rel(slot.stub)));
      return;
    }
    if (current !== stub) {
      writeFileAtomic(slot.stub, stub);
      chmodSync(slot.stub, 0o755);
      done.push(msg.updatedHook(hook, rel(slot.stub)));
    }
    record(slot.stub, previous?.chained ?? existsSync(path + CHAINED_SUFFIX));
    if (slot.runBy) notes.push(msg.runByOtherTool(rel(path), slot.runBy, rel(slot.stub)));
    return;
  }
  const current = readText(path);
  if (current !== undefined && readText(path + CHAINED_SUFFIX) === current) {
    // The chained hook was written over us again (e.g. `git lfs update --force`): it is already
    // kept as HOOK.ml-hooks-chained, so put our hook back in front of it.
    writeFileAtomic(path, stub);
    chmodSync(path, 0o755);
    record(path, true);
    done.push(msg.installedHook(hook, rel(path), rel(path + CHAINED_SUFFIX)));
    return;
  }
  let chained = false;
  if (current !== undefined || existsSync(path)) {
    if (existsSync(path + CHAINED_SUFFIX)) {
      notes.push(msg.cannotChain(rel(path), rel(path + CHAINED_SUFFIX)));
      return;
    }
    renameSync(path, path + CHAINED_SUFFIX);
    chained = true;
  }
  writeFileAtomic(path, stub);
  chmodSync(path, 0o755);
  record(path, chained);
  done.push(msg.installedHook(hook, rel(path), chained ? rel(path + CHAINED_SUFFIX) : undefined));
}

/** git-lfs is set up in this clone: its filter is configured and it has run here (or says so in local config). */
export async function lfsInUse(loc: RepoLocation, cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const configured = await runGit(['config', '--get', 'filter.lfs.process'], { cwd, env });
  if (configured.code !== 0) return false;
  if (existsSync(join(loc.commonDir, 'lfs'))) return true;
  return (await runGit(['config', '--local', '--get', 'lfs.repositoryformatversion'], { cwd, env })).code === 0;
}

/**
 * `git lfs install` refuses to write over our pre-push ("Hook already exists") and then writes
 * none of its hooks. When LFS is in use and nothing in our chain runs it, step our pre-push aside,
 * let `git lfs update` write its hooks, and chain its pre-push as lfs install would have found it.
 */
async function chainLfsHooks(loc: RepoLocation, cwd: string, env: NodeJS.ProcessEnv, state: InstallState, done: string[], notes: string[], rel: (p: string) => string): Promise<void> {
  const path = join(loc.hooksDir, 'pre-push');
  const chainedPath = path + CHAINED_SUFFIX;
  if (!isStub(readText(path)) || runsLfsPrePush(readText(chainedPath)) || !(await lfsInUse(loc, cwd, env))) return;
  if (existsSync(chainedPath)) {
    // Our pre-push already chains another hook (DVC's, yours): the stub runs `git lfs pre-push` itself.
    notes.push(msg.lfsRunByStub(rel(path)));
    return;
  }
  const aside = `${path}.ml-hooks-aside`;
  renameSync(path, aside);
  let update: Awaited<ReturnType<typeof runGit>>;
  try {
    update = await runGit(['lfs', 'update'], { cwd, env });
  } finally {
    if (runsLfsPrePush(readText(path))) renameSync(path, chainedPath);
    else rmSync(path, { force: true });
    renameSync(aside, path);
  }
  if (!runsLfsPrePush(readText(chainedPath))) {
    notes.push(msg.lfsUpdateFailed(update.stderr.trim() || update.stdout.toString('utf8').trim()));
    return;
  }
  const entry = state.hooks.find((h) => h.path === path);
  if (entry) entry.chained = true;
  done.push(msg.chainedLfs(rel(path), rel(chainedPath)));
  if (update.code !== 0) notes.push(msg.lfsUpdateFailed(update.stderr.trim()));
}

function recordFile(state: InstallState, edit: FileEdit): void {
  // The first record of a file keeps its original bytes: a later install only appends to it.
  const existing = state.files.find((f) => f.path === edit.path);
  if (existing) existing.after = edit.after;
  else state.files.push(edit);
}
