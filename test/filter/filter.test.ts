import { test, expect } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeContent, encodePacket, encodeTextPackets, takePacket, MAX_PKT_PAYLOAD } from '../../src/git/pktLine.js';
import { runFilterProcess, type FilterHandlers } from '../../src/filter/runFilterProcess.js';
import { cleanNotebook } from '../../src/filter/cleanNotebook.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { NotebookError } from '../../src/notebook/errors.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';
import { makeRepo } from '../helpers/gitRepo.js';
import { CLI, runCli } from '../helpers/cli.js';
import { notebookWithOutputs } from '../hooks/notebookFixture.js';

const setup = {
  isNotebook: (p: string) => p.endsWith('.ipynb'),
  strip: stripNotebookText,
  reasonOf: (e: unknown) => (e instanceof NotebookError ? e.reason : undefined),
};
const handlers: FilterHandlers = {
  clean: (path, content) => cleanNotebook(path, content, setup.isNotebook, DEFAULT_STRIP_OPTIONS, setup.strip, setup.reasonOf),
  smudge: (path, content) => (path === 'boom.ipynb' ? (() => { throw new Error('boom'); })() : Buffer.concat([content, Buffer.from('!')])),
};

test('pkt-line encoding and decoding', () => {
  expect(encodeTextPackets(['git-filter-server', 'version=2']).toString()).toBe('0016git-filter-server\n000eversion=2\n0000');
  const big = Buffer.alloc(MAX_PKT_PAYLOAD + 10, 'x');
  const encoded = encodeContent(big);
  let rest = encoded;
  const packets = [];
  for (let p = takePacket(rest); p; p = takePacket(rest)) {
    packets.push(p.packet);
    rest = p.rest;
  }
  expect(packets.map((p) => p?.length ?? null)).toEqual([MAX_PKT_PAYLOAD, 10, null]);
  expect(takePacket(Buffer.from('00'))).toBeUndefined();
  expect(takePacket(Buffer.from('0009abc'))).toBeUndefined();
  expect(() => takePacket(Buffer.from('zzzz'))).toThrow(/bad pkt-line/);
  expect(() => encodePacket(Buffer.alloc(0))).toThrow();
});

test('cleanNotebook strips notebooks, passes other and broken files through', () => {
  const nb = Buffer.from(notebookWithOutputs(['x = 1\n']));
  const out = cleanNotebook('a.ipynb', nb, setup.isNotebook, DEFAULT_STRIP_OPTIONS, setup.strip, setup.reasonOf);
  expect(out.content.toString()).toBe(stripNotebookText(nb.toString(), DEFAULT_STRIP_OPTIONS));
  expect(out.warning).toBeUndefined();
  const bad = Buffer.from('{"cells": [');
  expect(cleanNotebook('b.ipynb', bad, setup.isNotebook, DEFAULT_STRIP_OPTIONS, setup.strip, setup.reasonOf)).toEqual({ content: bad, warning: expect.stringMatching(/JSON/) });
  expect(cleanNotebook('c.txt', nb, setup.isNotebook, DEFAULT_STRIP_OPTIONS, setup.strip, setup.reasonOf).content).toBe(nb);
  expect(cleanNotebook('d.ipynb', nb, setup.isNotebook, undefined, setup.strip, setup.reasonOf).content).toBe(nb);
  const latin1 = Buffer.from([0x7b, 0xe9, 0x7d]);
  expect(cleanNotebook('e.ipynb', latin1, setup.isNotebook, DEFAULT_STRIP_OPTIONS, setup.strip, setup.reasonOf).warning).toBe('not UTF-8 text');
});

test('the protocol, in memory: handshake, clean and smudge, a failing request, end of input', async () => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const nb = Buffer.from(notebookWithOutputs(['print(1)\n']));
  stdin.end(
    Buffer.concat([
      encodeTextPackets(['git-filter-client', 'version=2']),
      encodeTextPackets(['capability=clean', 'capability=smudge', 'capability=delay']),
      encodeTextPackets(['command=clean', 'pathname=nb.ipynb']),
      encodeContent(nb),
      encodeTextPackets(['command=clean', 'pathname=broken.ipynb']),
      encodeContent(Buffer.from('{not json')),
      encodeTextPackets(['command=smudge', 'pathname=nb.ipynb', 'blob=0123']),
      encodeContent(Buffer.from('abc')),
      encodeTextPackets(['command=smudge', 'pathname=boom.ipynb']),
      encodeContent(Buffer.from('as stored')),
    ]),
  );
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await runFilterProcess({ stdin, stdout, stderr }, async () => handlers);
  expect(code).toBe(0);
  const expected = Buffer.concat([
    encodeTextPackets(['git-filter-server', 'version=2']),
    encodeTextPackets(['capability=clean', 'capability=smudge']),
    encodeTextPackets(['status=success']),
    encodeContent(Buffer.from(stripNotebookText(nb.toString(), DEFAULT_STRIP_OPTIONS))),
    encodeTextPackets([]),
    encodeTextPackets(['status=success']),
    encodeContent(Buffer.from('{not json')),
    encodeTextPackets([]),
    encodeTextPackets(['status=success']),
    encodeContent(Buffer.from('abc!')),
    encodeTextPackets([]),
    // a failing request gets its content back as git sent it, and the process goes on
    encodeTextPackets(['status=success']),
    encodeContent(Buffer.from('as stored')),
    encodeTextPackets([]),
  ]);
  expect(Buffer.concat(chunks).toString()).toBe(expected.toString());
  const errors = String(stderr.read());
  expect(errors).toMatch(/^ml-hooks: broken\.ipynb was added as it is, not stripped: not valid JSON/);
  expect(errors).toMatch(/ml-hooks: boom\.ipynb: the smudge filter failed \(boom\), so git got the file as it was sent/);
});

test('git add of 200 notebooks through filter.ml-hooks.process starts one ml-hooks process', () => {
  const repo = makeRepo();
  try {
    // A wrapper that records every start of the filter, then runs it.
    const starts = join(repo.path, '.git', 'filter-starts');
    writeFileSync(starts, '');
    const wrapper = repo.write('.git/count-filter.sh', `#!/bin/sh\necho $$ >> "${starts}"\nexec "${process.execPath}" "${CLI}" filter-process\n`);
    repo.git('config', 'filter.ml-hooks.process', `sh "${wrapper}"`);
    repo.git('config', 'filter.ml-hooks.required', 'true');
    repo.write('.gitattributes', '*.ipynb filter=ml-hooks\n');
    const texts: string[] = [];
    for (let i = 0; i < 200; i++) {
      texts.push(notebookWithOutputs([`x = ${i}\n`, 'print(x)\n']));
      repo.write(`nbs/nb ${i}.ipynb`, texts[i]!);
    }
    repo.git('add', '.');
    expect(readFileSync(starts, 'utf8').trim().split('\n')).toHaveLength(1);
    // every stored blob is what `ml-hooks strip` gives, the working files keep their outputs
    for (const i of [0, 57, 199]) {
      const stored = repo.git('cat-file', 'blob', `:nbs/nb ${i}.ipynb`);
      expect(stored).toBe(runCli(['strip'], { input: texts[i] }).stdout);
      expect(readFileSync(join(repo.path, `nbs/nb ${i}.ipynb`), 'utf8')).toBe(texts[i]);
    }
    expect(repo.git('status', '--porcelain')).toBe('A  .gitattributes\n' + texts.map((_, i) => `A  "nbs/nb ${i}.ipynb"\n`).sort().join(''));
  } finally {
    repo.cleanup();
  }
});

test('textconv prints the notebook as readable cells, stripped with the repository settings, and other files as they are', () => {
  const repo = makeRepo();
  try {
    const text = notebookWithOutputs(['t = 1\n'], { executionCount: 4 });
    repo.write('nb.ipynb', text);
    repo.write('broken.ipynb', '{"cells": [');
    expect(runCli(['textconv', 'nb.ipynb'], { cwd: repo.path }).stdout).toBe(
      '# kernelspec: {"display_name": "Python 3", "language": "python", "name": "python3"}\n# language_info: {"name": "python", "version": "3.11.4"}\n\n# %%\nt = 1\n',
    );
    const broken = runCli(['textconv', 'broken.ipynb'], { cwd: repo.path });
    expect(broken.status).toBe(0);
    expect(broken.stdout).toBe('{"cells": [');
    repo.write('.ml-hooks.json', '{"strip": {"extra-keys": ["metadata.language_info"]}}');
    expect(runCli(['textconv', 'nb.ipynb'], { cwd: repo.path }).stdout).not.toContain('language_info');
    // through git: a notebook committed with outputs (before ml-hooks) diffs as its cells
    repo.git('add', 'nb.ipynb');
    repo.git('commit', '-q', '-m', 'old');
    repo.write('.gitattributes', '*.ipynb diff=ml-hooks\n');
    repo.git('config', 'diff.ml-hooks.textconv', `"${process.execPath}" "${CLI}" textconv`);
    repo.write('nb.ipynb', notebookWithOutputs(['t = 2\n'], { executionCount: 4 }));
    const diff = repo.git('diff', 'nb.ipynb');
    expect(diff).toContain('\n-t = 1\n+t = 2\n');
    expect(diff).not.toContain('output of cell');
  } finally {
    repo.cleanup();
  }
});
