import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JUPYTEXT_INPUTS } from '../helpers/cli.js';
import { readNotebook } from '../../src/notebook/codec.js';
import { checkPairInSync } from '../../src/check/checkPairInSync.js';
import { notebookToScript } from '../../src/jupytext/notebookToScript.js';

const pair = { notebook: 'nb.ipynb', script: 'nb.py', format: { extension: '.py', formatName: 'percent' as const }, formats: 'ipynb,py:percent', declaredIn: 'notebook' as const };

test('in sync, out of sync (with the line), missing sides', () => {
  const nbText = readFileSync(join(JUPYTEXT_INPUTS, 'jupyter.ipynb'), 'utf8');
  const script = notebookToScript(readNotebook(nbText), pair.format);
  expect(checkPairInSync(pair, nbText, script)).toBeUndefined();
  const edited = script.replace('a, b, a+b', 'a, b');
  const finding = checkPairInSync(pair, nbText, edited);
  expect(finding).toMatchObject({ kind: 'pair-out-of-sync', path: 'nb.py', fix: 'ml-hooks sync nb.ipynb' });
  expect(edited.split('\n')[finding!.line! - 1]).toBe('a, b');
  expect(checkPairInSync(pair, nbText, undefined)?.message).toContain('missing');
  expect(checkPairInSync(pair, undefined, script)?.message).toContain('missing');
});
