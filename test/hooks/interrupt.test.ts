// Ctrl-C in the middle of the hook: the index is either as before or fully stripped, never half
// written, and no temporary index is left behind.
import { test, expect, afterEach } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { installedRepo, notebookWithOutputs, stripped } from './installedRepo.js';
import type { TestRepo } from '../helpers/gitRepo.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

test('SIGINT at any moment leaves the index as it was or completely stripped', async () => {
  repo = installedRepo();
  repo.git('config', '--unset', 'filter.ml-hooks.process');
  repo.git('config', '--unset', 'filter.ml-hooks.required');
  const texts = Array.from({ length: 60 }, (_, i) => notebookWithOutputs([`n = ${i}\n`, 'print(n)\n']));
  texts.forEach((t, i) => repo.write(`nb${i}.ipynb`, t));
  repo.git('add', '-A');
  const original = repo.git('ls-files', '-s');
  const allStripped = new Map(texts.map((t, i) => [`nb${i}.ipynb`, stripped(t)]));
  const outcomes = new Set<string>();
  // the hook's own temporary folder, so that other tests' files do not count
  const privateTmp = mkdtempSync(join(tmpdir(), 'ml-hooks-interrupt-tmp-'));
  for (const delay of [20, 60, 100, 140, 180, 220, 260, 320, 400, 600]) {
    const child = spawn(process.execPath, [CLI, 'hook', 'pre-commit'], { cwd: repo.path, stdio: 'ignore', env: { ...process.env, TMPDIR: privateTmp } });
    const timer = setTimeout(() => child.kill('SIGINT'), delay);
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const now = repo.git('ls-files', '-s');
    if (now === original) {
      outcomes.add('untouched');
    } else {
      for (let i = 0; i < texts.length; i++) expect(repo.git('show', `:nb${i}.ipynb`)).toBe(allStripped.get(`nb${i}.ipynb`));
      outcomes.add('stripped');
      // put the unstripped blobs back for the next round
      repo.git('add', '-A');
      repo.git('update-index', '--really-refresh');
      expect(repo.git('ls-files', '-s')).not.toBe(now);
    }
    expect(readdirSync(join(repo.path, '.git')).filter((f) => f.includes('ml-hooks-') && f.endsWith('.tmp'))).toEqual([]);
    repo.git('fsck', '--no-dangling', '--no-progress');
  }
  // temporary blob files are removed even when interrupted
  expect(readdirSync(privateTmp)).toEqual([]);
  rmSync(privateTmp, { recursive: true, force: true });
  // working files are never touched
  texts.forEach((t, i) => expect(readFileSync(join(repo.path, `nb${i}.ipynb`), 'utf8')).toBe(t));
  expect([...outcomes].every((o) => o === 'untouched' || o === 'stripped')).toBe(true);
});

test('SIGINT while the index update holds index.lock: the index is as before, the lock and temporary files are gone', async () => {
  repo = installedRepo();
  repo.git('config', '--unset', 'filter.ml-hooks.process');
  const text = notebookWithOutputs(['z = 1\n']);
  repo.write('nb.ipynb', text);
  repo.git('add', 'nb.ipynb');
  const before = repo.git('ls-files', '-s');
  const privateTmp = mkdtempSync(join(tmpdir(), 'ml-hooks-interrupt-tmp-'));
  // The hook run by hand takes index.lock itself; the test delay holds it open mid-write.
  const child = spawn(process.execPath, [CLI, 'hook', 'pre-commit'], { cwd: repo.path, stdio: 'ignore', env: { ...process.env, TMPDIR: privateTmp, ML_HOOKS_TEST_INDEX_DELAY_MS: '1500' } });
  const lock = join(repo.path, '.git', 'index.lock');
  const started = Date.now();
  while (!existsSync(lock)) {
    if (Date.now() - started > 20_000) throw new Error('the hook never took index.lock');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGINT'); // the signal lands while the new index is written but not yet renamed
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(signal ?? c)));
  expect(code).toBe('SIGINT');
  expect(existsSync(lock)).toBe(false);
  expect(repo.git('ls-files', '-s')).toBe(before);
  expect(repo.git('show', ':nb.ipynb')).toBe(text);
  expect(readdirSync(privateTmp)).toEqual([]);
  rmSync(privateTmp, { recursive: true, force: true });
});
