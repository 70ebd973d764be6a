// Reading a script's YAML header back into notebook metadata (YAML 1.1, as PyYAML reads it).
import { parsePyYaml, yamlProblem } from './parsePyYaml.js';
import { isPyObject, newPyObject, PyFloat, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { pep8LinesBetweenCells } from './pep8Lines.js';

const HEADER_RE = /^---\s*$/;
const BLANK_RE = /^\s*$/;
const JUPYTER_RE = /^jupyter\s*:\s*$/;
const LEFTSPACE_RE = /^\s/;

export class HeaderError extends Error {}

function uncommentLine(line: string, prefix: string, suffix = ''): string {
  let out = line;
  if (prefix) {
    if (out.startsWith(prefix + ' ')) out = out.slice(prefix.length + 1);
    else if (out.startsWith(prefix)) out = out.slice(prefix.length);
  }
  if (suffix) {
    if (out.endsWith(suffix + ' ')) out = out.slice(0, -(1 + suffix.length));
    else if (out.endsWith(suffix)) out = out.slice(0, -suffix.length);
  }
  return out;
}

/** Converts what the `yaml` package returns into notebook values (null-prototype objects). */
export function toPyValue(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) ? new PyFloat(value) : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPyValue);
  if (typeof value === 'object') {
    const obj = newPyObject();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) obj[k] = toPyValue(v);
    return obj;
  }
  return String(value);
}

export interface ParsedHeader {
  metadata: PyObject;
  /** True when the header had a `jupyter:` section. */
  hasJupyter: boolean;
  /** Other YAML of the header, as the source of a first raw cell. */
  rawCell?: { source: string; metadata: PyObject };
  /** Index of the first line after the header (and its blank line). */
  next: number;
}

/** Reads the header at the top of a script's lines. */
export function headerToMetadata(lines: readonly string[], prefix: string, suffix: string, ext: string): ParsedHeader {
  const header: string[] = [];
  const jupyter: string[] = [];
  let inJupyter = false;
  let inHtmlComment = false;
  let start = 0;
  let started = false;
  let ended = false;
  let metadata = newPyObject();
  let i = -1;
  const comment = prefix === "#'" ? '#' : prefix;
  const escaped = comment.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const encodingRe = new RegExp(`^[ \\t\\f]*${escaped}.*?coding[:=][ \\t]*([-_.a-zA-Z0-9]+)`);
  const jupytext = (): PyObject => {
    if (!isPyObject(metadata.jupytext)) metadata.jupytext = newPyObject();
    return metadata.jupytext as PyObject;
  };

  for (i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i === 0 && line.startsWith('#!')) {
      jupytext().executable = line.slice(2);
      start = i + 1;
      continue;
    }
    if (i === 0 || (i === 1 && !encodingRe.test(lines[0]!))) {
      const m = encodingRe.exec(line);
      if (m) {
        if (m[1] !== 'utf-8') throw new HeaderError('encodings other than utf-8 are not supported');
        jupytext().encoding = line;
        start = i + 1;
        continue;
      }
    }
    if (!line.startsWith(prefix)) break;
    // Markdown may hide the header in an HTML comment (`hide_notebook_metadata`).
    if (!comment && line.trim().startsWith('<!--')) {
      inHtmlComment = true;
      continue;
    }
    if (inHtmlComment) {
      if (ended && line.includes('-->')) break;
      if (!started && !line.trim()) continue;
    }
    line = uncommentLine(line, prefix, suffix);
    if (HEADER_RE.test(line)) {
      if (!started) {
        started = true;
        continue;
      }
      ended = true;
      if (inHtmlComment) continue;
      break;
    }
    if (!started && line.trim()) break;
    if (JUPYTER_RE.test(line)) inJupyter = true;
    else if (line && !LEFTSPACE_RE.test(line)) inJupyter = false;
    if (inJupyter) jupyter.push(line);
    else header.push(line);
  }
  if (i >= lines.length) i = lines.length - 1;

  if (!ended) return { metadata, hasJupyter: false, next: start };

  if (jupyter.length > 0) {
    const extra = metadata;
    let doc: unknown;
    try {
      doc = parsePyYaml(jupyter.join('\n'));
    } catch (error) {
      throw new HeaderError(`the jupyter: header is ${yamlProblem(error)}`);
    }
    const parsed = toPyValue((doc as Record<string, unknown> | null)?.jupyter ?? null);
    metadata = isPyObject(parsed) ? parsed : newPyObject();
    recursiveUpdate(metadata, extra);
  }
  let linesToNextCell = 1;
  if (lines.length > i + 1) {
    const line = uncommentLine(lines[i + 1]!, prefix);
    if (!BLANK_RE.test(line)) linesToNextCell = 0;
    else i = i + 1;
  } else {
    linesToNextCell = 0;
  }
  let rawCell: ParsedHeader['rawCell'];
  if (header.length > 0) {
    const md = newPyObject();
    if (linesToNextCell !== pep8LinesBetweenCells(['---'], lines.slice(i + 1), ext)) md.lines_to_next_cell = linesToNextCell;
    rawCell = { source: ['---', ...header, '---'].join('\n'), metadata: md };
  }
  return { metadata, hasJupyter: jupyter.length > 0, ...(rawCell ? { rawCell } : {}), next: i + 1 };
}

/** Jupytext's recursive update: values of `update` win (or only fill gaps); null deletes. */
export function recursiveUpdate(target: PyObject, update: PyObject, overwrite = true): PyObject {
  for (const key of Object.keys(update)) {
    const value = update[key]!;
    if (value === null) delete target[key];
    else if (isPyObject(value)) target[key] = recursiveUpdate(isPyObject(target[key]) ? (target[key] as PyObject) : newPyObject(), value, overwrite);
    else if (overwrite || !(key in target)) target[key] = value;
  }
  return target;
}
