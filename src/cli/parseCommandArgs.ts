import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandContext } from './context.js';
import { EXIT_OK } from './context.js';
import { CommandError } from '../errors/commandError.js';

type Options = NonNullable<ParseArgsConfig['options']> & { help: { type: 'boolean'; short: 'h' } };

/**
 * Parses a command's flags with node's parseArgs (strict). Answers `--help` itself (it then
 * returns the exit code instead of the parsed flags); a usage error throws CommandError.
 */
export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  ctx: CommandContext,
  text: { help: string; usageError: (detail: string) => string },
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>> | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CommandError('usage', text.usageError((error as Error).message));
  }
  if ((parsed.values as { help?: boolean }).help) {
    ctx.stdout.write(text.help);
    return EXIT_OK;
  }
  return parsed;
}
