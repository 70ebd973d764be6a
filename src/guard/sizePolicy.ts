// The size policy: which blobs may be committed. Pure: the caller measures, this decides.
import { DEFAULT_CONFIG_FILE, type ConfigFileInUse } from '../config/mlHooksConfig.js';

/** Where a setting came from, for messages ("set in pyproject.toml [tool.ml-hooks.guard]"). */
export interface SettingSource {
  /** The config file, relative to the repository root; undefined for the built-in default. */
  file: string | undefined;
  /** The key as written in the file, e.g. `max-binary-size`. */
  key: string;
  /** Where the key sits, as the config loader labels it, e.g. `[tool.ml-hooks.guard] max-binary-size`. */
  label?: string;
  /** For a default: the file where the user would change it. */
  changeIn?: ConfigFileInUse;
}

export interface Limit {
  bytes: number;
  source: SettingSource;
}

export type UnstrippedNotebooks = 'block' | 'warn' | 'off';

export interface GuardPolicy {
  /** Files with a NUL byte in their first 8000 bytes (git's own binary test). */
  maxBinarySize: Limit;
  /** Any file. */
  maxFileSize: Limit;
  /** Paths never blocked (`guard.allow`, compiled by src/config/pathRules.ts). */
  isAllowed: (path: string) => boolean;
  /** Notebooks (`notebooks` minus `exclude`): measured after stripping, checked for stripping at push. */
  isNotebook: (path: string) => boolean;
  /** What an unstripped notebook in a pushed commit does. */
  unstrippedNotebooks: UnstrippedNotebooks;
  /** The configuration file the messages name, with its syntax. */
  configFile: ConfigFileInUse;
}

export const DEFAULT_MAX_BINARY_SIZE = 1_000_000;
export const DEFAULT_MAX_FILE_SIZE = 10_000_000;

export const DEFAULT_GUARD_POLICY: Readonly<GuardPolicy> = Object.freeze({
  maxBinarySize: { bytes: DEFAULT_MAX_BINARY_SIZE, source: { file: undefined, key: 'max-binary-size' } },
  maxFileSize: { bytes: DEFAULT_MAX_FILE_SIZE, source: { file: undefined, key: 'max-file-size' } },
  isAllowed: () => false,
  isNotebook: (path: string) => path.endsWith('.ipynb'),
  unstrippedNotebooks: 'block' as const,
  configFile: DEFAULT_CONFIG_FILE,
});

/** git decides "binary" by a NUL byte in the first 8000 bytes (xdiff's buffer_is_binary). */
export const BINARY_SNIFF_BYTES = 8000;

/** The git-lfs spec: a pointer file is under 1024 bytes and starts with this line. */
export const LFS_POINTER_MAX_SIZE = 1024;
const LFS_VERSION_LINE = 'version https://git-lfs.github.com/spec/v1\n';

export function isBinaryContent(head: Uint8Array): boolean {
  const n = Math.min(head.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

/** A real LFS pointer: small, the spec's version line first, then an oid and a size. */
export function isLfsPointer(head: Uint8Array, size: number): boolean {
  if (size >= LFS_POINTER_MAX_SIZE || head.length < size) return false;
  const text = Buffer.from(head.subarray(0, size)).toString('latin1');
  return text.startsWith(LFS_VERSION_LINE) && /\noid sha256:[0-9a-f]{64}\n/.test(text) && /\nsize [0-9]+\n/.test(text);
}

/** What a blob is, as measured by the caller. */
export interface BlobFacts {
  path: string;
  /** The blob's size in bytes. */
  size: number;
  /** Its first bytes (up to BINARY_SNIFF_BYTES), when `needsHead` asked for them. */
  head?: Uint8Array;
  /** For notebooks: the size after stripping (what the hook would commit). */
  measuredSize?: number;
}

export type Verdict =
  | { ok: true; reason: 'under-limit' | 'allowed' | 'lfs-pointer' }
  | { ok: false; size: number; binary: boolean | undefined; limit: Limit; limitKind: 'binary' | 'file' };

/**
 * Whether deciding about a blob of this size needs its first bytes: to tell binary from text
 * between the two limits, or to recognise an LFS pointer when the limits are tiny.
 */
export function needsHead(size: number, policy: GuardPolicy): boolean {
  const lower = Math.min(policy.maxBinarySize.bytes, policy.maxFileSize.bytes);
  if (size <= lower) return false;
  return size <= policy.maxFileSize.bytes || size < LFS_POINTER_MAX_SIZE;
}

export function judgeBlob(blob: BlobFacts, policy: GuardPolicy): Verdict {
  const size = blob.measuredSize ?? blob.size;
  const head = blob.head;
  if (size <= Math.min(policy.maxBinarySize.bytes, policy.maxFileSize.bytes)) return { ok: true, reason: 'under-limit' };
  if (policy.isAllowed(blob.path)) return { ok: true, reason: 'allowed' };
  if (head !== undefined && isLfsPointer(head, blob.size)) return { ok: true, reason: 'lfs-pointer' };
  const binary = head === undefined ? undefined : isBinaryContent(head);
  if (size > policy.maxFileSize.bytes) return { ok: false, size, binary, limit: policy.maxFileSize, limitKind: 'file' };
  // Between the limits: only a binary is over. Without its head we cannot tell, so it is held
  // to the binary limit (callers ask for the head whenever `needsHead` says so).
  if (binary === false) return { ok: true, reason: 'under-limit' };
  if (size > policy.maxBinarySize.bytes) return { ok: false, size, binary, limit: policy.maxBinarySize, limitKind: 'binary' };
  return { ok: true, reason: 'under-limit' };
}
