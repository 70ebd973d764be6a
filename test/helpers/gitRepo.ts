// Temporary git repositories for integration tests, configured so that nothing on the machine
// (global config, templates, signing) changes what the test sees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir } from './cli.js';

export interface TestRepo {
  path: string;
  git: (...args: string[]) => string;
  write: (relative: string, content: string | Buffer) => string;
  cleanup: () => void;
}

export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function makeRepo(options: { bare?: boolean } = {}): TestRepo {
  const tmp = makeTempDir('ml-hooks-repo-');
  const run = (...args: string[]): string => {
    const r = spawnSync('git', args, { cwd: tmp.path, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  run('init', '-q', ...(options.bare ? ['--bare'] : []), '-b', 'main', '.');
  run('config', 'user.name', 'Test');
  run('config', 'user.email', 'test@example.com');
  run('config', 'commit.gpgSign', 'false');
  return {
    path: tmp.path,
    git: run,
    write: (relative, content) => {
      const path = join(tmp.path, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    cleanup: tmp.cleanup,
  };
}

export interface GitRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for what a user would see. */
  out: string;
}

/** git run to completion without throwing (for commands that must fail); killed after 60 s, so a hang fails the test. */
export function runGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): GitRun {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 60000, killSignal: 'SIGKILL' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}
