// `ml-hooks uninstall`: removes what install added to this clone. Files unchanged since install get
// their original bytes back; files edited since lose only our lines. Uninstall is per clone: a
// work-tree file git tracks (.gitattributes, .ml-hooks.json, pyproject.toml, .husky/*, committed
// or staged) is the team's, so it is left as it is and the report says how to remove ml-hooks
// from it for everyone; changing it here would remove ml-hooks for everyone at the next
// `git commit -a`.
import { existsSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { git, runGit } from '../git/runGit.js';
import { Repo } from '../git/repo.js';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';
import { locateRepo } from './locateRepo.js';
import { readInstallState, rebaseState, type FileEdit } from './installState.js';
import { ATTRIBUTES_LINE, HUSKY_BEGIN, HUSKY_END, hasMlHooksTable, removeAttributesLine, removeHuskyBlock } from './editTextFiles.js';
import { JSON_CONFIG, PYPROJECT } from '../settings/loadSettings.js';
import { GIT_CONFIG, InstallRefused } from './installHooks.js';
import { CHAINED_SUFFIX, HOOKS, findStubs, isPreCommitFrameworkHook, readText, stubVariants } from './hookFiles.js';
import * as msg from '../messages/install.js';
import type { MlHooksPart } from '../messages/install.js';

export interface UninstallReport {
  done: string[];
  notes: string[];
}

export async function uninstallHooks(cwd: string, env: NodeJS.ProcessEnv, options: { packageRoot?: string } = {}): Promise<UninstallReport> {
  const loc = await locateRepo(cwd, env);
  const saved = readInstallState(loc.stateDir);
  const state = saved && rebaseState(saved, loc);
  const done: string[] = [];
  const notes: string[] = [];
  const rel = (path: string) => relative(loc.top, path) || '.';

  // Hooks. First make sure none was changed after install: deleting it would lose the user's lines.
  const templateIn = (root: string | undefined) => (root === undefined ? undefined : readText(join(root, 'hooks', 'ml-hooks-hook')));
  const knownStubs = stubVariants(state?.hooks.map((h) => h.written) ?? [], [templateIn(join(loc.stateDir, 'pkg')), templateIn(options.packageRoot)]);
  const stubsOf = new Map(HOOKS.map((hook) => [hook, findStubs(loc.hooksDir, hook)] as const));
  for (const stubs of stubsOf.values()) {
    for (const stub of stubs) {
      if (knownStubs.size > 0 && !knownStubs.has(readText(stub) ?? '')) throw new InstallRefused(msg.hookChangedSinceInstall(rel(stub)));
    }
  }
  for (const hook of HOOKS) {
    const primary = join(loc.hooksDir, hook);
    const chainedPath = primary + CHAINED_SUFFIX;
    const stubs = stubsOf.get(hook) ?? [];
    for (const stub of stubs) {
      unlinkSync(stub);
      if (stub === primary) {
        if (existsSync(chainedPath)) {
          renameSync(chainedPath, primary); // a rename keeps the bytes and the mode
          done.push(msg.restoredHook(rel(primary)));
        } else {
          done.push(msg.removedHook(rel(primary)));
        }
        continue;
      }
      // Renamed by the tool now at `primary` (pre-commit keeps it as HOOK.legacy and runs it): what
      // we chained to takes our place there, so it still runs; a copy of that tool's own hook goes.
      const owner = readText(primary);
      done.push(msg.removedRenamedStub(rel(stub), isPreCommitFrameworkHook(owner) ? 'the pre-commit framework' : `${rel(primary)}`));
      if (!existsSync(chainedPath)) continue;
      const chained = readText(chainedPath);
      if (chained === owner || (isPreCommitFrameworkHook(chained) && isPreCommitFrameworkHook(owner))) {
        unlinkSync(chainedPath);
        done.push(msg.droppedStaleCopy(rel(chainedPath), rel(primary)));
      } else {
        renameSync(chainedPath, stub);
        done.push(msg.movedChainedBack(rel(chainedPath), rel(stub)));
      }
    }
    if (stubs.length === 0 && state?.hooks.some((h) => h.path === primary) && existsSync(primary)) notes.push(msg.hookNotOurs(rel(primary)));
    if (stubs.length === 0 && existsSync(chainedPath)) notes.push(msg.leftChained(rel(chainedPath)));
  }

  // Text files, newest edit first. A tracked one is the project's: left alone (see the top).
  const edits: FileEdit[] = state?.files ?? [];
  const projectFiles = projectFilesUsingMlHooks(loc);
  const candidates = [...edits.filter((e) => e.kind !== 'info-attributes').map((e) => e.path), ...projectFiles.map((f) => f.path)];
  const tracked = await trackedByGit(loc.top, env, [...new Set(candidates.map(rel))]);
  for (const edit of [...edits].reverse()) {
    const current = readText(edit.path);
    if (current === undefined) continue;
    if (edit.kind !== 'info-attributes' && tracked.has(rel(edit.path))) continue; // said below
    if (current === edit.after) {
      if (edit.before === null) unlinkSync(edit.path);
      else writeFileAtomic(edit.path, edit.before);
      done.push(edit.before === null ? msg.removedCreatedFile(rel(edit.path)) : msg.restoredFile(rel(edit.path)));
      continue;
    }
    if (edit.kind === 'info-attributes') {
      // nbstripout's lines we took out: the file changed since, so leave it, and say what to run.
      notes.push(msg.fileChangedSinceInstall(rel(edit.path)));
      continue;
    }
    const stripped = edit.kind === 'attributes' ? removeAttributesLine(current) : edit.kind === 'husky' ? removeHuskyBlock(current) : removeAppended(current, edit);
    if (stripped === current) {
      notes.push(msg.fileChangedSinceInstall(rel(edit.path)));
    } else {
      writeFileAtomic(edit.path, stripped);
      done.push(msg.removedOurLines(rel(edit.path)));
    }
  }
  // The project's files that set up ml-hooks, whoever wrote them (this install, or a teammate's
  // that was committed): each said once, with how to remove ml-hooks from it for everyone.
  for (const file of projectFiles) {
    if (tracked.has(rel(file.path))) notes.push(msg.leftTrackedFile(rel(file.path), file.part, file.husky));
    else if (!state && file.husky) {
      // No record of install (the state folder deleted): our block in an untracked husky file goes.
      writeFileAtomic(file.path, removeHuskyBlock(readText(file.path)!));
      done.push(msg.removedOurLines(rel(file.path)));
    }
  }

  // git config: our values removed, earlier values put back.
  const recorded = state?.gitConfig ?? GIT_CONFIG.map(([key, value]) => ({ key, value, previous: null }));
  for (const { key, value, previous } of recorded) {
    const r = await runGit(['config', '--local', '--get', key], { cwd, env });
    if (r.code !== 0 || r.stdout.toString('utf8').replace(/\n$/, '') !== value) continue;
    if (previous === null) await git(['config', '--local', '--unset', key], { cwd, env });
    else await git(['config', '--local', key, previous], { cwd, env });
    done.push(msg.unsetGitConfig(key));
  }
  for (const section of ['filter.ml-hooks', 'diff.ml-hooks']) {
    const r = await runGit(['config', '--local', '--get-regexp', `^${section.replace('.', '\\.')}\\.`], { cwd, env });
    if (r.code !== 0) await runGit(['config', '--local', '--remove-section', section], { cwd, env });
  }

  if (existsSync(loc.stateDir)) {
    rmSync(loc.stateDir, { recursive: true, force: true });
    done.push(msg.removedStateDir(rel(loc.stateDir)));
  }
  return { done, notes };
}

interface ProjectFile {
  path: string;
  /** What takes ml-hooks out of it (the whole file when it holds nothing else). */
  part: MlHooksPart;
  husky: boolean;
}

/** The work-tree files that set up ml-hooks now (whoever wrote them). */
function projectFilesUsingMlHooks(loc: { top: string; huskyDir: string | undefined }): ProjectFile[] {
  const files: ProjectFile[] = [];
  const found = (path: string, without: string, part: MlHooksPart, husky = false) =>
    files.push({ path, part: without.trim() === '' ? { whole: true } : part, husky });
  const attributes = join(loc.top, '.gitattributes');
  const attrText = readText(attributes);
  if (attrText !== undefined && removeAttributesLine(attrText) !== attrText) found(attributes, removeAttributesLine(attrText), { line: ATTRIBUTES_LINE });
  const json = join(loc.top, JSON_CONFIG);
  if (readText(json) !== undefined) files.push({ path: json, part: { whole: true }, husky: false });
  const pyproject = join(loc.top, PYPROJECT);
  if (hasMlHooksTable(readText(pyproject))) files.push({ path: pyproject, part: { tables: '[tool.ml-hooks]' }, husky: false });
  for (const hook of loc.huskyDir ? HOOKS : []) {
    const path = join(loc.huskyDir!, hook);
    const text = readText(path);
    if (text !== undefined && removeHuskyBlock(text) !== text) found(path, removeHuskyBlock(text), { from: HUSKY_BEGIN, to: HUSKY_END }, true);
  }
  return files;
}

/** The paths (relative to the top) that git tracks: in the index, or in HEAD (`git rm --cached` leaves them there). */
async function trackedByGit(top: string, env: NodeJS.ProcessEnv, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const repo = new Repo(top, env);
  try {
    const inIndex = await repo.trackedFiles(paths);
    const inHead = await repo.objectInfo(paths.map((p) => `HEAD:${p}`));
    return new Set(paths.filter((p, i) => inIndex.has(p) || inHead[i] !== undefined));
  } finally {
    repo.close();
  }
}

/** A config file edited since install: take out the template we appended, if it is still whole. */
function removeAppended(current: string, edit: FileEdit): string {
  if (edit.before === null) return current;
  const appended = edit.after.slice(edit.before.length);
  const at = current.lastIndexOf(appended);
  return appended && at !== -1 ? current.slice(0, at) + current.slice(at + appended.length) : current;
}
