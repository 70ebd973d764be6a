// Imported first by an entry: on a node older than `engines` it says so in one line and ends
// the process (src/cli/refuseOldNode.ts) before any other module's code runs.
import { nodeTooOld } from './version.js';
import { refuseOldNode } from './refuseOldNode.js';

if (nodeTooOld(process.versions.node)) await refuseOldNode(process.argv.slice(2));
