import { test, expect, afterEach } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { checkStagedFiles, type CheckStagedOptions, type SizeReport } from '../../src/scan/checkStagedFiles.js';
import { DEFAULT_GUARD_POLICY } from '../../src/guard/sizePolicy.js';
import { Repo } from '../../src/git/repo.js';

/** checkStagedFiles with a repository object closed afterwards (it keeps a cat-file process). */
async function withCheckStagedFiles(root: string, options: CheckStagedOptions): Promise<SizeReport> {
  const repo = new Repo(root);
  try {
    return await checkStagedFiles(repo, options);
  } finally {
    repo.close();
  }
}


const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));
const repo = (): TestRepo => { const r = makeRepo(); repos.push(r); return r; };
const policy = { ...DEFAULT_GUARD_POLICY };

test('the staged blob counts, not the working file; text between limits passes; symlinks skipped', async () => {
  const r = repo();
  r.write('model.pt', randomBytes(2_000_000));
  r.write('data.csv', 'a,b\n'.repeat(1_000_000));
  r.write('small.bin', randomBytes(1000));
  symlinkSync('model.pt', join(r.path, 'link.pt'));
  r.git('add', '.');
  r.write('model.pt', 'tiny now'); // shrunk after staging
  const report = await withCheckStagedFiles(r.path, { policy });
  expect(report.checked).toBe(3);
  expect(report.oversized).toEqual([{ path: 'model.pt', size: 2_000_000, limit: policy.maxBinarySize, limitKind: 'binary', binary: true }]);
});

test('works before the first commit and after; only added or modified files', async () => {
  const r = repo();
  r.write('a.bin', randomBytes(3_000_000));
  r.git('add', '.');
  expect((await withCheckStagedFiles(r.path, { policy })).oversized).toHaveLength(1);
  r.git('commit', '-q', '--no-verify', '-m', 'x');
  r.write('b.txt', 'hello');
  r.git('add', '.');
  expect(await withCheckStagedFiles(r.path, { policy })).toEqual({ checked: 1, oversized: [] });
});

test('notebooks are measured by the measure callback (after stripping)', async () => {
  const r = repo();
  const big = JSON.stringify({ cells: [{ cell_type: 'code', source: 'x', metadata: {}, execution_count: 1, outputs: [{ output_type: 'stream', name: 'stdout', text: 'y'.repeat(11_000_000) }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
  r.write('nb.ipynb', big);
  r.git('add', '.');
  const seen: string[] = [];
  const report = await withCheckStagedFiles(r.path, { policy, measure: (path, bytes) => { seen.push(`${path}:${bytes.length}`); return 100; } });
  expect(seen).toEqual([`nb.ipynb:${Buffer.byteLength(big)}`]);
  expect(report.oversized).toEqual([]);
  // Default measure strips it for real: the outputs go, the notebook is small.
  expect((await withCheckStagedFiles(r.path, { policy })).oversized).toEqual([]);
  // Counted at full size when the callback says it cannot measure it.
  expect((await withCheckStagedFiles(r.path, { policy, measure: () => undefined })).oversized[0]).toMatchObject({ path: 'nb.ipynb', limitKind: 'file' });
});
