import { spawnGit, GitError } from './runGit.js';

export interface BlobRequest {
  oid: string;
  /** Keep the whole content (a notebook to strip) instead of only the first bytes. */
  whole: boolean;
}

/**
 * Reads blobs through ONE `git cat-file --batch`, keeping the first `headBytes` of each (or all
 * of it when asked). The output is `<oid> <type> <size>\n<content>\n` per object; the content of
 * a large blob streams past and only its head is kept.
 */
export function catFileBatchHeads(root: string, requests: readonly BlobRequest[], headBytes: number, env?: NodeJS.ProcessEnv): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  if (requests.length === 0) return Promise.resolve(result);
  return new Promise((resolve, reject) => {
    const args = ['cat-file', '--batch'];
    const child = spawnGit(args, { cwd: root, env });
    let index = 0;
    let pending = Buffer.alloc(0); // unparsed header bytes
    let remaining = -1; // content bytes (plus the trailing LF) still to come for requests[index]
    let kept: Buffer[] = [];
    let keptLength = 0;
    let limit = 0;
    const stderr: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      let data = chunk;
      while (data.length > 0 && index < requests.length) {
        if (remaining < 0) {
          const nl = data.indexOf(10);
          if (nl < 0) {
            pending = Buffer.concat([pending, data]);
            return;
          }
          const header = Buffer.concat([pending, data.subarray(0, nl)]).toString('utf8');
          pending = Buffer.alloc(0);
          data = data.subarray(nl + 1);
          if (header.endsWith(' missing')) {
            index++;
            continue;
          }
          const size = Number(header.slice(header.lastIndexOf(' ') + 1));
          remaining = size + 1;
          limit = requests[index]!.whole ? size : Math.min(size, headBytes);
          kept = [];
          keptLength = 0;
        }
        const take = Math.min(remaining, data.length);
        if (keptLength < limit) {
          const piece = data.subarray(0, Math.min(take, limit - keptLength));
          kept.push(Buffer.from(piece));
          keptLength += piece.length;
        }
        remaining -= take;
        data = data.subarray(take);
        if (remaining === 0) {
          result.set(requests[index]!.oid, Buffer.concat(kept, keptLength));
          remaining = -1;
          index++;
        }
      }
    });
    child.on('close', (code) => {
      if (code !== 0) reject(new GitError(args, code ?? 128, Buffer.concat(stderr).toString('utf8')));
      else resolve(result);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(requests.map((r) => `${r.oid}\n`).join(''));
  });
}
