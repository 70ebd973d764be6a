// `ml-hooks uninstall`: removes exactly what install added. Files unchanged since install get
// their original bytes back; files edited since lose only our lines.
import { existsSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { git, runGit } from '../git/runGit.js';
import { writeFileAtomic } from '../fs/writeFileAtomic.js';
import { locateRepo } from './locateRepo.js';
import { readInstallState, type FileEdit } from './installState.js';
import { removeAttributesLine, removeHuskyBlock, STUB_MARKER } from './editTextFiles.js';
import { CHAINED_SUFFIX, GIT_CONFIG, HOOKS } from './installHooks.js';
import * as msg from '../messages/install.js';

export interface UninstallReport {
  done: string[];
  notes: string[];
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export async function uninstallHooks(cwd: string, env: NodeJS.ProcessEnv): Promise<UninstallReport> {
  const loc = await locateRepo(cwd, env);
  const state = readInstallState(loc.stateDir);
  const done: string[] = [];
  const notes: string[] = [];
  const rel = (path: string) => relative(loc.top, path) || '.';

  // Hooks: ours removed, chained ones renamed back (a rename keeps their bytes and mode).
  const stubs = state?.hooks ?? HOOKS.map((hook) => ({ path: join(loc.hooksDir, hook), chained: existsSync(join(loc.hooksDir, hook) + CHAINED_SUFFIX) }));
  for (const { path, chained } of stubs) {
    const current = readText(path);
    if (current !== undefined && !current.includes(STUB_MARKER)) {
      notes.push(msg.hookNotOurs(rel(path)));
      continue;
    }
    if (current !== undefined) unlinkSync(path);
    if (chained && existsSync(path + CHAINED_SUFFIX)) {
      renameSync(path + CHAINED_SUFFIX, path);
      done.push(msg.restoredHook(rel(path)));
    } else if (current !== undefined) {
      done.push(msg.removedHook(rel(path)));
    }
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
