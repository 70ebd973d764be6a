// Concurrent and interrupted hooks. ML_HOOKS_TEST_INDEX_DELAY_MS slows the index writer down:
// after the hook decided what to write and before it locks the index, and after each new index
// is written, before the swap (our own lock, or git's, is held then). ML_HOOKS_DEBUG=1 traces the hook's git calls on stderr, which tells the test where the hook
// is. A `git add` from an editor meanwhile is never silently undone: it is kept, or it fails
// loudly. A git killed mid-hook leaves no lock or temporary file behind.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { GIT_ENV } from '../helpers/gitRepo.js';
import { FILES, makeWorld, notebook, startGit, STORE_ON, strip, waitForGroup, removeWorldTemplates, type World } from './world.js';

const DELAY = 1000;
/** The hook has hashed its new blobs: the writer's first delay (before any lock) begins. */
const DECIDED = /ml-hooks\[debug\]: git hash-object/;

// One test at a time: their windows are the writer's delays, and a test that keeps the event loop
// busy (synchronous git calls) would make another miss its window.
const worlds: World[] = [];
const newWorld = (): World => {
  const w = makeWorld(STORE_ON);
  worlds.push(w);
  return w;
};
afterAll(() => {
  worlds.forEach((w) => w.cleanup());
  removeWorldTemplates();
});

const unstripped = notebook(['print("staged with outputs")'], 'staged');

/** A world with a notebook staged unstripped (the filter skipped), as the hook's work. */
function withUnstrippedStage(): World {
  const w = newWorld();
  // -a and PATH take the notebook from the working tree again: the filter is kept out of the way
  // (.git/info/attributes wins over .gitattributes), so the hook has the stripping to do
  w.write('.git/info/attributes', '*.ipynb -filter\n');
  w.write(FILES.nb, unstripped);
  w.ok(['add', FILES.nb]);
  expect(w.blob(':', FILES.nb)?.toString()).toBe(unstripped);
  return w;
}

const LOCK = (w: World) => join(w.path, '.git', 'index.lock');

/** Gives the notebooks their filter back, so status compares them as users see it. */
const filterBack = (w: World) => rmSync(join(w.path, '.git', 'info', 'attributes'));

async function until(condition: () => boolean, what: string, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The hook run by hand, as a tool outside `git commit` runs it. */
/**
 * A `git add` before the hook locks the index goes in (the hook must keep it); one while the hook
 * holds the lock fails as git's own writers make it fail.
 */
async function addBeforeAndDuringTheLock(w: World): Promise<void> {
  w.write('early.txt', 'early\n');
  w.ok(['add', 'early.txt']);
  await until(() => existsSync(LOCK(w)), 'the hook to lock the index');
  w.write('late.txt', 'late\n');
  const late = w.git(['add', 'late.txt']);
  expect({ status: late.status, stderr: late.stderr }).toEqual({ status: 128, stderr: expect.stringContaining("index.lock': File exists") });
}

function startHookByHand(w: World, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, 'hook', 'pre-commit'], {
    cwd: w.path,
    env: { ...process.env, ...GIT_ENV, ML_HOOKS_DEBUG: '1', ML_HOOKS_TEST_INDEX_DELAY_MS: String(DELAY), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stderr })));
  return {
    child,
    done,
    async waitFor(pattern: RegExp) {
      await until(() => pattern.test(stderr), `${pattern} in the hook's stderr`);
    },
  };
}

const slowCommit = (w: World, args: string[], env: NodeJS.ProcessEnv = {}) =>
  startGit(w.path, args, { ML_HOOKS_DEBUG: '1', ML_HOOKS_TEST_INDEX_DELAY_MS: String(DELAY), ...env });

describe('a git add during the hook is kept or fails loudly', () => {
  test('hook run by hand (no GIT_INDEX_FILE): an add before the lock is kept, one during it fails', async () => {
    const w = withUnstrippedStage();
    const hook = startHookByHand(w);
    await hook.waitFor(DECIDED);
    expect(existsSync(LOCK(w))).toBe(false); // the first delay: nothing locked yet
    await addBeforeAndDuringTheLock(w);
    const r = await hook.done;
    expect(r.status).toBe(0);
    w.expectStripped(':', FILES.nb, unstripped);
    expect(w.blob(':', 'early.txt')?.toString()).toBe('early\n');
    expect(w.blob(':', 'late.txt')).toBeUndefined();
    filterBack(w);
    w.expectStatus(`A  early.txt\nM  ${FILES.nb}\n?? late.txt\n`);
    w.expectNoLeftovers();
  });

  test('hook run by hand: a git add of the same notebook before the lock stops the hook, and the add stays', async () => {
    const w = withUnstrippedStage();
    const hook = startHookByHand(w);
    await hook.waitFor(DECIDED);
    const newer = notebook(['print("added during the hook")'], 'newer');
    w.write(FILES.nb, newer);
    w.ok(['add', FILES.nb]);
    const r = await hook.done;
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: expect.stringContaining(`ml-hooks: the index changed while the hook was updating it (${FILES.nb})`) });
    expect(w.blob(':', FILES.nb)?.toString()).toBe(newer); // the user's add, not the hook's older blob
    w.expectFile(FILES.nb, newer);
    w.expectNoLeftovers();
  });

  test('plain git commit (GIT_INDEX_FILE=.git/index, no lock held by git): an add before the lock is kept and committed, one during it fails', async () => {
    const w = withUnstrippedStage();
    const commit = slowCommit(w, ['commit', '-m', 'slow']);
    await commit.waitFor(/ml-hooks\[debug\]: git diff --cached/);
    expect(existsSync(LOCK(w))).toBe(false); // git holds no lock while the hook runs
    await commit.waitFor(DECIDED);
    await addBeforeAndDuringTheLock(w);
    const r = await commit.done;
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('ml-hooks: stripped outputs from 1 staged notebook') });
    w.expectStripped('HEAD', FILES.nb, unstripped);
    expect(w.blob('HEAD', 'early.txt')?.toString()).toBe('early\n'); // git re-reads the index after the hook
    filterBack(w);
    w.expectStatus('?? late.txt\n');
    w.expectNoLeftovers();
  });

  test.each([
    ['git commit -a (GIT_INDEX_FILE=.git/index.lock, held by git)', ['commit', '-a', '-m', 'slow']],
    ['git commit PATH (next-index-PID.lock and index.lock, held by git)', ['commit', '-m', 'slow', '--', FILES.nb]],
  ])('%s: an add during the hook fails loudly', async (_name, args) => {
    const w = withUnstrippedStage();
    const commit = slowCommit(w, args);
    await commit.waitFor(DECIDED);
    expect(existsSync(LOCK(w))).toBe(true); // git's lock
    w.write('other.txt', 'other\n');
    const add = w.git(['add', 'other.txt']);
    expect({ status: add.status, stderr: add.stderr }).toEqual({ status: 128, stderr: expect.stringContaining("index.lock': File exists") });
    const r = await commit.done;
    expect(r.status).toBe(0);
    w.expectStripped('HEAD', FILES.nb, unstripped);
    w.expectStripped(':', FILES.nb, unstripped);
    w.expectFile(FILES.nb, unstripped);
    filterBack(w);
    w.expectStatus('?? other.txt\n');
    w.expectNoLeftovers();
  });
});

describe('git killed mid-hook leaves no lock or temporary file', () => {
  /** The three ways a commit takes what it records: the index, `-a`, and named paths. */
  const COMMIT_FORMS: [string, string[]][] = [
    ['plain git commit', ['commit', '-m', 'x']],
    ['git commit -a', ['commit', '-a', '-m', 'x']],
    ['git commit PATH', ['commit', '-m', 'x', '--', FILES.nb]],
  ];

  /** The hook's temporary files go to a private TMPDIR, so other tests' files do not count. */
  function privateTmp(w: World): string {
    return w.tempDir('ml-hooks-hook-tmp-');
  }

  test.each(COMMIT_FORMS)('SIGINT to the process group (Ctrl-C) during %s: index, HEAD and working files as before', async (_name, args) => {
    const w = withUnstrippedStage();
    const tmp = privateTmp(w);
    const head = w.ok(['rev-parse', 'HEAD']);
    const index = w.ok(['ls-files', '-s']);
    for (const stage of [DECIDED, /ml-hooks\[debug\]: git update-index/]) {
      const commit = slowCommit(w, args, { TMPDIR: tmp});
      await commit.waitFor(stage);
      process.kill(-commit.child.pid!, 'SIGINT');
      await commit.done;
      await waitForGroup(commit.child.pid!);
      expect(w.ok(['rev-parse', 'HEAD'])).toBe(head);
      expect(w.ok(['ls-files', '-s'])).toBe(index);
      w.expectFile(FILES.nb, unstripped);
      w.expectNoLeftovers();
      expect(readdirSync(tmp)).toEqual([]);
    }
  });

  test.each(COMMIT_FORMS)('SIGKILL of git itself during %s: the orphaned hook finishes or gives up, and leaves nothing behind', async (_name, args) => {
    const w = withUnstrippedStage();
    const tmp = privateTmp(w);
    const head = w.ok(['rev-parse', 'HEAD']);
    for (const stage of [DECIDED, /ml-hooks\[debug\]: git update-index/]) {
      const commit = slowCommit(w, args, { TMPDIR: tmp});
      await commit.waitFor(stage);
      process.kill(commit.child.pid!, 'SIGKILL');
      await commit.done;
      await waitForGroup(commit.child.pid!);
      expect(w.ok(['rev-parse', 'HEAD'])).toBe(head);
      // the index holds the notebook as staged, or stripped (the hook finished for a plain commit)
      expect([unstripped, strip(unstripped)]).toContain(w.blob(':', FILES.nb)?.toString());
      w.expectFile(FILES.nb, unstripped);
      w.expectNoLeftovers();
      expect(readdirSync(tmp)).toEqual([]);
      w.ok(['add', FILES.nb]); // staged unstripped again for the next round
    }
  });
});

describe('Ctrl-C in the pairing step leaves the working files as they were', () => {
  /** A paired notebook whose staged edit makes the pairing step rewrite the script. */
  function pairedWorld(): { w: World; script: Buffer; index: string } {
    const w = newWorld();
    expect(w.cli(['pair', FILES.nb]).status).toBe(0);
    w.ok(['add', '-A']);
    w.ok(['commit', '-q', '-m', 'pair']);
    const edited = w.read(FILES.nb)!.toString().replace('print(x.sum())', 'print(x.sum() * 10)');
    expect(edited).not.toBe(w.read(FILES.nb)!.toString());
    w.write(FILES.nb, edited);
    w.ok(['add', FILES.nb]);
    return { w, script: w.read('nb.py')!, index: w.ok(['ls-files', '-s']) };
  }

  test.each([
    ['before the index is locked', DECIDED],
    ['while the index is locked', /ml-hooks\[debug\]: git update-index/],
  ])('SIGINT to the hook %s: script, notebook and index unchanged', async (_name, stage) => {
    const { w, script, index } = pairedWorld();
    const notebookBefore = w.read(FILES.nb)!;
    const tmp = w.tempDir('ml-hooks-hook-tmp-');
    const hook = startHookByHand(w, { TMPDIR: tmp });
    await hook.waitFor(stage);
    process.kill(hook.child.pid!, 'SIGINT');
    const r = await hook.done;
    expect(r.signal).toBe('SIGINT');
    w.expectFile('nb.py', script);
    w.expectFile(FILES.nb, notebookBefore);
    expect(w.ok(['ls-files', '-s'])).toBe(index);
    w.expectNoLeftovers();
    expect(readdirSync(tmp)).toEqual([]);
    // and the commit then works as if nothing happened
    w.ok(['commit', '-q', '-m', 'after the interrupt']);
    expect(w.read('nb.py')!.toString()).toContain('print(x.sum() * 10)');
    expect(w.blob('HEAD', 'nb.py')!.equals(w.read('nb.py')!)).toBe(true);
  });

  test('SIGINT at any moment of git commit: the working script is as before, or synced with what the index got', async () => {
    const { w, script } = pairedWorld();
    const tmp = w.tempDir('ml-hooks-hook-tmp-');
    const states = new Set<string>();
    for (const ms of [40, 150, 300, 500]) {
      const indexBefore = w.ok(['ls-files', '-s']);
      const commit = startGit(w.path, ['commit', '-q', '-m', 'x'], { TMPDIR: tmp });
      await new Promise((r) => setTimeout(r, ms));
      if (commit.child.exitCode === null) process.kill(-commit.child.pid!, 'SIGINT');
      await commit.done;
      await waitForGroup(commit.child.pid!);
      const now = w.read('nb.py')!;
      const staged = w.blob(':', 'nb.py')!;
      if (now.equals(script)) {
        states.add('as before');
        expect(w.ok(['ls-files', '-s'])).toBe(indexBefore);
      } else {
        states.add('synced');
        expect(now.equals(staged)).toBe(true);
        expect(now.toString()).toContain('print(x.sum() * 10)');
      }
      w.expectNoLeftovers();
      expect(readdirSync(tmp)).toEqual([]);
      if (w.ok(['rev-list', '--count', 'HEAD']) !== '2\n') break; // the commit got through: no more to interrupt
    }
    expect(states.size).toBeGreaterThan(0);
  });
});
