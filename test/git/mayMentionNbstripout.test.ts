// The shortcut that spares `ml-hooks strip` a git process must never miss nbstripout's keys.
import { afterAll, expect, test } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mayMentionNbstripout, readNbstripoutGitConfig } from '../../src/git/readNbstripoutGitConfig.js';
import { makeTempDir } from '../helpers/cli.js';
import { makeRepo } from '../helpers/gitRepo.js';

const home = makeTempDir();
const repo = makeRepo();
afterAll(() => {
  home.cleanup();
  repo.cleanup();
});
const env = { HOME: home.path, GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: join(home.path, 'xdg'), PATH: process.env.PATH };

test('no mention anywhere: git is not asked, and asking would find nothing either', async () => {
  expect(mayMentionNbstripout(repo.path, env)).toBe(false);
  expect(await readNbstripoutGitConfig(repo.path, env)).toEqual({});
});

test('keys in the repository config are found', async () => {
  repo.git('config', 'filter.nbstripout.extrakeys', 'metadata.foo');
  expect(mayMentionNbstripout(join(repo.path), env)).toBe(true);
  expect(await readNbstripoutGitConfig(repo.path, env)).toEqual({ extrakeys: 'metadata.foo' });
  repo.git('config', '--unset', 'filter.nbstripout.extrakeys');
});

test('an include in the global config makes git decide', () => {
  writeFileSync(join(home.path, '.gitconfig'), '[include]\n\tpath = other.gitconfig\n');
  expect(mayMentionNbstripout(repo.path, env)).toBe(true);
  writeFileSync(join(home.path, '.gitconfig'), '');
  mkdirSync(join(home.path, 'xdg', 'git'), { recursive: true });
  writeFileSync(join(home.path, 'xdg', 'git', 'config'), '[filter "nbstripout"]\n\tkeepmetadatakeys = a\n');
  expect(mayMentionNbstripout(repo.path, env)).toBe(true);
});
