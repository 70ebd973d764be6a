// `ml-hooks check` over a repository: every rule the hooks apply, without changing anything.
// Reading happens here; the decisions are the pure functions of each engine.
import { join } from 'node:path';
import type { Repo } from '../git/repo.js';
import { fsPath } from '../fs/bytePaths.js';
import { readTextFile, UnreadableFileError } from '../fs/readTextFile.js';
import { isSymbolicLink } from '../fs/isSymbolicLink.js';
import { checkNotebook, checkNotebookConflicts, checkScriptConflicts } from '../check/checkNotebooks.js';
import { conflictScopes } from '../git/conflictScopes.js';
import { mayHoldMarkers } from '../merge/findConflicts.js';
import type { CheckReport, Finding } from '../check/finding.js';
import type { Settings } from '../config/settings.js';
import { checkWorkingFiles } from './checkWorkingFiles.js';
import { detectRepoStorage } from './detectRepoStorage.js';
import { stripNotebookBytes } from '../guard/measureNotebook.js';
import { scanHistory } from './scanPush.js';
import { findPair, type Pair } from '../pairing/findPair.js';
import { checkPairInSync } from '../check/checkPairInSync.js';
import { pathsTheFilterCleans } from './filteredIndexBlobs.js';
import * as msg from '../messages/check.js';
import * as pairingMsg from '../messages/pairing.js';

/**
 * Where check takes quotes from: HEAD's parent. Against HEAD itself, markers committed past the
 * hook (--no-verify) would read as quotes of themselves, and CI would pass them; a quote added in
 * the last commit is reported once (the hook asked for --no-verify for it too).
 */
const QUOTES_FROM = 'HEAD^';

export interface CheckRequest {
  repo: Repo;
  settings: Settings;
  /** Pathspecs relative to the root (all files when empty). */
  pathspecs: string[];
  /** A rev-list range such as `origin/main..HEAD`, to scan the commits in it. */
  history?: string;
  progress?: (done: number, total: number) => void;
}

export async function checkRepository(request: CheckRequest): Promise<CheckReport> {
  const { repo, settings } = request;
  const root = repo.root;
  const files = await repo.workingTreeFiles(request.pathspecs);
  const isNotebook = settings.isNotebook;
  const optionsFor = (path: string) => settings.stripOptionsFor(path);
  const findings: Finding[] = [];
  const texts = new Map<string, string | undefined>();
  const readText = (path: string): string | undefined => {
    if (!texts.has(path)) {
      try {
        texts.set(path, readTextFile(fsPath(join(root, path))));
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) throw error;
        texts.set(path, undefined);
      }
    }
    return texts.get(path);
  };

  // Symbolic links are left alone, as the commit hook leaves them (the file a link points to is
  // checked under its own name).
  const isLink = (path: string): boolean => isSymbolicLink(fsPath(join(root, path)));
  // Notebooks that are not stripped, cannot be read, or hold merge conflicts.
  const notebooks = files.filter((path) => isNotebook(path) && !isLink(path));
  const opened = notebooks.map((path, i): { path: string; text: string } | Finding | undefined => {
    request.progress?.(i, notebooks.length);
    try {
      const text = readTextFile(fsPath(join(root, path)));
      texts.set(path, text);
      return { path, text };
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      return error.reason !== 'file not found' ? { kind: 'invalid-notebook', path, ...msg.notebookUnreadable(path, error.reason) } : undefined;
    }
  });
  const scope = await conflictScopes(repo, [...texts].filter(([, text]) => text !== undefined && mayHoldMarkers(text)).map(([path]) => path), QUOTES_FROM);
  for (const file of opened) {
    if (file === undefined || 'kind' in file) {
      if (file) findings.push(file);
      continue;
    }
    const finding = checkNotebook(file, optionsFor(file.path));
    if (finding) findings.push(finding);
    const conflicts = checkNotebookConflicts(file, scope(file.path));
    if (conflicts) findings.push(conflicts);
  }
  request.progress?.(notebooks.length, notebooks.length);
  await judgeByWhatTheFilterStores(repo, findings, (path, text) => stripNotebookBytes(Buffer.from(text, 'utf8'), path, optionsFor(path)));

  // Pairs whose script and notebook disagree.
  const pairs = new Map<string, Pair>();
  const notices = new Set<string>();
  for (const path of files) {
    const pair = findPair(path, readText, settings.pairing, (s) => notices.add(pairingMsg.formatNotSupported(s.path, s.format, s.declaredIn, s.invalid).trimEnd()));
    if (pair && !pairs.has(pair.notebook)) pairs.set(pair.notebook, pair);
  }
  const inSight = [...pairs.values()].filter((pair) => !isLink(pair.notebook) && !isLink(pair.script));
  const scriptScope = await conflictScopes(repo, inSight.filter((pair) => mayHoldMarkers(readText(pair.script) ?? '')).flatMap((pair) => [pair.script, pair.notebook]), QUOTES_FROM);
  for (const pair of inSight) {
    // A script git's merge left markers in is reported as such, not as out of sync.
    const finding = checkScriptConflicts(pair, readText(pair.script), scriptScope(pair.script, pair.notebook)) ?? checkPairInSync(pair, readText(pair.notebook), readText(pair.script));
    if (finding) findings.push(finding);
  }

  // Files over the size limits, notebooks measured as they would be committed.
  const policy = settings.guard;
  const sizes = checkWorkingFiles(root, files, policy, (path, bytes) => {
    const stripped = stripNotebookBytes(bytes, path, optionsFor(path));
    return stripped === undefined ? undefined : Buffer.byteLength(stripped, 'utf8');
  });
  const storage = detectRepoStorage(root);
  for (const file of sizes.oversized) findings.push({ kind: 'file-too-large', path: file.path, ...msg.fileTooLarge(file, storage) });

  let checked = files.length;
  if (request.history !== undefined) {
    const scan = await scanHistory(repo, [request.history], [], { policy, strip: (bytes, path) => stripNotebookBytes(bytes, path, optionsFor(path)) });
    checked += scan.scanned;
    for (const file of scan.oversized) findings.push({ kind: 'history-file-too-large', path: file.path, ...(file.commit ? { commit: file.commit } : {}), ...msg.historyFileTooLarge(file) });
    for (const nb of scan.unstripped) findings.push({ kind: 'history-unstripped-notebook', path: nb.path, ...(nb.commit ? { commit: nb.commit } : {}), ...msg.historyUnstripped(nb) });
  }
  return { findings, checked, notices: [...notices] };
}

/**
 * With this clone's clean filter, a working notebook is judged by what git stores from it, the
 * filter's output (the notebook stripped in memory with its settings): `git add` commits it
 * stripped whether it is new, edited or unchanged, and the file keeps its outputs on purpose. So
 * it is no finding, unless its index entry holds outputs (staged while the filter was off: with
 * ML_HOOKS=0, or in another clone), which `git add --renormalize` restages stripped.
 */
async function judgeByWhatTheFilterStores(repo: Repo, findings: Finding[], stripped: (path: string, text: string) => string | undefined): Promise<void> {
  const flagged = findings.filter((f) => f.kind === 'unstripped-notebook').map((f) => f.path);
  const filtered = await pathsTheFilterCleans(repo, flagged);
  if (filtered.size === 0) return;
  const blobs = await repo.readBlobs([...filtered].map((p) => `:${p}`));
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i]!;
    if (f.kind !== 'unstripped-notebook' || !filtered.has(f.path)) continue;
    const staged = blobs.get(`:${f.path}`);
    const stagedText = staged?.toString('utf8');
    if (stagedText === undefined || stripped(f.path, stagedText) === stagedText) findings.splice(i, 1);
    else findings[i] = { kind: 'unstripped-notebook', path: f.path, ...msg.stagedWithOutputs(f.path) };
  }
}
