// The options of the strip engine. Names follow nbstripout's flags (camel-cased) so that the
// CLI, the configuration file, the git filter and the hooks all speak the same language.

export interface StripOptions {
  /** `--keep-count`: keep execution counts. */
  keepCount: boolean;
  /** `--keep-output`: keep outputs by default (cell and tag settings still win). */
  keepOutput: boolean;
  /** `--keep-id`: keep cell ids instead of renumbering them "0", "1", … */
  keepId: boolean;
  /** `--extra-keys`: more `metadata.*` / `cell.metadata.*` keys to remove. */
  extraKeys: string[];
  /** `--keep-metadata-keys`: keys to take off the strip list (exact match). */
  keepMetadataKeys: string[];
  /** `--drop-empty-cells`: remove cells whose source is only whitespace. */
  dropEmptyCells: boolean;
  /** `--drop-tagged-cells`: remove cells carrying any of these tags. */
  dropTaggedCells: string[];
  /** `--strip-init-cells`: strip outputs of `init_cell` cells too. */
  stripInitCells: boolean;
  /** `--max-size`: keep an output whose summed text length is at most this (bytes, decimal units). */
  maxSize: number | undefined;
  /** `--keep-output-type`: keep only outputs matching `type[:name]`. */
  keepOutputTypes: string[];
  /** `--drop-output-type`: remove outputs matching `type[:name]` from what was kept. */
  dropOutputTypes: string[];
  /** `--mode`: `jupyter` (.ipynb) or `zeppelin` (.zpln). */
  mode: 'jupyter' | 'zeppelin';
}

export const DEFAULT_STRIP_OPTIONS: Readonly<StripOptions> = Object.freeze({
  keepCount: false,
  keepOutput: false,
  keepId: false,
  extraKeys: [],
  keepMetadataKeys: [],
  dropEmptyCells: false,
  dropTaggedCells: [],
  stripInitCells: false,
  maxSize: undefined,
  keepOutputTypes: [],
  dropOutputTypes: [],
  mode: 'jupyter',
});
