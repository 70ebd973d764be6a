import { test, expect } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGuardConfig } from '../../src/guard/loadGuardConfig.js';
import { makeTempDir } from '../helpers/cli.js';

test('defaults when there is no configuration', async () => {
  const dir = makeTempDir();
  try {
    const { policy, errors } = await loadGuardConfig(dir.path);
    expect(errors).toEqual([]);
    expect(policy.maxBinarySize.bytes).toBe(1_000_000);
    expect(policy.maxBinarySize.source.file).toBeUndefined();
    expect(policy.maxFileSize.bytes).toBe(10_000_000);
    expect(policy.unstrippedNotebooks).toBe('block');
    expect(policy.notebooks).toEqual(['**/*.ipynb']);
  } finally {
    dir.cleanup();
  }
});

test('values, where they were set, and errors come from the shared loader', async () => {
  const dir = makeTempDir();
  try {
    writeFileSync(join(dir.path, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.ml-hooks]\nnotebooks = ["nb/*.ipynb"]\n\n[tool.ml-hooks.guard]\nmax-file-size = "4MB"\nallow = ["a/**"]\nunstripped-notebooks = "warn"\n');
    const { policy, errors } = await loadGuardConfig(dir.path);
    expect(errors).toEqual([]);
    expect(policy.maxFileSize.bytes).toBe(4_000_000);
    expect(policy.maxFileSize.source.file).toBe('pyproject.toml');
    expect(policy.allow).toEqual(['a/**']);
    expect(policy.unstrippedNotebooks).toBe('warn');
    expect(policy.notebooks).toEqual(['nb/*.ipynb']);
    writeFileSync(join(dir.path, 'pyproject.toml'), '[tool.ml-hooks.guard]\nmax-binary-size = "big"\n');
    const bad = await loadGuardConfig(dir.path);
    expect(bad.errors.join('\n')).toMatch(/pyproject\.toml.*max-binary-size/);
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
