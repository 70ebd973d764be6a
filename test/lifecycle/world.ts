// A repository with ml-hooks installed, for the lifecycle suite: real git, every command's exit
// code and the bytes of the working file, the index and HEAD. The same scenarios run with the
// output store on (outputs come back) and off (the working file gets the stripped blob, as with
// nbstripout); `restored()` is the one place that says which.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { GIT_ENV } from '../helpers/gitRepo.js';
import { makeTempDir, runCli, type CliResult } from '../helpers/cli.js';
import { install } from '../hooks/installedRepo.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';

export interface StoreMode {
  name: 'store on' | 'store off';
  store: boolean;
}
export const STORE_ON: StoreMode = { name: 'store on', store: true };
export const STORE_OFF: StoreMode = { name: 'store off', store: false };

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** A path as git's bytes (a Buffer) or text. */
export type RepoPath = string | Buffer;

const asBytes = (p: RepoPath): Buffer => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
const shown = (p: RepoPath): string => (typeof p === 'string' ? p : JSON.stringify(p.toString('latin1')));

/**
 * A notebook as Jupyter saves it: outputs, execution counts, volatile metadata, a non-ASCII
 * output. `run` marks the outputs, so two runs of the same code differ only in what strip removes.
 */
export function notebook(sources: readonly string[], run = 'run 1'): string {
  const nb = {
    cells: sources.map((source, i) => ({
      cell_type: 'code',
      execution_count: i + 1,
      id: `c${i}`,
      metadata: { scrolled: true, ExecuteTime: { end_time: `2024-01-0${1 + (i % 9)}T10:00:00` } },
      outputs: [
        { name: 'stdout', output_type: 'stream', text: [`${run}: cell ${i} ✓\n`] },
        { data: { 'text/plain': [`${run.length * (i + 1)}.5`] }, execution_count: i + 1, metadata: {}, output_type: 'execute_result' },
      ],
      source: source.split(/(?<=\n)/),
    })),
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.11.4' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

/** What ml-hooks stores for a working notebook (the default strip settings, as installed). */
export const strip = (text: string): string => stripNotebookText(text, DEFAULT_STRIP_OPTIONS);

export interface World {
  readonly mode: StoreMode;
  readonly path: string;
  /** Runs git; never throws. */
  git(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }): Run;
  /** Runs git, expects exit 0 and no `fatal:` or filter failure, returns stdout. */
  ok(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }): string;
  cli(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): CliResult;
  write(path: RepoPath, content: string | Buffer, root?: string): void;
  read(path: RepoPath, root?: string): Buffer | undefined;
  /** The blob at `rev:path` (`:` for the index), undefined when the path is not there. */
  blob(rev: string, path: RepoPath, cwd?: string): Buffer | undefined;
  /** With the store: the working notebook itself. Without: its stripped blob. */
  restored(working: string | Buffer): Buffer;
  /** Working file bytes (undefined: the file must be absent). */
  expectFile(path: RepoPath, expected: string | Buffer | undefined, root?: string): void;
  /** `rev:path` is the stripped form of `working` (HEAD, the index `:`, any revision). */
  expectStripped(rev: string, path: RepoPath, working: string | Buffer, cwd?: string): void;
  /** `git status --porcelain` prints exactly this (default: nothing, a clean tree). */
  expectStatus(expected?: string, cwd?: string): void;
  /** No lock or temporary file of git or ml-hooks left in the git directory. */
  expectNoLeftovers(): void;
  /** A bare remote this repository pushes to, and a second clone of it with ml-hooks installed. */
  remote(): { bare: string; clone: string };
  /** Another temporary folder, removed with the world. */
  tempDir(prefix?: string): string;
  cleanup(): void;
}

export const FILES = {
  nb: 'nb.ipynb',
  other: 'sub/other nb.ipynb',
  readme: 'README.md',
} as const;

export const SOURCES = {
  a: ['import numpy as np\nx = np.arange(3)', 'print(x.sum())', 'y = x * 2'],
  o: ['print("other")'],
};

/** The working notebooks the base commit was made from. */
export const BASE = {
  nb: notebook(SOURCES.a, 'base'),
  other: notebook(SOURCES.o, 'other base'),
};

const TEMPLATE_STORE = '"output-store": { "enabled": true, "max-size": "1GB" }';

export interface WorldOptions {
  autocrlf?: boolean;
  storeMaxSize?: string;
}

/** Finished base repositories by mode and options: each world starts as a copy of one. */
const templates = new Map<string, { path: string; cleanup: () => void }>();

/**
 * The base repository: ml-hooks installed, the store on or off in the committed configuration,
 * one commit on main of two notebooks with outputs (working files keep them) and a README.
 * Made once per mode and options, then copied (a moved clone keeps working: the hooks and the
 * filter find their runner through git).
 */
export function makeWorld(mode: StoreMode, options: WorldOptions = {}): World {
  const key = JSON.stringify([mode.store, options]);
  let template = templates.get(key);
  if (!template) {
    template = makeTempDir('ml-hooks-world-');
    buildBase(worldAt(template.path, mode, () => {}), options);
    templates.set(key, template);
  }
  const copy = makeTempDir('ml-hooks-repo-');
  cpSync(template.path, copy.path, { recursive: true, preserveTimestamps: true });
  const world = worldAt(copy.path, mode, copy.cleanup);
  // New inodes: git's index no longer vouches for the files until it has looked at them again.
  world.ok(['update-index', '-q', '--refresh']);
  return world;
}

/** Removes the base repositories (afterAll of each test file that makes worlds). */
export function removeWorldTemplates(): void {
  for (const t of templates.values()) t.cleanup();
  templates.clear();
}

function buildBase(world: World, options: WorldOptions): void {
  world.ok(['init', '-q', '-b', 'main', '.']);
  for (const [k, v] of [['user.name', 'Test'], ['user.email', 'test@example.com'], ['commit.gpgSign', 'false']] as const) world.ok(['config', k, v]);
  if (options.autocrlf) world.ok(['config', 'core.autocrlf', 'true']);
  install(world.path);
  const config = readFileSync(join(world.path, '.ml-hooks.json'), 'utf8');
  if (!config.includes(TEMPLATE_STORE)) throw new Error('the configuration template changed: update the lifecycle world');
  const store = `"output-store": { "enabled": ${world.mode.store}, "max-size": "${options.storeMaxSize ?? '1GB'}" }`;
  world.write('.ml-hooks.json', config.replace(TEMPLATE_STORE, store));
  const eol = (text: string) => (options.autocrlf ? text.replace(/\n/g, '\r\n') : text);
  world.write(FILES.nb, eol(BASE.nb));
  world.write(FILES.other, eol(BASE.other));
  world.write(FILES.readme, 'readme\n');
  world.ok(['add', '-A']);
  world.ok(['commit', '-q', '-m', 'base']);
}

function worldAt(root: string, mode: StoreMode, cleanup: () => void): World {
  const repo = { path: root, cleanup };
  const extra: (() => void)[] = [];
  const env = { ...process.env, ...GIT_ENV, NO_COLOR: '1' };
  const gitRun = (args: readonly string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Run => {
    const r = spawnSync('git', args, { cwd: o.cwd ?? repo.path, env: { ...env, ...o.env }, input: o.input ?? '', maxBuffer: 1 << 30 });
    return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), stdoutBytes: r.stdout };
  };
  const absolute = (path: RepoPath, root = repo.path): Buffer => Buffer.concat([Buffer.from(`${root}/`), asBytes(path)]);
  const world: World = {
    mode,
    path: repo.path,
    git: gitRun,
    ok(args, o) {
      const r = gitRun(args, o);
      const where = `git ${args.join(' ')} (${mode.name})`;
      expect({ where, status: r.status, stderr: r.stderr }).toEqual({ where, status: 0, stderr: expect.not.stringMatching(/fatal:|filter .* failed|error:/) });
      return r.stdout;
    },
    cli: (args, o = {}) => runCli([...args], { cwd: o.cwd ?? repo.path, env: { ...GIT_ENV, ...o.env } }),
    write(path, content, root) {
      const target = absolute(path, root);
      mkdirSync(target.subarray(0, target.lastIndexOf('/')), { recursive: true });
      writeFileSync(target, content);
    },
    read(path, root) {
      const target = absolute(path, root);
      return existsSync(target) ? readFileSync(target) : undefined;
    },
    blob(rev, path, cwd) {
      const listing = rev === ':' ? gitRun(['ls-files', '-s', '-z'], { cwd }) : gitRun(['ls-tree', '-r', '-z', '--full-tree', rev], { cwd });
      expect(listing.status).toBe(0);
      const want = asBytes(path);
      for (const record of splitRecords(listing.stdoutBytes)) {
        const tab = record.indexOf(0x09);
        if (!record.subarray(tab + 1).equals(want)) continue;
        const oid = /[0-9a-f]{40}/.exec(record.subarray(0, tab).toString('latin1'))![0];
        const r = spawnSync('git', ['cat-file', 'blob', oid], { cwd: cwd ?? repo.path, env, maxBuffer: 1 << 30 });
        return r.stdout;
      }
      return undefined;
    },
    restored: (working) => Buffer.from(mode.store ? working : strip(working.toString())),
    expectFile(path, expected, root) {
      const actual = world.read(path, root)?.toString('utf8');
      const where = `${shown(path)} in the working tree (${mode.name})`;
      expect({ where, content: actual }).toEqual({ where, content: expected === undefined ? undefined : expected.toString() });
      if (expected !== undefined) expect(world.read(path, root)!.equals(Buffer.from(expected))).toBe(true);
    },
    expectStripped(rev, path, working, cwd) {
      const where = `${rev}${rev === ':' ? '' : ':'}${shown(path)} (${mode.name})`;
      expect({ where, blob: world.blob(rev, path, cwd)?.toString('utf8') }).toEqual({ where, blob: strip(working.toString()) });
    },
    expectStatus(expected = '', cwd) {
      const r = gitRun(['status', '--porcelain'], { cwd });
      expect({ status: r.status, porcelain: r.stdout, mode: mode.name }).toEqual({ status: 0, porcelain: expected, mode: mode.name });
    },
    expectNoLeftovers() {
      const gitDir = join(repo.path, '.git');
      const left = listTree(gitDir).filter((f) => /\.lock$|\.tmp$|next-index|ml-hooks-blobs/.test(f) && !f.startsWith('ml-hooks/pkg/'));
      expect({ left, mode: mode.name }).toEqual({ left: [], mode: mode.name });
    },
    remote() {
      const bare = world.tempDir('ml-hooks-remote-');
      world.ok(['init', '-q', '--bare', '-b', 'main', bare]);
      world.ok(['remote', 'add', 'origin', bare]);
      world.ok(['push', '-q', '-u', 'origin', 'main']);
      const clone = join(world.tempDir('ml-hooks-clone-'), 'clone');
      world.ok(['clone', '-q', bare, clone]);
      for (const [k, v] of [['user.name', 'Other'], ['user.email', 'other@example.com'], ['commit.gpgSign', 'false']] as const) world.ok(['config', k, v], { cwd: clone });
      install(clone);
      return { bare, clone };
    },
    tempDir(prefix) {
      const t = makeTempDir(prefix);
      extra.push(t.cleanup);
      return t.path;
    },
    cleanup() {
      repo.cleanup();
      extra.forEach((c) => c());
    },
  };

  return world;
}

/** `git ls-files -s -z` / `ls-tree -z` records. */
function splitRecords(out: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let start = 0;
  for (let i = out.indexOf(0); i !== -1; i = out.indexOf(0, start)) {
    records.push(out.subarray(start, i));
    start = i + 1;
  }
  return records;
}

/** Every file under `dir`, relative, with `/`. */
export function listTree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** Starts git without waiting, in its own process group (so a test can signal the whole group). */
export function startGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn('git', args, { cwd, env: { ...process.env, ...GIT_ENV, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    stderr: () => stderr,
    /** Resolves once stderr matches (the hook's ML_HOOKS_DEBUG trace tells where it is). */
    async waitFor(pattern: RegExp, timeoutMs = 30000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(stderr)) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} in: ${stderr}`);
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`git ended before ${pattern}: ${stderr}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** Waits until every process of a group has ended (the hook may outlive a killed git). */
export async function waitForGroup(pgid: number, timeoutMs = 30000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    if (Date.now() > until) throw new Error(`process group ${pgid} still running`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
