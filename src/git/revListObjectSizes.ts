import { spawnGitPipeline, GitError, PIPELINE_FAILED } from './runGit.js';
import { decodeGitPath } from '../fs/bytePaths.js';

export interface ListedObject {
  type: string;
  oid: string;
  size: number;
  /** The path rev-list named the object by ('' for commits and root trees). */
  path: string;
}

/**
 * The blobs reachable from `revisions` (rev-list syntax: tips, `^excluded`, `--not`,
 * `--remotes=…`) with their sizes: ONE `git rev-list --objects` whose stdout is the stdin of ONE
 * `git cat-file --batch-check` (a kernel pipe: the object list never passes through node), however
 * many commits and files. cat-file prints `blob 3b18e512… 6291456 models/x.pt` per object; `keep`
 * sees every blob's size and path and decides which to hold. rev-list prints a path only up to a
 * newline in it, silently (it has no NUL-separated output in the gits we support): a blob reported
 * later gets its whole path from `git log -z` (findIntroducingCommits), but `keep` sees the cut one.
 */
export function revListObjectSizes(
  root: string,
  revisions: readonly string[],
  keep: (size: number, path: string) => boolean,
  env?: NodeJS.ProcessEnv,
): Promise<{ kept: ListedObject[]; total: number }> {
  return new Promise((resolve, reject) => {
    const revListArgs = ['rev-list', '--objects', ...revisions];
    const catArgs = ['cat-file', '--batch-check=%(objecttype) %(objectname) %(objectsize) %(rest)', '--buffer'];
    const pipeline = spawnGitPipeline(revListArgs, catArgs, { cwd: root, env });
    pipeline.stdin.end();
    const kept: ListedObject[] = [];
    let total = 0;
    let rest: Buffer | undefined;
    // Parsed as bytes: most lines are commits and trees, skipped on their first byte without
    // decoding; only a blob's path becomes a string.
    pipeline.stdout.on('data', (chunk: Buffer) => {
      const data = rest ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      let nl: number;
      while ((nl = data.indexOf(10, start)) >= 0) {
        total++;
        if (data[start] === 0x62 /* b */ && data[start + 1] === 0x6c /* l */) {
          const b = data.indexOf(32, start + 5); // after the oid
          let size = 0;
          let i = b + 1;
          for (; i < nl && data[i] !== 32; i++) size = size * 10 + (data[i]! - 48);
          const path = i < nl ? decodeGitPath(data.subarray(i + 1, nl)) : '';
          if (keep(size, path)) kept.push({ type: 'blob', oid: data.toString('latin1', start + 5, b), size, path });
        }
        start = nl + 1;
      }
      rest = start < data.length ? data.subarray(start) : undefined;
    });
    const errors: Buffer[] = [];
    pipeline.stderr.on('data', (c: Buffer) => errors.push(c));
    pipeline.on('error', reject);
    pipeline.on('close', (code) => {
      const stderr = Buffer.concat(errors).toString('utf8');
      const failed = stderr.indexOf(PIPELINE_FAILED);
      if (failed >= 0) reject(new GitError(revListArgs, Number.parseInt(stderr.slice(failed + PIPELINE_FAILED.length), 10), stderr.slice(0, failed)));
      else if (code !== 0) reject(new GitError(catArgs, code ?? 128, stderr));
      else resolve({ kept, total });
    });
  });
}
