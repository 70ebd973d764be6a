// Bundles the CLI into dist/ with esbuild. Commands are split into lazily loaded chunks so
// that a hook that has nothing to do pays only for the entry file (start-up is paid on every commit).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = {
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
};
// The hooks' entry on its own (the runner starts it for `hook …`): node loads each module file
// separately, about a millisecond each, so everything a commit with nothing to do runs is in
// dist/hook/hook.js, and only what a step loads when it finds work is in chunks.
await build({ ...common, entryPoints: { hook: 'src/cli/hookMain.ts' }, outdir: 'dist/hook' });
await build({
  ...common,
  // cli: the `ml-hooks` bin; action: the GitHub Action's entry (action.yml), the same CLI.
  entryPoints: { cli: 'src/cli/main.ts', action: 'src/cli/action.ts' },
  outdir: 'dist',
});
