// Python's `str.splitlines`: besides \n, \r and \r\n it breaks after \v, \f, \x1c–\x1e, \x85,
// U+2028 and U+2029. nbformat re-splits multi-line fields with it when writing a notebook, so
// those characters decide where the lines of a written notebook end.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

export function splitLines(text: string, keepEnds: boolean): string[] {
  const lines: string[] = [];
  LINE_BREAK.lastIndex = 0;
  let start = 0;
  for (let m = LINE_BREAK.exec(text); m !== null; m = LINE_BREAK.exec(text)) {
    const end = m.index + m[0].length;
    lines.push(text.slice(start, keepEnds ? end : m.index));
    start = end;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
