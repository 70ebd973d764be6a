// Which commits a GitHub Actions run of `ml-hooks check` scans, decided from what GitHub tells the
// job (pure: the command reads the environment and the event file, and asks git which revisions
// this checkout has). Candidates come best first; the first whose revisions all exist is used.
//
// pull_request: GITHUB_SHA is the merge commit GitHub made (what actions/checkout checks out),
//   GITHUB_BASE_REF the target branch, and the event's pull_request.base.sha its tip.
// push: the event's before..after ("before" is all zeros for a new branch), GITHUB_SHA = after.

export interface GithubRun {
  eventName: string | undefined; // GITHUB_EVENT_NAME
  sha: string | undefined; // GITHUB_SHA
  ref: string | undefined; // GITHUB_REF, e.g. refs/heads/main
  baseRef: string | undefined; // GITHUB_BASE_REF, pull requests only
  /** The parsed GITHUB_EVENT_PATH file (the webhook payload), {} when there is none. */
  event: GithubEvent;
}

export interface GithubEvent {
  before?: unknown;
  after?: unknown;
  pull_request?: { number?: unknown; base?: { sha?: unknown; ref?: unknown } };
  repository?: { default_branch?: unknown };
}

export interface HistoryCandidate {
  /** The argument of `ml-hooks check --history`. */
  range: string;
  /** Revisions the checkout must have for the range to mean what it says. */
  needs: string[];
  /** What the range is, for the log: "the commits of pull request #12". */
  what: string;
}

const NO_COMMIT = /^0+$/;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function githubHistoryCandidates(run: GithubRun): HistoryCandidate[] {
  const sha = text(run.sha);
  if (sha === undefined) return [];
  const { event } = run;
  if (run.eventName === 'pull_request' || run.eventName === 'pull_request_target') {
    const number = event.pull_request?.number;
    const what = `the commits of pull request${typeof number === 'number' ? ` #${number}` : ''}`;
    const baseSha = text(event.pull_request?.base?.sha);
    const baseRef = text(run.baseRef) ?? text(event.pull_request?.base?.ref);
    return [
      ...(baseSha ? [{ range: `${baseSha}..${sha}`, needs: [baseSha, sha], what }] : []),
      ...(baseRef ? [{ range: `origin/${baseRef}..${sha}`, needs: [`origin/${baseRef}`, sha], what }] : []),
    ];
  }
  if (run.eventName === 'push') {
    const after = text(event.after) ?? sha;
    const before = text(event.before);
    const branch = run.ref?.startsWith('refs/heads/') ? run.ref.slice('refs/heads/'.length) : undefined;
    const defaultBranch = text(event.repository?.default_branch);
    if (before !== undefined && !NO_COMMIT.test(before)) return [{ range: `${before}..${after}`, needs: [before, after], what: 'the pushed commits' }];
    // A new branch: what it adds to the default branch; the default branch itself, pushed for the
    // first time, brings its whole history.
    if (defaultBranch !== undefined && branch !== defaultBranch) {
      return [{ range: `origin/${defaultBranch}..${after}`, needs: [`origin/${defaultBranch}`, after], what: `the commits of the new branch ${branch ?? run.ref ?? ''}`.trimEnd() }];
    }
    return [{ range: after, needs: [after], what: `every commit of ${branch ?? 'the pushed branch'} (its first push)` }];
  }
  return [];
}
