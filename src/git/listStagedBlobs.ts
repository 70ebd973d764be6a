import { git } from './runGit.js';

/** A regular file added or changed in the index, with the blob that would be committed. */
export interface StagedBlob {
  path: string;
  oid: string;
  mode: string;
}

/**
 * Parses `git diff --cached --raw -z --no-abbrev` output, keeping added, modified and type-changed
 * regular files (symlinks 120000 and submodules 160000 are not content we measure). A record is
 * `:<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0`, e.g.
 * `:000000 100644 0000… c1b0730e… A\0models/x.pt\0`.
 */
export function parseDiffCachedRaw(output: string): StagedBlob[] {
  const parts = output.split('\0');
  const blobs: StagedBlob[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const header = parts[i]!;
    if (!header.startsWith(':')) break;
    const [, newMode, , newOid, status] = header.slice(1).split(' ');
    const path = parts[i + 1]!;
    if (!status || !/^[AMT]/.test(status)) continue;
    if (newMode !== '100644' && newMode !== '100755') continue;
    blobs.push({ path, oid: newOid!, mode: newMode });
  }
  return blobs;
}

export async function listStagedBlobs(root: string, env?: NodeJS.ProcessEnv): Promise<StagedBlob[]> {
  const out = await git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=AMT', '--no-ext-diff'], { cwd: root, env });
  return parseDiffCachedRaw(out);
}
