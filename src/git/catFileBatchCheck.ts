import { runGit, GitError } from './runGit.js';

export interface ObjectInfo {
  name: string;
  type: string;
  oid: string;
  size: number;
}

/**
 * Types and sizes of many objects from ONE `git cat-file --batch-check`. Names are oids or any
 * revision; a name git cannot find comes back as undefined. Output lines are
 * `<oid> <type> <size>` or `<name> missing`.
 */
export async function catFileBatchCheck(root: string, names: readonly string[], env?: NodeJS.ProcessEnv): Promise<(ObjectInfo | undefined)[]> {
  if (names.length === 0) return [];
  const args = ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--buffer'];
  const r = await runGit(args, { cwd: root, env, input: names.map((n) => `${n}\n`).join('') });
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
  const lines = r.stdout.toString('utf8').split('\n');
  return names.map((name, i) => {
    const line = lines[i] ?? '';
    if (line.endsWith(' missing') || line.endsWith(' ambiguous')) return undefined;
    const [oid, type, size] = line.split(' ');
    return { name, type: type!, oid: oid!, size: Number(size) };
  });
}
