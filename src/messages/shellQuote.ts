// How paths appear in messages. A path is a string decoded losslessly from git's bytes (see
// src/fs/bytePaths.ts): bytes that are not UTF-8 are lone surrogates U+DC80..U+DCFF.

const CONTROL_OR_RAW_BYTE = /[\u0000-\u001f\u007f\udc80-\udcff]/;

/** Quotes a path for a POSIX shell so a command in a message can be pasted as it is. */
export function shellQuote(word: string): string {
  // A leading dash would be read as an option, quoted or not: make it a relative path.
  const safe = word.startsWith('-') ? `./${word}` : word;
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(safe)) return safe;
  // A newline, another control character or a byte that is not UTF-8 cannot be pasted inside
  // '…': ANSI-C quoting ($'…', bash, zsh, ksh and POSIX.1-2024 sh) spells them out.
  if (CONTROL_OR_RAW_BYTE.test(safe)) return `$'${[...safe].map(ansiC).join('')}'`;
  return `'${safe.replace(/'/g, `'\\''`)}'`;
}

function ansiC(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\\' || ch === "'") return `\\${ch}`;
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16)}`;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

/**
 * A path as a person reads it: as it is, unless it holds control characters (which would garble
 * the terminal) or bytes that are not UTF-8; then in double quotes with those spelled out, as
 * git's own messages do ("big\nfile.bin", "lat\xe9.ipynb").
 */
export function displayPath(path: string): string {
  if (!CONTROL_OR_RAW_BYTE.test(path)) return path;
  return `"${[...path].map((ch) => (ch === '"' ? '\\"' : ch === "'" ? "'" : ansiC(ch))).join('')}"`;
}

/** A path named in a sentence, quoted as nbstripout names files ('nb.ipynb'), or spelled out as displayPath does. */
export const namedPath = (path: string): string => (displayPath(path) === path ? `'${path}'` : displayPath(path));
