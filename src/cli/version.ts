// Kept in sync with package.json by test/version.test.ts; a literal keeps start-up free of file reads.
export const VERSION = '0.1.0';
