// The byte-level strip: outputs are most of a notebook's bytes, and stripping throws them away, so
// the work should grow with what is kept. This reads the notebook's bytes once, as they arrive:
//   - values that stripping removes (`outputs`, `execution_count`, removed metadata keys) are
//     checked for valid JSON and skipped, never decoded or built;
//   - what is kept (cells without their outputs, metadata, version) is cut out as bytes, parsed
//     by the exact parser and, at the end, read, stripped and written by the same codec and strip
//     engine as the full parse (`notebookFromDocument`, `stripNotebook`, `writeNotebook`).
// The result is the full parse's, byte for byte. Whenever that is not certain, `end()` says the
// full parse is needed instead, with the reason: options that read outputs, nbformat other than 4,
// a cell or notebook that keeps its outputs, duplicate keys where they matter, invalid JSON or
// UTF-8 (the full parse then gives its exact error), nesting deeper than DEPTH_LIMIT.
//
// Memory is what is kept, whatever the size of the outputs: kept bytes are parsed as soon as their
// cell (or metadata) ends, and the input chunks are not held. The caller keeps the input if it
// wants the full parse as a fallback (a file can simply be read again).
import { findStringSpecial, wordViewOf, type WordView } from './findStringSpecial.js';
import { Utf8Checker } from './Utf8Checker.js';
import { notebookFromDocument, notebookVersion, randomCellId } from './codec.js';
import { keepsOutputsOf, stripNotebook, strippedKeys } from './strip.js';
import { writeNotebook } from './codec.js';
import { clonePyValue, newPyObject, parsePyJson, pyEqual, type PyObject, type PyValue } from './pyjson.js';
import type { StripOptions } from './stripOptions.js';
import * as why from '../messages/fullParse.js';

export type StreamStripResult =
  | { stripped: Buffer; /** Whether the content changes (formatting alone does not count), as `planStrip` says. */ changed: boolean }
  | { fullParse: string };

export interface StreamStripSettings {
  /** Work out `changed` (costs a parse of the output when nothing was removed). Default true. */
  detectChange?: boolean;
  /** Ids for cells that need one (nbformat 4.5 without ids); the codec's random ids by default. */
  randomId?: () => string;
}

/** Why these options need the full parse (they read outputs), or undefined. */
export function fullParseReason(options: StripOptions): string | undefined {
  if (options.mode === 'zeppelin') return why.zeppelin;
  if (options.keepOutput) return why.option('--keep-output');
  if (options.keepOutputTypes.length > 0) return why.option('--keep-output-type');
  if ((options.maxSize ?? 0) > 0) return why.option('--max-size');
  return undefined;
}

/**
 * For one notebook in a process that lives only for it (stdin, a short `git add`), content below
 * this size is quicker through the full parse: native JSON.parse needs no warming up, while the
 * scanner runs slowly until V8 has compiled it. Past it, the byte-level strip wins, and memory
 * stays bounded.
 */
export const FULL_PARSE_QUICKER_BELOW = 1 << 20;

const DEPTH_LIMIT = 1000;

// Where the scanner is in the JSON grammar.
const M_START = 0; // before the top-level value (a byte order mark may come first)
const M_VALUE = 1; // a value is expected
const M_VALUE_OR_CLOSE = 2; // just after `[`
const M_KEY_OR_CLOSE = 3; // just after `{`
const M_KEY = 4; // after `,` in an object
const M_COLON = 5;
const M_AFTER_VALUE = 6; // `,` or the closing bracket
const M_STRING = 7;
const M_ESCAPE = 8; // after a backslash in a string
const M_UNICODE = 9; // inside the four hex digits of \uXXXX
const M_SCALAR = 10; // inside a number or a bare word
const M_END = 11; // after the top-level value

// What an open container is for.
const R_KEEP = 0; // inside a value being cut out as bytes
const R_SKIP = 1; // inside a removed value
const R_TOP = 2; // the notebook object
const R_CELLS = 3; // its `cells` list
const R_CELL = 4; // one cell
const R_META = 5; // `metadata` of the notebook or of a cell: some keys are skipped
const R_OUTPUTS = 6; // a cell's `outputs` list
const R_OUTPUT = 7; // one output: skipped, unless it has no size (see `pySize`) and is kept

// What the next value is, decided by its container and key.
const V_KEEP = 0; // part of a value already being cut out
const V_SKIP = 1;
const V_CUT = 2; // a value to cut out and hand to its container
const V_COUNT = 3; // a cell's execution_count: skipped, but non-null counts as a change

/** Metadata keys that the codec drops on reading (see codec.ts, stripTransientV4). */
const TRANSIENT_NOTEBOOK_KEYS = new Set(['orig_nbformat', 'orig_nbformat_minor', 'signature']);
const TRANSIENT_CELL_KEYS = new Set(['trusted']);
/** The members of a cell that are not simply cut out. */
const CELL_MEMBERS_READ = new Set(['outputs', 'metadata', 'execution_count']);
const isMemberWise = (role: number): boolean => role === R_TOP || role === R_CELL || role === R_META;

const WHITESPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[c] = 1;
/** Bytes that can be part of a number or of true/false/null/NaN/Infinity. */
const SCALAR = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) SCALAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) SCALAR[c] = SCALAR[c + 0x20] = 1;
SCALAR[0x2b] = SCALAR[0x2d] = SCALAR[0x2e] = 1;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
/** The characters JSON allows after a backslash, other than `u`. */
const ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPES[c.charCodeAt(0)] = 1;
/** True when bytes[start, end) is a number as Python's json reads it, or true/false/null/NaN/Infinity/-Infinity. */
function isScalarToken(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  const c = bytes[start]!;
  if (c >= 0x61 || c === 0x4e || c === 0x49 || (c === 0x2d && length > 1 && bytes[start + 1] === 0x49)) {
    return LITERALS.some((word) => word.length === length && word.every((b, k) => bytes[start + k] === b));
  }
  let i = start;
  if (bytes[i] === 0x2d) i++;
  if (i === end) return false;
  if (bytes[i] === 0x30) i++;
  else if (bytes[i]! >= 0x31 && bytes[i]! <= 0x39) while (i < end && isDigit(bytes[i]!)) i++;
  else return false;
  if (i < end && bytes[i] === 0x2e) {
    const digits = ++i;
    while (i < end && isDigit(bytes[i]!)) i++;
    if (i === digits) return false;
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
    const digits = i;
    while (i < end && isDigit(bytes[i]!)) i++;
    if (i === digits) return false;
  }
  return i === end;
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const LITERALS = ['true', 'false', 'null', 'NaN', 'Infinity', '-Infinity'].map((word) => [...Buffer.from(word)]);
/** The same test on text, for a token that a chunk boundary cut. */
const SCALAR_TOKEN = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null|NaN|-?Infinity)$/;
const BOM = [0xef, 0xbb, 0xbf];

const OPEN_BRACE = Buffer.from('{');
const CLOSE_BRACE = Buffer.from('}');
const COLON = Buffer.from(':');
const COMMA = Buffer.from(',');

/** An object whose members are looked at one by one: the notebook, a cell, a metadata object. */
interface MemberFrame {
  keys: Set<string>;
  /** Where its kept members are written as JSON text (cells and metadata). */
  pieces: Buffer[];
  /** No member written to `pieces` yet (no comma needed). */
  first: boolean;
}
interface CellFrame extends MemberFrame {
  /** The outputs kept from `outputs` (only outputs of no size, and non-objects for the shape check). */
  outputs: PyValue[] | undefined;
  /** Some output was skipped (so the cell must not be one that keeps its outputs). */
  skippedOutputs: boolean;
  countSkipped: boolean;
}
interface MetaFrame extends MemberFrame {
  skip: ReadonlySet<string>;
  ofNotebook: boolean;
}

export class NotebookStripStream {
  private readonly options: StripOptions;
  private readonly settings: StreamStripSettings;
  private readonly skipNotebookKeys: ReadonlySet<string>;
  private readonly skipCellKeys: ReadonlySet<string>;
  private readonly utf8 = new Utf8Checker();
  private failure: string | undefined;

  private mode = M_START;
  private bomSeen = 0;
  /** The open containers: role, whether an object, and the frame of member-wise roles. */
  private readonly roles: number[] = [];
  private readonly isObject: boolean[] = [];
  private readonly frames: (MemberFrame | undefined)[] = [];
  /** The key just read in a member-wise object, decoded and as written. */
  private key = '';
  private keyRaw: Buffer = Buffer.alloc(0);
  /** Start (in the current chunk) of the key being read in a member-wise object, or -1. */
  private keyStart = -1;
  private keyParts: Buffer[] = [];
  /** Whether the string being read is a key, and whether it had an escape. */
  private stringIsKey = false;
  private stringEscaped = false;
  /** An output's retained bytes still have to show that the output has a size. */
  private tracking = false;
  /** The string being read is a value inside a tracked output, and nothing of it was seen yet. */
  private stringTracked = false;
  private unicodeLeft = 0;
  private scalarText = '';
  private scalarStart = -1;

  /** The cut-out value: its depth, start in the current chunk, where its bytes go. */
  private cutDepth = -1;
  private cutStart = -1;
  private cutPieces: Buffer[] = [];
  /** Depth of the output being read (its keys are checked for repeats), or -1. */
  private outputDepth = -1;
  /** Depth of a skipped execution_count being read, or -1. */
  private countDepth = -1;
  /** Something that stripping removes was present (so the content changes). */
  private removed = false;

  private readonly members: [string, PyValue][] = [];
  private readonly cells: PyValue[] = [];
  private readonly cellsWithSkippedOutputs: PyObject[] = [];

  constructor(options: StripOptions, settings: StreamStripSettings = {}) {
    this.options = options;
    this.settings = settings;
    this.failure = fullParseReason(options);
    const keys = strippedKeys(options);
    // A removed key is skipped when its path has one segment and stripping does not read it first.
    this.skipNotebookKeys = new Set(keys.metadata.filter((k) => !k.includes('.') && k !== 'keep_output'));
    const read = new Set(['init_cell', 'keep_output', 'tags']);
    this.skipCellKeys = new Set(
      keys.cell.filter((k) => k.startsWith('metadata.') && !k.slice(9).includes('.') && !read.has(k.slice(9))).map((k) => k.slice(9)),
    );
  }

  /** Feeds the next bytes (not reused by the caller afterwards). False once the full parse is needed. */
  push(chunk: Uint8Array): boolean {
    if (this.failure !== undefined) return false;
    if (!this.utf8.push(chunk)) return this.fail(why.notUtf8);
    if (chunk.length > 0) this.scan(chunk instanceof Buffer ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    return this.failure === undefined;
  }

  /** The stripped notebook, or why the full parse is needed. Throws a NotebookError as the full parse would. */
  end(): StreamStripResult {
    if (this.failure === undefined && !this.utf8.end()) this.fail(why.notUtf8);
    if (this.failure === undefined && this.mode !== M_END) this.fail(why.notJson);
    if (this.failure !== undefined) return { fullParse: this.failure };

    const doc = newPyObject();
    for (const [key, value] of this.members) doc[key] = value;
    if (notebookVersion(doc).major !== 4) return { fullParse: why.version };
    const detectChange = this.settings.detectChange ?? true;
    const randomId = this.settings.randomId ?? randomCellId;
    const nb = notebookFromDocument(doc, randomId);
    // As planStrip: the notebook as read against the notebook stripped.
    const original = detectChange && !this.removed ? clonePyValue(nb) : undefined;
    for (const cell of this.cellsWithSkippedOutputs) {
      let keeps: boolean;
      try {
        keeps = keepsOutputsOf(nb, cell, this.options);
      } catch {
        keeps = true; // contradicting settings: the full parse reports them
      }
      if (keeps) return { fullParse: why.keepsOutputs };
    }
    const text = writeNotebook(stripNotebook(nb, this.options), randomId);
    const changed = original === undefined ? detectChange : !pyEqual(original, nb);
    return { stripped: Buffer.from(text, 'utf8'), changed };
  }

  private fail(reason: string): false {
    this.failure ??= reason;
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // The scanner. One pass over each chunk; strings are crossed four bytes at a time.

  private scan(bytes: Buffer): void {
    const n = bytes.length;
    let view: WordView | undefined;
    let i = 0;
    // -2: a cut or a key that began in an earlier chunk goes on from this one's first byte.
    if (this.cutStart === -2) this.cutStart = 0;
    if (this.keyStart === -2) this.keyStart = 0;
    while (i < n && this.failure === undefined) {
      const c = bytes[i]!;
      switch (this.mode) {
        case M_STRING: {
          view ??= wordViewOf(bytes);
          for (;;) {
            const j = findStringSpecial(bytes, view, i, n);
            // A value in an output that is not "" gives the output a size.
            if (this.stringTracked && (j > i || bytes[j] !== 0x22)) this.proveOutputHasSize();
            if (j === n) {
              i = n;
              break;
            }
            const d = bytes[j]!;
            if (d === 0x5c) {
              this.stringEscaped = true;
              // Escapes are checked here; one that the chunk's end cuts goes through M_ESCAPE.
              const e = j + 1 < n ? bytes[j + 1]! : -1;
              if (e !== 0x75 && ESCAPES[e & 0xff] === 1 && e !== -1) {
                i = j + 2;
                continue;
              }
              if (e === 0x75 && j + 5 < n && HEX[bytes[j + 2]!]! & HEX[bytes[j + 3]!]! & HEX[bytes[j + 4]!]! & HEX[bytes[j + 5]!]!) {
                i = j + 6;
                continue;
              }
              i = j + 1;
              this.mode = M_ESCAPE;
              break;
            }
            if (d !== 0x22) {
              this.fail(why.notJson); // a raw control character
              break;
            }
            this.stringTracked = false;
            i = j + 1;
            if (this.stringIsKey) {
              this.endKey(bytes, i);
              break;
            }
            // The next string of a plain list (lines of HTML, of a log) without a round of the grammar.
            const next = this.nextInPlainList(bytes, i, n);
            if (next !== -1 && bytes[next] === 0x22) {
              i = next + 1;
              continue;
            }
            this.endValue(bytes, i);
            break;
          }
          break;
        }
        case M_ESCAPE:
          if (c === 0x75) {
            this.unicodeLeft = 4;
            this.mode = M_UNICODE;
          } else if (ESCAPES[c] === 1) {
            this.mode = M_STRING;
          } else {
            this.fail(why.notJson);
          }
          i++;
          break;
        case M_UNICODE:
          if (HEX[c] !== 1) {
            this.fail(why.notJson);
            break;
          }
          i++;
          if (--this.unicodeLeft === 0) this.mode = M_STRING;
          break;
        case M_SCALAR: {
          for (;;) {
            const start = this.scalarStart === -1 ? i : this.scalarStart;
            let j = i;
            while (j < n && SCALAR[bytes[j]!] === 1) j++;
            if (j === n) {
              this.scalarText += bytes.toString('latin1', start, n);
              this.scalarStart = -1;
              i = n;
              break;
            }
            let valid: boolean;
            let isNull: boolean;
            if (this.scalarText === '') {
              valid = isScalarToken(bytes, start, j);
              isNull = j - start === 4 && bytes[start] === 0x6e;
            } else {
              const token = this.scalarText + bytes.toString('latin1', start, j);
              valid = SCALAR_TOKEN.test(token);
              isNull = token === 'null';
              this.scalarText = '';
            }
            this.scalarStart = -1;
            if (!valid) {
              this.fail(why.notJson);
              break;
            }
            if (this.countDepth === this.roles.length && !isNull) this.removed = true;
            i = j;
            // The next number of a plain list (a plot's data) without a round of the grammar.
            const next = this.nextInPlainList(bytes, i, n);
            if (next !== -1 && SCALAR[bytes[next]!] === 1) {
              i = next;
              continue;
            }
            this.endValue(bytes, i);
            break;
          }
          break;
        }
        case M_START:
          // A UTF-8 byte order mark, only as the very first bytes.
          if (this.bomSeen < 3 && c === BOM[this.bomSeen]) {
            if (++this.bomSeen === 3) this.mode = M_VALUE;
            i++;
          } else if (this.bomSeen === 0) {
            this.mode = M_VALUE;
          } else {
            this.fail(why.notJson);
          }
          break;
        default:
          if (WHITESPACE[c] === 1) {
            i++;
            while (i < n && WHITESPACE[bytes[i]!] === 1) i++;
            break;
          }
          i = this.structural(bytes, i, c);
      }
    }
    // Carry what is being recorded over to the next chunk.
    if (this.failure !== undefined) return;
    if (this.cutStart >= 0) {
      this.cutPieces.push(bytes.subarray(this.cutStart, n));
      this.cutStart = -2;
    }
    if (this.keyStart >= 0) {
      this.keyParts.push(bytes.subarray(this.keyStart, n));
      this.keyStart = -2;
    }
  }

  /** A byte outside strings and scalars, not whitespace. Returns the index to go on from. */
  private structural(bytes: Buffer, i: number, c: number): number {
    switch (this.mode) {
      case M_VALUE_OR_CLOSE:
        if (c === 0x5d) return this.close(bytes, i);
        return this.beginValue(i, c);
      case M_VALUE:
        return this.beginValue(i, c);
      case M_KEY_OR_CLOSE:
      case M_KEY:
        if (c === 0x7d && this.mode === M_KEY_OR_CLOSE) return this.close(bytes, i);
        if (c !== 0x22) return this.fail(why.notJson), i;
        this.stringIsKey = true;
        this.stringEscaped = false;
        this.stringTracked = false;
        this.mode = M_STRING;
        if (isMemberWise(this.roles[this.roles.length - 1]!) || this.outputDepth !== -1) {
          this.keyStart = i;
          this.keyParts = [];
        }
        return i + 1;
      case M_COLON:
        if (c !== 0x3a) return this.fail(why.notJson), i;
        this.mode = M_VALUE;
        return i + 1;
      case M_AFTER_VALUE: {
        const inObject = this.isObject[this.isObject.length - 1]!;
        if (c === 0x2c) {
          this.mode = inObject ? M_KEY : M_VALUE;
          return i + 1;
        }
        if (c === (inObject ? 0x7d : 0x5d)) return this.close(bytes, i);
        return this.fail(why.notJson), i;
      }
      default: // M_END, or M_START after a partial byte order mark
        return this.fail(why.notJson), i;
    }
  }

  /**
   * After a value that ends at `i` in a list that is only skipped or kept as bytes (and not in an
   * output that still has to show it has a size): the index of the next item's first byte when a
   * comma follows in this chunk, else -1.
   */
  private nextInPlainList(bytes: Buffer, i: number, n: number): number {
    const depth = this.roles.length;
    if (this.tracking || this.roles[depth - 1]! > R_SKIP || this.isObject[depth - 1]) return -1;
    let k = i;
    while (k < n && WHITESPACE[bytes[k]!] === 1) k++;
    if (k >= n || bytes[k] !== 0x2c) return -1;
    k++;
    while (k < n && WHITESPACE[bytes[k]!] === 1) k++;
    return k < n ? k : -1;
  }

  /** The first byte of a value, at `i`. */
  private beginValue(i: number, c: number): number {
    const depth = this.roles.length;
    const parent = depth === 0 ? -1 : this.roles[depth - 1]!;
    if (parent === R_KEEP || (parent === R_SKIP && !this.tracking)) {
      // Inside a value kept or skipped as bytes: only the grammar matters.
      if (c === 0x22) {
        this.stringIsKey = false;
        this.stringTracked = false;
        this.mode = M_STRING;
        return i + 1;
      }
      if (SCALAR[c] === 1) {
        this.mode = M_SCALAR;
        this.scalarStart = i;
        this.scalarText = '';
        return i;
      }
    }
    let intent = V_KEEP;
    let role = R_KEEP;
    switch (parent) {
      case -1:
        if (c !== 0x7b) return this.fail(why.notNotebookObject), i;
        role = R_TOP;
        break;
      case R_KEEP:
        break;
      case R_SKIP:
      case R_OUTPUT:
        intent = V_SKIP;
        role = R_SKIP;
        break;
      case R_TOP:
        if (this.key === 'cells' && c === 0x5b) role = R_CELLS;
        else if (this.key === 'metadata' && c === 0x7b) role = R_META;
        else if (this.key === 'worksheets') return this.fail(why.version), i;
        else intent = V_CUT;
        break;
      case R_CELLS:
        if (c === 0x7b) role = R_CELL;
        else intent = V_CUT;
        break;
      case R_CELL:
        if (this.key === 'outputs' && c === 0x5b) role = R_OUTPUTS;
        else if (this.key === 'metadata' && c === 0x7b) role = R_META;
        else if (this.key === 'execution_count' && !this.options.keepCount) intent = V_COUNT;
        else intent = V_CUT;
        break;
      case R_META:
        const meta = this.frames[depth - 1] as MetaFrame;
        if (meta.skip.has(this.key)) {
          // Keys that reading drops anyway (`signature`, `trusted`) are no change.
          if (!(meta.ofNotebook ? TRANSIENT_NOTEBOOK_KEYS : TRANSIENT_CELL_KEYS).has(this.key)) this.removed = true;
          intent = V_SKIP;
          role = R_SKIP;
        } else {
          intent = V_CUT;
        }
        break;
      case R_OUTPUTS:
        if (c === 0x7b) {
          role = R_OUTPUT;
          intent = V_CUT; // kept until the output shows it has a size
          this.tracking = true;
        } else {
          intent = V_CUT;
        }
        break;
    }
    if (intent === V_COUNT) {
      (this.frames[depth - 1] as CellFrame).countSkipped = true;
      this.countDepth = depth;
      if (c !== 0x6e) this.removed = true; // anything but null
      role = R_SKIP;
    } else if (intent === V_SKIP && this.tracking && c !== 0x7b && c !== 0x5b && c !== 0x22) {
      this.proveOutputHasSize(); // a number or bare word inside an output
    }
    if (intent === V_CUT) this.beginCut(i, depth, parent);

    if (c === 0x7b || c === 0x5b) {
      if (depth >= DEPTH_LIMIT) return this.fail(why.deep), i;
      this.openFrame(role, c === 0x7b, parent);
      this.mode = c === 0x7b ? M_KEY_OR_CLOSE : M_VALUE_OR_CLOSE;
      return i + 1;
    }
    if (role !== R_KEEP && role !== R_SKIP) return this.fail(why.notJson), i; // e.g. a top level that is not an object
    if (c === 0x22) {
      this.stringIsKey = false;
      this.stringTracked = this.tracking && intent === V_SKIP;
      this.mode = M_STRING;
      return i + 1;
    }
    if (SCALAR[c] !== 1) return this.fail(why.notJson), i;
    this.mode = M_SCALAR;
    this.scalarStart = i;
    this.scalarText = '';
    return i;
  }

  /** Starts cutting out the value that begins at `i`; its text goes where its container wants it. */
  private beginCut(i: number, depth: number, parent: number): void {
    let pieces: Buffer[];
    if (parent === R_CELL || parent === R_META) {
      const frame = this.frames[depth - 1]!;
      this.writeMemberKey(frame);
      pieces = frame.pieces;
    } else {
      pieces = [];
    }
    this.cutDepth = depth;
    this.cutStart = i;
    this.cutPieces = pieces;
  }

  private writeMemberKey(frame: MemberFrame): void {
    if (!frame.first) frame.pieces.push(COMMA);
    frame.first = false;
    frame.pieces.push(this.keyRaw, COLON);
  }

  private openFrame(role: number, isObject: boolean, parent: number): void {
    const depth = this.roles.length;
    let frame: MemberFrame | undefined;
    if (role === R_TOP) {
      frame = { keys: new Set(), pieces: [], first: true };
    } else if (role === R_CELL) {
      frame = { keys: new Set(), pieces: [OPEN_BRACE], first: true, outputs: undefined, skippedOutputs: false, countSkipped: false } as CellFrame;
    } else if (role === R_META) {
      const ofNotebook = parent === R_TOP;
      let pieces: Buffer[];
      if (ofNotebook) {
        pieces = [OPEN_BRACE];
      } else {
        const cell = this.frames[depth - 1]!;
        this.writeMemberKey(cell);
        pieces = cell.pieces;
        pieces.push(OPEN_BRACE);
      }
      frame = { keys: new Set(), pieces, first: true, skip: ofNotebook ? this.skipNotebookKeys : this.skipCellKeys, ofNotebook } as MetaFrame;
    } else if (role === R_OUTPUT || (this.outputDepth !== -1 && isObject)) {
      frame = { keys: new Set(), pieces: [], first: true };
      if (role === R_OUTPUT) this.outputDepth = depth + 1;
    } else if (role === R_OUTPUTS || role === R_CELLS) {
      frame = this.frames[depth - 1]; // the cell, or the notebook
      if (role === R_OUTPUTS) (frame as CellFrame).outputs = [];
    }
    this.roles.push(role);
    this.isObject.push(isObject);
    this.frames.push(frame);
  }

  /** The closing bracket at `i`. */
  private close(bytes: Buffer, i: number): number {
    const role = this.roles.pop()!;
    this.isObject.pop();
    const frame = this.frames.pop();
    switch (role) {
      case R_CELL: {
        const cellFrame = frame as CellFrame;
        cellFrame.pieces.push(CLOSE_BRACE);
        const cell = this.parseKept(cellFrame.pieces);
        if (cell === undefined) return i;
        const object = cell as PyObject;
        if (cellFrame.outputs !== undefined) object.outputs = cellFrame.outputs;
        if (cellFrame.countSkipped) object.execution_count = null;
        this.cells.push(object);
        if (cellFrame.skippedOutputs) this.cellsWithSkippedOutputs.push(object);
        break;
      }
      case R_META: {
        const meta = frame as MetaFrame;
        meta.pieces.push(CLOSE_BRACE);
        if (meta.ofNotebook) {
          const value = this.parseKept(meta.pieces);
          if (value === undefined) return i;
          this.members.push(['metadata', value]);
        }
        break;
      }
      case R_CELLS:
        this.members.push(['cells', this.cells]);
        break;
      case R_OUTPUT:
        this.outputDepth = -1;
        if (this.tracking) {
          this.tracking = false; // no size: kept, its bytes are handed over below
        } else {
          (this.frames[this.frames.length - 1] as CellFrame).skippedOutputs = true;
        }
        break;
    }
    this.endValue(bytes, i + 1);
    return i + 1;
  }

  /** A value ended just before `end`. */
  private endValue(bytes: Buffer, end: number): void {
    const depth = this.roles.length;
    this.mode = depth === 0 ? M_END : M_AFTER_VALUE;
    if (this.countDepth === depth) this.countDepth = -1;
    if (this.cutDepth !== depth) return;
    this.cutPieces.push(bytes.subarray(this.cutStart, end));
    this.cutDepth = -1;
    this.cutStart = -1;
    const parent = this.roles[depth - 1];
    if (parent === R_CELL || parent === R_META) return; // written into the cell's or metadata's text
    const value = this.parseKept(this.cutPieces);
    this.cutPieces = [];
    if (value === undefined) return;
    if (parent === R_TOP) {
      if (this.key === 'nbformat' && notebookVersion({ nbformat: value }).major !== 4) {
        this.fail(why.version);
        return;
      }
      this.members.push([this.key, value]);
    } else if (parent === R_CELLS) {
      this.cells.push(value);
    } else if (parent === R_OUTPUTS) {
      (this.frames[depth - 1] as CellFrame).outputs!.push(value);
    }
  }

  /** A key ended just before `end` (the closing quote is included). */
  private endKey(bytes: Buffer, end: number): void {
    this.mode = M_COLON;
    if (this.keyStart === -1) return; // a key nothing depends on
    const depth = this.roles.length;
    const role = this.roles[depth - 1]!;
    const frame = this.frames[depth - 1]!;
    let key: string;
    let raw: Buffer | undefined;
    if (this.keyParts.length === 0 && !this.stringEscaped) {
      // The common case, decoded from the chunk itself (no Buffer made for a key inside an output).
      key = bytes.toString('utf8', this.keyStart + 1, end - 1);
      if (isMemberWise(role)) raw = bytes.subarray(this.keyStart, end);
    } else {
      raw = Buffer.concat([...this.keyParts, bytes.subarray(this.keyStart, end)]);
      key = this.stringEscaped ? (JSON.parse(raw.toString('utf8')) as string) : raw.toString('utf8', 1, raw.length - 1);
    }
    this.keyStart = -1;
    this.keyParts = [];
    // A repeated key: the last one wins, which the exact parser does for what is cut out. What is
    // read here as it comes would need undoing: members of the notebook, some of a cell's, and
    // anything in an output (a later "" could leave it with no size): leave those to the full parse.
    if (frame.keys.has(key) && (role === R_TOP || (role === R_CELL && CELL_MEMBERS_READ.has(key)) || !isMemberWise(role))) {
      this.fail(why.duplicateKey(key));
      return;
    }
    frame.keys.add(key);
    if (raw === undefined || !isMemberWise(role)) return; // a key inside an output
    // nbstripout looks a removed key such as `metadata.collapsed` up on the cell itself first.
    if (role === R_CELL && key.startsWith('metadata.') && this.skipCellKeys.has(key.slice(9))) this.fail(why.dottedCellKey(key));
    this.key = key;
    this.keyRaw = raw;
  }

  /** An output with something in it is removed: stop keeping its bytes. */
  private proveOutputHasSize(): void {
    this.tracking = false;
    this.stringTracked = false;
    this.removed = true;
    this.cutDepth = -1;
    this.cutStart = -1;
    this.cutPieces = [];
  }

  private parseKept(pieces: Buffer[]): PyValue | undefined {
    const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    try {
      return parsePyJson(bytes.toString('utf8'));
    } catch {
      this.fail(why.notJson);
      return undefined;
    }
  }
}
