// `ml-hooks check` over a repository: every rule the hooks apply, without changing anything.
// Reading happens here; the decisions are the pure functions of each engine.
import { join } from 'node:path';
import { listWorkingTreeFiles } from '../git/listWorkingTreeFiles.js';
import { git, runGit, splitZ } from '../git/runGit.js';
import { readTextFile, UnreadableFileError } from '../fs/readTextFile.js';
import { checkNotebook, checkNotebookConflicts } from './checkNotebooks.js';
import type { CheckReport, Finding } from './finding.js';
import type { ConfigResult } from '../config/validateConfig.js';
import { stripOptionsFromConfig } from '../config/stripOptionsFromConfig.js';
import { makePathMatcher } from '../config/makePathMatcher.js';
import { guardPolicyFromConfig } from '../guard/guardPolicyFromConfig.js';
import { checkWorkingFiles } from '../guard/checkWorkingFiles.js';
import { detectRepoStorage } from '../guard/detectRepoStorage.js';
import { stripNotebookBytes } from '../guard/measureNotebook.js';
import { scanHistory } from '../guard/scanPush.js';
import { findPair, type Pair } from '../pairing/findPair.js';
import { readPairConfig } from '../pairing/pairConfig.js';
import { pairConfigWith } from '../pairing/loadPairConfig.js';
import { checkPairInSync } from '../pairing/checkPairInSync.js';
import * as msg from '../messages/check.js';

export interface CheckRequest {
  root: string;
  /** Pathspecs relative to the root (all files when empty). */
  pathspecs: string[];
  /** A rev-list range such as `origin/main..HEAD`, to scan the commits in it. */
  history?: string;
  configResult: ConfigResult;
  env?: NodeJS.ProcessEnv;
  progress?: (done: number, total: number) => void;
}

export async function checkRepository(request: CheckRequest): Promise<CheckReport> {
  const { root, configResult, env } = request;
  const { config, origins } = configResult;
  const files = await listWorkingTreeFiles(root, request.pathspecs);
  const isNotebook = await makePathMatcher(config.notebooks, config.exclude);
  const optionsFor = (path: string) => stripOptionsFromConfig(config.strip, path);
  const findings: Finding[] = [];
  const texts = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => {
    if (!texts.has(path)) {
      try {
        texts.set(path, readTextFile(join(root, path)));
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) throw error;
        texts.set(path, undefined);
      }
    }
    return texts.get(path);
  };

  // Notebooks that are not stripped, cannot be read, or hold merge conflicts.
  const notebooks = files.filter((path) => isNotebook(path));
  notebooks.forEach((path, i) => {
    request.progress?.(i, notebooks.length);
    let text: string;
    try {
      text = readTextFile(join(root, path));
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      if (error.reason !== 'file not found') findings.push({ kind: 'invalid-notebook', path, ...msg.notebookUnreadable(path, error.reason) });
      return;
    }
    texts.set(path, text);
    const finding = checkNotebook({ path, text }, optionsFor(path));
    if (finding) findings.push(finding);
    const conflicts = checkNotebookConflicts({ path, text });
    if (conflicts) findings.push(conflicts);
  });
  request.progress?.(notebooks.length, notebooks.length);
  await dropNotebooksTheFilterCleans(root, findings, env);

  // Pairs whose script and notebook disagree.
  const pairConfig = pairConfigWith(readPairConfig(root), configResult);
  const pairs = new Map<string, Pair>();
  for (const path of files) {
    const pair = findPair(path, read, pairConfig);
    if (pair && !pairs.has(pair.notebook)) pairs.set(pair.notebook, pair);
  }
  for (const pair of pairs.values()) {
    const finding = checkPairInSync(pair, read(pair.notebook), read(pair.script));
    if (finding) findings.push(finding);
  }

  // Files over the size limits, notebooks measured as they would be committed.
  const policy = guardPolicyFromConfig(config, origins);
  const sizes = checkWorkingFiles(root, files, policy, (path, bytes) => {
    const stripped = stripNotebookBytes(bytes, path, optionsFor(path));
    return stripped === undefined ? undefined : Buffer.byteLength(stripped, 'utf8');
  });
  const storage = detectRepoStorage(root);
  for (const file of sizes.oversized) findings.push({ kind: 'file-too-large', path: file.path, ...msg.fileTooLarge(file, storage) });

  let checked = files.length;
  if (request.history !== undefined) {
    const scan = await scanHistory(root, [request.history], [], { policy, env, strip: (bytes, path) => stripNotebookBytes(bytes, path, optionsFor(path)) });
    checked += scan.scanned;
    for (const file of scan.oversized) findings.push({ kind: 'history-file-too-large', path: file.path, ...(file.commit ? { commit: file.commit } : {}), ...msg.historyFileTooLarge(file) });
    for (const nb of scan.unstripped) findings.push({ kind: 'history-unstripped-notebook', path: nb.path, ...(nb.commit ? { commit: nb.commit } : {}), ...msg.historyUnstripped(nb) });
  }
  return { findings, checked };
}

/**
 * With ml-hooks' clean filter installed, a working notebook keeps its outputs on purpose: git
 * stores it stripped. Such a notebook is fine when it is tracked and git sees no difference
 * between it (cleaned) and the index. A CI checkout has no outputs, so this only spares people
 * running the check in their own clone.
 */
async function dropNotebooksTheFilterCleans(root: string, findings: Finding[], env?: NodeJS.ProcessEnv): Promise<void> {
  const flagged = findings.filter((f) => f.kind === 'unstripped-notebook').map((f) => f.path);
  if (flagged.length === 0) return;
  const process = await runGit(['config', '--get', 'filter.ml-hooks.process'], { cwd: root, env });
  if (process.code !== 0) return;
  const literal = flagged.map((p) => `:(literal)${p}`);
  // `git check-attr -z` prints path NUL attribute NUL value NUL for each path.
  const attrs = splitZ(await git(['check-attr', '-z', 'filter', '--', ...flagged], { cwd: root, env }));
  const filtered = new Set<string>();
  for (let i = 0; i + 2 < attrs.length; i += 3) if (attrs[i + 2] === 'ml-hooks') filtered.add(attrs[i]!);
  if (filtered.size === 0) return;
  const tracked = new Set(splitZ(await git(['ls-files', '-z', '--', ...literal], { cwd: root, env })));
  const differing = new Set(splitZ(await git(['diff', '--name-only', '-z', '--', ...literal], { cwd: root, env })));
  const clean = new Set([...filtered].filter((p) => tracked.has(p) && !differing.has(p)));
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i]!;
    if (f.kind === 'unstripped-notebook' && clean.has(f.path)) findings.splice(i, 1);
  }
}
