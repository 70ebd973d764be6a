// git's long-running filter protocol (gitattributes(5), "Long Running Filter Process"), clean only.
//
//   git> git-filter-client / version=2 / 0000        git< git-filter-server / version=2 / 0000
//   git> capability=clean / capability=smudge / 0000  git< capability=clean / 0000
//   then per file:
//   git> command=clean / pathname=nb.ipynb / 0000 / <content packets> / 0000
//   git< status=success / 0000 / <content packets> / 0000 / 0000   (empty list: status unchanged)
//
// One process serves every file of a git command, so `git add` of 200 notebooks starts one node.
import type { Readable, Writable } from 'node:stream';
import { PktLineReader, encodeContent, encodeTextPackets } from '../git/pktLine.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { cleanNotebook } from './cleanNotebook.js';
import { filterPassThrough, filterProtocolError } from '../messages/filter.js';

export interface FilterSetup {
  isNotebook: (path: string) => boolean;
  /** undefined: configuration invalid, pass every file through. */
  optionsFor: (path: string) => StripOptions | undefined;
  strip: (text: string, options: StripOptions) => string;
  reasonOf: (error: unknown) => string | undefined;
}

export async function runFilterProcess(io: { stdin: Readable; stdout: Writable; stderr: Writable }, setup: () => Promise<FilterSetup>): Promise<number> {
  const reader = new PktLineReader(io.stdin);
  const write = (data: Buffer) => new Promise<void>((resolve, reject) => io.stdout.write(data, (e) => (e ? reject(e) : resolve())));

  const welcome = await reader.readTextList();
  if (!welcome || welcome[0] !== 'git-filter-client' || !welcome.includes('version=2')) {
    io.stderr.write(filterProtocolError(`unexpected welcome ${JSON.stringify(welcome ?? [])}`));
    return 1;
  }
  await write(encodeTextPackets(['git-filter-server', 'version=2']));
  const capabilities = (await reader.readTextList()) ?? [];
  await write(encodeTextPackets(capabilities.includes('capability=clean') ? ['capability=clean'] : []));

  let filter: FilterSetup | undefined;
  for (;;) {
    const request = await reader.readTextList();
    if (request === undefined) return 0; // git closed the pipe: done
    const fields = new Map(request.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const));
    const content = await reader.readContent();
    if (fields.get('command') !== 'clean') {
      await write(encodeTextPackets(['status=error']));
      continue;
    }
    filter ??= await setup();
    const path = fields.get('pathname') ?? '';
    const outcome = cleanNotebook(path, content, filter.isNotebook, filter.optionsFor(path), filter.strip, filter.reasonOf);
    if (outcome.warning) io.stderr.write(filterPassThrough(path, outcome.warning));
    await write(Buffer.concat([encodeTextPackets(['status=success']), encodeContent(outcome.content), encodeTextPackets([])]));
  }
}
