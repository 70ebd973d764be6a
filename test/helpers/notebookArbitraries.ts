// Generators of hostile notebooks as JSON text, for property tests: escapes of every kind,
// surrogates, CRLF and odd whitespace, numbers that JSON.parse gets wrong, duplicate and
// prototype-named keys, outputs of no size, cells that keep their outputs, wrong shapes and
// versions, a byte order mark, and damaged bytes.
import fc from 'fast-check';
import { DEFAULT_STRIP_OPTIONS, type StripOptions } from '../../src/notebook/stripOptions.js';

// --- JSON written by hand, so that escapes, whitespace and key order vary -------------------

type Node =
  | { t: 'obj'; entries: [string, Node][] }
  | { t: 'arr'; items: Node[] }
  | { t: 'str'; value: string }
  | { t: 'raw'; token: string }; // numbers and bare words, as written

interface Style {
  indent: string | undefined;
  newline: '\n' | '\r\n';
  colon: ':' | ': ' | ' : ';
  /** Per-character choices for optional escapes, cycled. */
  escapes: number[];
}

const obj = (entries: [string, Node][]): Node => ({ t: 'obj', entries });
const arr = (items: Node[]): Node => ({ t: 'arr', items });
const str = (value: string): Node => ({ t: 'str', value });
const raw = (token: string): Node => ({ t: 'raw', token });

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex4 = (unit: number): string => `\\u${unit.toString(16).padStart(4, '0')}`;

function writeString(value: string, style: Style, counter: { n: number }): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const ch = value[i]!;
    const choice = style.escapes[counter.n++ % style.escapes.length]!;
    const lone = unit >= 0xd800 && unit <= 0xdfff && !(unit <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) && !(unit >= 0xdc00 && i > 0 && (value.charCodeAt(i - 1) & 0xfc00) === 0xd800);
    if (lone || unit < 0x20 || ch === '"' || ch === '\\') {
      out += choice % 2 === 0 && SHORT_ESCAPES[ch] ? SHORT_ESCAPES[ch] : choice % 3 === 0 ? hex4(unit).toUpperCase().replace('\\U', '\\u') : hex4(unit);
    } else if (choice === 7) {
      out += hex4(unit); // an escape that is not needed (surrogate pairs as two escapes)
    } else if (ch === '/' && choice === 5) {
      out += '\\/';
    } else {
      out += ch;
    }
  }
  return out + '"';
}

function writeJson(node: Node, style: Style): string {
  const counter = { n: 0 };
  const write = (n: Node, level: number): string => {
    if (n.t === 'str') return writeString(n.value, style, counter);
    if (n.t === 'raw') return n.token;
    const [open, close] = n.t === 'obj' ? ['{', '}'] : ['[', ']'];
    const items = n.t === 'obj' ? n.entries.map(([k, v]) => `${writeString(k, style, counter)}${style.colon}${write(v, level + 1)}`) : n.items.map((v) => write(v, level + 1));
    if (items.length === 0) return open + close;
    if (style.indent === undefined) return open + items.join(', ') + close;
    const inner = style.newline + style.indent.repeat(level + 1);
    return open + inner + items.join(',' + inner) + style.newline + style.indent.repeat(level) + close;
  };
  return write(node, 0);
}

// --- generators -------------------------------------------------------------------------------

const TRICKY = ['\u2028', '\u2029', '\x7f', '\x85', '\ue000', '\uffff', '😀', '\x00', '\x1f', '\v', '\f', '\r', '\n', '\r\n', '\t', '"', '\\', '/', 'é', '中', ' ', '\x1c', '\ufeff'];
const LONE = ['\ud800', '\udfff', '\udbff', '\udc00'];
const stringArb: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }, fc.constantFrom(...TRICKY), fc.constantFrom(...LONE), fc.constant('')), { maxLength: 5 })
  .map((parts) => parts.join(''));

const NUMBERS = ['0', '-0', '1', '-1', '1.0', '-0.0', '1E5', '1e-5', '0.000001', '1e400', '-1e400', '1.5e300', '0.10', '1e16', '12345678901234567890', '-98765432109876543210', '9007199254740993', '2.5', '5e-324', 'NaN', 'Infinity', '-Infinity', '3', '42'];
const scalarArb: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom(...NUMBERS).map(raw),
  fc.integer({ min: -1000, max: 1000 }).map((n) => raw(String(n))),
  fc.constantFrom('true', 'false', 'null').map(raw),
  stringArb.map(str),
);
const KEYS = ['outputs', 'metadata', 'execution_count', 'source', 'cell_type', 'id', 'attachments', '__proto__', 'constructor', 'toString', '', '10', '2', 'a', 'text', 'data', 'name', 'output_type'];
const keyArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...KEYS), stringArb);

const { value: valueArb } = fc.letrec<{ value: Node }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 4 }).map(arr),
    fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 4 }).map(obj),
  ),
}));

/** Lines (a list of strings) or one string, as multi-line fields may be written. */
const multiline: fc.Arbitrary<Node> = fc.oneof(stringArb.map(str), fc.array(stringArb.map(str), { maxLength: 4 }).map(arr));

/** Truthy and falsy values for keep_output / init_cell. */
const flagArb: fc.Arbitrary<Node> = fc.constantFrom('true', 'false', '0', '1', 'null', '0.0', '""', '"x"', '[]', '{}').map((t) => (t.startsWith('"') ? str(t.slice(1, -1)) : t === '[]' ? arr([]) : t === '{}' ? obj([]) : raw(t)));

const outputArb: fc.Arbitrary<Node> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom('stdout', 'stderr'), multiline).map(([name, text]) => obj([['name', str(name)], ['output_type', str('stream')], ['text', text]])), weight: 3 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('display_data', 'execute_result'), fc.array(fc.tuple(fc.constantFrom('text/plain', 'text/html', 'image/png', 'application/json', 'image/svg+xml', 'application/vnd.x+json'), fc.oneof(multiline, valueArb)), { maxLength: 3 }), fc.option(scalarArb, { nil: undefined }))
      .map(([type, data, count]) => obj([['data', obj(data)], ['metadata', obj([])], ['output_type', str(type)], ...(count ? ([['execution_count', count]] as [string, Node][]) : [])])),
    weight: 3,
  },
  // Outputs of no size (no number, no non-empty string): nbstripout keeps them, even by default.
  fc.constantFrom(obj([]), obj([['output_type', str('')]]), obj([['data', obj([['text/plain', str('')], ['x', arr([])]])]]), obj([['text', arr([str('')])], ['execution_count', str('')]])),
  fc.array(fc.tuple(keyArb, valueArb), { maxLength: 3 }).map(obj),
  scalarArb, // not an object: the shape check fails
);

const CELL_META_KEYS = ['collapsed', 'scrolled', 'ExecuteTime', 'execution', 'heading_collapsed', 'hidden', 'trusted', 'jupyter', 'vscode', 'x.y', 'application/vnd.databricks.v1+cell'];
const cellMetadataArb: fc.Arbitrary<Node> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...CELL_META_KEYS), valueArb) },
    fc.tuple(fc.constant('tags'), fc.oneof(fc.array(fc.constantFrom('keep_output', 'a', 'b', 'parameters').map(str), { maxLength: 3 }).map(arr), fc.constantFrom(str('keep_output'), str('ab'), raw('1')))),
    fc.tuple(fc.constantFrom('keep_output', 'init_cell'), flagArb),
  ), { maxLength: 4 }).map(obj) },
  valueArb,
);

const cellArb: fc.Arbitrary<[string, Node][]> = fc
  .record(
    {
      cell_type: fc.constantFrom('code', 'code', 'markdown', 'raw', 'other').map(str),
      id: fc.oneof(fc.constantFrom('a', 'b', '0', '1', 'x-y').map(str), scalarArb),
      metadata: cellMetadataArb,
      source: fc.oneof({ weight: 5, arbitrary: multiline }, valueArb),
      outputs: fc.oneof({ weight: 5, arbitrary: fc.array(outputArb, { maxLength: 4 }).map(arr) }, valueArb),
      execution_count: fc.oneof(scalarArb, valueArb),
      attachments: fc.array(fc.tuple(stringArb, fc.array(fc.tuple(fc.constantFrom('image/png', 'text/plain'), multiline), { maxLength: 2 }).map(obj)), { maxLength: 2 }).map(obj),
      other: fc.tuple(fc.oneof({ weight: 15, arbitrary: keyArb }, fc.constantFrom('metadata.collapsed', 'metadata.x.y')), valueArb),
    },
    { requiredKeys: ['cell_type'] },
  )
  .map((r) => Object.entries(r).map(([k, v]) => (k === 'other' ? (v as [string, Node]) : [k, v as Node])));

const NB_META_KEYS = ['kernelspec', 'language_info', 'widgets', 'signature', 'orig_nbformat', 'jupytext', 'a', 'application/vnd.databricks.v1+notebook', 'widgets.x'];
const notebookMetadataArb: fc.Arbitrary<Node> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: fc.tuple(fc.constantFrom(...NB_META_KEYS), valueArb) }, fc.tuple(fc.constant('keep_output'), flagArb)), { maxLength: 4 }).map(obj) },
  valueArb,
);

interface Shape {
  entries: [string, Node][];
}

/** Present mostly, or missing one time in `freq`. */
const mostly = <T>(arb: fc.Arbitrary<T>, freq: number): fc.Arbitrary<T | undefined> => fc.oneof({ weight: freq - 1, arbitrary: arb }, fc.constant(undefined));
/** Missing mostly, present one time in `freq`. */
const rarely = <T>(arb: fc.Arbitrary<T>, freq: number): fc.Arbitrary<T | undefined> => fc.oneof({ weight: freq - 1, arbitrary: fc.constant(undefined) }, arb);

const notebookArb: fc.Arbitrary<Shape> = fc
  .record({
    cells: mostly(fc.oneof({ weight: 20, arbitrary: fc.array(cellArb.map(obj), { maxLength: 5 }).map(arr) }, valueArb), 20),
    metadata: mostly(notebookMetadataArb, 10),
    nbformat: mostly(fc.oneof({ weight: 20, arbitrary: fc.constant(raw('4')) }, fc.constantFrom(raw('4.0'), raw('3'), raw('5'), str('4'), raw('null'))), 20),
    nbformat_minor: mostly(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('4', '5', '2').map(raw) }, fc.constantFrom(raw('0'), raw('6'), raw('5.0'), raw('null'), str('5'))), 10),
    worksheets: rarely(valueArb, 20),
    extra: rarely(fc.tuple(keyArb, valueArb), 3),
  })
  .map((r) => ({
    entries: Object.entries(r)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => (k === 'extra' ? (v as [string, Node]) : [k, v as Node])),
  }));

/** Key order: sorted (as Jupyter writes), as generated, or with a key repeated. */
function arrange(node: Node, order: number): Node {
  if (node.t === 'arr') return arr(node.items.map((n) => arrange(n, order)));
  if (node.t !== 'obj') return node;
  let entries = node.entries.map(([k, v]) => [k, arrange(v, order)] as [string, Node]);
  if (order % 3 === 0) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (order % 17 === 1 && entries.length > 0) entries = [...entries, entries[0]!];
  return obj(entries);
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(undefined, ' ', '  ', '    ', '\t'),
  newline: fc.constantFrom('\n' as const, '\r\n' as const),
  colon: fc.constantFrom(':' as const, ': ' as const, ' : ' as const),
  escapes: fc.array(fc.nat(9), { minLength: 1, maxLength: 7 }),
});

/** Damage: none mostly; else cut the text, or put in a byte that JSON or UTF-8 rejects. */
const damageArb = fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, fc.tuple(fc.constantFrom('cut', 'control', 'ff', 'brace', 'bom2'), fc.nat()));

function damage(bytes: Buffer, how: [string, number] | undefined): Buffer {
  if (how === undefined || bytes.length === 0) return bytes;
  const [kind, n] = how;
  const at = n % bytes.length;
  if (kind === 'cut') return bytes.subarray(0, at);
  if (kind === 'bom2') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), bytes]);
  const insert = kind === 'control' ? [0x01] : kind === 'ff' ? [0xff] : [0x7d];
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);
}

const EXTRA_KEYS = ['metadata.kernelspec', 'metadata.language_info.version', 'metadata.keep_output', 'metadata.widgets.x', 'metadata.a', 'cell.metadata.tags', 'cell.metadata.jupyter', 'cell.outputs', 'cell.execution_count', 'cell.metadata', 'cell.id', 'cell.metadata.x.y', 'metadata.application/vnd.databricks.v1+notebook', 'bogus'];
export const stripOptionsArb: fc.Arbitrary<StripOptions> = fc
  .record({
    keepCount: fc.boolean(),
    keepId: fc.boolean(),
    dropEmptyCells: fc.boolean(),
    stripInitCells: fc.boolean(),
    extraKeys: fc.subarray(EXTRA_KEYS, { maxLength: 3 }),
    keepMetadataKeys: fc.subarray(['metadata.widgets', 'cell.metadata.collapsed', 'cell.metadata.scrolled', 'metadata.signature'], { maxLength: 2 }),
    dropTaggedCells: fc.subarray(['a', 'b', 'keep_output'], { maxLength: 2 }),
    dropOutputTypes: fc.subarray(['stream', 'stream:stdout', 'display_data', ''], { maxLength: 2 }),
    fullParseOption: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'keepOutput', 'types', 'maxSize'),
  })
  .map(({ fullParseOption, ...o }) => ({
    ...DEFAULT_STRIP_OPTIONS,
    ...o,
    keepOutput: fullParseOption === 'keepOutput',
    keepOutputTypes: fullParseOption === 'types' ? ['stream'] : [],
    maxSize: fullParseOption === 'maxSize' ? 20 : undefined,
  }));


/** Notebook bytes: generated, arranged (key order, repeats), written in some style, maybe damaged. */
export const notebookBytesArb: fc.Arbitrary<Buffer> = fc
  .tuple(notebookArb, fc.nat(50), styleArb, fc.boolean(), damageArb)
  .map(([shape, order, style, bom, how]) => {
    const text = writeJson(arrange(obj(shape.entries), order), style) + (order % 2 === 0 ? '\n' : style.newline);
    return damage(Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]), how);
  });
