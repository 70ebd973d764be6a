// Runs every benchmark in bench/ (files named *.bench.mjs) in order and prints their figures.
// One that fails is reported and the others still run; the exit status is then 1.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  try {
    const mod = await import(new URL(file, import.meta.url).href);
    await mod.default();
  } catch (error) {
    console.log(`${file} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  }
}
