// Runs every benchmark in bench/ (files named *.bench.mjs) in order and prints their figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  const mod = await import(new URL(file, import.meta.url).href);
  await mod.default();
}
