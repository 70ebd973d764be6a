// "Never a process per file or per commit": count the gits the guard starts, via GIT_TRACE.
import { test, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/gitRepo.js';

function gitCommands(traceFile: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of readFileSync(traceFile, 'utf8').matchAll(/trace: built-in: git ([a-z-]+)/g)) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1;
  return counts;
}

const NOTEBOOK = (n: number): string =>
  JSON.stringify({ cells: [{ cell_type: 'code', execution_count: n, metadata: {}, outputs: [], source: [`x = ${n}`] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }) + '\n';

test('the push scan and the commit check start a fixed number of gits, however many commits and files', () => {
  const r = makeRepo();
  try {
    for (let c = 0; c < 20; c++) {
      r.write(`models/m${c}.bin`, randomBytes(1_100_000));
      r.write(`nb/n${c}.ipynb`, NOTEBOOK(c));
      r.write(`src/f${c}.py`, `print(${c})\n`);
      r.git('add', '.');
      r.git('commit', '-q', '-m', `c${c}`);
    }
    const head = r.git('rev-parse', 'HEAD').trim();
    const trace = join(r.path, '.git', 'trace.txt');
    const push = runCli(['hook', 'pre-push', 'origin', '/nowhere.git'], { cwd: r.path, input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`, env: { GIT_TRACE: trace } });
    expect(push.status).toBe(1);
    expect(push.stderr).toContain('20 files over the size limit');
    expect(push.stderr).toContain('20 notebooks committed without stripping');
    expect(push.stderr).toContain('models/m0.bin is 1.1 MB');
    expect(push.stderr).toMatch(/nb\/n7.ipynb has outputs or metadata that ml-hooks strips, in commit [0-9a-f]{12} "c7"/);
    // rev-list | cat-file --batch-check, cat-file --batch, log (who added them), for-each-ref
    // (the remote-tracking refs); the root is found without git. For the unstripped notebooks'
    // advice: rev-parse and symbolic-ref (which commit and branch are checked out) and config (is the clean filter set up).
    expect(gitCommands(trace)).toEqual({ 'rev-list': 1, 'cat-file': 2, log: 1, 'for-each-ref': 1, 'rev-parse': 1, 'symbolic-ref': 1, config: 1 });

    // A remote-tracking ref reaches the findings: one rev-list asks which, one ls-remote asks the
    // remote what it has (nothing), and they stay. Still a fixed number, whatever the commits.
    const remote = makeRepo({ bare: true });
    try {
      r.git('remote', 'add', 'origin', remote.path);
      r.git('update-ref', 'refs/remotes/origin/old', 'HEAD~10');
      const trace3 = join(r.path, '.git', 'trace3.txt');
      const again = runCli(['hook', 'pre-push', 'origin', remote.path], { cwd: r.path, input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`, env: { GIT_TRACE: trace3 } });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('20 files over the size limit');
      expect(gitCommands(trace3)).toEqual({ 'rev-list': 2, 'cat-file': 2, log: 1, 'for-each-ref': 1, 'ls-remote': 1, 'upload-pack': 1, 'rev-parse': 1, 'symbolic-ref': 1, config: 1 });
    } finally {
      remote.cleanup();
    }

    for (let c = 0; c < 20; c++) r.write(`models/new${c}.bin`, randomBytes(1_100_000));
    r.git('add', '.');
    const trace2 = join(r.path, '.git', 'trace2.txt');
    const staged = runCli(['check-size'], { cwd: r.path, env: { GIT_TRACE: trace2 } });
    expect(staged.status).toBe(1);
    expect(staged.stdout).toContain('20 staged files over the size limit');
    // diff --cached and one --batch (first 8000 bytes); the sizes come from the loose objects' headers.
    expect(gitCommands(trace2)).toEqual({ diff: 1, 'cat-file': 1 });
  } finally {
    r.cleanup();
  }
});
