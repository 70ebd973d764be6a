// What `ml-hooks pair` and `ml-hooks sync` both start with: the --prefer flag checked, the
// repository root (or the current folder outside git) and its pairing settings.
import type { CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_USAGE } from '../context.js';
import { findRepoRoot } from '../../git/listWorkingTreeFiles.js';
import { PairConfigError, type PairConfig } from '../../pairing/pairConfig.js';
import { loadPairConfig } from '../../pairing/loadPairConfig.js';
import * as msg from '../../messages/pairing.js';

export interface PairingSetup {
  prefer: 'notebook' | 'script' | undefined;
  gitRoot: string | undefined;
  root: string;
  config: PairConfig;
}

/** The setup, or the exit code after the error has been reported. */
export async function pairingSetup(prefer: string | undefined, ctx: CommandContext, usageError: (detail: string) => string): Promise<PairingSetup | number> {
  if (prefer !== undefined && prefer !== 'notebook' && prefer !== 'script') {
    ctx.stderr.write(usageError(msg.badPrefer(prefer)));
    return EXIT_USAGE;
  }
  const gitRoot = await findRepoRoot(ctx.cwd);
  const root = gitRoot ?? ctx.cwd;
  try {
    return { prefer, gitRoot, root, config: await loadPairConfig(root) };
  } catch (error) {
    if (!(error instanceof PairConfigError)) throw error;
    ctx.stderr.write(msg.configError(error.message));
    return EXIT_FINDINGS;
  }
}
