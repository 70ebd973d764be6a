// Property-based tests against CPython's json module: thousands of generated documents with
// tricky numbers, keys and strings, serialized by us and by Python, must give the same text.
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { dumpPyJson, parsePyJson, parsePyJsonExact } from '../../src/notebook/pyjson.js';
import { splitLines } from '../../src/notebook/splitLines.js';
import { pythonJson, pythonSplitLines, type OracleRequest } from '../helpers/pythonOracle.js';

const SPECIAL_NUMBERS = [
  '0', '-0', '1', '-1', '1.0', '-0.0', '0.0', '1E5', '1e5', '1e-5', '0.000001', '0.0001', '0.00001', '1e400', '-1e400',
  '1.5e300', '0.10', '100.0', '1e16', '1e15', '9999999999999998.0', '1e22', '123456789012345678901234567890',
  '-98765432109876543210', '9007199254740993', '9007199254740992', '2.5', '5e-324', '1.7976931348623157e308',
  '0.1', '0.3', '1e-7', '123456789.123456789', 'NaN', 'Infinity', '-Infinity',
];

const numberToken: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_NUMBERS),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? '-0.0' : String(d).includes('.') || String(d).includes('e') ? String(d) : `${d}.0`)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => d.toExponential()),
  fc.tuple(fc.integer({ min: 0, max: 999999 }), fc.integer({ min: -330, max: 330 })).map(([m, e]) => `${m}e${e}`),
);

const TRICKY_CHARS = ['\u2028', '\u2029', '\x7f', '\x85', '\ue000', '\uffff', '😀', '\x00', '\x1f', '\v', '\f', '\r', '\n', '\t', '"', '\\', '/', 'é', '中'];

function stringArb(loneSurrogates: boolean): fc.Arbitrary<string> {
  const pieces: fc.Arbitrary<string>[] = [fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...TRICKY_CHARS)];
  if (loneSurrogates) pieces.push(fc.constantFrom('\ud800', '\udfff', '\udc00x'));
  return fc.array(fc.oneof(...pieces), { maxLength: 4 }).map((parts) => parts.join(''));
}

function keyArb(loneSurrogates: boolean): fc.Arbitrary<string> {
  return fc.oneof(stringArb(loneSurrogates), fc.constantFrom('10', '2', '0', '01', '-1', '4294967294', '4294967295', 'a', 'B', '\ue000', '😀', ''), fc.nat(100).map(String));
}

/** JSON text: keys may repeat, strings carry raw non-ASCII or escapes as JSON.stringify writes them. */
function documentArb(loneSurrogates: boolean): fc.Arbitrary<string> {
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      numberToken,
      stringArb(loneSurrogates).map((s) => JSON.stringify(s)),
      fc.constantFrom('true', 'false', 'null'),
      fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(', ')}]`),
      fc.array(fc.tuple(keyArb(loneSurrogates), tie('value')), { maxLength: 6 }).map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(',')}}`),
    ),
  }));
  return value;
}

function compareWithPython(docs: string[], options: Omit<OracleRequest, 'text'>, seed: number): void {
  const answers = pythonJson(docs.map((text) => ({ text, ...options })));
  let compared = 0;
  docs.forEach((text, i) => {
    const answer = answers[i]!;
    if ('error' in answer) {
      expect({ seed, text, parse: () => parsePyJson(text) }.parse).toThrow();
      return;
    }
    const ours = dumpPyJson(parsePyJson(text, { keepKeyOrder: !options.sortKeys }), { indent: options.indent ?? undefined, sortKeys: options.sortKeys, ensureAscii: options.ensureAscii });
    if (ours !== answer.ok) expect({ seed, text, ours }).toEqual({ seed, text, ours: answer.ok });
    compared++;
  });
  expect(compared).toBeGreaterThan(docs.length * 0.9);
}

const seed = Date.now();

test(`notebook serialization (indent 1, sorted, raw UTF-8) equals Python's on 3000 documents (seed ${seed})`, () => {
  const docs = fc.sample(documentArb(false), { numRuns: 3000, seed });
  compareWithPython(docs, { indent: 1, sortKeys: true, ensureAscii: false }, seed);
});

test(`v1/Zeppelin serialization (indent 4 or 2, insertion order, ASCII) equals Python's on 2000 documents (seed ${seed})`, () => {
  const docs = fc.sample(documentArb(true), { numRuns: 2000, seed: seed + 1 });
  compareWithPython(docs.slice(0, 1000), { indent: 4, sortKeys: false, ensureAscii: true }, seed + 1);
  compareWithPython(docs.slice(1000), { indent: 2, sortKeys: false, ensureAscii: true }, seed + 1);
});

test(`nbformat 2/3 serialization (indent 1, sorted, ASCII) equals Python's on 1000 documents (seed ${seed})`, () => {
  const docs = fc.sample(documentArb(true), { numRuns: 1000, seed: seed + 2 });
  compareWithPython(docs, { indent: 1, sortKeys: true, ensureAscii: true }, seed + 2);
});

test(`the fast path (native JSON.parse) and the exact parser serialize alike on 3000 documents (seed ${seed})`, () => {
  const docs = fc.sample(documentArb(false), { numRuns: 3000, seed: seed + 4 });
  const dump = (v: ReturnType<typeof parsePyJson>): string => dumpPyJson(v, { indent: 1, sortKeys: true, ensureAscii: false });
  for (const text of docs) expect({ text, out: dump(parsePyJson(text)) }).toEqual({ text, out: dump(parsePyJsonExact(text)) });
});

test('malformed documents are rejected as Python rejects them', () => {
  const bad = ['', ' ', '{', '[1,]', '{"a":1,}', '01', '1.', '.5', '+1', '"\\x"', '"a\tb"', '{"a" 1}', "{'a': 1}", 'nan', '-NaN', 'Infinityx', '[1] 2', 'tru', '"\\ud800'];
  const answers = pythonJson(bad.map((text) => ({ text, indent: 1, sortKeys: true, ensureAscii: false })));
  bad.forEach((text, i) => {
    expect({ text, rejected: 'error' in answers[i]! }).toEqual({ text, rejected: true });
    expect(() => parsePyJson(text)).toThrow();
    expect(() => parsePyJsonExact(text)).toThrow();
  });
});

test(`splitLines matches Python's str.splitlines on 2000 strings (seed ${seed})`, () => {
  const breaks = ['\n', '\r', '\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', 'a', 'bc', ' ', '\x1f'];
  const texts = fc.sample(fc.array(fc.constantFrom(...breaks), { maxLength: 10 }).map((p) => p.join('')), { numRuns: 2000, seed: seed + 3 });
  for (const keepEnds of [true, false]) {
    const expected = pythonSplitLines(texts, keepEnds);
    texts.forEach((text, i) => expect({ text, lines: splitLines(text, keepEnds) }).toEqual({ text, lines: expected[i] }));
  }
});
