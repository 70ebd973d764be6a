// The lifecycle scenarios as jest tests for one store mode. Two test files (store on, store off)
// share them, so jest runs the modes side by side.
import { afterEach, describe, test } from '@jest/globals';
import { SCENARIOS } from './scenarios.js';
import { makeWorld, type StoreMode, type World } from './world.js';

export function defineLifecycleSuite(mode: StoreMode): void {
  let world: World | undefined;
  afterEach(() => {
    world?.cleanup();
    world = undefined;
  });
  describe(`lifecycle, ${mode.name}`, () => {
    test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
      world = makeWorld(mode, scenario.world);
      await scenario.run(world);
    });
  });
}
