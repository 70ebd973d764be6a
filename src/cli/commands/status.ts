// `ml-hooks status`: see src/install/hooksStatus.ts.
import type { Command } from '../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { notARepository, usageError } from '../../messages/cli.js';
import { CommandError } from '../../errors/commandError.js';
import { hooksStatus } from '../../install/hooksStatus.js';
import { VERSION } from '../version.js';
import { git, GitError } from '../../git/runGit.js';
import { bareRepository, formatStatus, statusHelp } from '../../messages/install.js';
import { BareRepository } from '../../install/locateRepo.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: statusHelp, usageError: (detail) => usageError('status', detail) }, false);
  if (typeof parsed === 'number') return parsed;
  try {
    const items = await hooksStatus(ctx.cwd, ctx.env, VERSION);
    const top = (await git(['rev-parse', '--show-toplevel'], { cwd: ctx.cwd, env: ctx.env })).trim();
    ctx.stdout.write(formatStatus(items, top));
    return items.every((i) => i.ok) ? EXIT_OK : EXIT_FINDINGS;
  } catch (error) {
    if (error instanceof BareRepository) throw new CommandError('not-a-repository', bareRepository('status', error.gitDir));
    if (error instanceof GitError && error.args[0] === 'rev-parse') {
      throw new CommandError('not-a-repository', notARepository('status'));
    }
    throw error;
  }
};
