// The strip section of the configuration as the strip engine's options. The hook, the git
// filter and `ml-hooks strip` all go through here so they always agree.
import type { StripOptions } from '../notebook/stripOptions.js';
import type { StripConfig } from './mlHooksConfig.js';

export function stripOptionsFromConfig(strip: StripConfig, path = ''): StripOptions {
  return {
    keepCount: strip.keepCount,
    keepOutput: strip.keepOutput,
    keepId: strip.keepId,
    extraKeys: [...strip.extraKeys],
    keepMetadataKeys: [...strip.keepMetadataKeys],
    dropEmptyCells: strip.dropEmptyCells,
    dropTaggedCells: [...strip.dropTaggedCells],
    stripInitCells: strip.stripInitCells,
    maxSize: strip.maxSize,
    keepOutputTypes: [...strip.keepOutputType],
    dropOutputTypes: [...strip.dropOutputType],
    mode: path.endsWith('.zpln') ? 'zeppelin' : 'jupyter',
  };
}
