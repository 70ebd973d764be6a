// The lifecycle scenarios as jest tests for one store mode. Two test files (store on, store off)
// share them, so jest runs the modes side by side. A scenario with a known failure runs as
// test.failing: it is reported, and turns red the day it passes (then drop the mark).
import { afterAll, afterEach, describe, test } from '@jest/globals';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { makeWorld, removeWorldTemplates, type StoreMode, type World } from './world.js';

export function defineLifecycleSuite(mode: StoreMode): void {
  let world: World | undefined;
  afterEach(() => {
    world?.cleanup();
    world = undefined;
  });
  afterAll(removeWorldTemplates);
  const run = (scenario: Scenario) => async () => {
    world = makeWorld(mode, scenario.world);
    await scenario.run(world);
  };
  describe(`lifecycle, ${mode.name}`, () => {
    for (const scenario of SCENARIOS) {
      if (scenario.knownFailure) test.failing(`${scenario.name} [known failure: ${scenario.knownFailure}]`, run(scenario));
      else test(scenario.name, run(scenario));
    }
  });
}
