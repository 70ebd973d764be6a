// `ml-hooks textconv FILE` (hidden): what `git diff`, `git show` and `git log -p` show of a
// notebook (diff.ml-hooks.textconv): its cells as a percent script, stripped with the
// repository's settings (src/diff/readableNotebook.ts). git colours the diff itself.
import type { Command } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { CommandError } from '../../errors/commandError.js';
import { readDiffSide } from './diff.js';
import { textconvHelp, textconvUsage } from '../../messages/filter.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: textconvHelp, usageError: textconvUsage });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) throw new CommandError('usage', textconvUsage('give exactly one file'));
  const side = await readDiffSide(parsed.positionals[0]!, ctx);
  await new Promise<void>((resolve) => ctx.stdout.write(side, () => resolve()));
  return 0;
};
