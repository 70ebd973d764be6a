import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gitSync } from './runGit.js';
import { findWorkTreeTop } from './findWorkTreeTop.js';
import type { NbstripoutGitConfig } from '../config/applyNbstripoutGitConfig.js';

/**
 * Reads nbstripout's `filter.nbstripout.extrakeys` / `keepmetadatakeys` with one git process.
 * Output of `git config -z --get-regexp`: "<key>\n<value>\0" per entry.
 */
export async function readNbstripoutGitConfig(cwd: string, env?: NodeJS.ProcessEnv): Promise<NbstripoutGitConfig> {
  if (!mayMentionNbstripout(cwd, env ?? process.env)) return {};
  // Synchronous: a short git call costs less start-up this way than with async pipes.
  const r = gitSync(['config', '-z', '--get-regexp', '^filter\\.nbstripout\\.(extrakeys|keepmetadatakeys)$'], { cwd, ...(env ? { env } : {}) });
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

/**
 * Almost no repository sets nbstripout's keys, and `ml-hooks strip` pays for every process it
 * starts. A look at git's config files decides whether git needs asking: only when one of them
 * mentions nbstripout, or uses includes, or git is configured through the environment.
 */
export function mayMentionNbstripout(cwd: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_CONFIG_PARAMETERS || env.GIT_CONFIG_COUNT || env.GIT_CONFIG || env.GIT_DIR) return true;
  const top = findWorkTreeTop(cwd, env);
  const files: string[] = [];
  if (top !== undefined) {
    const dotGit = join(top, '.git');
    if (!statSync(dotGit).isDirectory()) return true; // a worktree or submodule: let git resolve it
    files.push(join(dotGit, 'config'));
  }
  const home = env.HOME ?? homedir();
  files.push(env.GIT_CONFIG_GLOBAL ?? join(home, '.gitconfig'), join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'git', 'config'));
  if (!env.GIT_CONFIG_NOSYSTEM) files.push(env.GIT_CONFIG_SYSTEM ?? '/etc/gitconfig');
  for (const file of files) {
    if (!existsSync(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return true;
    }
    if (/nbstripout|\[\s*include/i.test(text)) return true;
  }
  return false;
}
