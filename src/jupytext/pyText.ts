import { splitLines } from '../notebook/splitLines.js';

/** Python's `str.splitlines()`. */
export function pySplitLines(text: string): string[] {
  return splitLines(text, false);
}

/** A cell's source as one string (notebooks store a string or a list of lines). */
export function joinSource(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) return source.join('');
  return '';
}
