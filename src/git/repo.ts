// The one door to git for everything but process plumbing (runGit.ts): a repository and the
// named questions ml-hooks asks it. Each git output format has one parser, beside its query,
// with a sample of the raw output. Paths are decoded losslessly (gitPath.ts) and every path
// given back to git goes through encodeGitPath, so no file name can break a query.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { git, gitSync, GitError, runGit } from './runGit.js';
import { CatFileBatch } from './catFileBatch.js';
import { parseDiffRaw, type StagedEntry } from './parseDiffRaw.js';
import { encodeGitPath, splitZ } from '../fs/bytePaths.js';
import { findWorkTreeTop } from './findWorkTreeTop.js';
import { looseBlobSize, objectsDirOf } from './looseObjects.js';
import { holdSignals } from '../fs/holdSignals.js';

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface ObjectInfo {
  oid: string;
  type: string;
  size: number;
}

/**
 * A pathspec for exactly this path from the top, whatever it holds: `:(top,literal)path`. A
 * command-line argument cannot carry bytes that are not UTF-8 (node encodes it as UTF-8), so such
 * a path becomes a glob with `?` (one byte) in their place, `:(top,glob)lat?.ipynb`, which may
 * match a few more paths: callers keep only the paths they asked for.
 */
export function literalPathspec(path: string): string {
  if (!/[\udc80-\udcff]/.test(path)) return `:(top,literal)${path}`;
  return `:(top,glob)${path.replace(/[*?[\]\\]/g, '\\$&').replace(/[\udc80-\udcff]/g, '?')}`;
}

export class Repo {
  private batch: CatFileBatch | undefined;
  private dirs: { gitDir: string; commonDir: string } | undefined;

  constructor(
    /** The top of the work tree; git runs there. */
    readonly root: string,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The repository whose work tree holds `cwd`, found without starting git where possible. */
  static at(cwd: string, env: NodeJS.ProcessEnv = process.env): Repo | undefined {
    const root = findWorkTreeTop(cwd, env);
    return root === undefined ? undefined : new Repo(root, env);
  }

  private get opts() {
    return { cwd: this.root, env: this.env };
  }

  /** Runs a git command in the repository and returns stdout (throws GitError on failure). */
  run(args: readonly string[], input?: string | Buffer): Promise<string> {
    return git(args, { ...this.opts, ...(input === undefined ? {} : { input }) });
  }

  /**
   * `--absolute-git-dir` and `--git-common-dir` (they differ in a linked worktree), one call.
   * Output: "/repo/.git/worktrees/w\n/repo/.git\n" (the common dir may be relative to the root).
   */
  gitDirs(): { gitDir: string; commonDir: string } {
    if (!this.dirs) {
      const r = gitSync(['rev-parse', '--absolute-git-dir', '--git-common-dir'], this.opts);
      if (r.code !== 0) throw new GitError(['rev-parse', '--absolute-git-dir', '--git-common-dir'], r.code, r.stderr);
      const [gitDir, common] = r.stdout.toString('utf8').split('\n') as [string, string];
      this.dirs = { gitDir, commonDir: isAbsolute(common) ? common : resolve(this.root, common) };
    }
    return this.dirs;
  }

  /**
   * What git is in the middle of, waiting for the user to resolve conflicts: it keeps MERGE_HEAD
   * (a merge), CHERRY_PICK_HEAD, REVERT_HEAD, or rebase-merge/ or rebase-apply/ (a rebase, or
   * `git am`) in the git directory until the operation ends. Undefined when none is.
   */
  operationInProgress(): 'merge' | 'cherry-pick' | 'revert' | 'rebase' | undefined {
    const { gitDir } = this.gitDirs();
    const there = (name: string) => existsSync(join(gitDir, name));
    if (there('MERGE_HEAD')) return 'merge';
    if (there('CHERRY_PICK_HEAD')) return 'cherry-pick';
    if (there('REVERT_HEAD')) return 'revert';
    if (there('rebase-merge') || there('rebase-apply')) return 'rebase';
    return undefined;
  }

  /** The per-clone folder of ml-hooks: `<git-common-dir>/ml-hooks` (runner, CLI copy, output store). */
  stateDir(): string {
    return join(this.gitDirs().commonDir, 'ml-hooks');
  }

  /**
   * What the index holds that differs from HEAD (the empty tree before the first commit), with
   * renames: see parseDiffRaw for the format. Synchronous: it is the first thing every commit runs.
   */
  stagedChanges(): StagedEntry[] {
    const args = ['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', '--'];
    const r = gitSync(args, this.opts);
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    return parseDiffRaw(r.stdout);
  }

  /** One `git cat-file --batch` for the life of this object (closed by close()). */
  objects(): CatFileBatch {
    return (this.batch ??= new CatFileBatch(this.root, this.env));
  }

  /** Blob contents by name (`:path`, `HEAD:path`, oid), undefined when absent. */
  readBlobs(names: readonly string[]): Promise<Map<string, Buffer | undefined>> {
    return this.objects().readBlobs(names);
  }

  /**
   * Sizes of blobs by oid, one synchronous `git cat-file --batch-check` (every commit runs it).
   * Output lines: `<size>`, or `<oid> missing` (undefined here).
   */
  blobSizes(oids: readonly string[]): (number | undefined)[] {
    if (oids.length === 0) return [];
    // Just-staged blobs are loose objects: their headers are read without starting git.
    const objects = objectsDirOf(this.root, this.env);
    const sizes = oids.map((oid) => (objects === undefined ? undefined : looseBlobSize(objects, oid)));
    const ask = oids.filter((_, i) => sizes[i] === undefined);
    if (ask.length === 0) return sizes;
    const args = ['cat-file', '--batch-check=%(objectsize)', '--buffer'];
    const r = gitSync(args, { ...this.opts, input: ask.map((o) => `${o}\n`).join('') });
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    const lines = r.stdout.toString('utf8').split('\n');
    let next = 0;
    return sizes.map((size) => {
      if (size !== undefined) return size;
      const line = lines[next++] ?? '';
      return /^\d+$/.test(line) ? Number(line) : undefined;
    });
  }

  /**
   * Type and size of objects by any name, one `git cat-file --batch-check`.
   * Output lines: `<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous`.
   */
  async objectInfo(names: readonly string[]): Promise<(ObjectInfo | undefined)[]> {
    const usable = names.map((n) => (n.includes('\n') ? '' : n));
    if (usable.length === 0) return [];
    const args = ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--buffer'];
    const input = Buffer.concat(usable.map((n) => Buffer.concat([encodeGitPath(n), Buffer.from('\n')])));
    const r = await runGit(args, { ...this.opts, input });
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    const lines = r.stdout.toString('utf8').split('\n');
    return usable.map((name, i) => {
      const m = name === '' ? null : /^([0-9a-f]+) (\w+) (\d+)$/.exec(lines[i] ?? '');
      return m ? { oid: m[1]!, type: m[2]!, size: Number(m[3]) } : undefined;
    });
  }

  /**
   * The commit a revision names, or undefined when this clone does not have it (a shallow CI
   * checkout, a force-pushed-away commit). `git rev-parse --verify -q REV^{commit}` prints the id.
   */
  async resolveCommit(rev: string): Promise<string | undefined> {
    const r = await runGit(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], this.opts);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /**
   * The branch checked out (`refs/heads/main`), or undefined on a detached HEAD.
   * `git symbolic-ref -q HEAD` prints the ref, and exits 1 when HEAD is detached.
   */
  async checkedOutBranch(): Promise<string | undefined> {
    const r = await runGit(['symbolic-ref', '-q', 'HEAD'], this.opts);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** Does the repository have a commit yet? */
  hasHead(): boolean {
    return gitSync(['rev-parse', '--verify', '-q', 'HEAD'], this.opts).code === 0;
  }

  /**
   * Stores blobs and returns their ids in order, with one git process: the contents go to
   * temporary files that `git hash-object -w --no-filters --stdin-paths` reads (signals are held
   * meanwhile, so an interrupted hook still removes them).
   */
  async hashObjects(contents: readonly (Buffer | string)[]): Promise<string[]> {
    if (contents.length === 0) return [];
    if (contents.length === 1) return [(await git(['hash-object', '-w', '--no-filters', '--stdin'], { ...this.opts, input: contents[0]! })).trim()];
    return holdSignals(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ml-hooks-blobs-'));
      try {
        const paths = contents.map((content, i) => {
          const path = join(dir, String(i));
          writeFileSync(path, content);
          return path;
        });
        const out = await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { ...this.opts, input: paths.join('\n') + '\n' });
        const oids = out.split('\n').filter((l) => l !== '');
        if (oids.length !== contents.length) throw new Error(`git hash-object returned ${oids.length} ids for ${contents.length} blobs`);
        return oids;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  /**
   * Index entries (stage 0) of `paths`: mode and blob id. `git ls-files -s -z` record:
   * "100644 3b18e512dba79e4c8300dd08aeb37f8e728b8dad 0\tnb.ipynb\0".
   */
  async indexEntries(paths: readonly string[]): Promise<Map<string, { mode: string; oid: string }>> {
    const out = new Map<string, { mode: string; oid: string }>();
    if (paths.length === 0) return out;
    const r = await runGit(['ls-files', '-s', '-z', '--', ...paths.map(literalPathspec)], this.opts);
    if (r.code !== 0) throw new GitError(['ls-files', '-s'], r.code, r.stderr);
    const wanted = new Set(paths);
    for (const record of splitZ(r.stdout)) {
      const tab = record.indexOf('\t');
      const [mode, oid, stage] = record.slice(0, tab).split(' ');
      if (stage === '0' && mode && oid && wanted.has(record.slice(tab + 1))) out.set(record.slice(tab + 1), { mode, oid });
    }
    return out;
  }

  /**
   * The blob ids git would store for working-tree files, after its own conversion (core.autocrlf,
   * eol and text attributes, filters): `git hash-object --stdin-paths` writes nothing and prints
   * one id per path, "53c3a6819c3adc8d1630cddca6d27f597c9cdc01\n". A path with a newline cannot be
   * given this way (undefined).
   */
  async cleanedBlobIds(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const usable = paths.filter((p) => !p.includes('\n'));
    if (usable.length === 0) return out;
    const input = Buffer.concat(usable.map((p) => Buffer.concat([encodeGitPath(p), Buffer.from('\n')])));
    const r = await runGit(['hash-object', '--stdin-paths'], { ...this.opts, input });
    if (r.code !== 0) return out;
    const ids = r.stdout.toString('utf8').split('\n');
    usable.forEach((p, i) => {
      if (/^[0-9a-f]{40,64}$/.test(ids[i] ?? '')) out.set(p, ids[i]!);
    });
    return out;
  }

  /**
   * A blob as git would check it out at `path` (its own conversion: CRLF line endings under
   * core.autocrlf, smudge filters): `git cat-file --filters --path=PATH OID`. Undefined when git
   * cannot say (a path an argument cannot carry).
   */
  async checkoutForm(oid: string, path: string): Promise<Buffer | undefined> {
    if (/[\n\udc80-\udcff]/.test(path)) return undefined;
    const r = await runGit(['cat-file', '--filters', `--path=${path}`, oid], this.opts);
    return r.code === 0 ? r.stdout : undefined;
  }

  /** The modes of index entries (see indexEntries). */
  async indexModes(paths: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.indexEntries(paths))].map(([path, e]) => [path, e.mode]));
  }

  /**
   * Files of the work tree that git tracks or would track (untracked but not ignored), relative
   * to the root: `git ls-files -z` prints `path\0path\0…` unquoted.
   */
  async workingTreeFiles(pathspecs: readonly string[] = []): Promise<string[]> {
    const r = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--', ...pathspecs], this.opts);
    if (r.code !== 0) throw new GitError(['ls-files'], r.code, r.stderr);
    return splitZ(r.stdout);
  }

  /** Tracked files among `paths` (`git ls-files -z`). */
  async trackedFiles(paths: readonly string[]): Promise<Set<string>> {
    if (paths.length === 0) return new Set();
    const r = await runGit(['ls-files', '-z', '--', ...paths.map(literalPathspec)], this.opts);
    return new Set(r.code === 0 ? splitZ(r.stdout).filter((p) => paths.includes(p)) : []);
  }

  /** Paths among `paths` whose working file differs from the index (through the clean filter). */
  async changedInWorkTree(paths: readonly string[]): Promise<Set<string>> {
    if (paths.length === 0) return new Set();
    const r = await runGit(['diff', '--name-only', '-z', '--', ...paths.map(literalPathspec)], this.opts);
    return new Set(r.code === 0 ? splitZ(r.stdout).filter((p) => paths.includes(p)) : []);
  }

  /**
   * One attribute of many paths. `git check-attr -z --stdin ATTR` (paths on stdin) prints
   * "path\0attr\0value\0" per path ("unspecified" when unset).
   */
  async attribute(attr: string, paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (paths.length === 0) return out;
    // The paths on stdin (-z --stdin), as bytes: an argument could not carry every path.
    const input = Buffer.concat(paths.map((p) => Buffer.concat([encodeGitPath(p), Buffer.from([0])])));
    const r = await runGit(['check-attr', '-z', '--stdin', attr], { ...this.opts, input });
    if (r.code !== 0) return out;
    const fields = splitZ(r.stdout);
    for (let i = 0; i + 2 < fields.length; i += 3) out.set(fields[i]!, fields[i + 2]!);
    return out;
  }

  /**
   * git's conflict-marker-size of each path that sets it to a length (`attribute` above:
   * "nb.py\0conflict-marker-size\012\0"); paths that leave it unset, or set it to no positive
   * number, are left out: git uses 7 for them.
   */
  async conflictMarkerSizes(paths: readonly string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    for (const [path, value] of await this.attribute('conflict-marker-size', paths)) {
      if (/^[0-9]+$/.test(value) && Number(value) > 0) sizes.set(path, Number(value));
    }
    return sizes;
  }

  /**
   * This clone's remote-tracking refs of `remote` (what the last fetch or push saw, possibly
   * stale). `git for-each-ref --format='%(refname)%00%(objectname)%00%(symref)' refs/remotes/origin/`:
   * "refs/remotes/origin/HEAD\0<sha>\0refs/remotes/origin/main\n", "refs/remotes/origin/main\0<sha>\0\n".
   */
  async remoteTrackingRefs(remote: string): Promise<{ refs: Map<string, string>; head: string | undefined }> {
    const r = await runGit(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)', `refs/remotes/${remote}/`], this.opts);
    const refs = new Map<string, string>();
    let head: string | undefined;
    if (r.code !== 0) return { refs, head };
    for (const line of r.stdout.toString('utf8').split('\n')) {
      const [name, sha, symref] = line.split('\0');
      if (!name || !sha) continue;
      if (name === `refs/remotes/${remote}/HEAD`) head = symref || undefined;
      else refs.set(name, sha);
    }
    return { refs, head };
  }

  /**
   * Every ref the remote has now, by asking it (`git ls-remote`, never prompting for a password):
   * "<sha>\t<refname>\n" per ref. Throws GitError when the remote cannot be reached.
   */
  async remoteRefs(remote: string): Promise<Map<string, string>> {
    const args = ['ls-remote', '--', remote];
    const r = await runGit(args, { cwd: this.root, env: { ...this.env, GIT_TERMINAL_PROMPT: '0' } });
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    const refs = new Map<string, string>();
    for (const line of r.stdout.toString('utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) refs.set(line.slice(tab + 1), line.slice(0, tab));
    }
    return refs;
  }

  /**
   * Which of `commits` are reachable from `from`: shas (on stdin, any number) or rev-list options
   * such as `--remotes=origin`. One `git rev-list COMMITS --not …`: it lists every commit the
   * others do not reach, so a commit missing from its output is reachable.
   */
  async reachableFrom(commits: readonly string[], from: { shas?: readonly string[]; options?: readonly string[] }): Promise<Set<string>> {
    const shas = from.shas ?? [];
    const options = from.options ?? [];
    if (commits.length === 0 || (shas.length === 0 && options.length === 0)) return new Set();
    // Everything on stdin, as lines: "COMMIT", "^sha" (a --not on the command line would not
    // reach them), then the options on the command line after --not.
    const args = ['rev-list', '--stdin', ...(options.length > 0 ? ['--not', ...options] : [])];
    const input = [...commits, ...shas.map((sha) => `^${sha}`)].map((line) => `${line}\n`).join('');
    const r = await runGit(args, { ...this.opts, input });
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    const unreached = new Set(r.stdout.toString('utf8').split('\n'));
    return new Set(commits.filter((c) => !unreached.has(c)));
  }

  /** A commit's author date as git keeps it, "1796149106 +0000" (`git log -1 --format=%ad --date=raw`). */
  async authorDate(rev: string): Promise<string | undefined> {
    const r = await runGit(['log', '-1', '--format=%ad', '--date=raw', rev, '--'], this.opts);
    return r.code === 0 ? r.stdout.toString('utf8').trim() || undefined : undefined;
  }

  /** A git config value (any scope), undefined when unset. */
  async configValue(key: string): Promise<string | undefined> {
    const r = await runGit(['config', '--get', key], this.opts);
    return r.code === 0 ? r.stdout.toString('utf8').replace(/\n$/, '') : undefined;
  }

  /** Whether git knows this rev-list range (`origin/main..HEAD`); git's complaint otherwise. */
  async checkRange(range: string): Promise<string | undefined> {
    const r = await runGit(['rev-list', '--max-count=1', range, '--'], this.opts);
    return r.code === 0 ? undefined : r.stderr;
  }

  /** `git config --get-colorbool KEY`: whether git would colour this output (`tty`: stdout is a terminal). */
  async colorBool(key: string, tty: boolean): Promise<boolean> {
    const r = await runGit(['config', '--get-colorbool', key, String(tty)], this.opts);
    return r.code === 0 ? r.stdout.toString('utf8').trim() === 'true' : tty;
  }

  /**
   * git's own three-way text merge of files (`git merge-file -p`). Exit status: the number of
   * conflicts (0 when clean); negative (255 here) on an error.
   */
  async mergeFile(files: { ours: string; base: string; theirs: string }, labels: { ours: string; base: string; theirs: string }, markerSize: number): Promise<{ output?: string; conflicts: boolean; stderr: string }> {
    const args = ['merge-file', '-p', `--marker-size=${markerSize}`, '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, files.ours, files.base, files.theirs];
    const r = await runGit(args, this.opts);
    if (r.code < 0 || r.code > 127) return { conflicts: false, stderr: r.stderr };
    return { output: r.stdout.toString('utf8'), conflicts: r.code > 0, stderr: r.stderr };
  }

  /** Ends the long-lived processes. */
  close(): void {
    this.batch?.close();
    this.batch = undefined;
  }
}
