// The strip options of the repository around `cwd` (its configuration plus nbstripout's git config
// keys), for commands that strip outside the hooks, such as `ml-hooks strip`: with these as the
// base of the command-line flags, `ml-hooks strip`, the commit hook and the git filter agree.
// Outside a repository, or when the configuration is invalid, the result says so.
import { findWorkTreeTop } from '../git/findWorkTreeTop.js';
import { loadConfig } from './loadConfig.js';
import { readNbstripoutGitConfig } from '../git/readNbstripoutGitConfig.js';
import { stripOptionsFromConfig } from './stripOptionsFromConfig.js';
import type { StripOptions } from '../notebook/stripOptions.js';

export type RepoStripOptions = { options: StripOptions; root: string } | { options: undefined; root: undefined } | { errors: string[] };

export async function loadRepoStripOptions(cwd: string, env?: NodeJS.ProcessEnv): Promise<RepoStripOptions> {
  const root = findWorkTreeTop(cwd, env);
  if (root === undefined) return { options: undefined, root: undefined };
  const result = await loadConfig(root, await readNbstripoutGitConfig(cwd, env));
  if (result.errors.length > 0) return { errors: result.errors };
  return { options: stripOptionsFromConfig(result.config.strip), root };
}
