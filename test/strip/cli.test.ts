// `ml-hooks strip` as a user runs it: in place, folders, dry run, verify, textconv, help.
import { afterAll, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NBSTRIPOUT_FIXTURES, makeTempDir, runCli, REPO_ROOT } from '../helpers/cli.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const CLEAN = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb.expected'));
const DIRTY = readFileSync(join(NBSTRIPOUT_FIXTURES, 'test_metadata.ipynb'));
let n = 0;
const fresh = (): string => {
  const dir = join(tmp.path, `t${n++}`);
  mkdirSync(dir);
  return dir;
};

test('a file that would not change is not rewritten: bytes and mtime stay', () => {
  const dir = fresh();
  const path = join(dir, 'clean.ipynb');
  writeFileSync(path, CLEAN);
  const past = new Date('2020-01-01T00:00:00Z');
  utimesSync(path, past, past);
  const r = runCli(['strip', path]);
  expect(r.status).toBe(0);
  expect(statSync(path).mtimeMs).toBe(past.getTime());
});

test('formatting alone is not a change (the file keeps its bytes)', () => {
  const dir = fresh();
  const path = join(dir, 'indented.ipynb');
  const reformatted = JSON.stringify(JSON.parse(CLEAN.toString()), null, 2);
  writeFileSync(path, reformatted);
  expect(runCli(['strip', path]).status).toBe(0);
  expect(readFileSync(path, 'utf8')).toBe(reformatted);
});

test('in place keeps the file mode and leaves no temporary file', () => {
  const dir = fresh();
  const path = join(dir, 'nb.ipynb');
  writeFileSync(path, DIRTY, { mode: 0o640 });
  expect(runCli(['strip', path]).status).toBe(0);
  expect(readFileSync(path).equals(CLEAN)).toBe(true);
  expect(statSync(path).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(['nb.ipynb']);
});

test('folders are searched for notebooks; hidden folders and other files are left alone', () => {
  const dir = fresh();
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(dir, '.ipynb_checkpoints'));
  for (const p of ['a.ipynb', 'sub/b.ipynb', 'sub/deeper/c.ipynb', '.ipynb_checkpoints/a-checkpoint.ipynb']) writeFileSync(join(dir, p), DIRTY);
  writeFileSync(join(dir, 'notes.txt'), 'not json');
  const r = runCli(['strip', dir]);
  expect(r.status).toBe(0);
  for (const p of ['a.ipynb', 'sub/b.ipynb', 'sub/deeper/c.ipynb']) expect(readFileSync(join(dir, p)).equals(CLEAN)).toBe(true);
  expect(readFileSync(join(dir, '.ipynb_checkpoints/a-checkpoint.ipynb')).equals(DIRTY)).toBe(true);
  expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('not json');
});

test('--dry-run names what would change and changes nothing; --verify exits 1 then 0', () => {
  const dir = fresh();
  writeFileSync(join(dir, 'dirty.ipynb'), DIRTY);
  writeFileSync(join(dir, 'clean.ipynb'), CLEAN);
  const dry = runCli(['strip', '--dry-run', 'dirty.ipynb', 'clean.ipynb'], { cwd: dir });
  expect(dry.status).toBe(0);
  expect(dry.stdout).toBe('Dry run: would have stripped dirty.ipynb\n');
  expect(readFileSync(join(dir, 'dirty.ipynb')).equals(DIRTY)).toBe(true);
  const verify = runCli(['strip', '--verify', '.'], { cwd: dir });
  expect(verify.status).toBe(1);
  expect(verify.stdout).toContain('dirty.ipynb');
  expect(runCli(['strip', '.'], { cwd: dir }).status).toBe(0);
  expect(runCli(['strip', '--verify', '.'], { cwd: dir }).status).toBe(0);
});

test('--textconv / -t prints the stripped notebook and leaves the file alone', () => {
  const dir = fresh();
  writeFileSync(join(dir, 'nb.ipynb'), DIRTY);
  for (const flag of ['--textconv', '-t']) {
    const r = runCli(['strip', flag, 'nb.ipynb'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdoutBytes.equals(CLEAN)).toBe(true);
  }
  expect(readFileSync(join(dir, 'nb.ipynb')).equals(DIRTY)).toBe(true);
});

test('"-" reads stdin; files without a notebook extension need --force', () => {
  expect(runCli(['strip', '-'], { input: DIRTY }).stdoutBytes.equals(CLEAN)).toBe(true);
  const dir = fresh();
  writeFileSync(join(dir, 'nb.json'), DIRTY);
  const skipped = runCli(['strip', 'nb.json'], { cwd: dir });
  expect(skipped.stderr).toMatch(/skipped 'nb.json'.*--force/);
  expect(readFileSync(join(dir, 'nb.json')).equals(DIRTY)).toBe(true);
  expect(runCli(['strip', '--force', 'nb.json'], { cwd: dir }).status).toBe(0);
  expect(readFileSync(join(dir, 'nb.json')).equals(CLEAN)).toBe(true);
});

test('--drop-tagged-cells applies every tag (nbstripout applies only the last)', () => {
  const nb = {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {},
    cells: ['a', 'b', 'c'].map((tag) => ({ cell_type: 'markdown', metadata: { tags: [tag] }, source: [tag] })),
  };
  const r = runCli(['strip', '--drop-tagged-cells', 'a b'], { input: JSON.stringify(nb) });
  const out = JSON.parse(r.stdout) as { cells: { source: string[] }[] };
  expect(out.cells.map((c) => c.source.join(''))).toEqual(['c']);
});

test('usage errors exit 2 with a pointer to --help; --help and --version answer', () => {
  const bad = runCli(['strip', '--no-such-flag']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/--no-such-flag[\s\S]*ml-hooks strip --help/);
  expect(runCli(['strip', '--max-size', 'lots']).status).toBe(2);
  const help = runCli(['strip', '--help']);
  expect(help.status).toBe(0);
  for (const flag of ['--keep-output', '--keep-count', '--keep-id', '--extra-keys', '--keep-metadata-keys', '--drop-empty-cells', '--drop-tagged-cells', '--strip-init-cells', '--max-size', '--keep-output-type', '--drop-output-type', '--mode', '--dry-run', '--verify', '--textconv', '--force']) {
    expect(help.stdout).toContain(flag);
  }
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(runCli(['--version']).stdout).toBe(`${pkg.version}\n`);
  expect(runCli(['--help']).stdout).toContain('strip');
});

test("the repository's configuration applies, so strip, hook and filter agree", () => {
  const dir = fresh();
  spawnSync('git', ['init', '-q', dir]);
  writeFileSync(join(dir, 'pyproject.toml'), '[tool.ml-hooks.strip]\nkeep-count = true\n');
  writeFileSync(join(dir, 'nb.ipynb'), DIRTY);
  const r = runCli(['strip', '-t', 'nb.ipynb'], { cwd: dir });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(runCli(['strip', '--keep-count'], { input: DIRTY }).stdout);
  expect(r.stdout).not.toBe(CLEAN.toString());
  writeFileSync(join(dir, 'pyproject.toml'), '[tool.ml-hooks.strip]\nkeep-count = "sometimes"\n');
  const bad = runCli(['strip', 'nb.ipynb'], { cwd: dir });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/pyproject\.toml.*keep-count/);
  expect(readFileSync(join(dir, 'nb.ipynb')).equals(DIRTY)).toBe(true);
});
