// The strip engine: what nbstripout 0.9 removes from a notebook, as pure functions.
// Where nbstripout has a plain bug we do the right thing (see docs in README, "Differences"):
//   - `--drop-tagged-cells "a b"` drops cells with any of the tags (nbstripout: only the last);
//   - `--drop-empty-cells` looks at the `input` of nbformat 2/3 code cells (nbstripout drops them all).
import { NotebookError } from './errors.js';
import { notebookVersion, readNotebook, writeNotebook, type Notebook } from './codec.js';
import { formatPyFloat, isPyObject, PyFloat, type PyObject, type PyValue } from './pyjson.js';
import { readZeppelin, stripZeppelin, writeZeppelin } from './zeppelin.js';
import type { StripOptions } from './stripOptions.js';
import { contradictoryKeepOutput } from '../messages/notebook.js';

/** What nbstripout always strips, before `--extra-keys` and `--keep-metadata-keys`. */
export const DEFAULT_STRIPPED_KEYS: readonly string[] = [
  'metadata.signature',
  'metadata.widgets',
  'cell.metadata.collapsed',
  'cell.metadata.ExecuteTime',
  'cell.metadata.execution',
  'cell.metadata.heading_collapsed',
  'cell.metadata.hidden',
  'cell.metadata.scrolled',
];

export interface StrippedKeys {
  /** Paths below the notebook's `metadata`. */
  metadata: string[];
  /** Paths below each cell (e.g. `metadata.collapsed`). */
  cell: string[];
  /** Extra keys that are neither `metadata.*` nor `cell.*`: ignored, with a warning. */
  invalid: string[];
}

export function strippedKeys(options: Pick<StripOptions, 'extraKeys' | 'keepMetadataKeys'>): StrippedKeys {
  const keep = new Set(options.keepMetadataKeys);
  const result: StrippedKeys = { metadata: [], cell: [], invalid: [] };
  for (const key of [...DEFAULT_STRIPPED_KEYS, ...options.extraKeys]) {
    if (keep.has(key)) continue;
    const dot = key.indexOf('.');
    const namespace = dot === -1 ? '' : key.slice(0, dot);
    if (namespace === 'metadata') result.metadata.push(key.slice(dot + 1));
    else if (namespace === 'cell') result.cell.push(key.slice(dot + 1));
    else result.invalid.push(key);
  }
  return result;
}

/**
 * Strips notebook text (.ipynb, or .zpln in zeppelin mode) and returns the text to store.
 * `randomId` makes the ids of nbformat 4.5 cells that lack one (with `--keep-id`) predictable.
 */
export function stripNotebookText(text: string, options: StripOptions, randomId?: () => string): string {
  if (options.mode === 'zeppelin') return writeZeppelin(stripZeppelin(readZeppelin(text)));
  return writeNotebook(stripNotebook(readNotebook(text, randomId), options), randomId);
}

/** Strips a notebook read by `readNotebook`, in place, and returns it. */
export function stripNotebook(nb: Notebook, options: StripOptions): Notebook {
  const keys = strippedKeys(options);
  const metadata = isPyObject(nb.metadata) ? nb.metadata : undefined;
  const keepOutputDefault = keepOutputDefaultOf(nb, options);
  if (metadata) for (const key of keys.metadata) popPath(metadata, key);

  const keepTypes = options.keepOutputTypes.map(parseOutputType);
  const dropTypes = options.dropOutputTypes.map(parseOutputType);
  const { major } = notebookVersion(nb);
  const maxSize = options.maxSize ?? 0;

  const keepCell = (cell: PyObject): boolean => {
    if (options.dropEmptyCells && !hasNonWhitespace((major === 2 || major === 3) && cell.cell_type === 'code' ? cell.input : cell.source)) return false;
    if (options.dropTaggedCells.length > 0) {
      const tags = isPyObject(cell.metadata) ? cell.metadata.tags : undefined;
      if (tags !== undefined && options.dropTaggedCells.some((tag) => pyContains(tags, tag))) return false;
    }
    return true;
  };

  let index = 0;
  for (const cells of cellLists(nb, major)) {
    const kept = cells.filter(keepCell);
    cells.splice(0, cells.length, ...kept);
    for (const cell of kept) {
      const keepOutput = keepOutputOf(cell, keepOutputDefault, options.stripInitCells, index);
      if (Array.isArray(cell.outputs)) {
        let outputs = cell.outputs as PyObject[];
        if (!keepOutput || keepTypes.length > 0) {
          outputs = outputs.filter((o) => pySize(o) <= maxSize || keepTypes.some((t) => matchesOutputType(t, o)));
        }
        if (!options.keepCount) for (const o of outputs) if (Object.hasOwn(o, 'execution_count')) o.execution_count = null;
        if (dropTypes.length > 0) outputs = outputs.filter((o) => !dropTypes.some((t) => matchesOutputType(t, o)));
        cell.outputs = outputs;
      }
      if (!options.keepCount) {
        if (Object.hasOwn(cell, 'prompt_number')) cell.prompt_number = null;
        if (Object.hasOwn(cell, 'execution_count')) cell.execution_count = null;
      }
      if (!options.keepId && Object.hasOwn(cell, 'id')) cell.id = String(index);
      for (const key of keys.cell) popPath(cell, key);
      index++;
    }
  }
  return nb;
}

function cellLists(nb: Notebook, major: number): PyObject[][] {
  if (major === 2 || major === 3) return (nb.worksheets as PyObject[]).map((ws) => ws.cells as PyObject[]);
  return [nb.cells as PyObject[]];
}

/** For cells without their own setting: `--keep-output`, else the notebook's `metadata.keep_output`. */
function keepOutputDefaultOf(nb: Notebook, options: StripOptions): boolean {
  const metadata = nb.metadata;
  return options.keepOutput || (isPyObject(metadata) && Object.hasOwn(metadata, 'keep_output') && truthy(metadata.keep_output!));
}

/**
 * Whether stripping keeps the outputs of `cell` as they are, before `--max-size` and the output
 * types filter them (call it before `stripNotebook`; it throws when the cell's settings contradict).
 */
export function keepsOutputsOf(nb: Notebook, cell: PyObject, options: StripOptions): boolean {
  return keepOutputOf(cell, keepOutputDefaultOf(nb, options), options.stripInitCells, 0);
}

/** `init_cell` decides alone; then `keep_output` in metadata or tags; then the default. */
function keepOutputOf(cell: PyObject, fallback: boolean, stripInitCells: boolean, index: number): boolean {
  const metadata = cell.metadata;
  if (!isPyObject(metadata)) return fallback;
  if (Object.hasOwn(metadata, 'init_cell')) return truthy(metadata.init_cell!) && !stripInitCells;
  const hasMetadata = Object.hasOwn(metadata, 'keep_output');
  const metadataValue = hasMetadata && truthy(metadata.keep_output!);
  const hasTag = metadata.tags !== undefined && pyContains(metadata.tags, 'keep_output');
  if (hasMetadata && hasTag && !metadataValue) throw new NotebookError('metadata', contradictoryKeepOutput(index));
  if (hasMetadata || hasTag) return metadataValue || hasTag;
  return fallback;
}

interface OutputType {
  outputType: string;
  name: string | undefined;
}

function parseOutputType(spec: string): OutputType {
  const colon = spec.indexOf(':');
  return colon === -1 ? { outputType: spec, name: undefined } : { outputType: spec.slice(0, colon), name: spec.slice(colon + 1) };
}

function matchesOutputType(type: OutputType, output: PyObject): boolean {
  return output.output_type === type.outputType && (type.name === undefined || output.name === type.name);
}

/** nbstripout's `pop_recursive`: the literal key first, then the dotted path. */
export function popPath(obj: PyValue | undefined, key: string): void {
  if (!isPyObject(obj)) return;
  if (Object.hasOwn(obj, key)) {
    delete obj[key];
    return;
  }
  const dot = key.indexOf('.');
  if (dot === -1) return;
  const head = key.slice(0, dot);
  if (Object.hasOwn(obj, head)) popPath(obj[head], key.slice(dot + 1));
}

/** Python's truthiness for JSON values. */
export function truthy(v: PyValue): boolean {
  if (v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0; // NaN is truthy in Python too
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

/** Python's `item in container` for a string item (substring for strings, keys for dicts). */
function pyContains(container: PyValue, item: string): boolean {
  if (typeof container === 'string') return container.includes(item);
  if (Array.isArray(container)) return container.includes(item);
  if (isPyObject(container)) return Object.hasOwn(container, item);
  return false;
}

// Python's str.isspace() set (wider than JS's \s on \x1c–\x1f and \x85, narrower on \ufeff).
const NON_WHITESPACE = /[^\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** nbstripout's `any(line.strip() for line in source)`: a dict's keys are what iterating it gives. */
function hasNonWhitespace(source: PyValue | undefined): boolean {
  if (typeof source === 'string') return NON_WHITESPACE.test(source);
  if (Array.isArray(source)) return source.some((line) => typeof line === 'string' && NON_WHITESPACE.test(line));
  if (isPyObject(source)) return Object.keys(source).some((key) => NON_WHITESPACE.test(key));
  return false;
}

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** nbstripout's `get_size`: summed length of strings (in code points), other scalars as `str()`. */
export function pySize(v: PyValue): number {
  if (typeof v === 'string') {
    const pairs = v.length > 0 && /[\ud800-\udbff]/.test(v) ? (v.match(SURROGATE_PAIR)?.length ?? 0) : 0;
    return v.length - pairs;
  }
  if (Array.isArray(v)) return v.reduce<number>((sum, x) => sum + pySize(x), 0);
  if (isPyObject(v)) return Object.values(v).reduce<number>((sum, x) => sum + pySize(x), 0);
  if (v === null) return 4; // "None"
  if (v === true) return 4; // "True"
  if (v === false) return 5; // "False"
  return formatScalar(v).length;
}

function formatScalar(v: number | bigint | PyFloat): string {
  // str() of a Python number is its repr
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return formatPyFloat(v instanceof PyFloat ? v.value : v);
}

/** nbstripout's `--max-size`: digits with an optional k, M or G (decimal: 1k = 1000). */
export function parseMaxSize(text: string): number | undefined {
  const m = /^\s*([0-9]+)\s*([kKmMgG]?)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}
