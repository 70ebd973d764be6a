// Node's heavier built-in modules (crypto, zlib) take milliseconds to load, and every commit
// pays for what the hook loads: these are required on first use instead of imported.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const zlib = (): typeof import('node:zlib') => require('node:zlib') as typeof import('node:zlib');
export const crypto = (): typeof import('node:crypto') => require('node:crypto') as typeof import('node:crypto');
