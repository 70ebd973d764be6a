// The co-tool suite's helpers: a hermetic environment (its own HOME, so no global git config,
// git-lfs setup or pre-commit cache of this machine leaks in), the npm tools installed once per
// run into a cache outside the project (test/cotools/fetchTools.mjs, which .ci/run pre-fetches),
// and the byte snapshot every scenario compares before and after a command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/cli.js';

export { notebookWithOutputs } from '../hooks/notebookFixture.js';

export interface Sandbox {
  env: NodeJS.ProcessEnv;
  home: string;
  cleanups: (() => void)[];
  repo: (options?: { bare?: boolean }) => TestRepo;
  cleanup: () => void;
}

export function sandbox(): Sandbox {
  const cleanups: (() => void)[] = [];
  const home = makeTempDir('ml-hooks-cotools-home-');
  cleanups.push(home.cleanup);
  mkdirSync(join(home.path, '.config'), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...GIT_ENV,
    HOME: home.path,
    XDG_CONFIG_HOME: join(home.path, '.config'),
    PRE_COMMIT_HOME: join(home.path, 'pre-commit'),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: '1', // lint-staged and pre-commit print plain lines
  };
  delete env.GIT_INDEX_FILE;
  delete env.GIT_DIR;
  return {
    env,
    home: home.path,
    cleanups,
    repo: (options) => {
      const r = makeRepo(options);
      cleanups.push(r.cleanup);
      return r;
    },
    cleanup: () => cleanups.splice(0).reverse().forEach((c) => c()),
  };
}

export interface Run {
  status: number;
  out: string;
}

/** Runs a command and returns its exit code and everything it printed. */
export function run(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Run {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export const git = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Run => run(cwd, 'git', args, env);

/** Like git(), for set-up steps that must work. */
export function gitOk(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function mlHooks(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Run {
  const r = runCli(args, { cwd, env });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** What `ml-hooks strip` makes of a notebook text. */
export function stripped(text: string): string {
  const r = runCli(['strip'], { input: text });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/**
 * The user's state as bytes: the named working files, the whole index (modes, blob ids, stages)
 * and HEAD. Equal snapshots mean nothing was lost or changed.
 */
export function snapshot(cwd: string, env: NodeJS.ProcessEnv, files: string[]): { files: Record<string, string | null>; index: string; head: string } {
  const out: Record<string, string | null> = {};
  for (const f of files) out[f] = existsSync(join(cwd, f)) ? readFileSync(join(cwd, f)).toString('base64') : null;
  const head = spawnSync('git', ['rev-parse', '-q', '--verify', 'HEAD'], { cwd, env, encoding: 'utf8' }).stdout.trim();
  return { files: out, index: gitOk(cwd, env, 'ls-files', '-s', '-z'), head };
}

export const readBytes = (cwd: string, path: string): string => readFileSync(join(cwd, path), 'utf8');

let toolsDir: string | undefined;
/** The folder whose node_modules holds husky, lint-staged and an old node (installed once, reused). */
export function npmTools(): string {
  if (toolsDir) return toolsDir;
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'test', 'cotools', 'fetchTools.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot install the co-tools from npm: ${r.stderr}`);
  toolsDir = r.stdout.trim();
  return toolsDir;
}

export const hasCommand = (cmd: string, args: string[] = ['--version']): boolean => spawnSync(cmd, args).status === 0;

/** Every file of a git hooks folder but git's samples, with its mode and bytes. */
export function hooksDir(cwd: string): Record<string, string> {
  const dir = join(cwd, '.git', 'hooks');
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => !n.endsWith('.sample'))) out[name] = `${(statSync(join(dir, name)).mode & 0o777).toString(8)} ${readFileSync(join(dir, name), 'base64')}`;
  return out;
}
