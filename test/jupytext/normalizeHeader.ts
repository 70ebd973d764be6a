// The conformance fixtures were made without the `jupytext.text_representation` block (the spec's
// header normalization): remove it from our output, any parent left empty, and the whole header
// with its blank line when nothing remains.
export function normalizeHeader(script: string, comment = '#'): string {
  const lines = script.split('\n');
  const open = lines.findIndex((l) => l === `${comment} ---`);
  if (open < 0 || open > 2) return script;
  const close = lines.findIndex((l, i) => i > open && l === `${comment} ---`);
  if (close < 0) return script;
  let body = lines.slice(open + 1, close).map((l) => (l.startsWith(comment + ' ') ? l.slice(comment.length + 1) : l.slice(comment.length)));
  const indentOf = (l: string): number => l.length - l.trimStart().length;
  const removeBlock = (pred: (l: string) => boolean): boolean => {
    const i = body.findIndex(pred);
    if (i < 0) return false;
    const ind = indentOf(body[i]!);
    let j = i + 1;
    while (j < body.length && (body[j]!.trim() === '' || indentOf(body[j]!) > ind)) j++;
    body = [...body.slice(0, i), ...body.slice(j)];
    return true;
  };
  const hasChildren = (i: number): boolean => i + 1 < body.length && indentOf(body[i + 1]!) > indentOf(body[i]!);
  removeBlock((l) => l === '    text_representation:');
  const j = body.indexOf('  jupytext:');
  if (j >= 0 && !hasChildren(j)) body.splice(j, 1);
  const k = body.indexOf('jupyter:');
  if (k >= 0 && !hasChildren(k)) body.splice(k, 1);
  if (body.length === 0) {
    const after = lines[close + 1] === '' ? close + 2 : close + 1;
    return [...lines.slice(0, open), ...lines.slice(after)].join('\n');
  }
  const commented = body.map((l) => (l ? `${comment} ${l}` : comment));
  return [...lines.slice(0, open + 1), ...commented, ...lines.slice(close)].join('\n');
}
