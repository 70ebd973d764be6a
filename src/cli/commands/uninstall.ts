// `ml-hooks uninstall`: see src/install/uninstallHooks.ts.
import type { Command } from '../context.js';
import { EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { notARepository, usageError } from '../../messages/cli.js';
import { CommandError } from '../../errors/commandError.js';
import { uninstallHooks } from '../../install/uninstallHooks.js';
import { GitError } from '../../git/runGit.js';
import { uninstallDone, uninstallHelp } from '../../messages/install.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: uninstallHelp, usageError: (detail) => usageError('uninstall', detail) });
  if (typeof parsed === 'number') return parsed;
  try {
    const report = await uninstallHooks(ctx.cwd, ctx.env);
    ctx.stdout.write(uninstallDone(report.done, report.notes));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof GitError && error.args[0] === 'rev-parse') {
      throw new CommandError('not-a-repository', notARepository('uninstall'));
    }
    throw error;
  }
};
