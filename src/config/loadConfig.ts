// Reads the configuration of the repository at `root`.
//
// Precedence, lowest first (later wins key by key; lists are replaced, not merged):
//   1. built-in defaults (DEFAULT_CONFIG)
//   2. pyproject.toml, table [tool.ml-hooks] (and [tool.ml-hooks.strip|pair|guard])
//   3. .ml-hooks.json at the repository root (same keys; for repositories without pyproject.toml)
//      A key set in both files is a warning: the JSON value wins.
//   4. nbstripout's git config, `filter.nbstripout.extrakeys` / `keepmetadatakeys`: appended to
//      strip.extra-keys / strip.keep-metadata-keys (so nbstripout users keep their settings).
//   5. command-line flags of `ml-hooks strip` (applied by that command on top of this).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig, type ConfigLayer, type ConfigResult } from './validateConfig.js';
import { applyNbstripoutGitConfig, type NbstripoutGitConfig } from './applyNbstripoutGitConfig.js';
import { unreadableConfig } from '../messages/config.js';

export const PYPROJECT = 'pyproject.toml';
export const JSON_CONFIG = '.ml-hooks.json';

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Parses the two files' text into layers; errors name the file. Pure apart from the TOML import. */
export async function configLayers(pyproject: string | undefined, json: string | undefined): Promise<{ layers: ConfigLayer[]; errors: string[] }> {
  const layers: ConfigLayer[] = [];
  const errors: string[] = [];
  // Most pyproject.toml files have no ml-hooks table: skip loading the TOML parser for them.
  if (pyproject !== undefined && pyproject.includes('ml-hooks')) {
    try {
      const { parse } = await import('smol-toml');
      const tool = parse(pyproject).tool as Record<string, unknown> | undefined;
      if (tool && typeof tool === 'object' && Object.hasOwn(tool, 'ml-hooks')) layers.push({ file: PYPROJECT, format: 'toml', data: tool['ml-hooks'] });
    } catch (error) {
      errors.push(unreadableConfig(PYPROJECT, firstLine((error as Error).message)));
    }
  }
  if (json !== undefined) {
    try {
      layers.push({ file: JSON_CONFIG, format: 'json', data: JSON.parse(json) as unknown });
    } catch (error) {
      errors.push(unreadableConfig(JSON_CONFIG, firstLine((error as Error).message)));
    }
  }
  return { layers, errors };
}

const firstLine = (text: string) => text.split('\n')[0]!.trim();

export async function loadConfig(root: string, nbstripout: NbstripoutGitConfig = {}): Promise<ConfigResult> {
  const { layers, errors } = await configLayers(readIfExists(join(root, PYPROJECT)), readIfExists(join(root, JSON_CONFIG)));
  const result = validateConfig(layers);
  return applyNbstripoutGitConfig({ ...result, errors: [...errors, ...result.errors] }, nbstripout);
}
