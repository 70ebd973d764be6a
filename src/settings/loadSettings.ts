// The one settings loader: reads a repository's configuration files once per run and answers
// every question the commands and hooks ask (src/config/settings.ts). Never throws for bad
// configuration: errors and warnings come back in the settings, naming the file, the key, and
// for syntax errors the line and column.
//
// Precedence, lowest first (later wins key by key; lists are replaced, not merged):
//   1. built-in defaults (DEFAULT_CONFIG)
//   2. pyproject.toml, table [tool.ml-hooks] (and [tool.ml-hooks.strip|pair|guard|output-store])
//   3. .ml-hooks.json at the repository root (same keys; for repositories without pyproject.toml)
//      A key set in both files is a warning: the JSON value wins.
//   4. nbstripout's git config, `filter.nbstripout.extrakeys` / `keepmetadatakeys`: appended to
//      strip.extra-keys / strip.keep-metadata-keys (so nbstripout users keep their settings).
//   5. command-line flags of `ml-hooks strip` (applied by that command on top of this).
// Jupytext's own settings (jupytext.toml, .jupytext.toml, [tool.jupytext]) are a layer of their
// own: they say which notebooks are paired and how, when the ml-hooks settings do not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig, type ConfigLayer } from '../config/validateConfig.js';
import { applyNbstripoutGitConfig } from '../config/applyNbstripoutGitConfig.js';
import { compilePathRules } from '../config/pathRules.js';
import { makeSettings, type JupytextSettings, type Settings } from '../config/settings.js';
import type { ConfigFileInUse } from '../config/mlHooksConfig.js';
import { readNbstripoutGitConfig } from '../git/readNbstripoutGitConfig.js';
import { unreadableConfig } from '../messages/config.js';

export const PYPROJECT = 'pyproject.toml';
export const JSON_CONFIG = '.ml-hooks.json';
export const JUPYTEXT_CONFIGS = ['jupytext.toml', '.jupytext.toml'] as const;

export interface LoadSettingsOptions {
  /** Read nbstripout's git config keys (false where no notebook will be stripped). */
  nbstripout?: boolean;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}

/** The repository's settings. `root` is its work-tree top. */
export async function loadSettings(root: string, env: NodeJS.ProcessEnv = process.env, options: LoadSettingsOptions = {}): Promise<Settings> {
  const files = {
    pyproject: readIfExists(join(root, PYPROJECT)),
    json: readIfExists(join(root, JSON_CONFIG)),
    jupytext: JUPYTEXT_CONFIGS.map((name) => ({ name, text: readIfExists(join(root, name)) })),
  };
  return settingsFromTexts(root, files, options.nbstripout === false ? {} : await readNbstripoutGitConfig(root, env));
}

export interface ConfigTexts {
  pyproject: string | undefined;
  json: string | undefined;
  jupytext: readonly { name: string; text: string | undefined }[];
}

/** Settings from the files' texts and nbstripout's keys (no I/O besides the lazy parsers). */
export async function settingsFromTexts(root: string, files: ConfigTexts, nbstripout: { extrakeys?: string; keepmetadatakeys?: string }): Promise<Settings> {
  const layers: ConfigLayer[] = [];
  const errors: string[] = [];
  // A byte order mark (editors on Windows write one) is not part of the document.
  const bomless = (text: string | undefined) => text?.replace(/^\uFEFF/, '');
  files = { pyproject: bomless(files.pyproject), json: bomless(files.json), jupytext: files.jupytext.map((f) => ({ name: f.name, text: bomless(f.text) })) };
  // Most pyproject.toml files have no ml-hooks or jupytext table: skip loading the TOML parser.
  const pyproject = files.pyproject !== undefined && /ml-hooks|jupytext/.test(files.pyproject) ? await parseToml(PYPROJECT, files.pyproject, errors) : undefined;
  const tool = isTable(pyproject?.tool) ? pyproject.tool : undefined;
  if (tool && Object.hasOwn(tool, 'ml-hooks')) layers.push({ file: PYPROJECT, format: 'toml', data: tool['ml-hooks'] });
  if (files.json !== undefined) {
    try {
      layers.push({ file: JSON_CONFIG, format: 'json', data: JSON.parse(files.json) as unknown });
    } catch (error) {
      // (the exact parser, loaded only for a broken file, places what node names without a position)
      const { errorPosition } = await import('../notebook/pyjson.js');
      errors.push(unreadableConfig(JSON_CONFIG, jsonSyntaxError(files.json, (error as Error).message, errorPosition(files.json))));
    }
  }
  const validated = applyNbstripoutGitConfig(validateConfig(layers), nbstripout);
  const jupytext = await jupytextSettings(files.jupytext, tool, errors);
  const { config } = validated;
  const [notebooks, exclude, pairs, allow] = await Promise.all([
    compilePathRules(config.notebooks),
    compilePathRules(config.exclude),
    compilePathRules(config.pair.notebooks),
    compilePathRules(config.guard.allow),
  ]);
  return makeSettings({
    root,
    config,
    origins: validated.origins,
    errors: [...errors, ...validated.errors],
    warnings: validated.warnings,
    jupytext,
    configFile: configFileInUse(files, tool !== undefined && Object.hasOwn(tool, 'ml-hooks')),
    rules: { notebooks, exclude, pairs, allow },
  });
}

/** The file messages name: .ml-hooks.json when it exists (it wins), else pyproject.toml's table, else what install writes. */
function configFileInUse(files: ConfigTexts, pyprojectHasTable: boolean): ConfigFileInUse {
  if (files.json !== undefined || (!pyprojectHasTable && files.pyproject === undefined)) return { file: JSON_CONFIG, format: 'json' };
  return { file: PYPROJECT, format: 'toml' };
}

async function parseToml(file: string, text: string, errors: string[]): Promise<Record<string, unknown> | undefined> {
  try {
    const { parse } = await import('smol-toml');
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    const e = error as Error & { line?: number; column?: number };
    const where = e.line !== undefined ? ` (line ${e.line}, column ${e.column ?? 1})` : '';
    errors.push(unreadableConfig(file, `${firstLine(e.message).replace(/^Invalid TOML document: /, 'not valid TOML: ')}${where}`));
    return undefined;
  }
}

/** Jupytext's settings: the first of jupytext.toml, .jupytext.toml, [tool.jupytext] that exists. */
async function jupytextSettings(configs: ConfigTexts['jupytext'], tool: Record<string, unknown> | undefined, errors: string[]): Promise<JupytextSettings> {
  for (const { name, text } of configs) {
    if (text === undefined) continue;
    const table = await parseToml(name, text, errors);
    return table ? fromJupytextTable(table, name, errors) : { options: {} };
  }
  if (tool && isTable(tool.jupytext)) return fromJupytextTable(tool.jupytext, `${PYPROJECT} [tool.jupytext]`, errors);
  return { options: {} };
}

function fromJupytextTable(table: Record<string, unknown>, source: string, errors: string[]): JupytextSettings {
  const { formats, ...options } = table;
  if (formats === undefined) return { options };
  const text = formatsText(formats);
  if (text === undefined) {
    errors.push(`${source}: formats must be a string such as "ipynb,py:percent", a list of formats, or a table of folder = format`);
    return { options };
  }
  return { formats: text, formatsSource: `${source.startsWith(PYPROJECT) ? source : `${source}`} formats`, options };
}

/** Jupytext writes `formats` as a string, a list, or {"notebooks/" = "ipynb", "scripts/" = "py:percent"}. */
function formatsText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  if (isTable(value) && Object.values(value).every((v) => typeof v === 'string')) {
    return Object.entries(value)
      .map(([prefix, fmt]) => (prefix ? `${prefix.endsWith('/') ? prefix : `${prefix}/`}//${fmt as string}` : (fmt as string)))
      .join(',');
  }
  return undefined;
}

/**
 * node's JSON.parse message with the line and column, as the TOML errors give them. node says
 * "Expected ',' or '}' after property value in JSON at position 42" (node 22 adds
 * "(line 3 column 5)"), "Unexpected non-whitespace character after JSON at position 3",
 * "Unexpected end of JSON input", or, with no position, "Unexpected token 'T', "{"a": True}" is
 * not valid JSON" (quoting the text, cut at a newline): then `fallback`, where the exact parser
 * stopped, places it, and the quoted text is left out.
 */
export function jsonSyntaxError(text: string, message: string, fallback?: number): string {
  const first = firstLine(message);
  const at = /^(.*?)(?: in JSON)? at position (\d+)/.exec(first);
  const position = at ? Number(at[2]) : /Unexpected end of JSON input/.test(first) ? text.length : fallback;
  const what = (at ? at[1]! : first.replace(/^(Unexpected token .+?), .*$/, '$1')).replace(/ \(line \d+ column \d+\)$/, '');
  if (position === undefined) return `not valid JSON: ${what}`;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return `not valid JSON: ${what} (line ${line}, column ${column})`;
}

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const firstLine = (text: string) => text.split('\n')[0]!.trim();
