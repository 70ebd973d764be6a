// R Markdown chunk options (```` ```{python name, echo=FALSE, tags=c("a")} ````) and the cell
// metadata they stand for, both ways, as Jupytext maps them: R logicals, `c(…)` vectors, quoted
// strings, R code kept as `#R_CODE#…`, and the visibility options (`echo`, `include`, `results`)
// as Jupyter Book tags, or as runtools' hide_input/hide_output when the notebook uses those.
import { formatPyFloat, insertionKeys, newPyObject, PyFloat, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { isActive } from './cellMetadata.js';
import { parsePyLiteral } from './pyLiteral.js';

const RUNTOOLS_OPTIONS: ReadonlyArray<[[string, string], Array<[string, boolean]>]> = [
  [['include', 'FALSE'], [['hide_input', true], ['hide_output', true]]],
  [['echo', 'FALSE'], [['hide_input', true]]],
  [['results', "'hide'"], [['hide_output', true]]],
  [['results', '"hide"'], [['hide_output', true]]],
];

const JUPYTER_BOOK_TAGS: ReadonlyArray<[[string, string], string]> = [
  [['include', 'FALSE'], 'remove_cell'],
  [['echo', 'FALSE'], 'remove_input'],
  [['results', "'hide'"], 'remove_output'],
  [['results', '"hide"'], 'remove_output'],
];

export class RmdOptionsError extends Error {}

/** Python's `repr` of a string. */
function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's `str` of a metadata value (strings as they are, containers with reprs inside). */
export function pyStr(value: PyValue, nested = false): string {
  if (typeof value === 'string') return nested ? pyStringRepr(value) : value;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value instanceof PyFloat) return formatPyFloat(value.value);
  if (typeof value === 'number') return Number.isInteger(value) && Number.isSafeInteger(value) ? String(value) : formatPyFloat(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map((v) => pyStr(v, true)).join(', ')}]`;
  return `{${insertionKeys(value).map((k) => `${pyStringRepr(k)}: ${pyStr(value[k]!, true)}`).join(', ')}}`;
}

const tagsOf = (metadata: PyObject): PyValue[] => (Array.isArray(metadata.tags) ? metadata.tags : []);

/** The chunk header text for a language and the cell metadata (consumes the keys it writes). */
export function metadataToRmdOptions(language: string | undefined, metadata: PyObject, useRuntools: boolean): string {
  let options = (language || 'R').toLowerCase();
  if ('name' in metadata) {
    options += ' ' + pyStr(metadata.name!) + ',';
    delete metadata.name;
  }
  if (useRuntools) {
    for (const [[name, value], jupyter] of RUNTOOLS_OPTIONS) {
      if (jupyter.every(([key, v]) => metadata[key] === v)) {
        options += ` ${name}=${value},`;
        for (const [key] of jupyter) delete metadata[key];
      }
    }
  } else {
    for (const [[name, value], tag] of JUPYTER_BOOK_TAGS) {
      if (tagsOf(metadata).includes(tag)) {
        options += ` ${name}=${value},`;
        metadata.tags = tagsOf(metadata).filter((t) => t !== tag);
        if ((metadata.tags as PyValue[]).length === 0) delete metadata.tags;
      }
    }
  }
  for (const rawName of insertionKeys(metadata)) {
    const value = metadata[rawName]!;
    const name = rawName.trim();
    if (name === 'active') options += ` ${name}="${pyStr(value)}",`;
    else if (typeof value === 'boolean') options += ` ${name}=${value ? 'TRUE' : 'FALSE'},`;
    else if (Array.isArray(value)) options += ` ${name}=c(${value.map((v) => `"${pyStr(v)}"`).join(', ')}),`;
    else if (typeof value === 'string') {
      if (value.startsWith('#R_CODE#')) options += ` ${name}=${value.slice(8)},`;
      else if (!value.includes('"')) options += ` ${name}="${value}",`;
      else options += ` ${name}='${value}',`;
    } else options += ` ${name}=${pyStr(value)},`;
  }
  if (!language) options = options.slice(2);
  return options.replace(/^,+|,+$/g, '').trim();
}

/** Splits `name, a=1, b=c(1, 2)` at top-level commas into (name, value) pairs. */
function parseRmdOptions(line: string): Array<[string, string]> {
  let parens = 0;
  let curly = 0;
  let square = 0;
  let single = false;
  let double = false;
  const global = (): boolean => parens === 0 && curly === 0 && square === 0 && !single && !double;
  const count = (ch: string, prev: string): void => {
    if (ch === '(') parens++;
    else if (ch === ')') {
      if (--parens < 0) throw new RmdOptionsError(`Option line "${line}" has too many closing parentheses`);
    } else if (ch === '{') curly++;
    else if (ch === '}') {
      if (--curly < 0) throw new RmdOptionsError(`Option line "${line}" has too many closing curly brackets`);
    } else if (ch === '[') square++;
    else if (ch === ']') {
      if (--square < 0) throw new RmdOptionsError(`Option line "${line}" has too many closing square brackets`);
    } else if (ch === "'" && prev !== '\\' && !double) single = !single;
    else if (ch === '"' && prev !== '\\' && !single) double = !double;
  };
  const result: Array<[string, string]> = [];
  let prev = '';
  let name = '';
  let value = '';
  for (const ch of ',' + line + ',') {
    if (global()) {
      if (ch === ',') {
        if (name !== '' || value !== '') {
          if (result.length > 0 && name === '') throw new RmdOptionsError(`Option line "${line}" has no name for option value ${value}`);
          result.push([name.trim(), value.trim()]);
          name = '';
          value = '';
        }
      } else if (ch === '=') {
        if (name === '') {
          name = value;
          value = '';
        } else value += ch;
      } else {
        count(ch, prev);
        value += ch;
      }
    } else {
      count(ch, prev);
      value += ch;
    }
    prev = ch;
  }
  if (!global()) throw new RmdOptionsError(`Option line "${line}" is not properly terminated`);
  return result;
}

function evalOption(metadata: PyObject, name: string): void {
  let value = metadata[name];
  if (typeof value !== 'string') return;
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
    metadata[name] = value.slice(1, -1);
    return;
  }
  if (value.startsWith('c(') && value.endsWith(')')) value = '[' + value.slice(2, -1) + ']';
  else if (value.startsWith('list(') && value.endsWith(')')) value = '[' + value.slice(5, -1) + ']';
  try {
    metadata[name] = parsePyLiteral(value);
  } catch {
    if (name !== 'name') metadata[name] = '#R_CODE#' + value;
  }
}

/** The language and metadata of a chunk header's text (what is between the braces). */
export function rmdOptionsToMetadata(text: string, useRuntools: boolean): { language: string; metadata: PyObject } {
  const split = /\s|,/.exec(text);
  let parts = split ? [text.slice(0, split.index), text.slice(split.index + 1)] : [text];
  if (parts[0] === 'wolfram' && parts[1] === 'language') parts = ['wolfram language'];
  let language: string;
  let options: Array<[string, string]> = [];
  if (parts.length === 1) language = parts[0]!;
  else {
    language = parts[0]!.replace(/[ ,]+$/, '');
    options = parseRmdOptions(parts[1]!.replace(/^[ ,]+/, ''));
  }
  if (language === 'r') language = 'R';
  const metadata = newPyObject();
  options.forEach(([name, value], i) => {
    if (i === 0 && name === '') {
      metadata.name = value;
      return;
    }
    if (fromVisibilityOption(name, value, metadata, useRuntools)) return;
    if (value === 'TRUE' || value === 'T') metadata[name] = true;
    else if (value === 'FALSE' || value === 'F') metadata[name] = false;
    else metadata[name] = value;
  });
  for (const name of Object.keys(metadata)) evalOption(metadata, name);
  if ('eval' in metadata && !isActive('.Rmd', metadata)) delete metadata.eval;
  const fromMetadata = metadata.language;
  return { language: typeof fromMetadata === 'string' && fromMetadata ? fromMetadata : language, metadata };
}

function fromVisibilityOption(name: string, value: string, metadata: PyObject, useRuntools: boolean): boolean {
  if (useRuntools) {
    for (const [[option, optionValue], jupyter] of RUNTOOLS_OPTIONS) {
      if (name === option && value === optionValue) {
        for (const [key, v] of jupyter) metadata[key] = v;
        return true;
      }
    }
    return false;
  }
  for (const [[option, optionValue], tag] of JUPYTER_BOOK_TAGS) {
    if (name === option && value === optionValue) {
      if (!Array.isArray(metadata.tags)) metadata.tags = [];
      (metadata.tags as PyValue[]).push(tag);
      return true;
    }
  }
  return false;
}

