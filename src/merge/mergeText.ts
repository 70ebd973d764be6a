// A three-way merge of text, line by line (diff3): a chunk only one side changed takes that
// side; a chunk both changed the same way takes it once; otherwise the chunk is a conflict,
// written as git writes one, minus the lines both sides share at its start and end:
//   <<<<<<< ours
//   (our lines)
//   =======
//   (their lines)
//   >>>>>>> theirs
// (with the base's lines after `|||||||` in git's diff3 and zdiff3 styles). Every line of both sides is kept in a conflict. Whether the text ends with a newline is merged
// like any other change (cell sources in Jupyter have none; scripts do).
import { commonSubsequence } from '../match/commonSubsequence.js';
import { threeWayChunks } from './threeWayChunks.js';

export interface ConflictLabels {
  /** After `<<<<<<<`: git's %X (the current branch), or "ours". */
  ours: string;
  /** After `>>>>>>>`: git's %Y (the branch being merged), or "theirs". */
  theirs: string;
  /** Length of the marker runs, git's %L (conflict-marker-size); 7 by default. */
  markerSize: number;
  /** git's merge.conflictStyle: diff3 and zdiff3 also show the base's lines, after `|||||||`. */
  style?: 'merge' | 'diff3' | 'zdiff3';
  /** After `|||||||`: git's %S, or "base". */
  base?: string;
}

export const DEFAULT_LABELS: ConflictLabels = { ours: 'ours', theirs: 'theirs', markerSize: 7 };

export interface TextMerge {
  text: string;
  /** How many conflict blocks the text holds. */
  conflicts: number;
}

/** Lines with their `\n`; the last line always gets one (the final newline is merged apart). */
export function splitTextLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  const last = lines.length - 1;
  if (!lines[last]!.endsWith('\n')) lines[last] += '\n';
  return lines;
}

/** One side changed it: that side; both, or neither: theirs when only they moved. */
function pick<T>(base: T, ours: T, theirs: T): T {
  return ours === base ? theirs : ours;
}

/** The lines of a conflict between two versions of one region (and the base's, in the diff3 styles). */
export function conflictBlock(ours: readonly string[], theirs: readonly string[], labels: ConflictLabels, base: readonly string[] = []): string[] {
  const marker = (ch: string, label: string): string => `${ch.repeat(labels.markerSize)}${label ? ` ${label}` : ''}\n`;
  const baseLines = labels.style === 'diff3' || labels.style === 'zdiff3' ? [marker('|', labels.base ?? 'base'), ...base] : [];
  return [marker('<', labels.ours), ...ours, ...baseLines, marker('=', ''), ...theirs, marker('>', labels.theirs)];
}

export function mergeText(base: string, ours: string, theirs: string, labels: ConflictLabels = DEFAULT_LABELS): TextMerge {
  if (ours === theirs || theirs === base) return { text: ours, conflicts: 0 };
  if (ours === base) return { text: theirs, conflicts: 0 };
  const b = splitTextLines(base);
  const o = splitTextLines(ours);
  const t = splitTextLines(theirs);
  const out: string[] = [];
  let conflicts = 0;
  for (const chunk of threeWayChunks({ base: b.length, ours: o.length, theirs: t.length }, commonSubsequence(b, o), commonSubsequence(b, t))) {
    if (chunk.stable) {
      out.push(...o.slice(chunk.ours, chunk.ours + chunk.length));
      continue;
    }
    const baseLines = b.slice(chunk.base.start, chunk.base.end);
    const oursLines = o.slice(chunk.ours.start, chunk.ours.end);
    const theirsLines = t.slice(chunk.theirs.start, chunk.theirs.end);
    const same = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((line, i) => line === y[i]);
    if (same(oursLines, baseLines)) out.push(...theirsLines);
    else if (same(theirsLines, baseLines) || same(oursLines, theirsLines)) out.push(...oursLines);
    else {
      // Lines both sides begin or end the chunk with are no part of the disagreement (as git
      // does, except in the diff3 style, which shows the whole chunk against the base).
      const trim = labels.style !== 'diff3';
      let head = 0;
      while (trim && head < oursLines.length && head < theirsLines.length && oursLines[head] === theirsLines[head]) head++;
      let tail = 0;
      while (trim && tail < oursLines.length - head && tail < theirsLines.length - head && oursLines[oursLines.length - 1 - tail] === theirsLines[theirsLines.length - 1 - tail]) tail++;
      out.push(...oursLines.slice(0, head));
      out.push(...conflictBlock(oursLines.slice(head, oursLines.length - tail), theirsLines.slice(head, theirsLines.length - tail), labels, baseLines));
      out.push(...oursLines.slice(oursLines.length - tail));
      conflicts++;
    }
  }
  const endsWithNewline = (text: string): boolean => text === '' || text.endsWith('\n');
  let text = out.join('');
  if (text.endsWith('\n') && !pick(endsWithNewline(base), endsWithNewline(ours), endsWithNewline(theirs))) text = text.slice(0, -1);
  return { text, conflicts };
}
