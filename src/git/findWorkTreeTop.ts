// The top of the work tree around `cwd`, found without starting git where that is safe: the
// nearest folder holding `.git` (a folder, or a file in worktrees and submodules). Commands that
// run on every commit save a process this way. When the environment redirects git
// (GIT_DIR, GIT_WORK_TREE, GIT_CEILING_DIRECTORIES), git itself is asked.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gitSync } from './runGit.js';

export function findWorkTreeTop(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_CEILING_DIRECTORIES) {
    const r = gitSync(['rev-parse', '--show-toplevel'], { cwd, env });
    return r.code === 0 ? r.stdout.toString('utf8').trim() || undefined : undefined;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
