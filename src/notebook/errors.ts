/** Why a text is not a notebook ml-hooks can process. `reason` is one line for the user. */
export type NotebookErrorKind = 'not-json' | 'not-notebook' | 'unsupported-version' | 'metadata' | 'too-large' | 'too-deep';

export class NotebookError extends Error {
  constructor(
    readonly kind: NotebookErrorKind,
    readonly reason: string,
  ) {
    super(reason);
  }
}
