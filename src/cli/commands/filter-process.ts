// `ml-hooks filter-process` (hidden): git's long-running clean and smudge filter for notebooks.
import type { Command } from '../context.js';
import { CommandError } from '../../errors/commandError.js';
import { runFilterProcess } from '../../filter/runFilterProcess.js';
import { loadFilterHandlers } from '../../filter/loadFilterHandlers.js';
import { filterHelp, filterSkipped } from '../../messages/filter.js';

export const run: Command = async (argv, ctx) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    ctx.stdout.write(filterHelp);
    return 0;
  }
  if (argv.length > 0) throw new CommandError('usage', filterHelp);
  // ML_HOOKS=0 (e.g. `ML_HOOKS=0 git add nb.ipynb` to commit outputs once): files pass through.
  if (ctx.env.ML_HOOKS === '0') {
    let warned = false;
    return runFilterProcess(ctx, async () => ({
      clean(_path, content) {
        if (!warned) ctx.stderr.write(filterSkipped);
        warned = true;
        return { content };
      },
      smudge: (_path, content) => content,
    }));
  }
  return runFilterProcess(ctx, () => loadFilterHandlers(ctx.cwd, ctx.env, ctx.stderr));
};
