import { afterEach, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/cli.js';
import { findPair } from '../../src/pairing/findPair.js';
import { PairConfigError, readPairConfig } from '../../src/pairing/pairConfig.js';

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function dir(files: Record<string, string>): string {
  const t = makeTempDir();
  dirs.push(t.cleanup);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(t.path, name), text);
  return t.path;
}

test('[tool.ml-hooks.pair] and .ml-hooks.json', () => {
  expect(readPairConfig(dir({ 'pyproject.toml': '[tool.ml-hooks.pair]\nnotebooks = ["nb/**/*.ipynb"]\nformat = "py:light"\n' }))).toMatchObject({ notebooks: ['nb/**/*.ipynb'], format: 'py:light' });
  expect(readPairConfig(dir({ '.ml-hooks.json': '{"pair": {"notebooks": ["*.ipynb"]}}' }))).toMatchObject({ notebooks: ['*.ipynb'], format: 'py:percent' });
  expect(readPairConfig(dir({}))).toEqual({ notebooks: [], format: 'py:percent' });
  expect(() => readPairConfig(dir({ 'pyproject.toml': '[tool.ml-hooks.pair]\nnotebook = ["x"]\n' }))).toThrow(PairConfigError);
  expect(() => readPairConfig(dir({ 'pyproject.toml': '[tool.ml-hooks.pair]\nnotebooks = "x"\n' }))).toThrow(/list of globs/);
});

test("Jupytext's settings: jupytext.toml (string and folder table) and [tool.jupytext]", () => {
  expect(readPairConfig(dir({ 'jupytext.toml': 'formats = "ipynb,py:percent"\n' })).jupytextFormats).toBe('ipynb,py:percent');
  const tree = readPairConfig(dir({ 'jupytext.toml': '[formats]\n"notebooks/" = "ipynb"\n"scripts/" = "py:percent"\n' }));
  expect(tree.jupytextFormats).toBe('notebooks///ipynb,scripts///py:percent');
  expect(findPair('notebooks/a/x.ipynb', () => '{}', tree)).toMatchObject({ script: 'scripts/a/x.py', declaredIn: 'jupytext config' });
  expect(readPairConfig(dir({ 'pyproject.toml': '[tool.jupytext]\nformats = "ipynb,R:light"\n' })).jupytextFormats).toBe('ipynb,R:light');
});

test('the notebook declaration wins over the configuration; plain scripts are not paired', () => {
  const config = { notebooks: ['**/*.ipynb'], format: 'py:percent' };
  const declared = JSON.stringify({ metadata: { jupytext: { formats: 'ipynb,scripts//py:light' } } });
  expect(findPair('x.ipynb', () => declared, config)).toMatchObject({ script: 'scripts/x.py', format: { formatName: 'light' }, declaredIn: 'notebook' });
  expect(findPair('x.ipynb', () => '{}', config)).toMatchObject({ script: 'x.py', declaredIn: 'ml-hooks config' });
  expect(findPair('tool.py', (p) => (p === 'tool.py' ? 'print(1)\n' : undefined), config)).toBeUndefined();
});
