// `ml-hooks uninstall`: see src/install/uninstallHooks.ts.
import type { Command } from '../context.js';
import { EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { uninstallHooks } from '../../install/uninstallHooks.js';
import { GitError } from '../../git/runGit.js';
import { notAGitRepository, uninstallDone, uninstallHelp, usageError } from '../../messages/install.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: uninstallHelp, usageError: usageError('uninstall') });
  if (typeof parsed === 'number') return parsed;
  try {
    const report = await uninstallHooks(ctx.cwd, ctx.env);
    ctx.stdout.write(uninstallDone(report.done, report.notes));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof GitError && error.args[0] === 'rev-parse') {
      ctx.stderr.write(notAGitRepository('uninstall'));
      return 1;
    }
    throw error;
  }
};
