// Kept in sync with package.json by test/version.test.ts; a literal keeps start-up free of file reads.
export const VERSION = '0.1.0';
/** The oldest node major `engines` allows (package.json: ">=20"). */
export const MIN_NODE_MAJOR = 20;

/** Whether a node version (process.versions.node) is older than `engines` allows. */
export const nodeTooOld = (version: string): boolean => Number.parseInt(version, 10) < MIN_NODE_MAJOR;
