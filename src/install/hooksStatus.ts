// `ml-hooks status`: what is installed where, which program the hooks run, and what is broken.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runGit } from '../git/runGit.js';
import { locateRepo } from './locateRepo.js';
import { readInstallState } from './installState.js';
import { HUSKY_BEGIN, STUB_MARKER } from './editTextFiles.js';
import { CHAINED_SUFFIX, GIT_CONFIG, HOOKS } from './installHooks.js';
import { loadSettings } from '../settings/loadSettings.js';

export interface StatusItem {
  label: string;
  ok: boolean;
  detail: string;
  /** The command that fixes it. */
  fix?: string;
}

const FIX = 'npx ml-hooks install';

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export async function hooksStatus(cwd: string, env: NodeJS.ProcessEnv): Promise<StatusItem[]> {
  const loc = await locateRepo(cwd, env);
  const rel = (path: string) => relative(loc.top, path) || '.';
  const state = readInstallState(loc.stateDir);
  const items: StatusItem[] = [];

  const run = join(loc.stateDir, 'run');
  const cli = join(loc.stateDir, 'pkg', 'dist', 'cli.js');
  if (!existsSync(run) || !state) {
    items.push({ label: 'program', ok: false, detail: `not installed in this clone (${rel(run)} is missing)`, fix: FIX });
  } else {
    const nodeOk = isExecutable(state.node);
    const version = readText(join(loc.stateDir, 'pkg', 'package.json'));
    const cliVersion = version ? (JSON.parse(version) as { version?: string }).version : undefined;
    items.push({
      label: 'program',
      ok: nodeOk && existsSync(cli),
      detail: `${state.node}${nodeOk ? '' : ' (missing: hooks fall back to node on PATH)'} running ${rel(cli)}${existsSync(cli) ? ` (ml-hooks ${cliVersion ?? '?'})` : ' (missing)'}`,
      ...(nodeOk && existsSync(cli) ? {} : { fix: FIX }),
    });
  }

  for (const hook of HOOKS) {
    if (loc.huskyDir) {
      const path = join(loc.huskyDir, hook);
      const ok = (readText(path) ?? '').includes(HUSKY_BEGIN);
      items.push({ label: hook, ok, detail: ok ? `${rel(path)} (husky) runs ml-hooks` : `${rel(path)} (husky) does not run ml-hooks`, ...(ok ? {} : { fix: FIX }) });
      continue;
    }
    const path = join(loc.hooksDir, hook);
    const text = readText(path);
    const ours = text !== undefined && text.includes(STUB_MARKER);
    const ok = ours && isExecutable(path);
    const chained = existsSync(path + CHAINED_SUFFIX) ? `, then ${rel(path + CHAINED_SUFFIX)}` : '';
    const detail = !ours ? `${rel(path)} ${text === undefined ? 'is missing' : 'is not the ml-hooks hook'}` : ok ? `${rel(path)}${chained}` : `${rel(path)} is not executable`;
    items.push({ label: hook, ok, detail, ...(ok ? {} : { fix: ours ? `chmod +x ${rel(path)}` : FIX }) });
  }

  for (const [key, value] of GIT_CONFIG) {
    const r = await runGit(['config', '--get', key], { cwd, env });
    const current = r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
    items.push({ label: key, ok: current === value, detail: current ?? 'not set', ...(current === value ? {} : { fix: FIX }) });
  }

  const attr = await runGit(['check-attr', 'filter', 'diff', 'merge', '--', 'notebook.ipynb'], { cwd, env });
  const attrText = attr.stdout.toString('utf8');
  const attrOk = ['filter', 'diff', 'merge'].every((a) => attrText.includes(`${a}: ml-hooks`));
  items.push({ label: 'attributes', ok: attrOk, detail: attrOk ? '*.ipynb use filter=ml-hooks diff=ml-hooks merge=ml-hooks' : '*.ipynb do not use the ml-hooks filter, diff and merge drivers', ...(attrOk ? {} : { fix: FIX }) });

  const config = await loadSettings(loc.top, env);
  const sources = [...new Set(Object.values(config.origins).map((o) => o.file))];
  items.push({
    label: 'configuration',
    ok: config.errors.length === 0,
    detail: config.errors.length === 0 ? (sources.length > 0 ? `from ${sources.join(', ')}` : 'defaults (no [tool.ml-hooks] or .ml-hooks.json)') : config.errors.join('; '),
    ...(config.errors.length === 0 ? {} : { fix: 'edit the file named above' }),
  });
  return items;
}
