// `ml-hooks status`: what is installed where, which program the hooks run, and what is broken.
import { accessSync, constants, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runGit } from '../git/runGit.js';
import { hooksFolderIsShared, locateRepo } from './locateRepo.js';
import { movedFrom, readInstallState } from './installState.js';
import { HUSKY_BEGIN, takeOverInfoAttributes } from './editTextFiles.js';
import { GIT_CONFIG, lfsInUse } from './installHooks.js';
import { CHAINED_SUFFIX, HOOKS, hookSlot, readText, runsLfsPrePush } from './hookFiles.js';
import { loadSettings } from '../settings/loadSettings.js';
import * as msg from '../messages/install.js';
import { OUTPUT_STORE_DIR, OutputStore, type OutputStoreStats } from '../store/outputStore.js';
import { formatSize } from '../messages/formatSize.js';
import { shellQuote } from '../messages/shellQuote.js';
import { describeOrigin } from '../config/mlHooksConfig.js';

export interface StatusItem {
  label: string;
  ok: boolean;
  detail: string;
  /** The command that fixes it. */
  fix?: string;
}

const INSTALL = 'npx ml-hooks install';

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** @param running the version of the ml-hooks running `status`, compared with the clone's copy */
export async function hooksStatus(cwd: string, env: NodeJS.ProcessEnv, running: string): Promise<StatusItem[]> {
  const loc = await locateRepo(cwd, env);
  const rel = (path: string) => relative(loc.top, path) || '.';
  const state = readInstallState(loc.stateDir);
  const items: StatusItem[] = [];
  // With a hooks folder shared by all repositories, install refuses to run, so it fixes nothing:
  // the fix is to give this repository its own hooks folder first.
  const shared = hooksFolderIsShared(loc);
  const installFix = shared ? msg.seeHooksPath : INSTALL;
  if (shared) {
    // ml-hooks' own hooks in the shared folder work only where install ran before the folder was shared.
    const ours = HOOKS.every((hook) => hookSlot(loc.hooksDir, hook).stub !== undefined) && existsSync(join(loc.stateDir, 'run'));
    const origin = await runGit(['config', '--show-origin', '--get', 'core.hooksPath'], { cwd, env });
    const where = origin.code === 0 ? origin.stdout.toString('utf8').split('\t')[0]!.replace(/^file:/, '') : undefined;
    items.push({ label: 'hooks path', ok: ours, detail: msg.sharedHooksPathStatus(loc.hooksPath, where, ours), ...(ours ? {} : { fix: msg.ownHooksFolderFix }) });
  }

  const run = join(loc.stateDir, 'run');
  const cli = join(loc.stateDir, 'pkg', 'dist', 'cli.js');
  if (!existsSync(run) || !state) {
    items.push({ label: 'program', ok: false, detail: `not installed in this clone (${rel(run)} is missing)`, fix: installFix });
  } else {
    const nodeOk = isExecutable(state.node);
    const version = readText(join(loc.stateDir, 'pkg', 'package.json'));
    const cliVersion = version ? (JSON.parse(version) as { version?: string }).version : undefined;
    items.push({
      label: 'program',
      ok: nodeOk && existsSync(cli),
      detail: `${state.node}${nodeOk ? '' : ' (missing: hooks fall back to node on PATH)'} running ${rel(cli)}${existsSync(cli) ? ` (ml-hooks ${cliVersion ?? '?'})` : ' (missing)'}`,
      ...(nodeOk && existsSync(cli) ? {} : { fix: installFix }),
    });
    const project = versionIn(join(loc.top, 'node_modules', 'ml-hooks', 'package.json'));
    const behind = [project !== undefined && project !== cliVersion ? `the project has ${project} (node_modules)` : undefined, cliVersion !== running ? `this command is ${running}` : undefined].filter(Boolean);
    items.push({
      label: 'version',
      ok: behind.length === 0,
      detail: behind.length === 0 ? `hooks run ml-hooks ${cliVersion ?? '?'}` : `hooks run ml-hooks ${cliVersion ?? '?'}, but ${behind.join(' and ')}`,
      ...(behind.length === 0 ? {} : { fix: installFix }),
    });
    const moved = movedFrom(state, loc);
    if (moved) items.push({ label: 'location', ok: true, detail: msg.cloneMovedStatus(moved.top) });
  }

  for (const hook of HOOKS) {
    if (loc.huskyDir) {
      const path = join(loc.huskyDir, hook);
      const ok = (readText(path) ?? '').includes(HUSKY_BEGIN);
      items.push({ label: hook, ok, detail: ok ? `${rel(path)} (husky) runs ml-hooks` : `${rel(path)} (husky) does not run ml-hooks`, ...(ok ? {} : { fix: installFix }) });
      continue;
    }
    const slot = hookSlot(loc.hooksDir, hook);
    const rel0 = rel(slot.path);
    const text = readText(slot.path);
    const ok = slot.stub !== undefined && isExecutable(slot.stub) && isExecutable(slot.path);
    const chainedPath = join(loc.hooksDir, hook) + CHAINED_SUFFIX;
    const chained = existsSync(chainedPath) ? `, then ${rel(chainedPath)}` : '';
    const detail =
      slot.stub === undefined
        ? `${rel0} ${text === undefined ? 'is missing' : 'is not the ml-hooks hook'}`
        : !ok
          ? `${rel(slot.stub)} is not executable`
          : slot.runBy
            ? `${rel0} (${slot.runBy}) runs ${rel(slot.stub)} (ml-hooks)${chained}`
            : `${rel0}${chained}`;
    items.push({ label: hook, ok, detail, ...(ok ? {} : { fix: slot.stub !== undefined ? `chmod +x ${shellQuote(rel(slot.stub))}` : installFix }) });
  }

  if (await lfsInUse(loc, cwd, env)) items.push(lfsItem(loc, env, rel, installFix));

  for (const [key, value] of GIT_CONFIG) {
    const r = await runGit(['config', '--get', key], { cwd, env });
    const current = r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
    items.push({ label: key, ok: current === value, detail: current ?? 'not set', ...(current === value ? {} : { fix: installFix }) });
  }

  const attr = await runGit(['check-attr', 'filter', 'diff', 'merge', '--', 'notebook.ipynb'], { cwd, env });
  const attrText = attr.stdout.toString('utf8');
  const attrOk = ['filter', 'diff', 'merge'].every((a) => attrText.includes(`${a}: ml-hooks`));
  const info = join(loc.commonDir, 'info', 'attributes');
  const infoText = readText(info);
  const override = infoText === undefined ? undefined : takeOverInfoAttributes(infoText);
  items.push({
    label: 'attributes',
    ok: attrOk,
    detail: attrOk
      ? '*.ipynb use filter=ml-hooks diff=ml-hooks merge=ml-hooks'
      : override?.text !== undefined
        ? msg.nbstripoutOverrides(rel(info))
        : override && override.others.length > 0
          ? msg.infoAttributesOverride(rel(info), override.others[0]!)
          : '*.ipynb do not use the ml-hooks filter, diff and merge drivers',
    ...(attrOk ? {} : { fix: override?.text === undefined && override && override.others.length > 0 ? `edit ${rel(info)}` : installFix }),
  });

  const config = await loadSettings(loc.top, env);
  const sources = [...new Set(Object.values(config.origins).map((o) => o.file))];
  items.push({
    label: 'configuration',
    ok: config.errors.length === 0,
    detail: config.errors.length === 0 ? (sources.length > 0 ? `from ${sources.join(', ')}` : 'defaults (no [tool.ml-hooks] or .ml-hooks.json)') : config.errors.join('; '),
    ...(config.errors.length === 0 ? {} : { fix: 'edit the file named above' }),
  });

  // The output store is a choice either way, never broken: how full it is, or that it is off.
  const store = config.outputStore;
  const dir = join(loc.stateDir, OUTPUT_STORE_DIR);
  items.push({
    label: 'output store',
    ok: true,
    detail: store.enabled ? usage(new OutputStore(dir, store.maxSize).stats(), store.maxSize, rel(dir)) : msg.outputStoreOff(describeOrigin(config.origins['output-store.enabled'])),
  });
  return items;
}

const versionIn = (manifest: string): string | undefined => {
  const text = readText(manifest);
  if (text === undefined) return undefined;
  try {
    return (JSON.parse(text) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/** git-lfs is used here: does something upload its objects at push, and are its other hooks there? */
function lfsItem(loc: { hooksDir: string; huskyDir: string | undefined }, env: NodeJS.ProcessEnv, rel: (p: string) => string, installFix: string): StatusItem {
  const onPath = (env.PATH ?? '').split(':').some((dir) => dir !== '' && isExecutable(join(dir, 'git-lfs')));
  if (!onPath) return { label: 'git-lfs', ok: false, detail: msg.lfsMissingStatus, fix: 'install git-lfs (apt-get install git-lfs, brew install git-lfs)' };
  if (loc.huskyDir) {
    const path = join(loc.huskyDir, 'pre-push');
    const ok = runsLfsPrePush(readText(path));
    return { label: 'git-lfs', ok, detail: ok ? `${rel(path)} runs git lfs pre-push` : msg.lfsNotInHusky(rel(path)), ...(ok ? {} : { fix: `echo 'git lfs pre-push "$@"' >> ${rel(path)}` }) };
  }
  const chained = join(loc.hooksDir, 'pre-push') + CHAINED_SUFFIX;
  if (runsLfsPrePush(readText(chained))) return { label: 'git-lfs', ok: true, detail: `${rel(chained)} (git-lfs) runs after the ml-hooks pre-push` };
  return { label: 'git-lfs', ok: false, detail: msg.lfsHooksMissingStatus, fix: installFix };
}

const usage = (stats: OutputStoreStats, limit: number, where: string) => msg.outputStoreUsage(stats.entries, formatSize(stats.bytes), formatSize(limit), where);
