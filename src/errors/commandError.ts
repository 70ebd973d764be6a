// The one map from outcomes to exit codes (the README's "Exit codes" table). Commands return
// EXIT_OK or EXIT_FINDINGS for their results and throw a CommandError for everything that is
// not a result (bad usage, invalid configuration, not a git repository, unreadable input);
// runCli prints the error's text and returns the code this table gives. Anything else thrown
// is an internal error (70), reported by main.ts.

export type ErrorKind = 'usage' | 'config' | 'not-a-repository' | 'bad-input';

export const EXIT_CODE_OF: Readonly<Record<ErrorKind, number>> = {
  usage: 2,
  config: 2,
  'not-a-repository': 2,
  'bad-input': 2,
};

export const EXIT_INTERNAL = 70;

export class CommandError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** The full text for stderr, ending with a newline. */
    readonly text: string,
  ) {
    super(text.trimEnd());
  }
}
