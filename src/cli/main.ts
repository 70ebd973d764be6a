// The `ml-hooks` bin. Only this file turns a result into an exit code.
import { runCli } from './runCli.js';
import { processContext } from './context.js';
import { EXIT_INTERNAL } from '../errors/commandError.js';
import { internalError } from '../messages/cli.js';

// A reader that goes away early (`ml-hooks strip -t nb.ipynb | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await runCli(process.argv.slice(2), processContext()).catch((error: unknown) => {
  process.stderr.write(internalError(error));
  return EXIT_INTERNAL;
});
process.exitCode = code;
