// The strip section of the configuration as the strip engine's options. The hook, the git
// filter and `ml-hooks strip` all go through here so they always agree.
import type { StripOptions } from '../notebook/stripOptions.js';
import type { StripConfig } from './mlHooksConfig.js';

export function stripOptionsFromConfig(strip: StripConfig, path = ''): StripOptions {
  // Lists are copied: options are handed to code that may extend them with command-line flags.
  return {
    ...strip,
    extraKeys: [...strip.extraKeys],
    keepMetadataKeys: [...strip.keepMetadataKeys],
    dropTaggedCells: [...strip.dropTaggedCells],
    keepOutputTypes: [...strip.keepOutputTypes],
    dropOutputTypes: [...strip.dropOutputTypes],
    mode: path.endsWith('.zpln') ? 'zeppelin' : 'jupyter',
  };
}
