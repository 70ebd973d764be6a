// The `ml-hooks` bin. Only this file turns a result into an exit code.
import { nodeTooOld } from './version.js';
import { EXIT_INTERNAL } from '../errors/commandError.js';
import { internalError } from '../messages/cli.js';

// Checked before the rest of the CLI loads: on an older node it could fail in ways that read as
// an internal error (a missing API, a syntax error in a chunk).
if (nodeTooOld(process.versions.node)) await (await import('./refuseOldNode.js')).refuseOldNode(process.argv.slice(2));

// A reader that goes away early (`ml-hooks strip -t nb.ipynb | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { runCli } = await import('./runCli.js');
const { processContext } = await import('./context.js');
const code = await runCli(process.argv.slice(2), processContext()).catch((error: unknown) => {
  process.stderr.write(internalError(error));
  return EXIT_INTERNAL;
});
process.exitCode = code;
