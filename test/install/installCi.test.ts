// `ml-hooks install --ci` writes the CI templates where none exist and prints them otherwise.
import { afterEach, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeRepo, type TestRepo } from '../helpers/gitRepo.js';
import { VERSION } from '../../src/cli/version.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

test('writes the GitHub workflow and the pre-commit config, pinned to this version', () => {
  repo = makeRepo();
  const r = runCli(['install', '--ci'], { cwd: repo.path });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('wrote .github/workflows/ml-hooks.yml');
  const workflow = readFileSync(join(repo.path, '.github/workflows/ml-hooks.yml'), 'utf8');
  expect(workflow).toContain(`uses: ml-hooks/ml-hooks@v${VERSION}`);
  expect(workflow).not.toContain('__VERSION__');
  const precommit = readFileSync(join(repo.path, '.pre-commit-config.yaml'), 'utf8');
  expect(precommit).toContain(`rev: v${VERSION}`);
  expect(precommit).toContain('id: ml-hooks-strip');
});

test('an existing file is left alone and the snippet printed; running twice changes nothing', () => {
  repo = makeRepo();
  const mine = 'repos:\n  - repo: local\n    hooks: []\n';
  repo.write('.pre-commit-config.yaml', mine);
  const first = runCli(['install', '--ci'], { cwd: repo.path });
  expect(first.status).toBe(0);
  expect(readFileSync(join(repo.path, '.pre-commit-config.yaml'), 'utf8')).toBe(mine);
  expect(first.stdout).toMatch(/\.pre-commit-config\.yaml exists, so it was left alone; add this to it:[\s\S]*id: ml-hooks-strip/);
  const workflow = readFileSync(join(repo.path, '.github/workflows/ml-hooks.yml'), 'utf8');
  const second = runCli(['install', '--ci'], { cwd: repo.path });
  expect(second.status).toBe(0);
  expect(second.stdout).toMatch(/ml-hooks\.yml exists, so it was left alone/);
  expect(readFileSync(join(repo.path, '.github/workflows/ml-hooks.yml'), 'utf8')).toBe(workflow);
});
