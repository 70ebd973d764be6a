// git's long-running filter protocol (gitattributes(5), "Long Running Filter Process"), with the
// clean and smudge capabilities.
//
//   git> git-filter-client / version=2 / 0000        git< git-filter-server / version=2 / 0000
//   git> capability=clean / capability=smudge / 0000  git< capability=clean / capability=smudge / 0000
//   then per file:
//   git> command=clean / pathname=nb.ipynb / 0000 / <content packets> / 0000
//   git< status=success / 0000 / <content packets> / 0000 / 0000   (empty list: status unchanged)
//
// One process serves every file of a git command, so `git add` of 200 notebooks starts one node.
// A request never ends the process: whatever goes wrong with one file (a bug, a notebook we cannot
// read, a full disk) that file goes back as git sent it, and the next one is served.
import type { Readable, Writable } from 'node:stream';
import { FLUSH, PktLineReader, encodeContent, encodeTextPackets } from '../git/pktLine.js';
import type { StreamedClean } from './cleanNotebookStream.js';
import { filterPassThrough, filterProtocolError, filterRequestFailed } from '../messages/filter.js';

export type FilterCommand = 'clean' | 'smudge';

/** What the filter does with one file. Each handler returns the bytes git stores or writes. */
export interface FilterHandlers {
  clean(path: string, content: Buffer): { content: Buffer; warning?: string } | Promise<{ content: Buffer; warning?: string }>;
  /**
   * clean for content read packet by packet, in bounded memory whatever the file's size; used
   * instead of `clean` when given. It must read every chunk, and not reject once it has started.
   */
  cleanStream?(path: string, chunks: AsyncIterable<Buffer>): Promise<StreamedClean>;
  smudge(path: string, content: Buffer): Buffer;
  /** Called once when git closes the pipe. */
  close?(): void;
}

const COMMANDS: readonly FilterCommand[] = ['clean', 'smudge'];

export async function runFilterProcess(io: { stdin: Readable; stdout: Writable; stderr: Writable }, load: () => Promise<FilterHandlers>): Promise<number> {
  const reader = new PktLineReader(io.stdin);
  const write = (data: Buffer) => new Promise<void>((resolve, reject) => io.stdout.write(data, (e) => (e ? reject(e) : resolve())));

  const welcome = await reader.readTextList();
  if (!welcome || welcome[0] !== 'git-filter-client' || !welcome.includes('version=2')) {
    io.stderr.write(filterProtocolError(`unexpected welcome ${JSON.stringify(welcome ?? [])}`));
    return 1;
  }
  await write(encodeTextPackets(['git-filter-server', 'version=2']));
  const offered = (await reader.readTextList()) ?? [];
  await write(encodeTextPackets(COMMANDS.map((c) => `capability=${c}`).filter((c) => offered.includes(c))));

  /**
   * The answer to a streamed clean: its chunks as packets, in writes of up to a megabyte (one for
   * most files; a big file passed through goes out as git reads it, not all held at once).
   */
  const respondStreamed = async (path: string, outcome: StreamedClean): Promise<void> => {
    try {
      if (outcome.warning) io.stderr.write(filterPassThrough(path, outcome.warning));
      if (outcome.failure !== undefined) io.stderr.write(filterRequestFailed('clean', path, outcome.failure));
      let batch: Buffer[] = [encodeTextPackets(['status=success'])];
      let batched = 0;
      for (const chunk of outcome.chunks) {
        const packets = encodeContent(chunk); // the chunk's packets, then a flush, left out here
        batch.push(packets.subarray(0, packets.length - FLUSH.length));
        batched += packets.length;
        if (batched >= 1 << 20) {
          await write(Buffer.concat(batch));
          batch = [];
          batched = 0;
        }
      }
      await write(Buffer.concat([...batch, FLUSH, encodeTextPackets([])]));
    } finally {
      outcome.dispose();
    }
  };
  let handlers: FilterHandlers | undefined;
  try {
    for (;;) {
      const request = await reader.readTextList();
      if (request === undefined) return 0; // git closed the pipe: done
      const fields = new Map(request.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const));
      const command = fields.get('command');
      const path = fields.get('pathname') ?? '';
      if (command === 'clean') {
        try {
          handlers ??= await load();
        } catch {
          // reported below, for the whole content
        }
        if (handlers?.cleanStream) {
          await respondStreamed(path, await handlers.cleanStream(path, contentPackets(reader)));
          continue;
        }
      }
      const content = await reader.readContent();
      if (command !== 'clean' && command !== 'smudge') {
        await write(encodeTextPackets(['status=error']));
        continue;
      }
      let output = content;
      try {
        handlers ??= await load();
        if (command === 'smudge') {
          output = handlers.smudge(path, content);
        } else {
          const outcome = await handlers.clean(path, content);
          output = outcome.content;
          if (outcome.warning) io.stderr.write(filterPassThrough(path, outcome.warning));
        }
      } catch (error) {
        io.stderr.write(filterRequestFailed(command, path, error));
        output = content;
      }
      await write(Buffer.concat([encodeTextPackets(['status=success']), encodeContent(output), encodeTextPackets([])]));
    }
  } finally {
    try {
      handlers?.close?.();
    } catch {
      // tidying the store is never worth failing git over
    }
  }
}

/** A request's content, packet by packet, up to its flush. */
async function* contentPackets(reader: PktLineReader): AsyncGenerator<Buffer> {
  for (;;) {
    const packet = await reader.read();
    if (packet === undefined) throw new Error('the stream ended before the content was complete');
    if (packet === null) return;
    yield packet;
  }
}
