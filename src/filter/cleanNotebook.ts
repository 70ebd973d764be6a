// What the clean filter does with one file, as a pure decision. A file that is not a notebook we
// can read is passed through unchanged (with a warning), never replaced or refused: `git add`,
// `git status` and `git stash` keep working on a half-saved notebook, nothing is lost, and the
// pre-commit hook still stops the commit with the reason.
import type { StripOptions } from '../notebook/stripOptions.js';
import { MAX_TEXT_BYTES, tooLargeInMemory } from '../fs/readTextFile.js';

export type CleanOutcome = { content: Buffer; warning?: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function cleanNotebook(
  path: string,
  content: Buffer,
  isNotebook: (path: string) => boolean,
  options: StripOptions | undefined,
  strip: (text: string, options: StripOptions) => string,
  reasonOf: (error: unknown) => string | undefined,
): CleanOutcome {
  if (!options || !isNotebook(path) || content.length === 0) return { content };
  // Said first: decoding content this large fails, and would be taken for bad UTF-8.
  if (content.length > MAX_TEXT_BYTES) return { content, warning: tooLargeInMemory(content.length) };
  let text: string;
  try {
    text = utf8.decode(content);
  } catch {
    return { content, warning: 'not UTF-8 text' };
  }
  try {
    const stripped = strip(text, options);
    return { content: stripped === text ? content : Buffer.from(stripped, 'utf8') };
  } catch (error) {
    const reason = reasonOf(error);
    if (reason === undefined) throw error;
    return { content, warning: reason };
  }
}
