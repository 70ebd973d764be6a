// YAML text as PyYAML's `yaml.safe_dump(data, default_flow_style=False)` writes it, for the shapes
// notebook metadata has (mappings, lists, strings, numbers, booleans, null): keys sorted, 2-space
// block style with lists not indented under their key, `{}`/`[]` for empty ones, strings plain
// unless YAML would read them as something else or they contain indicators (then single quotes,
// or double quotes with escapes for non-ASCII and control characters), long scalars folded at
// spaces past column 80. Jupytext writes script headers with exactly this.
import { formatPyFloat, insertionKeys, isPyObject, PyFloat, sortedKeys, type PyValue } from '../notebook/pyjson.js';

export interface YamlStyle {
  /** `sort_keys` (default true); false keeps insertion order. */
  sortKeys?: boolean;
  /** `allow_unicode` (default false): non-ASCII printable characters are written as they are. */
  allowUnicode?: boolean;
  /** Lists without mappings in flow style (`[a, b]`), as Jupytext's MyST dumper writes them. */
  flowLists?: boolean;
}

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// YAML 1.1 implicit types (PyYAML's resolver): a plain scalar matching one of these is not a str.
const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

const BREAKS = '\n\x85\u2028\u2029';
const WHITESPACE = '\0 \t\r\n\x85\u2028\u2029';

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowFlowPlain: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

/** PyYAML's printable non-ASCII characters (written as they are with allow_unicode). */
function isPrintableUnicode(cp: number): boolean {
  return (cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp < 0x10ffff)) && cp !== 0xfeff;
}

function analyze(s: string, allowUnicode: boolean): Analysis {
  if (!s) return { empty: true, multiline: false, allowFlowPlain: false, allowBlockPlain: true, allowSingleQuoted: true };
  const chars = Array.from(s);
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = flowIndicators = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || WHITESPACE.includes(chars[1]!);
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = flowIndicators = true;
      if ('?:'.includes(ch)) {
        flowIndicators = true;
        if (followedByWs) blockIndicators = true;
      }
      if (ch === '-' && followedByWs) blockIndicators = flowIndicators = true;
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWs) blockIndicators = true;
      }
      if (ch === '#' && precededByWs) blockIndicators = flowIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const cp = ch.codePointAt(0)!;
    if (!(ch === '\n' || (cp >= 0x20 && cp <= 0x7e)) && !(allowUnicode && isPrintableUnicode(cp))) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWs = WHITESPACE.includes(ch);
    followedByWs = i + 2 >= chars.length || WHITESPACE.includes(chars[i + 2]!);
  }
  let allowFlowPlain = true;
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowFlowPlain = allowBlockPlain = false;
  if (breakSpace) allowFlowPlain = allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowFlowPlain = allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowFlowPlain = allowBlockPlain = false;
  if (flowIndicators) allowFlowPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowFlowPlain, allowBlockPlain, allowSingleQuoted };
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\x08': 'b', '\x09': 't', '\x0a': 'n', '\x0b': 'v', '\x0c': 'f', '\x0d': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

/** Writes YAML into lines while tracking the column, as PyYAML's emitter does. */
class Writer {
  out = '';
  column = 0;
  whitespace = true;
  flowLevel = 0;

  constructor(readonly style: YamlStyle) {}

  write(data: string): void {
    this.out += data;
    this.column += data.length;
    this.whitespace = false;
  }

  newline(indent: number): void {
    this.out += '\n' + ' '.repeat(indent);
    this.column = indent;
    this.whitespace = true;
  }

  lineBreak(br: string): void {
    this.out += br;
    this.column = 0;
    this.whitespace = true;
  }

  plain(text: string, indent: number, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    let spaces = false;
    let start = 0;
    const chars = Array.from(text);
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) this.newline(indent);
          else this.write(chars.slice(start, end).join(''));
          start = end;
        }
      } else if (ch === undefined || ch === ' ') {
        this.write(chars.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) spaces = ch === ' ';
    }
  }

  singleQuoted(text: string, indent: number, split: boolean): void {
    this.write(this.whitespace ? "'" : " '");
    let spaces = false;
    let breaks = false;
    let start = 0;
    const chars = Array.from(text);
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== chars.length) this.newline(indent);
          else this.write(chars.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === '\n') this.lineBreak('\n');
          for (const br of chars.slice(start, end)) this.lineBreak(br);
          this.out += ' '.repeat(Math.max(0, indent - this.column));
          this.column = Math.max(this.column, indent);
          start = end;
        }
      } else if (ch === undefined || ch === ' ' || BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.write("'");
  }

  doubleQuoted(text: string, indent: number, split: boolean): void {
    this.write(this.whitespace ? '"' : ' "');
    const chars = Array.from(text);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      const cp = ch?.codePointAt(0) ?? -1;
      const plainChar = (cp >= 0x20 && cp <= 0x7e) || (this.style.allowUnicode === true && ((cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd)));
      if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !plainChar) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          let data: string;
          if (ch in ESCAPES) data = '\\' + ESCAPES[ch];
          else if (cp <= 0xff) data = '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
          else if (cp <= 0xffff) data = '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
          else data = '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
          this.write(data);
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        let data = chars.slice(start, end).join('') + '\\';
        if (start < end) start = end;
        this.write(data);
        this.newline(indent);
        if (chars[start] === ' ') {
          data = '\\';
          this.write(data);
        }
      }
    }
    this.write('"');
  }
}

function isImplicitString(s: string): boolean {
  return !IMPLICIT.some((re) => re.test(s));
}

function scalarText(value: PyValue): { text: string; isString: boolean } {
  if (value === null) return { text: 'null', isString: false };
  if (value === true) return { text: 'true', isString: false };
  if (value === false) return { text: 'false', isString: false };
  if (typeof value === 'bigint') return { text: value.toString(), isString: false };
  if (value instanceof PyFloat || (typeof value === 'number' && !Number.isSafeInteger(value))) {
    const x = value instanceof PyFloat ? value.value : value;
    if (Number.isNaN(x)) return { text: '.nan', isString: false };
    if (x === Infinity) return { text: '.inf', isString: false };
    if (x === -Infinity) return { text: '-.inf', isString: false };
    let t = formatPyFloat(x).toLowerCase();
    if (!t.includes('.') && t.includes('e')) t = t.replace('e', '.0e');
    return { text: t, isString: false };
  }
  if (typeof value === 'number') return { text: String(value), isString: false };
  return { text: value as string, isString: true };
}

function writeScalar(w: Writer, value: PyValue, indent: number, simpleKey: boolean): void {
  const { text, isString } = scalarText(value);
  if (!isString) {
    w.plain(text, indent, !simpleKey);
    return;
  }
  const a = analyze(text, w.style.allowUnicode === true);
  const plainAllowed = w.flowLevel > 0 ? a.allowFlowPlain : a.allowBlockPlain;
  if (isImplicitString(text) && !(simpleKey && (a.empty || a.multiline)) && plainAllowed) {
    w.plain(text, indent, !simpleKey);
  } else if (a.allowSingleQuoted && !(simpleKey && a.multiline)) {
    w.singleQuoted(text, indent, !simpleKey);
  } else {
    w.doubleQuoted(text, indent, !simpleKey);
  }
}

const isEmptyCollection = (v: PyValue): boolean => (Array.isArray(v) && v.length === 0) || (isPyObject(v) && Object.keys(v).length === 0);

function writeNode(w: Writer, value: PyValue, indent: number, context: 'root' | 'mapping' | 'sequence'): void {
  if (isPyObject(value) && Object.keys(value).length > 0) {
    // Block mapping: keys at `indent`; in a sequence the first key follows "- ".
    const keys = w.style.sortKeys === false ? insertionKeys(value) : sortedKeys(value);
    keys.forEach((key, i) => {
      if (!(i === 0 && context === 'sequence')) {
        if (w.out !== '' || i > 0) w.newline(indent);
      }
      const child = value[key]!;
      if (key === '' || key.length >= 128 || /[\n\x85\u2028\u2029]/.test(key)) {
        // Not a simple key: PyYAML writes "? key" and ": value" on their own lines.
        w.write(w.whitespace ? '?' : ' ?');
        writeScalar(w, key, indent + BEST_INDENT, false);
        w.newline(indent);
        w.write(':');
        if ((isPyObject(child) || Array.isArray(child)) && !isEmptyCollection(child)) {
          w.write(' ');
          w.whitespace = true;
          writeNode(w, child, indent + BEST_INDENT, 'sequence');
        } else writeFlowOrScalar(w, child, indent + BEST_INDENT);
        return;
      }
      writeScalar(w, key, indent + BEST_INDENT, true);
      w.write(':');
      if (isPyObject(child) && !isEmptyCollection(child)) {
        writeNode(w, child, indent + BEST_INDENT, 'mapping');
      } else if (Array.isArray(child) && child.length > 0) {
        writeNode(w, child, indent, 'mapping'); // lists are not indented under their key
      } else {
        writeFlowOrScalar(w, child, indent + BEST_INDENT);
      }
    });
    return;
  }
  if (Array.isArray(value) && value.length > 0 && (w.flowLevel > 0 || (w.style.flowLists && !value.some((v) => isPyObject(v))))) {
    writeFlowSequence(w, value, indent);
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, i) => {
      if (!(i === 0 && context === 'sequence')) {
        if (w.out !== '' || i > 0) w.newline(indent);
      }
      w.write(w.whitespace ? '-' : ' -');
      if ((isPyObject(item) || Array.isArray(item)) && !isEmptyCollection(item)) {
        w.write(' ');
        w.whitespace = true;
        writeNode(w, item, indent + BEST_INDENT, 'sequence');
      } else {
        writeFlowOrScalar(w, item, indent + BEST_INDENT);
      }
    });
    return;
  }
  writeFlowOrScalar(w, value, indent + BEST_INDENT);
}

/** `[a, b]`, wrapped past the line width as PyYAML wraps it. */
function writeFlowSequence(w: Writer, value: PyValue[], indent: number): void {
  const flowIndent = w.flowLevel > 0 ? indent : indent + BEST_INDENT;
  w.write(w.whitespace ? '[' : ' [');
  w.whitespace = true;
  w.flowLevel++;
  value.forEach((item, i) => {
    if (i > 0) w.write(',');
    if (w.column > BEST_WIDTH) w.newline(flowIndent);
    if (Array.isArray(item) && item.length > 0) writeFlowSequence(w, item, flowIndent + BEST_INDENT);
    else writeFlowOrScalar(w, item, flowIndent);
  });
  w.flowLevel--;
  w.write(']');
}

function writeFlowOrScalar(w: Writer, value: PyValue, indent: number): void {
  if (Array.isArray(value)) w.write(w.whitespace ? '[]' : ' []');
  else if (isPyObject(value)) w.write(w.whitespace ? '{}' : ' {}');
  else writeScalar(w, value, indent, false);
}

/** `yaml.safe_dump(value, default_flow_style=False)` (or with the given style) as a list of lines. */
export function dumpYamlLines(value: PyValue, style: YamlStyle = {}): string[] {
  const w = new Writer(style);
  writeNode(w, value, 0, 'root');
  if (!isPyObject(value) && !Array.isArray(value)) {
    // PyYAML ends a top-level scalar document with "...": not a shape notebook headers have.
    return [w.out, '...'];
  }
  return w.out.split('\n');
}
