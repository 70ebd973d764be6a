import type { FormatName } from './formats.js';
import { SCRIPT_EXTENSIONS } from './languages.js';
import { scanHeader } from './scanHeader.js';
import { scanMystBlocks } from './scanMystBlocks.js';

/**
 * The format of a text file whose pair names only its extension: from the file's header, else
 * from its content (Jupytext's guess): `# %%` markers make a percent script, `{code-cell}` fences
 * a MyST file. A file that does not exist yet gets the default (percent, Markdown).
 */
export function guessFormatName(text: string | undefined, ext: string): FormatName {
  if (ext === '.Rmd') return 'rmarkdown';
  const { formatName } = text === undefined ? {} : scanHeader(text, ext);
  if (ext === '.md') {
    if (formatName === 'myst' || formatName === 'markdown') return formatName;
    const fences = text === undefined ? [] : scanMystBlocks(text.replace(/\r\n?/g, '\n').split('\n'));
    return fences.some((b) => b.type === 'fence' && (b.info.startsWith('{code-cell}') || b.info.startsWith('{raw-cell}'))) ? 'myst' : 'markdown';
  }
  if (text === undefined) return 'percent';
  if (formatName === 'percent' || formatName === 'light') return formatName;
  const c = SCRIPT_EXTENSIONS[ext]!.comment.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`^${c}( %%|%%)(\\s|$)`, 'm').test(text) ? 'percent' : 'light';
}
