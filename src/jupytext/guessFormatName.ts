import { SCRIPT_EXTENSIONS } from './languages.js';
import { scanHeader } from './scanHeader.js';

/** percent or light for a script format without a name: from the script's header or content. */
export function guessFormatName(text: string | undefined, ext: string): 'percent' | 'light' {
  if (text === undefined) return 'percent';
  const { formatName } = scanHeader(text, ext);
  if (formatName === 'percent' || formatName === 'light') return formatName;
  const c = SCRIPT_EXTENSIONS[ext]!.comment.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`^${c}( %%|%%)(\\s|$)`, 'm').test(text) ? 'percent' : 'light';
}
