// The one door to git: every git process ml-hooks starts goes through here. The named queries
// (what is staged, object contents, the index) are in repo.ts; this file only runs processes.
// ML_HOOKS_DEBUG=1 prints every git call with its duration on stderr, as husky's HUSKY=2 does.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

const tracing = (env: NodeJS.ProcessEnv | undefined): boolean => {
  const v = (env ?? process.env).ML_HOOKS_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
};

/** Prints `ml-hooks[debug]: git <args> (<ms> ms, exit <code>)` when ML_HOOKS_DEBUG is set. */
function trace(env: NodeJS.ProcessEnv | undefined, args: readonly string[], started: number, code: number | string): void {
  if (!tracing(env)) return;
  const ms = (performance.now() - started).toFixed(1);
  const shown = args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
  process.stderr.write(`ml-hooks[debug]: git ${shown} (${ms} ms, exit ${code})\n`);
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`);
  }
}

/** Runs git to completion and returns its output; never throws for a non-zero exit. */
export function runGit(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      trace(options.env, args, started, code ?? 128);
      resolve({ code: code ?? 128, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {}); // git may exit before reading all input; its exit code tells
    child.stdin.end(options.input ?? '');
  });
}

/** Runs git and returns stdout as text; throws GitError on a non-zero exit. */
export async function git(args: readonly string[], options: GitOptions): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) throw new GitError(args, result.code, result.stderr);
  return result.stdout.toString('utf8');
}

/**
 * Synchronous variant: a short call on the hook's path (a synchronous child skips the stream set-up
 * of an async one, a few ms of every commit's start-up).
 */
export function gitSync(args: readonly string[], options: GitOptions): GitResult {
  const started = performance.now();
  const r = spawnSync('git', args, { cwd: options.cwd, env: options.env ?? process.env, input: options.input ?? '', maxBuffer: 1024 * 1024 * 1024 });
  trace(options.env, args, started, r.status ?? 128);
  return { code: r.status ?? 128, stdout: r.stdout ?? Buffer.alloc(0), stderr: (r.stderr ?? Buffer.alloc(0)).toString('utf8') };
}

/** Starts a long-lived git process (for `cat-file --batch` and friends). */
export function spawnGit(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcessWithoutNullStreams {
  const started = performance.now();
  const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.on('close', (code) => trace(options.env, args, started, code ?? 128));
  return child;
}

const shArg = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/** The marker a pipeline's producer leaves on stderr when it fails (sh has no pipefail). */
export const PIPELINE_FAILED = 'ml-hooks: git producer failed, exit ';

/**
 * Starts `git PRODUCER | git CONSUMER` joined by a kernel pipe (through /bin/sh; a pipe node makes
 * is a socket, measurably slower for megabytes of object names). Read the consumer's output on
 * stdout; a failing producer writes PIPELINE_FAILED and its exit code to stderr.
 */
export function spawnGitPipeline(producer: readonly string[], consumer: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcessWithoutNullStreams {
  const script = `{ git ${producer.map(shArg).join(' ')} || echo "${PIPELINE_FAILED}$?" >&2; } | exec git ${consumer.map(shArg).join(' ')}`;
  const started = performance.now();
  const child = spawn('/bin/sh', ['-c', script], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.on('close', (code) => trace(options.env, [...producer, '|', 'git', ...consumer], started, code ?? 128));
  return child;
}

/** Splits NUL-terminated `-z` output, dropping the empty string after the last NUL. */
export function splitZ(output: string): string[] {
  const parts = output.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
