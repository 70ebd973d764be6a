// nbstripout keeps extra keys in git config (`git config filter.nbstripout.extrakeys "..."`).
// Users migrating from nbstripout keep those settings: they are appended after the project's own
// lists (nbstripout itself adds its command-line keys to the git config ones the same way).
import type { ConfigResult } from './validateConfig.js';

export interface NbstripoutGitConfig {
  /** `filter.nbstripout.extrakeys`: space-separated keys. */
  extrakeys?: string;
  /** `filter.nbstripout.keepmetadatakeys`: space-separated keys. */
  keepmetadatakeys?: string;
}

const words = (text: string | undefined): string[] => (text ?? '').split(/\s+/).filter((w) => w !== '');

/** Returns a new result with the git config keys appended (pure). */
export function applyNbstripoutGitConfig(result: ConfigResult, git: NbstripoutGitConfig): ConfigResult {
  const extra = words(git.extrakeys);
  const keep = words(git.keepmetadatakeys);
  if (extra.length === 0 && keep.length === 0) return result;
  const config = structuredClone(result.config);
  const origins = { ...result.origins };
  if (extra.length > 0) {
    config.strip.extraKeys = [...config.strip.extraKeys, ...extra.filter((k) => !config.strip.extraKeys.includes(k))];
    origins['strip.extra-keys'] = { file: 'git config', key: 'filter.nbstripout.extrakeys' };
  }
  if (keep.length > 0) {
    config.strip.keepMetadataKeys = [...config.strip.keepMetadataKeys, ...keep.filter((k) => !config.strip.keepMetadataKeys.includes(k))];
    origins['strip.keep-metadata-keys'] = { file: 'git config', key: 'filter.nbstripout.keepmetadatakeys' };
  }
  return { ...result, config, origins };
}
