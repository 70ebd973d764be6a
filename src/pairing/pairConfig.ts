// The pairing settings of a repository, from its committed configuration:
//   [tool.ml-hooks.pair] in pyproject.toml (or "pair" in .ml-hooks.json): notebooks (globs), format
//   Jupytext's own settings, kept working: jupytext.toml / .jupytext.toml `formats`, and
//   [tool.jupytext] `formats` in pyproject.toml.
// Commands and hooks go through loadPairConfig.ts, which takes ml-hooks' keys from the shared,
// validated loader (src/config/); the ml-hooks reading here serves callers without a repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';

export interface PairConfig {
  /** Globs of notebooks to pair (repository-relative). */
  notebooks: string[];
  /** Script format for them, e.g. `py:percent`. */
  format: string;
  /** Where those came from, for messages. */
  source?: string;
  /** Jupytext's `formats` setting (e.g. `ipynb,py:percent`), if the repository has one. */
  jupytextFormats?: string;
  jupytextSource?: string;
}

export const DEFAULT_PAIR_FORMAT = 'py:percent';

export class PairConfigError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the `[tool.ml-hooks.pair]` table. */
export function pairConfigFrom(table: unknown, source: string): Pick<PairConfig, 'notebooks' | 'format' | 'source'> {
  if (table === undefined) return { notebooks: [], format: DEFAULT_PAIR_FORMAT };
  if (!isRecord(table)) throw new PairConfigError(`${source}: pair must be a table`);
  const out = { notebooks: [] as string[], format: DEFAULT_PAIR_FORMAT, source };
  for (const [key, value] of Object.entries(table)) {
    if (key === 'notebooks') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new PairConfigError(`${source}: pair.notebooks must be a list of globs, e.g. ["notebooks/**/*.ipynb"]`);
      out.notebooks = value as string[];
    } else if (key === 'format') {
      if (typeof value !== 'string') throw new PairConfigError(`${source}: pair.format must be a string such as "py:percent"`);
      out.format = value;
    } else {
      throw new PairConfigError(`${source}: unknown key pair.${key} (expected notebooks or format)`);
    }
  }
  return out;
}

function readToml(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return parseToml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new PairConfigError(`${path}: not valid TOML (${(error as Error).message.split('\n')[0]})`);
  }
}

function jupytextFormats(value: unknown, source: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  // {"notebooks/" = "ipynb", "scripts/" = "py:percent"}: folders of parallel trees
  if (isRecord(value) && Object.values(value).every((v) => typeof v === 'string')) {
    return Object.entries(value)
      .map(([prefix, fmt]) => (prefix ? `${prefix.endsWith('/') ? prefix : prefix + '/'}//${fmt as string}` : (fmt as string)))
      .join(',');
  }
  throw new PairConfigError(`${source}: formats must be a string such as "ipynb,py:percent"`);
}

/** Reads the pairing settings at the repository root. */
export function readPairConfig(root: string): PairConfig {
  const pyproject = readToml(join(root, 'pyproject.toml'));
  const tool = isRecord(pyproject?.tool) ? pyproject.tool : undefined;
  let config: PairConfig = { notebooks: [], format: DEFAULT_PAIR_FORMAT };
  const mlHooks = isRecord(tool?.['ml-hooks']) ? tool['ml-hooks'] : undefined;
  if (mlHooks && 'pair' in mlHooks) {
    config = { ...config, ...pairConfigFrom(mlHooks.pair, 'pyproject.toml [tool.ml-hooks.pair]') };
  } else if (existsSync(join(root, '.ml-hooks.json'))) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(root, '.ml-hooks.json'), 'utf8'));
    } catch (error) {
      throw new PairConfigError(`.ml-hooks.json: not valid JSON (${(error as Error).message})`);
    }
    if (isRecord(json) && 'pair' in json) config = { ...config, ...pairConfigFrom(json.pair, '.ml-hooks.json "pair"') };
  }
  for (const name of ['jupytext.toml', '.jupytext.toml']) {
    const toml = readToml(join(root, name));
    const formats = jupytextFormats(toml?.formats, name);
    if (formats !== undefined) return { ...config, jupytextFormats: formats, jupytextSource: `${name} formats` };
  }
  const jt = isRecord(tool?.jupytext) ? tool.jupytext : undefined;
  const formats = jupytextFormats(jt?.formats, 'pyproject.toml [tool.jupytext]');
  if (formats !== undefined) return { ...config, jupytextFormats: formats, jupytextSource: 'pyproject.toml [tool.jupytext] formats' };
  return config;
}
