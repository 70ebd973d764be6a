import { expect, test } from '@jest/globals';
import { parseFormats } from '../../src/jupytext/formats.js';
import { pairedPaths } from '../../src/pairing/pairedPaths.js';

test.each([
  ['nb.ipynb', 'ipynb,py:percent', ['nb.ipynb', 'nb.py']],
  ['a/b/nb.py', 'ipynb,py:percent', ['a/b/nb.ipynb', 'a/b/nb.py']],
  ['notebooks/nb.ipynb', 'notebooks///ipynb,scripts///py:percent', ['notebooks/nb.ipynb', 'scripts/nb.py']],
  ['proj/notebooks/sub/nb.ipynb', 'notebooks///ipynb,scripts///py:percent', ['proj/notebooks/sub/nb.ipynb', 'proj/scripts/sub/nb.py']],
  ['proj/scripts/sub/nb.py', 'notebooks///ipynb,scripts///py:percent', ['proj/notebooks/sub/nb.ipynb', 'proj/scripts/sub/nb.py']],
  ['x/nb.ipynb', 'ipynb,scripts//py:percent', ['x/nb.ipynb', 'x/scripts/nb.py']],
  ['x/scripts/nb.py', 'ipynb,scripts//py:percent', ['x/nb.ipynb', 'x/scripts/nb.py']],
  ['nb.ipynb', 'ipynb,_nb.py:light', ['nb.ipynb', 'nb_nb.py']],
  ['nb_nb.py', 'ipynb,_nb.py:light', ['nb.ipynb', 'nb_nb.py']],
  ['notebooks/nb.ipynb', 'notebooks//ipynb,scripts//py:percent', ['notebooks/nb.ipynb', 'scripts/nb.py']],
  ['nb/x.ipynb', 'ipynb,../scripts//py:percent', ['nb/x.ipynb', 'scripts/x.py']],
])('%s with %s', (path, formats, expected) => {
  expect(pairedPaths(path, parseFormats(formats))?.map((p) => p.path)).toEqual(expected);
});

test('a path outside the formats has no pair', () => {
  expect(pairedPaths('other/nb.ipynb', parseFormats('notebooks///ipynb,scripts///py:percent'))).toBeUndefined();
  expect(pairedPaths('nb.md', parseFormats('ipynb,py:percent'))).toBeUndefined();
});
