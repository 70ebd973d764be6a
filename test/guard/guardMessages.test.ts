import { test, expect } from '@jest/globals';
import { commitBlocked, lfsTrackPattern, pushBlocked, stagedFix, describeLimit, unstrippedNotebooks } from '../../src/messages/guard.js';
import { historyUnstripped } from '../../src/messages/check.js';
import { DEFAULT_GUARD_POLICY } from '../../src/guard/sizePolicy.js';
import { DEFAULT_CONFIG_FILE } from '../../src/config/mlHooksConfig.js';
import { spawnSync } from 'node:child_process';

const binaryLimit = DEFAULT_GUARD_POLICY.maxBinarySize;
const file = (path: string) => ({ path, size: 6_000_000, limit: binaryLimit, limitKind: 'binary' as const, binary: true });

test('DVC repository: git rm --cached, dvc add, git add of the .dvc file and .gitignore', () => {
  const text = commitBlocked([file('models/x.pt')], { dvc: true, lfs: false }, DEFAULT_CONFIG_FILE);
  expect(text).toContain('models/x.pt is 6.0 MB staged');
  expect(text).toContain('models/x.pt is 6.0 MB staged, over the 1.0 MB limit for binary files (the default max-binary-size; change it in [tool.ml-hooks.guard] of pyproject.toml). GitHub rejects files over 100 MB.');
  expect(text).toContain('GitHub rejects files over 100 MB');
  expect(text).toContain('  git rm --cached models/x.pt\n  dvc add models/x.pt\n  git add models/x.pt.dvc models/.gitignore\n');
  expect(text).not.toContain('git lfs');
});

test('LFS repository: git lfs track "*.ext" and git add .gitattributes', () => {
  const text = stagedFix('model.pt', { dvc: false, lfs: true });
  expect(text).toContain('  git rm --cached model.pt\n  git lfs track "*.pt"\n  git add .gitattributes model.pt\n');
  expect(text).not.toContain('dvc');
});

test('neither: both ways are shown', () => {
  const text = stagedFix('model.pt', { dvc: false, lfs: false });
  expect(text).toContain('dvc add model.pt');
  expect(text).toContain('git add model.pt.dvc .gitignore');
  expect(text).toContain('git lfs track "*.pt"');
});

test('where the limit is set is named', () => {
  expect(describeLimit({ bytes: 5_000_000, source: { file: 'pyproject.toml', key: 'max-file-size' } }, 'file'))
    .toBe('the 5.0 MB limit for any file (set in pyproject.toml [tool.ml-hooks.guard] max-file-size)');
  expect(describeLimit({ bytes: 5_000_000, source: { file: '.ml-hooks.json', key: 'max-binary-size' } }, 'binary'))
    .toBe('the 5.0 MB limit for binary files (set in .ml-hooks.json guard.max-binary-size)');
});

test('lfs track pattern falls back to the path when there is no plain extension', () => {
  expect(lfsTrackPattern('weights')).toBe('weights');
  expect(lfsTrackPattern('dir/.hidden')).toBe('dir/.hidden');
  expect(lfsTrackPattern('a b/c.tar.gz')).toBe('"*.gz"');
});

// The commands must survive a real shell: echo each argument back through sh and compare.
const shellArgs = (line: string): string[] => {
  const r = spawnSync('sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  return r.stdout.split('\0').slice(0, -1);
};

test.each([
  ['my model "v2" (final).pt'],
  ["it's données/modèle ü.pt"],
  ['-rf.pt'],
  ['dir with space/-x.bin'],
  ['a$b`c\\d.pt'],
])('shell quoting of %s', (path) => {
  const text = stagedFix(path, { dvc: true, lfs: false });
  const lines = text.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
  const rm = shellArgs(lines[0]!.slice('git rm --cached '.length));
  expect(rm).toHaveLength(1);
  expect(rm[0]!.replace(/^\.\//, '')).toBe(path);
  const add = shellArgs(lines[2]!.slice('git add '.length));
  expect(add.map((a) => a.replace(/^\.\//, ''))).toEqual([`${path}.dvc`, `${path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''}.gitignore`]);
  for (const a of [...rm, ...add]) expect(a.startsWith('-')).toBe(false);
});

test('push message names commit, path and both rewrites', () => {
  const text = pushBlocked([{ ...file('data/big.bin'), oid: 'c'.repeat(40), commit: 'a'.repeat(40), subject: 'Add data', hasParent: true, localRef: 'refs/heads/main' }], 'origin');
  expect(text).toContain('push to origin blocked');
  expect(text).toContain(`added in commit ${'a'.repeat(12)} "Add data" (refs/heads/main)`);
  expect(text).toContain('git lfs migrate import --include=data/big.bin -- refs/heads/main\n');
  expect(text).not.toContain('--include-ref');
  expect(text).toContain(`git reset --soft ${'a'.repeat(12)}~1`);
  expect(text).toContain('git rm --cached data/big.bin');
});

const B12 = 'b'.repeat(12);
const unstrippedNb = { path: 'nb 1.ipynb', commit: 'b'.repeat(40), subject: 's', isHead: true, hasParent: true, localRef: 'refs/heads/main', filtered: true };
const JSON_FILE = { file: '.ml-hooks.json', format: 'json' as const };

test('unstripped notebook in the checked-out commit, with the filter: renormalize and amend, the working file untouched', () => {
  expect(unstrippedNotebooks([unstrippedNb], 'origin', true, DEFAULT_CONFIG_FILE)).toBe(
    'ml-hooks: push to origin blocked: 1 notebook committed without stripping (made with --no-verify, or before the hooks were installed).\n' +
      `\nnb 1.ipynb has outputs or metadata that ml-hooks strips, in commit ${B12} "s" (refs/heads/main).\n` +
      'Restage it and amend the commit (your nb 1.ipynb keeps its outputs: the filter restages it stripped; edits to it since that commit go in too):\n' +
      "  git add --renormalize 'nb 1.ipynb' && git commit --amend --no-edit\n" +
      '\nTo let such pushes through with a warning, set unstripped-notebooks = "warn" in [tool.ml-hooks.guard] of pyproject.toml.\n',
  );
  expect(unstrippedNotebooks([unstrippedNb], 'origin', false, DEFAULT_CONFIG_FILE)).toMatch(/^ml-hooks: warning: 1 notebook in the commits pushed to origin is not stripped/);
});

test('unstripped notebook without the filter: strip the file, and the message says its outputs go', () => {
  const text = unstrippedNotebooks([{ ...unstrippedNb, filtered: false }], 'origin', true, JSON_FILE);
  expect(text).toContain(
    'Strip it and amend the commit (this removes the outputs from your working nb 1.ipynb too: the filter that would keep them is not set up for it in this clone; edits to it since that commit go in too):\n' +
      "  ml-hooks strip 'nb 1.ipynb' && git add 'nb 1.ipynb' && git commit --amend --no-edit\n",
  );
  expect(text).toContain('set guard.unstripped-notebooks to "warn" in .ml-hooks.json.\n');
});

test('unstripped notebook in an older commit, or a branch not checked out: an interactive rebase on that branch', () => {
  expect(unstrippedNotebooks([{ ...unstrippedNb, isHead: false, localRef: 'refs/heads/my topic', onCheckedOutBranch: true }], 'origin', true, DEFAULT_CONFIG_FILE)).toContain(
    `Strip it in that commit (a copy of your working nb 1.ipynb is put back at the end, and --autostash puts your other uncommitted work aside): run \`cp 'nb 1.ipynb' 'nb 1.ipynb.ml-hooks-keep' && ML_HOOKS=0 git rebase -i --autostash ${B12}~1 'my topic'\`, mark ${B12} "edit", then:\n` +
      "  ml-hooks strip 'nb 1.ipynb' && git add 'nb 1.ipynb' && git commit --amend --no-edit\n  ML_HOOKS=0 git rebase --continue\n  mv -f 'nb 1.ipynb.ml-hooks-keep' 'nb 1.ipynb'\n",
  );
  // a root commit has no ~1: the rebase starts at the root; a ref that is no branch is not named
  const root = unstrippedNotebooks([{ ...unstrippedNb, isHead: false, hasParent: false, localRef: 'HEAD', filtered: false }], 'origin', true, DEFAULT_CONFIG_FILE);
  expect(root).toContain(`run \`cp 'nb 1.ipynb' 'nb 1.ipynb.ml-hooks-keep' && ML_HOOKS=0 git rebase -i --autostash --root\`, mark ${B12} "edit", then:\n  ml-hooks strip 'nb 1.ipynb' && git add 'nb 1.ipynb' && git commit --amend --no-edit\n  ML_HOOKS=0 git rebase --continue\n  mv -f 'nb 1.ipynb.ml-hooks-keep' 'nb 1.ipynb'\n`);
  expect(root).not.toContain('~1');
});

test('check --history gives the same fix on one line', () => {
  expect(historyUnstripped({ ...unstrippedNb, isHead: false, localRef: 'base..HEAD' }).fix).toBe(
    `Strip it in that commit (a copy of your working nb 1.ipynb is put back at the end, and --autostash puts your other uncommitted work aside): run \`cp 'nb 1.ipynb' 'nb 1.ipynb.ml-hooks-keep' && ML_HOOKS=0 git rebase -i --autostash ${B12}~1\`, mark ${B12} "edit", then: ml-hooks strip 'nb 1.ipynb' && git add 'nb 1.ipynb' && git commit --amend --no-edit && ML_HOOKS=0 git rebase --continue && mv -f 'nb 1.ipynb.ml-hooks-keep' 'nb 1.ipynb'`,
  );
});

test('guard hints name the configuration file in use, in its syntax', () => {
  const big = file('models/x.pt');
  const jsonDefault = { ...big, limit: { ...binaryLimit, source: { ...binaryLimit.source, changeIn: JSON_FILE } } };
  const json = commitBlocked([jsonDefault], { dvc: false, lfs: true }, JSON_FILE);
  expect(json).toContain('(the default max-binary-size; change it with guard.max-binary-size in .ml-hooks.json)');
  expect(json).toContain('If it belongs in git, allow it: add "models/x.pt" to guard.allow in .ml-hooks.json.\n');
  expect(json).not.toContain('[tool.ml-hooks');
  const toml = commitBlocked([big], { dvc: false, lfs: true }, DEFAULT_CONFIG_FILE);
  expect(toml).toContain('If it belongs in git, allow it: add "models/x.pt" to allow in [tool.ml-hooks.guard] of pyproject.toml.\n');
});

test('a blob in no commit (a tag points at it) is named by its id and ref, with a fix that applies', () => {
  const text = pushBlocked([{ ...file(''), oid: 'd'.repeat(40), commit: undefined, subject: undefined, hasParent: true, localRef: 'refs/tags/big-blob' }], 'origin');
  expect(text).toContain(`\nthe blob ${'d'.repeat(12)} (refs/tags/big-blob) is 6.0 MB, over the 1.0 MB limit`);
  expect(text).toContain('It is in no commit: refs/tags/big-blob points at the file itself. Push without that ref, or delete the tag:\n  git tag -d big-blob\n');
  expect(text).not.toMatch(/--include|^ is /m);
});
