import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { VERSION } from '../src/cli/version.js';

test('the version constant matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});

test('the node check follows package.json engines', async () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
  const { MIN_NODE_MAJOR, nodeTooOld } = await import('../src/cli/version.js');
  expect(pkg.engines.node).toBe(`>=${MIN_NODE_MAJOR}`);
  expect(nodeTooOld('18.19.1')).toBe(true);
  expect(nodeTooOld('19.9.0')).toBe(true);
  expect(nodeTooOld('20.0.0')).toBe(false);
  expect(nodeTooOld('22.3.0')).toBe(false);
});
