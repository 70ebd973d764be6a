// Whether a commit that stripping emptied was meant to be empty. git decides that a commit has
// changes before the pre-commit hook runs, so a commit whose only changes the hook strips away
// would be made empty without a word: the hook stops it, unless emptiness is what was asked for.
// git gives hooks no flags; what they can see:
//   - MERGE_HEAD: the commit concludes a merge (it may add nothing to the first parent);
//   - the command line of the `git commit` process above the hook (--amend, --allow-empty),
//     from /proc on Linux or `ps` elsewhere: git runs an alias as a child `git commit …` with the
//     alias expanded, so its flags are there too;
//   - failing that, GIT_AUTHOR_DATE: git exports the author of the commit it makes, and an
//     --amend keeps the amended commit's date.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Repo } from '../git/repo.js';

export interface CommitIntent {
  merge: boolean;
  amend: boolean;
  allowEmpty: boolean;
}

/** Options of `git commit` that take a value as the next word (so that word is no flag). */
const TAKES_VALUE = new Set(['--message', '--file', '--reuse-message', '--reedit-message', '--template', '--author', '--date', '--cleanup', '--fixup', '--squash', '--trailer', '--pathspec-from-file']);
/** Short options taking a value: `-m MSG`, and last in a cluster, `-am MSG`. */
const SHORT_WITH_VALUE = /^-[A-Za-z]*[mFcCt]$/;

/** --amend and --allow-empty among the arguments of `git commit` (pure). */
export function commitFlags(args: readonly string[]): { amend: boolean; allowEmpty: boolean } {
  let amend = false;
  let allowEmpty = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (TAKES_VALUE.has(arg) || SHORT_WITH_VALUE.test(arg)) {
      i++;
      continue;
    }
    // git takes an unambiguous prefix of a long option: --am, --ame, --amen.
    if (arg.length >= 4 && '--amend'.startsWith(arg)) amend = true;
    else if (arg === '--no-amend') amend = false;
    else if (arg === '--allow-empty') allowEmpty = true;
  }
  return { amend, allowEmpty };
}

/** The words after `commit` of the nearest `git … commit …` process above this one, if any. */
export function gitCommitArguments(startPid = process.ppid, readProcess = processInfo): string[] | undefined {
  let pid = startPid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const info = readProcess(pid);
    if (info === undefined) return undefined;
    const program = (info.args[0] ?? '').split(/[\\/]/).pop();
    const at = info.args.indexOf('commit');
    if ((program === 'git' || program === 'git.exe') && at > 0) return info.args.slice(at + 1);
    pid = info.parent;
  }
  return undefined;
}

interface ProcessInfo {
  parent: number;
  args: string[];
}

function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
    // "/proc/PID/stat": "PID (comm) STATE PPID …", where comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { parent, args };
  } catch {
    // no /proc (macOS, BSD): ps prints the parent and the command line, words split on spaces
    const r = spawnSync('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    const m = r.status === 0 ? /^\s*(\d+)\s+(.*)$/.exec(r.stdout.trim()) : null;
    return m ? { parent: Number(m[1]), args: m[2]!.split(/\s+/) } : undefined;
  }
}

/** What the commit being made asked for (see the top of this file). */
export async function readCommitIntent(repo: Repo, env: NodeJS.ProcessEnv): Promise<CommitIntent> {
  const merge = existsSync(join(repo.gitDirs().gitDir, 'MERGE_HEAD'));
  const args = gitCommitArguments();
  if (args !== undefined) return { merge, ...commitFlags(args) };
  return { merge, amend: await keepsHeadAuthorDate(repo, env), allowEmpty: false };
}

/** GIT_AUTHOR_DATE ("@1796149106 +0000") is HEAD's own: the commit replaces HEAD. */
async function keepsHeadAuthorDate(repo: Repo, env: NodeJS.ProcessEnv): Promise<boolean> {
  const given = env.GIT_AUTHOR_DATE;
  if (given === undefined) return false;
  const head = await repo.authorDate('HEAD');
  return head !== undefined && given.replace(/^@/, '') === head;
}
