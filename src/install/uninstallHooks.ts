// `ml-hooks uninstall`: removes exactly what install added. Files unchanged since install get
// their original bytes back; files edited since lose only our lines.
import { existsSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { git, runGit } from '../git/runGit.js';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';
import { locateRepo } from './locateRepo.js';
import { readInstallState, rebaseState, type FileEdit } from './installState.js';
import { removeAttributesLine, removeHuskyBlock } from './editTextFiles.js';
import { GIT_CONFIG, InstallRefused } from './installHooks.js';
import { CHAINED_SUFFIX, HOOKS, findStubs, isPreCommitFrameworkHook, readText, stubVariants } from './hookFiles.js';
import * as msg from '../messages/install.js';

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

  // Text files, newest edit first.
  const edits: FileEdit[] = state?.files ?? [];
  for (const edit of [...edits].reverse()) {
    const current = readText(edit.path);
    if (current === undefined) continue;
    if (current === edit.after) {
      if (edit.before === null) unlinkSync(edit.path);
      else writeFileAtomic(edit.path, edit.before);
      done.push(msg.restoredFile(rel(edit.path)));
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
  if (!state && loc.huskyDir) {
    for (const hook of HOOKS) {
      const path = join(loc.huskyDir, hook);
      const current = readText(path);
      if (current !== undefined && removeHuskyBlock(current) !== current) {
        writeFileAtomic(path, removeHuskyBlock(current));
        done.push(msg.removedOurLines(rel(path)));
      }
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

/** A config file edited since install: take out the template we appended, if it is still whole. */
function removeAppended(current: string, edit: FileEdit): string {
  if (edit.before === null) return current;
  const appended = edit.after.slice(edit.before.length);
  const at = current.lastIndexOf(appended);
  return appended && at !== -1 ? current.slice(0, at) + current.slice(at + appended.length) : current;
}
