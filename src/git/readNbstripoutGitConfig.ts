import { runGit } from './runGit.js';
import type { NbstripoutGitConfig } from '../config/applyNbstripoutGitConfig.js';

/**
 * Reads nbstripout's `filter.nbstripout.extrakeys` / `keepmetadatakeys` with one git process.
 * Output of `git config -z --get-regexp`: "<key>\n<value>\0" per entry.
 */
export async function readNbstripoutGitConfig(cwd: string, env?: NodeJS.ProcessEnv): Promise<NbstripoutGitConfig> {
  const r = await runGit(['config', '-z', '--get-regexp', '^filter\\.nbstripout\\.(extrakeys|keepmetadatakeys)$'], { cwd, env });
  return parseNbstripoutGitConfig(r.code === 0 ? r.stdout.toString('utf8') : '');
}

export function parseNbstripoutGitConfig(output: string): NbstripoutGitConfig {
  const result: NbstripoutGitConfig = {};
  for (const entry of output.split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl === -1) continue;
    const key = entry.slice(0, nl).toLowerCase();
    const value = entry.slice(nl + 1);
    if (key === 'filter.nbstripout.extrakeys') result.extrakeys = value;
    if (key === 'filter.nbstripout.keepmetadatakeys') result.keepmetadatakeys = value;
  }
  return result;
}
