import { expect, test } from '@jest/globals';
import { scanHeader } from '../../src/jupytext/scanHeader.js';
import { headerToMetadata } from '../../src/jupytext/readHeader.js';

test('finds formats and format name as the YAML parser does', () => {
  const header = [
    '# ---',
    '# title: x',
    '# jupyter:',
    '#   jupytext:',
    "#     formats: 'notebooks///ipynb,scripts///py:percent'",
    '#     text_representation:',
    '#       extension: .py',
    '#       format_name: light',
    '#   kernelspec:',
    '#     name: python3',
    '# ---',
    '',
    'x = 1',
  ];
  expect(scanHeader(header.join('\n'), '.py')).toEqual({ formats: 'notebooks///ipynb,scripts///py:percent', formatName: 'light' });
  const parsed = headerToMetadata(header, '#', '', '.py').metadata.jupytext as Record<string, unknown>;
  expect(parsed.formats).toBe('notebooks///ipynb,scripts///py:percent');
  expect(scanHeader('#!/usr/bin/env python\n# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py\n# ---\n', '.py').formats).toBe('ipynb,py');
  expect(scanHeader('x = 1\n# ---\n', '.py')).toEqual({});
  expect(scanHeader('# ---\n# jupyter:\n#   kernelspec:\n#     formats: nope\n', '.py')).toEqual({});
});
