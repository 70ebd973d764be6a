// `ml-hooks install`: see src/install/installHooks.ts and the help text.
import type { Command } from '../context.js';
import { EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { installHooks, InstallRefused } from '../../install/installHooks.js';
import { findPackageRoot } from '../../install/findPackageRoot.js';
import { GitError } from '../../git/runGit.js';
import { installDone, installHelp, notAGitRepository, usageError } from '../../messages/install.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: installHelp, usageError: usageError('install') });
  if (typeof parsed === 'number') return parsed;
  try {
    const report = await installHooks(ctx.cwd, ctx.env, { node: process.execPath, packageRoot: findPackageRoot() });
    ctx.stdout.write(installDone(report.done, report.notes));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InstallRefused) {
      ctx.stderr.write(error.message);
      return 1;
    }
    if (error instanceof GitError && error.args[0] === 'rev-parse') {
      ctx.stderr.write(notAGitRepository('install'));
      return 1;
    }
    throw error;
  }
};
