// The clean filter for one file whose content arrives in chunks (git's packets). Content that
// ends within its first megabyte is cleaned whole by cleanNotebook (in a filter process that lives
// for one `git add`, native JSON.parse beats the byte-level strip, which has no time to be
// compiled); past that, the byte-level strip takes the chunks as they come, so a notebook of any
// size is stripped in bounded memory. Where that cannot finish, the content (kept in a spool
// meanwhile) goes whole to cleanNotebook too; a notebook too large for the full parse is passed
// through unchanged, with a warning. The decisions are cleanNotebook's: a file that is not a
// notebook we can read goes to git as sent.
import { FULL_PARSE_QUICKER_BELOW, NotebookStripStream, fullParseReason } from '../notebook/NotebookStripStream.js';
import type { StripOptions } from '../notebook/stripOptions.js';
import { InputSpool } from '../fs/InputSpool.js';
import { MAX_TEXT_BYTES } from '../fs/readTextFile.js';
import { cleanNotebook } from './cleanNotebook.js';
import { tooLargeToStrip } from '../messages/filter.js';

export interface StreamedClean {
  /** The bytes git stores, in chunks. */
  chunks: Iterable<Buffer>;
  warning?: string;
  /** Set when stripping changed the file: the stripped bytes (the same as `chunks`). */
  stripped?: Buffer;
  /** Size of the content as sent, and the content itself, read back whole. */
  size: number;
  sent(): Buffer;
  /** Something failed that is not the file's fault: it goes to git as sent, and this is reported. */
  failure?: unknown;
  /** Removes the spool's temporary file, if any. */
  dispose(): void;
}

export async function cleanNotebookStream(
  path: string,
  chunks: AsyncIterable<Buffer>,
  isNotebook: (path: string) => boolean,
  options: StripOptions | undefined,
  strip: (text: string, options: StripOptions) => string,
  reasonOf: (error: unknown) => string | undefined,
): Promise<StreamedClean> {
  const spool = new InputSpool();
  const byteLevel = options !== undefined && isNotebook(path) && fullParseReason(options) === undefined;
  let stream: NotebookStripStream | undefined;
  let failure: unknown;
  // Every chunk is read, whatever happens, so that the protocol stays in step.
  for await (const chunk of chunks) {
    spool.push(chunk);
    try {
      if (stream !== undefined) {
        stream.push(chunk);
      } else if (byteLevel && failure === undefined && spool.size >= FULL_PARSE_QUICKER_BELOW) {
        stream = new NotebookStripStream(options, { detectChange: false });
        for (const held of spool.read()) stream.push(held);
      }
    } catch (error) {
      failure = error;
      stream = undefined;
    }
  }
  const outcome = (kept: Buffer | undefined, warning?: string): StreamedClean => ({
    chunks: kept !== undefined ? [kept] : spool.read(),
    ...(kept !== undefined && { stripped: kept }),
    ...(warning !== undefined && { warning }),
    ...(failure !== undefined && { failure }),
    size: spool.size,
    sent: () => spool.readAll(),
    dispose: () => spool.dispose(),
  });
  /** Stripped bytes, unless they are the bytes sent. */
  const strippedTo = (bytes: Buffer): StreamedClean => (bytes.length === spool.size && bytes.equals(spool.readAll()) ? outcome(undefined) : outcome(bytes));

  if (failure !== undefined) return outcome(undefined);
  let fullParse = options ? fullParseReason(options) : undefined;
  if (stream !== undefined) {
    try {
      const result = stream.end();
      if ('stripped' in result) return strippedTo(result.stripped);
      fullParse = result.fullParse;
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === undefined) failure = error;
      return outcome(undefined, reason);
    }
  }
  if (spool.size > MAX_TEXT_BYTES && options && isNotebook(path)) return outcome(undefined, tooLargeToStrip(spool.size, MAX_TEXT_BYTES, fullParse ?? ''));
  try {
    const sent = spool.readAll();
    const whole = cleanNotebook(path, sent, isNotebook, options, strip, reasonOf);
    return whole.content === sent ? outcome(undefined, whole.warning) : outcome(whole.content);
  } catch (error) {
    failure = error;
    return outcome(undefined);
  }
}
