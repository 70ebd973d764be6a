// Python's `ast.literal_eval` for the literals that appear in cell metadata written by hand or by
// older tools (`tags=['a']`, `key=True`, `x=None`): strings, numbers, True/False/None, lists,
// tuples and dicts. Anything else throws, as literal_eval would.
import { MAX_NESTING, newPyObject, PyFloat, type PyValue } from '../notebook/pyjson.js';

export class PyLiteralError extends Error {}

export function parsePyLiteral(text: string): PyValue {
  let pos = 0;
  const n = text.length;
  const fail = (): never => {
    throw new PyLiteralError(`not a Python literal: ${text}`);
  };
  const skip = (): void => {
    while (pos < n && ' \t\n\r\f\v'.includes(text[pos]!)) pos++;
  };
  // Containers nest as deep as the JSON codec goes (Python's literal_eval gives up sooner).
  const value = (depth = 0): PyValue => {
    skip();
    const ch = text[pos];
    if (ch === undefined) return fail();
    if ((ch === '[' || ch === '(' || ch === '{') && depth >= MAX_NESTING) return fail();
    if (ch === '[' || ch === '(') {
      const close = ch === '[' ? ']' : ')';
      pos++;
      const items: PyValue[] = [];
      skip();
      while (text[pos] !== close) {
        items.push(value(depth + 1));
        skip();
        if (text[pos] === ',') {
          pos++;
          skip();
        } else if (text[pos] !== close) fail();
      }
      pos++;
      return items;
    }
    if (ch === '{') {
      pos++;
      const obj = newPyObject();
      skip();
      while (text[pos] !== '}') {
        const key = value(depth + 1);
        if (typeof key !== 'string') fail();
        skip();
        if (text[pos] !== ':') fail();
        pos++;
        obj[key as string] = value(depth + 1);
        skip();
        if (text[pos] === ',') {
          pos++;
          skip();
        } else if (text[pos] !== '}') fail();
      }
      pos++;
      return obj;
    }
    if (ch === '"' || ch === "'" || ((ch === 'r' || ch === 'R' || ch === 'u' || ch === 'U') && (text[pos + 1] === '"' || text[pos + 1] === "'"))) {
      let raw = false;
      if (ch !== '"' && ch !== "'") {
        raw = ch === 'r' || ch === 'R';
        pos++;
      }
      const q = text[pos]!;
      const triple = text.startsWith(q.repeat(3), pos);
      const delim = triple ? q.repeat(3) : q;
      pos += delim.length;
      let out = '';
      for (;;) {
        if (pos >= n) fail();
        if (text.startsWith(delim, pos)) {
          pos += delim.length;
          break;
        }
        const c = text[pos]!;
        if (!triple && c === '\n') fail();
        if (c === '\\') {
          const e = text[pos + 1];
          if (e === undefined) fail();
          if (raw) {
            out += c + e;
            pos += 2;
            continue;
          }
          pos += 2;
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };
          if (e! in simple) out += simple[e!];
          else if (e === 'x' || e === 'u' || e === 'U') {
            const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = text.slice(pos, pos + len);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail();
            out += String.fromCodePoint(parseInt(hex, 16));
            pos += len;
          } else out += '\\' + e;
          continue;
        }
        out += c;
        pos++;
      }
      return out;
    }
    const word = /^(True|False|None)(?![A-Za-z0-9_])/.exec(text.slice(pos));
    if (word) {
      pos += word[1]!.length;
      return word[1] === 'True' ? true : word[1] === 'False' ? false : null;
    }
    const num = /^[-+]?(?:\d[\d_]*\.?[\d_]*(?:[eE][-+]?\d+)?|\.\d[\d_]*(?:[eE][-+]?\d+)?)/.exec(text.slice(pos));
    if (num && /\d/.test(num[0])) {
      pos += num[0].length;
      const clean = num[0].replace(/_/g, '');
      if (/[.eE]/.test(clean)) {
        const x = Number(clean);
        return Number.isInteger(x) ? new PyFloat(x) : x;
      }
      const big = BigInt(clean.replace(/^\+/, ''));
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    return fail();
  };
  const result = value();
  skip();
  if (pos !== n) fail();
  return result;
}
