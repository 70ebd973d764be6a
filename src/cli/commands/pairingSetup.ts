// What `ml-hooks pair` and `ml-hooks sync` both start with: the --prefer flag checked, the
// repository (or the current folder outside git) and its settings.
import type { CommandContext } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { Repo } from '../../git/repo.js';
import type { Settings } from '../../config/settings.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { invalidConfiguration, usageError } from '../../messages/cli.js';
import * as msg from '../../messages/pairing.js';

export interface PairingSetup {
  prefer: 'notebook' | 'script' | undefined;
  /** The repository, or undefined when run outside git (then `root` is the current folder). */
  repo: Repo | undefined;
  root: string;
  settings: Settings;
}

export async function pairingSetup(prefer: string | undefined, ctx: CommandContext, command: string): Promise<PairingSetup> {
  if (prefer !== undefined && prefer !== 'notebook' && prefer !== 'script') throw new CommandError('usage', usageError(command, msg.badPrefer(prefer)));
  const repo = Repo.at(ctx.cwd, ctx.env);
  const root = repo?.root ?? ctx.cwd;
  const settings = await loadSettings(root, ctx.env, { nbstripout: false });
  if (settings.errors.length > 0) throw new CommandError('config', invalidConfiguration(command, settings.errors));
  for (const w of settings.warnings) ctx.stderr.write(`${w}\n`);
  return { prefer, repo, root, settings };
}
