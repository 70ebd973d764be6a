// The codec against Jupyter's own library: Debian's python3-nbformat (installed by .ci/run) reads
// and writes generated notebooks of every shape; our read + write must give the same bytes.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readNotebook, writeNotebook } from '../../src/notebook/codec.js';
import { JUPYTEXT_INPUTS, NBSTRIPOUT_FIXTURES } from '../helpers/cli.js';

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-nbformat lives
const hasNbformat = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import nbformat']).status === 0;

const SCRIPT = `
import json, sys, warnings, logging
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
import nbformat
out = []
for text in json.load(sys.stdin):
    try:
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        s = nbformat.writes(nb)
        out.append(s if s.endswith("\\n") else s + "\\n")
    except Exception as e:
        out.append(None)
sys.stdout.write(json.dumps(out))
`;

function nbformatRoundTrip(texts: string[]): (string | null)[] {
  const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(texts), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return JSON.parse(r.stdout.toString('utf8')) as (string | null)[];
}

const LINE_PIECES = ['a', 'x = 1', '\n', '\r\n', '\r', '\u2028', '\x0c', '\x1c', '\x85', ' ', 'é', '😀', '"q"', '\\', '\t'];
const textArb = fc.array(fc.constantFrom(...LINE_PIECES), { maxLength: 8 }).map((p) => p.join(''));
const multiline = fc.oneof(textArb, fc.array(textArb, { maxLength: 4 }));
const scalar = fc.oneof(fc.constantFrom(1, 0, -3, 2.5, 1e21, 0.1, true, false, null), fc.string({ maxLength: 5 }));
const metadataArb = fc.dictionary(fc.constantFrom('trusted', 'collapsed', 'tags', 'scrolled', 'name', '10', '2', 'a.b', 'signature', 'orig_nbformat'), scalar, { maxKeys: 4 });
const bundleArb = fc.dictionary(
  fc.constantFrom('text/plain', 'text/html', 'image/png', 'image/svg+xml', 'application/javascript', 'application/json', 'application/vnd.x+json', 'text/latex', 'application/pdf'),
  fc.oneof(multiline, fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 })),
  { maxKeys: 4 },
);
const outputArb = fc.oneof(
  fc.record({ output_type: fc.constant('stream'), name: fc.constantFrom('stdout', 'stderr'), text: multiline }),
  fc.record({ output_type: fc.constantFrom('execute_result', 'display_data'), data: bundleArb, metadata: metadataArb, execution_count: fc.constantFrom(1, null) }),
  fc.record({ output_type: fc.constant('error'), ename: fc.constant('E'), evalue: textArb, traceback: fc.array(textArb, { maxLength: 3 }) }),
);

const v4Arb = fc.integer({ min: 0, max: 5 }).chain((minor) =>
  fc
    .array(
      fc.oneof(
        fc.record({ cell_type: fc.constant('code'), metadata: metadataArb, source: multiline, outputs: fc.array(outputArb, { maxLength: 3 }), execution_count: fc.constantFrom(1, 7, null) }),
        fc.record({ cell_type: fc.constantFrom('markdown', 'raw'), metadata: metadataArb, source: multiline }, { requiredKeys: ['cell_type', 'metadata', 'source'] }),
        fc.record({ cell_type: fc.constant('markdown'), metadata: metadataArb, source: multiline, attachments: fc.dictionary(fc.constantFrom('a.png', 'b.txt'), bundleArb, { maxKeys: 2 }) }),
      ),
      { maxLength: 5 },
    )
    .chain((cells) =>
      fc.record({ metadata: metadataArb }).map(({ metadata }) => ({
        cells: cells.map((c, i) => (minor >= 5 ? { ...c, id: `cell-${i}` } : c)),
        metadata,
        nbformat: 4,
        nbformat_minor: minor,
      })),
    ),
);

const v3Arb = fc.array(
  fc.oneof(
    fc.record({ cell_type: fc.constant('code'), input: multiline, language: fc.constant('python'), metadata: metadataArb, outputs: fc.array(fc.record({ output_type: fc.constantFrom('pyout', 'stream', 'display_data'), text: multiline, html: multiline }), { maxLength: 2 }), collapsed: fc.boolean(), prompt_number: fc.constantFrom(1, 2) }),
    fc.record({ cell_type: fc.constantFrom('markdown', 'heading'), source: multiline, metadata: metadataArb }),
  ),
  { maxLength: 4 },
).map((cells) => ({ metadata: { name: 'x' }, nbformat: 3, nbformat_minor: 0, worksheets: [{ cells, metadata: {} }] }));

(hasNbformat ? test : test.skip)('read + write equals nbformat on every fixture and 1500 generated notebooks', () => {
  const fixtures = [
    ...readdirSync(NBSTRIPOUT_FIXTURES).filter((f) => /\.ipynb(\.expected.*)?$/.test(f) && !/invalid|nbformat45\.ipynb$/.test(f)).map((f) => join(NBSTRIPOUT_FIXTURES, f)),
    ...readdirSync(JUPYTEXT_INPUTS).map((f) => join(JUPYTEXT_INPUTS, f)),
  ].map((f) => readFileSync(f, 'utf8'));
  const seed = Date.now();
  const generated = [...fc.sample(v4Arb, { numRuns: 1200, seed }), ...fc.sample(v3Arb, { numRuns: 300, seed })].map((nb, i) =>
    i % 2 === 0 ? JSON.stringify(nb) : JSON.stringify(nb, null, 1),
  );
  const texts = [...fixtures, ...generated];
  const expected = nbformatRoundTrip(texts);
  let compared = 0;
  texts.forEach((text, i) => {
    const want = expected[i];
    if (want === null) return; // nbformat itself refuses it
    expect({ seed, text, ours: writeNotebook(readNotebook(text)) }).toEqual({ seed, text, ours: want });
    compared++;
  });
  expect(compared).toBeGreaterThan(texts.length * 0.9);
});
