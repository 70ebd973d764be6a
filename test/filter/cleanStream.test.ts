// The clean filter reading content packet by packet (cleanNotebookStream): the decisions of
// cleanNotebook, whole or in chunks, and, through git, a notebook larger than the full parse can
// hold is stored stripped, as its small twin is.
import { afterAll, expect, test } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeContent, encodeTextPackets } from '../../src/git/pktLine.js';
import { runFilterProcess, type FilterHandlers } from '../../src/filter/runFilterProcess.js';
import { cleanNotebook } from '../../src/filter/cleanNotebook.js';
import { cleanNotebookStream } from '../../src/filter/cleanNotebookStream.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { NotebookError } from '../../src/notebook/errors.js';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../src/notebook/stripOptions.js';
import { makeRepo } from '../helpers/gitRepo.js';
import { CLI, NBSTRIPOUT_FIXTURES, makeTempDir, runCli } from '../helpers/cli.js';
import { notebookWithOutputs } from '../hooks/notebookFixture.js';
import { writeBigNotebook } from '../../bench/corpus.mjs';

const isNotebook = (p: string) => p.endsWith('.ipynb');
const reasonOf = (e: unknown) => (e instanceof NotebookError ? e.reason : undefined);

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield Buffer.from(bytes.subarray(offset, offset + size));
}

async function streamed(path: string, bytes: Buffer, options: StripOptions | undefined, size = 7) {
  const outcome = await cleanNotebookStream(path, inChunks(bytes, size), isNotebook, options, stripNotebookText, reasonOf);
  const content = Buffer.concat([...outcome.chunks]);
  outcome.dispose();
  return { content, warning: outcome.warning, stripped: outcome.stripped !== undefined };
}

/** A notebook past the size that is cleaned whole, so the byte-level strip takes it. */
function bigNotebook(notebookMetadata = '{}'): Buffer {
  const image = 'iVBORw0KGgo'.repeat(300_000);
  return Buffer.from(`{"cells": [{"cell_type": "code", "execution_count": 3, "id": "a", "metadata": {"scrolled": true}, "outputs": [{"data": {"image/png": "${image}"}, "metadata": {}, "output_type": "display_data"}], "source": ["plot()"]}], "metadata": ${notebookMetadata}, "nbformat": 4, "nbformat_minor": 5}\n`);
}
const big = bigNotebook();
const badUtf8 = Buffer.from(big);
badUtf8[big.indexOf('iVBOR') + 1_000_000] = 0xff;

const inputs: [string, Buffer][] = [
  ['big.ipynb', big],
  ['big-cut.ipynb', big.subarray(0, big.length - 40)],
  ['big-keep-output.ipynb', bigNotebook('{"keep_output": true}')],
  ['big-not-utf8.ipynb', badUtf8],
  ...readdirSync(NBSTRIPOUT_FIXTURES)
    .filter((f) => f.endsWith('.ipynb'))
    .map((f) => [f, readFileSync(join(NBSTRIPOUT_FIXTURES, f))] as [string, Buffer]),
  ['broken.ipynb', Buffer.from('{"cells": [')],
  ['latin1.ipynb', Buffer.from([0x7b, 0xe9, 0x7d])],
  ['empty.ipynb', Buffer.alloc(0)],
  ['notes.txt', Buffer.from(notebookWithOutputs(['x = 1\n']))],
  ['clean.ipynb', readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'))],
];

test('the big inputs are over the size cleaned whole', () => {
  expect(big.length).toBeGreaterThan(3_000_000);
});

test.each(inputs)('%s: what cleanNotebook decides, for content in chunks', async (name, bytes) => {
  const options = { ...DEFAULT_STRIP_OPTIONS, stripInitCells: name.includes('init') };
  const whole = cleanNotebook(name, bytes, isNotebook, options, stripNotebookText, reasonOf);
  const got = await streamed(name, bytes, options, name.startsWith('big') ? 65516 : 7);
  expect(got.content.equals(whole.content)).toBe(true);
  expect(got.warning).toBe(whole.warning);
  expect(got.stripped).toBe(whole.content !== bytes);
});

test('no options (invalid configuration): every file goes through as sent', async () => {
  const bytes = Buffer.from(notebookWithOutputs(['x = 1\n']));
  expect(await streamed('a.ipynb', bytes, undefined)).toEqual({ content: bytes, warning: undefined, stripped: false });
});

test('the protocol with a streaming clean: content over many packets, answered in packets', async () => {
  const nb = Buffer.from(notebookWithOutputs(['print(1)\n'.repeat(20_000)]));
  expect(nb.length).toBeGreaterThan(3 * 65516);
  const handlers: FilterHandlers = {
    clean: () => {
      throw new Error('not used when cleanStream is given');
    },
    cleanStream: (path, chunks) => cleanNotebookStream(path, chunks, isNotebook, DEFAULT_STRIP_OPTIONS, stripNotebookText, reasonOf),
    smudge: (_path, content) => content,
  };
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdin.end(
    Buffer.concat([
      encodeTextPackets(['git-filter-client', 'version=2']),
      encodeTextPackets(['capability=clean', 'capability=smudge']),
      encodeTextPackets(['command=clean', 'pathname=nb.ipynb']),
      encodeContent(nb),
      encodeTextPackets(['command=clean', 'pathname=broken.ipynb']),
      encodeContent(Buffer.from('{not json')),
    ]),
  );
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  const err: Buffer[] = [];
  stderr.on('data', (c: Buffer) => err.push(c));
  expect(await runFilterProcess({ stdin, stdout, stderr }, async () => handlers)).toBe(0);
  expect(Buffer.concat(out).equals(Buffer.concat([
    encodeTextPackets(['git-filter-server', 'version=2']),
    encodeTextPackets(['capability=clean', 'capability=smudge']),
    encodeTextPackets(['status=success']),
    encodeContent(Buffer.from(stripNotebookText(nb.toString(), DEFAULT_STRIP_OPTIONS))),
    encodeTextPackets([]),
    encodeTextPackets(['status=success']),
    encodeContent(Buffer.from('{not json')),
    encodeTextPackets([]),
  ]))).toBe(true);
  expect(Buffer.concat(err).toString()).toMatch(/^ml-hooks: broken\.ipynb was added as it is, not stripped: not valid JSON/);
});

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

test('git add of a 420 MB notebook through the filter stores it stripped, as its small twin', () => {
  const repo = makeRepo();
  try {
    repo.git('config', 'filter.ml-hooks.process', `"${process.execPath}" "${CLI}" filter-process`);
    repo.git('config', 'filter.ml-hooks.required', 'true');
    repo.write('.gitattributes', '*.ipynb filter=ml-hooks\n');
    writeBigNotebook(join(repo.path, 'big.ipynb'), 420 * 1000 * 1000);
    writeBigNotebook(join(tmp.path, 'twin.ipynb'), 2 * 1000 * 1000);
    repo.git('add', 'big.ipynb');
    const stored = repo.git('cat-file', 'blob', ':big.ipynb');
    expect(stored).toBe(runCli(['strip', '-t', join(tmp.path, 'twin.ipynb')]).stdout);
    expect(stored.length).toBeLessThan(2000);
  } finally {
    repo.cleanup();
  }
});
