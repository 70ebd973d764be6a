import { crypto } from '../fs/lazyBuiltin.js';

/** The id git gives `content` as a blob in a SHA-1 repository: sha1("blob <size>\0" + content). */
export function blobId(content: Uint8Array): string {
  return crypto().createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
