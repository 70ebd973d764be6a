import { spawnGit, GitError } from './runGit.js';

export interface ListedObject {
  type: string;
  oid: string;
  size: number;
  /** The path rev-list named the object by ('' for commits and root trees). */
  path: string;
}

/**
 * Every object reachable from `revisions` (rev-list syntax: tips, `^excluded`, `--not`,
 * `--remotes=…`) with its type and size: ONE `git rev-list --objects` piped straight into ONE
 * `git cat-file --batch-check`, however many commits and files. cat-file prints
 * `blob 3b18e512… 6291456 models/x.pt` per object; `keep` sees every one and decides what to hold.
 */
export function revListObjectSizes(
  root: string,
  revisions: readonly string[],
  keep: (object: ListedObject) => boolean,
  env?: NodeJS.ProcessEnv,
): Promise<{ kept: ListedObject[]; total: number }> {
  return new Promise((resolve, reject) => {
    const revListArgs = ['rev-list', '--objects', ...revisions];
    const catArgs = ['cat-file', '--batch-check=%(objecttype) %(objectname) %(objectsize) %(rest)', '--buffer'];
    const revList = spawnGit(revListArgs, { cwd: root, env });
    const catFile = spawnGit(catArgs, { cwd: root, env });
    revList.stdin.end();
    revList.stdout.pipe(catFile.stdin);
    catFile.stdin.on('error', () => {});
    const kept: ListedObject[] = [];
    let total = 0;
    let rest = '';
    catFile.stdout.setEncoding('utf8');
    catFile.stdout.on('data', (chunk: string) => {
      const text = rest + chunk;
      let start = 0;
      let nl: number;
      while ((nl = text.indexOf('\n', start)) >= 0) {
        const line = text.slice(start, nl);
        start = nl + 1;
        total++;
        const a = line.indexOf(' ');
        const b = line.indexOf(' ', a + 1);
        const c = line.indexOf(' ', b + 1);
        const object: ListedObject = {
          type: line.slice(0, a),
          oid: line.slice(a + 1, b),
          size: Number(c < 0 ? line.slice(b + 1) : line.slice(b + 1, c)),
          path: c < 0 ? '' : line.slice(c + 1),
        };
        if (keep(object)) kept.push(object);
      }
      rest = text.slice(start);
    });
    const errors: Buffer[] = [];
    revList.stderr.on('data', (c: Buffer) => errors.push(c));
    catFile.stderr.on('data', (c: Buffer) => errors.push(c));
    revList.on('error', reject);
    catFile.on('error', reject);
    let revListCode: number | null = null;
    revList.on('close', (code) => (revListCode = code));
    catFile.on('close', (code) => {
      const stderr = Buffer.concat(errors).toString('utf8');
      const finish = (): void => {
        if (revListCode !== 0) reject(new GitError(revListArgs, revListCode ?? 128, stderr));
        else if (code !== 0) reject(new GitError(catArgs, code ?? 128, stderr));
        else resolve({ kept, total });
      };
      if (revListCode === null) revList.on('close', finish);
      else finish();
    });
  });
}
