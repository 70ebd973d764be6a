// User-facing text of the top-level CLI.
import { displayPath } from './shellQuote.js';
export function mainHelp(commands: Record<string, { summary: string; hidden?: boolean }>): string {
  const rows = Object.entries(commands)
    .filter(([, c]) => !c.hidden)
    .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    'Usage: ml-hooks <command> [options]',
    '',
    'Git hooks for machine-learning repositories.',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `ml-hooks <command> --help` for the options of a command.',
    'Set ML_HOOKS=0 to skip every hook for one command, e.g. `ML_HOOKS=0 git commit`.',
    '',
  ].join('\n');
}

export function unknownCommand(name: string, known: string[]): string {
  return `ml-hooks: unknown command '${name}'. Commands: ${known.join(', ')}. See \`ml-hooks --help\`.\n`;
}

/** The one usage-error message: what was wrong, and where the help is. */
export const usageError = (command: string, detail: string): string => `ml-hooks ${command}: ${detail}\nSee \`ml-hooks ${command} --help\`.\n`;

/** Details of usage errors from the command line's parser. */
export const unknownOption = (option: string): string =>
  `unknown option ${option}${/[./]/.test(option) ? ` (a file whose name starts with "-" goes after --, e.g. -- ${option})` : ''}`;
export const optionNeedsValue = (option: string): string => `option ${option} needs a value`;
export const optionTakesNoValue = (option: string): string => `option ${option} takes no value`;
export const takesNoArguments = (first: string): string => `takes options only, not '${first}'`;

/** A path given on the command line that does not exist (bad input, exit 2). */
export const noSuchPath = (command: string, path: string): string => `ml-hooks ${command}: ${displayPath(path)}: no such file or folder\n`;

/** The one not-a-repository message. */
export const notARepository = (command: string, cwd?: string): string =>
  `ml-hooks ${command}: ${cwd ? `${cwd} is ` : ''}not inside a git repository (run it from your project, or \`git init\` first)\n`;

/** The one invalid-configuration message. */
export const invalidConfiguration = (command: string, errors: readonly string[], consequence = 'nothing was done'): string =>
  `ml-hooks ${command}: the configuration is invalid, so ${consequence}:\n${errors.map((e) => `  ${e}\n`).join('')}Fix these lines (\`ml-hooks install --help\` lists the keys)${command === 'hook' ? ', or skip the hooks once with ML_HOOKS=0' : ''}.\n`;

/** A bug: the stack, for the report (exit 70). */
export const internalError = (error: unknown): string =>
  `ml-hooks: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report it at https://github.com/ml-hooks/ml-hooks/issues with the lines above.\n`;

/** A node older than package.json `engines`: one line, not an internal error. */
export const nodeTooOldMessage = (found: string, path: string, needed: number): string =>
  `ml-hooks: needs node ${needed} or newer, but ${path} is node ${found}. Install node ${needed}+ and run \`npx ml-hooks install\` again with it (or skip once with ML_HOOKS=0).\n`;

/** Why a symbolic link was left alone (see src/fs/isSymbolicLink.ts), after its name. */
export const leftSymbolicLinkAlone = (target: string | undefined): string =>
  `is a symbolic link${target !== undefined ? ` to ${target}` : ''}: ml-hooks leaves links alone (work on the file it points to)`;
