// Parses `git diff --cached --raw -z --no-abbrev` (what is staged, against HEAD or the empty tree).
//
// Raw output, NULs shown as \0 (a modification, a rename with 100% similarity, an addition):
//   :100644 100644 6178079…40 hex 2997ea2…40 hex M\0b\0
//   :100644 100644 7898192… 7898192… R100\0a\0c\0
//   :000000 100644 0000000… 8ba3a16… A\0new file\0
// Renames and copies (R/C + score) carry two paths, every other status one.

export type StagedStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X';

export interface StagedEntry {
  srcMode: string;
  dstMode: string;
  srcOid: string;
  dstOid: string;
  status: StagedStatus;
  /** Similarity score for renames and copies (0–100). */
  score?: number;
  /** The path in the index (the new path of a rename). */
  path: string;
  /** The old path of a rename or copy. */
  fromPath?: string;
}

import { splitZ } from '../fs/bytePaths.js';

export const MODE_SYMLINK = '120000';
export const MODE_GITLINK = '160000';
export const ZERO_OID = /^0+$/;

/** Parses the raw bytes (paths are bytes: see gitPath.ts); a string is taken as UTF-8. */
export function parseDiffRaw(output: Buffer | string): StagedEntry[] {
  const parts = splitZ(typeof output === 'string' ? Buffer.from(output, 'utf8') : output);
  const entries: StagedEntry[] = [];
  let i = 0;
  while (i < parts.length) {
    const header = parts[i++]!;
    const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([ACDMRTUX])(\d*)$/.exec(header);
    if (!m) throw new Error(`unexpected line in git diff --raw output: ${JSON.stringify(header)}`);
    const status = m[5] as StagedStatus;
    const twoPaths = status === 'R' || status === 'C';
    const first = parts[i++];
    const second = twoPaths ? parts[i++] : undefined;
    if (first === undefined || (twoPaths && second === undefined)) throw new Error('truncated git diff --raw output');
    entries.push({
      srcMode: m[1]!,
      dstMode: m[2]!,
      srcOid: m[3]!,
      dstOid: m[4]!,
      status,
      ...(m[6] ? { score: Number(m[6]) } : {}),
      path: twoPaths ? second! : first,
      ...(twoPaths ? { fromPath: first } : {}),
    });
  }
  return entries;
}

/** Entries whose staged side is a regular file (not deleted, not a symlink or submodule). */
export function isStagedRegularFile(entry: StagedEntry): boolean {
  return entry.status !== 'D' && entry.status !== 'U' && (entry.dstMode === '100644' || entry.dstMode === '100755') && !ZERO_OID.test(entry.dstOid);
}

