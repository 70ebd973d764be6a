// A long-lived `git cat-file --batch`: one process reads any number of objects, whole or only
// their first bytes (the content of a large blob streams past and only its head is kept).
//
// Output per request ("<object>\n" on stdin):
//   <oid> SP <type> SP <size> LF <size bytes of content> LF
//   <object> SP missing LF            (or "ambiguous")
import { runGit, spawnGit } from './runGit.js';
import { encodeGitPath } from '../fs/bytePaths.js';

export interface GitObject {
  oid: string;
  type: string;
  /** The object's full size. */
  size: number;
  /** The content, or its first bytes when only a head was asked for. */
  content: Buffer;
}

/**
 * Incremental parser of --batch output; pure, so it can be tested with literal chunks.
 * `limitOf(n)` says, when an object's header arrives, how many of its bytes to keep; `n` is the
 * number of answers this push has completed before it.
 */
export class CatFileBatchParser {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private current: { oid: string; type: string; size: number; keep: number; kept: Buffer[]; keptLength: number; remaining: number } | undefined;

  constructor(private readonly limitOf: (completedBefore: number) => number = () => Infinity) {}

  /** Feeds bytes; returns the answers completed by them, in order (undefined = missing). */
  push(chunk: Buffer): (GitObject | undefined)[] {
    const done: (GitObject | undefined)[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (!this.current) {
        const nl = data.indexOf(10);
        if (nl === -1) {
          this.pending.push(data);
          this.pendingLength += data.length;
          break;
        }
        const line = Buffer.concat([...this.pending, data.subarray(0, nl)]).toString('utf8');
        this.pending = [];
        this.pendingLength = 0;
        data = data.subarray(nl + 1);
        const parts = line.split(' ');
        if (parts.length === 3 && /^\d+$/.test(parts[2]!)) {
          const size = Number(parts[2]);
          this.current = { oid: parts[0]!, type: parts[1]!, size, keep: Math.min(size, this.limitOf(done.length)), kept: [], keptLength: 0, remaining: size + 1 };
        } else if (/ (missing|ambiguous)$/.test(line)) {
          done.push(undefined);
          continue;
        } else {
          throw new Error(`unexpected git cat-file --batch output: ${JSON.stringify(line)}`);
        }
      }
      const c = this.current;
      const take = Math.min(c.remaining, data.length);
      if (c.keptLength < c.keep) {
        const piece = data.subarray(0, Math.min(take, c.keep - c.keptLength));
        c.kept.push(Buffer.from(piece));
        c.keptLength += piece.length;
      }
      c.remaining -= take;
      data = data.subarray(take);
      if (c.remaining === 0) {
        done.push({ oid: c.oid, type: c.type, size: c.size, content: c.kept.length === 1 ? c.kept[0]! : Buffer.concat(c.kept, c.keptLength) });
        this.current = undefined;
      }
    }
    return done;
  }
}

interface Pending {
  limit: number;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

export class CatFileBatch {
  private readonly child;
  private readonly queue: Pending[] = [];
  private readonly parser: CatFileBatchParser;
  private failure: Error | undefined;

  constructor(
    private readonly cwd: string,
    private readonly env?: NodeJS.ProcessEnv,
  ) {
    this.child = spawnGit(['cat-file', '--batch'], { cwd, env });
    this.parser = new CatFileBatchParser((completedBefore) => this.queue[completedBefore]?.limit ?? Infinity);
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

  /**
   * Reads an object by name (an oid, `REV:path`, or `:path` for the index); undefined if it does
   * not exist. `headBytes` keeps only that many bytes of the content.
   */
  read(name: string, headBytes = Infinity): Promise<GitObject | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    // --batch reads one name per line: a path with a newline is named by its id instead, which
    // `git rev-parse` finds from the name given whole as an argument.
    if (name.includes('\n')) return this.resolve(name).then((oid) => (oid === undefined ? undefined : this.read(oid, headBytes)));
    return new Promise((resolve, reject) => {
      this.queue.push({ limit: headBytes, resolve, reject });
      this.child.stdin.write(Buffer.concat([encodeGitPath(name), Buffer.from('\n')]));
    });
  }

  /** `git rev-parse --verify -q --end-of-options NAME`: the object's id, undefined when there is none. */
  private async resolve(name: string): Promise<string | undefined> {
    const r = await runGit(['rev-parse', '--verify', '-q', '--end-of-options', name], { cwd: this.cwd, env: this.env });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** Contents of many objects, by name (undefined: missing, or not a blob). */
  async readBlobs(names: readonly string[]): Promise<Map<string, Buffer | undefined>> {
    const objects = await Promise.all(names.map((n) => this.read(n)));
    return new Map(names.map((n, i) => [n, objects[i]?.type === 'blob' ? objects[i]!.content : undefined]));
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.child.stdin.end();
  }
}
