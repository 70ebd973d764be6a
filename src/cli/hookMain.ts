// The hooks' own entry: `ml-hooks hook pre-commit|pre-push …`, as the installed runner starts it
// (hooks/run). Every commit pays for start-up, and node loads each module file separately, so
// this entry is bundled on its own (dist/hook/hook.js, see scripts/build.mjs): what a hook with
// nothing to do needs is one file; what a step loads when it finds work stays lazy.
import './checkNode.js';
import { EXIT_INTERNAL } from '../errors/commandError.js';
import { internalError } from '../messages/cli.js';
import { processContext } from './context.js';
import { runCommand } from './runCommand.js';
import { run } from './commands/hook.js';

const argv = process.argv.slice(2);

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// The runner passes the CLI's arguments: `hook pre-commit …`.
const code = await runCommand(run, argv[0] === 'hook' ? argv.slice(1) : argv, processContext()).catch((error: unknown) => {
  process.stderr.write(internalError(error));
  return EXIT_INTERNAL;
});
process.exitCode = code;
