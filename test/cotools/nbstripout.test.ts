// A clone that ran `nbstripout --install` (0.9.1): its filter and diff driver are routed from
// .git/info/attributes, which overrides .gitattributes. CI has no nbstripout, so the test writes
// exactly what the real tool writes (recorded from /work/ref/bin/nbstripout --install):
//   .git/info/attributes   "*.ipynb filter=nbstripout\n*.zpln filter=nbstripout\n*.ipynb diff=ipynb\n"
//   .git/config            filter.nbstripout.clean = "\"/usr/bin/python3\" -m nbstripout"
//                          filter.nbstripout.smudge = cat, filter.nbstripout.required = true
//                          diff.ipynb.textconv = "\"/usr/bin/python3\" -m nbstripout -t"
import { afterEach, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitOk, mlHooks, notebookWithOutputs, readBytes, sandbox, snapshot, stripped, type Sandbox } from './coTools.js';

let box: Sandbox;
afterEach(() => box.cleanup());

const INFO_ATTRIBUTES = '*.ipynb filter=nbstripout\n*.zpln filter=nbstripout\n*.ipynb diff=ipynb\n';

function nbstripoutInstall(cwd: string): void {
  mkdirSync(join(cwd, '.git', 'info'), { recursive: true });
  writeFileSync(join(cwd, '.git', 'info', 'attributes'), INFO_ATTRIBUTES);
  gitOk(cwd, box.env, 'config', 'filter.nbstripout.clean', '"/usr/bin/python3" -m nbstripout');
  gitOk(cwd, box.env, 'config', 'filter.nbstripout.smudge', 'cat');
  gitOk(cwd, box.env, 'config', 'filter.nbstripout.required', 'true');
  gitOk(cwd, box.env, 'config', 'diff.ipynb.textconv', '"/usr/bin/python3" -m nbstripout -t');
}

/** Our filter is the one git uses: a stash round trip keeps the outputs (nbstripout's smudge is cat). */
function assertOurFilterKeepsOutputs(cwd: string): void {
  expect(gitOk(cwd, box.env, 'check-attr', 'filter', 'diff', 'merge', '--', 'a/nb.ipynb')).toBe('a/nb.ipynb: filter: ml-hooks\na/nb.ipynb: diff: ml-hooks\na/nb.ipynb: merge: ml-hooks\n');
  const text = notebookWithOutputs(['x = 1\n']);
  writeFileSync(join(cwd, 'nb.ipynb'), text);
  gitOk(cwd, box.env, 'add', '-A');
  expect(git(cwd, box.env, 'commit', '-q', '-m', 'nb').status).toBe(0);
  expect(gitOk(cwd, box.env, 'show', 'HEAD:nb.ipynb')).toBe(stripped(text));
  const edited = notebookWithOutputs(['x = 2\n']);
  writeFileSync(join(cwd, 'nb.ipynb'), edited);
  const before = snapshot(cwd, box.env, ['nb.ipynb']);
  expect(git(cwd, box.env, 'stash', '-q').status).toBe(0);
  expect(readBytes(cwd, 'nb.ipynb')).toBe(text); // the committed notebook, with its outputs
  expect(git(cwd, box.env, 'stash', 'pop', '-q').status).toBe(0);
  expect(snapshot(cwd, box.env, ['nb.ipynb'])).toEqual(before);
}

test('after nbstripout --install: status names the override, install takes it over, uninstall puts it back', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  nbstripoutInstall(cwd);
  const configBefore = readFileSync(join(cwd, '.git', 'config'), 'utf8');
  const status = mlHooks(cwd, box.env, 'status');
  expect(status.out).toMatch(/BROKEN\s+attributes\s+\.git\/info\/attributes routes notebooks to nbstripout \(`nbstripout --install`\), which overrides \.gitattributes.*\n\s+fix: npx ml-hooks install/);

  const inst = mlHooks(cwd, box.env, 'install');
  expect(inst.status).toBe(0);
  expect(inst.out).toContain("took over nbstripout's lines in .git/info/attributes");
  expect(readBytes(cwd, '.git/info/attributes')).toBe('*.zpln filter=nbstripout\n'); // Zeppelin notebooks stay with nbstripout
  expect(mlHooks(cwd, box.env, 'status').status).toBe(0);
  expect(mlHooks(cwd, box.env, 'install').out).toContain('nothing changed');
  assertOurFilterKeepsOutputs(cwd);

  expect(mlHooks(cwd, box.env, 'uninstall').status).toBe(0);
  expect(readBytes(cwd, '.git/info/attributes')).toBe(INFO_ATTRIBUTES);
  expect(readFileSync(join(cwd, '.git', 'config'), 'utf8')).toBe(configBefore); // nbstripout's config (and its extrakeys) untouched
});

test('nbstripout --install after ml-hooks install: status says so, install again takes over', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  expect(mlHooks(cwd, box.env, 'install').status).toBe(0);
  nbstripoutInstall(cwd);
  const status = mlHooks(cwd, box.env, 'status');
  expect(status.status).toBe(1);
  expect(status.out).toContain('.git/info/attributes routes notebooks to nbstripout');
  expect(mlHooks(cwd, box.env, 'install').out).toContain("took over nbstripout's lines");
  assertOurFilterKeepsOutputs(cwd);
});

test('another filter routed from .git/info/attributes: install says exactly which line to remove', () => {
  box = sandbox();
  const { path: cwd } = box.repo();
  mkdirSync(join(cwd, '.git', 'info'), { recursive: true });
  writeFileSync(join(cwd, '.git', 'info', 'attributes'), '*.ipynb filter=jupytext-clean\n');
  const inst = mlHooks(cwd, box.env, 'install');
  expect(inst.out).toContain('note: .git/info/attributes has "*.ipynb filter=jupytext-clean", which overrides .gitattributes for notebooks: remove that line');
  expect(readBytes(cwd, '.git/info/attributes')).toBe('*.ipynb filter=jupytext-clean\n'); // not ours to change
  expect(mlHooks(cwd, box.env, 'status').out).toMatch(/BROKEN\s+attributes\s+.*"\*\.ipynb filter=jupytext-clean".*\n\s+fix: edit \.git\/info\/attributes/);
});
