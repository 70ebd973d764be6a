// The hook pipeline with literal data: step order, blocking, pre-push input.
import { test, expect } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { runPreCommit, runPrePush } from '../../src/hooks/runPreCommit.js';
import { HookBlock, type HookContext } from '../../src/hooks/hookContext.js';
import { Repo } from '../../src/git/repo.js';
import type { PreCommitStep, PrePushStep } from '../../src/hooks/preCommitStep.js';
import { parsePrePushLines } from '../../src/hooks/parsePrePushLines.js';
import { selectStagedNotebooks, stripStagedBlobs } from '../../src/hooks/stripStagedBlobs.js';
import { parseDiffRaw } from '../../src/git/parseDiffRaw.js';
import { stripNotebookText } from '../../src/notebook/strip.js';
import { NotebookError } from '../../src/notebook/errors.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';
import { notebookWithOutputs } from './notebookFixture.js';

function fakeContext(staged: string[]): HookContext & { err: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  const entries = parseDiffRaw(staged.map((p) => `:000000 100644 ${'0'.repeat(40)} ${'a'.repeat(40)} A\0${p}\0`).join(''));
  return {
    cwd: '/nowhere',
    env: {},
    stdout: new PassThrough(),
    stderr,
    repo: new Repo('/nowhere', {}),
    settings: () => Promise.reject(new Error('not used')),
    stagedEntries: () => entries,
    updateIndex: async () => {},
    indexChanged: false,
    updatedPaths: new Set(),
    close: () => {},
    err: () => text,
  };
}

test('steps run in order; a block stops the hook and later steps do not run', async () => {
  const ran: string[] = [];
  const step = (name: string, block?: string): PreCommitStep => ({ name, run: async () => (ran.push(name), block ? { block } : undefined) });
  const ctx = fakeContext(['a.py']);
  expect(await runPreCommit(ctx, [step('pair'), step('strip'), step('guard')])).toBe(0);
  expect(ran).toEqual(['pair', 'strip', 'guard']);
  ran.length = 0;
  expect(await runPreCommit(ctx, [step('pair'), step('strip', 'stop: reason\n'), step('guard')])).toBe(1);
  expect(ran).toEqual(['pair', 'strip']);
  expect(ctx.err()).toBe('stop: reason\n');
  // a HookBlock thrown anywhere in a step (e.g. invalid configuration) blocks the same way
  const thrower: PreCommitStep = { name: 'guard', run: async () => { throw new HookBlock('bad config\n'); } };
  expect(await runPreCommit(fakeContext(['x']), [thrower])).toBe(1);
});

test('pre-push steps get the parsed refs', async () => {
  const seen: unknown[] = [];
  const step: PrePushStep = { name: 'guard', run: async (_ctx, push) => void seen.push(push) };
  const refs = parsePrePushLines(`refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n\n(delete) ${'0'.repeat(40)} refs/heads/old ${'2'.repeat(40)}\n`);
  expect(await runPrePush(fakeContext([]), { remoteName: 'origin', remoteUrl: 'git@x:y.git', refs }, [step])).toBe(0);
  expect(seen).toEqual([{ remoteName: 'origin', remoteUrl: 'git@x:y.git', refs: [
    { localRef: 'refs/heads/main', localOid: '1'.repeat(40), remoteRef: 'refs/heads/main', remoteOid: '0'.repeat(40) },
    { localRef: '(delete)', localOid: '0'.repeat(40), remoteRef: 'refs/heads/old', remoteOid: '2'.repeat(40) },
  ] }]);
  expect(() => parsePrePushLines('just three words\n')).toThrow(/unexpected pre-push input/);
});

test('stripStagedBlobs: changed notebooks become updates, unchanged ones nothing, broken ones problems', () => {
  const withOutputs = notebookWithOutputs(['a = 1\n']);
  const clean = stripNotebookText(withOutputs, DEFAULT_STRIP_OPTIONS);
  const result = stripStagedBlobs(
    [
      { path: 'a.ipynb', mode: '100755', content: Buffer.from(withOutputs) },
      { path: 'clean.ipynb', mode: '100644', content: Buffer.from(clean) },
      { path: 'bad.ipynb', mode: '100644', content: Buffer.from('[1, 2') },
      { path: 'latin1.ipynb', mode: '100644', content: Buffer.from([0xff, 0xfe]) },
    ],
    () => DEFAULT_STRIP_OPTIONS,
    stripNotebookText,
    (e): e is NotebookError => e instanceof NotebookError,
  );
  expect(result.updates).toEqual([{ path: 'a.ipynb', mode: '100755', content: clean }]);
  expect(result.problems.map((p) => p.path)).toEqual(['bad.ipynb', 'latin1.ipynb']);
  expect(result.problems[1]!.reason).toBe('the staged file is not UTF-8 text');
});

test('selectStagedNotebooks skips deletions, symlinks and submodules', () => {
  const Z = '0'.repeat(40);
  const A = 'a'.repeat(40);
  const entries = parseDiffRaw(
    `:000000 100644 ${Z} ${A} A\0n.ipynb\0:100644 000000 ${A} ${Z} D\0d.ipynb\0:000000 120000 ${Z} ${A} A\0l.ipynb\0:000000 160000 ${Z} ${A} A\0s.ipynb\0:000000 100644 ${Z} ${A} A\0x.py\0`,
  );
  expect(selectStagedNotebooks(entries, (p) => p.endsWith('.ipynb')).map((e) => e.path)).toEqual(['n.ipynb']);
});
