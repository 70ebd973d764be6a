import { afterEach, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/cli.js';
import { findPair } from '../../src/pairing/findPair.js';
import { loadSettings } from '../../src/settings/loadSettings.js';
import { compilePathRules } from '../../src/config/pathRules.js';
import type { PairSettings } from '../../src/config/settings.js';

const readPairConfig = async (root: string) => (await loadSettings(root, process.env, { nbstripout: false })).pairing;
const pairErrors = async (root: string) => (await loadSettings(root, process.env, { nbstripout: false })).errors;

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function dir(files: Record<string, string>): string {
  const t = makeTempDir();
  dirs.push(t.cleanup);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(t.path, name), text);
  return t.path;
}

test('[tool.ml-hooks.pair] and .ml-hooks.json', async () => {
  const light = await readPairConfig(dir({ 'pyproject.toml': '[tool.ml-hooks.pair]\nnotebooks = ["nb/**/*.ipynb"]\nformat = "py:light"\n' }));
  expect(light).toMatchObject({ hasPatterns: true, format: 'py:light', source: 'pyproject.toml [tool.ml-hooks.pair] format' });
  expect([light.pairs('nb/a/x.ipynb'), light.pairs('x.ipynb')]).toEqual([true, false]);
  const anywhere = await readPairConfig(dir({ '.ml-hooks.json': '{"pair": {"notebooks": ["*.ipynb"]}}' }));
  expect(anywhere).toMatchObject({ hasPatterns: true, format: 'py:percent' });
  expect(anywhere.pairs('sub/a.ipynb')).toBe(true); // the same dialect as `notebooks`
  expect(await readPairConfig(dir({}))).toMatchObject({ hasPatterns: false, format: 'py:percent' });
  expect(await pairErrors(dir({ 'pyproject.toml': '[tool.ml-hooks.pair]\nnotebook = ["x"]\n' }))).toEqual([expect.stringMatching(/unknown key \[tool\.ml-hooks\.pair\] notebook/)]);
  expect(await pairErrors(dir({ 'pyproject.toml': '[tool.ml-hooks.pair]\nnotebooks = "x"\n' }))).toEqual([expect.stringMatching(/must be a list of strings/)]);
});

test("Jupytext's settings: jupytext.toml (string and folder table) and [tool.jupytext]", async () => {
  expect((await readPairConfig(dir({ 'jupytext.toml': 'formats = "ipynb,py:percent"\n' }))).jupytextFormats).toBe('ipynb,py:percent');
  const tree = await readPairConfig(dir({ 'jupytext.toml': '[formats]\n"notebooks/" = "ipynb"\n"scripts/" = "py:percent"\n' }));
  expect(tree.jupytextFormats).toBe('notebooks///ipynb,scripts///py:percent');
  expect(findPair('notebooks/a/x.ipynb', () => '{}', tree)).toMatchObject({ script: 'scripts/a/x.py', declaredIn: 'jupytext config' });
  expect((await readPairConfig(dir({ 'pyproject.toml': '[tool.jupytext]\nformats = "ipynb,R:light"\n' }))).jupytextFormats).toBe('ipynb,R:light');
});

test('the notebook declaration wins over the configuration; plain scripts are not paired', async () => {
  const config = await pairs(['**/*.ipynb']);
  const declared = JSON.stringify({ metadata: { jupytext: { formats: 'ipynb,scripts//py:light' } } });
  expect(findPair('x.ipynb', () => declared, config)).toMatchObject({ script: 'scripts/x.py', format: { formatName: 'light' }, declaredIn: 'notebook' });
  expect(findPair('x.ipynb', () => '{}', config)).toMatchObject({ script: 'x.py', declaredIn: 'ml-hooks config' });
  expect(findPair('tool.py', (p) => (p === 'tool.py' ? 'print(1)\n' : undefined), config)).toBeUndefined();
});

/** Pair settings for these `pair.notebooks` rules (as the loader builds them). */
async function pairs(rules: string[], format = 'py:percent'): Promise<PairSettings> {
  return { pairs: await compilePathRules(rules), hasPatterns: rules.length > 0, format };
}
