// Languages and comment syntax of the script formats, as Jupytext defines them: which extension
// holds which language, how a line is commented, and which `%%magic` names a cell language.

export interface ScriptLanguage {
  language: string;
  comment: string;
  commentSuffix?: string;
}

/** Script extensions and their language (Jupytext 1.19's table). */
export const SCRIPT_EXTENSIONS: Readonly<Record<string, ScriptLanguage>> = {
  '.py': { language: 'python', comment: '#' },
  '.coco': { language: 'coconut', comment: '#' },
  '.R': { language: 'R', comment: '#' },
  '.r': { language: 'R', comment: '#' },
  '.jl': { language: 'julia', comment: '#' },
  '.cpp': { language: 'c++', comment: '//' },
  '.ss': { language: 'scheme', comment: ';;' },
  '.clj': { language: 'clojure', comment: ';;' },
  '.scm': { language: 'scheme', comment: ';;' },
  '.sh': { language: 'bash', comment: '#' },
  '.ps1': { language: 'powershell', comment: '#' },
  '.q': { language: 'q', comment: '/' },
  '.m': { language: 'matlab', comment: '%' },
  '.wolfram': { language: 'wolfram language', comment: '(*', commentSuffix: '*)' },
  '.pro': { language: 'idl', comment: ';' },
  '.js': { language: 'javascript', comment: '//' },
  '.ts': { language: 'typescript', comment: '//' },
  '.scala': { language: 'scala', comment: '//' },
  '.rs': { language: 'rust', comment: '//' },
  '.robot': { language: 'robotframework', comment: '#' },
  '.resource': { language: 'robotframework', comment: '#' },
  '.cs': { language: 'csharp', comment: '//' },
  '.fsx': { language: 'fsharp', comment: '//' },
  '.fs': { language: 'fsharp', comment: '//' },
  '.sos': { language: 'sos', comment: '#' },
  '.java': { language: 'java', comment: '//' },
  '.groovy': { language: 'groovy', comment: '//' },
  '.sage': { language: 'sage', comment: '#' },
  '.ml': { language: 'ocaml', comment: '(*', commentSuffix: '*)' },
  '.hs': { language: 'haskell', comment: '--' },
  '.tcl': { language: 'tcl', comment: '#' },
  '.mac': { language: 'maxima', comment: '/*', commentSuffix: '*/' },
  '.gp': { language: 'gnuplot', comment: '#' },
  '.do': { language: 'stata', comment: '//' },
  '.sas': { language: 'sas', comment: '/*', commentSuffix: '*/' },
  '.xsh': { language: 'xonsh', comment: '#' },
  '.lgt': { language: 'logtalk', comment: '%' },
  '.logtalk': { language: 'logtalk', comment: '%' },
  '.lua': { language: 'lua', comment: '--' },
  '.go': { language: 'go', comment: '//' },
};

/** The comment of each script language (the last extension listed wins, as in a Python dict). */
export const LANGUAGE_COMMENT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(SCRIPT_EXTENSIONS).map((s) => [s.language, s.comment]),
);

const MAGIC_LANGUAGES = [
  'R', 'bash', 'sh', 'python', 'python2', 'python3', 'coconut', 'javascript', 'js', 'perl', 'html',
  'latex', 'markdown', 'pypy', 'ruby', 'script', 'svg', 'matlab', 'octave', 'idl', 'robotframework',
  'sas', 'spark', 'sql', 'cython', 'haskell', 'tcl', 'gnuplot', 'wolfram language',
];

/** Cell magics that name a language (`%%R`, `%%bash`, …) plus every script language. */
export const JUPYTER_LANGUAGES: ReadonlySet<string> = new Set([
  ...MAGIC_LANGUAGES,
  ...Object.keys(LANGUAGE_COMMENT),
  'c#', 'f#', 'cs', 'fs',
]);

export function isJupyterLanguage(language: string): boolean {
  const lower = language.toLowerCase();
  for (const lang of JUPYTER_LANGUAGES) if (lang.toLowerCase() === lower) return true;
  return false;
}

/** The name Jupytext's tables use for a language (`r` → `R`, `c#` → `csharp`, …). */
export function usualLanguageName(language: string): string {
  const lower = language.toLowerCase();
  if (lower === 'r') return 'R';
  if (lower.startsWith('c++')) return 'c++';
  if (lower === 'octave') return 'matlab';
  if (lower === 'cs' || lower === 'c#') return 'csharp';
  if (lower === 'fs' || lower === 'f#') return 'fsharp';
  if (lower === 'sas') return 'SAS';
  return lower;
}

export function sameLanguage(a: string, b: string): boolean {
  return usualLanguageName(a) === usualLanguageName(b);
}

/** Prefixes every line with the comment (an empty line gets the bare comment). */
export function commentLines(lines: readonly string[], prefix: string, suffix = ''): string[] {
  if (!prefix) return [...lines];
  if (!suffix) return lines.map((line) => (line ? `${prefix} ${line}` : prefix));
  return lines.map((line) => (line ? `${prefix} ${line} ${suffix}` : `${prefix} ${suffix}`));
}

/** Removes one `prefix ` (or bare `prefix`) from the start of each line, and the suffix. */
export function uncommentLines(lines: readonly string[], prefix = '#', suffix = ''): string[] {
  let out = [...lines];
  if (prefix) {
    const withSpace = prefix + ' ';
    out = out.map((line) => (line.startsWith(withSpace) ? line.slice(withSpace.length) : line.startsWith(prefix) ? line.slice(prefix.length) : line));
  }
  if (suffix) {
    const withSpace = ' ' + suffix;
    out = out.map((line) => (line.endsWith(withSpace) ? line.slice(0, -withSpace.length) : line.endsWith(suffix) ? line.slice(0, -suffix.length) : line));
  }
  return out;
}

/** GoNB's own `%%` and `%% -flags` cell commands, which are not language magics. */
const GO_DOUBLE_PERCENT_COMMAND = /^(%%\s*|%%\s+-.*)$/;

/**
 * A first line `%%R args` (or another language magic) names the cell's language: returns it and
 * removes that line from `source`. Go and C# notebooks have their own syntax.
 */
export function cellLanguage(source: string[], defaultLanguage: string, customMagics: readonly string[]): { language?: string; magicArgs?: string } {
  if (source.length === 0) return {};
  const line = source[0]!;
  if (defaultLanguage === 'go' && GO_DOUBLE_PERCENT_COMMAND.test(line)) return {};
  if (defaultLanguage === 'csharp') {
    if (line.startsWith('#!')) {
      const lang = line.slice(2).trim();
      if (JUPYTER_LANGUAGES.has(lang)) {
        source.shift();
        return { language: lang, magicArgs: '' };
      }
    }
    return {};
  }
  if (line.startsWith('%%')) {
    const magic = line.slice(2);
    const space = magic.indexOf(' ');
    const lang = space >= 0 ? magic.slice(0, space) : magic;
    const magicArgs = space >= 0 ? magic.slice(space + 1) : '';
    if (JUPYTER_LANGUAGES.has(lang) || customMagics.includes(lang)) {
      source.shift();
      return { language: lang, magicArgs };
    }
  }
  return {};
}
