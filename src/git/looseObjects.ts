// Sizes of loose objects read from the object database itself, without starting git. What a
// commit stages was just written by `git add`, so it is a loose object: a zlib stream whose
// first bytes inflate to "<type> <size>\0". The commit hook asks for these sizes on every
// commit; reading a few bytes of each file costs far less than a `git cat-file` process.
// Anything unusual (the environment redirects git's directories, a packed object, a header we
// do not expect) answers undefined, and the caller asks git.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { zlib } from '../fs/lazyBuiltin.js';

/** The objects folder of the repository whose work tree is `root`, found without git (undefined: ask git). */
export function objectsDirOf(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GIT_DIR || env.GIT_COMMON_DIR || env.GIT_OBJECT_DIRECTORY || env.GIT_ALTERNATE_OBJECT_DIRECTORIES) return undefined;
  const dotGit = join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return join(dotGit, 'objects');
    // A worktree or submodule: ".git" is a file "gitdir: <path>"; a worktree's gitdir names the
    // common folder in its "commondir" file.
    const gitdir = /^gitdir: (.*)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (!gitdir) return undefined;
    const dir = isAbsolute(gitdir) ? gitdir : resolve(root, gitdir);
    let common = dir;
    try {
      common = resolve(dir, readFileSync(join(dir, 'commondir'), 'utf8').trim());
    } catch {
      // no commondir: a submodule's own git folder
    }
    return join(common, 'objects');
  } catch {
    return undefined;
  }
}

/** A loose blob's size from its header, or undefined when it is not a loose blob we can read. */
export function looseBlobSize(objectsDir: string, oid: string): number | undefined {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid)) return undefined;
  let fd: number;
  try {
    fd = openSync(join(objectsDir, oid.slice(0, 2), oid.slice(2)), 'r');
  } catch {
    return undefined; // packed, or missing: git knows
  }
  try {
    const head = Buffer.alloc(96);
    const n = readSync(fd, head, 0, head.length, 0);
    const { inflateSync, constants } = zlib();
    const inflated = inflateSync(head.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
    const m = /^blob (\d+)\0/.exec(inflated.subarray(0, 32).toString('latin1'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
