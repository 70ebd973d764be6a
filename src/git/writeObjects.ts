// Writing blobs and index entries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, runGit, GitError } from './runGit.js';
import { holdSignals } from '../fs/holdSignals.js';

/** `git hash-object -w --stdin`: stores a blob and returns its oid (stdin implies no filters). */
export async function hashObject(content: Buffer | string, cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return (await git(['hash-object', '-w', '--stdin'], { cwd, input: content, env })).trim();
}

export interface IndexInfoEntry {
  mode: string;
  oid: string;
  path: string;
}

/** The `-z` input of `git update-index -z --index-info`: "<mode> SP <oid> TAB <path> NUL" per entry. */
export function formatIndexInfo(entries: readonly IndexInfoEntry[]): string {
  return entries.map((e) => `${e.mode} ${e.oid}\t${e.path}\0`).join('');
}

/** Replaces index entries (of the index named by env.GIT_INDEX_FILE when set). */
export async function updateIndexInfo(entries: readonly IndexInfoEntry[], cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  if (entries.length === 0) return;
  const args = ['update-index', '-z', '--index-info'];
  const r = await runGit(args, { cwd, input: formatIndexInfo(entries), env });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
}

/**
 * Stores many blobs with one git process: the contents go to temporary files that
 * `git hash-object -w --no-filters --stdin-paths` reads. Returns the oids in order.
 */
export async function hashObjects(contents: readonly (Buffer | string)[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  if (contents.length === 0) return [];
  if (contents.length === 1) return [await hashObject(contents[0]!, cwd, env)];
  // Signals are held so that an interrupted hook still removes its temporary files.
  return holdSignals(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-hooks-blobs-'));
    try {
      const paths = contents.map((content, i) => {
        const path = join(dir, String(i));
        writeFileSync(path, content);
        return path;
      });
      const out = await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { cwd, env, input: paths.join('\n') + '\n' });
      const oids = out.split('\n').filter((l) => l !== '');
      if (oids.length !== contents.length) throw new Error(`git hash-object returned ${oids.length} ids for ${contents.length} blobs`);
      return oids;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
