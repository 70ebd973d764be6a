// The README's first command: `npm run demo` must run end to end on a fresh clone and show
// stripping, pairing and the guard at work (this runs the same script, on the built CLI).
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

test('the demo runs and shows every capability at work', () => {
  const r = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'demo.sh')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stderr + r.stdout).not.toMatch(/unexpected:/);
  expect(r.status).toBe(0);
  const out = r.stdout + r.stderr;
  expect(out).toMatch(/stored train\.ipynb: \d{3} bytes; on disk still \d{5} bytes/); // stripped in git, outputs kept
  expect(out).toContain('# %%\nfor epoch in (1, 2):'); // the paired script
  expect(out).toContain('"    train(epoch, lr=0.01)"'); // script edit flowed into the notebook
  expect(out).toMatch(/commit blocked: 1 staged file over the size limit[\s\S]*git lfs track "\*\.pt"/);
  expect(out).toMatch(/push to origin blocked[\s\S]*git lfs migrate import/);
  expect(out).toMatch(/pushed: 2 commits/);
  expect(out).toContain('nothing to fix');
});
