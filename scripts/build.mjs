// Bundles the CLI into dist/ with esbuild. Commands are split into lazily loaded chunks so
// that a hook that has nothing to do pays only for the entry file (start-up is paid on every commit).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // cli: the `ml-hooks` bin; action: the GitHub Action's entry (action.yml), the same CLI.
  entryPoints: { cli: 'src/cli/main.ts', action: 'src/cli/action.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // `yaml` is CommonJS and requires node builtins at run time: give ESM chunks a `require`.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __mlHooksCreateRequire } from 'node:module';\nconst require = __mlHooksCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
