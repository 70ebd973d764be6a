// Cell metadata on a script's cell marker: `# %% [markdown] key="value" tags=["a"] flag`.
// Values are JSON as Python's `json.dumps` writes them; a key without value is a bare word.
// Reading follows Jupytext: JSON first, then Python literals, scanning `=` signs from the right.
import { dumpPyJson, isPyObject, newPyObject, parsePyJson, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { isJupyterLanguage } from './languages.js';
import { parsePyLiteral } from './pyLiteral.js';

/** Metadata Jupytext keeps for itself (never written on a marker). */
export const JUPYTEXT_CELL_METADATA = ['skipline', 'noskipline', 'cell_marker', 'lines_to_next_cell', 'lines_to_end_of_cell_marker'];

/** Default cell metadata filter: noisy keys that stay in the .ipynb only. */
export const IGNORE_CELL_METADATA = ['autoscroll', 'collapsed', 'scrolled', 'trusted', 'execution', 'ExecuteTime', ...JUPYTEXT_CELL_METADATA]
  .map((k) => `-${k}`)
  .join(',');

const IS_IDENTIFIER = /^[a-zA-Z_.]+[a-zA-Z0-9_.]*$/;
const IS_VALID_METADATA_KEY = /^[a-zA-Z0-9_.@/-]+$/;

export function isValidMetadataKey(key: string): boolean {
  return IS_VALID_METADATA_KEY.test(key);
}

/** `json.dumps(value)` with Python's defaults (", " and ": ", ASCII only, insertion order). */
export function pyJsonDumps(value: PyValue): string {
  return dumpPyJson(value, { sortKeys: false, ensureAscii: true });
}

const str = (v: PyValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** Is the cell active (evaluated) for this extension? Jupytext's `active`/`active-*`/frozen rules. */
export function isActive(ext: string, metadata: PyObject, defaultValue = true): boolean {
  const runControl = metadata.run_control;
  if (isPyObject(runControl) && runControl.frozen === true) return ext === '.ipynb';
  const tags = metadata.tags;
  if (Array.isArray(tags)) {
    for (const tag of tags) {
      if (typeof tag === 'string' && tag.startsWith('active-')) return tag.split('-').includes(ext.replace(/\./g, ''));
    }
  }
  if (!('active' in metadata)) return defaultValue;
  const active = str(metadata.active) ?? '';
  return active.split(/\.|,/).includes(ext.replace(/\./g, ''));
}

/** Writes `title key=value …` (or one JSON object when `plainJson`). */
export function metadataToText(languageOrTitle: string | undefined, metadata: PyObject, plainJson = false): string {
  const md = newPyObject();
  for (const key of Object.keys(metadata)) if (!JUPYTEXT_CELL_METADATA.includes(key)) md[key] = metadata[key]!;
  const text: string[] = languageOrTitle ? [languageOrTitle] : [];
  if (plainJson) {
    if (Object.keys(md).length > 0) text.push(pyJsonDumps(md));
  } else {
    for (const key of Object.keys(md)) {
      const v = md[key]!;
      if (key === 'incorrectly_encoded_metadata') text.push(String(v));
      else if (v === null) text.push(key);
      else text.push(`${key}=${pyJsonDumps(v)}`);
    }
  }
  return text.join(' ');
}

/** The options of a percent/light marker: `%%…` depth, title, `[type]`, then the metadata. Consumes those keys. */
export function metadataToDoublePercentOptions(metadata: PyObject, plainJson: boolean): string {
  const text: string[] = [];
  if ('title' in metadata) {
    text.push(String(metadata.title));
    delete metadata.title;
  }
  if ('cell_depth' in metadata) {
    text.unshift('%'.repeat(Number(metadata.cell_depth)));
    delete metadata.cell_depth;
  }
  if ('cell_type' in metadata) {
    let name = metadata.cell_type;
    if ('region_name' in metadata) {
      name = metadata.region_name!;
      delete metadata.region_name;
    }
    delete metadata.cell_type;
    text.push(`[${String(name)}]`);
  }
  return metadataToText(text.join(' '), metadata, plainJson);
}

function incorrectlyEncoded(text: string): PyObject {
  const md = newPyObject();
  md.incorrectly_encoded_metadata = text;
  return md;
}

/** `json.loads`, then `ast.literal_eval`; throws when neither reads the text. */
export function relaxJsonLoads(text: string): PyValue {
  const t = text.trim();
  try {
    return parsePyJson(t, { keepKeyOrder: true });
  } catch {
    return parsePyLiteral(t);
  }
}

function relaxJsonLoadsOrRaw(text: string): PyValue {
  try {
    return relaxJsonLoads(text);
  } catch {
    return incorrectlyEncoded(text.trim());
  }
}

/** Parses `key1=value1 key2 key3=value3`. */
export function parseKeyEqualValue(input: string): PyObject {
  const text = input.trim();
  if (!text) return newPyObject();
  const lastSpace = text.lastIndexOf(' ');
  const lastWord = text.slice(lastSpace + 1);
  if (!text.startsWith('--') && IS_IDENTIFIER.test(lastWord)) {
    const result = newPyObject();
    result[lastWord] = null;
    if (lastSpace > 0) {
      const rest = parseKeyEqualValue(text.slice(0, lastSpace));
      for (const k of Object.keys(rest)) result[k] = rest[k]!;
    }
    return result;
  }
  let eq = text.length;
  for (;;) {
    eq = eq <= 0 ? -1 : text.lastIndexOf('=', eq - 1);
    if (eq < 0) return incorrectlyEncoded(text);
    const prevWhitespace = text.slice(0, eq).trimEnd().lastIndexOf(' ');
    const key = text.slice(prevWhitespace + 1, eq).trim();
    if (!isValidMetadataKey(key)) continue;
    let value: PyValue;
    try {
      value = relaxJsonLoads(text.slice(eq + 1));
    } catch {
      continue;
    }
    const metadata = prevWhitespace > 0 ? parseKeyEqualValue(text.slice(0, prevWhitespace)) : newPyObject();
    metadata[key] = value;
    return metadata;
  }
}

export function isJsonMetadata(text: string): boolean {
  const curly = text.indexOf('{');
  if (curly < 0) return false;
  const eq = text.indexOf('=');
  if (eq < 0) return true;
  return curly < eq;
}

/** Splits a marker's options into a title (or language) and the metadata. */
export function textToMetadata(input: string, allowTitle = false): { title: string; metadata: PyObject } {
  const text = input.trim();
  const curly = text.indexOf('{');
  const eq = text.indexOf('=');
  if (curly < 0 || (eq >= 0 && eq < curly)) {
    if (!allowTitle) {
      if (isJupyterLanguage(text)) return { title: text, metadata: newPyObject() };
      if (!text.includes(' ')) return { title: '', metadata: parseKeyEqualValue(text) };
      const space = text.indexOf(' ');
      const language = text.slice(0, space);
      if (isJupyterLanguage(language)) return { title: language, metadata: parseKeyEqualValue(text.slice(space + 1)) };
      return { title: '', metadata: parseKeyEqualValue(text) };
    }
    let words: string[];
    if (eq >= 0) {
      words = text.slice(0, eq).split(' ');
      while (words.length > 0 && !words[words.length - 1]) words.pop();
      if (words.length > 0) words.pop();
    } else {
      words = text.split(' ');
    }
    while (words.length > 0 && (!words[words.length - 1]!.trim() || words[words.length - 1]!.startsWith('.'))) words.pop();
    const title = words.join(' ');
    return { title, metadata: parseKeyEqualValue(text.slice(title.length)) };
  }
  const parsed = relaxJsonLoadsOrRaw(text.slice(curly));
  return { title: text.slice(0, curly).trim(), metadata: isPyObject(parsed) ? parsed : incorrectlyEncoded(text.slice(curly)) };
}
