// Jupyter magics (`%matplotlib`, `!ls`, `%%time`, …) are not valid code in a script, so the script
// carries them commented (`# %matplotlib`) and reading removes exactly one level of comment. An
// already commented magic gets one more level, so the round trip is exact. Lines inside strings
// are left alone. Same rules as Jupytext.
import { LANGUAGE_COMMENT, SCRIPT_EXTENSIONS, usualLanguageName } from './languages.js';
import { StringParser } from './StringParser.js';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

interface MagicPatterns {
  magic: RegExp;
  forceEscape?: RegExp;
  noEscape?: RegExp;
}

// Built on first use per language: a command start-up pays only for the languages it meets.
const PATTERNS = new Map<string, MagicPatterns | null>();

function patternsFor(language: string): MagicPatterns | undefined {
  const cached = PATTERNS.get(language);
  if (cached !== undefined) return cached ?? undefined;
  const script = Object.values(SCRIPT_EXTENSIONS).find((s) => s.language === language);
  let patterns: MagicPatterns | null = null;
  if (script) {
    const c = escapeRe(script.comment);
    patterns = {
      magic: new RegExp(`^\\s*(${c} |${c})*(%|%%|%%%)[a-zA-Z]`),
      forceEscape: new RegExp(`^\\s*(${c} |${c})*(%|%%|%%%)[a-zA-Z](.*)${c}\\s*escape`),
      noEscape: new RegExp(`^\\s*(${c} |${c})*(%|%%|%%%)[a-zA-Z](.*)${c}\\s*noescape`),
    };
    // Rust magics start with ':', C# magics with '#!', Go magics may also start with '!'.
    if (language === 'rust') patterns = { ...patterns, magic: /^(\/\/ |\/\/)*:[a-zA-Z]/, forceEscape: /^(\/\/ |\/\/)*:[a-zA-Z](.*)\/\/\s*noescape/ };
    if (language === 'csharp') patterns = { ...patterns, magic: /^(\/\/ |\/\/)*#![a-zA-Z]/, forceEscape: /^(\/\/ |\/\/)*#![a-zA-Z](.*)\/\/\s*noescape/ };
    if (language === 'go') patterns = { ...patterns, magic: /^(\/\/ |\/\/)*(!|!\*|%|%%|%%%)[a-zA-Z]/ };
  }
  PATTERNS.set(language, patterns);
  return patterns ?? undefined;
}

const LINE_CONTINUATION = /.*\\\s*$/;
const PYTHON_HELP_OR_BASH = /^\s*(# |#)*\s*(\?|!)\s*[A-Za-z.~$\\/{}]/;
const PYTHON_MAGIC_CMD = /^(# |#)*(cat|cd|cp|mv|rm|rmdir|mkdir|copy|ddir|echo|ls|ldir|mkdir|ren|rmdir)($|\s$|\s[^=,])/;
const IPYTHON_MAGIC_HELP = /^\s*(# )*[^\s]*\?\s*$/;
const PYTHON_MAGIC_ASSIGN = /^(# |#)*\s*([a-zA-Z_][a-zA-Z_$0-9]*)\s*=\s*(%|%%|%%%|!)[a-zA-Z](.*)/;

/** Is this line a (possibly already commented) magic that the script must carry commented? */
export function isMagic(line: string, language: string, globalEscape = true, explicitlyCode = false): boolean {
  const lang = usualLanguageName(language);
  if (lang === 'octave' || lang === 'matlab' || lang === 'sas' || lang === 'logtalk') return false;
  const patterns = patternsFor(lang);
  if (!patterns) return false;
  if (patterns.forceEscape?.test(line)) return true;
  if (!globalEscape || patterns.noEscape?.test(line)) return false;
  if (patterns.magic.test(line)) return true;
  if (lang !== 'python') return false;
  if (PYTHON_HELP_OR_BASH.test(line)) return true;
  if (PYTHON_MAGIC_ASSIGN.test(line)) return true;
  if (explicitlyCode && IPYTHON_MAGIC_HELP.test(line)) return true;
  return PYTHON_MAGIC_CMD.test(line);
}

/** Does this code need an explicit cell marker (a `?` help line that only a code cell reads as magic)? */
export function needExplicitMarker(source: readonly string[], language = 'python', globalEscape = true, explicitlyCode = true): boolean {
  if (language !== 'python' || !globalEscape || !explicitlyCode) return false;
  const parser = new StringParser(language);
  for (const line of source) {
    if (!parser.isQuoted() && isMagic(line, language, globalEscape, explicitlyCode) && !isMagic(line, language, globalEscape, false)) return true;
    parser.readLine(line);
  }
  return false;
}

function commentOf(language: string): string | undefined {
  return LANGUAGE_COMMENT[language];
}

/** Comments the magics of `source` in place (one more `# ` level) and returns it. */
export function commentMagic(source: string[], language = 'python', globalEscape = true, explicitlyCode = true): string[] {
  const parser = new StringParser(language);
  let nextIsMagic = false;
  for (let pos = 0; pos < source.length; pos++) {
    const line = source[pos]!;
    if (!parser.isQuoted() && (nextIsMagic || isMagic(line, language, globalEscape, explicitlyCode))) {
      let unindented: string;
      let indent: string;
      if (nextIsMagic) {
        unindented = line;
        indent = '';
      } else {
        unindented = line.trimStart();
        indent = line.slice(0, line.length - unindented.length);
      }
      source[pos] = `${indent}${commentOf(language)} ${unindented}`;
      nextIsMagic = language === 'python' && LINE_CONTINUATION.test(line);
    }
    parser.readLine(line);
  }
  return source;
}

/** Removes one level of comment from a line. */
export function unescapeLine(line: string, language: string): string {
  const comment = commentOf(language) ?? '#';
  const unindented = line.trimStart();
  const indent = line.slice(0, line.length - unindented.length);
  if (unindented.startsWith(comment + ' ')) return indent + unindented.slice(comment.length + 1);
  if (unindented.startsWith(comment)) return indent + unindented.slice(comment.length);
  return line;
}

/** Uncomments the magics of `source` in place (exactly one level) and returns it. */
export function uncommentMagic(source: string[], language = 'python', globalEscape = true, explicitlyCode = true): string[] {
  const parser = new StringParser(language);
  let nextIsMagic = false;
  for (let pos = 0; pos < source.length; pos++) {
    const line = source[pos]!;
    if (!parser.isQuoted() && (nextIsMagic || isMagic(line, language, globalEscape, explicitlyCode))) {
      source[pos] = unescapeLine(line, language);
      nextIsMagic = language === 'python' && LINE_CONTINUATION.test(line);
    }
    parser.readLine(line);
  }
  return source;
}

const ESCAPED_CODE_START = new Map<string, RegExp>();

function escapedCodeStart(ext: string): RegExp | undefined {
  let re = ESCAPED_CODE_START.get(ext);
  if (re === undefined) {
    const script = SCRIPT_EXTENSIONS[ext];
    if (!script) return undefined;
    const c = escapeRe(script.comment);
    re = new RegExp(`^(${c} |${c})*(${c}|${c} )\\+`);
    ESCAPED_CODE_START.set(ext, re);
  }
  return re;
}

function isEscapedCodeStart(line: string, ext: string): boolean {
  return escapedCodeStart(ext)?.test(line) ?? false;
}

/** A code line that looks like a light-format cell start (`# +`) gets one more comment level. */
export function escapeCodeStart(source: string[], ext: string, language: string | undefined = 'python'): string[] {
  const parser = new StringParser(language);
  const comment = SCRIPT_EXTENSIONS[ext]?.comment ?? '#';
  for (let pos = 0; pos < source.length; pos++) {
    const line = source[pos]!;
    if (!parser.isQuoted() && isEscapedCodeStart(line, ext)) source[pos] = `${comment} ${line}`;
    parser.readLine(line);
  }
  return source;
}

export function unescapeCodeStart(source: string[], ext: string, language: string | undefined = 'python'): string[] {
  const parser = new StringParser(language);
  for (let pos = 0; pos < source.length; pos++) {
    const line = source[pos]!;
    if (!parser.isQuoted() && isEscapedCodeStart(line, ext)) {
      const unescaped = unescapeLine(line, language ?? 'python');
      if (isEscapedCodeStart(unescaped, ext)) source[pos] = unescaped;
    }
    parser.readLine(line);
  }
  return source;
}
