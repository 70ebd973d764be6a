// User-facing text of `ml-hooks github-action` (the GitHub Action's entry, action.yml).

export const githubActionHelp = `Usage: ml-hooks github-action

The entry of the ml-hooks GitHub Action (action.yml in the ml-hooks repository). Runs
\`ml-hooks check --format github\` on the working tree and on the commits the run is about,
found from what GitHub sets: for a pull request, base..GITHUB_SHA (the event's
pull_request.base.sha, else origin/GITHUB_BASE_REF); for a push, the event's before..after
(a new branch: what it adds to the default branch). Problems become annotations on the lines.

The action's input \`paths\` (INPUT_PATHS, space separated) limits the working-tree check.
The commits must be in the checkout: actions/checkout with fetch-depth: 0.

Exit status: 0 nothing to fix; 1 problems found; 2 bad configuration.
`;

export const checking = (what: string, range: string): string => `ml-hooks: checking the working tree and ${what} (${range})\n`;
export const workingTreeOnly = (eventName: string): string => `ml-hooks: checking the working tree (a ${eventName} run has no pushed commits to scan)\n`;
/** A workflow command: shown as a warning on the run's summary page. */
export const historyNotInCheckout = (range: string): string =>
  `::warning title=ml-hooks::The commits ${range} are not in this checkout, so only the working tree was checked. Fix: set fetch-depth: 0 on actions/checkout.\n`;
export const unreadableEvent = (path: string, reason: string): string => `::warning title=ml-hooks::Could not read the event file ${path} (${reason}), so only the working tree was checked.\n`;
