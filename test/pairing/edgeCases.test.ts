// Pairing at its edges, with real git: files the pair does not own (convert, a rename onto an
// existing script, a new notebook beside a module), deletions of one side, CRLF checkouts,
// metadata in unsorted key order, and file names git quotes or that hold a newline.
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { GIT_ENV, makeRepo, runGit, type GitRun, type TestRepo } from '../helpers/gitRepo.js';
import { installedRepo } from '../hooks/installedRepo.js';

let repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos) r.cleanup();
  repos = [];
});
const track = (r: TestRepo): TestRepo => (repos.push(r), r);

const KERNEL = { display_name: 'Python 3', language: 'python', name: 'python3' };
function notebook(sources: string[], options: { formats?: string; cellMetadata?: object[]; outputs?: boolean } = {}): string {
  const cells = sources.map((source, i) => ({
    cell_type: 'code',
    execution_count: options.outputs ? i + 1 : null,
    id: `c${i}`,
    metadata: options.cellMetadata?.[i] ?? {},
    outputs: options.outputs ? [{ name: 'stdout', output_type: 'stream', text: [`out ${i}\n`] }] : [],
    source: source.split(/(?<=\n)/),
  }));
  const metadata: Record<string, unknown> = { kernelspec: KERNEL };
  if (options.formats) metadata.jupytext = { formats: options.formats };
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

type Run = GitRun;
const git = runGit;
const read = (r: TestRepo, path: string): string => readFileSync(join(r.path, path), 'utf8');

describe('convert never replaces a file that is not the notebook’s (item 12)', () => {
  const MODULE = 'def helper():\n    return 42\n';

  test('an unrelated nb.py is refused, byte for byte kept, with the commands; --force replaces it', () => {
    const repo = track(makeRepo());
    repo.write('nb.ipynb', notebook(['x = 1\n']));
    repo.write('nb.py', MODULE);
    const r = runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: repo.path });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'ml-hooks convert: nb.py already exists and is not the script of nb.ipynb (not its pair, and no Jupytext header): nothing was written.\n' +
        '  Write it elsewhere:  ml-hooks convert nb.ipynb --to py:percent -o OTHER\n' +
        '  Or replace it:       ml-hooks convert nb.ipynb --to py:percent --force\n',
    );
    expect(read(repo, 'nb.py')).toBe(MODULE);
    // the same for an explicit -o
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent', '-o', 'nb.py'], { cwd: repo.path }).status).toBe(1);
    expect(read(repo, 'nb.py')).toBe(MODULE);

    const forced = runCli(['convert', 'nb.ipynb', '--to', 'py:percent', '--force'], { cwd: repo.path });
    expect(forced.status).toBe(0);
    expect(read(repo, 'nb.py')).toContain('# %%\nx = 1\n');
  });

  test('what it may replace: an earlier conversion (Jupytext header), the declared pair, the configured pair', () => {
    const repo = track(makeRepo());
    repo.write('nb.ipynb', notebook(['x = 1\n']));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    repo.write('nb.ipynb', notebook(['x = 2\n']));
    expect(runCli(['convert', 'nb.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    expect(read(repo, 'nb.py')).toContain('x = 2\n');

    // the declared pair, even when its script lost its header
    repo.write('paired.ipynb', notebook(['y = 1\n'], { formats: 'ipynb,py:percent' }));
    repo.write('paired.py', MODULE);
    expect(runCli(['convert', 'paired.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    expect(read(repo, 'paired.py')).toContain('y = 1\n');

    // the configured pair
    repo.write('pyproject.toml', '[tool.ml-hooks.pair]\nnotebooks = ["conf*.ipynb"]\n');
    repo.write('conf.ipynb', notebook(['z = 1\n']));
    repo.write('conf.py', MODULE);
    expect(runCli(['convert', 'conf.ipynb', '--to', 'py:percent'], { cwd: repo.path }).status).toBe(0);
    expect(read(repo, 'conf.py')).toContain('z = 1\n');
  });
});

describe('file names git quotes, with a newline, or not UTF-8 (item 3)', () => {
  const CLI = join(process.cwd(), 'dist', 'cli.js');
  // Each name as bash writes it ($'…' for bytes), so that a Latin-1 name reaches git as its bytes.
  test.each([
    ['a leading quote', `'"q'`],
    ['a newline', `$'new\\nline'`],
    ['a tab', `$'tab\\there'`],
    ['a backslash', `'back\\slash'`],
    ['a leading dash', `'-dash'`],
    ['a space and a quote', `'it'"'"'s here'`],
    ['Latin-1 bytes', `$'lat\\xe9'`],
  ])('%s: pair, then a script edit and a notebook edit each commit both sides, in sync', (_label, name) => {
    const repo = track(installedRepo());
    const script = [
      'set -e',
      `n=${name}`,
      `cat > "./$n.ipynb"`,
      `node "$CLI" pair -- "./$n.ipynb" >/dev/null`,
      'git add -A && git commit -q -m pair',
      `sed -i 's/x = 1/x = 2/' "./$n.py"`,
      `git add -- "./$n.py" && git commit -q -m script`,
      `git show --format= --name-only -z HEAD; printf '@@'`,
      `sed -i 's/"x = 2"/"x = 3"/' "./$n.ipynb"`,
      `git add -- "./$n.ipynb" && git commit -q -m notebook`,
      `git show --format= --name-only -z HEAD; printf '@@'`,
      `grep -c 'x = 3' "./$n.py"; printf '@@'`,
      `git status --porcelain --untracked-files=no | wc -l; printf '@@'`,
      `node "$CLI" check >/dev/null && echo checked`,
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], { cwd: repo.path, input: notebook(['x = 1\n'], { outputs: true }), env: { ...process.env, ...GIT_ENV, CLI }, encoding: 'latin1', timeout: 60000 });
    expect(r.stderr.replace(/ml-hooks: stripped outputs[^\n]*\n/g, '')).toBe('');
    const [afterScript, afterNotebook, synced, dirty, checked] = r.stdout.split('@@');
    const bash = spawnSync('bash', ['-c', `n=${name}; printf '%s' "$n"`], { encoding: 'latin1' }).stdout;
    const names = (z: string | undefined) => (z ?? '').split('\0').filter(Boolean).sort();
    expect(names(afterScript)).toEqual([`${bash}.ipynb`, `${bash}.py`]);
    expect(names(afterNotebook)).toEqual([`${bash}.ipynb`, `${bash}.py`]);
    expect([synced, dirty, checked]).toEqual(['1\n', '0\n', 'checked\n']);
    expect(r.status).toBe(0);
  });
});

/** An installed repository with nb.ipynb (outputs) paired with nb.py and both committed. */
function committedPair(options: { cellMetadata?: object[] } = {}): { repo: TestRepo; run: (...args: string[]) => Run } {
  const repo = track(installedRepo());
  const run = (...args: string[]): Run => git(repo.path, args);
  repo.write('nb.ipynb', notebook(['x = 1\n'], { outputs: true, ...options }));
  expect(runCli(['pair', 'nb.ipynb'], { cwd: repo.path }).status).toBe(0);
  run('add', '-A');
  expect(run('commit', '-q', '-m', 'pair').status).toBe(0);
  return { repo, run };
}
/** Sets pair.notebooks in the .ml-hooks.json that install wrote. */
function pairByConfiguration(repo: TestRepo, globs: string[]): void {
  const config = JSON.parse(read(repo, '.ml-hooks.json')) as { pair: { notebooks: string[] } };
  config.pair.notebooks = globs;
  repo.write('.ml-hooks.json', JSON.stringify(config, null, 2));
}
const lines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('ml-hooks:'));

describe('a deletion the user staged is kept (item 8)', () => {
  test('git rm nb.ipynb with an edit to nb.py: the notebook stays deleted, the script is unpaired and says so', () => {
    const { repo, run } = committedPair();
    run('rm', '-q', 'nb.ipynb');
    repo.write('nb.py', read(repo, 'nb.py').replace('x = 1', 'x = 2'));
    run('add', 'nb.py');
    const c = run('commit', '-m', 'script only');
    expect(c.status).toBe(0);
    expect(lines(c.out)).toEqual([
      'ml-hooks: nb.ipynb is deleted in this commit, so nb.py is no longer paired with it: the formats line of its header was taken out (staged and in your working copy). To pair again: ml-hooks pair nb.ipynb',
    ]);
    expect(run('ls-tree', '--name-only', 'HEAD').out).not.toContain('nb.ipynb');
    expect(existsSync(join(repo.path, 'nb.ipynb'))).toBe(false);
    const script = run('show', 'HEAD:nb.py').out;
    expect(script).not.toContain('formats:');
    expect(script).toContain('x = 2\n');
    expect(read(repo, 'nb.py')).toBe(script);
    // the next commit of the script does not bring the notebook back
    repo.write('nb.py', script.replace('x = 2', 'x = 3'));
    run('add', 'nb.py');
    expect(run('commit', '-q', '-m', 'again').status).toBe(0);
    expect(existsSync(join(repo.path, 'nb.ipynb'))).toBe(false);
    expect(run('ls-tree', '--name-only', 'HEAD').out).not.toContain('nb.ipynb');
  });

  test('git rm nb.py alone, or with a notebook edit: the script stays deleted, the notebook no longer declares it', () => {
    for (const editNotebook of [false, true]) {
      const { repo, run } = committedPair();
      run('rm', '-q', 'nb.py');
      if (editNotebook) {
        repo.write('nb.ipynb', read(repo, 'nb.ipynb').replace('"x = 1', '"x = 5'));
        run('add', 'nb.ipynb');
      }
      const c = run('commit', '-m', 'notebook only');
      expect(c.status).toBe(0);
      expect(lines(c.out)).toContain(
        'ml-hooks: nb.py is deleted in this commit, so nb.ipynb is no longer paired with it: its metadata.jupytext.formats was taken out (staged and in your working copy). To pair again: ml-hooks pair nb.ipynb',
      );
      expect(run('ls-tree', '--name-only', 'HEAD').out).not.toContain('nb.py');
      expect(run('show', 'HEAD:nb.ipynb').out).not.toContain('jupytext');
      const working = read(repo, 'nb.ipynb');
      expect(working).not.toContain('jupytext');
      expect(working).toContain('out 0'); // the outputs stay in the working notebook
      // a later notebook commit does not bring the script back
      repo.write('nb.ipynb', working.replace('"x = ', '"y = '));
      run('add', 'nb.ipynb');
      expect(run('commit', '-q', '-m', 'later').status).toBe(0);
      expect(existsSync(join(repo.path, 'nb.py'))).toBe(false);
      repos.pop()!.cleanup();
    }
  });

  test('both sides deleted: the commit deletes both, with nothing said', () => {
    const { run } = committedPair();
    run('rm', '-q', 'nb.ipynb', 'nb.py');
    const c = run('commit', '-m', 'gone');
    expect(c.status).toBe(0);
    expect(lines(c.out)).toEqual([]);
    expect(run('ls-tree', '--name-only', 'HEAD').out).not.toMatch(/nb\./);
  });

  test('the script of a pair the configuration declares: deleting it is stopped with the commands that resolve it', () => {
    const repo = track(installedRepo());
    const run = (...args: string[]): Run => git(repo.path, args);
    pairByConfiguration(repo, ['*.ipynb']);
    repo.write('nb.ipynb', notebook(['x = 1\n']));
    run('add', '-A');
    expect(run('commit', '-q', '-m', 'pair by configuration').status).toBe(0);
    expect(run('ls-tree', '--name-only', 'HEAD').out).toContain('nb.py');
    run('rm', '-q', 'nb.py');
    const c = run('commit', '-m', 'drop script');
    expect(c.status).toBe(1);
    expect(c.out).toContain('ml-hooks: nb.py is deleted in this commit, but the configuration (.ml-hooks.json pair.format) pairs nb.ipynb with it, so it would be written again at the next commit.');
    expect(c.out).toContain('git restore --staged --worktree --source=HEAD -- nb.py');
    expect(c.out).toContain('git rm nb.ipynb');
    // following the first command: the script is back, and the commit has nothing to do
    const restore = spawnSync('sh', ['-c', 'git restore --staged --worktree --source=HEAD -- nb.py'], { cwd: repo.path });
    expect(restore.status).toBe(0);
    expect(run('status', '--porcelain', '--untracked-files=no').out).toBe('');
  });
});

describe('never overwrite or shadow a file the pair does not own (item 9)', () => {
  const MODULE = 'print("my module")\n';

  test.each([
    ['untracked', false],
    ['tracked', true],
  ])('a.ipynb renamed to b.ipynb beside an %s b.py: stopped, b.py byte for byte kept, nothing staged for it', (_label, tracked) => {
    const { repo, run } = committedPair();
    run('mv', 'nb.ipynb', 'a.ipynb');
    run('mv', 'nb.py', 'a.py');
    run('commit', '-q', '-m', 'a');
    repo.write('b.py', MODULE);
    if (tracked) {
      run('add', 'b.py');
      run('commit', '-q', '-m', 'module');
    }
    run('mv', 'a.ipynb', 'b.ipynb');
    const c = run('commit', '-m', 'rename');
    expect(c.status).toBe(1);
    expect(c.out).toContain('ml-hooks: b.py is not the script of b.ipynb: they were not committed together and b.py does not declare the pair');
    expect(c.out).toContain('git mv b.ipynb OTHER.ipynb');
    expect(c.out).not.toMatch(/both edited|disagree/);
    expect(read(repo, 'b.py')).toBe(MODULE);
    // nothing staged but the user's own rename
    expect(run('diff', '--cached', '--name-status', '-M').out).toBe('R100\ta.ipynb\tb.ipynb\n');
    // moving the module away lets the rename through, with its script
    run(...(tracked ? ['mv', 'b.py', 'module.py'] : ['status']));
    if (!tracked) spawnSync('mv', ['b.py', 'module.py'], { cwd: repo.path });
    const again = run('commit', '-m', 'rename');
    expect(again.status).toBe(0);
    expect(again.out).toContain('ml-hooks: moved a.py to b.py with its notebook');
    expect(read(repo, 'module.py')).toBe(MODULE);
  });

  test('a new notebook beside a module of the same name (paired by the configuration): the module is not overwritten', () => {
    const repo = track(installedRepo());
    const run = (...args: string[]): Run => git(repo.path, args);
    pairByConfiguration(repo, ['*.ipynb']);
    repo.write('utils.py', 'def helper():\n    return 1\n');
    run('add', '-A');
    run('commit', '-q', '-m', 'module');
    repo.write('utils.ipynb', notebook(['x = 1\n']));
    run('add', 'utils.ipynb');
    const c = run('commit', '-m', 'notebook');
    expect(c.status).toBe(1);
    expect(c.out).toContain('ml-hooks: utils.py is not the script of utils.ipynb');
    expect(read(repo, 'utils.py')).toBe('def helper():\n    return 1\n');
    expect(run('show', ':utils.py').out).toBe('def helper():\n    return 1\n');
  });

  test('a script declaring the pair, staged, beside an untracked notebook that differs: stopped rather than hidden', () => {
    const { repo, run } = committedPair();
    run('rm', '-q', '--cached', 'nb.ipynb', 'nb.py');
    run('commit', '-q', '-m', 'untrack both');
    repo.write('nb.ipynb', notebook(['other = 1\n'], { formats: 'ipynb,py:percent' }));
    run('add', 'nb.py');
    const c = run('commit', '-m', 'script');
    expect(c.status).toBe(1);
    expect(c.out).toContain('ml-hooks: nb.ipynb exists but is not staged, and differs from what nb.py gives');
    expect(read(repo, 'nb.ipynb')).toContain('other = 1');
  });
});

describe('compare like with like (items 4 and 5)', () => {
  test('core.autocrlf=true: a CRLF checkout of a clean pair commits a notebook edit; the script is regenerated with CRLF and git sees it clean', () => {
    const { repo, run } = committedPair();
    run('config', 'core.autocrlf', 'true');
    spawnSync('sh', ['-c', 'rm nb.py nb.ipynb && git checkout -- .'], { cwd: repo.path });
    expect(readFileSync(join(repo.path, 'nb.py'), 'latin1')).toContain('\r\n');
    expect(run('status', '--porcelain', '--untracked-files=no').out).toBe('');
    repo.write('nb.ipynb', read(repo, 'nb.ipynb').replace('"x = 1', '"x = 2'));
    run('add', 'nb.ipynb');
    const c = run('commit', '-m', 'notebook edit');
    expect(c.out).not.toContain('unstaged edits');
    expect(c.status).toBe(0);
    expect(run('show', 'HEAD:nb.py').out).toContain('x = 2\n');
    expect(run('show', 'HEAD:nb.py').out).not.toContain('\r');
    expect(read(repo, 'nb.py')).toContain('x = 2\r\n');
    expect(run('status', '--porcelain', '--untracked-files=no').out).toBe('');
    // and a script edit in CRLF goes the other way
    repo.write('nb.py', read(repo, 'nb.py').replace('x = 2', 'x = 3'));
    run('add', 'nb.py');
    expect(run('commit', '-q', '-m', 'script edit').status).toBe(0);
    expect(run('show', 'HEAD:nb.ipynb').out).toContain('"x = 3"');
  });

  test('metadata keys out of sorted order ({"tags", "jupyter"}): pair then commit, then a script edit and a notebook edit', () => {
    const { repo, run } = committedPair({ cellMetadata: [{ tags: ['a'], jupyter: { source_hidden: true } }] });
    expect(run('log', '--format=%s').out).toBe('pair\n');
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
    repo.write('nb.py', read(repo, 'nb.py').replace('x = 1', 'x = 2'));
    run('add', 'nb.py');
    const script = run('commit', '-m', 'script edit');
    expect(script.out).not.toMatch(/disagree|unstaged edits/);
    expect(script.status).toBe(0);
    expect(run('show', 'HEAD:nb.ipynb').out).toContain('"x = 2"');
    // a notebook edit with the working notebook's keys still unsorted: no "unstaged edits"
    repo.write('nb.ipynb', read(repo, 'nb.ipynb').replace('"x = 2', '"x = 3'));
    run('add', 'nb.ipynb');
    const nbEdit = run('commit', '-m', 'notebook edit');
    expect(nbEdit.out).not.toMatch(/disagree|unstaged edits/);
    expect(nbEdit.status).toBe(0);
    expect(run('show', 'HEAD:nb.py').out).toContain('x = 3\n');
    expect(runCli(['check'], { cwd: repo.path }).status).toBe(0);
    expect(runCli(['sync', '--check'], { cwd: repo.path }).status).toBe(0);
  });
});
