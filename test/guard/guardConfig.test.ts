import { test, expect } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateGuardConfig } from '../../src/guard/validateGuardConfig.js';
import { loadGuardConfig } from '../../src/guard/loadGuardConfig.js';
import { makeTempDir } from '../helpers/cli.js';

test('defaults when there is no section', () => {
  const { policy, errors } = validateGuardConfig(undefined, 'pyproject.toml');
  expect(errors).toEqual([]);
  expect(policy.maxBinarySize).toEqual({ bytes: 1_000_000, source: { file: undefined, key: 'max-binary-size' } });
  expect(policy.maxFileSize.bytes).toBe(10_000_000);
  expect(policy.unstrippedNotebooks).toBe('block');
  expect(policy.notebooks).toEqual(['**/*.ipynb']);
});

test('values and their sources', () => {
  const { policy, errors } = validateGuardConfig(
    { notebooks: ['nb/*.ipynb'], guard: { 'max-binary-size': '5MB', 'max-file-size': 2_000, allow: ['a/**'], 'unstripped-notebooks': 'warn' } },
    'pyproject.toml',
  );
  expect(errors).toEqual([]);
  expect(policy.maxBinarySize).toEqual({ bytes: 5_000_000, source: { file: 'pyproject.toml', key: 'max-binary-size' } });
  expect(policy.maxFileSize).toEqual({ bytes: 2000, source: { file: 'pyproject.toml', key: 'max-file-size' } });
  expect(policy.allow).toEqual(['a/**']);
  expect(policy.unstrippedNotebooks).toBe('warn');
  expect(policy.notebooks).toEqual(['nb/*.ipynb']);
});

test('errors name the file, the key and what was expected', () => {
  const { errors } = validateGuardConfig({ guard: { 'max-binary-size': 'big', allow: 'x', 'unstripped-notebooks': 'maybe', colour: 1 } }, 'pyproject.toml');
  expect(errors).toEqual([
    'pyproject.toml: unknown key [tool.ml-hooks.guard] colour (expected one of max-binary-size, max-file-size, allow, unstripped-notebooks)',
    'pyproject.toml: [tool.ml-hooks.guard] max-binary-size must be a size such as "1MB", "500k" or "2G" (or a number of bytes)',
    'pyproject.toml: [tool.ml-hooks.guard] allow must be a list of glob strings, e.g. ["assets/*.png"]',
    'pyproject.toml: [tool.ml-hooks.guard] unstripped-notebooks must be "block", "warn" or "off"',
  ]);
  expect(validateGuardConfig({ guard: { 'max-file-size': -3 } }, '.ml-hooks.json').errors).toEqual([
    '.ml-hooks.json: guard.max-file-size must be a size such as "1MB", "500k" or "2G" (or a number of bytes)',
  ]);
});

test('loadGuardConfig reads pyproject.toml, then .ml-hooks.json', () => {
  const dir = makeTempDir();
  try {
    expect(loadGuardConfig(dir.path).policy.maxFileSize.bytes).toBe(10_000_000);
    writeFileSync(join(dir.path, '.ml-hooks.json'), JSON.stringify({ guard: { 'max-file-size': '3MB' } }));
    expect(loadGuardConfig(dir.path).policy.maxFileSize).toEqual({ bytes: 3_000_000, source: { file: '.ml-hooks.json', key: 'max-file-size' } });
    writeFileSync(join(dir.path, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.ml-hooks.guard]\nmax-file-size = "4MB"\n');
    expect(loadGuardConfig(dir.path).policy.maxFileSize).toEqual({ bytes: 4_000_000, source: { file: 'pyproject.toml', key: 'max-file-size' } });
    writeFileSync(join(dir.path, 'pyproject.toml'), '[tool.ml-hooks.guard\n');
    expect(loadGuardConfig(dir.path).errors[0]).toMatch(/^pyproject.toml: not valid TOML/);
  } finally {
    dir.cleanup();
  }
});

test('guardPolicyFromConfig maps the shared loader\'s config and origins', async () => {
  const { guardPolicyFromConfig } = await import('../../src/guard/guardPolicyFromConfig.js');
  const { describeLimit } = await import('../../src/messages/guard.js');
  const policy = guardPolicyFromConfig(
    { notebooks: ['nb/**/*.ipynb'], guard: { maxBinarySize: 5_000_000, maxFileSize: 10_000_000, allow: ['x/*'], unstrippedNotebooks: 'warn' } },
    { 'guard.max-binary-size': { file: '.ml-hooks.json', key: 'guard.max-binary-size' } },
  );
  expect(policy.maxBinarySize).toEqual({ bytes: 5_000_000, source: { file: '.ml-hooks.json', key: 'max-binary-size', label: 'guard.max-binary-size' } });
  expect(policy.maxFileSize.source).toEqual({ file: undefined, key: 'max-file-size' });
  expect(policy).toMatchObject({ allow: ['x/*'], notebooks: ['nb/**/*.ipynb'], unstrippedNotebooks: 'warn' });
  expect(describeLimit(policy.maxBinarySize, 'binary')).toBe('the 5.0 MB limit for binary files (set in .ml-hooks.json guard.max-binary-size)');
});
