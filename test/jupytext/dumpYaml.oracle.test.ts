// The YAML emitter against PyYAML itself (python3-yaml): `yaml.safe_dump(v, default_flow_style=False)`
// for metadata-shaped values, generated at random plus the tricky strings notebooks contain.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { dumpYamlLines } from '../../src/jupytext/dumpYaml.js';
import { toPyValue } from '../../src/jupytext/readHeader.js';

function pyyaml(values: unknown[]): string[] {
  const script = 'import json, sys, yaml\nsys.stdout.write(json.dumps([yaml.safe_dump(v, default_flow_style=False) for v in json.load(sys.stdin)]))';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(values), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return JSON.parse(r.stdout.toString()) as string[];
}

const hasPyYaml = spawnSync('python3', ['-c', 'import yaml']).status === 0;
const maybe = hasPyYaml ? test : test.skip;

const tricky = [
  '', ' ', 'yes', 'No', 'on', 'null', '~', '1.3', '1', '0x1f', '1e3', '1_000', '12:30', '2020-01-01', '=', '<<', '- a', 'a: b', 'a:b',
  'a #b', '#x', '@deathbeds/jupyterlab-fonts', "it's", 'Python 3 (ipykernel)', 'café', 'naïve “quotes”', '\ttab', 'trailing ', ' leading',
  'multi\nline', '---', '...', '%magic', '!bang', '`tick`', '[x]', '{y}', 'a, b', 'C++', 'python3', 'ir', 'julia-1.1',
  'word '.repeat(30).trim(), "quote's ".repeat(15).trim(), 'é '.repeat(50).trim(), 'x'.repeat(100), '😀 emoji',
];

const key = fc.oneof(fc.constantFrom(...tricky.filter((t) => !t.includes('\n') && t.length < 60)), fc.string({ minLength: 1, maxLength: 12 }));
const scalar = fc.oneof(
  fc.constantFrom(...tricky),
  fc.string({ maxLength: 90 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}));

maybe('matches PyYAML on tricky strings and random metadata', () => {
  const samples: unknown[] = [
    ...tricky.map((t) => ({ jupyter: { kernelspec: { display_name: t, language: 'python', name: 'python3' } } })),
    ...tricky.map((t) => ({ [t.length < 100 ? t.replace(/\n/g, ' ') || 'k' : 'long']: [t, { a: t }] })),
    ...fc.sample(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), { numRuns: 400, seed: 42 }),
  ];
  const expected = pyyaml(samples);
  samples.forEach((sample, i) => {
    const ours = dumpYamlLines(toPyValue(sample)).join('\n') + '\n';
    if (ours !== expected[i]) expect({ sample, ours }).toEqual({ sample, ours: expected[i] });
  });
});
