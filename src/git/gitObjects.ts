// Reading and writing git objects and index entries in batches: committed and staged file
// contents for pairing, new blobs, index updates and the staged changes of a commit.
import { git, runGit, splitZ } from './runGit.js';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * Contents of objects named like `HEAD:path` or `:path` (the index), in one `cat-file --batch`.
 * Output per object: "<sha> blob <size>\n<bytes>\n", or "<name> missing\n".
 */
export async function readObjects(root: string, names: readonly string[]): Promise<Map<string, Buffer | undefined>> {
  const result = new Map<string, Buffer | undefined>();
  const usable = names.filter((n) => !n.includes('\n'));
  if (usable.length === 0) return result;
  const { stdout } = await runGit(['cat-file', '--batch'], { cwd: root, input: usable.join('\n') + '\n' });
  let pos = 0;
  for (const name of usable) {
    const eol = stdout.indexOf(0x0a, pos);
    if (eol < 0) break;
    const header = stdout.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      result.set(name, undefined); // "<name> missing" or ambiguous
      continue;
    }
    const size = Number(m[2]);
    result.set(name, m[1] === 'blob' ? stdout.subarray(pos, pos + size) : undefined);
    pos += size + 1;
  }
  return result;
}

/** Does the repository have a commit yet? */
export async function hasHead(root: string): Promise<boolean> {
  return (await runGit(['rev-parse', '--verify', '-q', 'HEAD'], { cwd: root })).code === 0;
}

/** Writes a blob and returns its id (`git hash-object -w --stdin`). */
export async function writeBlob(root: string, content: string | Buffer): Promise<string> {
  return (await git(['hash-object', '-w', '--stdin'], { cwd: root, input: content })).trim();
}

export interface IndexEntry {
  path: string;
  /** `100644`, `100755`; omit to remove the path from the index. */
  mode?: string;
  sha?: string;
}

/** Sets or removes index entries in one `git update-index --index-info`. */
export async function updateIndex(root: string, entries: readonly IndexEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const input = entries.map((e) => (e.mode && e.sha ? `${e.mode} ${e.sha}\t${e.path}` : `0 ${'0'.repeat(40)}\t${e.path}`)).join('\n') + '\n';
  await git(['update-index', '--index-info'], { cwd: root, input });
}

/** The index mode of each staged path (`git ls-files -s -z`). */
export async function indexModes(root: string, paths: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  // Sample record: "100644 3b18e512dba79e4c8300dd08aeb37f8e728b8dad 0\tnb.ipynb\0"
  for (const record of splitZ(await git(['ls-files', '-s', '-z', '--', ...paths.map((p) => `:(literal)${p}`)], { cwd: root }))) {
    const tab = record.indexOf('\t');
    out.set(record.slice(tab + 1), record.slice(0, record.indexOf(' ')));
  }
  return out;
}

export interface StagedChange {
  status: string;
  path: string;
  /** For renames: the old path. */
  from?: string;
}

/** Staged changes against HEAD (or the empty tree), renames detected. */
export async function stagedChanges(root: string): Promise<StagedChange[]> {
  const base = (await hasHead(root)) ? 'HEAD' : EMPTY_TREE;
  // Sample output: "M\0nb.py\0R100\0old.ipynb\0new.ipynb\0A\0x.ipynb\0"
  const parts = splitZ(await git(['diff', '--cached', '--name-status', '-z', '-M', base], { cwd: root }));
  const changes: StagedChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = parts[i++]!;
      const path = parts[i++]!;
      changes.push({ status: status[0]!, path, from });
    } else {
      changes.push({ status, path: parts[i++]! });
    }
  }
  return changes;
}
