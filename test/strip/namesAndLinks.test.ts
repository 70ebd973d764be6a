// File names are bytes, and symbolic links are left alone, in every command. A Latin-1
// `lat\xe9.ipynb` is stripped under its own name by `strip .`, by name, and by the commit hook
// (one index entry, stripped, no phantom); messages spell the byte out. A link is never written
// through or replaced: strip, check, pair, sync, convert and the commit hook all leave it be.
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, readlinkSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { installedRepo, notebookWithOutputs, stripped } from '../hooks/installedRepo.js';

let repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos) r.cleanup();
  repos = [];
});
const track = (r: TestRepo): TestRepo => (repos.push(r), r);

const LATIN1 = Buffer.from('lat\xe9.ipynb', 'latin1');
const NOTEBOOK = notebookWithOutputs(['x = 1\n']);
/** The notebook with the pair declared in its metadata, as `ml-hooks pair` records it. */
function declared(text: string): string {
  const nb = JSON.parse(text) as { metadata: Record<string, unknown> };
  nb.metadata.jupytext = { formats: 'ipynb,py:percent' };
  return JSON.stringify(nb, null, 1) + '\n';
}
const readBytes = (r: TestRepo, name: Buffer): string => readFileSync(Buffer.concat([Buffer.from(`${r.path}/`), name]), 'utf8');
const writeBytes = (r: TestRepo, name: Buffer, text: string): void => writeFileSync(Buffer.concat([Buffer.from(`${r.path}/`), name]), text);
/** git with its output as bytes (file names are not UTF-8). */
function gitBytes(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV, ...env }, timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

describe('a notebook whose name is not UTF-8 (Latin-1 lat\\xe9.ipynb)', () => {
  test('strip . finds and strips it under its own name', () => {
    const repo = track(makeRepo());
    writeBytes(repo, LATIN1, NOTEBOOK);
    const r = runCli(['strip', '.'], { cwd: repo.path });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readBytes(repo, LATIN1)).toBe(stripped(NOTEBOOK));
  });

  test('strip NAME, typed in a Latin-1 shell, finds the file; messages spell the byte out', () => {
    const repo = track(makeRepo());
    writeBytes(repo, LATIN1, NOTEBOOK);
    // bash passes the bytes; node reads them as "lat\ufffd.ipynb"
    const r = spawnSync('bash', ['-c', `node "$0" strip --dry-run $'lat\\xe9.ipynb'; node "$0" strip $'lat\\xe9.ipynb'`, join(process.cwd(), 'dist', 'cli.js')], { cwd: repo.path, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Dry run: would have stripped lat\ufffd.ipynb\n');
    expect(readBytes(repo, LATIN1)).toBe(stripped(NOTEBOOK));

    writeBytes(repo, LATIN1, '{"cells": [');
    const bad = runCli(['strip', '.'], { cwd: repo.path });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('No valid notebook detected in "lat\\xe9.ipynb": not valid JSON (Expecting value: line 1 column 12 (char 11))\n');
  });

  test('the commit hook alone strips the staged blob: one entry under its own bytes, no phantom; check names it', () => {
    const repo = track(installedRepo());
    repo.git('config', '--unset', 'filter.ml-hooks.process');
    writeBytes(repo, LATIN1, NOTEBOOK);
    expect(gitBytes(repo.path, ['add', '-A']).status).toBe(0);
    const commit = gitBytes(repo.path, ['commit', '-m', 'latin-1 name']);
    expect(commit.status).toBe(0);
    expect(commit.stderr).toContain('ml-hooks: stripped outputs from 1 staged notebook: "lat\\xe9.ipynb" (your working files keep them).');
    const tree = gitBytes(repo.path, ['ls-tree', '-z', '--name-only', 'HEAD']).stdout.toString('latin1').split('\0').filter(Boolean);
    expect(tree.sort()).toEqual(['.gitattributes', '.ml-hooks.json', 'lat\xe9.ipynb']);
    const show = spawnSync('sh', ['-c', `git show "HEAD:$(printf 'lat\\351.ipynb')"`], { cwd: repo.path, encoding: 'utf8' });
    expect(show.stdout).toBe(stripped(NOTEBOOK));
    expect(readBytes(repo, LATIN1)).toBe(NOTEBOOK); // the working file keeps its outputs

    const check = runCli(['check'], { cwd: repo.path });
    expect(check.stdout).toContain('✗ "lat\\xe9.ipynb":');
    expect(check.stdout).toContain("fix: ml-hooks strip $'lat\\xe9.ipynb'");
  });
});

describe('symbolic links are left alone everywhere', () => {
  function withLink(): TestRepo {
    const repo = track(makeRepo());
    repo.write('real.ipynb', NOTEBOOK);
    symlinkSync('real.ipynb', join(repo.path, 'link.ipynb'));
    return repo;
  }
  const stillALink = (repo: TestRepo, name = 'link.ipynb') => {
    expect(lstatSync(join(repo.path, name)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(repo.path, name))).toBe(name === 'link.ipynb' ? 'real.ipynb' : 'target.py');
  };

  test('strip LINK says so and changes nothing; strip . strips the file itself and passes the link by', () => {
    const repo = withLink();
    for (const flags of [[], ['--dry-run'], ['--textconv']]) {
      const r = runCli(['strip', ...flags, 'link.ipynb'], { cwd: repo.path });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe("ml-hooks strip: skipped 'link.ipynb': is a symbolic link to real.ipynb: ml-hooks leaves links alone (work on the file it points to)\n");
    }
    stillALink(repo);
    expect(readFileSync(join(repo.path, 'real.ipynb'), 'utf8')).toBe(NOTEBOOK);
    expect(runCli(['strip', '.'], { cwd: repo.path }).status).toBe(0);
    stillALink(repo);
    expect(readFileSync(join(repo.path, 'real.ipynb'), 'utf8')).toBe(stripped(NOTEBOOK));
  });

  test('check reports the file, not the link a second time', () => {
    const repo = withLink();
    const r = runCli(['check'], { cwd: repo.path });
    expect(r.stdout).toContain('✗ real.ipynb:');
    expect(r.stdout).not.toContain('link.ipynb');
  });

  test('pair and sync leave a pair with a linked side alone; convert does not write through a link', () => {
    const repo = withLink();
    const pair = runCli(['pair', 'link.ipynb'], { cwd: repo.path });
    expect(pair.status).toBe(1);
    expect(pair.stdout).toBe('');
    expect(pair.stderr).toBe('ml-hooks: left the pair of link.ipynb alone: it is a symbolic link to real.ipynb: ml-hooks leaves links alone (work on the file it points to)\n');
    stillALink(repo);

    // a real notebook whose script is a link
    expect(runCli(['pair', 'real.ipynb'], { cwd: repo.path }).status).toBe(0);
    const script = readFileSync(join(repo.path, 'real.py'), 'utf8');
    renameSync(join(repo.path, 'real.py'), join(repo.path, 'target.py'));
    symlinkSync('target.py', join(repo.path, 'real.py'));
    repo.write('real.ipynb', declared(NOTEBOOK.replace('x = 1', 'x = 2')));
    const sync = runCli(['sync', 'real.ipynb'], { cwd: repo.path });
    expect(sync.stderr).toBe('ml-hooks: left the pair of real.py alone: it is a symbolic link to target.py: ml-hooks leaves links alone (work on the file it points to)\n');
    stillALink(repo, 'real.py');
    expect(readFileSync(join(repo.path, 'target.py'), 'utf8')).toBe(script);

    const convert = runCli(['convert', 'real.ipynb', '--to', 'py:percent', '--force'], { cwd: repo.path });
    expect(convert.status).toBe(1);
    expect(convert.stderr).toContain('cannot write real.py: is a symbolic link to target.py: ml-hooks leaves links alone');
    stillALink(repo, 'real.py');
  });

  test('the commit hook leaves a pair whose script is a link alone: the link stays a link in the commit', () => {
    const repo = track(installedRepo());
    repo.write('nb.ipynb', declared(NOTEBOOK));
    repo.write('target.py', '# my own script\n');
    symlinkSync('target.py', join(repo.path, 'nb.py'));
    repo.git('add', '-A');
    const commit = gitBytes(repo.path, ['commit', '-m', 'x']);
    expect(commit.status).toBe(0);
    expect(commit.stderr).toContain('ml-hooks: left the pair of nb.py alone: it is a symbolic link to target.py');
    expect(repo.git('ls-tree', 'HEAD', 'nb.py')).toMatch(/^120000 blob /);
    expect(repo.git('show', 'HEAD:nb.py')).toBe('target.py');
    expect(readFileSync(join(repo.path, 'target.py'), 'utf8')).toBe('# my own script\n');
  });
});
