import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { VERSION } from '../src/cli/version.js';

test('the version constant matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
