// Why a notebook goes through the full parse rather than the byte-level strip. Shown only when the
// full parse cannot run either (a file too large to hold in memory), after the size.
export const zeppelin = 'Zeppelin notebooks are always parsed whole';
export const option = (flag: string): string => `${flag} needs the contents of the outputs`;
export const notUtf8 = 'it is not valid UTF-8';
export const notJson = 'it is not valid JSON';
export const notNotebookObject = 'its top level is not a JSON object';
export const version = 'it is not an nbformat 4 notebook';
export const keepsOutputs =
  'a cell keeps its outputs (`keep_output` or `init_cell` in its metadata or tags, or `metadata.keep_output` in the notebook)';
export const duplicateKey = (key: string): string => `the key ${JSON.stringify(key)} appears twice in one object`;
export const dottedCellKey = (key: string): string => `a cell has the key ${JSON.stringify(key)}`;
export const deep = 'it is nested too deeply';
