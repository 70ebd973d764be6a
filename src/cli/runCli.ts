// Dispatches `ml-hooks <command>`. Every commit pays for start-up, so each command's code
// is imported only when that command runs.
import { EXIT_USAGE, type Command, type CommandContext } from './context.js';
import { runCommand } from './runCommand.js';
import { VERSION } from './version.js';
import { mainHelp, unknownCommand } from '../messages/cli.js';

interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
  /** Internal commands (run by hooks and git) are left out of the help listing. */
  hidden?: boolean;
}

export const COMMANDS: Record<string, CommandEntry> = {
  strip: { summary: 'strip outputs and noisy metadata from notebooks (nbstripout-compatible)', load: () => import('./commands/strip.js') },
  convert: { summary: 'convert a notebook to a script (percent/light, as Jupytext) or back', load: () => import('./commands/convert.js') },
  pair: { summary: 'pair notebooks with scripts (declared in the notebook, Jupytext-compatible)', load: () => import('./commands/pair.js') },
  sync: { summary: 'bring paired notebooks and scripts up to date, without losing an edit', load: () => import('./commands/sync.js') },
  install: { summary: 'set up the hooks, the notebook filter and the diff driver in this clone', load: () => import('./commands/install.js') },
  uninstall: { summary: 'remove what install added, restoring earlier hooks byte for byte', load: () => import('./commands/uninstall.js') },
  status: { summary: 'show what is installed where, which program the hooks run, and what is broken', load: () => import('./commands/status.js') },
  hook: { summary: 'run the pre-commit or pre-push hook (called by the installed hooks)', load: () => import('./commands/hook.js'), hidden: true },
  'filter-process': { summary: "git's long-running clean filter for notebooks", load: () => import('./commands/filter-process.js'), hidden: true },
  merge: { summary: 'merge two versions of a notebook cell by cell (git merge driver); exit 1 on conflicts', load: () => import('./commands/merge.js') },
  diff: { summary: 'show how two notebooks differ, cell by cell (what git diff shows of notebooks)', load: () => import('./commands/diff.js') },
  textconv: { summary: 'print a notebook as readable cells, for git diff', load: () => import('./commands/textconv.js'), hidden: true },
  check: { summary: 'verify the repository without changing it (for CI): notebooks, pairs, file sizes', load: () => import('./commands/check.js') },
  'github-action': { summary: 'ml-hooks check as the GitHub Action runs it (action.yml)', load: () => import('./commands/github-action.js'), hidden: true },
  'check-size': { summary: 'check staged or given files against the large-file limits', load: () => import('./commands/check-size.js') },
};

export async function runCli(argv: string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(mainHelp(COMMANDS));
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '-V' || name === '--version') {
    ctx.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    ctx.stderr.write(unknownCommand(name, Object.keys(COMMANDS).filter((c) => !COMMANDS[c]!.hidden)));
    return EXIT_USAGE;
  }
  const { run } = await entry.load();
  return runCommand(run, rest, ctx);
}

