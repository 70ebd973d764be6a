// `ml-hooks status` says how full the output store is, or that it is off, and where that is set.
import { afterAll, afterEach, expect, test } from '@jest/globals';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { listTree, makeWorld, notebook, STORE_OFF, STORE_ON, removeWorldTemplates, type World } from './world.js';

let world: World | undefined;
afterEach(() => world?.cleanup());
afterAll(removeWorldTemplates);

const storeLine = (w: World) => {
  const r = w.cli(['status']);
  expect(r.status).toBe(0);
  return r.stdout.split('\n').find((l) => l.includes('output store'));
};

test('status: the store entries, their size and the limit; the limit from the configuration', () => {
  world = makeWorld(STORE_ON);
  const w = world;
  const store = join(w.path, '.git', 'ml-hooks', 'outputs');
  // the base commit remembered its two working notebooks
  const sizes = () => listTree(store).map((f) => statSync(join(store, f)).size);
  expect(sizes()).toHaveLength(2);
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  expect(storeLine(w)).toBe(`  ok      output store             2 notebooks, ${kB(sizes()[0]! + sizes()[1]!)} of 1.0 GB in .git/ml-hooks/outputs`);

  w.write('pyproject.toml', '[tool.ml-hooks.output-store]\nmax-size = "5MB"\n');
  w.write('.ml-hooks.json', '{}\n');
  w.write('nb.ipynb', notebook(['print(1)'], 'one more'));
  w.ok(['add', 'nb.ipynb']);
  expect(sizes()).toHaveLength(3);
  expect(storeLine(w)).toBe(`  ok      output store             3 notebooks, ${kB(sizes().reduce((a, b) => a + b))} of 5.0 MB in .git/ml-hooks/outputs`);
});

test('status: the store turned off, and where', () => {
  world = makeWorld(STORE_OFF);
  expect(storeLine(world)).toBe('  ok      output store             off (set in .ml-hooks.json output-store.enabled): checkouts write notebooks without outputs, as nbstripout does');
  expect(listTree(join(world.path, '.git', 'ml-hooks', 'outputs'))).toEqual([]);
});
