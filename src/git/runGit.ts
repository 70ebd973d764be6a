// The one door to git: every git process ml-hooks starts goes through here.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

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
    const child = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 128, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
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

/** Synchronous variant for the rare places that cannot be async (signal handlers). */
export function gitSync(args: readonly string[], options: GitOptions): GitResult {
  const r = spawnSync('git', args, { cwd: options.cwd, env: options.env ?? process.env, input: options.input ?? '' });
  return { code: r.status ?? 128, stdout: r.stdout ?? Buffer.alloc(0), stderr: (r.stderr ?? Buffer.alloc(0)).toString('utf8') };
}

/** Starts a long-lived git process (for `cat-file --batch` and friends). */
export function spawnGit(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
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
  return spawn('/bin/sh', ['-c', script], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Splits NUL-terminated `-z` output, dropping the empty string after the last NUL. */
export function splitZ(output: string): string[] {
  const parts = output.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
