import { test, expect, describe } from '@jest/globals';
import { validateConfig } from '../../src/config/validateConfig.js';
import { settingsFromTexts } from '../../src/settings/loadSettings.js';
import { applyNbstripoutGitConfig } from '../../src/config/applyNbstripoutGitConfig.js';
import { compileIncludeExclude, compilePathRules } from '../../src/config/pathRules.js';
import { parseByteSize } from '../../src/config/parseByteSize.js';
import { DEFAULT_CONFIG, describeOrigin } from '../../src/config/mlHooksConfig.js';
import { DEFAULT_STRIP_OPTIONS } from '../../src/notebook/stripOptions.js';

/** The settings of a repository holding these files (no file: undefined). */
const load = (pyproject?: string, json?: string, nbstripout = {}) => settingsFromTexts('/repo', { pyproject, json, jupytext: [] }, nbstripout);

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
    const r = await load(TOML);
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
    expect((await load()).config).toEqual(DEFAULT_CONFIG);
    expect(validateConfig([]).config).toEqual(DEFAULT_CONFIG);
    // a pyproject.toml without our table (even a broken one) is not parsed, and is no error
    const other = await load('[project]\nname = "x"\n[broken\n');
    expect(other.errors).toEqual([]);
    expect(other.config).toEqual(DEFAULT_CONFIG);
  });

  test('unknown keys and wrong types name the file, the key and what was expected', async () => {
    const r = await load(
      '[tool.ml-hooks]\nnotebook = ["x"]\n[tool.ml-hooks.strip]\nkeep-count = "yes"\nmax-size = "huge"\n[tool.ml-hooks.guard]\nunstripped-notebooks = "maybe"\n',
      '{"strip": {"extra-keys": "metadata.x"}, "guard": {"max-file-size": -1}, "pair": 3}',
    );
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
    const r = await load('[tool.ml-hooks]\nx = \n', '{nope');
    expect(r.errors).toEqual([
      'pyproject.toml: cannot be read as configuration: not valid TOML: invalid value (line 2, column 5)',
      '.ml-hooks.json: cannot be read as configuration: not valid JSON: Expected property name or \'}\' (line 1, column 2)',
    ]);
    // a byte order mark, which editors on Windows write, is no error
    expect((await load(undefined, '\uFEFF{"strip": {"keep-count": true}}')).config.strip.keepCount).toBe(true);
  });

  test('.ml-hooks.json wins over pyproject.toml key by key, with a warning for keys set in both', async () => {
    const r = await load('[tool.ml-hooks.strip]\nkeep-count = true\nkeep-id = true\n', '{"$schema": "x", "strip": {"keep-count": false}}');
    expect(r.errors).toEqual([]);
    expect(r.config.strip.keepCount).toBe(false);
    expect(r.config.strip.keepId).toBe(true);
    expect(r.origins['strip.keep-count']).toEqual({ file: '.ml-hooks.json', key: 'strip.keep-count' });
    expect(r.warnings).toEqual([expect.stringContaining('strip.keep-count is set in both pyproject.toml and .ml-hooks.json')]);
  });
});

test('nbstripout git config keys are appended after the project lists', async () => {
  const base = validateConfig([{ file: '.ml-hooks.json', format: 'json', data: { strip: { 'extra-keys': ['metadata.a'] } } }]);
  const r = applyNbstripoutGitConfig(base, { extrakeys: ' metadata.b  metadata.a ', keepmetadatakeys: 'cell.metadata.collapsed' });
  expect(r.config.strip.extraKeys).toEqual(['metadata.a', 'metadata.b']);
  expect(r.config.strip.keepMetadataKeys).toEqual(['cell.metadata.collapsed']);
  expect(describeOrigin(r.origins['strip.extra-keys'])).toBe('set in git config filter.nbstripout.extrakeys');
  expect(base.config.strip.extraKeys).toEqual(['metadata.a']); // pure
  expect(applyNbstripoutGitConfig(base, {})).toBe(base);
});

test('the strip section becomes StripOptions (defaults equal the engine defaults), with nbstripout\'s git keys merged once', async () => {
  expect((await load()).stripOptionsFor('a.ipynb')).toEqual(DEFAULT_STRIP_OPTIONS);
  const s = await load('[tool.ml-hooks.strip]\nkeep-output-type = ["stream"]\ndrop-output-type = ["error"]\nmax-size = 10\nextra-keys = ["metadata.a"]\n', undefined, { extrakeys: 'metadata.b' });
  expect(s.stripOptionsFor('a/b.zpln')).toMatchObject({ keepOutputTypes: ['stream'], dropOutputTypes: ['error'], maxSize: 10, mode: 'zeppelin', extraKeys: ['metadata.a', 'metadata.b'] });
  expect(s.stripOptionsFor('a/b.ipynb').mode).toBe('jupyter');
});

test('path rules: one dialect everywhere; a rule without a slash matches in any folder, exclusions win', async () => {
  const m = await compileIncludeExclude(['*.ipynb'], ['scratch/**']);
  expect(m('a.ipynb')).toBe(true);
  expect(m('deep/dir/with space/b.ipynb')).toBe(true);
  expect(m('.hidden/c.ipynb')).toBe(true);
  expect(m('scratch/d.ipynb')).toBe(false);
  expect(m('e.py')).toBe(false);
  const d = await compilePathRules(DEFAULT_CONFIG.notebooks);
  expect(d('x.ipynb')).toBe(true);
  expect(d('a/b/x.ipynb')).toBe(true);
  expect(d('x.ipynb.bak')).toBe(false);
  expect(d('.ipynb')).toBe(false);
  // globs other than a plain suffix go through minimatch, and agree with the suffix fast path
  const g = await compileIncludeExclude(['notebooks/**/*.ipynb', '*.zpln'], ['**/*-wip.ipynb']);
  expect(['notebooks/a.ipynb', 'notebooks/x/b.ipynb', 'other/c.ipynb', 'z/n.zpln', 'notebooks/d-wip.ipynb'].map(g)).toEqual([true, true, false, true, false]);
  const viaMinimatch = await compilePathRules(['**/*.{ipynb,zzz}']);
  for (const p of ['a.ipynb', 'x/y/a.ipynb', '.h/a.ipynb', 'a.ipynbx', 'a.py']) expect(viaMinimatch(p)).toBe(d(p));
  // a name without a slash in any folder; a leading slash anchors; a trailing slash is a folder
  const r = await compilePathRules(['scratch-*.ipynb', '/top.ipynb', 'data/', 'keep/**']);
  expect(['scratch-1.ipynb', 'a/b/scratch-2.ipynb', 'top.ipynb', 'sub/top.ipynb', 'data/x/y.csv', 'sub/data/z', 'keep/a.ipynb', 'x/keep/a.ipynb'].map(r)).toEqual([
    true, true, true, false, true, false, true, false,
  ]);
});

test('every setting that names paths uses the same dialect (notebooks, exclude, pair.notebooks, guard.allow)', async () => {
  const s = await load('[tool.ml-hooks]\nnotebooks = ["*.ipynb"]\nexclude = ["keep/**"]\n[tool.ml-hooks.pair]\nnotebooks = ["*.ipynb"]\n[tool.ml-hooks.guard]\nallow = ["*.png"]\n');
  expect([s.isNotebook('sub/a.ipynb'), s.pairing.pairs('sub/a.ipynb'), s.guard.isAllowed('sub/pic.png'), s.guard.isNotebook('sub/a.ipynb')]).toEqual([true, true, true, true]);
  // exclude applies to every rule that says what is a notebook, at commit and at push alike
  expect([s.isNotebook('keep/a.ipynb'), s.pairing.pairs('keep/a.ipynb'), s.guard.isNotebook('keep/a.ipynb')]).toEqual([false, false, false]);
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

test.each([
  ['a trailing comma', '{\n  "strip": {\n    "keep-id": true,\n  }\n}\n', "Expected double-quoted property name (line 4, column 3)"],
  ['a missing colon', '{"guard" {}}', "Expected ':' after property name (line 1, column 10)"],
  ['a table left open', '{\n  "strip": {\n', "Expected property name or '}' (line 3, column 1)"],
  ['the file ending inside a value', '{\n  "strip": tr', 'Unexpected end of JSON input (line 2, column 14)'],
  ['an empty file', '', 'Unexpected end of JSON input (line 1, column 1)'],
  ['text after the document', '{}\n}', 'Unexpected non-whitespace character after JSON (line 2, column 1)'],
  ['CRLF lines', '{\r\n"a": 1\r\n"b": 2}', "Expected ',' or '}' after property value (line 3, column 1)"],
  ['a Python True', '{\n  "strip": {"keep-id": True}\n}\n', "Unexpected token 'T' (line 2, column 24)"],
  ['a // comment', '{\n  // keep ids\n  "strip": {}\n}\n', "Expected property name or '}' (line 2, column 3)"],
  ['a value that is no JSON', '{"strip": {"keep-id": yes\n}}', "Unexpected token 'y' (line 1, column 23)"],
])('a JSON syntax error (%s) names the line and column, as the TOML errors do', async (_label, json, detail) => {
  expect((await load(undefined, json)).errors).toEqual([`.ml-hooks.json: cannot be read as configuration: not valid JSON: ${detail}`]);
});

test('`ml-hooks install --help`, which every configuration error points at, lists every key the validator accepts', async () => {
  const { configKeys } = await import('../../src/config/validateConfig.js');
  const { runCli } = await import('../helpers/cli.js');
  const help = runCli(['install', '--help']).stdout;
  const keys = configKeys();
  expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(['notebooks', 'strip.keep-output', 'pair.format', 'guard.max-file-size', 'output-store.max-size']));
  for (const k of keys) expect(help).toMatch(new RegExp(`^  ${k.key.replace(/[.]/g, '\\.')} +${k.expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; default ${k.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  expect(help).toContain('  guard.max-binary-size       a size such as "500k", "1MB", "2GB" or a number of bytes; default "1MB"\n');
  expect(help).toContain('  strip.max-size              a size such as "50", "10k" or "1M" (as nbstripout --max-size); default none\n');
  const error = await load(undefined, '{"strip": {"keep-id": 1}}');
  expect(error.errors).toEqual(['.ml-hooks.json: strip.keep-id must be true or false, got 1']);
});

test('the default configuration templates hold exactly the defaults and every known key', async () => {
  const { readFileSync } = await import('node:fs');
  const { REPO_ROOT } = await import('../helpers/cli.js');
  const { knownKeys } = await import('../../src/config/validateConfig.js');
  const toml = readFileSync(`${REPO_ROOT}/templates/pyproject-ml-hooks.toml`, 'utf8');
  const json = readFileSync(`${REPO_ROOT}/templates/ml-hooks.json`, 'utf8');
  for (const [py, js] of [[toml, undefined], [undefined, json]] as const) {
    const r = await load(py, js);
    expect(r.errors).toEqual([]);
    expect(r.config).toEqual(DEFAULT_CONFIG);
  }
  // every key is documented in the TOML template (max-size commented out: it has no default)
  for (const [section, keys] of Object.entries(knownKeys())) {
    for (const key of keys) expect(toml).toMatch(new RegExp(`^#? ?${key} = `, 'm'));
    if (section) expect(toml).toContain(`[tool.ml-hooks.${section}]`);
  }
});

test('Jupytext settings are a layer of the same loader, and a bad one is an error, never a throw', async () => {
  const withTable = await settingsFromTexts('/repo', { pyproject: '[tool.jupytext]\nformats = "ipynb,py:percent"\nnotebook_metadata_filter = "-all"\n', json: undefined, jupytext: [] }, {});
  expect(withTable.pairing).toMatchObject({ jupytextFormats: 'ipynb,py:percent', jupytextSource: 'pyproject.toml [tool.jupytext] formats' });
  expect(withTable.jupytext.options).toEqual({ notebook_metadata_filter: '-all' });
  const file = await settingsFromTexts('/repo', { pyproject: undefined, json: undefined, jupytext: [{ name: 'jupytext.toml', text: '[formats]\n"notebooks/" = "ipynb"\n"scripts/" = "py:percent"\n' }] }, {});
  expect(file.pairing.jupytextFormats).toBe('notebooks///ipynb,scripts///py:percent');
  const broken = await settingsFromTexts('/repo', { pyproject: undefined, json: undefined, jupytext: [{ name: 'jupytext.toml', text: 'formats = \n' }] }, {});
  expect(broken.errors).toEqual([expect.stringMatching(/^jupytext\.toml: cannot be read as configuration: not valid TOML: .*\(line 1, column \d+\)$/)]);
  const wrong = await settingsFromTexts('/repo', { pyproject: undefined, json: undefined, jupytext: [{ name: 'jupytext.toml', text: 'formats = 3\n' }] }, {});
  expect(wrong.errors).toEqual([expect.stringMatching(/^jupytext\.toml: formats must be a string/)]);
});

test('loadSettings reads the repository files and nbstripout git keys', async () => {
  const { loadSettings } = await import('../../src/settings/loadSettings.js');
  const { makeRepo } = await import('../helpers/gitRepo.js');
  const repo = makeRepo();
  try {
    repo.write('pyproject.toml', '[tool.ml-hooks.strip]\nkeep-count = true\n');
    repo.git('config', 'filter.nbstripout.extrakeys', 'metadata.foo');
    const s = await loadSettings(repo.path);
    expect(s.stripOptionsFor('x.ipynb')).toMatchObject({ keepCount: true, extraKeys: ['metadata.foo'] });
    repo.write('.ml-hooks.json', '{"strip": {"keep-id": 1}}');
    expect((await loadSettings(repo.path)).errors).toEqual(['.ml-hooks.json: strip.keep-id must be true or false, got 1']);
  } finally {
    repo.cleanup();
  }
});

test('the configuration file messages name: the one in use, else the one install would write', async () => {
  const cases: [string | undefined, string | undefined, { file: string; format: string }][] = [
    [undefined, undefined, { file: '.ml-hooks.json', format: 'json' }],
    ['[project]\nname = "x"\n', undefined, { file: 'pyproject.toml', format: 'toml' }],
    ['[tool.ml-hooks.guard]\nallow = ["a"]\n', undefined, { file: 'pyproject.toml', format: 'toml' }],
    [undefined, '{}', { file: '.ml-hooks.json', format: 'json' }],
    ['[tool.ml-hooks.guard]\nallow = ["a"]\n', '{"notebooks": ["*.ipynb"]}', { file: '.ml-hooks.json', format: 'json' }],
  ];
  for (const [pyproject, json, expected] of cases) {
    const s = await load(pyproject, json);
    expect({ pyproject, json, configFile: s.configFile }).toEqual({ pyproject, json, configFile: expected });
    expect(s.guard.configFile).toEqual(expected);
    // a default limit says where to change it; a limit set in a file names that file
    expect(s.guard.maxBinarySize.source).toEqual({ file: undefined, key: 'max-binary-size', changeIn: expected });
  }
  const set = await load(undefined, '{"guard": {"max-file-size": "5MB"}}');
  expect(set.guard.maxFileSize.source).toEqual({ file: '.ml-hooks.json', key: 'max-file-size', label: 'guard.max-file-size' });
});
