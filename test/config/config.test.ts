import { test, expect, describe } from '@jest/globals';
import { validateConfig } from '../../src/config/validateConfig.js';
import { configLayers } from '../../src/config/loadConfig.js';
import { applyNbstripoutGitConfig } from '../../src/config/applyNbstripoutGitConfig.js';
import { stripOptionsFromConfig } from '../../src/config/stripOptionsFromConfig.js';
import { makePathMatcher } from '../../src/config/makePathMatcher.js';
import { parseByteSize } from '../../src/config/parseByteSize.js';
import { DEFAULT_CONFIG, describeOrigin } from '../../src/config/mlHooksConfig.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';

const TOML = `
[project]
name = "x"

[tool.ml-hooks]
notebooks = ["notebooks/**/*.ipynb"]
exclude = ["notebooks/scratch/**"]

[tool.ml-hooks.strip]
keep-count = true
extra-keys = ["metadata.language_info"]
max-size = "50k"
drop-tagged-cells = ["private"]

[tool.ml-hooks.pair]
notebooks = ["notebooks/*.ipynb"]
format = "py:light"

[tool.ml-hooks.guard]
max-binary-size = "5MB"
allow = ["data/small/**"]
unstripped-notebooks = "warn"
`;

describe('loading and validating', () => {
  test('reads every section of pyproject.toml and records where values came from', async () => {
    const { layers, errors } = await configLayers(TOML, undefined);
    expect(errors).toEqual([]);
    const r = validateConfig(layers);
    expect(r.errors).toEqual([]);
    expect(r.config.notebooks).toEqual(['notebooks/**/*.ipynb']);
    expect(r.config.exclude).toEqual(['notebooks/scratch/**']);
    expect(r.config.strip.keepCount).toBe(true);
    expect(r.config.strip.keepOutput).toBe(false);
    expect(r.config.strip.maxSize).toBe(50_000);
    expect(r.config.pair).toEqual({ notebooks: ['notebooks/*.ipynb'], format: 'py:light' });
    expect(r.config.guard).toEqual({ maxBinarySize: 5_000_000, maxFileSize: 10_000_000, allow: ['data/small/**'], unstrippedNotebooks: 'warn' });
    expect(describeOrigin(r.origins['guard.max-binary-size'])).toBe('set in pyproject.toml [tool.ml-hooks.guard] max-binary-size');
    expect(describeOrigin(r.origins['guard.max-file-size'])).toBe('the default');
  });

  test('no files: the defaults', async () => {
    const { layers } = await configLayers(undefined, undefined);
    expect(validateConfig(layers).config).toEqual(DEFAULT_CONFIG);
    // a pyproject.toml without our table is not even parsed
    const other = await configLayers('[project]\nname = "x"\n', undefined);
    expect(other.layers).toEqual([]);
  });

  test('unknown keys and wrong types name the file, the key and what was expected', async () => {
    const { layers } = await configLayers(
      '[tool.ml-hooks]\nnotebook = ["x"]\n[tool.ml-hooks.strip]\nkeep-count = "yes"\nmax-size = "huge"\n[tool.ml-hooks.guard]\nunstripped-notebooks = "maybe"\n',
      '{"strip": {"extra-keys": "metadata.x"}, "guard": {"max-file-size": -1}, "pair": 3}',
    );
    const r = validateConfig(layers);
    expect(r.errors).toEqual([
      expect.stringMatching(/^pyproject\.toml: unknown key \[tool\.ml-hooks\] notebook \(known keys: notebooks, exclude, strip, pair, guard, output-store\)$/),
      'pyproject.toml: [tool.ml-hooks.strip] keep-count must be true or false, got "yes"',
      expect.stringMatching(/^pyproject\.toml: \[tool\.ml-hooks\.strip\] max-size must be a size such as "50", "10k" or "1M"/),
      'pyproject.toml: [tool.ml-hooks.guard] unstripped-notebooks must be "block" or "warn" or "off", got "maybe"',
      '.ml-hooks.json: strip.extra-keys must be a list of strings, e.g. ["a", "b"], got "metadata.x"',
      expect.stringMatching(/^\.ml-hooks\.json: guard\.max-file-size must be a size .*, got -1$/),
      expect.stringMatching(/^\.ml-hooks\.json: pair must be a table of settings, got 3$/),
    ]);
    // invalid values leave the default in place
    expect(r.config.strip.keepCount).toBe(false);
  });

  test('unparsable files are errors naming the file', async () => {
    const r = await configLayers('[tool.ml-hooks\nx=', '{nope');
    expect(r.errors).toEqual([expect.stringMatching(/^pyproject\.toml: cannot be read as configuration: /), expect.stringMatching(/^\.ml-hooks\.json: cannot be read/)]);
  });

  test('.ml-hooks.json wins over pyproject.toml key by key, with a warning for keys set in both', async () => {
    const { layers } = await configLayers('[tool.ml-hooks.strip]\nkeep-count = true\nkeep-id = true\n', '{"$schema": "x", "strip": {"keep-count": false}}');
    const r = validateConfig(layers);
    expect(r.errors).toEqual([]);
    expect(r.config.strip.keepCount).toBe(false);
    expect(r.config.strip.keepId).toBe(true);
    expect(r.origins['strip.keep-count']).toEqual({ file: '.ml-hooks.json', key: 'strip.keep-count' });
    expect(r.warnings).toEqual([expect.stringContaining('strip.keep-count is set in both pyproject.toml and .ml-hooks.json')]);
  });
});

test('nbstripout git config keys are appended after the project lists', async () => {
  const { layers } = await configLayers(undefined, '{"strip": {"extra-keys": ["metadata.a"]}}');
  const base = validateConfig(layers);
  const r = applyNbstripoutGitConfig(base, { extrakeys: ' metadata.b  metadata.a ', keepmetadatakeys: 'cell.metadata.collapsed' });
  expect(r.config.strip.extraKeys).toEqual(['metadata.a', 'metadata.b']);
  expect(r.config.strip.keepMetadataKeys).toEqual(['cell.metadata.collapsed']);
  expect(describeOrigin(r.origins['strip.extra-keys'])).toBe('set in git config filter.nbstripout.extrakeys');
  expect(base.config.strip.extraKeys).toEqual(['metadata.a']); // pure
  expect(applyNbstripoutGitConfig(base, {})).toBe(base);
});

test('the strip section converts to StripOptions (defaults equal the engine defaults)', () => {
  expect(stripOptionsFromConfig(DEFAULT_CONFIG.strip)).toEqual(DEFAULT_STRIP_OPTIONS);
  const opts = stripOptionsFromConfig({ ...DEFAULT_CONFIG.strip, keepOutputTypes: ['stream'], dropOutputTypes: ['error'], maxSize: 10 }, 'a/b.zpln');
  expect(opts).toMatchObject({ keepOutputTypes: ['stream'], dropOutputTypes: ['error'], maxSize: 10, mode: 'zeppelin' });
});

test('path matcher: globs without a slash match anywhere, exclusions win', async () => {
  const m = await makePathMatcher(['*.ipynb'], ['scratch/**']);
  expect(m('a.ipynb')).toBe(true);
  expect(m('deep/dir/with space/b.ipynb')).toBe(true);
  expect(m('.hidden/c.ipynb')).toBe(true);
  expect(m('scratch/d.ipynb')).toBe(false);
  expect(m('e.py')).toBe(false);
  const d = await makePathMatcher(DEFAULT_CONFIG.notebooks, []);
  expect(d('x.ipynb')).toBe(true);
  expect(d('a/b/x.ipynb')).toBe(true);
  expect(d('x.ipynb.bak')).toBe(false);
  expect(d('.ipynb')).toBe(false);
  // globs other than a plain suffix go through minimatch, and agree with the suffix fast path
  const g = await makePathMatcher(['notebooks/**/*.ipynb', '*.zpln'], ['**/*-wip.ipynb']);
  expect(['notebooks/a.ipynb', 'notebooks/x/b.ipynb', 'other/c.ipynb', 'z/n.zpln', 'notebooks/d-wip.ipynb'].map(g)).toEqual([true, true, false, true, false]);
  const viaMinimatch = await makePathMatcher(['**/*.{ipynb,zzz}'], []);
  for (const p of ['a.ipynb', 'x/y/a.ipynb', '.h/a.ipynb', 'a.ipynbx', 'a.py']) expect(viaMinimatch(p)).toBe(d(p));
});

test('byte sizes', () => {
  expect(parseByteSize('1MB')).toBe(1_000_000);
  expect(parseByteSize('1.5 GB')).toBe(1_500_000_000);
  expect(parseByteSize('512KiB')).toBe(524_288);
  expect(parseByteSize('50k')).toBe(50_000);
  expect(parseByteSize(1234)).toBe(1234);
  expect(parseByteSize('12 parsecs')).toBeUndefined();
  expect(parseByteSize(-3)).toBeUndefined();
  expect(parseByteSize(true)).toBeUndefined();
});

test('the default configuration templates hold exactly the defaults and every known key', async () => {
  const { readFileSync } = await import('node:fs');
  const { REPO_ROOT } = await import('../helpers/cli.js');
  const { knownKeys } = await import('../../src/config/validateConfig.js');
  const toml = readFileSync(`${REPO_ROOT}/templates/pyproject-ml-hooks.toml`, 'utf8');
  const json = readFileSync(`${REPO_ROOT}/templates/ml-hooks.json`, 'utf8');
  for (const [py, js] of [[toml, undefined], [undefined, json]] as const) {
    const { layers, errors } = await configLayers(py, js);
    expect(errors).toEqual([]);
    const r = validateConfig(layers);
    expect(r.errors).toEqual([]);
    expect(r.config).toEqual(DEFAULT_CONFIG);
  }
  // every key is documented in the TOML template (max-size commented out: it has no default)
  for (const [section, keys] of Object.entries(knownKeys())) {
    for (const key of keys) expect(toml).toMatch(new RegExp(`^#? ?${key} = `, 'm'));
    if (section) expect(toml).toContain(`[tool.ml-hooks.${section}]`);
  }
});

test('loadRepoStripOptions: the repository configuration with nbstripout git keys; nothing outside a repository', async () => {
  const { loadRepoStripOptions } = await import('../../src/config/loadRepoStripOptions.js');
  const { makeRepo } = await import('../helpers/gitRepo.js');
  const { makeTempDir } = await import('../helpers/cli.js');
  const repo = makeRepo();
  const outside = makeTempDir();
  try {
    repo.write('pyproject.toml', '[tool.ml-hooks.strip]\nkeep-count = true\n');
    repo.git('config', 'filter.nbstripout.extrakeys', 'metadata.foo');
    repo.write('sub/dir/x.txt', '');
    const r = await loadRepoStripOptions(`${repo.path}/sub/dir`);
    expect('options' in r && r.options).toMatchObject({ keepCount: true, extraKeys: ['metadata.foo'] });
    repo.write('.ml-hooks.json', '{"strip": {"keep-id": 1}}');
    expect(await loadRepoStripOptions(repo.path)).toEqual({ errors: ['.ml-hooks.json: strip.keep-id must be true or false, got 1'] });
    expect(await loadRepoStripOptions(outside.path, { ...process.env, GIT_CEILING_DIRECTORIES: outside.path })).toEqual({ options: undefined, root: undefined });
  } finally {
    repo.cleanup();
    outside.cleanup();
  }
});
