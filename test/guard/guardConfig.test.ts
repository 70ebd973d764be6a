import { test, expect } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../../src/settings/loadSettings.js';
import { describeLimit } from '../../src/messages/guard.js';
import { makeTempDir } from '../helpers/cli.js';

test('defaults when there is no configuration', async () => {
  const dir = makeTempDir();
  try {
    const { guard: policy, errors } = await loadSettings(dir.path);
    expect(errors).toEqual([]);
    expect(policy.maxBinarySize.bytes).toBe(1_000_000);
    expect(policy.maxBinarySize.source.file).toBeUndefined();
    expect(policy.maxFileSize.bytes).toBe(10_000_000);
    expect(policy.unstrippedNotebooks).toBe('block');
    expect(['a.ipynb', 'x/y.ipynb', 'x.py'].map(policy.isNotebook)).toEqual([true, true, false]);
  } finally {
    dir.cleanup();
  }
});

test('limits, where they were set, allow and exclude come from the one settings loader', async () => {
  const dir = makeTempDir();
  try {
    writeFileSync(join(dir.path, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.ml-hooks]\nnotebooks = ["nb/*.ipynb"]\nexclude = ["nb/keep-*.ipynb"]\n\n[tool.ml-hooks.guard]\nmax-file-size = "4MB"\nallow = ["a/**"]\nunstripped-notebooks = "warn"\n');
    const { guard: policy, errors } = await loadSettings(dir.path);
    expect(errors).toEqual([]);
    expect(policy.maxFileSize.bytes).toBe(4_000_000);
    expect(policy.maxFileSize.source).toEqual({ file: 'pyproject.toml', key: 'max-file-size', label: '[tool.ml-hooks.guard] max-file-size' });
    expect(describeLimit(policy.maxFileSize, 'file')).toMatch(/set in pyproject\.toml \[tool\.ml-hooks\.guard\] max-file-size/);
    expect(['a/x.bin', 'b/a/x.bin'].map(policy.isAllowed)).toEqual([true, false]);
    expect(policy.unstrippedNotebooks).toBe('warn');
    expect(['nb/a.ipynb', 'nb/keep-a.ipynb', 'other/a.ipynb'].map(policy.isNotebook)).toEqual([true, false, false]);
    writeFileSync(join(dir.path, 'pyproject.toml'), '[tool.ml-hooks.guard]\nmax-binary-size = "big"\n');
    const bad = await loadSettings(dir.path);
    expect(bad.errors.join('\n')).toMatch(/pyproject\.toml.*max-binary-size/);
  } finally {
    dir.cleanup();
  }
});
