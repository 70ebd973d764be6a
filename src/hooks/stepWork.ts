// Everything a hook step loads only once it has found work, behind ONE dynamic import. Every
// commit pays for start-up and node loads each module file on its own (about a millisecond
// each): with one lazy module, the hook's bundle (dist/hook/hook.js) splits into the entry, one
// chunk it shares with this module, and this module; a commit with nothing to do loads two files.
export { stripNotebookText } from '../notebook/strip.js';
export { NotebookError } from '../notebook/errors.js';
export { findConflictsInText, mayHoldMarkers } from '../merge/findConflicts.js';
export { findTextConflicts } from '../merge/findTextConflicts.js';
export { conflictScopes } from '../git/conflictScopes.js';
export { unresolvedConflicts, unresolvedScriptConflicts, conflictsBlockCommit } from '../messages/merge.js';
export { stripNotebookBytes } from '../guard/measureNotebook.js';
export { runGuardPreCommit, runGuardPrePush } from '../scan/runGuard.js';
export { declaredWhere, findPair, type Pair } from '../pairing/findPair.js';
export { planStagedPairs, type StagedPairJob, type StagedPairsPlan } from '../pairing/planStagedPairs.js';
export { formatNotSupported, pairLeftAlone } from '../messages/pairing.js';
export { readCommitIntent } from './readCommitIntent.js';
export { holdsText, writeIfChanged } from '../fs/writeIfChanged.js';
export { prepareFileAtomic } from '../fs/writeFileAtomic.js';
export { openOutputStore } from '../store/openOutputStore.js';
