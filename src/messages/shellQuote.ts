/** Quotes a path for a POSIX shell so a command in a message can be pasted as it is. */
export function shellQuote(word: string): string {
  // A leading dash would be read as an option, quoted or not: make it a relative path.
  const safe = word.startsWith('-') ? `./${word}` : word;
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(safe)) return safe;
  return `'${safe.replace(/'/g, `'\\''`)}'`;
}
