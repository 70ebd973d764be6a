// What the smudge filter writes for a blob, as a pure decision: the remembered working notebook
// (with its outputs) when stripping it gives exactly this blob, otherwise the blob as stored.
// Any doubt ends in the blob: smudge must never corrupt a checkout.

/**
 * @param content what git hands the smudge filter (the blob, after git's own CRLF conversion
 *   when core.autocrlf or eol attributes ask for it)
 * @param recall the store's remembered notebook for a stripped blob
 * @param strip the notebook stripped as the clean filter would strip it now (undefined: not a notebook)
 */
export function smudgeNotebook(
  content: Buffer,
  recall: (stripped: Buffer) => Buffer | undefined,
  strip: (notebook: Buffer) => Buffer | undefined,
): Buffer {
  for (const blob of storedForms(content)) {
    const remembered = recall(blob);
    if (remembered === undefined) continue;
    const again = strip(remembered);
    if (again !== undefined && again.equals(blob)) return remembered;
  }
  return content;
}

/**
 * The blob git stored for `content`: itself, or, when git converted line endings on the way out,
 * the LF form (a stripped notebook never holds a raw CR: JSON escapes it).
 */
function storedForms(content: Buffer): Buffer[] {
  if (content.indexOf('\r\n') === -1) return [content];
  return [content, Buffer.from(content.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')];
}
