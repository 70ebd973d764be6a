// A temporary repository with ml-hooks installed from this checkout's build.
import { spawnSync } from 'node:child_process';
import { makeRepo, GIT_ENV, type TestRepo } from '../helpers/gitRepo.js';
import { CLI, runCli } from '../helpers/cli.js';

export { notebookWithOutputs } from './notebookFixture.js';

/** The environment hooks see from a GUI client: no node on a custom PATH, nothing else. */
export const MINIMAL_ENV = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...GIT_ENV };

export function install(cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = runCli(['install'], { cwd, env });
  if (r.status !== 0) throw new Error(`ml-hooks install failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function installedRepo(): TestRepo {
  const repo = makeRepo();
  install(repo.path);
  return repo;
}

/** Runs git and returns status and output without throwing (for commits that must fail). */
export function tryGit(cwd: string, args: string[], env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV }): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What `ml-hooks strip` makes of a notebook text (the reference every stored blob must equal). */
export function stripped(text: string): string {
  const r = runCli(['strip'], { input: text });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

export { CLI };
