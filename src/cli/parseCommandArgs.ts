import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandContext } from './context.js';
import { EXIT_OK } from './context.js';
import { CommandError } from '../errors/commandError.js';
import { optionNeedsValue, optionTakesNoValue, takesNoArguments, unknownOption } from '../messages/cli.js';

type Options = NonNullable<ParseArgsConfig['options']> & { help: { type: 'boolean'; short: 'h' } };

/**
 * Parses a command's flags with node's parseArgs (strict). Answers `--help` itself (it then
 * returns the exit code instead of the parsed flags); a usage error throws CommandError.
 * `takesArguments: false` for a command that takes options only (install, status, …).
 */
export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  ctx: CommandContext,
  text: { help: string; usageError: (detail: string) => string },
  takesArguments = true,
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>> | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: takesArguments, strict: true });
  } catch (error) {
    throw new CommandError('usage', text.usageError(describeParseError(error as Error & { code?: string })));
  }
  if ((parsed.values as { help?: boolean }).help) {
    ctx.stdout.write(text.help);
    return EXIT_OK;
  }
  return parsed;
}

/**
 * node's parseArgs error as one line naming the option. Its own texts read, e.g.:
 *   Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"
 *   Option '--to <value>' argument missing
 *   Option '-f, --force' does not take an argument
 *   Unexpected argument 'foo'. This command does not take positional arguments
 */
function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1];
  if (quoted !== undefined && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownOption(quoted);
  if (quoted !== undefined && error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = quoted.replace(/ <value>$/, '').split(', ').at(-1)!;
    return / argument missing$/.test(error.message) ? optionNeedsValue(name) : optionTakesNoValue(name);
  }
  if (quoted !== undefined && error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return takesNoArguments(quoted);
  return error.message.split('. ')[0]!;
}
