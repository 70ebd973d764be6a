// The pairing settings as the commands and hooks use them: ml-hooks' own keys from the one shared,
// validated configuration loader, and Jupytext's settings (jupytext.toml, [tool.jupytext]) read
// beside them so a repository that already uses Jupytext keeps working.
import { loadConfig } from '../config/loadConfig.js';
import type { ConfigResult } from '../config/validateConfig.js';
import { PairConfigError, readPairConfig, type PairConfig } from './pairConfig.js';

/** Combines Jupytext's settings with the validated `[tool.ml-hooks.pair]` values. */
export function pairConfigWith(jupytext: PairConfig, { config, origins }: Pick<ConfigResult, 'config' | 'origins'>): PairConfig {
  const origin = origins['pair.format'] ?? origins['pair.notebooks'];
  const source = origin && origin.file !== 'default' ? `${origin.file} ${origin.key}` : undefined;
  const { source: _ignored, ...rest } = jupytext;
  return { ...rest, notebooks: config.pair.notebooks, format: config.pair.format, ...(source ? { source } : {}) };
}

/** Throws PairConfigError (one message naming file and key) when the configuration is invalid. */
export async function loadPairConfig(root: string): Promise<PairConfig> {
  const result = await loadConfig(root);
  if (result.errors.length > 0) throw new PairConfigError(result.errors.join('\n'));
  return pairConfigWith(readPairConfig(root), result);
}
