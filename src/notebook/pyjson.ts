// JSON as Python's `json` module reads and writes it. Jupyter and nbstripout write notebooks with
// `json.dumps(indent=1, sort_keys=True, ensure_ascii=False)`, and that differs from
// JSON.parse + JSON.stringify in ways that show up as diff churn:
//   - floats keep their Python repr: `1.0` stays `1.0`, `1e-06`, `1.5e+300`, `NaN`, `Infinity`;
//   - integers of any size survive (`12345678901234567890` is not rounded);
//   - keys sort by code point (not UTF-16 unit), and in unsorted output integer-like keys keep
//     their place (a plain JS object moves "10" before "a");
//   - duplicate keys: the last value wins but the first position is kept, as in a Python dict.
//
// Representation: `null`, booleans, strings, arrays and null-prototype objects as usual.
// Numbers: a JS `number` that is a safe integer is a Python int; any other `number` (1.5, NaN,
// ±Infinity) is a Python float; `bigint` is a large int; `PyFloat` wraps a float whose value is
// integral (1.0, -0.0, 1e300), which a bare number could not tell apart from an int.

import { nestedTooDeep } from '../messages/notebook.js';

export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = null | boolean | number | bigint | string | PyFloat | PyValue[] | PyObject;
export interface PyObject {
  [key: string]: PyValue;
}

/** Present on objects whose insertion order a JS object cannot keep (integer-like keys). */
export const KEY_ORDER: unique symbol = Symbol('ml-hooks.keyOrder');
type OrderedObject = PyObject & { [KEY_ORDER]?: string[] };

/**
 * The deepest nesting read or written, in levels of arrays and objects. Python's json (so
 * nbformat, Jupyter and nbstripout) cannot read a notebook nested this deep (RecursionError), and
 * a limit keeps every recursive walk over a notebook (strip, merge, compare) within the stack.
 */
export const MAX_NESTING = 1000;

export class PyJsonError extends Error {
  constructor(
    message: string,
    readonly position: number,
    /** `nesting`: valid JSON, but nested deeper than MAX_NESTING. */
    readonly kind: 'syntax' | 'nesting' = 'syntax',
  ) {
    super(message);
  }
}


/** Where parsing `text` fails (a character offset), or undefined when it is valid (Python's json also takes NaN and Infinity). */
export function errorPosition(text: string): number | undefined {
  try {
    parsePyJson(text);
    return undefined;
  } catch (error) {
    if (error instanceof PyJsonError) return error.position;
    throw error;
  }
}

export function isPyObject(value: PyValue | undefined): value is PyObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}

export function newPyObject(): PyObject {
  return Object.create(null) as PyObject;
}

/** True for the keys a JS object enumerates first, whatever their insertion order. */
function isIndexLike(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57 || (c === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(key) < 4294967295;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
/** The bare words Python's json reads, by their first character. */
const LITERALS: Record<number, [string, PyValue]> = {
  0x6e: ['null', null],
  0x74: ['true', true],
  0x66: ['false', false],
  0x4e: ['NaN', NaN],
  0x49: ['Infinity', Infinity],
};

/** Index of the quote that closes the string opened at `open`, or -1 when it is unterminated. */
function closingQuote(text: string, open: number): number {
  for (let end = text.indexOf('"', open + 1); end !== -1; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    for (let i = end - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
  return -1;
}
const NEEDS_DECODING = /[\\\x00-\x1f]/;

export interface ParseOptions {
  /** Keep Python's key order for integer-like keys (only unsorted output needs it; slower). */
  keepKeyOrder?: boolean;
}

/**
 * Parses JSON text exactly as Python's `json.loads` does (NaN and Infinity included).
 *
 * Fast path: V8's native JSON.parse gives the same values as Python unless a number token is an
 * integral float (`1.0`, `2e5`, `-0.0`), an integer beyond 2^53, NaN or Infinity, so one pass over
 * the text outside strings looks for those and only then falls back to the exact parser here.
 */
export function parsePyJson(text: string, options: ParseOptions = {}): PyValue {
  if (!options.keepKeyOrder && !needsExactParse(text)) {
    let value: PyValue | undefined;
    try {
      value = JSON.parse(text) as PyValue;
    } catch {
      // fall through: the exact parser gives Python's error message
    }
    // Native parsing has no depth limit: deeper values go to the exact parser, which says where.
    if (value !== undefined && !nestsDeeperThan(value, MAX_NESTING)) return value;
  }
  return parsePyJsonExact(text);
}

/**
 * Whether arrays and objects nest more than `limit` levels: an explicit stack, no recursion. The
 * containers inside a container are pushed after a marker (null) that closes their level.
 */
function nestsDeeperThan(value: PyValue, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: (PyValue | null)[] = [value];
  let depth = 1;
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v === null) {
      depth--;
      continue;
    }
    const mark = stack.length;
    stack.push(null);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = v[i]!;
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    } else {
      for (const key in v as PyObject) {
        const child = (v as PyObject)[key]!;
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
    if (stack.length === mark + 1) stack.pop(); // no containers inside: no level to open
    else if (++depth > limit) return true;
  }
  return false;
}

const DIGIT = /[0-9]/;
const NUMBER_TOKEN = /-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/g;
const LITERAL_ONLY_IN_PYTHON = /[NI]/;

/** True when some number outside strings would differ between JSON.parse and Python. */
function needsExactParse(text: string): boolean {
  const n = text.length;
  let pos = 0;
  for (;;) {
    const quote = text.indexOf('"', pos);
    const gapEnd = quote === -1 ? n : quote;
    if (gapEnd > pos && gapHasPythonOnlyNumber(text.slice(pos, gapEnd))) return true;
    if (quote === -1) return false;
    const end = closingQuote(text, quote);
    if (end === -1) return true; // malformed: let the exact parser report it
    pos = end + 1;
  }
}

function gapHasPythonOnlyNumber(gap: string): boolean {
  if (LITERAL_ONLY_IN_PYTHON.test(gap)) return true;
  if (!DIGIT.test(gap)) return false;
  NUMBER_TOKEN.lastIndex = 0;
  for (let m = NUMBER_TOKEN.exec(gap); m !== null; m = NUMBER_TOKEN.exec(gap)) {
    const token = m[0];
    if (m[1] !== undefined || m[2] !== undefined) {
      if (Number.isInteger(Number(token))) return true; // 1.0, 1e5, -0.0: floats with integral values
    } else if (token.length > 15 && !Number.isSafeInteger(Number(token))) {
      return true;
    }
  }
  return false;
}

/** The exact parser: Python's values, errors and key order. */
export function parsePyJsonExact(text: string): PyValue {
  let pos = 0;
  const n = text.length;

  const fail = (what: string, at = pos, kind: 'syntax' | 'nesting' = 'syntax'): never => {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    throw new PyJsonError(`${what}: line ${line} column ${at - lineStart + 1} (char ${at})`, at, kind);
  };
  /** An array or object opened at `depth` (the top level is 0) would be one level too many. */
  const checkDepth = (depth: number): void => {
    if (depth >= MAX_NESTING) fail(nestedTooDeep(MAX_NESTING), pos, 'nesting');
  };

  const skipWhitespace = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };

  const parseString = (): string => {
    // pos is at the opening quote. Find the closing quote that is not escaped.
    const start = pos;
    const end = closingQuote(text, start);
    if (end === -1) return fail('Unterminated string starting at', start);
    pos = end + 1;
    const body = text.slice(start + 1, end);
    if (!NEEDS_DECODING.test(body)) return body;
    try {
      // The escapes JSON allows are exactly Python's; native decoding is fast and rejects
      // raw control characters as Python's strict mode does.
      return JSON.parse(text.slice(start, end + 1)) as string;
    } catch {
      const bad = /[\x00-\x1f]/.exec(body);
      return fail(bad ? 'Invalid control character at' : 'Invalid \\escape', start + 1 + (bad?.index ?? 0));
    }
  };

  const parseNumber = (): PyValue => {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('Expecting value');
    const token = m[0];
    pos += token.length;
    if (m[1] === undefined && m[2] === undefined) {
      const v = Number(token);
      if (Number.isSafeInteger(v)) return v === 0 ? 0 : v; // "-0" is the int 0
      return BigInt(token);
    }
    const v = Number(token);
    return Number.isInteger(v) ? new PyFloat(v) : v;
  };

  const parseValue = (depth: number): PyValue => {
    skipWhitespace();
    if (pos >= n) return fail('Expecting value');
    const c = text.charCodeAt(pos);
    switch (c) {
      case 0x22: // "
        return parseString();
      case 0x7b: {
        // {
        checkDepth(depth);
        pos++;
        const obj = newPyObject() as OrderedObject;
        skipWhitespace();
        if (text.charCodeAt(pos) === 0x7d) {
          pos++;
          return obj;
        }
        let order: string[] | undefined;
        const keys: string[] = [];
        for (;;) {
          skipWhitespace();
          if (text.charCodeAt(pos) !== 0x22) return fail('Expecting property name enclosed in double quotes');
          const key = parseString();
          skipWhitespace();
          if (text.charCodeAt(pos) !== 0x3a) return fail("Expecting ':' delimiter");
          pos++;
          const value = parseValue(depth + 1);
          if (!Object.hasOwn(obj, key)) {
            keys.push(key);
            if (order === undefined && isIndexLike(key)) order = keys;
          }
          obj[key] = value;
          skipWhitespace();
          const d = text.charCodeAt(pos);
          if (d === 0x2c) {
            pos++;
            continue;
          }
          if (d === 0x7d) {
            pos++;
            break;
          }
          return fail("Expecting ',' delimiter");
        }
        if (order !== undefined) Object.defineProperty(obj, KEY_ORDER, { value: order, enumerable: false });
        return obj;
      }
      case 0x5b: {
        // [
        checkDepth(depth);
        pos++;
        const arr: PyValue[] = [];
        skipWhitespace();
        if (text.charCodeAt(pos) === 0x5d) {
          pos++;
          return arr;
        }
        for (;;) {
          arr.push(parseValue(depth + 1));
          skipWhitespace();
          const d = text.charCodeAt(pos);
          if (d === 0x2c) {
            pos++;
            continue;
          }
          if (d === 0x5d) {
            pos++;
            return arr;
          }
          return fail("Expecting ',' delimiter");
        }
      }
      case 0x6e: // null
      case 0x74: // true
      case 0x66: // false
      case 0x4e: // NaN
      case 0x49: {
        // Infinity
        const [word, value] = LITERALS[c]!;
        if (text.startsWith(word, pos)) return (pos += word.length), value;
        break;
      }
      case 0x2d: // -
        if (text.startsWith('-Infinity', pos)) return (pos += 9), -Infinity;
        return parseNumber();
      default:
        if (c >= 0x30 && c <= 0x39) return parseNumber();
    }
    return fail('Expecting value');
  };

  const value = parseValue(0);
  skipWhitespace();
  if (pos < n) fail('Extra data');
  return value;
}

// ---------------------------------------------------------------------------------------------
// Serialization

export interface DumpOptions {
  /** Spaces per level; `undefined` writes everything on one line (Python's default separators). */
  indent?: number;
  sortKeys: boolean;
  ensureAscii: boolean;
}

/** Python `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
export function formatPyFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const exp = Math.abs(x).toExponential(); // shortest digits that round-trip, e.g. "1.2345e+2"
  const e = exp.indexOf('e');
  const digits = exp.slice(0, e).replace('.', '');
  const exponent = Number(exp.slice(e + 1));
  const decpt = exponent + 1; // value = 0.DIGITS × 10^decpt
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  const expDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${mantissa}e${expSign}${expDigits}`;
}

export function formatPyNumber(value: number | bigint | PyFloat): string {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return formatPyFloat(value.value);
  if (Number.isSafeInteger(value)) return String(value);
  if (Number.isInteger(value) && !Object.is(value, -0)) return BigInt(value).toString(); // an int made by code
  return formatPyFloat(value);
}

const NON_ASCII = /[^\x20-\x7e]/g;
const escapeUnit = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** What JSON.stringify would escape (lone surrogates too, so any surrogate goes the long way). */
const ESCAPED = /["\\\x00-\x1f\ud800-\udfff]/;

export function quotePyString(s: string, ensureAscii: boolean): string {
  if (!ensureAscii && !ESCAPED.test(s)) return `"${s}"`;
  const quoted = JSON.stringify(s); // escapes exactly Python's set: \" \\ \b \f \n \r \t, other controls as \u00XX
  return ensureAscii ? quoted.replace(NON_ASCII, escapeUnit) : quoted;
}

/** Compares by Unicode code point, as Python sorts str (JS's `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // The differing unit may be the low half of a pair whose high half is shared: compare whole
  // code points from the start of that pair (lone surrogates count as their own value).
  const prev = i > 0 ? a.charCodeAt(i - 1) : 0;
  if (prev >= 0xd800 && prev <= 0xdbff) {
    const diff = a.codePointAt(i - 1)! - b.codePointAt(i - 1)!;
    if (diff !== 0) return diff;
  }
  return a.codePointAt(i)! - b.codePointAt(i)!;
}

const ASTRAL_OR_HIGH = /[\ud800-\uffff]/;

export function sortedKeys(obj: PyObject): string[] {
  const keys = Object.keys(obj);
  if (keys.some((k) => ASTRAL_OR_HIGH.test(k))) return keys.sort(compareCodePoints);
  return keys.sort();
}

/** Keys in insertion order, as a Python dict would give them. */
export function insertionKeys(obj: PyObject): string[] {
  const order = (obj as OrderedObject)[KEY_ORDER];
  const keys = Object.keys(obj);
  if (order === undefined) return keys;
  const present = order.filter((k) => Object.hasOwn(obj, k));
  if (present.length === keys.length) return present;
  const seen = new Set(present);
  return present.concat(keys.filter((k) => !seen.has(k)));
}

/** Serializes like Python's `json.dumps(value, indent=…, sort_keys=…, ensure_ascii=…)`. */
export function dumpPyJson(value: PyValue, options: DumpOptions): string {
  const { indent, sortKeys, ensureAscii } = options;
  const keysOf = sortKeys ? sortedKeys : insertionKeys;
  // What goes between items (and before the first, and the closing bracket) at each level.
  const breaks: string[] = [];
  const breakAt = (level: number): string => (breaks[level] ??= indent === undefined ? '' : '\n' + ' '.repeat(indent * level));
  const itemSep = indent === undefined ? ', ' : ',';

  const write = (v: PyValue, level: number): string => {
    if (typeof v === 'string') return quotePyString(v, ensureAscii);
    if (v === null) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat) return formatPyNumber(v);
    if (level >= MAX_NESTING) throw new PyJsonError(nestedTooDeep(MAX_NESTING), -1, 'nesting');
    const inner = breakAt(level + 1);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      let text = '[' + inner + write(v[0]!, level + 1);
      for (let i = 1; i < v.length; i++) text += itemSep + inner + write(v[i]!, level + 1);
      return text + breakAt(level) + ']';
    }
    const keys = keysOf(v);
    if (keys.length === 0) return '{}';
    let text = '{';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      text += (i > 0 ? itemSep : '') + inner + quotePyString(key, ensureAscii) + ': ' + write(v[key]!, level + 1);
    }
    return text + breakAt(level) + '}';
  };

  return write(value, 0);
}

/** A deep copy (floats and big integers are immutable and shared). */
export function clonePyValue(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(clonePyValue);
  if (!isPyObject(value)) return value;
  const copy = newPyObject();
  for (const key of Object.keys(value)) copy[key] = clonePyValue(value[key]!);
  return copy;
}

/** Structural equality as Python's `==` sees parsed JSON (1 == 1.0, dict order ignored). */
export function pyEqual(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  const na = numericValue(a);
  if (na !== undefined) {
    const nb = numericValue(b);
    if (nb === undefined) return false;
    if (typeof na === 'bigint' || typeof nb === 'bigint') {
      const [big, other] = typeof na === 'bigint' ? [na, nb] : [nb as bigint, na];
      return typeof other === 'bigint' ? big === other : Number.isInteger(other) && BigInt(other) === big;
    }
    return na === nb || (Number.isNaN(na) && Number.isNaN(nb));
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  if (isPyObject(a)) {
    if (!isPyObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !pyEqual(a[k]!, b[k]!)) return false;
    return true;
  }
  return false;
}

function numericValue(v: PyValue): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof PyFloat) return v.value;
  return undefined;
}
