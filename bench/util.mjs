// Small timing helpers shared by the benchmarks.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time in ms of `fn` over `runs` runs after one warm-up. */
export function timeIt(fn, runs = 5, warmup = true) {
  if (warmup) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * Median wall time in ms of a command started as a new process.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ runs?: number, cwd?: string, input?: string | Buffer, env?: NodeJS.ProcessEnv, warmup?: boolean }} [options]
 */
export function timeCommand(cmd, args, { runs = 15, cwd = ROOT, input, env, warmup = true } = {}) {
  return timeIt(() => {
    const r = spawnSync(cmd, args, { cwd, input, env: env ?? process.env, stdio: ['pipe', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }, runs, warmup);
}

/** Bundles a TypeScript module of src/ so a benchmark can call it in-process. */
export async function importSource(entry) {
  const outfile = join(ROOT, 'bench', '.corpus', 'modules', `${entry.replace(/[^\w]/g, '_')}.mjs`);
  await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return import(outfile);
}

/**
 * Bundles several exports of src/ into one module (one copy of what they share) and imports it.
 * @param {string} name
 * @param {Record<string, string>} exports source file (from the root) -> its comma-separated exports
 */
export async function importSources(name, exports) {
  const outfile = join(ROOT, 'bench', '.corpus', 'modules', `${name}.mjs`);
  const contents = Object.entries(exports).map(([file, names]) => `export { ${names} } from './${file}';`).join('\n');
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
    // The yaml package is CommonJS: the ESM bundle needs a `require` (as dist/ has).
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(outfile);
}

export const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

/** "a–b×": the lowest and highest of per-round ratios. */
export const spread = (ratios) => `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;
