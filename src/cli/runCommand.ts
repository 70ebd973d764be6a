// The one place a command's error becomes an exit code (src/errors/commandError.ts has the
// table): the `ml-hooks` bin and the hooks' own entry both run their commands through here.
import type { Command, CommandContext } from './context.js';
import { CommandError, EXIT_CODE_OF } from '../errors/commandError.js';

export async function runCommand(run: Command, argv: string[], ctx: CommandContext): Promise<number> {
  try {
    return await run(argv, ctx);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    ctx.stderr.write(error.text);
    return EXIT_CODE_OF[error.kind];
  }
}
