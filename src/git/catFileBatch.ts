// A long-lived `git cat-file --batch`: one process reads any number of objects.
//
// Output per request ("<object>\n" on stdin):
//   <oid> SP <type> SP <size> LF <size bytes of content> LF
//   <object> SP missing LF            (or "ambiguous")
import { spawnGit } from './runGit.js';

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

interface Pending {
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

/** Incremental parser of --batch output; pure so it can be tested with literal chunks. */
export class CatFileBatchParser {
  // Chunks are kept in a list and joined once an object is complete: joining on every chunk
  // would copy a large notebook over and over (quadratic in its size).
  private chunks: Buffer[] = [];
  private length = 0;
  private header: { oid: string; type: string; size: number } | undefined;

  /** Feeds bytes; returns the answers completed by them, in order (undefined = missing). */
  push(chunk: Buffer): (GitObject | undefined)[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const done: (GitObject | undefined)[] = [];
    for (;;) {
      if (!this.header) {
        const buffer = this.joined();
        const nl = buffer.indexOf(10);
        if (nl === -1) break;
        const line = buffer.subarray(0, nl).toString('utf8');
        this.reset(buffer.subarray(nl + 1));
        const parts = line.split(' ');
        if (parts.length === 3 && /^\d+$/.test(parts[2]!)) {
          this.header = { oid: parts[0]!, type: parts[1]!, size: Number(parts[2]) };
        } else if (/ (missing|ambiguous)$/.test(line)) {
          done.push(undefined);
          continue;
        } else {
          throw new Error(`unexpected git cat-file --batch output: ${JSON.stringify(line)}`);
        }
      }
      const { oid, type, size } = this.header;
      if (this.length < size + 1) break;
      const buffer = this.joined();
      done.push({ oid, type, content: Buffer.from(buffer.subarray(0, size)) });
      this.reset(buffer.subarray(size + 1));
      this.header = undefined;
    }
    return done;
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private reset(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
  }
}

export class CatFileBatch {
  private readonly child;
  private readonly queue: Pending[] = [];
  private readonly parser = new CatFileBatchParser();
  private failure: Error | undefined;

  constructor(cwd: string, env?: NodeJS.ProcessEnv) {
    this.child = spawnGit(['cat-file', '--batch'], { cwd, env });
    let stderr = '';
    this.child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    this.child.stdout.on('data', (chunk: Buffer) => {
      try {
        for (const answer of this.parser.push(chunk)) this.queue.shift()?.resolve(answer);
      } catch (error) {
        this.fail(error as Error);
      }
    });
    this.child.on('error', (error) => this.fail(error));
    this.child.on('close', (code) => this.fail(new Error(`git cat-file --batch exited (${code}): ${stderr.trim()}`)));
    this.child.stdin.on('error', () => {});
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.queue.splice(0)) p.reject(this.failure);
  }

  /** Reads an object by name (oid, or `:path` for the index); undefined if it does not exist. */
  read(name: string): Promise<GitObject | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    if (/[\n]/.test(name)) return Promise.reject(new Error('object names with newlines cannot be read through --batch'));
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.child.stdin.end();
  }
}
