// The `ml-hooks` bin. Only this file turns a result into an exit code.
import { runCli } from './runCli.js';
import { processContext } from './context.js';

const code = await runCli(process.argv.slice(2), processContext()).catch((error: unknown) => {
  process.stderr.write(`ml-hooks: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 70;
});
process.exitCode = code;
