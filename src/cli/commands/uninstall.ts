// `ml-hooks uninstall`: see src/install/uninstallHooks.ts.
import type { Command } from '../context.js';
import { EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { notARepository, usageError } from '../../messages/cli.js';
import { CommandError } from '../../errors/commandError.js';
import { uninstallHooks } from '../../install/uninstallHooks.js';
import { InstallRefused } from '../../install/installHooks.js';
import { findPackageRoot } from '../../install/findPackageRoot.js';
import { GitError } from '../../git/runGit.js';
import { bareRepository, uninstallDone, uninstallHelp } from '../../messages/install.js';
import { BareRepository } from '../../install/locateRepo.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: uninstallHelp, usageError: (detail) => usageError('uninstall', detail) }, false);
  if (typeof parsed === 'number') return parsed;
  try {
    const report = await uninstallHooks(ctx.cwd, ctx.env, { packageRoot: findPackageRoot() });
    ctx.stdout.write(uninstallDone(report.done, report.notes));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InstallRefused) {
      ctx.stderr.write(error.message);
      return 1;
    }
    if (error instanceof BareRepository) throw new CommandError('not-a-repository', bareRepository('uninstall', error.gitDir));
    if (error instanceof GitError && error.args[0] === 'rev-parse') {
      throw new CommandError('not-a-repository', notARepository('uninstall'));
    }
    throw error;
  }
};
