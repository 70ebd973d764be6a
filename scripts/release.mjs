// `npm run release`: tags this commit as release v<version> for the pre-commit framework and the
// GitHub Action. Both run ml-hooks from a clone of this repository at the tag, with no build step,
// so the tagged commit must hold the bundled CLI (dist/, which the branch never tracks):
//
//   HEAD ── merge "Release vX" (HEAD's tree: dist/ stays out of the branch) ── the branch
//     └── release commit = HEAD's tree + dist/  ← tag vX
//
// The merge makes the tag reachable from the branch, so `pre-commit autoupdate` (which runs
// `git describe --tags` on the default branch) finds it. Nothing in the working tree or the
// index changes. Then: `git push origin HEAD vX` and `npm publish`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function git(args, env = {}) {
  const r = spawnSync('git', args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) fail(`git ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

function fail(text) {
  process.stderr.write(`release: ${text}\n`);
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tag = `v${version}`;
if (git(['status', '--porcelain', '--untracked-files=normal']) !== '') fail('the working tree has changes: commit or stash them first, so the release is exactly a commit.');
if (spawnSync('git', ['rev-parse', '--verify', '-q', `refs/tags/${tag}`], { cwd: root }).status === 0) fail(`${tag} exists already: bump "version" in package.json (and src/cli/version.ts) first.`);

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed.');

const head = git(['rev-parse', 'HEAD']);
const branch = spawnSync('git', ['symbolic-ref', '-q', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
// The release tree: HEAD's, plus dist/ (ignored by .gitignore, hence -f), built in a private index.
const scratch = mkdtempSync(join(tmpdir(), 'ml-hooks-release-'));
let tree;
try {
  const index = { GIT_INDEX_FILE: join(scratch, 'index') };
  git(['read-tree', 'HEAD'], index);
  git(['add', '-f', '--', 'dist'], index);
  tree = git(['write-tree'], index);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const release = git(['commit-tree', tree, '-p', head, '-m', `Release ${tag}: the built CLI in dist/, run by the pre-commit hooks and the GitHub Action`]);
git(['tag', '-a', tag, '-m', `ml-hooks ${version}`, release]);
const merge = git(['commit-tree', `${head}^{tree}`, '-p', head, '-p', release, '-m', `Release ${tag} (tagged commit with dist/; the branch keeps not tracking it)`]);
git(['update-ref', '-m', `release ${tag}`, branch || 'HEAD', merge, head]);

process.stdout.write(
  `Tagged ${tag} at ${release.slice(0, 12)} (this commit with dist/), merged into ${branch.replace('refs/heads/', '') || 'HEAD'}.\n` +
    `Publish it:\n  git push origin HEAD ${tag}\n  npm publish\n`,
);
