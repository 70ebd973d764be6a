// `ml-hooks textconv FILE` (hidden): what `git diff` shows of a notebook (diff.ml-hooks.textconv).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../context.js';
import { EXIT_USAGE } from '../context.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { loadSettings } from '../../settings/loadSettings.js';
import { Repo } from '../../git/repo.js';
import { cleanNotebook } from '../../filter/cleanNotebook.js';
import { stripNotebookText } from '../../notebook/strip.js';
import { NotebookError } from '../../notebook/errors.js';
import { textconvHelp, textconvUsage } from '../../messages/filter.js';

export const run: Command = async (argv, ctx) => {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const, ctx, { help: textconvHelp, usageError: textconvUsage });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    ctx.stderr.write(textconvUsage('give exactly one file'));
    return EXIT_USAGE;
  }
  const file = parsed.positionals[0]!;
  const content = readFileSync(resolve(ctx.cwd, file));
  const settings = await loadSettings(Repo.at(ctx.cwd, ctx.env)?.root ?? ctx.cwd, ctx.env);
  // git passes a temporary file: every file sent to this driver is treated as a notebook. With an
  // invalid configuration it is shown as it is.
  const options = settings.errors.length === 0 ? settings.stripOptionsFor(file) : undefined;
  const outcome = cleanNotebook(file, content, () => true, options, stripNotebookText, (e) => (e instanceof NotebookError ? e.reason : undefined));
  await new Promise<void>((resolve) => ctx.stdout.write(outcome.content, () => resolve()));
  return 0;
};
